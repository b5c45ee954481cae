"""Isolation cases for the appraisal pages and API (see tests/isolation_registry.py)."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from appraisal import services
from appraisal.models import (
    Appraisal,
    AppraisalBulkStart,
    AppraisalCycle,
    CalibrationReview,
    OrganisationScorecard,
)
from leadership.dates import quarter_start, uk_today
from leadership.models import Person
from tests.factories import PersonFactory
from tests.isolation_registry import EVERYONE, NOT_IN_DEMO, STAFF, TRUST_ADMINS


def build_world(world: dict) -> dict:
    """A draft appraisal of Lee (by Morgan) and a signed-off one of Rita, in the same organisation."""
    from tests.appraisal.conftest import signed_off_appraisal

    organisation = world["same_org"]
    manager = world["same_org_manager"].person
    cycle = AppraisalCycle.objects.create(
        organisation=organisation,
        name="Isolation 2026/27",
        opens_on=date(2026, 4, 1),
        closes_on=date(2027, 3, 31),
    )
    # Open whatever the suite's clock says, so a person's appraisal can be started.
    AppraisalCycle.objects.create(organisation=organisation, name="Open now",
                                  opens_on=uk_today() - timedelta(days=60),
                                  closes_on=uk_today() + timedelta(days=60))
    template = services._create_template(
        name="Same org staff",
        organisation=organisation,
        levels=["none"],
        perspectives=[("Patients", 50), ("People", 50)],
        competency_ratings=False,
    )
    lee = Person.objects.get(organisation=organisation, first_name="Lee")
    draft = Appraisal.objects.create(
        cycle=cycle,
        organisation=organisation,
        appraisee=lee,
        appraiser=manager,
        template=template,
        level=lee.management_level,
    )
    objective = draft.objectives.create(
        perspective=template.perspectives.first(), title="Morgan objective", measure="M", target="T"
    )
    rita = Person.objects.get(organisation=organisation, first_name="Rita")
    signed = signed_off_appraisal(cycle, rita, manager)
    CalibrationReview.objects.create(organisation=organisation, cycle=cycle, held_on=date(2026, 6, 1))
    measure = _scorecard(organisation)
    world.update(
        {
            "appraisal_cycle": cycle,
            "appraisal_draft": draft,
            "appraisal_signed": signed,
            "appraisal_objective": objective,
            "appraisal_template": template,
            "appraisal_measure": measure,
            "appraisal_bulk_start": AppraisalBulkStart.objects.create(
                cycle=cycle, requested_by=world["same_org_manager"], total=1, started=1,
                status=AppraisalBulkStart.Status.DONE),
        }
    )
    return world


def _scorecard(organisation):
    from appraisal.models import OrganisationScorecard, ScorecardMeasure

    card = OrganisationScorecard.objects.create(
        organisation=organisation, period=quarter_start(timezone.localdate())
    )
    return ScorecardMeasure.objects.create(
        scorecard=card, perspective="People and culture", name="Engagement", target=7, actual=6
    )


def _a(w, key="appraisal_draft"):
    return w[key].public_id


PAGE_CASES = {
    "appraisal:my_appraisals": ("list", lambda w: reverse("appraisal:my_appraisals")),
    "appraisal:template_list": ("list", lambda w: reverse("appraisal:template_list")),
    "appraisal:template_new": ("object", lambda w: reverse("appraisal:template_new", args=["RT1"])),
    "appraisal:template_revise": (
        "object",
        lambda w: reverse("appraisal:template_revise", args=[w["appraisal_template"].public_id]),
    ),
    "appraisal:organisation_appraisals": (
        "object",
        lambda w: reverse("appraisal:organisation_appraisals", args=["RT1"]),
    ),
    "appraisal:cycle_new": ("object", lambda w: reverse("appraisal:cycle_new", args=["RT1"])),
    "appraisal:calibration": ("object", lambda w: reverse("appraisal:calibration", args=["RT1"])),
    "appraisal:cycle_detail": (
        "object",
        lambda w: reverse("appraisal:cycle_detail", args=[_a(w, "appraisal_cycle")]),
    ),
    "appraisal:appraisal_start": (
        "object",
        lambda w: reverse("appraisal:appraisal_start", args=[_a(w, "appraisal_cycle")]),
    ),
    "appraisal:cycle_export": ("object", lambda w: reverse("appraisal:cycle_export",
                                                           args=[_a(w, "appraisal_cycle")])),
    "appraisal:cycle_bulk_start": ("object", lambda w: reverse("appraisal:cycle_bulk_start",
                                                               args=[_a(w, "appraisal_cycle")])),
    "appraisal:bulk_start_detail": ("object", lambda w: reverse("appraisal:bulk_start_detail",
                                                                args=[_a(w, "appraisal_bulk_start")])),
    # A stalled run is started again or cancelled by the cycle's HR admins (refused on the page once done).
    "appraisal:bulk_start_resume": ("object", lambda w: reverse("appraisal:bulk_start_resume",
                                                                args=[_a(w, "appraisal_bulk_start")])),
    "appraisal:bulk_start_cancel": ("object", lambda w: reverse("appraisal:bulk_start_cancel",
                                                                args=[_a(w, "appraisal_bulk_start")])),
    # Starting one person's appraisal (their line manager or HR admin, while a cycle is open).
    "appraisal:report_appraisal_start": ("object", lambda w: reverse(
        "appraisal:report_appraisal_start", args=[w["same_org_manager"].person.public_id])),
    # R11's exceptions: national admins only.
    "appraisal:appraiser_exception_new": ("national", lambda w: reverse(
        "appraisal:appraiser_exception_new", args=[w["same_org_manager"].person.public_id])),
    "appraisal:scorecard": ("object", lambda w: reverse("appraisal:scorecard", args=["RT1"])),
    "appraisal:scorecard_measure_edit": ("object", lambda w: reverse(
        "appraisal:scorecard_measure_edit", args=[_a(w, "appraisal_measure")])),
    "appraisal:scorecard_measure_delete": ("object", lambda w: reverse(
        "appraisal:scorecard_measure_delete", args=[_a(w, "appraisal_measure")])),
    "appraisal:scorecard_target_edit": ("object", lambda w: reverse(
        "appraisal:scorecard_target_edit", args=["RT1", "appraisal_completion"])),
    "appraisal:scorecard_measure_new": (
        "object",
        lambda w: reverse("appraisal:scorecard_measure_new", args=["RT1"]),
    ),
    "appraisal:scorecard_footprint": (
        "national",
        lambda w: reverse("appraisal:scorecard_footprint", args=["QT1"]),
    ),
    "appraisal:objective_edit": (
        "object",
        lambda w: reverse("appraisal:objective_edit", args=[_a(w, "appraisal_objective")]),
    ),
    "appraisal:objective_delete": (
        "object",
        lambda w: reverse("appraisal:objective_delete", args=[_a(w, "appraisal_objective")]),
    ),
    "appraisal:appraisal_detail": ("object", lambda w: reverse("appraisal:appraisal_detail", args=[_a(w)])),
    "appraisal:objective_new": ("object", lambda w: reverse("appraisal:objective_new", args=[_a(w)])),
    "appraisal:appraisal_step": ("object", lambda w: reverse("appraisal:appraisal_step", args=[_a(w)])),
    "appraisal:appraisal_reassign": (
        "object",
        lambda w: reverse("appraisal:appraisal_reassign", args=[_a(w)]),
    ),
    "appraisal:addendum_new": (
        "object",
        lambda w: reverse("appraisal:addendum_new", args=[_a(w, "appraisal_signed")]),
    ),
    "appraisal:calibration_change": (
        "object",
        lambda w: reverse("appraisal:calibration_change", args=[_a(w, "appraisal_signed")]),
    ),
    "appraisal:appraisal_pdf": (
        "object",
        lambda w: reverse("appraisal:appraisal_pdf", args=[_a(w, "appraisal_signed")]),
    ),
}

# The demo roles that open each page by following links (tests/isolation_registry.py, EVERYONE etc.).
REACHABLE_BY = {
    "appraisal:my_appraisals": EVERYONE,
    "appraisal:template_list": EVERYONE,
    "appraisal:template_new": TRUST_ADMINS,
    "appraisal:template_revise": {"national_admin"},
    "appraisal:organisation_appraisals": TRUST_ADMINS,
    "appraisal:cycle_new": TRUST_ADMINS,
    "appraisal:calibration": TRUST_ADMINS,
    "appraisal:cycle_detail": {"hr_admin"},
    "appraisal:appraisal_start": {"hr_admin"},
    "appraisal:cycle_export": {"hr_admin"},
    "appraisal:cycle_bulk_start": {"hr_admin"},
    "appraisal:bulk_start_detail": NOT_IN_DEMO,
    "appraisal:bulk_start_resume": NOT_IN_DEMO,
    "appraisal:bulk_start_cancel": NOT_IN_DEMO,
    "appraisal:report_appraisal_start": {"hr_admin", "manager"},
    "appraisal:appraiser_exception_new": {"national_admin"},
    "appraisal:scorecard": {"board_secretary", "footprint_viewer", "hr_admin", "national_admin"},
    "appraisal:scorecard_measure_edit": {"board_secretary", "hr_admin"},
    "appraisal:scorecard_measure_delete": {"board_secretary", "hr_admin"},
    "appraisal:scorecard_target_edit": {"board_secretary", "hr_admin", "national_admin"},
    "appraisal:scorecard_measure_new": {"board_secretary", "hr_admin", "national_admin"},
    "appraisal:scorecard_footprint": {"education_lead", "footprint_viewer", "national_admin"},
    "appraisal:objective_edit": NOT_IN_DEMO,
    "appraisal:objective_delete": NOT_IN_DEMO,
    "appraisal:appraisal_detail": STAFF,
    "appraisal:objective_new": NOT_IN_DEMO,
    "appraisal:appraisal_step": {"hr_admin", "manager"},
    "appraisal:appraisal_reassign": {"hr_admin"},
    "appraisal:addendum_new": {"board_secretary", "hr_admin"},
    "appraisal:calibration_change": {"hr_admin"},
    "appraisal:appraisal_pdf": {"board_secretary", "hr_admin"},
}

API_CASES = {
    "api:appraisal-list": ("list", lambda w: reverse("api:appraisal-list")),
    "api:appraisal-detail": ("object", lambda w: reverse("api:appraisal-detail", args=[_a(w)])),
    "api:scorecard-list": ("list", lambda w: reverse("api:scorecard-list")),
    "api:scorecard-detail": (
        "object",
        lambda w: reverse("api:scorecard-detail", args=[w["same_org"].scorecards.get().public_id]),
    ),
}


def _deleted(row) -> str:
    public_id = str(row.public_id)
    row.delete()
    return public_id


# Resource -> (who hears of the deletion, builder): see tests/development/isolation_cases.py.
DELETION_CASES = {
    "appraisals": (
        "list",
        lambda w: _deleted(
            Appraisal.objects.create(
                cycle=w["appraisal_cycle"],
                organisation=w["same_org"],
                template=w["appraisal_template"],
                appraisee=PersonFactory(organisation=w["same_org"], management_level="none"),
                appraiser=w["same_org_manager"].person,
                level="none",
            )
        ),
    ),
    "scorecards": (
        "list",
        lambda w: _deleted(
            OrganisationScorecard.objects.create(organisation=w["same_org"], period=date(2020, 1, 1))
        ),
    ),
}
