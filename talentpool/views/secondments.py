"""Secondment pages (R7): secondments in and out of the NHS, and people recruited from other sectors."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from leadership.web import REFUSED, posted, render_form_page, submit
from talentpool import access, forms, presenters, services
from talentpool.views.shared import back_to


@login_required
def secondment_list(request):
    rows = access.secondments(request.user).select_related("person", "organisation")
    external = access.people(request.user).exclude(sector_background="nhs").filter(active=True)
    return render(
        request,
        "talentpool/secondment_list.html",
        {
            "secondments": rows[:200],
            "external_recruits": external.select_related("organisation")[:200],
            "counts": presenters.secondment_counts(rows, external),
            "can_create": access.is_hr_admin(request.user),
        },
    )


@login_required
def secondment_new(request):
    form = forms.SecondmentForm(posted(request), people=access.hr_admin_people(request.user))
    secondment = submit(request, form, lambda data: services.secondment_create(actor=request.user, **data),
                        success="The secondment is recorded.")
    if secondment is not REFUSED:
        return redirect("talentpool:secondment_detail", public_id=secondment.public_id)
    return render_form_page(
        request,
        form,
        title="Record a secondment",
        submit="Save secondment",
        back=back_to("secondments", "talentpool:secondment_list"),
    )


@login_required
def secondment_detail(request, public_id):
    secondment = access.get_or_404(
        access.secondments(request.user).select_related("person", "organisation"), public_id
    )
    form = forms.SecondmentOutcomeForm(posted(request), initial={"outcome": secondment.outcome})
    saved = submit(request, form, lambda data: services.secondment_record_outcome(
        actor=request.user, secondment=secondment, **data), success="Outcome saved.")
    if saved is not REFUSED:
        return redirect("talentpool:secondment_detail", public_id=public_id)
    return render(request, "talentpool/secondment_detail.html", {"secondment": secondment, "form": form})
