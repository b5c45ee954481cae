"""WSGI app for the http benchmark: the portal (portal.wsgi's Django) plus one minimal view.

/bench/minimal/ returns the bytes in $BENCH_MINIMAL_BODY (a saved copy of the API page, so the same
size) as JSON through the same Django, middleware and gunicorn, with no database and no
serialization. The API throttle (600 a minute per client) is raised for the load test only.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from django.conf import settings  # noqa: E402

settings.ROOT_URLCONF = "bench.http_app"
settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api": "100000000/min"}}

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()  # django.setup() before the URL modules are imported

from django.http import HttpResponse  # noqa: E402
from django.urls import include, path  # noqa: E402

with open(os.environ["BENCH_MINIMAL_BODY"], "rb") as body_file:
    BODY = body_file.read()


def minimal(request):
    return HttpResponse(BODY, content_type="application/json")


urlpatterns = [path("bench/minimal/", minimal), path("", include("portal.urls"))]
