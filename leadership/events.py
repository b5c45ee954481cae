"""Signals the core sends and higher apps listen to, so the core never imports them.

`import_succeeded` is sent (with `organisation_id`) after a staff or records import has committed;
the dashboards refresh their figures on it.
"""

from django.dispatch import Signal

import_succeeded = Signal()
