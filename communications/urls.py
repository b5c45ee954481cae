from django.urls import path

from communications.handbook import views as handbook
from communications.passport import views as passport

app_name = "communications"

urlpatterns: list = [
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
