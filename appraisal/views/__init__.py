"""Appraisal pages, one module per URL group. Rows come from appraisal.access; writes go through
appraisal.services, each form through leadership.web (a refusal inside reach is a form error)."""

from appraisal.views.appraisers import appraiser_exception_new
from appraisal.views.bulk import bulk_start_cancel, bulk_start_detail, bulk_start_resume
from appraisal.views.calibration import calibration, calibration_change
from appraisal.views.cycles import (
    appraisal_start,
    cycle_bulk_start,
    cycle_detail,
    cycle_export,
    cycle_new,
    organisation_appraisals,
    report_appraisal_start,
)
from appraisal.views.flow import (
    addendum_new,
    appraisal_detail,
    appraisal_pdf,
    appraisal_reassign,
    appraisal_step,
    my_appraisals,
    objective_delete,
    objective_edit,
    objective_new,
)
from appraisal.views.scorecards import (
    scorecard,
    scorecard_footprint,
    scorecard_measure_delete,
    scorecard_measure_edit,
    scorecard_measure_new,
    scorecard_target_edit,
)
from appraisal.views.templates import template_list, template_new, template_revise

__all__ = [
    "addendum_new",
    "appraisal_detail",
    "appraisal_pdf",
    "appraisal_reassign",
    "appraisal_start",
    "appraiser_exception_new",
    "report_appraisal_start",
    "appraisal_step",
    "bulk_start_cancel",
    "bulk_start_detail",
    "bulk_start_resume",
    "calibration",
    "calibration_change",
    "cycle_bulk_start",
    "cycle_detail",
    "cycle_export",
    "cycle_new",
    "my_appraisals",
    "objective_delete",
    "objective_edit",
    "objective_new",
    "organisation_appraisals",
    "scorecard",
    "scorecard_footprint",
    "scorecard_measure_delete",
    "scorecard_measure_edit",
    "scorecard_measure_new",
    "scorecard_target_edit",
    "template_list",
    "template_new",
    "template_revise",
]
