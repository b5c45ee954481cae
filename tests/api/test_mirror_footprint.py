"""An ICB's mirror of a trust's personal records follows the trust's data-sharing agreement: with no
agreement, an expired or a revoked one the ICB's pulls and deletion feeds hold none of the trust's rows
(not even the ids of deleted ones); with one in force, a full pull then deltas plus deletions stays exact."""

from datetime import timedelta

import pytest
from django.utils import timezone

from leadership import services
from leadership.development.services import plan_for
from leadership.models import PERSONAL_SCOPES, Role
from tests.api.mirror import Mirror, pull
from tests.api.test_mirror_appraisal import _appraisals_in
from tests.factories import OrganisationFactory, PersonFactory, user_with_person

pytestmark = pytest.mark.django_db(transaction=True)
CASES = ["none", "agreement", "expired", "revoked"]


def _share(case, *, trust, icb):
    """The trust's agreement with the ICB as the case has it; returns a function that revokes it."""
    if case == "none":
        return lambda: None
    admin = user_with_person(trust, role=Role.HR_ADMIN)
    today = timezone.localdate()
    agreement = services.sharing_agreement_record(
        actor=admin, trust=trust, footprint=icb, scopes=list(PERSONAL_SCOPES),
        valid_from=today - timedelta(days=400),
        valid_until=today - timedelta(days=1) if case == "expired" else None,
        agreed_by_name="Casey Guardian")
    if case == "revoked":
        services.sharing_agreement_revoke(actor=admin, agreement=agreement)
    return lambda: services.sharing_agreement_revoke(actor=admin, agreement=agreement)


@pytest.fixture
def footprint():
    icb = OrganisationFactory(ods_code="QZ1", name="Mirror ICB", kind="icb")
    return icb, OrganisationFactory(ods_code="RZ1", parent=icb), OrganisationFactory(ods_code="RZ2",
                                                                                     parent=icb)


@pytest.mark.parametrize("case", CASES)
def test_an_icb_appraisal_mirror_follows_the_trusts_agreement(api_for, footprint, case):
    icb, trust, sibling = footprint
    _, _, (kept, doomed) = _appraisals_in(trust, 2)
    _, _, (unshared,) = _appraisals_in(sibling, 1)
    _share(case, trust=trust, icb=icb)
    mirror = Mirror(api_for(icb, ["appraisals:read"]), "appraisals", "api:appraisal-list")
    shared = case == "agreement"
    assert set(mirror.rows) == ({str(kept.public_id), str(doomed.public_id)} if shared else set())

    doomed_id = str(doomed.public_id)
    doomed.delete()
    unshared.delete()  # a trust with no agreement: its deletions are not the ICB's business

    assert mirror.catch_up() == ({doomed_id} if shared else set())
    mirror.assert_exact()


@pytest.mark.parametrize("case", CASES)
def test_an_icb_people_and_plans_mirror_follows_the_trusts_agreement(api_for, footprint, case):
    icb, trust, _ = footprint
    staff = [PersonFactory(organisation=trust) for _ in range(3)]
    for person in staff:
        plan_for(person)
    _share(case, trust=trust, icb=icb)
    api = api_for(icb, ["people:read", "development:read"])
    people = Mirror(api, "people", "api:person-list")
    plans = Mirror(api, "development-plans", "api:development-plan-list")
    shared = case == "agreement"
    assert len(plans.rows) == (3 if shared else 0)
    assert ({str(p.public_id) for p in staff} <= set(people.rows)) == shared
    assert bool(people.rows) == shared

    leaver_id = str(staff[0].public_id)
    staff[0].delete()  # cascades to the plan, whose deletion the feed reports by the person's organisation

    assert people.catch_up() == ({leaver_id} if shared else set())
    assert len(plans.catch_up()) == (1 if shared else 0)
    people.assert_exact()
    plans.assert_exact()


def test_after_revocation_the_icb_hears_of_no_more_of_the_trusts_rows(api_for, footprint):
    icb, trust, _ = footprint
    _, _, (appraisal,) = _appraisals_in(trust, 1)
    revoke = _share("agreement", trust=trust, icb=icb)
    api = api_for(icb, ["appraisals:read"])
    mirror = Mirror(api, "appraisals", "api:appraisal-list")
    assert set(mirror.rows) == {str(appraisal.public_id)}
    since = (timezone.now() - timedelta(seconds=1)).isoformat()

    revoke()
    appraisal.delete()

    assert mirror.fresh() == {}
    assert pull(api, "/api/v1/deletions/", {"resource": "appraisals", "since": since}) == []
