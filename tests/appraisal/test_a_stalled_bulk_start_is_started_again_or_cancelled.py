"""A bulk start whose worker died does not stay "running" for ever: once no progress has been written for
a while it shows as stalled, and the HR admin starts it again (it carries on, and nobody gets a second
appraisal) or cancels it after a confirmation page. Both are audited. The dead worker is simulated by
the run's state in the database: running, claimed once, last written eleven minutes ago."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from appraisal import services
from appraisal.models import BULK_START_STALLED_AFTER, Appraisal, AppraisalBulkStart
from appraisal.services import bulk
from leadership.models import Person
from tests.appraisal.factories import complete_appraisal_skills, ensure_national_template
from tests.conftest import wait_for
from tests.isolation_registry import table_fingerprints

pytestmark = pytest.mark.django_db
Status = AppraisalBulkStart.Status


@pytest.fixture
def ready(same_org_manager):
    ensure_national_template()
    complete_appraisal_skills(same_org_manager.person)  # Morgan may appraise Lee and Rita; nobody else


def _abandoned(cycle, hr_admin, *, silent_for=BULK_START_STALLED_AFTER + timedelta(minutes=1), **fields):
    """A run a worker claimed and then died in: Lee's appraisal started, the count never written."""
    lee = Person.objects.get(first_name="Lee", organisation=cycle.organisation)
    services.appraisal_start(actor=hr_admin, cycle=cycle, appraisee=lee)
    job = AppraisalBulkStart.objects.create(cycle=cycle, requested_by=hr_admin, total=5,
                                            status=Status.RUNNING, attempts=1, **fields)
    AppraisalBulkStart.objects.filter(id=job.id).update(updated_at=timezone.now() - silent_for)
    Appraisal.objects.filter(cycle=cycle).update(created_at=job.created_at)
    job.refresh_from_db()
    return job


def _status_events(job):
    return Events.objects.tracks(job).order_by("pgh_id")


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_stalled_run_is_started_again_on_the_worker_and_nobody_gets_two(
        celery_worker, client_for, same_org_hr_admin, cycle, ready):
    job = _abandoned(cycle, same_org_hr_admin)
    client = client_for(same_org_hr_admin)
    page = client.get(reverse("appraisal:bulk_start_detail", args=[job.public_id])).content.decode()
    assert "Stalled" in page and "Start again" in page and 'http-equiv="refresh"' not in page
    assert "stalled" in client.get(reverse("appraisal:cycle_detail", args=[cycle.public_id])).content.decode()
    with pytest.raises(Exception, match="already being started"):  # the stalled run still holds the cycle
        services.appraisals_bulk_start_request(actor=same_org_hr_admin, cycle=cycle)

    response = client.post(reverse("appraisal:bulk_start_resume", args=[job.public_id]))

    assert response.status_code == 302
    wait_for(lambda: AppraisalBulkStart.objects.get(id=job.id).status == Status.DONE)
    job.refresh_from_db()
    assert (job.started, job.skipped, job.total, job.attempts) == (2, 3, 5, 2)
    assert sorted(Appraisal.objects.filter(cycle=cycle).values_list("appraisee__first_name", flat=True)) == [
        "Lee", "Rita"]
    resumed = [e for e in _status_events(job) if e.pgh_diff and "resumed_at" in e.pgh_diff]
    assert len(resumed) == 1 and resumed[0].pgh_context["user"] == same_org_hr_admin.pk
    assert b"Finished" in client.get(response.url).content


def test_a_run_still_reporting_is_not_started_twice(client_for, same_org_hr_admin, cycle, ready):
    job = _abandoned(cycle, same_org_hr_admin, silent_for=timedelta(minutes=1))
    client = client_for(same_org_hr_admin)
    assert "Start again" not in client.get(reverse("appraisal:bulk_start_detail",
                                                   args=[job.public_id])).content.decode()
    before = table_fingerprints()
    refused = client.post(reverse("appraisal:bulk_start_resume", args=[job.public_id]))
    assert refused.status_code == 200 and "still going" in refused.content.decode()
    assert table_fingerprints() == before


def test_resuming_carries_on_with_those_left_and_the_old_worker_stops(same_org_hr_admin, cycle, ready):
    job = _abandoned(cycle, same_org_hr_admin)
    services.appraisals_bulk_start_resume(actor=same_org_hr_admin, job=job)
    job.refresh_from_db()
    assert (job.status, job.started, job.total) == (Status.QUEUED, 1, 5)  # Lee's, though never written
    assert not bulk._report(job, attempt=1)  # the old worker, had it only been slow, writes nothing more

    services.appraisals_bulk_start_run(job_id=job.id)  # the worker the resume queued
    services.appraisals_bulk_start_run(job_id=job.id)  # and a second delivery does nothing

    job.refresh_from_db()
    assert (job.status, job.started, job.skipped, job.attempts) == (Status.DONE, 2, 3, 2)
    assert Appraisal.objects.filter(cycle=cycle).count() == 2
    with pytest.raises(Exception, match="nothing to resume"):
        services.appraisals_bulk_start_resume(actor=same_org_hr_admin, job=job)


def test_a_stalled_or_running_run_is_cancelled_after_a_confirmation(client_for, same_org_hr_admin, cycle,
                                                                   ready):
    job = _abandoned(cycle, same_org_hr_admin)
    client = client_for(same_org_hr_admin)
    detail = reverse("appraisal:bulk_start_detail", args=[job.public_id])
    cancel = reverse("appraisal:bulk_start_cancel", args=[job.public_id])
    assert cancel in client.get(detail).content.decode()
    confirm = client.get(cancel).content.decode()
    assert "Cancel the run" in confirm and "Those already started stay" in confirm

    assert client.post(cancel).url == detail

    job.refresh_from_db()
    assert (job.status, job.cancelled_by) == (Status.CANCELLED, same_org_hr_admin)
    assert Appraisal.objects.filter(cycle=cycle).count() == 1  # Lee's stays
    assert _status_events(job).last().pgh_context["user"] == same_org_hr_admin.pk
    assert not bulk._report(job, attempt=1)  # a worker still going stops at its next write
    services.appraisals_bulk_start_run(job_id=job.id)  # a late delivery does nothing either
    assert Appraisal.objects.filter(cycle=cycle).count() == 1
    page = client.get(detail).content.decode()
    assert "Cancelled" in page and cancel not in page
    again = client.post(cancel)
    assert again.status_code == 200 and "already cancelled" in again.content.decode()
    # The cycle is free again: everyone's appraisals can be asked for anew.
    assert services.appraisals_bulk_start_request(actor=same_org_hr_admin, cycle=cycle).total == 4


def test_only_the_cycles_hr_admins_start_again_or_cancel(same_org_manager, same_org_hr_admin, cycle, ready):
    job = _abandoned(cycle, same_org_hr_admin)
    for act in (services.appraisals_bulk_start_resume, services.appraisals_bulk_start_cancel):
        with pytest.raises(Exception, match="Only the organisation's HR admins"):
            act(actor=same_org_manager, job=job)
    job.refresh_from_db()
    assert job.status == Status.RUNNING
