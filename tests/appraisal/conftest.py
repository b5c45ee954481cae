"""A senior chain and a middle-manager chain in the same organisation, with an open cycle."""

from datetime import date

import pytest

from appraisal import services
from appraisal.models import AppraisalCycle
from leadership.models import ManagementLevel, Person
from tests.api.conftest import api_for, make_api_client  # noqa: F401 - the API test fixtures
from tests.factories import user_with_person


@pytest.fixture
def cycle(same_org):
    return AppraisalCycle.objects.create(
        organisation=same_org, name="2026/27", opens_on=date(2026, 4, 1), closes_on=date(2027, 3, 31)
    )


@pytest.fixture
def lee(same_org_manager):
    lead = Person.objects.get(first_name="Lee", organisation=same_org_manager.person.organisation)
    return user_with_person_for(lead)


def user_with_person_for(person):
    from tests.factories import UserFactory

    person.user = UserFactory()
    person.save(update_fields=["user"])
    return person.user


@pytest.fixture
def senior_chain(same_org):
    """Dana Director (executive) manages Sam Senior, who is appraised and countersigned by Dana's boss."""
    chief = user_with_person(
        same_org, first_name="Chris", last_name="Chief", management_level=ManagementLevel.BOARD
    )
    director = user_with_person(
        same_org,
        first_name="Dana",
        last_name="Director",
        line_manager=chief.person,
        management_level=ManagementLevel.EXECUTIVE,
    )
    senior = user_with_person(
        same_org,
        first_name="Sam",
        last_name="Senior",
        line_manager=director.person,
        management_level=ManagementLevel.SENIOR,
    )
    return {"chief": chief, "director": director, "senior": senior}


def complete(appraisal, *, appraiser, appraisee, rating=3, competency=3):
    """Take an appraisal from draft to signed off by both, every step by its rightful person."""
    for perspective in appraisal.template.perspectives.all():
        services.objective_save(
            actor=appraiser,
            appraisal=appraisal,
            perspective=perspective,
            title=f"Improve {perspective.name}",
            measure="Measure",
            target="Target",
            weight=100,
        )
    services.objectives_agree(actor=appraiser, appraisal=appraisal)
    services.self_review_submit(
        actor=appraisee,
        appraisal=appraisal,
        text="A good year.",
        actuals={str(o.public_id): "Done" for o in appraisal.objectives.all()},
    )
    from appraisal.selectors import competencies_for_level

    services.appraiser_review_submit(
        actor=appraiser,
        appraisal=appraisal,
        text="Agreed.",
        ratings={str(o.public_id): rating for o in appraisal.objectives.all()},
        competency_ratings={code: competency for code, _ in competencies_for_level(appraisal.level)},
    )
    services.meeting_record(
        actor=appraiser,
        appraisal=appraisal,
        meeting_on=date(2026, 5, 1),
        notes="Met.",
        needs=[("Build negotiation skills", "basics-negotiation")],
    )
    services.appraisal_sign(actor=appraisee, appraisal=appraisal)
    services.appraisal_sign(actor=appraiser, appraisal=appraisal)
    appraisal.refresh_from_db()
    return appraisal


def signed_off_appraisal(cycle, appraisee, appraiser, rating=3, directorate=""):
    """A signed-off appraisal written directly (fast), scored by the real arithmetic."""
    from django.utils import timezone

    from appraisal.models import Appraisal
    from appraisal.selectors import compute_score, template_for

    template = template_for(cycle.organisation, appraisee.management_level)
    appraisal = Appraisal.objects.create(
        cycle=cycle,
        organisation=cycle.organisation,
        appraisee=appraisee,
        appraiser=appraiser,
        template=template,
        level=appraisee.management_level,
        directorate=directorate,
    )
    for perspective in template.perspectives.all():
        appraisal.objectives.create(
            perspective=perspective,
            title=f"{perspective.name} objective",
            measure="M",
            target="T",
            actual="A",
            weight=100,
            rating=rating,
        )
    score = compute_score(appraisal)
    now = timezone.now()
    Appraisal.objects.filter(pk=appraisal.pk).update(
        state=Appraisal.State.SIGNED_OFF,
        overall_score=score.overall,
        band=score.band,
        perspective_scores={p.name: str(p.score) for p in score.perspectives},
        appraisee_signed_at=now,
        appraiser_signed_at=now,
        signed_off_at=now,
        self_review="Self",
        appraiser_review="Review",
    )
    appraisal.refresh_from_db()
    return appraisal
