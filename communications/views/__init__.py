"""Pages of communications (mounted at /communications/), one module per URL group."""

from communications.views.boards import (  # noqa: F401
    board_detail,
    board_list,
    board_search,
    moderation_queue,
    post_accept,
    post_endorse,
    post_moderate,
    post_report,
    thread_detail,
    thread_follow,
    thread_new,
)
from communications.views.broadcasts import (  # noqa: F401
    broadcast_cascade,
    broadcast_detail,
    broadcast_export,
    broadcast_feed,
    broadcast_new,
    broadcast_rates,
    broadcast_sent,
    broadcast_withdraw,
)
