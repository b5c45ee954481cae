from datetime import date

import pytest

from talentpool import selectors
from talentpool.models import PoolMembership
from tests.api.conftest import api_for, make_api_client  # noqa: F401 - the API actors, shared
from tests.factories import PersonFactory
from tests.talentpool.factories import qualify


@pytest.fixture
def pool(db):
    return selectors.national_pool()


@pytest.fixture
def nominee(same_org_manager):
    """Rita Report: a direct report of same_org_manager, in the same trust, who holds the accredited
    senior-manager qualification the national pool asks for (R8)."""
    rita = same_org_manager.person.reports.get(first_name="Rita")
    qualify(rita)
    return rita


@pytest.fixture
def make_member(pool):
    def make(person=None, *, organisation=None, consent=False, status=PoolMembership.Status.ACTIVE, **fields):
        person = person or PersonFactory(organisation=organisation)
        active = status == PoolMembership.Status.ACTIVE
        return PoolMembership.objects.create(
            pool=fields.pop("pool", pool),
            person=person,
            route=PoolMembership.Route.HR_ADMIN,
            rationale="Strong record",
            status=status,
            consent_to_share=consent,
            joined_on=date(2025, 1, 1) if active else None,
            last_reviewed_on=date(2025, 1, 1) if active else None,
            **fields,
        )

    return make
