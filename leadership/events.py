"""Signals the core sends and higher apps listen to, so the core never imports them.

`import_succeeded` is sent (with `organisation_id`) after a staff or records import has committed;
the dashboards refresh their figures on it.
"""

from django.dispatch import Signal

import_succeeded = Signal()

person_left = Signal()
"""Sent inside the leaver's transaction (leadership.leavers.person_leave) with `person`, `actor`,
`reason` and `handovers` (the chosen new people, by the handover keys the app registered). A
receiver that raises ValidationError (keyed by its handover keys) undoes the whole leaving."""

organisation_merged = Signal()
"""Sent inside a merger's transaction and audit context (leadership.mergers.services), before A's
staff move to B, with `predecessor`, `successor`, `organisation_ids` (A, the organisations merged into
A before, and for a footprint all under it: whose records now read under B), `staff` (their people, a
queryset good only during the send) and `stamped_at`. Each area above the core re-stamps its
API-listed rows of those (one UPDATE per table, updated_at=stamped_at) so clients' delta pulls
(updated_since) bring them under B."""
