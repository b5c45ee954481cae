"""Appraisal factories: templates, cycles and appraisals.

An appraisal's organisation is its cycle's; the appraisee reports to the appraiser, and both (and a
countersigner, if given) work there. Templates default to the organisation's own.
"""

import importlib
from datetime import date

import factory
from django.apps import apps

from appraisal.models import (
    DEFAULT_BANDS,
    DEFAULT_RATING_SCALE,
    Appraisal,
    AppraisalCycle,
    ScorecardTemplate,
    TemplatePerspective,
)
from appraisal.selectors import template_for
from leadership.models import ManagementLevel
from tests.factories import OrganisationFactory, PersonFactory

PERSPECTIVES = [("Patients", 40), ("People", 30), ("Money", 30)]
NATIONAL_TEMPLATE = importlib.import_module("appraisal.migrations.0002_national_template")


def ensure_national_template() -> None:
    """The data migration's national template, reloaded if a transactional test flushed it."""
    NATIONAL_TEMPLATE.create(apps, None)


class ScorecardTemplateFactory(factory.django.DjangoModelFactory):
    """An organisation's own template (below senior levels), with three weighted perspectives."""

    class Meta:
        model = ScorecardTemplate
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Team scorecard {n}")
    organisation = factory.SubFactory(OrganisationFactory)
    levels = factory.LazyFunction(lambda: [ManagementLevel.MIDDLE, ManagementLevel.FIRST_LINE])
    rating_scale = factory.LazyFunction(lambda: list(DEFAULT_RATING_SCALE))
    bands = factory.LazyFunction(lambda: list(DEFAULT_BANDS))

    @factory.post_generation
    def perspectives(template, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create:
            TemplatePerspective.objects.bulk_create([
                TemplatePerspective(template=template, name=name, weight=weight, position=position)
                for position, (name, weight) in enumerate(extracted or PERSPECTIVES)
            ])


class AppraisalCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AppraisalCycle
        django_get_or_create = ("organisation", "name")

    organisation = factory.SubFactory(OrganisationFactory)
    name = "2026/27"
    opens_on = date(2026, 4, 1)
    closes_on = date(2027, 3, 31)


class AppraisalFactory(factory.django.DjangoModelFactory):
    """A draft appraisal of a middle manager by their line manager, on the template they would get."""

    class Meta:
        model = Appraisal

    cycle = factory.SubFactory(AppraisalCycleFactory)
    organisation = factory.SelfAttribute("cycle.organisation")
    appraiser = factory.SubFactory(
        PersonFactory, organisation=factory.SelfAttribute("..organisation"),
        management_level=ManagementLevel.SENIOR,
    )
    appraisee = factory.SubFactory(PersonFactory, line_manager=factory.SelfAttribute("..appraiser"))
    countersigner = None
    level = factory.LazyAttribute(lambda o: o.appraisee.management_level)
    template = factory.LazyAttribute(
        lambda o: ensure_national_template() or template_for(o.organisation, o.level)
    )
    directorate = "Operations"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        organisation = kwargs["organisation"]
        people = [kwargs.get(role) for role in ("appraisee", "appraiser", "countersigner")]
        if any(p is not None and p.organisation_id != organisation.id for p in people) \
                or kwargs["cycle"].organisation_id != organisation.id:
            raise ValueError("An appraisal's people and cycle belong to its organisation.")
        return super()._create(model_class, *args, **kwargs)


def complete_appraisal_skills(*people, on: date | None = None) -> None:
    """R11: the people may appraise, having completed the appraisal-skills course (a training record)."""
    from django.utils import timezone

    from tests.training.factories import CourseFactory
    from training.models import Course, TrainingRecord

    course = (Course.objects.filter(topics__contains=["appraisal_skills"]).first()
              or CourseFactory(topics=["appraisal_skills"], title="Appraisal skills"))
    for person in people:
        TrainingRecord.objects.create(
            person=person, organisation=person.organisation, course=course, title=course.title,
            status=TrainingRecord.Status.COMPLETED, on=on or timezone.localdate(), hours=6)
