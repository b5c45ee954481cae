"""The courses that help towards a career pathway, chosen from the catalogue by title or provider."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render

from leadership.forms import ButtonForm
from leadership.web import REFUSED, submit
from training import access, pathway_services
from training.forms import PathwayCourseSearchForm
from training.models import PathwayCourse

PAGE_SIZE = 20


@login_required
def pathway_courses(request, public_id):
    pathway = access.get_or_404(access.pathways_to_manage(request.user), public_id)
    courses = access.courses(request.user).filter(active=True)
    form = ButtonForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        adding = "add" in request.POST
        course = access.get_or_404(courses, request.POST.get("add") or request.POST.get("remove") or "")
        call = pathway_services.pathway_course_add if adding else pathway_services.pathway_course_remove
        if submit(request, form, lambda _: call(actor=request.user, pathway=pathway, course=course),
                  success=f"{course.title} is {'added' if adding else 'removed'}.") is not REFUSED:
            return redirect("training:pathway_courses", public_id=pathway.public_id)
    search = PathwayCourseSearchForm(request.GET or None)
    linked = PathwayCourse.objects.filter(pathway=pathway).select_related("course__provider")
    found = courses.exclude(id__in=linked.values("course_id")).select_related("provider")
    found = found.order_by("title", "id")
    q = search.cleaned_data["q"] if search.is_bound and search.is_valid() else ""
    if q:
        found = found.filter(Q(title__icontains=q) | Q(provider__name__icontains=q))
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "training/pathway_courses.html", {
        "pathway": pathway, "linked": linked, "page": page, "search": search, "form": form,
        "query": query.urlencode(),
    })
