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
