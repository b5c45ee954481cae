"""Every write in communications, one module per URL group. Keyword-only, atomic, taking the acting
user; each checks the actor. Callers use `from communications import services`."""

from communications.services.boards import (  # noqa: F401
    RATE_LIMITS,
    answer_accept,
    boards_ensure,
    clean_tags,
    post_endorse,
    post_moderate,
    post_report,
    reply_create,
    thread_create,
    thread_follow,
)
from communications.services.broadcasts import (  # noqa: F401
    audience_reach,
    broadcast_acknowledge,
    broadcast_cascade,
    broadcast_digest_send,
    broadcast_mark_read,
    broadcast_send,
    broadcast_withdraw,
)
