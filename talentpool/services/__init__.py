"""Every write in the talent pool, one module per URL group. Keyword-only, atomic, taking the acting user;
each checks the actor. Callers use `from talentpool import services` and `services.<name>`."""

from talentpool.services.contracts import senior_contract_assessed, senior_contract_create
from talentpool.services.graduates import (
    OUTCOME_MOVES,
    cohort_create,
    graduate_baseline_set,
    placement_add,
    placement_review,
    trainee_enrol,
    trainee_outcome,
    trainee_progress,
)
from talentpool.services.pools import (
    TRANSITIONS,
    allowed_transitions,
    can_edit_profile,
    membership_lapse,
    membership_nominate,
    membership_profile_update,
    membership_review,
    membership_shortlist,
    membership_transition,
    memberships_lapse_for_leaver,
    nomination_route,
    pool_create,
    regional_pools_ensure,
)
from talentpool.services.reviews import (
    review_place,
    succession_candidate_add,
    succession_plan_create,
    talent_review_create,
    talent_review_decide,
)
from talentpool.services.secondments import secondment_create, secondment_record_outcome

__all__ = [
    "OUTCOME_MOVES",
    "TRANSITIONS",
    "allowed_transitions",
    "can_edit_profile",
    "cohort_create",
    "graduate_baseline_set",
    "membership_lapse",
    "membership_nominate",
    "membership_profile_update",
    "membership_review",
    "membership_shortlist",
    "membership_transition",
    "memberships_lapse_for_leaver",
    "nomination_route",
    "placement_add",
    "placement_review",
    "pool_create",
    "regional_pools_ensure",
    "review_place",
    "secondment_create",
    "secondment_record_outcome",
    "senior_contract_assessed",
    "senior_contract_create",
    "succession_candidate_add",
    "succession_plan_create",
    "talent_review_create",
    "talent_review_decide",
    "trainee_enrol",
    "trainee_outcome",
    "trainee_progress",
]
