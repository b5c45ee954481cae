"""Each app adds its API resources here from its AppConfig.ready; leadership/api/urls.py builds the one
router from them, so a new resource touches only its own app."""

from collections.abc import Callable

_APIS: dict[str, tuple[Callable, list]] = {}


def register_api(app: str, *, routes: Callable, urlpatterns: list | tuple = ()) -> None:
    """`routes(router)` registers the app's viewsets; `urlpatterns` are its other /api/v1/ paths."""
    _APIS[app] = (routes, list(urlpatterns))


def registered_apis() -> list[tuple[Callable, list]]:
    return list(_APIS.values())
