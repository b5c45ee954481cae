"""The handbook and passport cast: a published handbook, a receiving trust and its HR admin."""

import pytest

from communications.handbook import services as handbook_services
from leadership.models import Organisation, Role
from tests.factories import user_with_person


@pytest.fixture
def handbook():
    """Version 1, published (the first handbook's text)."""
    draft = handbook_services.handbook_draft_start(actor=None)
    return handbook_services.handbook_publish(actor=None, version=draft, change_note="First")


@pytest.fixture
def new_trust():
    return Organisation.objects.create(ods_code="RN5", name="New Horizons NHS Trust",
                                       kind=Organisation.Kind.NHS_TRUST)


@pytest.fixture
def new_trust_hr_admin(new_trust):
    return user_with_person(new_trust, role=Role.HR_ADMIN, first_name="Nadia", last_name="Newhire")


from tests.api.conftest import api_for, make_api_client  # noqa: E402, F401
