from django.contrib import admin
from django.urls import include, path

import leadership.converters  # noqa: F401  (the <ods:...> converter)
from leadership import views
from leadership.api import errors

# Under /api/ these answer JSON in the API's error shape; elsewhere Django's pages (templates/4xx.html).
handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("allauth.urls")),
    path("api/", include("leadership.api.urls")),
    path("admin/login/", views.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
    path("security/events/", views.security_events, name="security_events"),
    path("development/", include("leadership.development.urls")),
    path("training/", include("training.urls")),
    path("appraisal/", include("appraisal.urls")),
    path("talent/", include("talentpool.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/preferences/", views.notification_preferences, name="notification_preferences"),
    path("notifications/<uuid:public_id>/open", views.notification_open, name="notification_open"),
    path("me/", views.my_profile, name="my_profile"),
    path("me/team/", views.my_team, name="my_team"),
    path("people/", views.people_list, name="people_list"),
    path("people/export.csv", views.people_export, name="people_export"),
    path("people/<uuid:public_id>/", views.person_detail, name="person_detail"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<ods:ods_code>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<ods:ods_code>/import/", views.people_import_new, name="people_import_new"),
    path("organisations/<ods:ods_code>/api-clients/", views.api_client_list, name="api_client_list"),
    path("api-clients/<uuid:public_id>/rotate/", views.api_client_rotate, name="api_client_rotate"),
    path("api-clients/<uuid:public_id>/revoke/", views.api_client_revoke, name="api_client_revoke"),
    path("imports/<uuid:public_id>/", views.people_import_detail, name="people_import_detail"),
    path("imports/<uuid:public_id>/progress.json", views.people_import_progress,
         name="people_import_progress"),
]
