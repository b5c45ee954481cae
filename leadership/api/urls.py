"""/api/: the token endpoint, the schema and its docs, and v1 resources."""

from importlib import import_module

from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from leadership.api import views

app_name = "api"

router = SimpleRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("people", views.PersonViewSet, basename="person")

# Each feature area adds its own resources to the one router, in the same conventions.
FEATURE_APIS = ["leadership.development.api", "training.api", "appraisal.api", "talentpool.api",
                "dashboards.api"]
feature_urlpatterns = []
for module_name in FEATURE_APIS:
    module = import_module(module_name)
    module.register(router)
    feature_urlpatterns += module.extra_urlpatterns

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
