"""The home page is a to-do list: each area's items (leadership.todo registry) link to where the work
is done, and the page costs the same number of queries with 1 item of each kind as with 20."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from appraisal import services as appraisal_services
from appraisal.models import AppraisalCycle
from leadership.dates import uk_today
from leadership.development import services as development_services
from leadership.models import CheckIn, PeopleImport
from tests.appraisal.factories import complete_appraisal_skills
from tests.factories import PersonFactory
from tests.training.factories import RunFactory
from training.models import Enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def appraisal_cycle(same_org):
    today = uk_today()
    return AppraisalCycle.objects.create(organisation=same_org, name="This year",
                                         opens_on=today - timedelta(days=30),
                                         closes_on=today + timedelta(days=300))


def _report_waiting_on_manager(manager, hr_admin, appraisal_cycle, n):
    """A report whose appraisal waits for the manager's agreement, and whose recorded check-in waits
    for the manager's comment."""
    report = PersonFactory(organisation=manager.organisation, line_manager=manager, last_name=f"Report{n}")
    complete_appraisal_skills(manager)
    appraisal_services.appraisal_start(actor=hr_admin, cycle=appraisal_cycle, appraisee=report,
                                       appraiser=manager)
    cycle = development_services.cycle_start(actor=hr_admin, person=report, focus="Rota",
                                             starts_on=uk_today() - timedelta(days=31))
    CheckIn.objects.filter(cycle=cycle, day=30).update(progress="Done", recorded_at=timezone.now())
    Enrolment.objects.create(run=RunFactory(course__title=f"Budgets {n}"), person=report)  # asks for a place
    return report


def _home(client):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home")).content.decode()
    return page, len(queries)


def test_the_home_page_lists_what_waits_for_the_person(client_for, same_org_manager, same_org_hr_admin,
                                                       appraisal_cycle):
    morgan = same_org_manager.person
    client = client_for(same_org_manager)
    assert "Nothing is waiting for you." in client.get(reverse("home")).content.decode()
    own = development_services.cycle_start(actor=same_org_manager, person=morgan, focus="Engagement",
                                           starts_on=uk_today() - timedelta(days=25))
    report = _report_waiting_on_manager(morgan, same_org_hr_admin, appraisal_cycle, 1)
    page, _ = _home(client)
    assert "Record your day 30 check-in" in page
    assert reverse("development:check_in", args=[own.public_id, 30]) in page
    assert f"Comment on {report.full_name}&#x27;s day 30 check-in" in page
    assert f"Agree the objectives: {report.full_name}&#x27;s appraisal (This year)" in page
    assert f"Decide on {report.full_name}&#x27;s place on Budgets 1" in page
    assert page.index("Record your day 30 check-in") < page.index("Agree the objectives")  # by due date


def test_an_hr_admin_is_told_of_a_failed_import(client_for, same_org_hr_admin, same_org):
    job = PeopleImport.objects.create(organisation=same_org, uploaded_by=same_org_hr_admin,
                                      status=PeopleImport.Status.FAILED, file_name="esr.csv")
    page = client_for(same_org_hr_admin).get(reverse("home")).content.decode()
    assert "failed: see why" in page and reverse("people_import_detail", args=[job.public_id]) in page


def test_the_to_do_list_costs_the_same_with_one_item_or_twenty(client_for, same_org_manager,
                                                               same_org_hr_admin, appraisal_cycle):
    morgan = same_org_manager.person
    _report_waiting_on_manager(morgan, same_org_hr_admin, appraisal_cycle, 0)
    client = client_for(same_org_manager)
    _home(client)  # the first request also saves the session
    page, one = _home(client)
    assert page.count("Agree the objectives") == 1
    for n in range(1, 20):
        _report_waiting_on_manager(morgan, same_org_hr_admin, appraisal_cycle, n)
    page, twenty = _home(client)
    assert page.count("Agree the objectives") == 20 and page.count("Comment on") == 20
    assert page.count("Decide on") == 20
    assert twenty == one


def test_an_hr_admin_is_told_of_nominations_and_open_talent_reviews(client_for, same_org_hr_admin, same_org):
    from talentpool.models import PoolMembership
    from tests.talentpool.factories import PoolMembershipFactory, TalentPoolFactory, TalentReviewFactory

    pool = TalentPoolFactory(owner=same_org, name="Ward leaders pool")
    member = PoolMembershipFactory(pool=pool, status=PoolMembership.Status.NOMINATED,
                                   person__first_name="Nomi", person__last_name="Nated")
    review = TalentReviewFactory(organisation=same_org, title="Autumn review")
    page = client_for(same_org_hr_admin).get(reverse("home")).content.decode()
    assert "Decide on Nomi Nated&#x27;s nomination to the Ward leaders pool" in page
    assert reverse("talentpool:membership_detail", args=[member.public_id]) in page
    assert "Record the decision of the talent review “Autumn review”" in page
    assert reverse("talentpool:review_detail", args=[review.public_id]) in page
