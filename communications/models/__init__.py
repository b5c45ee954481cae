"""The communications app's models, one module per area; import them from here."""

from communications.models.handbook import (  # noqa: F401
    HandbookValue,
    HandbookVersion,
    ValuesAttestation,
)
from communications.models.passport import PassportShare  # noqa: F401
