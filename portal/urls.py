"""The portal's address space: each app's pages under its prefix, the API, sign-in and the admin."""

from django.contrib import admin
from django.urls import include, path

from leadership import views as leadership_views
from leadership.api import errors
from portal import health

# Under /api/ these answer JSON in the API's error shape; elsewhere Django's pages (templates/4xx.html).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

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
    path("communications/", include("communications.urls")),
    path("governance/", include("governance.urls")),
    path("", include("leadership.urls")),
]
