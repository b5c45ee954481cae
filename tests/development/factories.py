"""Development factories: assessments, plans, needs, 90-day cycles, actions and check-ins.

Whoever a record names (an assessor, a rater, an action's owner) works in the organisation of the
person it is about, unless a test passes someone else on purpose.
"""

from datetime import date, timedelta

import factory
from django.utils import timezone

from leadership.development import framework_data
from leadership.development.services import next_round_number
from leadership.models import (
    Action,
    ActionCycle,
    Assessment,
    CheckIn,
    Competency,
    CompetencyFramework,
    DevelopmentNeed,
    DevelopmentPlan,
    ExpectedBehaviour,
    RaterInvitation,
)
from tests.factories import OrganisationFactory, PersonFactory


def default_framework() -> CompetencyFramework:
    """The published version 1 (reloaded if a transactional test flushed it)."""
    return framework_data.load(CompetencyFramework, Competency, ExpectedBehaviour, timezone.now())


class FrameworkDraftFactory(factory.django.DjangoModelFactory):
    """A draft framework version beside the published one (only one draft may exist)."""

    class Meta:
        model = CompetencyFramework

    name = "Draft framework"
    version = factory.Sequence(lambda n: 100 + n)
    status = CompetencyFramework.Status.DRAFT


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    person = factory.SubFactory(PersonFactory)
    framework = factory.LazyFunction(default_framework)
    kind = Assessment.Kind.SELF
    assessor = factory.LazyAttribute(lambda o: o.person.user if o.kind == Assessment.Kind.SELF else None)
    status = Assessment.Status.SUBMITTED
    submitted_at = factory.LazyAttribute(
        lambda o: timezone.now() if o.status == Assessment.Status.SUBMITTED else None
    )
    # The person's next round of this kind, as the services number them.
    round_number = factory.LazyAttribute(lambda o: next_round_number(o.person, o.kind))


class RaterInvitationFactory(factory.django.DjangoModelFactory):
    """A colleague on the staff record asked to rate an open 360 round."""

    class Meta:
        model = RaterInvitation

    assessment = factory.SubFactory(
        AssessmentFactory, kind=Assessment.Kind.FEEDBACK_360, status=Assessment.Status.DRAFT
    )
    rater = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..assessment.person.organisation")
    )
    email = factory.LazyAttribute(lambda o: o.rater.work_email if o.rater else "outside.rater@example.com")
    relationship = RaterInvitation.Relationship.PEER
    approval = RaterInvitation.Approval.NOT_NEEDED


class DevelopmentPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentPlan
        django_get_or_create = ("person",)

    person = factory.SubFactory(PersonFactory)
    aspiration = "Lead a directorate"


class DevelopmentNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DevelopmentNeed

    plan = factory.SubFactory(DevelopmentPlanFactory)
    description = factory.Sequence(lambda n: f"Build negotiation skills ({n})")
    created_by = factory.LazyAttribute(lambda o: o.plan.person.user)


class ActionCycleFactory(factory.django.DjangoModelFactory):
    """A person's active cycle; pass person=None and an organisation for an organisation's cycle."""

    class Meta:
        model = ActionCycle

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(
        lambda o: o.person.organisation if o.person else OrganisationFactory()
    )
    focus = "Improve the rota"
    starts_on = date(2025, 1, 6)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        person, organisation = kwargs.get("person"), kwargs.get("organisation")
        if person is not None and person.organisation_id != organisation.id:
            raise ValueError("A person's cycle belongs to the person's organisation.")
        return super()._create(model_class, *args, **kwargs)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    cycle = factory.SubFactory(ActionCycleFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = factory.LazyAttribute(lambda o: o.cycle.person)
    due_on = factory.LazyAttribute(lambda o: o.cycle.starts_on + timedelta(days=30))


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn
        django_get_or_create = ("cycle", "day")

    cycle = factory.SubFactory(ActionCycleFactory)
    day = 30
    due_on = factory.LazyAttribute(lambda o: o.cycle.starts_on + timedelta(days=o.day))
