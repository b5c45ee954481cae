"""Every write about invitations. Keyword-only, atomic, taking the acting user.

An invitation makes the person's login at once (active, with no usable password, so nobody can
sign in with it) and emails a one-time link through the notification outbox. Opening the link sets
the password; revoking an unused invitation removes the unused login again.
"""

from dataclasses import dataclass, field

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from leadership import access, notifications
from leadership.audit import audit_context
from leadership.models import Invitation, Person, SecurityEvent, User
from leadership.models.invitations import new_token, token_hash
from leadership.security import security_event_record

INVITATION_KIND = "invitation"


@dataclass
class InvitationBatch:
    sent: list[Invitation] = field(default_factory=list)
    refused: dict[str, int] = field(default_factory=dict)  # reason: how many people


def refusal(person: Person) -> str:
    """Why this person cannot be invited now, or "" when they can."""
    if not person.active:
        return "They have left."
    if not person.work_email:
        return "They have no work email on the staff record."
    if person.user_id is not None:
        if person.invitations.filter(status=Invitation.Status.PENDING).exists():
            return "They are already invited."
        return "They already have a login."
    if User.objects.filter(email__iexact=person.work_email).exists():
        return "Their work email is already another person's login."
    return ""


@transaction.atomic
def invitation_send(*, actor: User, person: Person) -> Invitation:
    if not access.may_invite(actor, person):
        raise PermissionDenied("Only HR admins of the person's organisation invite them.")
    person = Person.objects.select_for_update().get(pk=person.pk)
    if reason := refusal(person):
        raise ValidationError(reason)
    invitation, token = _create(actor, person)
    _email(invitation, token)
    return invitation


@transaction.atomic
def invitations_send(*, actor: User, people: QuerySet[Person]) -> InvitationBatch:
    """Invite everyone given whom the actor may invite; the rest are counted by reason, not invited."""
    batch = InvitationBatch()
    messages = []
    for person in access.invitable_people(actor).filter(id__in=people.values("id")).select_for_update():
        if reason := refusal(person):
            batch.refused[reason] = batch.refused.get(reason, 0) + 1
            continue
        invitation, token = _create(actor, person)
        batch.sent.append(invitation)
        messages.append(_message(invitation, token))
    notifications.notify_many(messages)  # one batch, after commit
    return batch


@transaction.atomic
def invitation_resend(*, actor: User, invitation: Invitation) -> Invitation:
    """A new link valid for the full period; the old link stops working."""
    invitation = _pending_for(actor, invitation)
    token = new_token()
    with audit_context(actor=actor):
        invitation.token_hash = token_hash(token)
        invitation.expires_at = Invitation.expiry_from()
        invitation.sends += 1
        invitation.save(update_fields=["token_hash", "expires_at", "sends", "updated_at"])
    _email(invitation, token)
    return invitation


@transaction.atomic
def invitation_revoke(*, actor: User, invitation: Invitation) -> Invitation:
    """The link stops working and the unused login goes, so the person shows "no login" again."""
    invitation = _pending_for(actor, invitation)
    with audit_context(actor=actor):
        invitation.status = Invitation.Status.REVOKED
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["status", "revoked_at", "updated_at"])
        user = invitation.user
        if user is not None and not user.has_usable_password() and user.last_login is None:
            Person.objects.filter(user=user).update(user=None, updated_at=timezone.now())
            user.delete()
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return (Invitation.objects.select_related("person", "person__organisation", "user")
            .filter(token_hash=token_hash(token)).first())


def why_unusable(invitation: Invitation | None) -> str:
    """Why a link cannot be used, in words for the person who opened it ("" when it can)."""
    if invitation is None or invitation.status == Invitation.Status.REVOKED or invitation.user is None:
        return "This invitation link is not valid. It may have been replaced by a newer one."
    if invitation.status == Invitation.Status.ACCEPTED:
        return "This invitation has already been used. Sign in with your email and password."
    if invitation.expired:
        return "This invitation has expired. Ask your HR team to send you a new one."
    return ""


@transaction.atomic
def invitation_accept(*, token: str, password: str) -> User:
    """Set the password of the invited login; the link works once."""
    invitation = invitation_for_token(token)
    if invitation is not None:
        invitation = _locked(invitation)
    if reason := why_unusable(invitation):
        raise ValidationError(reason)
    user = invitation.user
    validate_password(password, user)
    with audit_context(actor=user):
        user.set_password(password)
        user.save(update_fields=["password"])
    email_verified(user=user, invitation=invitation)
    return user


@transaction.atomic
def email_verified(*, user: User, invitation: Invitation | None, request=None, how: str = "") -> None:
    """The invitation link or a sign-on provider reached the login's address: it is verified
    (ACCOUNT_EMAIL_VERIFICATION is mandatory live), and a pending invitation is used up."""
    with audit_context(actor=user):
        EmailAddress.objects.update_or_create(user=user, email=user.email,
                                              defaults={"verified": True, "primary": True})
        if invitation is not None:
            invitation.status = Invitation.Status.ACCEPTED
            invitation.accepted_at = timezone.now()
            invitation.save(update_fields=["status", "accepted_at", "updated_at"])
    if invitation is not None:
        security_event_record(kind=SecurityEvent.Kind.INVITATION_ACCEPTED, request=request, user=user,
                              detail=how)


def _pending_for(actor: User, invitation: Invitation) -> Invitation:
    if not access.invitations(actor).filter(pk=invitation.pk).exists():
        raise PermissionDenied("Only HR admins of the person's organisation manage their invitation.")
    invitation = _locked(invitation)
    if invitation.status != Invitation.Status.PENDING:
        raise ValidationError(f"This invitation is {invitation.get_status_display().lower()}; nothing to do.")
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    """The invitation's row, locked, so a double submit acts once."""
    return (Invitation.objects.select_for_update(of=("self",)).select_related("user", "person")
            .get(pk=invitation.pk))


def _create(actor: User, person: Person) -> tuple[Invitation, str]:
    token = new_token()
    with audit_context(actor=actor):
        user = User.objects.create_user(email=person.work_email)  # no password: an unusable one
        person.user = user
        person.save(update_fields=["user", "updated_at"])
        invitation = Invitation.objects.create(
            person=person, user=user, email=user.email, token_hash=token_hash(token),
            expires_at=Invitation.expiry_from(), invited_by=actor)
    security_event_record(kind=SecurityEvent.Kind.INVITATION_SENT, user=user, actor=actor,
                          detail=f"for {person.organisation.ods_code} staff {person.employee_number}")
    return invitation, token


def _message(invitation: Invitation, token: str) -> notifications.Message:
    person = invitation.person
    return notifications.Message(
        recipient=invitation.user, key=f"invitation:{invitation.public_id}:send-{invitation.sends}",
        kind=INVITATION_KIND, title="Your NHS Leadership Portal login",
        body=(f"Hello {person.first_name},\n\n{person.organisation.name} has invited you to the NHS "
              f"Leadership Portal. Open the link to set your password. It works once, until "
              f"{timezone.localtime(invitation.expires_at):%d %B %Y}.\n\nIf you were not expecting this, "
              f"ignore this email."),
        link=f"/invitations/{token}/")


def _email(invitation: Invitation, token: str) -> None:
    notifications.notify_many([_message(invitation, token)])
