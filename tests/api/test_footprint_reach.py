"""The footprint rule over the API (leadership.access.personal_reach): an ICB's client reads the
organisations and figures under it, but a trust's personal records only while the trust has a data-sharing
agreement in force with the ICB covering that area; a talent-pool member who has not consented, never.

Four cases for the ICB's client: no agreement, an agreement, an expired one and a revoked one.
"""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from leadership import services
from leadership.models import PERSONAL_SCOPES, DataSharingAgreement, Role
from tests import isolation_registry
from tests.factories import PersonFactory, user_with_person

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 15)
CASES = isolation_registry.api_cases() | {
    "api:person-detail": ("object", lambda w: reverse(
        "api:person-detail", args=[w["same_org_manager"].person.public_id])),
    "api:organisation-detail": ("object", lambda w: reverse(
        "api:organisation-detail", args=[w["same_org"].public_id])),
}
# Personal records and the agreement scope each is read under.
PERSONAL = {
    "api:person-detail": "people:read",
    "api:appraisal-detail": "appraisals:read",
    "api:assessment-detail": "development:read",
    "api:development-plan-detail": "development:read",
    "api:action-cycle-detail": "development:read",
    "api:training-record-detail": "training:read",
    "api:graduate-trainee-detail": "talent:read",
    "api:secondment-detail": "talent:read",
}
LISTS = {name: name.replace("-detail", "-list") for name in PERSONAL}
# Organisation records and figures: the ICB reads them with or without an agreement.
FOOTPRINT_WIDE = ["api:organisation-detail", "api:scorecard-detail", "api:talent-pool-detail",
                  "api:dashboard-organisation"]


@pytest.fixture(autouse=True)
def noon():
    with time_machine.travel(f"{TODAY.isoformat()} 12:00:00+01:00", tick=True):
        yield


@pytest.fixture
def world(same_org, same_org_manager):
    return isolation_registry.build_world({"same_org": same_org, "same_org_manager": same_org_manager})


@pytest.fixture
def trust_admin(same_org):
    return user_with_person(same_org, role=Role.HR_ADMIN, first_name="Tess", last_name="Trustadmin")


def _agree(trust_admin, icb, same_org, *, scopes=PERSONAL_SCOPES, valid_from=TODAY - timedelta(days=30),
           valid_until=None):
    return services.sharing_agreement_record(
        actor=trust_admin, trust=same_org, footprint=icb, scopes=list(scopes), valid_from=valid_from,
        valid_until=valid_until, agreed_by_name="Casey Guardian, Caldicott Guardian")


def _ids(api, route) -> set[str]:
    response = api.get(reverse(route), {"page_size": 200})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _detail_id(url: str) -> str:
    return url.rstrip("/").rsplit("/", 1)[-1]


def _reads(api, world, name) -> bool:
    """Whether the client reads the record both ways: its detail answers, and its list holds it."""
    url = CASES[name][1](world)
    detail = api.get(url).status_code
    assert detail in (200, 404)
    listed = _detail_id(url) in _ids(api, LISTS[name])
    assert listed == (detail == 200), f"{name}: the list and the detail disagree"
    return detail == 200


def test_without_an_agreement_an_icb_client_reads_no_personal_record_of_a_trust(icb_api, world):
    assert {name for name in PERSONAL if _reads(icb_api, world, name)} == set()
    for name in FOOTPRINT_WIDE:
        assert icb_api.get(CASES[name][1](world)).status_code == 200, name


def test_an_appraisal_of_another_trust_is_a_404_for_an_icb_client_without_an_agreement(icb_api, world):
    response = icb_api.get(reverse("api:appraisal-detail", args=[world["appraisal_signed"].public_id]))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_with_an_agreement_an_icb_client_reads_the_trusts_personal_records(icb_api, world, icb, same_org,
                                                                           trust_admin):
    _agree(trust_admin, icb, same_org)
    assert {name for name in PERSONAL if _reads(icb_api, world, name)} == set(PERSONAL)


def test_an_agreement_opens_only_the_areas_it_covers(icb_api, world, icb, same_org, trust_admin):
    _agree(trust_admin, icb, same_org, scopes=["appraisals:read", "training:read"])
    assert {name for name in PERSONAL if _reads(icb_api, world, name)} == {
        "api:appraisal-detail", "api:training-record-detail"}


def test_a_non_consenting_pool_member_stays_hidden_under_an_agreement(icb_api, world, icb, same_org,
                                                                     trust_admin):
    _agree(trust_admin, icb, same_org)
    member = world["talent_member"]
    assert member.consent_to_share is False
    assert icb_api.get(reverse("api:talent-pool-member-detail", args=[member.public_id])).status_code == 404
    assert str(member.public_id) not in _ids(icb_api, "api:talent-pool-member-list")
    member.consent_to_share = True
    member.save(update_fields=["consent_to_share"])
    assert icb_api.get(reverse("api:talent-pool-member-detail", args=[member.public_id])).status_code == 200


def test_an_expired_agreement_opens_nothing(icb_api, world, icb, same_org, trust_admin):
    _agree(trust_admin, icb, same_org, valid_from=TODAY - timedelta(days=365),
           valid_until=TODAY - timedelta(days=1))
    assert {name for name in PERSONAL if _reads(icb_api, world, name)} == set()


def test_an_agreement_not_yet_started_opens_nothing(icb_api, world, icb, same_org, trust_admin):
    _agree(trust_admin, icb, same_org, valid_from=TODAY + timedelta(days=1))
    assert {name for name in PERSONAL if _reads(icb_api, world, name)} == set()


def test_an_agreement_counts_on_its_last_day(icb_api, world, icb, same_org, trust_admin):
    _agree(trust_admin, icb, same_org, valid_from=TODAY - timedelta(days=10), valid_until=TODAY)
    assert _reads(icb_api, world, "api:appraisal-detail")


def test_a_revoked_agreement_stops_at_once_even_for_a_token_already_issued(icb_api, world, icb, same_org,
                                                                           trust_admin):
    agreement = _agree(trust_admin, icb, same_org)
    assert _reads(icb_api, world, "api:appraisal-detail")
    services.sharing_agreement_revoke(actor=trust_admin, agreement=agreement)
    assert {name for name in PERSONAL if _reads(icb_api, world, name)} == set()


def test_an_agreement_with_another_footprint_opens_nothing_to_this_one(icb_api, world, same_org, trust_admin):
    from leadership.models import Organisation

    region = Organisation.objects.create(ods_code="Y99", name="Test Region", kind=Organisation.Kind.REGION)
    same_org.parent.parent = region
    same_org.parent.save(update_fields=["parent"])
    _agree(trust_admin, region, same_org)
    assert {name for name in PERSONAL if _reads(icb_api, world, name)} == set()


@pytest.mark.parametrize("route", ["api:person-export", "api:training-record-export"])
def test_exports_follow_the_agreement(icb_api, world, icb, same_org, trust_admin, route):
    def body():
        response = icb_api.get(reverse(route))
        assert response.status_code == 200
        return b"".join(response.streaming_content) if response.streaming else response.content

    marker = b"Morgan" if route == "api:person-export" else str(world["training_record"].public_id).encode()
    assert marker not in body()
    agreement = _agree(trust_admin, icb, same_org)
    assert marker in body()
    services.sharing_agreement_revoke(actor=trust_admin, agreement=agreement)
    assert marker not in body()


def test_the_icb_client_still_reads_its_own_staff(icb_api, world, icb):
    ivy = PersonFactory(organisation=icb, first_name="Ivy")
    assert str(ivy.public_id) in _ids(icb_api, "api:person-list")
    assert DataSharingAgreement.objects.count() == 0
