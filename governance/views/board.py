"""Board positions, annual non-executive reviews, fit and proper person checks and attestations (R19)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from governance import access, selectors, services
from governance.forms import (
    AttestationForm,
    BoardPositionEditForm,
    BoardPositionForm,
    BoardReviewForm,
    BoardTermEndForm,
    FitProperCheckForm,
)
from governance.models import BoardPosition, CompetencyDomain, Rating, WellLedTheme
from governance.views.shared import PAGE_SIZE, back_to
from leadership.dates import uk_today
from leadership.web import REFUSED, posted, render_form_page, submit


@login_required
def position_list(request):
    today = uk_today()
    rows = selectors.with_last_review(
        access.board_positions(request.user).select_related("organisation", "person")
    )
    if request.GET.get("show") == "overdue":
        rows = selectors.current_positions(rows, today).filter(next_review_due__lt=today)
    page = Paginator(rows.order_by("organisation__name", "kind", "starts_on", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "governance/position_list.html",
        {
            "page": page,
            "rows": [(p, selectors.review_overdue(p, today), p.is_former(today)) for p in page],
            "show": request.GET.get("show", ""),
            "query": "show=overdue" if request.GET.get("show") == "overdue" else "",
            "can_create": access.runs_governance(request.user),
        },
    )


@login_required
def position_new(request):
    user = request.user
    organisations = access.governance_organisations(user)
    people = (
        access.people(user).filter(organisation__in=organisations, active=True).select_related("organisation")
    )
    form = BoardPositionForm(posted(request), people=people)
    created = submit(
        request,
        form,
        lambda data: services.board_position_create(
            actor=user, organisation=data["person"].organisation, **data
        ),
        success="The board position is recorded.",
    )
    if created is not REFUSED:
        return redirect("governance:position_detail", public_id=created.public_id)
    return render_form_page(
        request,
        form,
        title="Record a board position",
        submit="Save position",
        back=back_to("board positions", "governance:position_list"),
    )


EDITABLE_POSITION_FIELDS = (
    "kind",
    "title",
    "starts_on",
    "ends_on",
    "remuneration_per_year",
    "time_commitment",
    "sector_of_origin",
)


@login_required
def position_edit(request, public_id):
    user = request.user
    position = access.get_or_404(
        access.board_positions(user).select_related("organisation", "person"), public_id
    )
    form = BoardPositionEditForm(
        posted(request),
        volunteer=position.kind == BoardPosition.Kind.VOLUNTEER_NED,
        initial={field: getattr(position, field) for field in EDITABLE_POSITION_FIELDS},
    )
    saved = submit(
        request,
        form,
        lambda data: services.board_position_update(actor=user, position=position, **data),
        success="The board position is updated.",
    )
    if saved is not REFUSED:
        return redirect("governance:position_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"Change: {position.person.full_name}, {position.title}",
        submit="Save changes",
        caption=position.organisation.name,
        back=back_to(position.person.full_name, "governance:position_detail", public_id),
    )


@login_required
def position_end(request, public_id):
    user = request.user
    position = access.get_or_404(
        access.board_positions(user).select_related("organisation", "person"), public_id
    )
    form = BoardTermEndForm(posted(request), initial={"ends_on": uk_today()})
    ended = submit(
        request,
        form,
        lambda data: services.board_position_end(actor=user, position=position, **data),
        success="The term is ended.",
    )
    if ended is not REFUSED:
        return redirect("governance:position_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"End the term: {position.person.full_name}, {position.title}",
        submit="End the term",
        caption=position.organisation.name,
        intro="The last day of the term is the last day they hold the position; from the next day it "
        "shows as former, and a chair's term ending ends their chair's rights. The record is kept.",
        back=back_to(position.person.full_name, "governance:position_detail", public_id),
        warning=True,
    )


@login_required
def position_detail(request, public_id):
    user = request.user
    position = access.get_or_404(
        access.board_positions(user).select_related("organisation", "person"), public_id
    )
    return render(
        request,
        "governance/position_detail.html",
        {
            "position": position,
            "overdue": selectors.review_overdue(position, uk_today()),
            "former": position.is_former(uk_today()),
            "reviews": position.reviews.all(),
            "checks": access.fit_proper_checks(user)
            .filter(person=position.person)
            .select_related("recorded_for"),
            "attestations": position.person.fit_proper_attestations.all(),
            "may_review": access.may_review_board_member(user, position) and position.is_non_executive,
            "may_manage": access.may_manage_board(user, position.organisation),
        },
    )


@login_required
def review_new(request, public_id):
    user = request.user
    position = access.get_or_404(
        access.board_positions(user).select_related("organisation", "person"), public_id
    )
    form = BoardReviewForm(posted(request), initial={"reviewed_on": uk_today()})
    saved = submit(
        request,
        form,
        lambda data: services.board_review_complete(actor=user, position=position, **form.service_data()),
        success="The review is recorded.",
    )
    if saved is not REFUSED:
        return redirect("governance:review_detail", public_id=saved.public_id)
    return render_form_page(
        request,
        form,
        title=f"Annual review: {position.person.full_name}",
        submit="Complete review",
        caption=str(position),
        back=back_to(position.person.full_name, "governance:position_detail", public_id),
    )


@login_required
def review_detail(request, public_id):
    review = access.get_or_404(
        access.board_reviews(request.user).select_related(
            "position__person", "position__organisation", "reviewed_by"
        ),
        public_id,
    )
    labels = dict(Rating.choices)
    return render(
        request,
        "governance/review_detail.html",
        {
            "review": review,
            "competence": [
                (label, labels.get(review.competence.get(code))) for code, label in CompetencyDomain.choices
            ],
            "well_led": [
                (label, labels.get(review.well_led.get(code))) for code, label in WellLedTheme.choices
            ],
        },
    )


@login_required
def check_new(request, public_id):
    user = request.user
    position = access.get_or_404(
        access.board_positions(user).select_related("organisation", "person"), public_id
    )
    form = FitProperCheckForm(posted(request))
    saved = submit(
        request,
        form,
        lambda data: services.fit_proper_check_record(actor=user, position=position, **data),
        success="The check is recorded.",
    )
    if saved is not REFUSED:
        return redirect("governance:position_detail", public_id=public_id)
    return render_form_page(
        request,
        form,
        title=f"Fit and proper person check: {position.person.full_name}",
        submit="Save check",
        back=back_to(position.person.full_name, "governance:position_detail", public_id),
    )


@login_required
def attest(request):
    user = request.user
    person = access.own_person(user)
    form = AttestationForm(posted(request))
    saved = (
        REFUSED
        if person is None
        else submit(
            request,
            form,
            lambda data: services.fit_proper_attest(actor=user, person=person, statement=data["statement"]),
            success="Thank you: your attestation is recorded.",
        )
    )
    if saved is not REFUSED:
        return redirect("governance:home")
    positions = (
        access.board_positions(user).filter(person=person).select_related("organisation") if person else []
    )
    return render(
        request,
        "governance/attest.html",
        {
            "form": form,
            "positions": positions,
            "attestations": person.fit_proper_attestations.all() if person else [],
        },
    )
