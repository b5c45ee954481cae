"""One rule for names and identifiers: no control, line-break, invisible or direction-changing characters.

A name ends up in email headers, CSV files and pages. A CR/LF in one can add a header to an email
(or stop the outbox, see docs/security.md), and invisible or bidirectional-override characters make
two different values look the same (an employee number "12345" with a U+200B in it) or a value read
backwards on screen. Models put `validate_plain_text` on their fields, so forms, the admin and DRF
serializers refuse such text; the imports call `forbidden_character_error` for each cell.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Cc: controls (incl. CR, LF, TAB); Cf: format characters (zero-width, bidi overrides and isolates,
# U+FEFF); Cs/Co: surrogates and private use; Zl/Zp: the Unicode line and paragraph separators.
FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Zl", "Zp"})


def forbidden_character(value: str) -> tuple[int, str] | None:
    """The first character (1-based position, character) that a name may not hold, or None."""
    for position, character in enumerate(value, start=1):
        if unicodedata.category(character) in FORBIDDEN_CATEGORIES:
            return position, character
    return None


def describe(character: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)': safe to show, as it never holds the character itself."""
    name = unicodedata.name(character, "")
    if not name and character in "\r\n\t":
        name = {"\r": "CARRIAGE RETURN", "\n": "LINE FEED", "\t": "TAB"}[character]
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def forbidden_character_error(value: str) -> str | None:
    """A message for the first forbidden character in value, or None when value is plain text."""
    found = forbidden_character(value)
    if found is None:
        return None
    position, character = found
    return (f"Contains a control, line-break or invisible character, {describe(character)}, at "
            f"position {position}. Remove it and type the text again.")


def visible(text: str) -> str:
    """text with each forbidden character written as <U+XXXX (NAME)>: safe to echo in a message."""
    return "".join(f"<{describe(c)}>" if unicodedata.category(c) in FORBIDDEN_CATEGORIES else c
                   for c in text)


@deconstructible
class PlainTextValidator:
    """Refuses text holding a control, line-break, invisible or bidirectional-override character."""

    code = "forbidden_character"

    def __call__(self, value) -> None:
        message = forbidden_character_error(str(value))
        if message is not None:
            raise ValidationError(message, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, PlainTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_plain_text = PlainTextValidator()
