"""The governance lists cost the same queries for one row as for twenty (no query per row)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from governance.models import VolunteerProfile
from governance.services import volunteer_register
from tests.factories import PersonFactory
from tests.governance import factories

pytestmark = pytest.mark.django_db


def _volunteer(n):
    person = PersonFactory(organisation=volunteer_register(), sector_background="private")
    VolunteerProfile.objects.create(
        person=person,
        sector_of_origin="private",
        current_role=f"Role {n}",
        skills=["governance"],
        consent_to_share=True,
    )


BUILDERS = {
    "governance:return_list": lambda org, n: factories.data_return(org, title=f"Return {n}"),
    "governance:assessment_list": lambda org, n: factories.assessment(org, title=f"Request {n}"),
    "governance:position_list": lambda org, n: factories.position(org),
    "governance:volunteer_list": lambda org, n: _volunteer(n),
}


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", sorted(BUILDERS))
def test_a_list_costs_the_same_for_one_row_as_for_twenty(
    client_for, same_org, same_org_board_secretary, route
):
    client, url = client_for(same_org_board_secretary), reverse(route)
    BUILDERS[route](same_org, 0)
    client.get(url)  # the first request of a session writes its own rows
    one = _count(client, url)
    for n in range(1, 20):
        BUILDERS[route](same_org, n)
    assert _count(client, url) == one
