"""Communications' row rules (broadcasts, handbook, passports, boards), on leadership.access."""

from communications.handbook.access import *  # noqa: F403
from communications.passport.access import *  # noqa: F403
from leadership.access import *  # noqa: F403 - the core's rules too, so this app asks one module
