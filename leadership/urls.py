"""The core's pages: home, people, organisations, notifications, API clients, imports."""

from django.urls import path

import leadership.converters  # noqa: F401  (the <ods:...> converter)
from leadership import views
from leadership.data_rights import views as data_rights_views
from leadership.invitations import views as invitation_views
from leadership.mergers import views as merger_views
from leadership.people import views as people_views
from leadership.roles import views as role_views

urlpatterns = [
    path("", views.home, name="home"),
    path("security/events/", views.security_events, name="security_events"),
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/preferences/", views.notification_preferences, name="notification_preferences"),
    path("notifications/undelivered/", views.undelivered_mail, name="undelivered_mail"),
    path("notifications/<uuid:public_id>/open", views.notification_open, name="notification_open"),
    path("me/", views.my_profile, name="my_profile"),
    path("me/team/", views.my_team, name="my_team"),
    path("people/", views.people_list, name="people_list"),
    path("people/export.csv", views.people_export, name="people_export"),
    path("people/invite/", invitation_views.people_invite, name="people_invite"),
    path("people/<uuid:public_id>/edit/", people_views.person_edit, name="person_edit"),
    path("people/<uuid:public_id>/leave/", people_views.person_leave, name="person_leave"),
    path("organisations/<ods:ods_code>/people/new/", people_views.person_new, name="person_new"),
    path("people/<uuid:public_id>/invite/", invitation_views.person_invite, name="person_invite"),
    path("invitations/<uuid:public_id>/resend/", invitation_views.invitation_resend,
         name="invitation_resend"),
    path("invitations/<uuid:public_id>/revoke/", invitation_views.invitation_revoke,
         name="invitation_revoke"),
    # Public: the emailed one-time link (it carries the token, never a public id).
    path("invitations/<str:token>/", invitation_views.invitation_accept, name="invitation_accept"),
    path("people/<uuid:public_id>/", views.person_detail, name="person_detail"),
    path("people/<uuid:public_id>/data-export/", data_rights_views.person_data_export,
         name="person_data_export"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/mergers/", merger_views.merger_list, name="merger_list"),
    path("organisations/mergers/new/", merger_views.merger_new, name="merger_new"),
    path("organisations/mergers/<uuid:public_id>/", merger_views.merger_detail, name="merger_detail"),
    path("organisations/<ods:ods_code>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<ods:ods_code>/import/", views.people_import_new, name="people_import_new"),
    path("organisations/<ods:ods_code>/api-clients/", views.api_client_list, name="api_client_list"),
    path("organisations/<ods:ods_code>/data-sharing/new/", views.sharing_agreement_new,
         name="sharing_agreement_new"),
    path("data-sharing/<uuid:public_id>/revoke/", views.sharing_agreement_revoke,
         name="sharing_agreement_revoke"),
    path("organisations/<ods:ods_code>/roles/new/", role_views.role_grant, name="role_grant"),
    path("roles/<uuid:public_id>/revoke/", role_views.role_revoke, name="role_revoke"),
    path("api-clients/<uuid:public_id>/rotate/", views.api_client_rotate, name="api_client_rotate"),
    path("api-clients/<uuid:public_id>/revoke/", views.api_client_revoke, name="api_client_revoke"),
    path("imports/<uuid:public_id>/", views.people_import_detail, name="people_import_detail"),
    path("imports/<uuid:public_id>/problems.csv", views.people_import_errors, name="people_import_errors"),
    path("imports/<uuid:public_id>/progress.json", views.people_import_progress,
         name="people_import_progress"),
]
