"""Loaded by every Python subprocess of a suite run under PORTAL_TEST_CLOCK (see tests/clock.py)."""

import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "portal_test_clock", os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "clock.py")
)
_clock = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_clock)
_clock.pin()
