"""Training's section of a career pathway's page (leadership.pathway_page): the courses that help."""

from django.urls import reverse

from leadership.pathway_page import Section
from training import access
from training.models import PathwayCourse


def courses_section(user, pathway) -> Section:
    links = PathwayCourse.objects.filter(pathway=pathway, course__in=access.courses(user)).select_related(
        "course__provider")
    items = [(f"{link.course.title} ({link.course.provider.name})",
              reverse("training:course_detail", args=[link.course.public_id])) for link in links]
    may_change = access.pathways_to_manage(user).filter(id=pathway.id).exists()
    change = ("Choose the courses that help", reverse("training:pathway_courses", args=[pathway.public_id])) \
        if may_change else None
    return Section("Courses that help", items, "No courses are linked to this pathway yet.", change)
