"""Pages of the training app (mounted at /training/ by leadership/urls.py)."""

from django.urls import path

from training import views

app_name = "training"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mine/", views.my_training, name="my_training"),
    path("courses/new/", views.course_edit, name="course_new"),
    path("courses/<uuid:public_id>/", views.course_detail, name="course_detail"),
    path("courses/<uuid:public_id>/edit/", views.course_edit, name="course_edit"),
    path("courses/<uuid:public_id>/runs/new/", views.run_new, name="run_new"),
    path("runs/<uuid:public_id>/edit/", views.run_edit, name="run_edit"),
    path("runs/<uuid:public_id>/cancel/", views.run_cancel, name="run_cancel"),
    path("runs/<uuid:public_id>/request/", views.enrolment_request, name="enrolment_request"),
    path("enrolments/<uuid:public_id>/decide/", views.enrolment_decide, name="enrolment_decide"),
    path("enrolments/<uuid:public_id>/cancel", views.enrolment_cancel, name="enrolment_cancel"),
    path("providers/", views.provider_list, name="provider_list"),
    path("providers/new/", views.provider_edit, name="provider_new"),
    path("providers/<uuid:public_id>/", views.provider_detail, name="provider_detail"),
    path("providers/<uuid:public_id>/edit/", views.provider_edit, name="provider_edit"),
    path("people/<uuid:public_id>/", views.person_training, name="person_training"),
    path("people/<uuid:public_id>/records/new/", views.record_new, name="record_new"),
    path("records/<uuid:public_id>/edit/", views.record_edit, name="record_edit"),
    path("records/<uuid:public_id>/certificate", views.record_certificate, name="record_certificate"),
    path("records/<uuid:public_id>/rate/", views.record_evaluate, name="record_evaluate"),
    path("organisations/<ods:ods_code>/import/", views.import_new, name="import_new"),
    path("imports/<uuid:public_id>/", views.import_detail, name="import_detail"),
    path("imports/<uuid:public_id>/problems.csv", views.import_errors, name="import_errors"),
    path("imports/<uuid:public_id>/progress.json", views.import_progress, name="import_progress"),
    path("dashboard/", views.dashboard_national, name="dashboard_national"),
    path("dashboard/export.csv", views.dashboard_national_export, name="dashboard_national_export"),
    path("dashboard/<ods:ods_code>/", views.dashboard_organisation, name="dashboard_organisation"),
    path(
        "dashboard/<ods:ods_code>/export.csv",
        views.dashboard_organisation_export,
        name="dashboard_organisation_export",
    ),
    path("pathways/<uuid:public_id>/courses/", views.pathway_courses, name="pathway_courses"),
]
