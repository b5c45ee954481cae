"""Pages for competencies, development and the 90-day cycle (mounted at /development/)."""

from django.urls import path

from leadership.development import views

app_name = "development"

urlpatterns = [
    path("", views.my_development, name="my_development"),
    path("framework/", views.framework, name="framework"),
    path("pathways/", views.pathways, name="pathways"),
    path("frameworks/", views.framework_versions, name="framework_versions"),
    path("frameworks/<uuid:public_id>/", views.framework_version, name="framework_version"),
    path("frameworks/<uuid:public_id>/<slug:code>/", views.competency_edit, name="competency_edit"),
    path("frameworks/<uuid:public_id>/competencies/new/", views.competency_new, name="competency_new"),
    path("frameworks/<uuid:public_id>/<slug:code>/remove/", views.competency_remove,
         name="competency_remove"),
    path("organisations/<ods:ods_code>/competencies/", views.local_competencies, name="local_competencies"),
    path("organisations/<ods:ods_code>/competencies/new/", views.local_competency_new,
         name="local_competency_new"),
    path("organisations/<ods:ods_code>/competencies/<slug:code>/", views.local_competency_edit,
         name="local_competency_edit"),
    path("organisations/<ods:ods_code>/competencies/<slug:code>/remove/", views.local_competency_remove,
         name="local_competency_remove"),
    path("pathways/manage/", views.pathway_list, name="pathway_list"),
    path("pathways/new/", views.pathway_new, name="pathway_new"),
    path("pathways/<uuid:public_id>/", views.pathway_detail, name="pathway_detail"),
    path("pathways/<uuid:public_id>/edit/", views.pathway_edit, name="pathway_edit"),
    path("pathways/<uuid:public_id>/remove/", views.pathway_delete, name="pathway_delete"),
    path("pathways/<uuid:public_id>/steps/new/", views.step_new, name="pathway_step_new"),
    path("pathways/<uuid:public_id>/steps/<int:order>/", views.step_edit, name="pathway_step_edit"),
    path("pathways/<uuid:public_id>/steps/<int:order>/remove/", views.step_delete,
         name="pathway_step_delete"),
    path("assessment/", views.self_assessment, name="self_assessment"),
    path("assessment/360/", views.invite_raters, name="invite_raters"),
    path("assessment/360/approvals/", views.rater_approvals, name="rater_approvals"),
    path("assessment/360/rounds/<uuid:public_id>/", views.feedback_round, name="feedback_round"),
    path("360/<str:token>/", views.rater_form, name="rater_form"),
    path("people/<uuid:public_id>/", views.person_development, name="person_development"),
    path("people/<uuid:public_id>/rate/", views.rate_person, name="rate_person"),
    path("people/<uuid:public_id>/needs/new/", views.need_new, name="need_new"),
    path("people/<uuid:public_id>/aspiration/", views.plan_aspiration, name="plan_aspiration"),
    path("needs/<uuid:public_id>/", views.need_edit, name="need_edit"),
    path("cycle/", views.my_cycle, name="my_cycle"),
    path("organisations/<ods:ods_code>/cycle/", views.organisation_cycle, name="organisation_cycle"),
    path("cycles/<uuid:public_id>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<uuid:public_id>/actions/new/", views.action_new, name="action_new"),
    path("cycles/<uuid:public_id>/check-ins/<int:day>/", views.check_in, name="check_in"),
    path("cycles/<uuid:public_id>/review/", views.cycle_review, name="cycle_review"),
    path("actions/<uuid:public_id>/", views.action_edit, name="action_edit"),
    path("actions/<uuid:public_id>/delete/", views.action_delete, name="action_delete"),
]
