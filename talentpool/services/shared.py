"""What the talent services share: refusals, the required reason of a decision, the member page link."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from talentpool.models import PoolMembership

Status = PoolMembership.Status


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def required_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why: every decision records its reason."})
    return reason


def membership_link(membership: PoolMembership) -> str:
    return reverse("talentpool:membership_detail", args=[membership.public_id])
