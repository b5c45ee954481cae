"""Pages of the talentpool app (mounted at /talent/ by leadership/urls.py)."""

from django.urls import path

from talentpool import views

app_name = "talentpool"

urlpatterns = [
    path("", views.home, name="home"),
    path("pools/new/", views.pool_new, name="pool_new"),
    path("pools/<uuid:public_id>/", views.pool_detail, name="pool_detail"),
    path("pools/<uuid:public_id>/edit/", views.pool_edit, name="pool_edit"),
    path("pools/<uuid:public_id>/close/", views.pool_close, name="pool_close"),
    path("nominate/", views.nominate, name="nominate"),
    path("members/<uuid:public_id>/", views.membership_detail, name="membership_detail"),
    path("members/<uuid:public_id>/decide/", views.membership_decide, name="membership_decide"),
    path(
        "members/<uuid:public_id>/annual-review/",
        views.membership_annual_review,
        name="membership_annual_review",
    ),
    path("members/<uuid:public_id>/withdraw/", views.membership_withdraw, name="membership_withdraw"),
    path("members/<uuid:public_id>/profile/", views.membership_profile, name="membership_profile"),
    path("members/<uuid:public_id>/shortlist/", views.membership_shortlist, name="membership_shortlist"),
    path("search/", views.search, name="search"),
    path("search/export.csv", views.search_export, name="search_export"),
    path("reviews/", views.review_list, name="review_list"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<uuid:public_id>/", views.review_detail, name="review_detail"),
    path("reviews/<uuid:public_id>/decide/", views.review_decide, name="review_decide"),
    path("succession/", views.succession_list, name="succession_list"),
    path("succession/new/", views.succession_new, name="succession_new"),
    path("succession/<uuid:public_id>/", views.succession_detail, name="succession_detail"),
    path("succession/<uuid:plan_id>/candidates/<uuid:person_id>/readiness/", views.candidate_readiness,
         name="candidate_readiness"),
    path("succession/<uuid:plan_id>/candidates/<uuid:person_id>/remove/", views.candidate_remove,
         name="candidate_remove"),
    path("graduates/", views.graduate_list, name="graduate_list"),
    path("graduates/national/", views.graduate_national, name="graduate_national"),
    path("graduates/new/", views.trainee_new, name="trainee_new"),
    path("graduates/<uuid:public_id>/", views.trainee_detail, name="trainee_detail"),
    path("secondments/", views.secondment_list, name="secondment_list"),
    path("secondments/new/", views.secondment_new, name="secondment_new"),
    path("secondments/export.csv", views.secondment_export, name="secondment_export"),
    path("secondments/<uuid:public_id>/", views.secondment_detail, name="secondment_detail"),
    path("secondments/<uuid:public_id>/edit/", views.secondment_edit, name="secondment_edit"),
    path("secondments/<uuid:public_id>/cancel/", views.secondment_cancel, name="secondment_cancel"),
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/new/", views.contract_new, name="contract_new"),
    path("contracts/export.csv", views.contract_export, name="contract_export"),
    path("contracts/<uuid:public_id>/", views.contract_detail, name="contract_detail"),
    path("contracts/<uuid:public_id>/edit/", views.contract_edit, name="contract_edit"),
    path("contracts/<uuid:public_id>/extend/", views.contract_extend, name="contract_extend"),
    path("contracts/<uuid:public_id>/end/", views.contract_end, name="contract_end"),
    path("people/<uuid:public_id>/pool-exception/", views.pool_exception, name="pool_exception"),
    path("people/<uuid:public_id>/recruited-from/", views.external_recruit, name="external_recruit"),
]
