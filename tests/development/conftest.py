"""Development fixtures: the default framework (reloaded if a transactional test flushed it)."""

import pytest
from django.utils import timezone

from leadership.development import framework_data
from leadership.models import Competency, CompetencyFramework, ExpectedBehaviour


def ensure_default_framework() -> CompetencyFramework:
    return framework_data.load(CompetencyFramework, Competency, ExpectedBehaviour, timezone.now())


@pytest.fixture
def framework(db):
    return ensure_default_framework()


@pytest.fixture
def national_admin(db):
    from leadership.models import Organisation, Role
    from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory

    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    return admin
