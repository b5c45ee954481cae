"""Every governance write, one module per URL group. Keyword-only, atomic, taking the acting user; each
asks governance.access whether the actor may. Callers use `from governance import services`."""

from governance.services.board import (
    board_position_create,
    board_position_end,
    board_position_update,
    board_review_complete,
    fit_proper_attest,
    fit_proper_check_record,
)
from governance.services.burden import (
    burden_assessment_create,
    burden_assessment_decide,
    burden_role_add,
    pay_band_rate_update,
)
from governance.services.returns import (
    data_return_create,
    data_return_end,
    data_return_review,
    data_return_update,
    next_review,
)
from governance.services.volunteers import volunteer_appoint, volunteer_record, volunteer_register

__all__ = [
    "board_position_create",
    "board_position_end",
    "board_position_update",
    "board_review_complete",
    "burden_assessment_create",
    "burden_assessment_decide",
    "burden_role_add",
    "data_return_create",
    "data_return_end",
    "data_return_review",
    "data_return_update",
    "fit_proper_attest",
    "fit_proper_check_record",
    "next_review",
    "pay_band_rate_update",
    "volunteer_appoint",
    "volunteer_record",
    "volunteer_register",
]
