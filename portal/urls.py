"""The portal's address space: each app's pages under its prefix, the API, sign-in and the admin."""

from django.contrib import admin
from django.urls import include, path

from leadership import views as leadership_views
from portal import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("api/", include("leadership.api.urls")),
    path("admin/login/", leadership_views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("development/", include("leadership.development.urls")),
    path("training/", include("training.urls")),
    path("appraisal/", include("appraisal.urls")),
    path("talent/", include("talentpool.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("", include("leadership.urls")),
]
