"""/api/: the token endpoint, the schema and its docs, and v1 resources."""

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from leadership.api import registry, views

app_name = "api"

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("people", views.PersonViewSet, basename="person")

# Each app registers its own resources (AppConfig.ready) on the one router, in the same conventions.
feature_urlpatterns = []
for routes, extra_urlpatterns in registry.registered_apis():
    routes(router)
    feature_urlpatterns += extra_urlpatterns

urlpatterns = [
    path("oauth/token/", views.TokenView.as_view(), name="oauth_token"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("docs/", views.DocsView.as_view(), name="docs"),
    path("v1/", include(router.urls)),
    path("v1/deletions/", views.DeletionList.as_view(), name="deletion-list"),
    path("v1/", include(feature_urlpatterns)),
    # [\s\S], not ".": a path with a newline in it must reach the JSON 404 too.
    re_path(r"^[\s\S]*$", views.NotFoundView.as_view(), name="not_found"),
]
