"""The line manager's team page: each report's self-assessment, plan, 90-day cycle and appraisal, each
cell a link to where the manager acts (areas add columns through leadership.team), at a query count
that does not grow with the team."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisal import services as appraisal_services
from appraisal.models import AppraisalCycle
from leadership.dates import uk_today
from leadership.development import services as development_services
from leadership.models import Person
from tests.appraisal.factories import complete_appraisal_skills
from tests.development.factories import ActionCycleFactory
from tests.factories import PersonFactory
from tests.talentpool.factories import PoolMembershipFactory, TalentPoolFactory
from tests.training.factories import RecordFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraisal_cycle(same_org):
    return AppraisalCycle.objects.create(organisation=same_org, name="This year",
                                         opens_on=uk_today() - timedelta(days=30),
                                         closes_on=uk_today() + timedelta(days=300))


def _busy_report(manager, hr_admin, appraisal_cycle, n):
    report = PersonFactory(organisation=manager.organisation, line_manager=manager, last_name=f"Busy{n}")
    complete_appraisal_skills(manager)
    appraisal_services.appraisal_start(actor=hr_admin, cycle=appraisal_cycle, appraisee=report,
                                       appraiser=manager)
    development_services.cycle_start(actor=hr_admin, person=report, focus="Rota",
                                     starts_on=uk_today() - timedelta(days=10))
    development_services.need_create(actor=hr_admin, person=report, description="Budgets", competency=None)
    RecordFactory(person=report, on=uk_today())
    PoolMembershipFactory(pool=TalentPoolFactory(owner=manager.organisation, name=f"Pool {n}"), person=report)
    RecordFactory(person=report, on=uk_today().replace(year=uk_today().year - 1))  # last year: not counted
    return report


def _team(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("my_team")).content.decode()
    return page, len(queries)


def test_each_report_shows_where_they_are_and_links_to_acting(client_for, same_org_manager, same_org_hr_admin,
                                                              appraisal_cycle):
    morgan = same_org_manager.person
    busy = _busy_report(morgan, same_org_hr_admin, appraisal_cycle, 1)
    rita = Person.objects.get(first_name="Rita")
    page, _ = _team(client_for(same_org_manager))
    headings = ("Self-assessment", "Development plan", "90-day cycle", "Training", "Appraisal", "Talent pool")
    for heading in headings:
        assert f'scope="col">{heading}</th>' in page
    assert reverse("development:rate_person", args=[busy.public_id]) in page
    assert reverse("development:person_development", args=[busy.public_id]) in page
    assert "1 open needs" in page and "0 open needs" in page
    next_due = (uk_today() - timedelta(days=10) + timedelta(days=30)).strftime("%d %b %Y")
    assert f"Next check-in {next_due}" in page
    assert "Draft (This year)" in page
    assert "1 this year" in page and "0 this year" in page
    assert "Active: Pool 1" in page
    assert reverse("development:rate_person", args=[rita.public_id]) in page  # "Not yet": rate them
    assert page.count(">None<") >= 2  # Rita has no cycle and no appraisal


def test_the_team_page_costs_the_same_for_two_reports_or_twelve(client_for, same_org_manager,
                                                                same_org_hr_admin, appraisal_cycle):
    morgan = same_org_manager.person
    client = client_for(same_org_manager)
    _team(client)  # the first request also saves the session
    _, two = _team(client)
    for n in range(10):
        _busy_report(morgan, same_org_hr_admin, appraisal_cycle, n)
    page, twelve = _team(client)
    assert page.count("Draft (This year)") == 10
    assert twelve == two


def test_a_cycle_past_day_90_shows_its_review_due_then_overdue(client_for, same_org_manager):
    """
    GIVEN three reports whose active cycles began 10, 95 and 110 days ago
    WHEN their line manager opens My team
    THEN the 90-day cycle column says what the cycle page says: the next check-in, "Review due" from
         day 90 and "Review overdue" from 14 days after it, each linking to the cycle
    """
    morgan = same_org_manager.person
    cycles = {}
    for days_ago in (10, 95, 110):
        report = PersonFactory(organisation=morgan.organisation, line_manager=morgan,
                               last_name=f"Cycle{days_ago}")
        cycles[days_ago] = ActionCycleFactory(person=report, starts_on=uk_today() - timedelta(days=days_ago))
    page, _ = _team(client_for(same_org_manager))
    cells = {days_ago: page.split(reverse("development:cycle_detail", args=[cycle.public_id]), 1)[1][:40]
             for days_ago, cycle in cycles.items()}
    assert "Review" not in cells[10] and "Every check-in recorded" in cells[10]
    assert "Review due" in cells[95]
    assert "Review overdue" in cells[110]
