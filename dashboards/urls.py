from django.urls import path

from dashboards import views

app_name = "dashboards"

urlpatterns = [
    path("", views.dashboard_index, name="index"),
    path("national/", views.national_dashboard, name="national"),
    path("organisations/<ods:ods_code>/", views.organisation_dashboard, name="organisation"),
    path("footprints/<ods:ods_code>/", views.footprint_dashboard, name="footprint"),
]
