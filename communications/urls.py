"""Pages of communications, mounted at /communications/ (portal/urls.py)."""

from django.urls import path

from communications import views
from communications.handbook import views as handbook
from communications.passport import views as passport

app_name = "communications"

urlpatterns = [
    path("broadcasts/", views.broadcast_feed, name="broadcast_feed"),
    path("broadcasts/sent/", views.broadcast_sent, name="broadcast_sent"),
    path("broadcasts/sent/export.csv", views.broadcast_export, name="broadcast_export"),
    path("broadcasts/new/", views.broadcast_new, name="broadcast_new"),
    path("broadcasts/<uuid:public_id>/", views.broadcast_detail, name="broadcast_detail"),
    path("broadcasts/<uuid:public_id>/rates/", views.broadcast_rates, name="broadcast_rates"),
    path("broadcasts/<uuid:public_id>/pass-on/", views.broadcast_cascade, name="broadcast_cascade"),
    path("broadcasts/<uuid:public_id>/withdraw/", views.broadcast_withdraw, name="broadcast_withdraw"),
    path("boards/", views.board_list, name="board_list"),
    path("boards/search/", views.board_search, name="board_search"),
    path("boards/new/", views.thread_new, name="thread_new"),
    path("boards/moderation/", views.moderation_queue, name="moderation_queue"),
    path("boards/threads/<uuid:public_id>/", views.thread_detail, name="thread_detail"),
    path("boards/threads/<uuid:public_id>/follow/", views.thread_follow, name="thread_follow"),
    path("boards/posts/<uuid:public_id>/helped/", views.post_endorse, name="post_endorse"),
    path("boards/posts/<uuid:public_id>/accept/", views.post_accept, name="post_accept"),
    path("boards/posts/<uuid:public_id>/report/", views.post_report, name="post_report"),
    path("boards/posts/<uuid:public_id>/moderate/", views.post_moderate, name="post_moderate"),
    path("boards/<slug:slug>/", views.board_detail, name="board_detail"),
    path("handbook/", handbook.handbook, name="handbook"),
    path("handbook/versions/", handbook.version_list, name="handbook_versions"),
    path("handbook/versions/<uuid:public_id>/", handbook.version_detail, name="handbook_version"),
    path("handbook/versions/<uuid:public_id>/values/<int:position>/", handbook.value_edit,
         name="handbook_value_edit"),
    path("handbook/versions/<uuid:public_id>/publish/", handbook.version_publish, name="handbook_publish"),
    path("passport/<uuid:public_id>/", passport.passport_detail, name="passport"),
    path("passport/<uuid:public_id>/passport.pdf", passport.passport_pdf, name="passport_pdf"),
    path("passport/<uuid:public_id>/share/", passport.passport_share, name="passport_share"),
    path("passport/shares/<uuid:public_id>/revoke/", passport.share_revoke, name="passport_share_revoke"),
    path("passport/shared/<str:token>/", passport.passport_shared, name="passport_shared"),
]
