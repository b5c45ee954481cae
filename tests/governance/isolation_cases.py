"""Isolation cases for the governance pages and API (see tests/isolation_registry.py).

The world's burden assessment is a draft (unpublished), and its volunteer has not consented to be
found, so no other organisation may see either."""

from datetime import date

from django.urls import reverse

from governance.models import BoardReview, VolunteerProfile
from governance.services import volunteer_register
from tests.factories import PersonFactory
from tests.governance import factories
from tests.isolation_registry import NOT_IN_DEMO


def build_world(world: dict) -> None:
    same_org = world["same_org"]
    world["data_return"] = factories.data_return(same_org)
    world["burden_assessment"] = factories.assessment(same_org)
    factories.role(world["burden_assessment"])
    world["board_position"] = factories.position(same_org)
    world["board_review"] = BoardReview.objects.create(
        position=world["board_position"],
        reviewed_on=date(2025, 4, 1),
        meetings_expected=10,
        meetings_attended=9,
        remuneration_review="In line with NHS England guidance",
        findings="Strong challenge at committee",
    )
    volunteer = PersonFactory(
        organisation=volunteer_register(),
        first_name="Val",
        last_name="Volunteer",
        sector_background="private",
    )
    world["volunteer"] = VolunteerProfile.objects.create(
        person=volunteer, sector_of_origin="private", current_role="Finance director", consent_to_share=False
    )


def _url(name, key=None):
    return lambda w: reverse(name, args=[w[key].public_id] if key else None)


PAGE_CASES = {
    "governance:home": ("list", _url("governance:home")),
    "governance:return_list": ("list", _url("governance:return_list")),
    "governance:return_new": ("list", _url("governance:return_new")),
    "governance:overlap_list": ("list", _url("governance:overlap_list")),
    "governance:report": ("list", _url("governance:report")),
    "governance:report_pdf": ("list", _url("governance:report_pdf")),
    "governance:return_detail": ("object", _url("governance:return_detail", "data_return")),
    "governance:return_review": ("object", _url("governance:return_review", "data_return")),
    "governance:return_edit": ("object", _url("governance:return_edit", "data_return")),
    "governance:return_end": ("object", _url("governance:return_end", "data_return")),
    "governance:assessment_list": ("list", _url("governance:assessment_list")),
    "governance:assessment_new": ("list", _url("governance:assessment_new")),
    "governance:pay_rate_list": ("list", _url("governance:pay_rate_list")),
    "governance:pay_rate_edit": ("national", lambda w: reverse("governance:pay_rate_edit", args=["5"])),
    "governance:assessment_detail": ("object", _url("governance:assessment_detail", "burden_assessment")),
    "governance:assessment_decide": ("object", _url("governance:assessment_decide", "burden_assessment")),
    "governance:position_list": ("list", _url("governance:position_list")),
    "governance:position_new": ("list", _url("governance:position_new")),
    "governance:attest": ("list", _url("governance:attest")),
    "governance:position_detail": ("object", _url("governance:position_detail", "board_position")),
    "governance:review_new": ("object", _url("governance:review_new", "board_position")),
    "governance:check_new": ("object", _url("governance:check_new", "board_position")),
    "governance:position_edit": ("object", _url("governance:position_edit", "board_position")),
    "governance:position_end": ("object", _url("governance:position_end", "board_position")),
    "governance:review_detail": ("object", _url("governance:review_detail", "board_review")),
    "governance:volunteer_list": ("list", _url("governance:volunteer_list")),
    "governance:volunteer_new": ("national", _url("governance:volunteer_new")),
    # An unconsented volunteer: only national admins (and the volunteer) see the record.
    "governance:volunteer_detail": ("national", _url("governance:volunteer_detail", "volunteer")),
    "governance:volunteer_appoint": ("national", _url("governance:volunteer_appoint", "volunteer")),
}

# The demo roles that open each page by following links (tests/isolation_registry.py).
GOVERNANCE_RUNNERS = frozenset({"board_secretary", "hr_admin", "national_admin"})
REACHABLE_BY = {
    "governance:home": GOVERNANCE_RUNNERS,
    "governance:return_list": GOVERNANCE_RUNNERS,
    "governance:return_new": GOVERNANCE_RUNNERS,
    "governance:overlap_list": GOVERNANCE_RUNNERS,
    "governance:report": GOVERNANCE_RUNNERS,
    "governance:report_pdf": GOVERNANCE_RUNNERS,
    "governance:return_detail": GOVERNANCE_RUNNERS,
    "governance:return_review": GOVERNANCE_RUNNERS,
    "governance:return_edit": GOVERNANCE_RUNNERS,
    "governance:return_end": GOVERNANCE_RUNNERS,
    "governance:assessment_list": GOVERNANCE_RUNNERS,
    "governance:assessment_new": GOVERNANCE_RUNNERS,
    "governance:pay_rate_list": GOVERNANCE_RUNNERS,
    "governance:pay_rate_edit": {"national_admin"},
    "governance:assessment_detail": GOVERNANCE_RUNNERS,
    "governance:assessment_decide": GOVERNANCE_RUNNERS,
    "governance:position_list": GOVERNANCE_RUNNERS,
    "governance:position_new": GOVERNANCE_RUNNERS,
    "governance:attest": NOT_IN_DEMO,
    "governance:position_detail": GOVERNANCE_RUNNERS,
    "governance:review_new": {"board_secretary", "national_admin"},  # HR admins read the board, never review
    "governance:check_new": GOVERNANCE_RUNNERS,
    "governance:position_edit": GOVERNANCE_RUNNERS,
    "governance:position_end": GOVERNANCE_RUNNERS,
    "governance:review_detail": GOVERNANCE_RUNNERS,
    "governance:volunteer_list": GOVERNANCE_RUNNERS,
    "governance:volunteer_new": {"national_admin"},
    "governance:volunteer_detail": GOVERNANCE_RUNNERS,
    "governance:volunteer_appoint": GOVERNANCE_RUNNERS,
}

API_CASES = {
    "api:data-return-list": ("list", _url("api:data-return-list")),
    "api:data-return-detail": ("object", _url("api:data-return-detail", "data_return")),
    "api:burden-assessment-list": ("list", _url("api:burden-assessment-list")),
    "api:burden-assessment-detail": ("object", _url("api:burden-assessment-detail", "burden_assessment")),
    "api:board-position-list": ("list", _url("api:board-position-list")),
    "api:board-position-detail": ("object", _url("api:board-position-detail", "board_position")),
}


def _deleted(row) -> str:
    public_id = str(row.public_id)
    row.delete()
    return public_id


# Resource -> (who hears of the deletion, builder): see tests/api/test_mirror_feeds.py.
DELETION_CASES = {
    "data-returns": ("list", lambda w: _deleted(factories.data_return(w["same_org"], title="Doomed"))),
    "burden-assessments": ("list", lambda w: _deleted(factories.assessment(w["same_org"], title="Doomed"))),
    "board-positions": ("list", lambda w: _deleted(factories.position(w["same_org"]))),
}
