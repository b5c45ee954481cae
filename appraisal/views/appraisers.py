"""R11's appraiser-training rule: national admins record an exception for one person."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse

from appraisal import access, forms, selectors, services
from appraisal.views.shared import crumbs
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def appraiser_exception_new(request, public_id):
    if not access.may_record_appraiser_exception(request.user):
        raise Http404
    person = access.get_or_404(access.people(request.user), public_id)
    form = forms.AppraiserExceptionForm(posted(request))
    if submit(request, form, lambda data: services.appraiser_exception_record(
            actor=request.user, person=person, **data),
            success=f"{person.full_name} may now be assigned as an appraiser.") is not REFUSED:
        return redirect("person_detail", public_id=person.public_id)
    return render_form_page(
        request, form, title="Record an exception to the appraiser-training rule", caption=person.full_name,
        intro=f"Appraisers must have completed the appraisal-skills course in the last three years. An "
        f"exception lets {person.full_name} be assigned as an appraiser without it.",
        more=selectors.appraisal_course_link(), submit="Record the exception", crumbs=crumbs(),
        back=(person.full_name, reverse("person_detail", args=[person.public_id])))
