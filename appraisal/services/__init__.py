"""Every write of the appraisal app: keyword-only, atomic, taking the acting user.

One module per URL group: templates, cycles, the appraisal's flow (start to countersignature and
addenda), calibration and organisational scorecards. Callers keep `from appraisal import services`.
Each step of an appraisal belongs to one person; anyone else gets PermissionDenied, and a step taken
out of order gets ValidationError. A signed-off appraisal never changes: corrections are addenda, and
only a calibration review may agree a different band (recorded, with its reason, in the audit trail).
"""

from appraisal.services.appraisers import appraiser_exception_record
from appraisal.services.bulk import (
    appraisals_bulk_start_cancel,
    appraisals_bulk_start_request,
    appraisals_bulk_start_resume,
    appraisals_bulk_start_run,
)
from appraisal.services.calibration import calibration_change, calibration_review_create
from appraisal.services.cycles import cycle_create
from appraisal.services.flow import (
    addendum_add,
    appraisal_countersign,
    appraisal_countersigner_reassign,
    appraisal_reassign,
    appraisal_sign,
    appraisal_start,
    appraiser_review_submit,
    meeting_record,
    objective_delete,
    objective_save,
    objectives_agree,
    self_review_submit,
)
from appraisal.services.leavers import appraisals_hand_over_for_leaver
from appraisal.services.scorecards import (
    scorecard_measure_delete,
    scorecard_measure_save,
    scorecard_measure_update,
    scorecard_target_save,
)
from appraisal.services.templates import (
    _create_template,
    template_create,
    template_revise,
    validate_perspectives,
)

__all__ = [
    "_create_template",  # tests build templates without an actor through it
    "addendum_add",
    "appraisal_countersign",
    "appraisal_countersigner_reassign",
    "appraisal_reassign",
    "appraisal_sign",
    "appraisal_start",
    "appraiser_exception_record",
    "appraisals_bulk_start_cancel",
    "appraisals_bulk_start_request",
    "appraisals_bulk_start_resume",
    "appraisals_bulk_start_run",
    "appraisals_hand_over_for_leaver",
    "appraiser_review_submit",
    "calibration_change",
    "calibration_review_create",
    "cycle_create",
    "meeting_record",
    "objective_delete",
    "objective_save",
    "objectives_agree",
    "scorecard_measure_delete",
    "scorecard_measure_save",
    "scorecard_measure_update",
    "scorecard_target_save",
    "self_review_submit",
    "template_create",
    "template_revise",
    "validate_perspectives",
]
