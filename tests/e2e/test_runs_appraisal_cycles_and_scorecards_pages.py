"""The pages of issue 15's training and appraisal work in the browser, each checked by axe-core: a
run's change and cancellation, the appraiser-training exception, a cycle's filtered page, starting
everyone's appraisals and its progress, and a scorecard's measures and targets."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from appraisal import services as appraisal_services
from appraisal.models import AppraisalBulkStart
from leadership.models import Organisation, Role
from tests.appraisal.factories import AppraisalCycleFactory, AppraisalFactory
from tests.factories import OrganisationFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_totp
from tests.training.factories import RunFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _admin(organisation, role, first_name):
    user = user_with_person(organisation, role=role, first_name=first_name)
    enrol_in_totp(user)
    return user


def test_a_national_admin_changes_and_cancels_a_run_and_records_an_appraiser_exception(page, axe):
    national = OrganisationFactory(ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY)
    admin = _admin(national, Role.NATIONAL_ADMIN, "Nadia")
    trust = OrganisationFactory(ods_code="RB1", name="Browser Hospitals NHS Trust")
    manager = user_with_person(trust, first_name="Mona", last_name="Manager")
    run = RunFactory(starts_on=timezone.localdate() + timedelta(days=20),
                     ends_on=timezone.localdate() + timedelta(days=20))

    sign_in_with_totp(page, axe, admin.email)
    page.goto(reverse("training:course_detail", args=[run.course.public_id]))
    axe(page)
    page.get_by_role("link", name="Change the run").first.click()
    axe(page)
    page.get_by_label("Place").fill("York")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The run was changed.")).to_be_visible()
    page.get_by_role("link", name="Cancel the run").first.click()
    axe(page)
    page.get_by_role("button", name="Cancel the run").click()
    axe(page)  # the reason is required: the error summary
    page.get_by_label("Why is the run cancelled?").fill("The trainer is ill")
    page.get_by_role("button", name="Cancel the run").click()
    expect(page.get_by_text("The run was cancelled")).to_be_visible()

    page.goto(reverse("appraisal:appraiser_exception_new", args=[manager.person.public_id]))
    axe(page)
    page.get_by_label("Why may this person appraise").fill("Appointed last week, booked on the next run")
    page.get_by_role("button", name="Record the exception").click()
    expect(page.get_by_text("may now be assigned as an appraiser")).to_be_visible()
    axe(page)


def test_an_hr_admin_works_a_cycle_and_the_scorecard(page, axe):
    trust = OrganisationFactory(ods_code="RB2", name="Scoring Hospitals NHS Trust")
    hr_admin = _admin(trust, Role.HR_ADMIN, "Hedda")
    cycle = AppraisalCycleFactory(organisation=trust)
    AppraisalFactory(cycle=cycle)
    AppraisalFactory(cycle=cycle, state="meeting_held")
    job = AppraisalBulkStart.objects.create(cycle=cycle, requested_by=hr_admin, total=3, started=1, skipped=1,
                                            status=AppraisalBulkStart.Status.RUNNING,
                                            problems=[{"person": "Ivy Ingram", "reason": "No line manager."}])
    # Its worker died eleven minutes ago: the page says it stalled.
    AppraisalBulkStart.objects.filter(id=job.id).update(updated_at=timezone.now() - timedelta(minutes=11))
    appraisal_services.scorecard_measure_save(
        actor=hr_admin, organisation=trust, period=timezone.localdate(), perspective="People and culture",
        name="Staff engagement", target=Decimal(7), actual=Decimal(6))

    sign_in_with_totp(page, axe, hr_admin.email)
    page.goto(reverse("appraisal:cycle_detail", args=[cycle.public_id]))
    axe(page)
    page.get_by_label("Stage").select_option("meeting_held")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_text("1 appraisal at this stage")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Start everyone's appraisals").click()
    axe(page)
    page.goto(reverse("appraisal:bulk_start_detail", args=[job.public_id]))
    expect(page.get_by_text("Ivy Ingram")).to_be_visible()
    expect(page.get_by_role("button", name="Start again")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Cancel the run").click()
    axe(page)
    page.get_by_role("button", name="Cancel the run").click()
    expect(page.get_by_text("The run was cancelled.")).to_be_visible()
    axe(page)

    page.goto(reverse("appraisal:scorecard", args=[trust.ods_code]))
    axe(page)
    page.get_by_role("link", name="Change Staff engagement").click()
    axe(page)
    page.get_by_label("Actual").fill("7.2")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Measure changed.")).to_be_visible()
    page.get_by_role("link", name="Set the target of Appraisal completion rate").click()
    axe(page)
    page.get_by_label("Target").fill("90")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Target saved.")).to_be_visible()
    page.get_by_role("link", name="Remove Staff engagement").click()
    axe(page)
    page.get_by_role("button", name="Remove the measure").click()
    expect(page.get_by_text("Staff engagement removed.")).to_be_visible()
    axe(page)
