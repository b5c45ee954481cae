"""An HR admin changes and closes a pool, changes a candidate's readiness and removes them, edits and
cancels a secondment and flags an external recruit; a national admin edits, extends and ends a contract
and records an R8 exception. axe-core checks every page, confirmation pages included."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from leadership.models import Organisation, Role
from talentpool.models import NationalPoolException, Secondment, SeniorContract, SuccessionPlan, TalentPool
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, PersonFactory, RoleAssignmentFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_totp
from tests.talentpool.factories import (
    PoolMembershipFactory,
    SecondmentFactory,
    SeniorContractFactory,
    TalentPoolFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_hr_admin_changes_pools_candidates_and_secondments(page, axe):
    trust = OrganisationFactory(ods_code="RE5", name="Changing Hospitals NHS Trust")
    admin = user_with_person(trust, role=Role.HR_ADMIN, first_name="Hana", last_name="Admin")
    enrol_in_totp(admin)
    pool = TalentPoolFactory(owner=trust, name="Aspiring ward managers")
    PoolMembershipFactory(pool=pool, person=PersonFactory(organisation=trust, first_name="Mo"))
    candidate = PersonFactory(organisation=trust, first_name="Cara", last_name="Candidate")
    plan = SuccessionPlan.objects.create(organisation=trust, post="Chief nurse")
    plan.candidates.create(person=candidate, readiness="three_plus_years")
    secondment = SecondmentFactory(person=PersonFactory(organisation=trust, first_name="Sam"))

    sign_in_with_totp(page, axe, admin.email)
    page.goto(reverse("talentpool:pool_detail", args=[pool.public_id]))
    page.get_by_role("link", name="Change the pool's name or purpose").click()
    axe(page)
    page.get_by_label("Name").fill("Future ward leaders")
    page.get_by_role("button", name="Save pool").click()
    expect(page.get_by_text("The pool is saved.")).to_be_visible()
    page.get_by_role("link", name="Close the pool").click()
    axe(page)
    page.get_by_role("button", name="Close pool").click()  # without a reason or a yes: errors
    expect(page.get_by_text("Confirm to continue").first).to_be_visible()
    axe(page)
    page.get_by_label("Reason").fill("Merged into the trust leadership pool")
    page.get_by_label("Yes, I am sure").check()
    page.get_by_role("button", name="Close pool").click()
    expect(page.get_by_text("1 membership ended")).to_be_visible()
    assert not TalentPool.objects.get(pk=pool.pk).active

    page.goto(reverse("talentpool:succession_detail", args=[plan.public_id]))
    axe(page)
    page.get_by_role("link", name="Change readiness of Cara Candidate").click()
    axe(page)
    page.get_by_label("Ready now").check()
    page.get_by_label("Why it changed").fill("Acted up as deputy")
    page.get_by_role("button", name="Save readiness").click()
    expect(page.get_by_text("Acted up as deputy")).to_be_visible()
    page.get_by_role("link", name="Remove Cara Candidate").click()
    axe(page)
    page.get_by_label("Reason").fill("Moved to another trust")
    page.get_by_label("Yes, I am sure").check()
    page.get_by_role("button", name="Remove candidate").click()
    expect(page.get_by_text("is no longer a candidate")).to_be_visible()
    axe(page)

    page.goto(reverse("talentpool:secondment_list"))
    axe(page)
    page.get_by_role("link", name=re.compile("Sam")).first.click()
    page.get_by_role("link", name="Change the secondment").click()
    axe(page)
    page.get_by_label("External organisation").fill("Demo Charity")
    page.get_by_role("button", name="Save secondment").click()
    expect(page.get_by_text("The secondment is saved.")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Cancel the secondment").click()
    axe(page)
    page.get_by_label("Reason").fill("Host withdrew")
    page.get_by_label("Yes, I am sure").check()
    page.get_by_role("button", name="Cancel secondment").click()
    expect(page.get_by_text("The secondment is cancelled.")).to_be_visible()
    assert Secondment.objects.get(pk=secondment.pk).cancelled_reason == "Host withdrew"

    page.goto(reverse("person_detail", args=[candidate.public_id]))
    page.get_by_role("link", name=re.compile("NHS: change")).click()
    axe(page)
    page.get_by_label("Private sector").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved where they were recruited from.")).to_be_visible()
    page.get_by_role("link", name="Nominate to a pool").click()
    axe(page)


def test_a_national_admin_changes_a_contract_and_records_an_exception(page, axe):
    national = OrganisationFactory(ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY, name="NHS England")
    admin = user_with_person(national, first_name="Nia", last_name="National")
    RoleAssignmentFactory(user=admin, organisation=national, role=Role.NATIONAL_ADMIN)
    enrol_in_totp(admin)
    trust = OrganisationFactory(ods_code="RE6", name="Contract Hospitals NHS Trust")
    contract = SeniorContractFactory(person=PersonFactory(organisation=trust, first_name="Cleo"),
                                     post="Chief executive")
    unqualified = PersonFactory(organisation=trust, first_name="Uma", last_name="Unqualified")

    sign_in_with_totp(page, axe, admin.email)
    page.goto(reverse("talentpool:contract_list"))
    axe(page)
    page.get_by_label("State").select_option("running")
    page.get_by_role("button", name="Filter").click()
    axe(page)
    page.get_by_role("link", name=re.compile("Cleo")).click()
    page.get_by_role("link", name="Change the contract").click()
    axe(page)
    page.get_by_label("Post").fill("Chief executive officer")
    page.get_by_role("button", name="Save contract").click()
    expect(page.get_by_text("The contract is saved.")).to_be_visible()
    page.get_by_role("link", name="Extend the minimum term").click()
    axe(page)
    page.get_by_label("Extend the minimum term by (months)").fill("12")
    page.get_by_label("Reason").fill("Board asked for continuity")
    page.get_by_role("button", name="Extend contract").click()
    expect(page.get_by_text("The minimum term now ends on")).to_be_visible()
    page.get_by_role("link", name="End the contract").click()
    axe(page)
    fill_date(page, "Contract ends on", date(2026, 6, 30))
    page.get_by_label("Reason").fill("Retired")
    page.get_by_label("Yes, I am sure").check()
    page.get_by_role("button", name="End contract").click()
    expect(page.get_by_text("The contract is ended.")).to_be_visible()
    axe(page)
    assert SeniorContract.objects.get(pk=contract.pk).ended_reason == "Retired"

    page.goto(reverse("person_detail", args=[unqualified.public_id]))
    page.get_by_role("link", name="Record an exception to the qualification rule").click()
    axe(page)
    page.get_by_label("Why this person may join without the qualification").fill("Overseas equivalent")
    page.get_by_role("button", name="Record exception").click()
    expect(page.get_by_text("may now be nominated")).to_be_visible()
    page.get_by_role("link", name="An exception to the qualification rule is recorded").click()
    axe(page)
    assert NationalPoolException.objects.get(person=unqualified).granted_by == admin
