"""Dashboard measures for management training (registered in training/apps.py)."""

from collections.abc import Iterator
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, Sum

from leadership.measures import MANAGER, Measure, Row
from leadership.models import Person
from training.models import MANAGEMENT_BASICS, Qualification, Topic, TrainingRecord

COMPLETED = TrainingRecord.Status.COMPLETED

MEASURES = [
    Measure("basics_coverage", "Managers trained in a management basic", kind="ratio",
            section="Training", breakdown=tuple(
                (f"topic:{topic}", str(Topic(topic).label)) for topic in MANAGEMENT_BASICS)),
    Measure("training_hours_per_manager", "Training hours per manager", kind="average", section="Training"),
    Measure("accredited_qualifications", "Managers holding an accredited qualification",
            section="Training", breakdown=(("senior", "Senior management qualification"),)),
]


def _completed(topics) -> Exists:
    return Exists(TrainingRecord.objects.filter(
        person=OuterRef("pk"), status=COMPLETED, course__topics__overlap=list(topics)))


def rows(period: date) -> Iterator[Row]:
    managers = Person.objects.filter(MANAGER).order_by().values("organisation_id")
    coverage = managers.annotate(
        total=Count("id"), any_basic=Count("id", filter=Q(_completed(MANAGEMENT_BASICS))),
        **{f"topic_{t}": Count("id", filter=Q(_completed([t]))) for t in MANAGEMENT_BASICS},
    )
    for row in coverage:
        org = row["organisation_id"]
        yield Row(org, "basics_coverage", "", row["any_basic"], row["total"])
        for topic in MANAGEMENT_BASICS:
            yield Row(org, "basics_coverage", f"topic:{topic}", row[f"topic_{topic}"], row["total"])
    hours = dict(TrainingRecord.objects.filter(status=COMPLETED, person__in=Person.objects.filter(MANAGER))
                 .order_by().values_list("organisation_id").annotate(h=Sum("hours")))
    for org, managers_here in Person.objects.filter(MANAGER).order_by().values_list(
            "organisation_id").annotate(n=Count("id")):
        yield Row(org, "training_hours_per_manager", "", float(hours.get(org) or 0), managers_here)
    holders = (Qualification.objects.filter(person__in=Person.objects.filter(MANAGER)).order_by()
               .values_list("person__organisation_id")
               .annotate(n=Count("person", distinct=True),
                         senior=Count("person", distinct=True, filter=Q(senior=True))))
    for org, n, senior in holders:
        yield Row(org, "accredited_qualifications", "", n)
        yield Row(org, "accredited_qualifications", "senior", senior)
