"""A board secretary corrects a data return and ends it, then corrects a board position and ends its
term, following the links on each record's page. axe-core checks each page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from governance.models import BoardPosition, DataReturn
from leadership.dates import uk_today
from leadership.models import Role
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, user_with_person
from tests.governance import factories
from tests.sign_in import enrol_in_totp, sign_in_with_totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_secretary_corrects_and_ends_a_return_and_a_term(page, axe):
    """
    GIVEN a trust with a board secretary, a data return and a non-executive director
    WHEN the board secretary changes the return's hours and ends it with a reason
     AND changes the director's title and ends their term yesterday
    THEN the return shows as ended with its reason, the position shows as former, and every page
         passes axe
    """
    trust = OrganisationFactory(ods_code="RE6", name="Corrected Hospitals NHS Trust")
    secretary = user_with_person(trust, role=Role.BOARD_SECRETARY, first_name="Bea", last_name="Secretary")
    enrol_in_totp(secretary)
    data_return = factories.data_return(trust, title="Monthly workforce statistics")
    position = factories.position(trust)

    sign_in_with_totp(page, axe, secretary.email)
    page.goto(reverse("governance:return_detail", args=[data_return.public_id]))
    axe(page)
    page.get_by_role("link", name="Change this return").click()
    axe(page)
    page.get_by_label("Hours to complete each time").fill("3")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The data return is updated.")).to_be_visible()
    page.get_by_role("link", name="End this return").click()
    axe(page)
    page.get_by_label("Reason").fill("Replaced by the national ESR extract")
    page.get_by_role("button", name="End the return").click()
    expect(page.get_by_text("Replaced by the national ESR extract")).to_be_visible()
    axe(page)
    data_return.refresh_from_db()
    assert (data_return.hours_per_return, data_return.active) == (3, False)

    page.goto(reverse("governance:position_detail", args=[position.public_id]))
    page.get_by_role("link", name="Change this position").click()
    axe(page)
    page.get_by_label("Title").fill("Senior independent director")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_text("The board position is updated.")).to_be_visible()
    page.get_by_role("link", name="End this term").click()
    axe(page)
    fill_date(page, "Last day of the term", uk_today() - timedelta(days=1))
    page.get_by_role("button", name="End the term").click()
    expect(page.get_by_text("The term is ended.")).to_be_visible()
    expect(page.get_by_text("Former", exact=True)).to_be_visible()
    axe(page)
    position = BoardPosition.objects.get(pk=position.pk)
    assert position.title == "Senior independent director"
    assert position.ends_on == uk_today() - timedelta(days=1)
    assert not DataReturn.objects.filter(active=True).exists()
