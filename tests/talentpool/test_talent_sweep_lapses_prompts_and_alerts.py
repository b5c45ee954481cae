"""The beat sweep: annual lapse by date, eligibility prompts, senior contract alerts. Safe to run twice."""

from datetime import date

import pytest
import time_machine

from leadership.models import Notification, Organisation, Role
from talentpool import reminders, selectors, services
from talentpool.models import EligibilityPrompt, PoolMembership, SeniorContract
from talentpool.tasks import talent_sweep_task
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
    user_with_person,
)

pytestmark = pytest.mark.django_db


def test_a_member_not_reviewed_for_a_year_lapses_and_is_told(same_org, same_org_hr_admin, make_member):
    member = user_with_person(same_org, first_name="Larry")
    membership = make_member(member.person)  # last reviewed 1 January 2025
    with time_machine.travel(date(2025, 12, 31), tick=False):
        assert reminders.lapse_sweep() == 0
    with time_machine.travel(date(2026, 1, 3), tick=False):
        assert reminders.lapse_sweep() == 1
        assert reminders.lapse_sweep() == 0
    membership.refresh_from_db()
    assert membership.status == PoolMembership.Status.LAPSED
    assert membership.decisions.get().actor is None
    told = set(Notification.objects.filter(kind="talent_lapsed").values_list("recipient", flat=True))
    assert told == {member.pk, same_org_hr_admin.pk}


def test_an_annual_review_keeps_a_member_for_another_year(same_org, same_org_hr_admin, make_member):
    membership = make_member(organisation=same_org)
    with time_machine.travel(date(2025, 12, 1), tick=False):
        services.membership_review(actor=same_org_hr_admin, membership=membership, reason="Still ready")
    with time_machine.travel(date(2026, 6, 1), tick=False):
        assert reminders.lapse_sweep() == 0


def test_a_newly_eligible_person_prompts_their_hr_admin_once(
    monkeypatch, same_org, same_org_hr_admin, other_org_hr_admin, make_member
):
    eligible = PersonFactory(organisation=same_org, first_name="Ellie")
    already = PersonFactory(organisation=same_org, first_name="Alf")
    make_member(already)
    monkeypatch.setattr(
        selectors, "eligible_for_national_pool", lambda qs: qs.filter(first_name__in=["Ellie", "Alf"])
    )
    assert reminders.eligibility_sweep() == 1
    assert reminders.eligibility_sweep() == 0
    prompt = Notification.objects.get(kind="talent_eligible")
    assert prompt.recipient == same_org_hr_admin and "Ellie" in prompt.title
    assert EligibilityPrompt.objects.filter(person=eligible).exists()


def test_without_the_training_selectors_nobody_is_eligible(same_org):
    PersonFactory(organisation=same_org)
    assert isinstance(selectors.eligible_for_national_pool(same_org.people.all()).count(), int)


def _contract(person, **fields):
    defaults = {
        "post": "Chief executive",
        "starts_on": date(2023, 7, 1),
        "minimum_term_months": 36,
        "minimum_term_ends_on": date(2026, 7, 1),
        "next_assessment_due": date(2026, 3, 1),
    }
    return SeniorContract.objects.create(
        person=person, organisation=person.organisation, **{**defaults, **fields}
    )


@pytest.fixture
def national_admin():
    admin = UserFactory()
    RoleAssignmentFactory(
        user=admin,
        role=Role.NATIONAL_ADMIN,
        organisation=OrganisationFactory(ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY),
    )
    return admin


def test_national_admins_hear_six_months_before_a_minimum_term_ends(
    national_admin, same_org, same_org_hr_admin
):
    _contract(PersonFactory(organisation=same_org), next_assessment_due=date(2027, 1, 1))
    with time_machine.travel(date(2025, 12, 1), tick=False):
        assert reminders.contract_alert_sweep() == 0
    with time_machine.travel(date(2026, 1, 5), tick=False):
        assert reminders.contract_alert_sweep() == 1
        assert reminders.contract_alert_sweep() == 0
    alert = Notification.objects.get(kind="senior_contract_term")
    assert alert.recipient == national_admin
    assert not Notification.objects.filter(recipient=same_org_hr_admin).exists()


def test_an_overdue_assessment_alerts_national_admins(national_admin, same_org):
    contract = _contract(PersonFactory(organisation=same_org), minimum_term_ends_on=date(2030, 1, 1))
    with time_machine.travel(date(2026, 3, 2), tick=False):
        assert reminders.contract_alert_sweep() == 1
    assert Notification.objects.filter(kind="senior_contract_assessment", recipient=national_admin).exists()
    services.senior_contract_assessed(
        actor=national_admin,
        contract=contract,
        assessed_on=date(2026, 3, 5),
        next_assessment_due=date(2027, 3, 5),
    )
    with time_machine.travel(date(2026, 3, 10), tick=False):
        assert reminders.contract_alert_sweep() == 0


def test_the_sweep_task_runs_every_part(same_org):
    result = talent_sweep_task.apply().get()
    assert set(result) == {"lapsed", "eligible", "contract_alerts", "regional_pools"}


def test_the_demo_seed_is_idempotent(same_org):
    from talentpool import demo

    PersonFactory(organisation=same_org, management_level="senior")
    first = demo.seed()
    assert first["members"] == 1
    assert demo.seed()["members"] == 0
