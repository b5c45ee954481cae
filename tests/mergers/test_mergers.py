"""A national admin records that trust A was dissolved into trust B: a confirmation page shows what will
change; then A closes with B as its successor, its staff move (or wait for the next ESR import), its API
clients are revoked, A's history reads under B, and B's dashboard adds A's past quarters."""

from datetime import date

import pytest
from django.urls import reverse
from pghistory.models import Events

from dashboards import selectors as dashboard_selectors
from dashboards.models import MeasureValue
from leadership.api_clients import api_client_create
from leadership.mergers import services
from leadership.models import ApiClient, Organisation, OrganisationMerger, Person, Role
from tests.factories import OrganisationFactory, PersonFactory, user_with_person
from tests.isolation_registry import table_fingerprints

pytestmark = pytest.mark.django_db
DISSOLVED_ON = date(2025, 4, 1)


@pytest.fixture
def trusts():
    icb = OrganisationFactory(ods_code="QM1", kind=Organisation.Kind.ICB)
    a = OrganisationFactory(ods_code="RA1", name="Alpha Hospitals NHS Trust", parent=icb)
    b = OrganisationFactory(ods_code="RB1", name="Beta Hospitals NHS Trust", parent=icb)
    return a, b


def _details(a, b, move="move", reason="Secretary of State's order"):
    return {"predecessor": a.ods_code, "successor": b.ods_code, "dissolved_on": DISSOLVED_ON.isoformat(),
            "move_people": move, "reason": reason}


def test_the_confirmation_page_shows_what_will_change_and_then_it_is_done(client_for, national_admin, trusts):
    a, b = trusts
    people = [PersonFactory(organisation=a) for _ in range(3)]
    client_a = api_client_create(actor=None, organisation=a, scopes=["people:read"], name="A's mirror")[0]
    client = client_for(national_admin)
    url = reverse("merger_new")
    before = table_fingerprints()
    confirm = client.post(url, _details(a, b)).content.decode()
    assert "Check what will change" in confirm and "3 move to Beta Hospitals NHS Trust now" in confirm
    assert "1 of Alpha Hospitals NHS Trust" in confirm
    unconfirmed = client.post(url, {**_details(a, b), "confirming": "1"}).content.decode()
    assert "Confirm to record the merger" in unconfirmed
    assert table_fingerprints() == before  # nothing is written until it is confirmed
    done = client.post(url, {**_details(a, b), "confirming": "1", "confirm": "on"})
    merger = OrganisationMerger.objects.get()
    assert done.status_code == 302 and done.url == reverse("merger_detail", args=[merger.public_id])
    a.refresh_from_db()
    assert (a.active, a.dissolved_on, a.successor) == (False, DISSOLVED_ON, b)
    assert set(Person.objects.filter(organisation=b)) == set(people)
    assert ApiClient.objects.get(id=client_a.id).revoked_at is not None
    assert (merger.people_moved, merger.api_clients_revoked) == (3, 1)
    update = Events.objects.tracks(a).filter(pgh_label="update").latest("pgh_id")
    assert update.pgh_context["user"] == national_admin.pk
    assert update.pgh_context["reason"] == "Secretary of State's order"


def test_left_for_the_next_import_the_staff_stay_but_read_under_the_successor(client_for, national_admin,
                                                                              trusts):
    a, b = trusts
    ann = PersonFactory(organisation=a, first_name="Annika", last_name="Alpha")
    b_admin = user_with_person(b, role=Role.HR_ADMIN)
    assert client_for(b_admin).get(reverse("person_detail", args=[ann.public_id])).status_code == 404
    services.organisation_merge(actor=national_admin, predecessor=a, successor=b, dissolved_on=DISSOLVED_ON,
                                move_people=False, reason="Merged")
    ann.refresh_from_db()
    assert ann.organisation == a
    b_admin = type(b_admin).objects.get(pk=b_admin.pk)  # a fresh request reads grants again
    assert client_for(b_admin).get(reverse("person_detail", args=[ann.public_id])).status_code == 200
    assert "Annika" in client_for(b_admin).get(reverse("people_list")).content.decode()


def test_a_merger_that_breaks_a_rule_is_a_form_error_and_writes_nothing(client_for, national_admin, trusts):
    a, b = trusts
    icb = a.parent
    client = client_for(national_admin)
    before = table_fingerprints()
    into_itself = client.post(reverse("merger_new"), _details(a, a)).content.decode()
    assert "cannot succeed itself" in into_itself
    into_footprint = client.post(reverse("merger_new"), _details(a, icb)).content.decode()
    assert "A trust is succeeded by a trust" in into_footprint
    no_reason = client.post(reverse("merger_new"), _details(a, b, reason=" ")).content.decode()
    assert "nhsuk-error-summary" in no_reason
    unknown = client.post(reverse("merger_new"), {**_details(a, b), "predecessor": "ZZZ"}).content.decode()
    assert "No open organisation has the ODS code ZZZ" in unknown
    assert table_fingerprints() == before


def test_a_clash_of_employee_numbers_refuses_the_move(national_admin, trusts):
    a, b = trusts
    PersonFactory(organisation=a, employee_number="E100")
    PersonFactory(organisation=b, employee_number="E100")
    with pytest.raises(Exception, match="E100"):
        services.organisation_merge(actor=national_admin, predecessor=a, successor=b,
                                    dissolved_on=DISSOLVED_ON, move_people=True, reason="Merged")
    a.refresh_from_db()
    assert a.active


def test_only_a_national_admin_records_a_merger(client_for, trusts):
    a, b = trusts
    b_admin = user_with_person(b, role=Role.HR_ADMIN)
    assert client_for(b_admin).post(reverse("merger_new"), _details(a, b)).status_code == 404
    with pytest.raises(Exception, match="national admins"):
        services.organisation_merge(actor=b_admin, predecessor=a, successor=b, dissolved_on=DISSOLVED_ON,
                                    move_people=True, reason="Mine now")


def test_the_successors_dashboard_adds_the_dissolved_trusts_past_quarters(national_admin, trusts):
    a, b = trusts
    past, now = date(2024, 10, 1), date(2025, 4, 1)
    slug = "managers"
    for organisation, period, value in [(a, past, 30), (b, past, 20), (b, now, 55)]:
        MeasureValue.objects.create(organisation=organisation, period=period, measure=slug, numerator=value)
    services.organisation_merge(actor=national_admin, predecessor=a, successor=b, dissolved_on=DISSOLVED_ON,
                                move_people=True, reason="Merged")
    assert dashboard_selectors.own_footprint(b) == sorted([a.id, b.id])
    summed = dashboard_selectors.totals(past, dashboard_selectors.own_footprint(b))
    assert summed[(slug, "")][0] == 50  # A's 30 and B's 20 in the quarter before the merger
    assert dashboard_selectors.totals(now, dashboard_selectors.own_footprint(b))[(slug, "")][0] == 55
