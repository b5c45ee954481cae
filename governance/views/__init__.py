"""Governance pages, one module per URL group. Rows come from governance.access; writes go through
governance.services, each form through leadership.web.submit (a refusal is a form error on its page)."""

from governance.views.board import (
    attest,
    check_new,
    position_detail,
    position_edit,
    position_end,
    position_list,
    position_new,
    review_detail,
    review_new,
)
from governance.views.burden import (
    assessment_decide,
    assessment_detail,
    assessment_list,
    assessment_new,
    pay_rate_edit,
    pay_rate_list,
)
from governance.views.returns import (
    home,
    overlap_list,
    report,
    report_pdf,
    return_detail,
    return_edit,
    return_end,
    return_list,
    return_new,
    return_review,
)
from governance.views.volunteers import volunteer_appoint, volunteer_detail, volunteer_list, volunteer_new

__all__ = [
    "assessment_decide",
    "assessment_detail",
    "assessment_list",
    "assessment_new",
    "attest",
    "check_new",
    "home",
    "overlap_list",
    "pay_rate_edit",
    "pay_rate_list",
    "position_detail",
    "position_edit",
    "position_end",
    "position_list",
    "position_new",
    "report",
    "report_pdf",
    "return_detail",
    "return_edit",
    "return_end",
    "return_list",
    "return_new",
    "return_review",
    "review_detail",
    "review_new",
    "volunteer_appoint",
    "volunteer_detail",
    "volunteer_list",
    "volunteer_new",
]
