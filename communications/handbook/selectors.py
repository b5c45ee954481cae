"""Reads of the values handbook that pages, the passport and the home to-do share."""

from communications.models import HandbookValue, HandbookVersion, ValuesAttestation
from communications.models.handbook import HANDBOOK_LEVELS
from leadership.models import ManagementLevel, Person


def current_version() -> HandbookVersion | None:
    """The latest published version, the one managers attest."""
    return (HandbookVersion.objects.filter(status=HandbookVersion.Status.PUBLISHED)
            .prefetch_related("values").order_by("-number").first())


def reader_level(person: Person | None) -> str:
    """The level whose text a reader sees first; someone who manages nobody reads first-line."""
    if person is None or person.management_level == ManagementLevel.NONE:
        return ManagementLevel.FIRST_LINE
    return person.management_level


def value_rows(version: HandbookVersion, level: str) -> list[dict]:
    """Each value with the reader's own level's text first, then every level's."""
    labels = dict(ManagementLevel.choices)
    return [{"value": value, "own": value.meaning_for(level),
             "levels": [(labels[lvl], value.meanings.get(lvl, "")) for lvl in HANDBOOK_LEVELS]}
            for value in version.values.all()]


def has_attested(person: Person | None, version: HandbookVersion | None) -> ValuesAttestation | None:
    if person is None or version is None:
        return None
    return ValuesAttestation.objects.filter(person=person, version=version).first()


def value_at(version: HandbookVersion, position: int) -> HandbookValue | None:
    return version.values.filter(position=position).first()
