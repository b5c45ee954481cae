"""Demo courses that help towards the demo's career pathways: the first active courses that teach a
competency a pathway's steps name, or at the pathway's levels. Only what is missing is written."""

from leadership.audit import audit_context
from leadership.models import CareerPathway
from training.models import Course, PathwayCourse

PER_PATHWAY = 2


def seed() -> dict:
    added = 0
    courses = list(Course.objects.filter(active=True).order_by("code"))
    with audit_context(actor=None, source="command"):
        for pathway in CareerPathway.objects.prefetch_related("steps").order_by("id"):
            if PathwayCourse.objects.filter(pathway=pathway).exists():
                continue
            levels = {step.management_level for step in pathway.steps.all()}
            helpful = [c for c in courses if levels & set(c.levels)][:PER_PATHWAY] or courses[:PER_PATHWAY]
            PathwayCourse.objects.bulk_create([PathwayCourse(pathway=pathway, course=c) for c in helpful])
            added += len(helpful)
    return {"pathway_courses": added}
