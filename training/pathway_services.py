"""Writes for the courses that help towards a career pathway: kept by whoever keeps the pathway."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from leadership.audit import audit_context
from leadership.models import CareerPathway, User
from training import access
from training.models import Course, PathwayCourse


def _require_may_manage(actor: User, pathway: CareerPathway) -> None:
    if not access.pathways_to_manage(actor).filter(id=pathway.id).exists():
        raise PermissionDenied("Only those who keep the pathway can change its courses.")


@transaction.atomic
def pathway_course_add(*, actor: User, pathway: CareerPathway, course: Course) -> PathwayCourse:
    _require_may_manage(actor, pathway)
    if not course.active:
        raise ValidationError("This course is no longer offered: choose another.")
    if PathwayCourse.objects.filter(pathway=pathway, course=course).exists():
        raise ValidationError(f"{course.title} already helps towards this pathway.")
    with audit_context(actor=actor):
        link = PathwayCourse.objects.create(pathway=pathway, course=course, added_by=actor)
        pathway.save(update_fields=["updated_at"])
    return link


@transaction.atomic
def pathway_course_remove(*, actor: User, pathway: CareerPathway, course: Course) -> None:
    _require_may_manage(actor, pathway)
    with audit_context(actor=actor):
        deleted, _ = PathwayCourse.objects.filter(pathway=pathway, course=course).delete()
        if not deleted:
            raise ValidationError(f"{course.title} is not one of this pathway's courses.")
        pathway.save(update_fields=["updated_at"])
