"""The pages that keep career pathways, the framework's competencies and organisation mergers pass
axe: an HR admin keeps a local competency and their trust's pathway; a national admin changes a draft
framework and records a merger through its confirmation page."""

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from leadership.development import framework_data, services
from leadership.models import Competency, CompetencyFramework, ExpectedBehaviour, Organisation, Role
from tests.e2e.dates import fill_date
from tests.factories import OrganisationFactory, PersonFactory, RoleAssignmentFactory, user_with_person
from tests.sign_in import enrol_in_totp, sign_in_with_totp
from tests.training.factories import CourseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _framework():
    # Transactional tests flush the database, so the framework the data migration loads is reloaded.
    return framework_data.load(CompetencyFramework, Competency, ExpectedBehaviour, timezone.now())


def _root(page) -> str:
    scheme, _, host = page.url.split("/")[:3]
    return f"{scheme}//{host}"


def _heading(page, text):
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def test_an_hr_admin_keeps_a_local_competency_and_a_pathway_with_courses(page, axe):
    _framework()
    trust = OrganisationFactory(ods_code="RP1", name="Pathway Hospitals NHS Trust")
    admin = user_with_person(trust, role=Role.HR_ADMIN, first_name="Hana", last_name="Admin")
    enrol_in_totp(admin)
    CourseFactory(title="Leading through change")
    sign_in_with_totp(page, axe, admin.email)

    root = _root(page)
    page.goto(f"{root}/development/framework/")
    page.get_by_role("link", name="Pathway Hospitals NHS Trust's own competencies").click()
    _heading(page, "Your organisation's own competencies")
    axe(page)
    page.get_by_role("link", name="Add a local competency").click()
    page.get_by_label("Name").fill("Leading patient flow")
    page.get_by_label("Description").fill("Keeps patients moving safely")
    for label in page.get_by_label(re.compile("^Expected behaviour")).all():
        label.fill("Leads flow")
    page.get_by_role("button", name="Add competency").click()
    _heading(page, "Your organisation's own competencies")
    page.get_by_role("link", name="Leading patient flow", exact=True).click()
    axe(page)
    page.go_back()
    page.get_by_role("link", name="Remove Leading patient flow").click()
    _heading(page, "Remove “Leading patient flow”?")
    axe(page)

    page.goto(f"{root}/development/pathways/manage/")
    _heading(page, "Manage career pathways")
    axe(page)
    page.get_by_role("link", name="Add a pathway").click()
    page.get_by_label("Name").fill("Therapies leadership")
    page.get_by_role("button", name="Add pathway").click()
    _heading(page, "Therapies leadership")
    page.get_by_role("link", name="Add a step").click()
    page.get_by_label("Role").fill("Therapy team lead")
    page.get_by_label("Management level").select_option("first_line")
    page.get_by_label("Leading patient flow").check()
    axe(page)
    page.get_by_role("button", name="Add step").click()
    page.get_by_role("link", name="Add a step").click()
    page.get_by_label("Role").fill("Head of therapies")
    page.get_by_label("Management level").select_option("senior")
    page.get_by_role("button", name="Add step").click()
    expect(page.get_by_role("heading", name="2. Head of therapies")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Move up Head of therapies").click()
    expect(page.get_by_role("heading", name="1. Head of therapies")).to_be_visible()
    page.get_by_role("link", name="Choose the courses that help").click()
    _heading(page, "Courses that help")
    page.get_by_label("Course title or provider").fill("change")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Add Leading through change").click()
    axe(page)
    page.get_by_role("link", name="Back to the pathway").click()
    expect(page.get_by_role("link", name=re.compile("Leading through change"))).to_be_visible()
    page.get_by_role("link", name="Remove Therapy team lead").click()
    axe(page)
    page.go_back()
    page.get_by_role("link", name="Remove Therapies leadership").click()
    _heading(page, "Remove “Therapies leadership”?")
    axe(page)


def test_a_national_admin_changes_a_draft_framework_and_records_a_merger(page, axe):
    _framework()
    national = OrganisationFactory(ods_code="X31", kind=Organisation.Kind.NATIONAL_BODY, name="NHS England")
    admin = user_with_person(national, first_name="Nadia", last_name="National")
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=national)
    enrol_in_totp(admin)
    draft = services.framework_draft_create(actor=admin)
    alpha = OrganisationFactory(ods_code="RQ1", name="Alpha Merging NHS Trust")
    OrganisationFactory(ods_code="RQ2", name="Beta Merging NHS Trust")
    PersonFactory(organisation=alpha)
    sign_in_with_totp(page, axe, admin.email)
    root = _root(page)

    page.goto(f"{root}/development/frameworks/{draft.public_id}/")
    _heading(page, f"{draft.name}, version {draft.version}")
    axe(page)
    page.get_by_role("link", name="Add a competency").click()
    _heading(page, "Add a competency")
    axe(page)
    page.goto(f"{root}/development/frameworks/{draft.public_id}/")
    page.get_by_role("button", name=re.compile("move Engaging the team down")).click()
    expect(page.get_by_text("Engaging the team is moved.")).to_be_visible()
    page.get_by_role("link", name="Remove Engaging the team").click()
    axe(page)

    page.goto(f"{root}/organisations/RQ1/")
    page.get_by_role("link", name=re.compile("Record that Alpha Merging NHS Trust merged")).click()
    _heading(page, "Record a merger or succession")
    axe(page)
    page.get_by_label("ODS code of its successor").fill("RQ2")
    fill_date(page, "Dissolved on", date(2025, 4, 1))
    page.get_by_label("Move them to the successor now").check()
    page.get_by_label("Why").fill("Statutory order")
    page.get_by_role("button", name="Continue").click()
    _heading(page, "Check what will change")
    axe(page)
    page.get_by_label("Yes, record this merger").check()
    page.get_by_role("button", name="Record the merger").click()
    _heading(page, "Alpha Merging NHS Trust merged into Beta Merging NHS Trust")
    axe(page)
    page.get_by_role("link", name="Back to organisation mergers").click()
    _heading(page, "Organisation mergers")
    axe(page)
