"""Governance's row rules (data returns, burden assessments, board positions), on leadership.access."""

from leadership.access import *  # noqa: F403 - the core's rules too, so this app asks one module
