"""`manage.py seed_demo`: the demo organisations, people and logins, and --people at scale."""

from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.db.models import Count, F
from pghistory.models import Context

from leadership import demo
from leadership.models import ManagementLevel, Organisation, Person, Role, RoleAssignment, User

pytestmark = pytest.mark.django_db
Kind = Organisation.Kind


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, int]:
    """Row counts of every table the seed writes, audit events included."""
    tracked = (Organisation, Person, RoleAssignment)
    return {
        **{m.__name__: m.objects.count() for m in (*tracked, User, EmailAddress, Context)},
        **{m.pgh_event_model.__name__: m.pgh_event_model.objects.count() for m in tracked},
    }


@pytest.fixture
def seeded():
    return seed()


def test_it_creates_the_seven_regions_under_nhs_england(seeded):
    regions = Organisation.objects.filter(kind=Kind.REGION)
    assert sorted(regions.values_list("ods_code", flat=True)) == [
        "Y56", "Y58", "Y59", "Y60", "Y61", "Y62", "Y63"
    ]
    assert set(regions.values_list("parent__ods_code", flat=True)) == {"X24"}
    assert Organisation.objects.get(ods_code="X24").kind == Kind.NATIONAL_BODY


def test_the_leadership_academy_sits_under_the_national_training_body(seeded):
    academy = Organisation.objects.get(name="NHS Leadership Academy")
    assert academy.kind == Kind.TRAINING_BODY
    assert academy.parent.ods_code == demo.TRAINING_BODY
    assert academy.parent.parent.ods_code == "X24"
    assert Organisation.objects.get(name="Care Quality Commission").kind == Kind.NATIONAL_BODY


def test_it_creates_42_icbs_including_the_demo_icb(seeded):
    icbs = Organisation.objects.filter(kind=Kind.ICB)
    assert icbs.count() == 42
    assert not icbs.filter(parent__kind__in=[k for k in Kind.values if k != Kind.REGION]).exists()
    assert icbs.get(ods_code="QDM").name == "NHS Demo Integrated Care Board"
    assert all(name.endswith("Integrated Care Board") for name in icbs.values_list("name", flat=True))


def test_dissolved_ccgs_are_succeeded_by_an_icb_in_their_region(seeded):
    ccgs = Organisation.objects.filter(kind=Kind.CCG).select_related("successor")
    assert 100 <= ccgs.count() <= 110
    for ccg in ccgs:
        assert not ccg.active
        assert str(ccg.dissolved_on) == "2022-07-01"
        assert ccg.successor.kind == Kind.ICB
        assert ccg.successor.parent_id == ccg.parent_id


def test_it_creates_about_200_trusts_under_icbs_with_both_demo_trusts_under_the_demo_icb(seeded):
    trusts = Organisation.objects.filter(kind__in=[Kind.NHS_TRUST, Kind.FOUNDATION_TRUST])
    assert 190 <= trusts.count() <= 215
    assert trusts.filter(kind=Kind.NHS_TRUST).exists()
    assert trusts.filter(kind=Kind.FOUNDATION_TRUST).exists()
    assert set(trusts.values_list("parent__kind", flat=True)) == {Kind.ICB}
    assert all(len(code) == 3 and code[0] == "R" for code in trusts.values_list("ods_code", flat=True))
    demo_icb_trusts = set(trusts.filter(parent__ods_code="QDM").values_list("ods_code", flat=True))
    assert {"RDM", "RDN"} <= demo_icb_trusts


@pytest.mark.parametrize(("email", "role", "ods_code"), [
    ("national.admin@demo.nhs.uk", Role.NATIONAL_ADMIN, "X24"),
    ("education.lead@demo.nhs.uk", Role.EDUCATION_LEAD, demo.TRAINING_BODY),
    ("hr.admin@demo.nhs.uk", Role.HR_ADMIN, "RDM"),
    ("board.secretary@demo.nhs.uk", Role.BOARD_SECRETARY, "RDM"),
    ("icb.viewer@demo.nhs.uk", Role.FOOTPRINT_VIEWER, "QDM"),
    ("other.hr.admin@demo.nhs.uk", Role.HR_ADMIN, "RDN"),
])
def test_each_demo_login_has_exactly_its_role(seeded, email, role, ods_code):
    user = User.objects.get(email=email)
    assert list(user.role_assignments.values_list("role", "organisation__ods_code")) == [
        (role, ods_code)
    ]


def test_demo_logins_share_the_published_password_and_a_verified_primary_email(seeded):
    users = User.objects.filter(email__endswith="@demo.nhs.uk")
    assert users.count() == 7
    assert len(set(users.values_list("password", flat=True))) == 1
    assert users.first().check_password(demo.DEMO_PASSWORD)
    for user in users:
        assert EmailAddress.objects.filter(user=user, email=user.email, verified=True,
                                           primary=True).exists()
    assert list(users.filter(is_staff=True).values_list("email", flat=True)) == [
        "national.admin@demo.nhs.uk"
    ]


def test_staff_logins_are_people_in_their_trusts(seeded):
    assert User.objects.get(email="hr.admin@demo.nhs.uk").person.organisation.ods_code == "RDM"
    assert User.objects.get(email="board.secretary@demo.nhs.uk").person.job_title == (
        "Trust Board Secretary"
    )
    assert User.objects.get(email="other.hr.admin@demo.nhs.uk").person.organisation.ods_code == (
        "RDN"
    )


def test_the_demo_manager_has_reports_who_manage_people_themselves(seeded):
    manager = User.objects.get(email="manager@demo.nhs.uk")
    assert not manager.role_assignments.exists()
    person = manager.person
    assert person.organisation.ods_code == "RDM"
    assert person.management_level == ManagementLevel.MIDDLE
    reports = person.reports.annotate(n=Count("reports"))
    assert reports.count() >= 4
    assert reports.filter(n__gt=0).exists()


def test_the_demo_trusts_have_a_whole_hierarchy_in_the_same_organisation(seeded):
    for ods_code, size in (("RDM", 600), ("RDN", 300)):
        # The staff in post: the appraisal demo adds one leaver to RDM (a withdrawn appraisal).
        people = Person.objects.filter(organisation__ods_code=ods_code, active=True)
        assert people.count() == size
        assert set(people.values_list("management_level", flat=True)) == set(ManagementLevel.values)
        chief = people.get(job_title="Chief Executive")
        assert chief.band == "vsm"
        assert chief.reports.filter(management_level=ManagementLevel.EXECUTIVE).count() >= 6
    assert 1900 <= Person.objects.count() <= 2100
    assert not Person.objects.exclude(line_manager=None).exclude(
        line_manager__organisation=F("organisation")).exists()
    assert Person.objects.exclude(sector_background="nhs").exists()
    assert Person.objects.filter(work_email__endswith="@rdm.demo.nhs.uk").count() == 600


def test_every_trust_has_a_chief_executive(seeded):
    trusts = Organisation.objects.filter(kind__in=[Kind.NHS_TRUST, Kind.FOUNDATION_TRUST])
    assert not trusts.exclude(people__job_title="Chief Executive").exists()


def test_a_second_run_adds_nothing_and_records_no_audit_events(seeded):
    before = snapshot()
    assert before["PersonEvent"] == before["Person"]
    output = seed()
    assert snapshot() == before
    assert "(0 added)" in output


def test_the_seed_is_recorded_as_a_command_in_the_audit_trail(seeded):
    person = Person.objects.get(user__email="hr.admin@demo.nhs.uk")
    event = Person.pgh_event_model.objects.get(pgh_obj=person)
    assert event.pgh_label == "insert"
    assert event.pgh_context.metadata == {"user": None, "source": "command"}


def test_it_refuses_to_run_in_production_without_the_flag(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        seed()
    assert not Organisation.objects.exists()
    assert not User.objects.exists()


def test_it_runs_in_production_when_explicitly_allowed(settings):
    settings.PRODUCTION = True
    seed("--allow-production")
    assert User.objects.filter(email="national.admin@demo.nhs.uk").exists()


def test_extra_people_have_line_managers_in_their_own_trust(seeded):
    before = Person.objects.count()
    output = seed("--people", "500")
    extra = Person.objects.filter(employee_number__startswith=demo.EXTRA_PREFIX)
    assert extra.count() == 500
    assert Person.objects.count() == before + 500
    assert not extra.filter(line_manager=None).exists()
    assert not extra.exclude(line_manager__organisation=F("organisation")).exists()
    assert extra.values("organisation").distinct().count() >= 190
    assert extra.filter(management_level=ManagementLevel.NONE).exists()
    assert extra.exclude(management_level=ManagementLevel.NONE).exists()
    assert Person.pgh_event_model.objects.filter(employee_number__startswith="X").count() == 500
    assert "500 extra synthetic people (500 added)" in output


def test_a_second_run_with_the_same_people_count_adds_nothing(seeded):
    seed("--people", "500")
    before = snapshot()
    seed("--people", "500")
    assert snapshot() == before


def test_a_larger_people_count_extends_a_smaller_one():
    seed("--people", "300")
    first = set(Person.objects.values_list("id", "employee_number", "first_name", "line_manager"))
    seed("--people", "450")
    after = set(Person.objects.values_list("id", "employee_number", "first_name", "line_manager"))
    assert first < after
    assert Person.objects.filter(employee_number__startswith="X").count() == 450


def test_the_demo_set_is_the_same_every_time():
    assert demo.organisations() == demo.organisations()
    assert demo.people() == demo.people()
    trusts = [("RAA", None), ("RAB", "20150001")]
    assert list(demo.extra_people(trusts, 40)) == list(demo.extra_people(trusts, 60))[:40]


def test_demo_administrators_are_enrolled_with_the_published_totp_secret(seeded):
    import pyotp
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    hr_admin = User.objects.get(email="hr.admin@demo.nhs.uk")
    totp = TOTP(Authenticator.objects.get(user=hr_admin, type=Authenticator.Type.TOTP))
    assert totp.validate_code(pyotp.TOTP(demo.DEMO_TOTP_SECRET).now())
    manager = User.objects.get(email="manager@demo.nhs.uk")
    assert not Authenticator.objects.filter(user=manager).exists()
