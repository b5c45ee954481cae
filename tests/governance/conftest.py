import pytest

from leadership.models import Role
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory, user_with_person


@pytest.fixture
def same_org_board_secretary(same_org):
    return user_with_person(
        same_org,
        role=Role.BOARD_SECRETARY,
        first_name="Bea",
        last_name="Secretary",
        job_title="Trust Board Secretary",
    )


@pytest.fixture
def national_admin():
    admin = UserFactory()
    RoleAssignmentFactory(
        user=admin,
        role=Role.NATIONAL_ADMIN,
        organisation=OrganisationFactory(ods_code="X24", kind="national_body", name="NHS England"),
    )
    return admin


@pytest.fixture
def same_org_chair_user(same_org):
    """A login whose staff record holds the trust's chair position (chair is not a role)."""
    from tests.governance import factories

    user = user_with_person(same_org, first_name="Charles", last_name="Chair", management_level="board")
    factories.position(same_org, person=user.person, kind="chair", title="Chair", next_review_due=None)
    return user
