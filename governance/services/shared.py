"""What the governance services share: the refusal, and items named by the catalogue."""

from django.core.exceptions import PermissionDenied

from governance.models import DataItem


def require(condition: bool, message: str) -> None:
    if not condition:
        raise PermissionDenied(message)


def catalogue_items(existing, new_names: str) -> list[DataItem]:
    """The chosen catalogue items plus any new ones typed one per line (added to the shared catalogue)."""
    items = list(existing)
    for name in {line.strip() for line in (new_names or "").splitlines() if line.strip()}:
        item = DataItem.objects.filter(name__iexact=name[:200]).first()
        if item is None:
            item = DataItem.objects.create(name=name[:200])
        if item not in items:
            items.append(item)
    return items
