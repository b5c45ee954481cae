"""Broadcast pages (R1): the feed, sending, a broadcast, its read rates, passing it on, withdrawing it."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from communications import access, forms, presenters, selectors, services
from leadership.disclosure import EXPLANATION
from leadership.exports import csv_response
from leadership.web import REFUSED, posted, render_form_page, submit

PAGE_SIZE = 20


@login_required
def broadcast_feed(request):
    person = access.own_person(request.user)
    rows = selectors.with_my_receipt(access.broadcasts_for_me(request.user), person).select_related(
        "sender_organisation", "cascade_of"
    )
    page = Paginator(rows.order_by("-publish_at", "-id"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "communications/broadcast_feed.html",
        {
            "page": page,
            "items": presenters.broadcast_items(page),
            "may_send": access.may_send_broadcasts(request.user),
        },
    )


@login_required
def broadcast_sent(request):
    rows = (
        access.sent_broadcasts(request.user)
        .select_related("sender_organisation")
        .order_by("-publish_at", "-id")
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "communications/broadcast_sent.html",
        {
            "page": page,
            "items": presenters.broadcast_items(page),
            "may_send": access.may_send_broadcasts(request.user),
        },
    )


@login_required
def broadcast_export(request):
    rows = (
        access.sent_broadcasts(request.user)
        .select_related("sender_organisation")
        .order_by("-publish_at", "-id")
    )
    return csv_response(
        "broadcasts.csv",
        presenters.EXPORT_HEADER,
        (presenters.export_row(b) for b in rows.iterator(chunk_size=500)),
    )


@login_required
def broadcast_new(request):
    senders = access.broadcast_sender_organisations(request.user).order_by("name")
    if not senders.exists():
        raise Http404
    national = any(access.sends_national_broadcasts(request.user, o) for o in senders)
    form = forms.BroadcastForm(posted(request), senders=senders, national=national)
    broadcast = submit(
        request,
        form,
        lambda data: services.broadcast_send(actor=request.user, **_arguments(form)),
        success="The broadcast is sent.",
    )
    if broadcast is not REFUSED:
        return redirect(broadcast.get_absolute_url())
    return render_form_page(
        request,
        form,
        title="Send a broadcast",
        submit="Send broadcast",
        back=("sent broadcasts", reverse("communications:broadcast_sent")),
    )


def _arguments(form) -> dict:
    return form.service_arguments()


@login_required
def broadcast_detail(request, public_id):
    broadcast = access.get_or_404(
        access.broadcasts(request.user).select_related(
            "sender_organisation", "cascade_of__sender_organisation"
        ),
        public_id,
    )
    services.broadcast_mark_read(actor=request.user, broadcast=broadcast)
    form = forms.ConfirmForm(posted(request))
    done = submit(
        request,
        form,
        lambda data: services.broadcast_acknowledge(actor=request.user, broadcast=broadcast),
        success="Thank you: your acknowledgement is recorded.",
    )
    if done is not REFUSED:
        return redirect(broadcast.get_absolute_url())
    return render(
        request,
        "communications/broadcast_detail.html",
        presenters.broadcast_page(broadcast, request.user) | {"form": form},
    )


@login_required
def broadcast_rates(request, public_id):
    broadcast = access.get_or_404(
        access.broadcasts(request.user).select_related("sender_organisation"), public_id
    )
    if not access.sees_broadcast_rates(request.user, broadcast):
        raise Http404
    rates = selectors.broadcast_rates(
        broadcast,
        organisation_ids=access.rate_organisations(request.user, broadcast),
        exact_ids=access.rates_exact_for(request.user),
    )
    return render(
        request,
        "communications/broadcast_rates.html",
        {"broadcast": broadcast, "rates": rates, "explanation": EXPLANATION},
    )


@login_required
def broadcast_cascade(request, public_id):
    broadcast = access.get_or_404(access.broadcasts(request.user), public_id)
    organisations = access.cascade_organisations(request.user, broadcast)
    if not access.is_hr_admin(request.user):
        raise Http404
    form = forms.CascadeForm(posted(request), organisations=organisations)
    cascade = submit(
        request,
        form,
        lambda data: services.broadcast_cascade(actor=request.user, broadcast=broadcast, **data),
        success="The broadcast is passed on to your staff.",
    )
    if cascade is not REFUSED:
        return redirect(cascade.get_absolute_url())
    return render_form_page(
        request,
        form,
        title=f"Pass on: {broadcast.title}",
        submit="Pass it on",
        back=("the broadcast", broadcast.get_absolute_url()),
        intro="Your staff see your note first, then the national message.",
    )


@login_required
def broadcast_withdraw(request, public_id):
    broadcast = access.get_or_404(access.sent_broadcasts(request.user), public_id)
    form = forms.ConfirmForm(posted(request))
    done = submit(
        request,
        form,
        lambda data: services.broadcast_withdraw(actor=request.user, broadcast=broadcast),
        success="The broadcast is withdrawn.",
    )
    if done is not REFUSED:
        return redirect(broadcast.get_absolute_url())
    return render_form_page(
        request,
        form,
        title=f"Withdraw: {broadcast.title}",
        submit="Withdraw broadcast",
        back=("the broadcast", broadcast.get_absolute_url()),
        intro="It leaves everyone's feed now. Its read rates stay.",
    )
