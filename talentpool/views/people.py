"""Talent actions on one person, reached from their page: the national senior pool's exception to the
qualification rule (R8, national admins) and flagging where they were recruited from (R7, HR admins)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render

from leadership.web import REFUSED, posted, render_form_page, submit
from talentpool import access, forms, services
from talentpool.models import NationalPoolException
from talentpool.views.shared import back_to


def _person(request, public_id):
    return access.get_or_404(access.people(request.user).select_related("organisation"), public_id)


@login_required
def pool_exception(request, public_id):
    if not access.may_grant_pool_exceptions(request.user):
        raise Http404
    person = _person(request, public_id)
    back = back_to(person.full_name, "person_detail", public_id)
    granted = NationalPoolException.objects.filter(person=person).select_related("granted_by").first()
    if granted is not None:
        return render(request, "talentpool/pool_exception.html", {"exception": granted, "back": back})
    form = forms.PoolExceptionForm(posted(request))
    done = submit(request, form, lambda data: services.national_pool_exception_grant(
        actor=request.user, person=person, **data),
        success=f"{person} may now be nominated to the national senior pool.")
    if done is not REFUSED:
        return redirect("person_detail", public_id=public_id)
    return render_form_page(
        request, form, title=f"Let {person} join the national senior pool without the qualification",
        submit="Record exception", back=back,
        intro="The national senior pool is for holders of the accredited senior-manager qualification. "
        "An exception lets this person be nominated without it; your name and reason are kept.")


@login_required
def external_recruit(request, public_id):
    person = _person(request, public_id)
    if not access.is_home_hr_admin(request.user, person):
        raise Http404
    form = forms.ExternalRecruitForm(posted(request), initial={"sector_background": person.sector_background})
    done = submit(request, form, lambda data: services.external_recruit_flag(
        actor=request.user, person=person, **data), success="Saved where they were recruited from.")
    if done is not REFUSED:
        return redirect("person_detail", public_id=public_id)
    return render_form_page(
        request, form, title=f"Where was {person} recruited from?", submit="Save",
        back=back_to(person.full_name, "person_detail", public_id),
        intro="People recruited from outside the NHS count as external recruits (R7). The next staff "
        "record import may set this too.")
