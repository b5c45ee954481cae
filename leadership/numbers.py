"""Counts and amounts people enter, bounded by the column that stores them or by a domain maximum.

Forms set the same bounds with min_value/max_value, so a person sees the message beside the field;
services call require_count / require_amount as defence in depth, so a call from anywhere else gets
a ValidationError, never a database overflow (docs/security.md, "Dates and numbers in range").
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import DecimalValidator

INTEGER_MAX = 2_147_483_647  # PostgreSQL integer: Django's IntegerField and PositiveIntegerField
SMALLINT_MAX = 32_767  # PostgreSQL smallint: Django's PositiveSmallIntegerField


def count_message(minimum: int, maximum: int) -> str:
    return f"Enter a whole number from {minimum:,} to {maximum:,}."


def require_count(value: int, *, field: str, minimum: int, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise ValidationError({field: count_message(minimum, maximum)}, code="out_of_range")
    return value


def require_amount(
    value: Decimal | None, *, field: str, max_digits: int, decimal_places: int, minimum: Decimal | None = None
) -> Decimal | None:
    """A decimal the column (max_digits, decimal_places) can hold; None passes for optional amounts."""
    if value is None:
        return None
    try:
        value = Decimal(value)
        DecimalValidator(max_digits, decimal_places)(value)
    except (ArithmeticError, TypeError, ValueError, ValidationError):
        limit = Decimal(10) ** (max_digits - decimal_places)
        raise ValidationError(
            {field: f"Enter a number below {limit:,} with at most {decimal_places} decimal places."},
            code="out_of_range",
        ) from None
    if minimum is not None and value < minimum:
        raise ValidationError({field: f"Enter a number from {minimum} upwards."}, code="out_of_range")
    return value
