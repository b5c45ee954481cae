"""Demo appraisals: a current cycle in the demo acute trust and a few others, appraisals at every
step (countersigned, and one withdrawn when its appraisee left the trust), scorecards. Idempotent."""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from appraisal import selectors
from appraisal.models import (
    SENIOR_LEVELS,
    Appraisal,
    AppraisalCycle,
    AppraisalState,
    Objective,
    OrganisationScorecard,
    ScorecardMeasure,
    ScorecardTarget,
)
from leadership.dates import quarter_start
from leadership.demo import DEMO_ACUTE_TRUST
from leadership.models import EMPLOYER_KINDS, Organisation, Person

SEED = 2011
ORGANISATIONS = 3
PER_ORGANISATION = 40
STATES = [
    AppraisalState.DRAFT,
    AppraisalState.OBJECTIVES_AGREED,
    AppraisalState.SELF_REVIEW,
    AppraisalState.SIGNED_OFF,
    AppraisalState.SIGNED_OFF,
    AppraisalState.SIGNED_OFF,
]
# The later stages, for some appraisals drawn as "objectives agreed" between people with no demo login
# (so no demo role gains a step to take), rated from their own generator so the draws above stay put.
LATER_STAGES = (AppraisalState.APPRAISER_REVIEW, AppraisalState.MEETING_HELD)
# Targets of the portal's own people measures (a rate's as a percentage).
AUTO_TARGETS = [("appraisal_completion", "90"), ("managers_in_cycle", "75"), ("basics_coverage", "80")]
MEASURES = [
    ("Patients and quality", "Friends and family test: would recommend (%)", "95", "93.5"),
    ("People and culture", "Staff survey engagement score", "7.0", "6.8"),
    ("Finance and use of resources", "Agency spend as a share of pay (%)", "4.0", "5.1"),
    ("Improvement and learning", "Quality improvement projects completed", "12", "14"),
]


def _cycle_dates(today: date) -> tuple[str, date, date]:
    start_year = today.year if today.month >= 4 else today.year - 1
    return f"{start_year}/{str(start_year + 1)[-2:]}", date(start_year, 4, 1), date(start_year + 1, 3, 31)


@transaction.atomic
def seed() -> dict:
    rng = random.Random(SEED)
    later_rng = random.Random(SEED + 1)
    today = timezone.localdate()
    name, opens_on, closes_on = _cycle_dates(today)
    created = 0
    employers = Organisation.objects.filter(kind__in=EMPLOYER_KINDS, active=True)
    # The demo acute trust first, so its HR admin and manager logins have appraisals to open.
    organisations = [*employers.filter(ods_code=DEMO_ACUTE_TRUST),
                     *employers.exclude(ods_code=DEMO_ACUTE_TRUST).order_by("ods_code")[:ORGANISATIONS]]
    for organisation in organisations:
        cycle, _ = AppraisalCycle.objects.get_or_create(
            organisation=organisation, name=name, defaults={"opens_on": opens_on, "closes_on": closes_on}
        )
        already = set(cycle.appraisals.values_list("appraisee_id", flat=True))
        people = (
            Person.objects.filter(organisation=organisation, active=True, line_manager__isnull=False)
            .exclude(id__in=already)
            .select_related("line_manager__line_manager")
            .order_by("employee_number")
        )
        for index, person in enumerate(people[: max(0, PER_ORGANISATION - len(already))]):
            state = rng.choice(STATES)
            if (state == AppraisalState.OBJECTIVES_AGREED and person.user_id is None
                    and person.line_manager.user_id is None):
                state = LATER_STAGES[index % 2]
            created += _appraisal(rng, cycle, person, state, later_rng)
        if organisation.ods_code == DEMO_ACUTE_TRUST:
            _countersign(cycle)
            created += _withdrawn(rng, cycle, later_rng)
        scorecard, _ = OrganisationScorecard.objects.get_or_create(
            organisation=organisation, period=quarter_start(today)
        )
        for perspective, label, target, actual in MEASURES:
            ScorecardMeasure.objects.get_or_create(
                scorecard=scorecard,
                name=label,
                defaults={
                    "perspective": perspective,
                    "target": Decimal(target),
                    "actual": Decimal(actual),
                    "higher_is_better": "Agency" not in label,
                },
            )
        for measure, target in AUTO_TARGETS:
            ScorecardTarget.objects.get_or_create(organisation=organisation, measure=measure,
                                                  defaults={"target": Decimal(target)})
    return {"appraisals": created}


COUNTERSIGNED = 2  # signed-off senior appraisals the countersigning manager has countersigned
LEAVER_NUMBER = "DEMO-LEAVER-1"  # a manager who left mid-cycle: their appraisal is withdrawn
LEAVER_REASON = "Left the trust for a post in another region."


def _countersign(cycle) -> None:
    """The countersigning manager has countersigned a couple of the signed-off senior appraisals."""
    if cycle.appraisals.filter(state=AppraisalState.COUNTERSIGNED).exists():
        return
    signed = cycle.appraisals.filter(state=AppraisalState.SIGNED_OFF, countersigner__isnull=False,
                                     level__in=SENIOR_LEVELS).order_by("id")[:COUNTERSIGNED]
    now = timezone.now()
    Appraisal.objects.filter(id__in=[a.id for a in signed]).update(
        state=AppraisalState.COUNTERSIGNED, countersigned_at=now, state_changed_at=now)


def _withdrawn(rng, cycle, later_rng) -> int:
    """A middle manager who left the trust mid-cycle, and their appraisal, withdrawn with the reason
    (what recording a leaver does). Their own row, so no other demo's people change."""
    if Person.objects.filter(organisation=cycle.organisation, employee_number=LEAVER_NUMBER).exists():
        return 0
    manager = (Person.objects.filter(organisation=cycle.organisation, active=True,
                                     management_level="senior", line_manager__isnull=False)
               .order_by("employee_number").first())
    if manager is None:
        return 0
    left_on = timezone.localdate() - timedelta(days=40)
    leaver = Person.objects.create(
        organisation=cycle.organisation, employee_number=LEAVER_NUMBER, first_name="Jordan",
        last_name="Whitfield", job_title="Service manager (left)", management_level="middle",
        line_manager=manager, active=False, left_on=left_on)
    _appraisal(rng, cycle, leaver, AppraisalState.OBJECTIVES_AGREED, later_rng)
    withdrawn_at = timezone.now() - timedelta(days=40)
    Appraisal.objects.filter(cycle=cycle, appraisee=leaver).update(
        state=AppraisalState.WITHDRAWN, state_changed_at=withdrawn_at, withdrawn_at=withdrawn_at,
        withdrawn_reason=LEAVER_REASON)
    return 1


def _rating(rng, later_rng, state) -> int | None:
    if state == AppraisalState.SIGNED_OFF:
        return rng.choice([2, 3, 3, 3, 4])
    return later_rng.choice([2, 3, 3, 3, 4]) if state in LATER_STAGES else None


def _appraisal(rng, cycle, person, state, later_rng) -> int:
    template = selectors.template_for(cycle.organisation, person.management_level)
    countersigner = (
        person.line_manager.line_manager
        if person.management_level in ("senior", "executive", "board")
        else None
    )
    if countersigner is not None and countersigner.id == person.id:
        countersigner = None
    appraisal = Appraisal.objects.create(
        cycle=cycle,
        organisation=cycle.organisation,
        appraisee=person,
        appraiser=person.line_manager,
        countersigner=countersigner,
        template=template,
        level=person.management_level,
        directorate=person.job_title[:100],
    )
    for perspective in template.perspectives.all():
        Objective.objects.create(
            appraisal=appraisal,
            perspective=perspective,
            title=f"{perspective.name} objective",
            measure="Agreed measure",
            target="Agreed target",
            weight=100,
            actual="Achieved" if state != AppraisalState.DRAFT else "",
            rating=_rating(rng, later_rng, state),
        )
    if state == AppraisalState.SIGNED_OFF:
        score = selectors.compute_score(appraisal)
        now = timezone.now()
        Appraisal.objects.filter(pk=appraisal.pk).update(
            state=state,
            overall_score=score.overall,
            band=score.band,
            appraisee_signed_at=now,
            appraiser_signed_at=now,
            signed_off_at=now,
            perspective_scores={p.name: str(p.score) for p in score.perspectives},
        )
    elif state != AppraisalState.DRAFT:
        Appraisal.objects.filter(pk=appraisal.pk).update(state=state)
    return 1
