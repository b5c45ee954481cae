"""Across a merger (R13) the successor's API client lists the dissolved trust's records, and its mirror,
kept with updated_since and the deletions feed, stays exact."""

from datetime import date

import pytest
from django.urls import reverse

from leadership.mergers import services
from leadership.models import Role
from tests.api.mirror import Mirror, pull
from tests.factories import OrganisationFactory, PersonFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def national_admin_user():
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN,
                          organisation=OrganisationFactory(ods_code="X27", kind="national_body"))
    return admin


@pytest.mark.parametrize("move_people", [True, False])
def test_the_successors_people_mirror_stays_exact_across_a_merger(api_for, national_admin_user, move_people):
    a, b = OrganisationFactory(ods_code="RA3"), OrganisationFactory(ods_code="RB3")
    theirs = {str(PersonFactory(organisation=a).public_id) for _ in range(3)}
    ours = {str(PersonFactory(organisation=b).public_id) for _ in range(2)}
    mirror = Mirror(api_for(b, ["people:read"]), "people", "api:person-list")
    assert set(mirror.rows) == ours
    services.organisation_merge(actor=national_admin_user, predecessor=a, successor=b,
                                dissolved_on=date(2025, 4, 1), move_people=move_people, reason="Merged")
    assert mirror.catch_up() == set()
    mirror.assert_exact()
    assert set(mirror.rows) == ours | theirs
    listed = pull(api_for(b, ["organisations:read"]), reverse("api:organisation-list"))
    assert a.ods_code in {row["ods_code"] for row in listed}  # the dissolved trust reads under B too
