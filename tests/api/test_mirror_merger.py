"""Across a merger (R13) the successor's API client lists the dissolved trust's records, and its mirror,
kept with updated_since and the deletions feed, stays exact: in every resource A's rows appear in under
B, because the core and each area above it re-stamp A's rows in the merger's transaction."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from appraisal.models import Appraisal, OrganisationScorecard
from communications import services as communications
from communications.models import Broadcast, BroadcastCategory
from governance.models import BoardPosition, BurdenAssessment, DataReturn
from leadership.development import services as development
from leadership.mergers import services
from leadership.models import (
    ActionCycle,
    Assessment,
    DevelopmentPlan,
    ManagementLevel,
    Organisation,
    Person,
    Role,
)
from talentpool.models import GraduateTrainee, PoolMembership, Secondment, SeniorContract, TalentPool
from tests.api.mirror import Mirror, pull
from tests.appraisal.factories import AppraisalCycleFactory, AppraisalFactory
from tests.development.conftest import ensure_default_framework
from tests.development.factories import AssessmentFactory
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
    user_with_person,
)
from tests.governance import factories as governance
from tests.talentpool.factories import (
    GraduateTraineeFactory,
    PoolMembershipFactory,
    SecondmentFactory,
    SeniorContractFactory,
    TalentPoolFactory,
)
from tests.training.factories import RecordFactory, RunFactory
from training.models import Enrolment, TrainingRecord

pytestmark = pytest.mark.django_db(transaction=True)

# Every list A's rows appear in under B: (the deletions feed's resource, the list's route).
RESOURCES = [
    ("organisations", "api:organisation-list"),
    ("people", "api:person-list"),
    ("assessments", "api:assessment-list"),
    ("development-plans", "api:development-plan-list"),
    ("action-cycles", "api:action-cycle-list"),
    ("training-records", "api:training-record-list"),
    ("training-enrolments", "api:training-enrolment-list"),
    ("appraisals", "api:appraisal-list"),
    ("scorecards", "api:scorecard-list"),
    ("talent-pools", "api:talent-pool-list"),
    ("talent-pool-members", "api:talent-pool-member-list"),
    ("graduate-trainees", "api:graduate-trainee-list"),
    ("secondments", "api:secondment-list"),
    ("data-returns", "api:data-return-list"),
    ("burden-assessments", "api:burden-assessment-list"),
    ("board-positions", "api:board-position-list"),
    ("broadcasts", "api:broadcast-list"),
]
AGED = [Organisation, Person, Assessment, DevelopmentPlan, ActionCycle, TrainingRecord, Enrolment, Appraisal,
        OrganisationScorecard, TalentPool, PoolMembership, GraduateTrainee, Secondment, SeniorContract,
        DataReturn, BurdenAssessment, BoardPosition, Broadcast]


@pytest.fixture
def national_body():
    return OrganisationFactory(ods_code="X27", kind=Organisation.Kind.NATIONAL_BODY)


@pytest.fixture
def national_admin_user(national_body):
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=national_body)
    return admin


def _dissolved_trusts_records(a, admin, national_body) -> dict[str, set[str]]:
    """A row of A in each resource, by resource: the ids B's client must list after the merger."""
    ensure_default_framework()
    boss = user_with_person(a, management_level=ManagementLevel.SENIOR)
    member = user_with_person(a, management_level=ManagementLevel.MIDDLE)
    member.person.line_manager = boss.person
    member.person.save()
    assessment = AssessmentFactory(person=member.person)
    need = development.need_create(actor=member, person=member.person, description="Budgeting")
    cycle = development.cycle_start(actor=member, person=member.person, focus="Rota",
                                    starts_on=date(2025, 1, 6))
    record = RecordFactory(person=member.person)
    enrolment = Enrolment.objects.create(run=RunFactory(), person=member.person, requested_by=boss)
    appraisal = AppraisalFactory(cycle=AppraisalCycleFactory(organisation=a), appraisee=member.person,
                                 appraiser=boss.person)
    scorecard = OrganisationScorecard.objects.create(organisation=a, period=date(2025, 1, 1))
    pool = TalentPoolFactory(owner=a, name="Alpha pool")
    membership = PoolMembershipFactory(pool=pool, person=member.person)
    trainee = GraduateTraineeFactory(person=PersonFactory(organisation=a))
    secondment = SecondmentFactory(person=member.person)
    data_return = governance.data_return(a)
    burden = governance.assessment(a)
    position = governance.position(a)
    aimed, _ = (communications.broadcast_send(actor=admin, sender_organisation=national_body, title=title,
                                              body="Body", category=BroadcastCategory.NEWS, **audience)
                for title, audience in [("For A", {"organisations": [a]}), ("For all", {"everyone": True})])
    # B's client listed the broadcast for everyone already; its read rates gain A's row under B.
    return {
        "organisations": {str(a.public_id)},
        "people": {str(p.public_id) for p in (boss.person, member.person, trainee.person, position.person)},
        "assessments": {str(assessment.public_id)},
        "development-plans": {str(need.plan.public_id)},
        "action-cycles": {str(cycle.public_id)},
        "training-records": {str(record.public_id)},
        "training-enrolments": {str(enrolment.public_id)},
        "appraisals": {str(appraisal.public_id)},
        "scorecards": {str(scorecard.public_id)},
        "talent-pools": {str(pool.public_id)},
        "talent-pool-members": {str(membership.public_id)},
        "graduate-trainees": {str(trainee.public_id)},
        "secondments": {str(secondment.public_id)},
        "data-returns": {str(data_return.public_id)},
        "burden-assessments": {str(burden.public_id)},
        "board-positions": {str(position.public_id)},
        "broadcasts": {str(aimed.public_id)},
    }


def _last_changed_yesterday() -> None:
    """Rows changed long before the mirror's first pull, so only a re-stamp brings them into a delta."""
    yesterday = timezone.now() - timedelta(days=1)
    for model in AGED:
        model.objects.update(updated_at=yesterday)


@pytest.mark.parametrize("move_people", [True, False])
def test_the_successors_mirrors_stay_exact_across_a_merger(api_for, national_admin_user, national_body,
                                                           move_people):
    a, b = OrganisationFactory(ods_code="RA3"), OrganisationFactory(ods_code="RB3")
    SeniorContractFactory(person=PersonFactory(organisation=b))
    contract = SeniorContractFactory(person=PersonFactory(organisation=a))
    theirs = _dissolved_trusts_records(a, national_admin_user, national_body)
    theirs["people"].add(str(contract.person.public_id))
    _last_changed_yesterday()
    api = api_for(b)
    mirrors = {resource: Mirror(api, resource, route) for resource, route in RESOURCES}
    national = Mirror(api_for(national_body), "senior-contracts", "api:senior-contract-list")
    for resource, mirror in mirrors.items():
        assert not theirs[resource] & set(mirror.rows), resource

    services.organisation_merge(actor=national_admin_user, predecessor=a, successor=b,
                                dissolved_on=date(2025, 4, 1), move_people=move_people, reason="Merged")

    for resource, mirror in mirrors.items():
        assert mirror.catch_up() == set(), resource
        assert mirror.rows == mirror.fresh(), resource
        assert theirs[resource] <= set(mirror.rows), resource
    assert national.catch_up() == set()
    national.assert_exact()  # the contract's person reads under B when the staff move
    listed = pull(api_for(b, ["organisations:read"]), reverse("api:organisation-list"))
    assert a.ods_code in {row["ods_code"] for row in listed}  # the dissolved trust reads under B too
