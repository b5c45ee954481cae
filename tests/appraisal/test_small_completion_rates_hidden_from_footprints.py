"""Small numbers on the ICB scorecard comparison: a completion rate over fewer than five appraisals
is hidden from the footprint viewer and shown to the trust's own HR admin (docs/security.md)."""

import pytest
import time_machine
from django.urls import reverse

from appraisal import services
from leadership.models import ManagementLevel, Role
from tests.appraisal.factories import complete_appraisal_skills
from tests.factories import PersonFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_appraisals(cycle, same_org, same_org_hr_admin):
    with time_machine.travel("2026-06-01T12:00:00+01:00", tick=False):
        boss = PersonFactory(organisation=same_org, management_level=ManagementLevel.SENIOR)
        complete_appraisal_skills(boss)
        for _ in range(3):
            appraisee = PersonFactory(organisation=same_org, line_manager=boss)
            services.appraisal_start(actor=same_org_hr_admin, cycle=cycle, appraisee=appraisee)


@time_machine.travel("2026-06-01T12:00:00+01:00", tick=False)
def test_the_footprint_viewer_sees_no_completion_rate_over_three_appraisals(three_appraisals, client_for,
                                                                             icb):
    viewer = UserFactory()
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    page = client_for(viewer).get(reverse("appraisal:scorecard_footprint", args=["QT1"])).content.decode()
    assert '<td class="nhsuk-table__cell">*</td>' in page
    assert "0%" not in page
    assert "rates built on fewer than 5 people" in page


@time_machine.travel("2026-06-01T12:00:00+01:00", tick=False)
def test_the_trusts_own_hr_admin_sees_the_rate(three_appraisals, client_for, same_org_hr_admin, icb):
    RoleAssignmentFactory(user=same_org_hr_admin, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    page = client_for(same_org_hr_admin).get(
        reverse("appraisal:scorecard_footprint", args=["QT1"])).content.decode()
    assert '<td class="nhsuk-table__cell">0%</td>' in page
