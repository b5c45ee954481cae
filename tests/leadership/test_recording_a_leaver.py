"""Recording a leaver: an HR admin records a person's last day on one page. Their login, cycles, pool
memberships and appraisals close with the reason, their reports and appraisal duties pass to the people
chosen, and every refusal is a form error that saves nothing."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pghistory.models import Events

from appraisal.models import Appraisal
from leadership.models import ActionCycle, ManagementLevel, Person, SecurityEvent
from talentpool.models import MembershipDecision, PoolMembership
from tests.appraisal.factories import AppraisalCycleFactory, AppraisalFactory, complete_appraisal_skills
from tests.development.factories import ActionCycleFactory
from tests.factories import PersonFactory
from tests.sign_in import assert_sent_to_sign_in, post_sign_in
from tests.talentpool.factories import PoolMembershipFactory, TalentPoolFactory

pytestmark = pytest.mark.django_db

REASON = "Moved to another trust"


@pytest.fixture
def world(same_org, same_org_manager):
    """Morgan (a manager with a login) leaves: Lee and Rita report to Morgan, who has a cycle, a pool
    place and an appraisal of their own, appraises Rita and countersigns Lee's appraisal."""
    cache.clear()  # sign-in rate limits
    morgan = same_org_manager.person
    boss = PersonFactory(organisation=same_org, first_name="Bea", last_name="Boss",
                         management_level=ManagementLevel.SENIOR)
    morgan.line_manager = boss
    morgan.save(update_fields=["line_manager"])
    complete_appraisal_skills(boss)  # Bea takes over Morgan's appraising (R11: trained appraisers only)
    lee = Person.objects.get(first_name="Lee", organisation=same_org)
    rita = Person.objects.get(first_name="Rita", organisation=same_org)
    cycle = AppraisalCycleFactory(organisation=same_org)
    return {
        "morgan": morgan, "boss": boss, "lee": lee, "rita": rita,
        "colleague": PersonFactory(organisation=same_org, first_name="Cal", last_name="Colleague"),
        "own_appraisal": AppraisalFactory(cycle=cycle, appraisee=morgan, appraiser=boss),
        "appraising": AppraisalFactory(cycle=cycle, appraisee=rita, appraiser=morgan),
        "countersigning": AppraisalFactory(cycle=cycle, appraisee=lee, appraiser=boss, countersigner=morgan),
        "action_cycle": ActionCycleFactory(person=morgan),
        "membership": PoolMembershipFactory(pool=TalentPoolFactory(owner=same_org), person=morgan),
    }


def _choices(w, **changes):
    data = {
        "last_day": timezone.localdate().isoformat(), "reason": REASON,
        f"line_manager_{w['lee'].public_id.hex}": w["boss"].pk,
        f"line_manager_{w['rita'].public_id.hex}": w["lee"].pk,
        f"appraiser_{w['appraising'].public_id.hex}": w["boss"].pk,
        f"countersigner_{w['countersigning'].public_id.hex}": w["colleague"].pk,
    }
    return {**data, **changes}


def _leave_url(person):
    return reverse("person_leave", args=[person.public_id])


def _stored(w):
    """Everything a leaving may change, as stored."""
    return (list(Person.objects.order_by("pk").values()), list(Appraisal.objects.order_by("pk").values()),
            list(ActionCycle.objects.order_by("pk").values()),
            list(PoolMembership.objects.order_by("pk").values()), w["morgan"].user.__class__.objects.get(
                pk=w["morgan"].user_id).is_active)


def test_an_hr_admin_records_a_leaver_through_the_page(client_for, same_org_hr_admin, world):
    w, morgan = world, world["morgan"]
    morgans_browser = Client()
    morgans_browser.force_login(morgan.user)
    client = client_for(same_org_hr_admin)
    detail = client.get(reverse("person_detail", args=[morgan.public_id])).content.decode()
    assert _leave_url(morgan) in detail
    page = client.get(_leave_url(morgan)).content.decode()
    assert "Record that Morgan Manager has left" in page
    assert "New line manager for Lee Lead" in page and "New line manager for Rita Report" in page
    assert "New appraiser for Rita Report&#x27;s appraisal (2026/27)" in page
    assert "New countersigning manager for Lee Lead&#x27;s appraisal (2026/27)" in page

    response = client.post(_leave_url(morgan), _choices(w))

    assert response.status_code == 302 and response.url == reverse("person_detail", args=[morgan.public_id])
    morgan.refresh_from_db()
    assert (morgan.active, morgan.left_on) == (False, timezone.localdate())
    assert not morgan.user.is_active
    assert SecurityEvent.objects.filter(kind="user_deactivated", user=morgan.user,
                                        actor=same_org_hr_admin).exists()
    w["lee"].refresh_from_db(), w["rita"].refresh_from_db()
    assert (w["lee"].line_manager, w["rita"].line_manager) == (w["boss"], w["lee"])
    w["action_cycle"].refresh_from_db()
    assert w["action_cycle"].status == "closed" and REASON in w["action_cycle"].review_summary
    w["membership"].refresh_from_db()
    assert w["membership"].status == PoolMembership.Status.LAPSED
    assert MembershipDecision.objects.get(membership=w["membership"]).reason.endswith(REASON)
    own = Appraisal.objects.get(pk=w["own_appraisal"].pk)
    assert (own.state, own.withdrawn_reason) == ("withdrawn", REASON) and own.withdrawn_at is not None
    assert Appraisal.objects.get(pk=w["appraising"].pk).appraiser == w["boss"]
    assert Appraisal.objects.get(pk=w["countersigning"].pk).countersigner == w["colleague"]
    # Audited under the HR admin, with the reason.
    leaving = Events.objects.tracks(morgan).filter(pgh_label="update").latest("pgh_id")
    assert leaving.pgh_context["user"] == same_org_hr_admin.pk and leaving.pgh_context["reason"] == REASON
    for appraisal in (own, w["appraising"], w["countersigning"]):
        assert Events.objects.tracks(appraisal).filter(pgh_label="update").latest(
            "pgh_id").pgh_context["user"] == same_org_hr_admin.pk
    # The person page no longer offers it; the login is out and cannot come back.
    detail = client.get(reverse("person_detail", args=[morgan.public_id])).content.decode()
    assert _leave_url(morgan) not in detail
    assert_sent_to_sign_in(morgans_browser.get(reverse("home")))
    fresh = Client()
    post_sign_in(fresh, morgan.user.email)
    assert "_auth_user_id" not in fresh.session


def test_a_leaver_without_reports_or_duties_is_one_date_and_a_reason(client_for, same_org_hr_admin, same_org):
    person = PersonFactory(organisation=same_org, first_name="Solo", last_name="Starter")
    client = client_for(same_org_hr_admin)
    assert "Nobody reports to Solo Starter." in client.get(_leave_url(person)).content.decode()
    response = client.post(_leave_url(person), {"last_day": timezone.localdate().isoformat(),
                                                "reason": "Retired"})
    assert response.status_code == 302
    assert not Person.objects.get(pk=person.pk).active


@pytest.mark.parametrize("case, field, error", [
    ("before the record began", "last_day", "The last day cannot be before their record began"),
    ("far in the future", "last_day", "The last day must be within a year from today."),
    ("no reason", "reason", "This field is required."),
    ("manager elsewhere", "line_manager_{lee}", "Select a valid choice."),
    ("the leaver as manager", "line_manager_{lee}", "Select a valid choice."),
    ("reports made each other's managers", "line_manager_{rita}",
     "A person cannot report to someone who reports to them."),
    ("appraiser elsewhere", "appraiser_{appraising}", "Select a valid choice."),
    ("the appraisee appraising themselves", "appraiser_{appraising}",
     "Choose an appraiser in the organisation other than the appraisee."),
    ("no countersigner", "countersigner_{countersigning}", "Choose who takes this over."),
])
def test_a_leaving_that_breaks_a_rule_is_a_form_error_and_changes_nothing(
        client_for, same_org_hr_admin, other_org, world, case, field, error):
    w = world
    today = timezone.localdate()
    stranger = PersonFactory(organisation=other_org)
    changes = {
        "before the record began": {"last_day": (today - timedelta(days=1)).isoformat()},
        "far in the future": {"last_day": (today + timedelta(days=400)).isoformat()},
        "no reason": {"reason": ""},
        "manager elsewhere": {f"line_manager_{w['lee'].public_id.hex}": stranger.pk},
        "the leaver as manager": {f"line_manager_{w['lee'].public_id.hex}": w["morgan"].pk},
        "reports made each other's managers": {f"line_manager_{w['rita'].public_id.hex}": w["lee"].pk,
                                               f"line_manager_{w['lee'].public_id.hex}": w["rita"].pk},
        "appraiser elsewhere": {f"appraiser_{w['appraising'].public_id.hex}": stranger.pk},
        "the appraisee appraising themselves": {f"appraiser_{w['appraising'].public_id.hex}": w["rita"].pk},
        "no countersigner": {f"countersigner_{w['countersigning'].public_id.hex}": ""},
    }[case]
    field = field.format(lee=w["lee"].public_id.hex, rita=w["rita"].public_id.hex,
                         appraising=w["appraising"].public_id.hex,
                         countersigning=w["countersigning"].public_id.hex)
    before = _stored(w)
    response = client_for(same_org_hr_admin).post(_leave_url(w["morgan"]), _choices(w, **changes))
    html = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in html
    assert f'id="id_{field}-error"' in html and escape(error) in html
    assert _stored(w) == before


def test_a_person_who_already_left_cannot_leave_again(client_for, same_org_hr_admin, world):
    client = client_for(same_org_hr_admin)
    assert client.post(_leave_url(world["morgan"]), _choices(world)).status_code == 302
    before = _stored(world)
    response = client.post(_leave_url(world["morgan"]), _choices(world))
    assert response.status_code == 200 and "Morgan Manager has already left" in response.content.decode()
    assert _stored(world) == before


def test_another_organisations_hr_admin_gets_not_found(client_for, other_org_hr_admin, world):
    client = client_for(other_org_hr_admin)
    assert client.get(_leave_url(world["morgan"])).status_code == 404
    assert client.post(_leave_url(world["morgan"]), _choices(world)).status_code == 404
    assert Person.objects.get(pk=world["morgan"].pk).active


def test_a_line_manager_cannot_record_their_report_as_a_leaver(client_for, same_org_manager):
    lee = Person.objects.get(first_name="Lee", organisation=same_org_manager.person.organisation)
    assert client_for(same_org_manager).get(_leave_url(lee)).status_code == 404
