"""Pages of the appraisal app (mounted at /appraisal/ by leadership/urls.py)."""

from django.urls import path

from appraisal import views

app_name = "appraisal"

urlpatterns = [
    path("", views.my_appraisals, name="my_appraisals"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/<ods:ods_code>/", views.template_new, name="template_new"),
    path("templates/<uuid:template_id>/revise/", views.template_revise, name="template_revise"),
    path("organisations/<ods:ods_code>/", views.organisation_appraisals, name="organisation_appraisals"),
    path("organisations/<ods:ods_code>/cycles/new/", views.cycle_new, name="cycle_new"),
    path("organisations/<ods:ods_code>/calibration/", views.calibration, name="calibration"),
    path("cycles/<uuid:public_id>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<uuid:public_id>/start/", views.appraisal_start, name="appraisal_start"),
    path("cycles/<uuid:public_id>/start-everyone/", views.cycle_bulk_start, name="cycle_bulk_start"),
    path("cycles/<uuid:public_id>/export.csv", views.cycle_export, name="cycle_export"),
    path("bulk-starts/<uuid:public_id>/", views.bulk_start_detail, name="bulk_start_detail"),
    path("bulk-starts/<uuid:public_id>/start-again/", views.bulk_start_resume, name="bulk_start_resume"),
    path("bulk-starts/<uuid:public_id>/cancel/", views.bulk_start_cancel, name="bulk_start_cancel"),
    path("people/<uuid:public_id>/start/", views.report_appraisal_start, name="report_appraisal_start"),
    path("appraisers/<uuid:public_id>/exception/", views.appraiser_exception_new,
         name="appraiser_exception_new"),
    path("scorecards/<ods:ods_code>/", views.scorecard, name="scorecard"),
    path(
        "scorecards/<ods:ods_code>/measures/new/", views.scorecard_measure_new, name="scorecard_measure_new"
    ),
    path("scorecards/<ods:ods_code>/targets/<slug:measure>/", views.scorecard_target_edit,
         name="scorecard_target_edit"),
    path("measures/<uuid:public_id>/edit/", views.scorecard_measure_edit, name="scorecard_measure_edit"),
    path("measures/<uuid:public_id>/remove/", views.scorecard_measure_delete,
         name="scorecard_measure_delete"),
    path("footprints/<ods:ods_code>/scorecards/", views.scorecard_footprint, name="scorecard_footprint"),
    path("objectives/<uuid:public_id>/", views.objective_edit, name="objective_edit"),
    path("objectives/<uuid:public_id>/delete/", views.objective_delete, name="objective_delete"),
    path("<uuid:public_id>/", views.appraisal_detail, name="appraisal_detail"),
    path("<uuid:public_id>/objectives/new/", views.objective_new, name="objective_new"),
    path("<uuid:public_id>/step/", views.appraisal_step, name="appraisal_step"),
    path("<uuid:public_id>/appraiser/", views.appraisal_reassign, name="appraisal_reassign"),
    path("<uuid:public_id>/addenda/new/", views.addendum_new, name="addendum_new"),
    path("<uuid:public_id>/calibrate/", views.calibration_change, name="calibration_change"),
    path("<uuid:public_id>/pdf/", views.appraisal_pdf, name="appraisal_pdf"),
]
