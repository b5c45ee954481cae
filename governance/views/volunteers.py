"""The volunteer non-executive register (R19): national admins record outside people; trusts search
consented members and appoint them to their boards."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render

from governance import access, services
from governance.forms import AppointForm, VolunteerForm, VolunteerSearchForm
from governance.models import CompetencyDomain
from governance.views.shared import PAGE_SIZE, back_to
from leadership.dates import uk_today
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def volunteer_list(request):
    user = request.user
    search = VolunteerSearchForm(request.GET or None)
    rows = access.volunteer_profiles(user).select_related("person")
    if search.is_valid():
        if search.cleaned_data["skill"]:
            rows = rows.filter(skills__contains=[search.cleaned_data["skill"]])
        if search.cleaned_data["sector"]:
            rows = rows.filter(sector_of_origin=search.cleaned_data["sector"])
    page = Paginator(rows.order_by("person__last_name", "person__first_name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    labels = dict(CompetencyDomain.choices)
    return render(
        request,
        "governance/volunteer_list.html",
        {
            "search": search,
            "page": page,
            "rows": [(p, [labels.get(s, s) for s in p.skills]) for p in page],
            "may_record": access.may_record_volunteers(user),
            "query": "&".join(
                f"{k}={v}" for k, v in request.GET.items() if k != "page" and k in search.fields
            ),
        },
    )


@login_required
def volunteer_new(request):
    if not access.may_record_volunteers(request.user):
        raise Http404
    form = VolunteerForm(posted(request))
    created = submit(
        request,
        form,
        lambda data: services.volunteer_record(actor=request.user, **data),
        success="The volunteer is on the register. Invite them to sign in from their person page.",
    )
    if created is not REFUSED:
        return redirect("governance:volunteer_detail", public_id=created.public_id)
    return render_form_page(
        request,
        form,
        title="Add a volunteer non-executive",
        submit="Add to the register",
        back=back_to("volunteer non-executives", "governance:volunteer_list"),
    )


@login_required
def volunteer_detail(request, public_id):
    user = request.user
    profile = access.get_or_404(
        access.volunteer_profiles(user).select_related("person__organisation"), public_id
    )
    labels = dict(CompetencyDomain.choices)
    return render(
        request,
        "governance/volunteer_detail.html",
        {
            "profile": profile,
            "skills": [labels.get(s, s) for s in profile.skills],
            "positions": access.board_positions(user)
            .filter(person=profile.person)
            .select_related("organisation"),
            "may_appoint": access.searches_volunteers(user) and profile.consent_to_share,
            "may_invite": access.may_record_volunteers(user),
        },
    )


@login_required
def volunteer_appoint(request, public_id):
    user = request.user
    profile = access.get_or_404(access.volunteer_profiles(user).select_related("person"), public_id)
    form = AppointForm(
        posted(request),
        organisations=access.governance_organisations(user),
        initial={"starts_on": uk_today()},
    )
    position = submit(
        request,
        form,
        lambda data: services.volunteer_appoint(actor=user, profile=profile, **data),
        success="Appointed: the board position points at the volunteer's own record.",
    )
    if position is not REFUSED:
        return redirect("governance:position_detail", public_id=position.public_id)
    return render_form_page(
        request,
        form,
        title=f"Appoint {profile.person.full_name}",
        submit="Appoint",
        back=back_to(profile.person.full_name, "governance:volunteer_detail", public_id),
    )
