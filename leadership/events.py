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

# Sent after a merger is recorded (predecessor, successor): areas above the core touch the dissolved
# organisation's rows so API clients' delta pulls (updated_since) bring them under the successor.
organisation_merged = Signal()
