"""Mirroring the talent resources: a full pull, then updated_since plus the deletions feed, equals a
fresh full pull after creates, updates and deletes, including a person's deletion cascading to their
memberships and secondments, and members of other organisations seen only with their consent."""

from datetime import date

import pytest

from leadership.models import Organisation, Role
from talentpool import selectors, services
from talentpool.models import TalentPool
from tests.api.mirror import Mirror
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.talentpool.factories import (
    GraduateTraineeFactory,
    PoolMembershipFactory,
    SecondmentFactory,
    SeniorContractFactory,
    TalentPoolFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
TALENT = ["talent:read"]


@pytest.fixture
def trust():
    return OrganisationFactory(ods_code="RZ1")


@pytest.fixture
def elsewhere():
    return OrganisationFactory(ods_code="RZ9")


def _pool(owner=None, name=None):
    if owner is None:
        return TalentPoolFactory(kind=TalentPool.Kind.VOLUNTEER_NED, owner=None,
                                 name=name or "Volunteer NEDs")
    return TalentPoolFactory(owner=owner, name=name or f"{owner.ods_code} pool")


def _member(pool, organisation, *, consent=False, person=None):
    return PoolMembershipFactory(pool=pool, person=person or PersonFactory(organisation=organisation),
                                 consent_to_share=consent)


def test_a_talent_pool_mirror_stays_exact(api_for, trust, elsewhere):
    national, own, foreign = selectors.national_pool(), _pool(trust), _pool(elsewhere)
    spare_own, spare_shared = _pool(trust, "Trust reserve pool"), _pool(name="Retired NED pool")
    mirror = Mirror(api_for(trust, TALENT), "talent-pools", "api:talent-pool-list")

    own.description = "Our own leaders"
    own.save()
    _pool(trust, "Trust graduate pool")
    doomed = {str(spare_own.public_id), str(spare_shared.public_id)}
    spare_own.delete()  # from the Django admin
    spare_shared.delete()
    foreign.delete()

    assert mirror.catch_up() == doomed
    mirror.assert_exact()
    assert str(national.public_id) in mirror.rows


def test_a_pool_member_mirror_stays_exact(api_for, trust, elsewhere):
    national, own = selectors.national_pool(), _pool(trust)
    mine, leaving, cascaded = (_member(national, trust) for _ in range(3))
    consented, hidden = _member(national, elsewhere, consent=True), _member(national, elsewhere)
    # Another organisation's staff in this trust's pool: seen (and heard of) only with their consent.
    in_my_pool, hidden_in_my_pool = _member(own, elsewhere, consent=True), _member(own, elsewhere)
    mirror = Mirror(api_for(trust, TALENT), "talent-pool-members", "api:talent-pool-member-list")
    assert str(hidden.public_id) not in mirror.rows
    assert str(hidden_in_my_pool.public_id) not in mirror.rows

    mine.readiness = "ready_now"
    mine.save()
    _member(own, trust)
    doomed = {str(m.public_id) for m in (leaving, cascaded, consented, in_my_pool)}
    leaving.delete()
    cascaded.person.delete()  # the person goes, and their memberships with them
    consented.delete()  # another trust's member this client saw by their consent
    in_my_pool.person.delete()
    hidden.delete()  # never this client's business
    hidden_in_my_pool.delete()

    assert mirror.catch_up() == doomed
    mirror.assert_exact()


def test_a_graduate_trainee_mirror_stays_exact(api_for, trust, elsewhere):
    first, second, withdrawn = GraduateTraineeFactory.create_batch(3, person__organisation=trust)
    foreign = GraduateTraineeFactory(person__organisation=elsewhere)
    mirror = Mirror(api_for(trust, TALENT), "graduate-trainees", "api:graduate-trainee-list")

    first.scheme_year, first.quality_gate_passed = 2, True
    first.save()
    GraduateTraineeFactory(person__organisation=trust)
    withdrawn_id, withdrawn_person = str(withdrawn.public_id), withdrawn.person
    withdrawn.delete()  # no page deletes a trainee; an operator in the shell might
    withdrawn_person.delete()  # and their staff record after it
    foreign.delete()

    assert mirror.catch_up() == {withdrawn_id}
    mirror.assert_exact()
    assert str(second.public_id) in mirror.rows


def test_a_secondment_mirror_stays_exact(api_for, trust, elsewhere):
    def secondment(organisation):
        return SecondmentFactory(person__organisation=organisation, external_organisation="Acme")

    changed, cascaded, foreign = secondment(trust), secondment(trust), secondment(elsewhere)
    mirror = Mirror(api_for(trust, TALENT), "secondments", "api:secondment-list")

    changed.outcome = "Back with a new supplier framework"
    changed.save()
    secondment(trust)
    cascaded_id = str(cascaded.public_id)
    cascaded.person.delete()  # the person goes, and their secondments with them
    foreign.person.delete()

    assert mirror.catch_up() == {cascaded_id}
    mirror.assert_exact()


def test_a_senior_contract_mirror_stays_exact_for_a_national_body(api_for, trust):
    def contract(post):
        return SeniorContractFactory(person__organisation=trust, post=post)

    changed, doomed = contract("Chief executive"), contract("Director of finance")
    national_body = OrganisationFactory(ods_code="X26", kind=Organisation.Kind.NATIONAL_BODY)
    mirror = Mirror(api_for(national_body, TALENT), "senior-contracts", "api:senior-contract-list")
    trust_mirror = Mirror(api_for(trust, TALENT), "senior-contracts", "api:senior-contract-list")

    changed.last_assessed_on = date(2025, 12, 1)
    changed.save()
    contract("Medical director")
    doomed_id = str(doomed.public_id)
    doomed.delete()  # from the Django admin, by a superuser

    assert mirror.catch_up() == {doomed_id}
    mirror.assert_exact()
    assert trust_mirror.catch_up() == set()  # the register is national scope only
    assert trust_mirror.rows == {}


def test_a_cancelled_secondment_and_a_closed_pool_reach_the_mirror(api_for, trust):
    hr_admin = user_with_person(trust, role=Role.HR_ADMIN)
    cancelled = SecondmentFactory(person__organisation=trust, external_organisation="Acme")
    pool = _pool(trust)
    secondments = Mirror(api_for(trust, TALENT), "secondments", "api:secondment-list")
    pools = Mirror(api_for(trust, TALENT), "talent-pools", "api:talent-pool-list")

    services.secondment_cancel(actor=hr_admin, secondment=cancelled, reason="Host withdrew")
    services.pool_close(actor=hr_admin, pool=pool, reason="Merged")

    for mirror in (secondments, pools):
        assert mirror.catch_up() == set()
        mirror.assert_exact()
