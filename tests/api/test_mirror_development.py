"""Mirroring the development resources: a full pull, then updated_since plus the deletions feed, equals
a fresh full pull after creates, updates and deletes (including a person's deletion cascading)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from leadership.development import framework_services, selectors, services
from leadership.models import FRAMEWORK_LEVELS, Assessment, CompetencyFramework, Person, Role
from tests.api.mirror import Mirror
from tests.development.conftest import ensure_default_framework
from tests.factories import OrganisationFactory, user_with_person

pytestmark = pytest.mark.django_db(transaction=True)
START = date(2025, 1, 6)


def _self_assessment(user, framework, level=2, submit=True):
    """Every competency the person is assessed on: the national ones and their organisation's own."""
    ratings = {c.id: (level, "Evidence") for c in selectors.assessed_competencies(framework, user.person)}
    return services.assessment_save(actor=user, person=user.person, kind=Assessment.Kind.SELF,
                                    framework=framework, ratings=ratings, submit=submit)


@pytest.fixture
def world():
    framework = ensure_default_framework()
    trust = OrganisationFactory(ods_code="RZ1")
    elsewhere = OrganisationFactory(ods_code="RZ9")
    staff = [user_with_person(trust) for _ in range(4)]
    stranger = user_with_person(elsewhere)
    # Each organisation adds a local competency: its staff are rated on their own one alone.
    locals_ = {org.ods_code: framework_services.local_competency_create(
        actor=user_with_person(org, role=Role.HR_ADMIN), organisation=org, name=f"Local to {org.ods_code}",
        description="", behaviours={level.value: (2, "") for level in FRAMEWORK_LEVELS})
        for org in (trust, elsewhere)}
    return {"framework": framework, "trust": trust, "staff": staff, "stranger": stranger, "locals": locals_}


def test_an_assessment_mirror_stays_exact(api_for, world):
    framework, (ann, bob, cat, dee), stranger = world["framework"], world["staff"], world["stranger"]
    for user in (ann, bob, cat):
        _self_assessment(user, framework)
    _self_assessment(stranger, framework)
    mirror = Mirror(api_for(world["trust"], ["development:read"]), "assessments", "api:assessment-list")
    doomed = {str(cat.person.assessments.get().public_id)}

    _self_assessment(ann, framework, level=4)  # resubmitted with new ratings
    _self_assessment(dee, framework)
    cat.person.delete()  # the person goes, and their assessment with them
    stranger.person.delete()

    assert mirror.catch_up() == doomed
    mirror.assert_exact()
    ours, theirs = world["locals"]["RZ1"].code, world["locals"]["RZ9"].code
    rated = {rating["competency"]: rating["level"] for row in mirror.rows.values()
             for rating in row["ratings"] if row["person"] == str(ann.person.public_id)}
    assert float(rated[ours]) == 4  # the local rating reached the mirror with the resubmission
    codes = {rating["competency"] for row in mirror.rows.values() for rating in row["ratings"]}
    assert ours in codes and theirs not in codes


def test_a_changed_local_rating_reaches_the_assessment_mirror(api_for, world):
    framework, (ann, *_) = world["framework"], world["staff"]
    _self_assessment(ann, framework)
    mirror = Mirror(api_for(world["trust"], ["development:read"]), "assessments", "api:assessment-list")
    ours = world["locals"]["RZ1"]
    services.assessment_save(actor=ann, person=ann.person, kind=Assessment.Kind.SELF, framework=framework,
                             ratings={ours.id: (1, "Rated again")}, submit=True)
    assert mirror.catch_up() == set()
    mirror.assert_exact()
    (row,) = mirror.rows.values()
    assert {r["competency"]: float(r["level"]) for r in row["ratings"]}[ours.code] == 1


def test_a_development_plan_mirror_stays_exact(api_for, world):
    (ann, bob, cat, _dee), stranger = world["staff"], world["stranger"]
    needs = {user: services.need_create(actor=user, person=user.person, description="Budgeting")
             for user in (ann, bob, cat, stranger)}
    mirror = Mirror(api_for(world["trust"], ["development:read"]), "development-plans",
                    "api:development-plan-list")
    doomed = {str(cat.person.development_plan.public_id)}

    services.need_set_status(actor=ann, need=needs[ann], status="met", note="Done")
    services.need_create(actor=bob, person=bob.person, description="Negotiation")
    Person.objects.filter(id__in=[cat.person.id, stranger.person.id]).delete()  # a bulk delete

    assert mirror.catch_up() == doomed
    mirror.assert_exact()


def test_an_action_cycle_mirror_stays_exact(api_for, world):
    (ann, bob, cat, dee), trust = world["staff"], world["trust"]
    hr_admin = user_with_person(trust, role=Role.HR_ADMIN)
    cycles = {user: services.cycle_start(actor=user, person=user.person, focus="Rota", starts_on=START)
              for user in (ann, bob, cat)}
    action = services.action_create(actor=ann, cycle=cycles[ann], title="Shadow", due_on=date(2025, 2, 1))
    services.cycle_start(actor=world["stranger"], person=world["stranger"].person, focus="Elsewhere",
                         starts_on=START)
    mirror = Mirror(api_for(trust, ["development:read"]), "action-cycles", "api:action-cycle-list")
    doomed = {str(cycles[cat].public_id)}

    services.action_update(actor=ann, action=action, status="done")
    services.action_create(actor=bob, cycle=cycles[bob], title="Read", due_on=date(2025, 2, 1))
    services.check_in_record(actor=bob, check_in=cycles[bob].check_ins.first(), progress="Going well")
    services.cycle_start(actor=hr_admin, organisation=trust, focus="Training", starts_on=START)
    services.cycle_start(actor=dee, person=dee.person, focus="Budgets", starts_on=START)
    cat.person.delete()
    world["stranger"].person.delete()

    assert mirror.catch_up() == doomed
    mirror.assert_exact()


def test_a_deleted_organisation_takes_its_own_cycles_out_of_an_icb_mirror(api_for):
    icb = OrganisationFactory(ods_code="QZ1", kind="icb")
    trust = OrganisationFactory(ods_code="RZ2", parent=icb)
    national_admin = user_with_person(icb, role=Role.NATIONAL_ADMIN)
    cycle = services.cycle_start(actor=national_admin, organisation=trust, focus="Training", starts_on=START)
    mirror = Mirror(api_for(icb, ["development:read"]), "action-cycles", "api:action-cycle-list")
    assert list(mirror.rows) == [str(cycle.public_id)]

    trust.delete()  # an operator removing a trust created by mistake

    assert mirror.catch_up() == {str(cycle.public_id)}
    mirror.assert_exact()


def test_a_framework_mirror_follows_a_draft_until_it_is_published(api_for, world):
    national_admin = user_with_person(OrganisationFactory(ods_code="X25", kind="national_body"),
                                      role=Role.NATIONAL_ADMIN)
    mirror = Mirror(api_for(world["trust"], ["development:read"]), "competency-frameworks",
                    "api:competency-framework-list")

    draft = services.framework_draft_create(actor=national_admin)
    services.framework_publish(actor=national_admin, framework=draft)
    mirror.catch_up()
    mirror.assert_exact()
    assert {row["status"] for row in mirror.rows.values()} == {"published", "retired"}

    spare = CompetencyFramework.objects.create(name="Withdrawn draft", version=99)
    mirror.catch_up()
    spare_id = str(spare.public_id)
    spare.delete()  # no page deletes a framework; an operator in the shell might
    assert mirror.catch_up() == {spare_id}
    mirror.assert_exact()


def test_editing_a_draft_competency_reaches_the_framework_mirror(api_for, world):
    national_admin = user_with_person(OrganisationFactory(ods_code="X25", kind="national_body"),
                                      role=Role.NATIONAL_ADMIN)
    draft = services.framework_draft_create(actor=national_admin)
    CompetencyFramework.objects.filter(id=draft.id).update(updated_at=timezone.now() - timedelta(hours=1))
    mirror = Mirror(api_for(world["trust"], ["development:read"]), "competency-frameworks",
                    "api:competency-framework-list")
    competency = draft.competencies.filter(organisation=None).first()
    services.competency_update(actor=national_admin, competency=competency, name="Renamed",
                               description="New wording", behaviours={})
    mirror.catch_up()
    mirror.assert_exact()


def test_a_client_hears_only_of_its_own_staffs_deletions(api_for, world):
    framework, (ann, *_), stranger = world["framework"], world["staff"], world["stranger"]
    _self_assessment(ann, framework)
    _self_assessment(stranger, framework)
    mirror = Mirror(api_for(OrganisationFactory(ods_code="RZ3"), ["development:read"]), "assessments",
                    "api:assessment-list")
    ann.person.delete()
    stranger.person.delete()
    assert mirror.catch_up() == set()
