"""Data-sharing agreements: the trust's HR admin records and revokes them on the organisation page, the
ICB's API-client page lists them, every change is audited, and a footprint viewer in the browser follows
the same rule as the ICB's API client (leadership.access.personal_reach)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from pghistory.models import Events

from leadership import access, services
from leadership.models import Action, ActionCycle, CheckIn, DataSharingAgreement, Organisation, Role
from tests import isolation_registry
from tests.factories import OrganisationFactory, RoleAssignmentFactory, UserFactory, user_with_person

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True)
def noon():
    with time_machine.travel(f"{TODAY.isoformat()} 12:00:00+01:00", tick=True):
        yield


@pytest.fixture
def icb_viewer(icb):
    viewer = UserFactory(email="viewer@icb.nhs.uk")
    RoleAssignmentFactory(user=viewer, organisation=icb, role=Role.FOOTPRINT_VIEWER)
    return viewer


@pytest.fixture
def icb_hr_admin(icb):
    return user_with_person(icb, role=Role.HR_ADMIN, first_name="Ina", last_name="Icbadmin")


def _form(**changes):
    data = {"footprint": "QT1", "scopes": ["appraisals:read", "people:read"], "valid_from": "2026-06-01",
            "valid_until": "", "agreed_by_name": "Casey Guardian, Caldicott Guardian"}
    return {**data, **changes}


def _agree(actor, trust, footprint,
           scopes=("people:read", "appraisals:read", "training:read", "talent:read", "development:read"),
           **dates):
    return services.sharing_agreement_record(
        actor=actor, trust=trust, footprint=footprint, scopes=list(scopes),
        valid_from=dates.get("valid_from", TODAY - timedelta(days=30)), valid_until=dates.get("valid_until"),
        agreed_by_name="Casey Guardian")


def test_the_trusts_hr_admin_records_an_agreement_on_the_organisation_page(client_for, same_org_hr_admin,
                                                                         same_org, icb):
    client = client_for(same_org_hr_admin)
    page = client.get(reverse("organisation_detail", args=["RT1"])).content.decode()
    assert "Data-sharing agreements" in page and reverse("sharing_agreement_new", args=["RT1"]) in page
    response = client.post(reverse("sharing_agreement_new", args=["RT1"]), _form())
    assert response.status_code == 302
    agreement = DataSharingAgreement.objects.get()
    assert (agreement.trust, agreement.footprint, agreement.agreed_by) == (same_org, icb, same_org_hr_admin)
    assert agreement.scopes == ["appraisals:read", "people:read"]
    assert "Casey Guardian" in client.get(reverse("organisation_detail", args=["RT1"])).content.decode()


@pytest.mark.parametrize(("changes", "field"), [
    ({"valid_until": "2026-05-31"}, "valid_until"),
    ({"scopes": ["dashboards:read"]}, "scopes"),
    ({"scopes": []}, "scopes"),
    ({"footprint": "QX9"}, "footprint"),
    ({"footprint": "RT9"}, "footprint"),
    ({"agreed_by_name": "  "}, "agreed_by_name"),
    ({"valid_from": "31/02/2026"}, "valid_from"),
])
def test_a_bad_agreement_is_refused_with_a_clear_error_and_nothing_changes(client_for, same_org_hr_admin,
                                                                           other_org, changes, field):
    OrganisationFactory(ods_code="QX9", name="Another ICB", kind=Organisation.Kind.ICB)
    response = client_for(same_org_hr_admin).post(reverse("sharing_agreement_new", args=["RT1"]),
                                                  _form(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors.get(field), response.context["form"].errors
    assert not DataSharingAgreement.objects.exists()


def test_the_service_refuses_a_footprint_not_above_the_trust_and_a_non_trust(same_org_hr_admin, same_org,
                                                                            icb):
    elsewhere = OrganisationFactory(ods_code="QX9", kind=Organisation.Kind.ICB)
    with pytest.raises(Exception, match="part of"):
        _agree(same_org_hr_admin, same_org, elsewhere)
    national = UserFactory()
    RoleAssignmentFactory(user=national, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    with pytest.raises(Exception, match="Only a trust"):
        _agree(national, icb, OrganisationFactory(ods_code="Y99", kind=Organisation.Kind.REGION))
    assert not DataSharingAgreement.objects.exists()


def test_the_icb_cannot_record_or_revoke_an_agreement_for_the_trust(client_for, icb_hr_admin,
                                                                    same_org_hr_admin, same_org, icb):
    agreement = _agree(same_org_hr_admin, same_org, icb)
    client = client_for(icb_hr_admin)
    assert client.get(reverse("sharing_agreement_new", args=["RT1"])).status_code == 404
    assert client.post(reverse("sharing_agreement_revoke", args=[agreement.public_id])).status_code == 404
    agreement.refresh_from_db()
    assert agreement.revoked_at is None


def test_a_national_admin_may_record_for_any_trust(same_org, icb):
    national = UserFactory()
    RoleAssignmentFactory(user=national, role=Role.NATIONAL_ADMIN, organisation=OrganisationFactory(
        ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY))
    assert _agree(national, same_org, icb).agreed_by == national


def test_the_icbs_api_client_page_lists_every_agreement_and_its_revocation(client_for, icb_hr_admin,
                                                                           same_org_hr_admin, same_org, icb):
    agreement = _agree(same_org_hr_admin, same_org, icb)
    client_for(same_org_hr_admin).post(reverse("sharing_agreement_revoke", args=[agreement.public_id]))
    page = client_for(icb_hr_admin).get(reverse("api_client_list", args=["QT1"])).content.decode()
    assert "Same Hospitals NHS Trust" in page and "Casey Guardian" in page
    assert "Revoked" in page and same_org_hr_admin.email in page


def test_revoking_is_audited_and_happens_once(client_for, same_org_hr_admin, same_org, icb):
    agreement = _agree(same_org_hr_admin, same_org, icb)
    client = client_for(same_org_hr_admin)
    assert client.post(reverse("sharing_agreement_revoke", args=[agreement.public_id])).status_code == 302
    agreement.refresh_from_db()
    first = agreement.revoked_at
    assert first is not None and agreement.revoked_by == same_org_hr_admin
    client.post(reverse("sharing_agreement_revoke", args=[agreement.public_id]))
    agreement.refresh_from_db()
    assert agreement.revoked_at == first
    events = Events.objects.tracks(agreement).order_by("pgh_created_at")
    assert [e.pgh_label for e in events] == ["insert", "update"]
    assert events.last().pgh_context["user"] == same_org_hr_admin.pk


# A footprint viewer in the browser: the same rule as the ICB's API client.


@pytest.fixture
def world(same_org, same_org_hr_admin, same_org_manager):
    return isolation_registry.build_world({"same_org": same_org, "same_org_hr_admin": same_org_hr_admin,
                                           "same_org_manager": same_org_manager})


def _pages(world):
    return {
        "person": reverse("person_detail", args=[world["same_org_manager"].person.public_id]),
        "appraisal": reverse("appraisal:appraisal_detail", args=[world["appraisal_signed"].public_id]),
        "training": reverse("training:person_training", args=[world["same_org_manager"].person.public_id]),
        "trainee": reverse("talentpool:trainee_detail", args=[world["trainee"].public_id]),
        "secondment": reverse("talentpool:secondment_detail", args=[world["secondment"].public_id]),
        "development": reverse("development:person_development",
                               args=[world["same_org_manager"].person.public_id]),
        "cycle": reverse("development:cycle_detail", args=[world["cycle"].public_id]),
        "360 round": reverse("development:feedback_round", args=[world["feedback_round"].public_id]),
    }


def _opens(client, world) -> set[str]:
    return {name for name, url in _pages(world).items() if client.get(url).status_code == 200}


@pytest.mark.parametrize("case", ["none", "agreement", "expired", "revoked"])
def test_a_footprint_viewer_reads_a_trusts_staff_records_only_under_an_agreement_in_force(
        client_for, icb_viewer, world, same_org_hr_admin, same_org, icb, case):
    if case != "none":
        # The world's own agreement (appraisals only) is the isolation walk's: ours replaces it.
        DataSharingAgreement.objects.all().delete()
        agreement = _agree(same_org_hr_admin, same_org, icb, **(
            {"valid_from": TODAY - timedelta(days=90), "valid_until": TODAY - timedelta(days=1)}
            if case == "expired" else {}))
        if case == "revoked":
            services.sharing_agreement_revoke(actor=same_org_hr_admin, agreement=agreement)
    else:
        DataSharingAgreement.objects.all().delete()
    client = client_for(icb_viewer)
    expected = set(_pages(world)) if case == "agreement" else set()
    assert _opens(client, world) == expected
    people = client.get(reverse("people_list")).content.decode()
    assert ("Morgan" in people) == (case == "agreement")
    member = reverse("talentpool:membership_detail", args=[world["talent_member"].public_id])
    assert client.get(member).status_code == 404  # no consent: never outside the trust
    if case != "agreement":
        person_page = client.get(reverse("person_detail", args=[world["same_org_manager"].person.public_id]))
        assert person_page.status_code == 404


def test_a_footprint_viewers_agreement_covers_only_its_areas(client_for, icb_viewer, world, same_org_hr_admin,
                                                             same_org, icb):
    DataSharingAgreement.objects.all().delete()
    _agree(same_org_hr_admin, same_org, icb, scopes=["appraisals:read"])
    assert _opens(client_for(icb_viewer), world) == {"appraisal"}
    assert access.personal_reach(icb_viewer, "training:read").ids == frozenset()


def test_people_records_alone_do_not_open_a_persons_training(client_for, icb_viewer, world, same_org_hr_admin,
                                                           same_org, icb):
    DataSharingAgreement.objects.all().delete()
    _agree(same_org_hr_admin, same_org, icb, scopes=["people:read"])
    assert _opens(client_for(icb_viewer), world) == {"person"}
    morgan = world["same_org_manager"].person
    training = reverse("training:person_training", args=[morgan.public_id])
    page = client_for(icb_viewer).get(reverse("person_detail", args=[morgan.public_id])).content.decode()
    assert training not in page  # the person page links only to what the viewer may open
    assert training in client_for(same_org_hr_admin).get(
        reverse("person_detail", args=[morgan.public_id])).content.decode()


def test_an_agreed_footprint_viewer_reads_development_but_cannot_work_on_it(client_for, icb_viewer, world,
                                                                          same_org_hr_admin, same_org, icb):
    DataSharingAgreement.objects.all().delete()
    _agree(same_org_hr_admin, same_org, icb, scopes=["people:read", "development:read"])
    client = client_for(icb_viewer)
    morgan, cycle, action = world["same_org_manager"].person, world["cycle"], world["action"]
    person_page = client.get(reverse("person_detail", args=[morgan.public_id])).content.decode()
    assert reverse("development:person_development", args=[morgan.public_id]) in person_page
    overview = client.get(reverse("development:person_development", args=[morgan.public_id])).content.decode()
    assert "Hold harder conversations" in overview
    assert reverse("development:need_new", args=[morgan.public_id]) not in overview
    cycle_page = client.get(reverse("development:cycle_detail", args=[cycle.public_id])).content.decode()
    assert "Shadow a senior colleague" in cycle_page
    assert reverse("development:action_new", args=[cycle.public_id]) not in cycle_page
    assert reverse("development:action_edit", args=[action.public_id]) not in cycle_page
    assert reverse("development:cycle_review", args=[cycle.public_id]) not in cycle_page
    writes = {
        reverse("development:need_new", args=[morgan.public_id]): {"description": "Viewer's need"},
        reverse("development:rate_person", args=[morgan.public_id]): {},
        reverse("development:action_new", args=[cycle.public_id]): {"title": "Viewer's action",
                                                                     "due_on": "2026-07-01"},
        reverse("development:action_edit", args=[action.public_id]): {
            "title": "Changed", "due_on": "2026-07-01", "status": "done"},
        reverse("development:action_delete", args=[action.public_id]): {"confirm": "on"},
        reverse("development:cycle_review", args=[cycle.public_id]): {"reflection": "x", "next_focus": "y"},
        reverse("development:check_in", args=[cycle.public_id, 30]): {"progress": "Viewer's note"},
    }
    before = _development_rows(morgan)
    for url, data in writes.items():
        assert client.post(url, data).status_code == 404, url
    assert _development_rows(morgan) == before
    # The trust's own HR admin still works on it.
    own = client_for(same_org_hr_admin).get(
        reverse("development:person_development", args=[morgan.public_id]))
    assert reverse("development:need_new", args=[morgan.public_id]) in own.content.decode()


def _development_rows(person):
    return (list(person.development_plan.needs.values_list("description", "status").order_by("id")),
            list(Action.objects.filter(cycle__person=person).values_list("title", "status", "due_on")
                 .order_by("id")),
            list(ActionCycle.objects.filter(person=person).values_list("status", "focus").order_by("id")),
            list(CheckIn.objects.filter(cycle__person=person).values_list("progress").order_by("id")))
