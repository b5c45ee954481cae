"""Broadcasts (R1): sending, passing on (cascade), reading, acknowledging, and the weekly digest."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from communications import access, markdown
from communications.models import Broadcast, BroadcastCategory, BroadcastReceipt
from leadership import notifications
from leadership.models import Organisation, OrganisationKind, Person, User

FOOTPRINT_KINDS = (OrganisationKind.ICB, OrganisationKind.CCG, OrganisationKind.REGION)
DIGEST_LENGTH = 10  # broadcasts listed in one weekly digest; the rest are in the feed


def _text(*, title: str, body: str) -> tuple[str, str]:
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not title:
        errors["title"] = "Enter a title."
    if not body:
        errors["body"] = "Enter the message."
    elif len(body) > markdown.MAX_LENGTH:
        errors["body"] = f"The message must be {markdown.MAX_LENGTH:,} characters or fewer."
    if errors:
        raise ValidationError(errors)
    return title, body


def _dates(publish_at: datetime | None, expires_at: datetime | None) -> datetime:
    publish_at = publish_at or timezone.now()
    if expires_at is not None and expires_at <= publish_at:
        raise ValidationError({"expires_at": "The expiry must be after the publish time."})
    return publish_at


def audience_reach(
    *,
    organisation_kinds: Iterable[str],
    regions: Iterable[Organisation],
    footprint: Organisation | None,
    organisations: Iterable[Organisation],
) -> set[int]:
    """The organisations whose staff a national broadcast is for. Kinds, regions and a footprint narrow
    one another (trusts in London); named organisations are added to what they give."""
    narrowed: set[int] | None = None
    if organisation_kinds:
        narrowed = set(
            Organisation.objects.filter(kind__in=list(organisation_kinds)).values_list("id", flat=True)
        )
    for area in ([{r.id for r in regions}] if regions else []) + ([{footprint.id}] if footprint else []):
        under = access.organisations_under(area)
        narrowed = under if narrowed is None else narrowed & under
    return (narrowed or set()) | {o.id for o in organisations}


@transaction.atomic
def broadcast_send(
    *,
    actor: User,
    sender_organisation: Organisation,
    title: str,
    body: str,
    category: str,
    everyone: bool = False,
    organisation_kinds: Iterable[str] = (),
    regions: Iterable[Organisation] = (),
    footprint: Organisation | None = None,
    organisations: Iterable[Organisation] = (),
    management_levels: Iterable[str] = (),
    commissioner_roles: Iterable[str] = (),
    publish_at: datetime | None = None,
    expires_at: datetime | None = None,
) -> Broadcast:
    if not access.broadcast_sender_organisations(actor).filter(id=sender_organisation.id).exists():
        raise PermissionDenied("You cannot send broadcasts for that organisation.")
    title, body = _text(title=title, body=body)
    publish_at = _dates(publish_at, expires_at)
    if category not in BroadcastCategory.values:
        raise ValidationError({"category": "Choose a category."})
    organisation_kinds, regions, organisations = list(organisation_kinds), list(regions), list(organisations)
    if access.sends_national_broadcasts(actor, sender_organisation):
        if any(r.kind != OrganisationKind.REGION for r in regions):
            raise ValidationError({"regions": "Choose NHS England regions."})
        if footprint is not None and footprint.kind not in FOOTPRINT_KINDS:
            raise ValidationError({"footprint": "A footprint is an ICB, a CCG or a region."})
        if not everyone and not (organisation_kinds or regions or footprint or organisations):
            raise ValidationError(
                "Choose who it is for: everyone, or organisation kinds, regions, a "
                "footprint or named organisations."
            )
        reach = (
            set()
            if everyone
            else audience_reach(
                organisation_kinds=organisation_kinds,
                regions=regions,
                footprint=footprint,
                organisations=organisations,
            )
        )
    else:
        # An HR admin writes to their own organisation's staff; levels and roles may narrow it.
        if (
            everyone
            or organisation_kinds
            or regions
            or footprint
            or {o.id for o in organisations} - {sender_organisation.id}
        ):
            raise ValidationError("An organisation's broadcast goes to its own staff only.")
        everyone, reach = False, {sender_organisation.id}
    broadcast = Broadcast.objects.create(
        sender_organisation=sender_organisation,
        author=actor,
        title=title,
        body=body,
        category=category,
        everyone=everyone,
        organisation_kinds=organisation_kinds,
        footprint=footprint,
        management_levels=list(management_levels),
        commissioner_roles=list(commissioner_roles),
        publish_at=publish_at,
        expires_at=expires_at,
    )
    broadcast.regions.set(regions)
    broadcast.organisations.set(organisations)
    broadcast.reach.set(reach)
    return broadcast


@transaction.atomic
def broadcast_cascade(
    *,
    actor: User,
    broadcast: Broadcast,
    organisation: Organisation,
    local_note: str,
    publish_at: datetime | None = None,
) -> Broadcast:
    """An ICB or trust passes a national broadcast on to its own staff, with a local note on top."""
    if (
        broadcast.cascade_of_id is not None
        or broadcast.sender_organisation.kind != OrganisationKind.NATIONAL_BODY
    ):
        raise ValidationError("Only a national broadcast can be passed on.")
    if not access.cascade_organisations(actor, broadcast).filter(id=organisation.id).exists():
        raise PermissionDenied(
            "You can pass a broadcast on only to staff of a trust or ICB you are HR admin of, "
            "and only one it reached."
        )
    if Broadcast.objects.filter(cascade_of=broadcast, sender_organisation=organisation).exists():
        raise ValidationError(f"{organisation.name} has already passed this broadcast on.")
    _, local_note = _text(title=broadcast.title, body=local_note)
    cascade = Broadcast.objects.create(
        sender_organisation=organisation,
        author=actor,
        title=broadcast.title,
        body=local_note,
        category=broadcast.category,
        publish_at=publish_at or timezone.now(),
        expires_at=broadcast.expires_at,
        cascade_of=broadcast,
        management_levels=broadcast.management_levels,
        commissioner_roles=broadcast.commissioner_roles,
    )
    cascade.organisations.set([organisation])
    cascade.reach.set([organisation])
    return cascade


@transaction.atomic
def broadcast_withdraw(*, actor: User, broadcast: Broadcast) -> Broadcast:
    """Stop showing a broadcast now: it expires (its receipts and rates stay)."""
    if not access.sent_broadcasts(actor).filter(id=broadcast.id).exists():
        raise PermissionDenied("Only its sender can withdraw a broadcast.")
    now = timezone.now()
    if broadcast.expires_at is not None and broadcast.expires_at <= now:
        raise ValidationError("This broadcast has already expired.")
    if broadcast.publish_at >= now:  # not yet shown: it ends before it starts showing
        broadcast.publish_at = now - timedelta(microseconds=1)
    broadcast.expires_at = now
    broadcast.save(update_fields=["publish_at", "expires_at"])
    return broadcast


def _receipt(person: Person, broadcast: Broadcast) -> BroadcastReceipt:
    receipt, _ = BroadcastReceipt.objects.get_or_create(
        broadcast=broadcast,
        person=person,
        defaults={"organisation_id": person.organisation_id, "read_at": timezone.now()},
    )
    return receipt


def broadcast_mark_read(*, actor: User, broadcast: Broadcast) -> BroadcastReceipt | None:
    """Opening a broadcast aimed at you is reading it (once); others' openings are not counted."""
    person = access.own_person(actor)
    if person is None or not access.broadcasts_for_me(actor).filter(id=broadcast.id).exists():
        return None
    try:
        with transaction.atomic():
            return _receipt(person, broadcast)
    except IntegrityError:  # two tabs at once: the other request wrote it
        return BroadcastReceipt.objects.get(broadcast=broadcast, person=person)


@transaction.atomic
def broadcast_acknowledge(*, actor: User, broadcast: Broadcast) -> BroadcastReceipt:
    if not broadcast.needs_acknowledgement:
        raise ValidationError("This broadcast does not ask for an acknowledgement.")
    person = access.own_person(actor)
    if person is None or not access.broadcasts_for_me(actor).filter(id=broadcast.id).exists():
        raise PermissionDenied("This broadcast is not for you to acknowledge.")
    receipt = _receipt(person, broadcast)
    if receipt.acknowledged_at is None:
        receipt.acknowledged_at = timezone.now()
        receipt.save(update_fields=["acknowledged_at"])
    return receipt


def digest_week(now: datetime) -> str:
    year, week, _ = timezone.localtime(now).isocalendar()
    return f"{year}-W{week:02d}"


def broadcast_digest_send(*, now: datetime | None = None) -> int:
    """Write this week's digest notification to everyone with unread broadcasts published in the last
    seven days. The key holds the ISO week, so beat firing twice (or a retried task) writes once."""
    now = now or timezone.now()
    week, since = digest_week(now), now - timedelta(days=7)
    recent = Broadcast.objects.filter(access.published_q(now), publish_at__gte=since).prefetch_related(
        "reach"
    )
    recent = list(recent.order_by("-publish_at")[:500])
    if not recent:
        return 0
    read = set(BroadcastReceipt.objects.filter(broadcast__in=recent).values_list("broadcast_id", "person_id"))
    people = Person.objects.filter(active=True, user__isnull=False, user__is_active=True).select_related(
        "user"
    )
    messages = []
    for person in people.iterator(chunk_size=2000):
        unread = [b for b in recent if (b.id, person.id) not in read and _aimed_at(b, person)]
        if not unread:
            continue
        body = "\n\n".join(
            f"{b.get_category_display()}: {markdown.to_text(b.title)}\n{_summary(b.body)}"
            for b in unread[:DIGEST_LENGTH]
        )
        if len(unread) > DIGEST_LENGTH:
            body += f"\n\nAnd {len(unread) - DIGEST_LENGTH} more in your broadcasts feed."
        messages.append(
            notifications.Message(
                recipient=person.user,
                key=f"broadcasts:digest:{week}:user:{person.user.public_id}",
                kind="broadcast_digest",
                title=f"Broadcasts this week: {len(unread)} for you",
                body=body,
                link=reverse("communications:broadcast_feed"),
            )
        )
    return len(notifications.notify_many(messages))


def _aimed_at(broadcast: Broadcast, person: Person) -> bool:
    """aimed_at_q, in Python, for the digest's one pass over the people (reach is prefetched)."""
    if not broadcast.everyone and person.organisation_id not in {o.id for o in broadcast.reach.all()}:
        return False
    if broadcast.management_levels and person.management_level not in broadcast.management_levels:
        return False
    return not broadcast.commissioner_roles or bool(
        set(broadcast.commissioner_roles) & set(person.commissioner_roles)
    )


def _summary(body: str, length: int = 300) -> str:
    text = markdown.to_text(body)
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"
