"""Every page route has an isolation case: anonymous is refused, another organisation sees 404.

When a route is added without a case here, test_every_route_has_an_isolation_case fails.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from leadership.api_clients import api_client_create
from leadership.models import Organisation, Person, Role
from tests import isolation_registry
from tests.factories import (
    NotificationFactory,
    OrganisationFactory,
    PeopleImportFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.isolation_registry import EVERYONE, NOT_IN_DEMO, STAFF, TRUST_ADMINS

pytestmark = pytest.mark.django_db

# Routes that are public by design, or belong to allauth or the Django admin (tested there).
PUBLIC_OR_THIRD_PARTY = {"healthz", "admin_login"}  # admin_login only redirects to sign-in
# Feature areas name their public routes (e.g. a 360 rater's token link) in PUBLIC_ROUTES.
PUBLIC_OR_THIRD_PARTY |= isolation_registry.public_routes()
# API routes are walked by tests/api/test_api_isolation.py.
THIRD_PARTY_NAMESPACES = ("admin", "accounts/", "api/")


def _named_routes(resolver=None, prefix="", namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(THIRD_PARTY_NAMESPACES):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_routes(entry, route, inner)
        elif isinstance(entry, URLPattern) and entry.name not in PUBLIC_OR_THIRD_PARTY \
                and f"{namespace}{entry.name}" not in PUBLIC_OR_THIRD_PARTY:
            yield f"{namespace}{entry.name}"


def own_person(world):
    return world["same_org_manager"].person


# For each route: how to build its URL for an object of the same organisation, and whether it is
# a list (other organisations get 200 without foreign rows) or an object (they get 404).
CASES = {
    "home": ("list", lambda w: reverse("home")),
    "my_profile": ("list", lambda w: reverse("my_profile")),
    "my_team": ("list", lambda w: reverse("my_team")),
    "people_list": ("list", lambda w: reverse("people_list")),
    "people_export": ("list", lambda w: reverse("people_export")),
    "organisation_list": ("list", lambda w: reverse("organisation_list")),
    "security_events": ("national", lambda w: reverse("security_events")),
    "notification_list": ("list", lambda w: reverse("notification_list")),
    "notification_preferences": ("list", lambda w: reverse("notification_preferences")),
    "api_client_list": ("object", lambda w: reverse("api_client_list", args=["RT1"])),
    "api_client_rotate": ("object", lambda w: reverse("api_client_rotate", args=[w["api_client"].public_id])),
    "api_client_revoke": ("object", lambda w: reverse("api_client_revoke", args=[w["api_client"].public_id])),
    "notification_open": ("action", lambda w: reverse(
        "notification_open", args=[w["notification"].public_id])),
    "person_detail": ("object", lambda w: reverse("person_detail", args=[own_person(w).public_id])),
    "organisation_detail": ("object", lambda w: reverse("organisation_detail", args=["RT1"])),
    "people_import_new": ("object", lambda w: reverse("people_import_new", args=["RT1"])),
    "people_import_detail": ("object", lambda w: reverse(
        "people_import_detail", args=[w["import"].public_id])),
    "people_import_errors": ("object", lambda w: reverse(
        "people_import_errors", args=[w["import"].public_id])),
    "people_import_progress": ("object", lambda w: reverse(
        "people_import_progress", args=[w["import"].public_id])),
}


CASES |= isolation_registry.page_cases()

# The demo roles that open each page by following links (tests/isolation_registry.py, EVERYONE etc.).
REACHABLE_BY = {
    "home": EVERYONE,
    "my_profile": EVERYONE,
    "my_team": STAFF,
    "people_list": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "people_export": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "organisation_list": EVERYONE,
    "security_events": {"national_admin"},
    "notification_list": EVERYONE,
    "notification_preferences": EVERYONE,
    "api_client_list": TRUST_ADMINS,
    "api_client_rotate": {"hr_admin"},  # the demo trust's client (leadership/demo/operations.py)
    "api_client_revoke": {"hr_admin"},
    "notification_open": EVERYONE,
    "person_detail": {"board_secretary", "hr_admin", "manager", "national_admin"},
    "organisation_detail": EVERYONE,
    "people_import_new": TRUST_ADMINS,
    "people_import_detail": NOT_IN_DEMO,
    "people_import_errors": NOT_IN_DEMO,
    "people_import_progress": NOT_IN_DEMO,
}
REACHABLE_BY |= isolation_registry.reachable_by()


@pytest.fixture
def world(same_org, same_org_hr_admin, same_org_manager, other_org_hr_admin):
    return isolation_registry.build_world({
        "same_org": same_org,
        "same_org_hr_admin": same_org_hr_admin,
        "same_org_manager": same_org_manager,
        "import": PeopleImportFactory(organisation=same_org, uploaded_by=same_org_hr_admin),
        "notification": NotificationFactory(recipient=same_org_hr_admin),
        "api_client": api_client_create(actor=None, organisation=same_org, scopes=["people:read"],
                                        name="Dashboard")[0],
    })


def test_every_route_has_an_isolation_case():
    assert set(_named_routes()) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_is_sent_to_sign_in(client, world, name):
    _, url = CASES[name]
    response = client.get(url(world))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_same_organisation_hr_admin_can_open_it_unless_it_is_national(client_for, world,
                                                                      same_org_hr_admin, name):
    kind, url = CASES[name]
    client = client_for(same_org_hr_admin)
    if kind == "action":  # POST-only: acting on one's own object redirects onwards
        assert client.post(url(world)).status_code == 302
        return
    expected = 404 if kind == "national" else 200
    assert client.get(url(world)).status_code == expected


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in CASES.items() if kind == "national"))
def test_national_routes_open_for_a_national_admin_only(client_for, world, name):
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    _, url = CASES[name]
    assert client_for(admin).get(url(world)).status_code == 200


def test_the_fingerprints_cover_every_project_table_and_see_one_changed_field(world):
    before = isolation_registry.table_fingerprints()
    assert {"leadership_person", "training_trainingrecord", "appraisal_appraisal",
            "talentpool_poolmembership", "dashboards_measurevalue"} <= before.keys()
    Person.objects.filter(pk=own_person(world).pk).update(job_title="Changed quietly")
    assert isolation_registry.changed_tables(before, isolation_registry.table_fingerprints()) == [
        "leadership_person", "leadership_personevent"]  # the row, and pghistory's record of the change


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in CASES.items() if kind != "list"))
def test_another_organisation_gets_404_and_changes_nothing(client_for, world, other_org_hr_admin,
                                                           name):
    _, url = CASES[name]
    client = client_for(other_org_hr_admin)
    before = isolation_registry.table_fingerprints()
    if CASES[name][0] != "action":
        assert client.get(url(world)).status_code == 404
    assert client.post(url(world), {"file": ""}).status_code in ({404} if CASES[name][0] == "action"
                                                                 else {404, 405})
    assert isolation_registry.changed_tables(before, isolation_registry.table_fingerprints()) == []


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in CASES.items() if kind == "list"))
def test_a_list_never_shows_a_foreign_row(client_for, world, other_org_hr_admin, name):
    _, url = CASES[name]
    response = client_for(other_org_hr_admin).get(url(world))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    for foreign in ("Morgan", "Manager", "RT1", "Same Hospitals"):
        assert foreign.encode() not in body, f"{name} shows {foreign}"
