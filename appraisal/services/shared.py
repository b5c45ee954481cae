"""What every appraisal service shares: a refusal for the wrong person."""

from django.core.exceptions import PermissionDenied


def require(allowed: bool, message: str) -> None:
    """PermissionDenied with the reason when the actor may not do this (access already decided `allowed`)."""
    if not allowed:
        raise PermissionDenied(message)
