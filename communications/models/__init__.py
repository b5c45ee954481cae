"""Communications' tables: one module per area (broadcasts, boards; the handbook and passport)."""

from communications.models.boards import (  # noqa: F401
    Board,
    BoardPost,
    BoardThread,
    ModerationStep,
    PostEndorsement,
    PostReport,
    ThreadFollow,
)
from communications.models.broadcasts import Broadcast, BroadcastCategory, BroadcastReceipt  # noqa: F401
from communications.models.handbook import (  # noqa: F401
    HandbookValue,
    HandbookVersion,
    ValuesAttestation,
)
from communications.models.passport import PassportShare  # noqa: F401
