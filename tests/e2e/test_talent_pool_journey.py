"""An HR admin nominates and approves a person into the national pool; another trust's HR admin finds
and shortlists them. axe-core checks each page."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from leadership.models import ManagementLevel, Role
from talentpool import selectors
from talentpool.models import PoolMembership, Shortlisting
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_totp, sign_out
from tests.talentpool.factories import qualify

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _hr_admin(organisation, first_name):
    user = user_with_person(organisation, role=Role.HR_ADMIN, first_name=first_name, last_name="Admin")
    enrol_in_totp(user)
    return user


def test_a_nominee_is_approved_then_found_and_shortlisted_by_another_trust(page, axe):
    """
    GIVEN two trusts, each with an HR admin, and a senior manager at the first
    WHEN the first HR admin nominates, approves and records consent
     AND the second HR admin searches the national pool and shortlists the member
    THEN the member is shortlisted, and every page passes axe
    """
    home_trust = OrganisationFactory(ods_code="RE3", name="Home Hospitals NHS Trust")
    other_trust = OrganisationFactory(ods_code="RE4", name="Seeking Hospitals NHS Trust")
    home_admin, other_admin = _hr_admin(home_trust, "Hana"), _hr_admin(other_trust, "Olu")
    quinn = PersonFactory(organisation=home_trust, first_name="Quinn", last_name="Quartermain",
                  job_title="Deputy director", management_level=ManagementLevel.SENIOR)
    qualify(quinn)
    pool = selectors.national_pool()

    sign_in_with_totp(page, axe, home_admin.email)
    page.goto(reverse("talentpool:nominate"))
    axe(page)
    page.get_by_label("Pool").select_option(label=pool.name)
    # The person is searched for (no list of every name) and chosen from the matches; axe checks both.
    page.get_by_label("Name or employee number").fill("quarter")
    page.get_by_role("button", name="Search for person").click()
    expect(page.get_by_label("Pool")).to_have_value(str(pool.public_id))  # what was chosen stays
    axe(page)
    page.get_by_label(re.compile(rf"^{quinn.full_name} \(")).check()
    page.get_by_label("Rationale").fill("Led the trust's recovery programme")
    page.get_by_role("button", name="Nominate").click()
    page.wait_for_url(re.compile(r"/talent/members/"))
    axe(page)
    page.get_by_label("Active").check()
    page.get_by_label("Reason").fill("Panel agreed")
    page.get_by_role("button", name="Record decision").click()
    expect(page.get_by_text("Decision recorded.")).to_be_visible()
    page.get_by_role("link", name="Change the pool profile").click()
    axe(page)
    page.get_by_label("Ready now").check()
    page.get_by_label("The member consents to be seen by HR admins of other organisations").check()
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_text("Pool profile saved.")).to_be_visible()
    sign_out(page)

    sign_in_with_totp(page, axe, other_admin.email)
    page.goto(reverse("talentpool:search"))
    axe(page)
    page.get_by_label("Readiness").select_option("ready_now")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="1 member found")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Quinn Quartermain").click()
    axe(page)
    page.get_by_role("link", name="Shortlist for a vacancy").click()
    axe(page)
    page.get_by_label("Vacancy", exact=True).fill("Director of operations (REF 7)")
    page.get_by_label("Why this member").fill("Turnaround experience")
    page.get_by_role("button", name="Shortlist").click()
    expect(page.get_by_text("was shortlisted")).to_be_visible()
    shortlisted = Shortlisting.objects.filter(membership__person__first_name="Quinn",
                                              organisation=other_trust)
    assert shortlisted.exists()
    assert PoolMembership.objects.get(person__first_name="Quinn").status == PoolMembership.Status.ACTIVE
