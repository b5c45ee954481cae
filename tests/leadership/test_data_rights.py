"""People's rights over their data: the subject access export and the retention rule for leavers."""

import io
import json
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.db import connection
from django.urls import reverse

from leadership import services
from leadership.api_clients import api_client_create
from leadership.data_rights import catalogue, export, retention
from leadership.models import (
    Assessment,
    Competency,
    Notification,
    Organisation,
    PeopleImport,
    Person,
    RaterResponse,
    Role,
    SecurityEvent,
    User,
)
from tests import isolation_registry
from tests.development.factories import RaterInvitationFactory
from tests.factories import (
    NotificationFactory,
    OrganisationFactory,
    PeopleImportFactory,
    PersonFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FIRST, LAST = "Zebulon", "Quixleworth"
EMAIL, LOGIN_EMAIL, NUMBER = "zebulon.quixleworth@example.nhs.uk", "zq.login@example.nhs.uk", "QX998877"
NOW = datetime(2026, 5, 12, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture
def national_admin():
    admin = UserFactory()
    RoleAssignmentFactory(user=admin, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    return admin


@pytest.fixture
def world(same_org, same_org_hr_admin, same_org_manager, other_org_hr_admin):
    """The isolation world (every area's records), its manager renamed to distinctive values and
    quoted in free text, notifications, the security log and an import's errors."""
    user = same_org_manager
    User.objects.filter(pk=user.pk).update(email=LOGIN_EMAIL)
    Person.objects.filter(pk=user.person.pk).update(first_name=FIRST, last_name=LAST, work_email=EMAIL,
                                                    employee_number=NUMBER)
    user.refresh_from_db()
    person = Person.objects.get(pk=user.person.pk)
    services.person_update(actor=same_org_hr_admin, person=person, job_title=f"Lead for {FIRST}'s ward",
                           line_manager=None)
    world = isolation_registry.build_world({
        "same_org": same_org, "same_org_hr_admin": same_org_hr_admin, "same_org_manager": user,
        "import": PeopleImportFactory(organisation=same_org, uploaded_by=same_org_hr_admin,
                                      row_errors=[{"row": 4,
                                                   "message": f"{NUMBER} {FIRST} {LAST} is a duplicate"}]),
        "notification": NotificationFactory(recipient=same_org_hr_admin,
                                            title=f"{FIRST} {LAST}'s check-in is due",
                                            body=f"Remind {FIRST} {LAST} ({EMAIL})."),
        "api_client": api_client_create(actor=None, organisation=same_org, scopes=["people:read"],
                                        name="Dashboard")[0],
    })
    NotificationFactory(recipient=user, title=f"{FIRST}, your check-in is due")
    SecurityEvent.objects.create(kind=SecurityEvent.Kind.SIGN_IN_FAILED, email=LOGIN_EMAIL)
    SecurityEvent.objects.create(kind=SecurityEvent.Kind.SIGNED_IN, user=user)
    # Free text about them, typed by them and by others, in every area that takes it.
    world["secondment"].__class__.objects.filter(person=person).update(purpose=f"{FIRST} learns logistics")
    world["talent_member"].__class__.objects.filter(person=person).update(
        rationale=f"{FIRST} {LAST} leads well")
    world["cycle"].__class__.objects.filter(person=person).update(focus=f"{FIRST}'s team")
    world["senior_contract"].__class__.objects.filter(person=person).update(notes=f"{LAST} signed")
    assessment = world["assessment"]
    assessment.ratings.update(evidence=f"{FIRST} led the rota review")
    competency = Competency.objects.filter(framework=assessment.framework).first()
    RaterResponse.objects.bulk_create([RaterResponse(assessment=assessment, competency=competency, level=3),
                                       RaterResponse(assessment=assessment, competency=competency, level=4)])
    RaterInvitationFactory(assessment=assessment, rater=None, email="secret.rater@example.nhs.uk")
    world["person"] = person
    return world


def _export(client, person) -> dict[str, str]:
    response = client.post(reverse("person_data_export", args=[person.public_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name).decode() for name in archive.namelist()}


# The map of personal data: no model can be missed.

def _models_with_a_relation_to_a_person_or_login():
    for model in apps.get_models(include_auto_created=True):
        if model in (Person, User) or not model._meta.managed or model._meta.proxy:
            continue
        if any(f.is_relation and f.concrete and f.related_model in (Person, User)
               for f in model._meta.get_fields()):
            yield model


def test_every_model_with_a_relation_to_a_person_or_login_is_in_the_map():
    mapped = {source.model: source for source in catalogue.sources()}
    for model in _models_with_a_relation_to_a_person_or_login():
        assert model in mapped, f"{model._meta.label} is not in the personal data map"
        source = mapped[model]
        assert source.person_paths or source.user_paths or source.actor_fields, model._meta.label


def test_every_model_in_the_map_is_in_the_export_or_its_audit_trail(world):
    data = export.person_data(world["person"])
    for source in catalogue.sources():
        if source.is_event:
            continue  # their rows are the audit trail
        kind = "360_feedback" if source.is_aggregated else source.label
        assert kind in data, f"{source.label} is missing from the export"


def test_rows_that_name_their_own_person_are_not_their_parents_subjects():
    mapped = {source.label: source for source in catalogue.sources()}
    assert mapped["talentpool.SuccessionCandidate"].person_paths == ("person",)
    assert mapped["appraisal.Objective"].person_paths == ("appraisal__appraisee",)
    assert mapped["appraisal.Appraisal"].actor_fields == ("appraiser", "countersigner")


# The subject access export.

def test_the_hr_admin_downloads_everything_held_on_the_person(client_for, world, same_org_hr_admin):
    person = world["person"]
    files = _export(client_for(same_org_hr_admin), person)
    assert {"README.txt", "person.json", "person.csv", "login.json", "audit_trail.json", "contents.json",
            "360_feedback.csv", "recorded_by_them.json"} <= set(files)
    assert json.loads(files["person.json"])[0]["employee_number"] == NUMBER
    assert json.loads(files["login.json"])[0]["email"] == LOGIN_EMAIL
    assert "password" not in files["login.json"]
    for kind in ("talentpool.PoolMembership", "talentpool.Secondment", "talentpool.SeniorContract",
                 "leadership.Assessment", "leadership.Rating", "leadership.DevelopmentNeed",
                 "leadership.ActionCycle", "leadership.Action", "leadership.Notification",
                 "leadership.SecurityEvent"):
        assert json.loads(files[f"{kind}.json"]), f"{kind} is empty"
    assert f"{FIRST} learns logistics" in files["talentpool.Secondment.csv"]
    # Their own appraisal of someone else is listed by reference, never its content.
    appraised = [r for r in json.loads(files["recorded_by_them.json"]) if r["kind"] == "appraisal.Appraisal"]
    assert {r["record"] for r in appraised} >= {str(world["appraisal_draft"].public_id)}
    assert "Morgan objective" not in "".join(files.values())
    # Two 360 answers: counted, no average (it would give a rater away), no rater's address.
    answers = [r for r in json.loads(files["360_feedback.json"]) if r["kind"] == "answers"]
    assert answers == [{**answers[0], "answers": 2, "average": None}]
    assert "secret.rater" not in "".join(files.values())
    trail = json.loads(files["audit_trail.json"])
    changed = [e for e in trail if e["table"] == "leadership.PersonEvent" and e["what"] == "update"]
    assert changed and changed[-1]["who"] == same_org_hr_admin.email
    assert f"{FIRST}'s ward" in changed[-1]["values"]["job_title"]


def test_the_export_is_recorded_in_the_security_log(client_for, world, same_org_hr_admin):
    person = world["person"]
    _export(client_for(same_org_hr_admin), person)
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.PERSONAL_DATA_EXPORTED)
    assert (event.actor, event.user) == (same_org_hr_admin, person.user)
    assert str(person.public_id) in event.detail


def test_the_person_record_offers_the_download_to_its_hr_admin_only(client_for, world, same_org_hr_admin):
    person = world["person"]
    url = reverse("person_data_export", args=[person.public_id])
    record = client_for(same_org_hr_admin).get(reverse("person_detail", args=[person.public_id]))
    assert url.encode() in record.content
    page = client_for(same_org_hr_admin).get(url)
    assert page.status_code == 200 and b"Download their data" in page.content


def test_a_national_admin_may_export_anyone(client_for, world, national_admin):
    assert "person.json" in _export(client_for(national_admin), world["person"])


def test_a_line_manager_may_not_export_their_report(client_for, world):
    lee = Person.objects.get(organisation=world["same_org"], first_name="Lee")
    client = client_for(world["same_org_manager"])
    assert client.get(reverse("person_data_export", args=[lee.public_id])).status_code == 404
    assert client.post(reverse("person_data_export", args=[lee.public_id])).status_code == 404
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PERSONAL_DATA_EXPORTED).exists()


# The leaving date and the retention rule.

def test_marking_a_leaver_dates_the_leaving_and_a_returner_loses_it(same_org):
    person = PersonFactory(organisation=same_org)
    services.person_update(actor=None, person=person, active=False)
    person.refresh_from_db()
    assert person.left_on is not None
    services.person_update(actor=None, person=person, active=True)
    person.refresh_from_db()
    assert person.left_on is None


def test_the_retention_cutoff_counts_whole_years_and_29_february(settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 6
    assert retention.retention_cutoff(date(2026, 5, 12)) == date(2020, 5, 12)
    assert retention.retention_cutoff(date(2028, 2, 29)) == date(2022, 2, 28)


@time_machine.travel(NOW, tick=False)
def test_the_sweep_anonymises_only_leavers_past_retention_once(same_org, settings):
    settings.PERSONAL_DATA_RETENTION_YEARS = 6
    due, recent, current = (PersonFactory(organisation=same_org) for _ in range(3))
    Person.objects.filter(pk=due.pk).update(active=False, left_on=date(2020, 5, 12))
    Person.objects.filter(pk=recent.pk).update(active=False, left_on=date(2020, 5, 13))
    assert retention.sweep() == 1
    assert retention.sweep() == 0
    assert Person.objects.get(pk=due.pk).anonymised_at == NOW
    assert Person.objects.get(pk=recent.pk).first_name == recent.first_name
    assert Person.objects.get(pk=current.pk).first_name == current.first_name
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.PERSON_ANONYMISED).count() == 1


def test_the_sweep_runs_as_a_scheduled_task(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["personal-data-retention"]
    assert schedule["task"] == "leadership.tasks.personal_data_retention_task"
    assert schedule["options"]["expires"]


def _columns_holding(values: list[str]) -> list[str]:
    """Every text column of every table in the database that holds any of the values."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t
              ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
              AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY', 'bytea')
        """)
        for table, column in cursor.fetchall():
            for value in values:
                cursor.execute(
                    f'SELECT count(*) FROM "{table}" WHERE "{column}"::text ILIKE %s',  # noqa: S608
                    [f"%{value}%"])
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column} holds {value}")
    return found


def _body(response) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode(errors="replace")


def test_an_anonymised_leaver_leaves_no_name_or_email_anywhere(client_for, world, national_admin):
    person = world["person"]
    identifying = [FIRST, LAST, EMAIL, LOGIN_EMAIL, NUMBER]
    assert len(_columns_holding(identifying)) > 10  # the scan finds them before

    services.person_update(actor=world["same_org_hr_admin"], person=person, active=False)
    Person.objects.filter(pk=person.pk).update(left_on=date(2019, 1, 31))
    assert retention.sweep() == 1

    assert _columns_holding(identifying) == []
    person.refresh_from_db()
    login = User.objects.get(pk=world["same_org_manager"].pk)
    assert (person.first_name, person.employee_number) == ("Former", f"ANON-{person.pk}")
    assert not login.is_active and not login.has_usable_password() and login.email != LOGIN_EMAIL
    assert not login.role_assignments.exists()
    # Rows stay (the figures still add up), their free text does not.
    assert world["secondment"].__class__.objects.filter(person=person).exists()
    assert Notification.objects.filter(recipient=login).get().title == "[removed]"
    # Nor in any page, CSV or API answer a national admin can open, nor in their export.
    from tests.api.test_api_isolation import CASES as API_CASES
    from tests.test_isolation import CASES as PAGE_CASES

    client = client_for(national_admin)
    urls = [url(world) for kind, url in [*PAGE_CASES.values(), *API_CASES.values()] if kind != "action"]
    urls += [reverse("people_export"), reverse("api:person-list") + "?format=csv"]
    for url in urls:
        body = _body(client.get(url))
        for value in identifying:
            assert value.lower() not in body.lower(), f"{url} shows {value}"
    files = _export(client, person)
    for value in identifying:
        assert value.lower() not in "".join(files.values()).lower()


def test_anonymising_twice_changes_nothing_more(world):
    person = world["person"]
    services.person_update(actor=None, person=person, active=False)
    retention.person_anonymise(actor=None, person=person)
    before = Person.objects.filter(pk=person.pk).values().get()
    events = SecurityEvent.objects.count()
    retention.person_anonymise(actor=None, person=person)
    assert Person.objects.filter(pk=person.pk).values().get() == before
    assert SecurityEvent.objects.count() == events


def test_assessment_kind_is_unchanged_by_anonymising(world):
    """Structured values (kinds, statuses, scores) are kept, so dashboards still add up."""
    person = world["person"]
    services.person_update(actor=None, person=person, active=False)
    retention.person_anonymise(actor=None, person=person)
    assert Assessment.objects.filter(person=person, kind=Assessment.Kind.SELF).exists()
    assert PeopleImport.objects.filter(pk=world["import"].pk).get().row_errors == [
        {"row": 4, "message": "[removed] [removed] is a duplicate"}]


def test_a_namesakes_own_record_is_never_touched_by_the_mention_scrub(same_org):
    namesake = PersonFactory(organisation=same_org, first_name=FIRST, last_name=LAST, employee_number=NUMBER)
    retention.scrub_mentions([[f"{FIRST} {LAST}", NUMBER]])
    namesake.refresh_from_db()
    assert (namesake.first_name, namesake.last_name, namesake.employee_number) == (FIRST, LAST, NUMBER)
