"""A cycle's page is paginated and filtered by stage, its appraisals export to CSV without free text,
and HR admins start everyone's appraisals at once: a confirmation with the count, then a Celery task
whose progress has a page. Line managers start their reports' from My team."""

import csv
import io

import pytest
from django.urls import reverse

from appraisal import services
from appraisal.models import Appraisal, AppraisalBulkStart
from leadership.models import Person
from tests.appraisal.factories import AppraisalFactory, complete_appraisal_skills, ensure_national_template
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db


def _appraisals(cycle, count, **fields):
    return [AppraisalFactory(cycle=cycle, **fields) for _ in range(count)]


def test_the_cycle_page_shows_fifty_a_page_filters_by_stage_and_costs_the_same_queries(
        client_for, same_org_hr_admin, cycle, django_assert_max_num_queries):
    _appraisals(cycle, 52)
    _appraisals(cycle, 2, state=Appraisal.State.MEETING_HELD)
    client = client_for(same_org_hr_admin)
    url = reverse("appraisal:cycle_detail", args=[cycle.public_id])
    client.get(url)  # warm the session and template caches
    with django_assert_max_num_queries(30):
        first = client.get(url)
    assert first.content.count(b'class="nhsuk-table__row"') == 50
    assert b"54 appraisals" in first.content
    assert client.get(url, {"page": 2}).content.count(b'class="nhsuk-table__row"') == 4
    met = client.get(url, {"state": "meeting_held"})
    assert met.content.count(b'class="nhsuk-table__row"') == 2
    assert client.get(url, {"state": "nonsense"}).status_code == 200


def test_the_export_lists_facts_and_scores_at_the_chosen_stage_and_never_the_reviews(
        client_for, same_org_hr_admin, cycle):
    AppraisalFactory(cycle=cycle, self_review="My private review", meeting_notes="Confidential notes")
    AppraisalFactory(cycle=cycle, state=Appraisal.State.MEETING_HELD, appraiser_review="=HYPERLINK(1)")
    response = client_for(same_org_hr_admin).get(reverse("appraisal:cycle_export", args=[cycle.public_id]))
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Employee number", "Appraisee", "Appraiser"] and len(rows) == 3
    assert "private" not in body and "Confidential" not in body and "HYPERLINK" not in body
    filtered = client_for(same_org_hr_admin).get(reverse("appraisal:cycle_export", args=[cycle.public_id]),
                                                 {"state": "meeting_held"})
    assert len(list(csv.reader(io.StringIO(b"".join(filtered.streaming_content).decode())))) == 2


def test_starting_everyone_confirms_the_count_then_starts_those_the_rules_allow_and_lists_the_rest(
        client_for, same_org_hr_admin, same_org_manager, cycle):
    ensure_national_template()
    complete_appraisal_skills(same_org_manager.person)  # Morgan may appraise Lee and Rita; Lee may not
    client = client_for(same_org_hr_admin)
    url = reverse("appraisal:cycle_bulk_start", args=[cycle.public_id])
    assert b"Start 5 appraisals?" in client.get(url).content  # Morgan, Lee, Rita, Indie, the HR admin

    job = services.appraisals_bulk_start_request(actor=same_org_hr_admin, cycle=cycle)
    with pytest.raises(Exception, match="already being started"):
        services.appraisals_bulk_start_request(actor=same_org_hr_admin, cycle=cycle)
    services.appraisals_bulk_start_run(job_id=job.id)
    services.appraisals_bulk_start_run(job_id=job.id)  # a second delivery does nothing

    job.refresh_from_db()
    assert (job.status, job.started, job.skipped) == (AppraisalBulkStart.Status.DONE, 2, 3)
    started = set(Appraisal.objects.filter(cycle=cycle).values_list("appraisee__first_name", flat=True))
    assert started == {"Lee", "Rita"}
    reasons = {problem["person"]: problem["reason"] for problem in job.problems}
    assert "appraisal-skills" in reasons["Indie Indirect"]
    page = client.get(reverse("appraisal:bulk_start_detail", args=[job.public_id]))
    assert b"Indie Indirect" in page.content and b"Not started" in page.content


def test_only_the_organisations_hr_admins_start_everyone(client_for, same_org_manager, other_org_hr_admin,
                                                         cycle):
    url = reverse("appraisal:cycle_bulk_start", args=[cycle.public_id])
    assert client_for(other_org_hr_admin).post(url).status_code == 404
    with pytest.raises(Exception, match="Only the organisation's HR admins"):
        services.appraisals_bulk_start_request(actor=same_org_manager, cycle=cycle)
    assert not AppraisalBulkStart.objects.exists()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_confirmation_page_starts_the_appraisals_on_the_worker(
        celery_worker, client_for, same_org_hr_admin, same_org_manager, cycle):
    ensure_national_template()
    complete_appraisal_skills(same_org_manager.person)
    client = client_for(same_org_hr_admin)
    response = client.post(reverse("appraisal:cycle_bulk_start", args=[cycle.public_id]))
    job = AppraisalBulkStart.objects.get()
    assert response.url == reverse("appraisal:bulk_start_detail", args=[job.public_id])
    wait_for(lambda: AppraisalBulkStart.objects.get(id=job.id).status == AppraisalBulkStart.Status.DONE)
    assert Appraisal.objects.filter(cycle=cycle).count() == 2
    assert b"Finished" in client.get(response.url).content


def test_my_team_offers_a_reports_appraisal_start_when_their_last_one_was_in_a_past_cycle(
        client_for, same_org_manager, cycle):
    from appraisal.models import AppraisalCycle

    old = AppraisalCycle.objects.create(organisation=cycle.organisation, name="2024/25",
                                        opens_on="2024-04-01", closes_on="2025-03-31")
    rita = Person.objects.get(first_name="Rita")
    AppraisalFactory(cycle=old, appraisee=rita, appraiser=same_org_manager.person)
    page = client_for(same_org_manager).get(reverse("my_team"))
    assert reverse("appraisal:report_appraisal_start", args=[rita.public_id]).encode() in page.content
