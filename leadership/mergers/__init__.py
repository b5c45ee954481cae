"""Mergers and successions of organisations (R13): a national admin records that A was dissolved on a
date and B is its successor; A's staff move to B now or at the next ESR import, A's API clients are
revoked, and A's history reads under B (leadership.access.with_predecessors)."""
