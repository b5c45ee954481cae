"""Talent pool pages, one module per URL group. Rows come from talentpool.access; writes go through
talentpool.services, each form through leadership.web.submit (a refusal is a form error on its page)."""

from talentpool.views.contracts import contract_detail, contract_list, contract_new
from talentpool.views.graduates import graduate_list, graduate_national, trainee_detail, trainee_new
from talentpool.views.pools import (
    home,
    membership_annual_review,
    membership_decide,
    membership_detail,
    membership_profile,
    membership_shortlist,
    nominate,
    pool_detail,
    pool_new,
    search,
    search_export,
)
from talentpool.views.reviews import (
    review_decide,
    review_detail,
    review_list,
    review_new,
    succession_detail,
    succession_list,
    succession_new,
)
from talentpool.views.secondments import secondment_detail, secondment_list, secondment_new

__all__ = [
    "contract_detail",
    "contract_list",
    "contract_new",
    "graduate_list",
    "graduate_national",
    "home",
    "membership_annual_review",
    "membership_decide",
    "membership_detail",
    "membership_profile",
    "membership_shortlist",
    "nominate",
    "pool_detail",
    "pool_new",
    "review_decide",
    "review_detail",
    "review_list",
    "review_new",
    "search",
    "search_export",
    "secondment_detail",
    "secondment_list",
    "secondment_new",
    "succession_detail",
    "succession_list",
    "succession_new",
    "trainee_detail",
    "trainee_new",
]
