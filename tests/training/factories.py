"""Training factories: a record's organisation is always its person's."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories import PersonFactory
from training.models import Course, CourseRun, Evaluation, Provider, TrainingRecord


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    name = factory.Sequence(lambda n: f"Test provider {n}")
    kind = Provider.Kind.UNIVERSITY
    accreditation_status = Provider.Status.ACCREDITED
    accredited_from = date(2020, 1, 1)
    accredited_until = None


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    code = factory.Sequence(lambda n: f"test-course-{n}")
    provider = factory.SubFactory(ProviderFactory)
    title = factory.Sequence(lambda n: f"Test course {n}")
    topics = factory.LazyFunction(lambda: ["leadership"])
    levels = factory.LazyFunction(lambda: ["middle"])
    hours = Decimal("7")
    cost = Decimal("100")


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseRun

    course = factory.SubFactory(CourseFactory)
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))
    ends_on = factory.LazyAttribute(lambda o: o.starts_on)
    place = "Leeds"
    capacity = 2


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingRecord

    person = factory.SubFactory(PersonFactory)
    organisation = factory.LazyAttribute(lambda o: o.person.organisation)
    course = factory.SubFactory(CourseFactory)
    title = factory.LazyAttribute(lambda o: o.course.title if o.course else "External course")
    status = TrainingRecord.Status.COMPLETED
    on = factory.LazyFunction(date.today)
    hours = Decimal("7")
    cost = Decimal("100")


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    record = factory.SubFactory(RecordFactory)
    course = factory.LazyAttribute(lambda o: o.record.course)
    content = 4
    delivery = 5
    relevance = 3
