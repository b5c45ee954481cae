"""Competencies, assessments, development plans and the 90-day action cycle (R3, R9, R10)."""
