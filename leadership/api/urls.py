"""/api/: the token endpoint, the schema and its docs, and v1 resources."""

from django.urls import include, path, re_path
from oauth2_provider.views import TokenView
from rest_framework.routers import SimpleRouter

from leadership.api import views

app_name = "api"

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("people", views.PersonViewSet, basename="person")

urlpatterns = [
    path("oauth/token/", TokenView.as_view(), name="oauth_token"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("v1/", include(router.urls)),
    path("v1/deletions/", views.DeletionList.as_view(), name="deletion-list"),
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found"),
]
