"""Mirroring appraisals and scorecards: a full pull, then updated_since plus the deletions feed, equals a
fresh full pull after creates, updates and deletes (the Django admin can delete both)."""

from datetime import date
from decimal import Decimal

import pytest

from appraisal import services
from appraisal.models import OrganisationScorecard
from leadership.models import ManagementLevel, Role
from tests.api.mirror import Mirror
from tests.appraisal.factories import AppraisalCycleFactory, complete_appraisal_skills
from tests.factories import OrganisationFactory, PersonFactory, user_with_person

pytestmark = pytest.mark.django_db(transaction=True)


def _appraisals_in(organisation, count):
    """An HR admin and `count` staff, each with an appraisal started by the HR admin."""
    hr_admin = user_with_person(organisation, role=Role.HR_ADMIN)
    services._create_template(
        name=f"{organisation.ods_code} staff",
        organisation=organisation,
        levels=["none"],
        perspectives=[("Patients", 50), ("People", 50)],
        competency_ratings=False,
    )
    cycle = AppraisalCycleFactory(organisation=organisation)
    complete_appraisal_skills(hr_admin.person)
    staff = [
        PersonFactory(
            organisation=organisation, line_manager=hr_admin.person, management_level=ManagementLevel.NONE
        )
        for _ in range(count)
    ]
    return (
        hr_admin,
        cycle,
        [services.appraisal_start(actor=hr_admin, cycle=cycle, appraisee=p) for p in staff],
    )


def test_an_appraisal_mirror_stays_exact(api_for):
    trust, elsewhere = OrganisationFactory(ods_code="RZ1"), OrganisationFactory(ods_code="RZ9")
    hr_admin, cycle, (agreed, untouched, doomed) = _appraisals_in(trust, 3)
    _, _, (foreign,) = _appraisals_in(elsewhere, 1)
    mirror = Mirror(api_for(trust, ["appraisals:read"]), "appraisals", "api:appraisal-list")

    for perspective in agreed.template.perspectives.all():
        services.objective_save(
            actor=hr_admin,
            appraisal=agreed,
            perspective=perspective,
            title="Objective",
            measure="M",
            target="T",
            weight=100,
        )
    services.objectives_agree(actor=hr_admin, appraisal=agreed)
    newcomer = PersonFactory(organisation=trust, line_manager=hr_admin.person, management_level="none")
    services.appraisal_start(actor=hr_admin, cycle=cycle, appraisee=newcomer)
    doomed_id = str(doomed.public_id)
    doomed.delete()  # from the Django admin: its objectives go with it
    foreign.delete()

    assert mirror.catch_up() == {doomed_id}
    mirror.assert_exact()
    assert mirror.rows[str(agreed.public_id)]["state"] == "objectives_agreed"


def test_a_scorecard_mirror_stays_exact(api_for, icb):
    trust = OrganisationFactory(ods_code="RZ1", parent=icb)
    elsewhere = OrganisationFactory(ods_code="RZ9")
    hr_admin, foreign_admin = (
        user_with_person(trust, role=Role.HR_ADMIN),
        user_with_person(elsewhere, role=Role.HR_ADMIN),
    )

    def measure(actor, organisation, period, name="Engagement", actual=Decimal(6)):
        services.scorecard_measure_save(
            actor=actor,
            organisation=organisation,
            period=period,
            perspective="People",
            name=name,
            target=Decimal(7),
            actual=actual,
        )
        return OrganisationScorecard.objects.get(organisation=organisation, period=period)

    spring, summer = measure(hr_admin, trust, date(2026, 4, 1)), measure(hr_admin, trust, date(2026, 7, 1))
    foreign = measure(foreign_admin, elsewhere, date(2026, 4, 1))
    mirror = Mirror(api_for(icb, ["appraisals:read"]), "scorecards", "api:scorecard-list")

    measure(hr_admin, trust, date(2026, 4, 1), actual=Decimal(8))
    measure(hr_admin, trust, date(2026, 10, 1))
    summer_id = str(summer.public_id)
    summer.delete()  # from the Django admin
    foreign.delete()

    assert mirror.catch_up() == {summer_id}
    mirror.assert_exact()
    assert str(spring.public_id) in mirror.rows
