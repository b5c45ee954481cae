"""Pages of the talentpool app (mounted at /talent/ by leadership/urls.py)."""

from django.urls import path

from talentpool import views

app_name = "talentpool"

urlpatterns = [
    path("", views.home, name="home"),
    path("pools/new/", views.pool_new, name="pool_new"),
    path("pools/<uuid:public_id>/", views.pool_detail, name="pool_detail"),
    path("nominate/", views.nominate, name="nominate"),
    path("members/<uuid:public_id>/", views.membership_detail, name="membership_detail"),
    path("members/<uuid:public_id>/decide/", views.membership_decide, name="membership_decide"),
    path(
        "members/<uuid:public_id>/annual-review/",
        views.membership_annual_review,
        name="membership_annual_review",
    ),
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
    path("graduates/", views.graduate_list, name="graduate_list"),
    path("graduates/national/", views.graduate_national, name="graduate_national"),
    path("graduates/new/", views.trainee_new, name="trainee_new"),
    path("graduates/<uuid:public_id>/", views.trainee_detail, name="trainee_detail"),
    path("secondments/", views.secondment_list, name="secondment_list"),
    path("secondments/new/", views.secondment_new, name="secondment_new"),
    path("secondments/<uuid:public_id>/", views.secondment_detail, name="secondment_detail"),
    path("contracts/", views.contract_list, name="contract_list"),
    path("contracts/new/", views.contract_new, name="contract_new"),
    path("contracts/<uuid:public_id>/", views.contract_detail, name="contract_detail"),
]
