"""A manager reads and attests the values handbook from the home to-do, shares their leadership passport
with another trust, and that trust's HR admin opens the link and imports it; a national admin edits
the next version's draft. axe-core checks every page."""

import re

import pytest
from playwright.sync_api import expect

from communications.handbook import services as handbook_services
from communications.models import ValuesAttestation
from leadership.models import ManagementLevel, Organisation, Role
from tests.factories import (
    OrganisationFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
    user_with_person,
)
from tests.sign_in import enrol_in_totp, sign_in_with_password, sign_in_with_totp, sign_out
from training.models import TrainingRecord

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_manager_attests_and_shares_and_the_new_trust_imports(page, axe):
    """
    GIVEN a published handbook, a middle manager at one trust and an HR admin at another
    WHEN the manager attests from the home to-do, opens their passport and shares it with the other trust
     AND the other trust's HR admin opens the link and imports it into the manager's new record
    THEN the attestation is transferred to the new record, and every page passes axe
    """
    version = handbook_services.handbook_draft_start(actor=None)
    handbook_services.handbook_publish(actor=None, version=version, change_note="First")
    home_trust = OrganisationFactory(ods_code="RH4", name="Home Hospitals NHS Trust")
    new_trust = OrganisationFactory(ods_code="RH5", name="Newtown Community NHS Trust")
    manager = user_with_person(
        home_trust,
        first_name="Maya",
        last_name="Mover",
        job_title="Ward manager",
        management_level=ManagementLevel.MIDDLE,
    )
    new_admin = user_with_person(new_trust, role=Role.HR_ADMIN, first_name="Hugo", last_name="Hiring")
    enrol_in_totp(new_admin)
    arrival = PersonFactory(
        organisation=new_trust, first_name="Maya", last_name="Mover", employee_number="NEW-001"
    )

    sign_in_with_password(page, axe, manager.email)
    page.get_by_role("link", name="Read version 1 of the NHS values handbook and attest to it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("NHS values handbook")
    axe(page)
    page.get_by_label("I have read the handbook and will lead by these values").check()
    page.get_by_role("button", name="Attest").click()
    expect(page.get_by_text("Your attestation is recorded.")).to_be_visible()
    page.get_by_role("link", name="Your leadership passport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Mover")
    axe(page)
    page.get_by_role("button", name="Share with another NHS organisation").click()
    axe(page)
    page.get_by_label("The NHS organisation to share with").select_option(str(new_trust.pk))
    page.get_by_role("button", name="Create the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passport link for Newtown Community NHS Trust")
    axe(page)
    link = page.get_by_label("The link").input_value()
    sign_out(page)

    sign_in_with_totp(page, axe, new_admin.email)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Mover")
    axe(page)
    page.get_by_label("Name or employee number").fill("Mover")
    page.get_by_role("button", name="Search for your staff record for this person").click()
    page.get_by_label(re.compile(r"^Maya Mover \(NEW-001\)")).check()
    page.get_by_role("button", name="Import the passport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Passport imported")
    axe(page)
    transferred = ValuesAttestation.objects.get(person=arrival)
    assert transferred.transferred_from == "Home Hospitals NHS Trust (RH4)"
    assert not TrainingRecord.objects.filter(person=arrival).exclude(source="transferred").exists()


def test_a_national_admin_edits_and_publishes_a_new_version(page, axe):
    version = handbook_services.handbook_draft_start(actor=None)
    handbook_services.handbook_publish(actor=None, version=version, change_note="First")
    admin = UserFactory(email="national@example.nhs.uk")
    RoleAssignmentFactory(
        user=admin,
        role=Role.NATIONAL_ADMIN,
        organisation=OrganisationFactory(ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY),
    )
    enrol_in_totp(admin)

    sign_in_with_totp(page, axe, admin.email)
    page.get_by_role("link", name="Read the NHS values handbook").click()
    axe(page)
    page.get_by_role("link", name="Manage handbook versions").click()
    axe(page)
    page.get_by_role("button", name="Start a new draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Values handbook, version 2")
    axe(page)
    page.get_by_role("link", name="Edit Compassion").click()
    axe(page)
    page.get_by_label("What it means for a board manager").fill("Ask how the board cares for its staff.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Compassion is saved.")).to_be_visible()
    page.get_by_role("button", name="Publish this version").click()
    axe(page)
    page.get_by_label("What changed in this version").fill("Board text on compassion")
    page.get_by_label("Yes, publish it and ask every manager to attest again").check()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(re.compile(r"/handbook/versions/"))
    expect(page.get_by_text("Version 2 is published.")).to_be_visible()
