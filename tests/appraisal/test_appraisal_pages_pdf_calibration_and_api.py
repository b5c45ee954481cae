"""Pages, PDF, calibration audit, reminders, dashboard measures and the API, end to end."""

import base64
import contextlib
import re
import zlib
from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from appraisal import measures, reminders, selectors, services
from appraisal.models import Appraisal, CalibrationChange
from leadership.models import ManagementLevel, Notification, Person
from tests.appraisal.conftest import signed_off_appraisal, user_with_person_for
from tests.appraisal.factories import complete_appraisal_skills
from tests.factories import PersonFactory, user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def rita_user(same_org_manager):
    return user_with_person_for(Person.objects.get(first_name="Rita"))


@pytest.fixture
def draft(cycle, same_org_manager, rita_user):
    complete_appraisal_skills(same_org_manager.person)
    return services.appraisal_start(actor=same_org_manager, cycle=cycle, appraisee=rita_user.person)


def test_the_appraiser_agrees_objectives_through_the_page(client, client_for, draft, same_org_manager):
    client = client_for(same_org_manager)
    perspectives = list(draft.template.perspectives.all())
    for perspective in perspectives:
        response = client.post(
            reverse("appraisal:objective_new", args=[draft.public_id]),
            {
                "perspective": perspective.id,
                "title": f"Goal {perspective.name}",
                "measure": "M",
                "target": "T",
                "weight": 100,
            },
        )
        assert response.status_code == 302
    client.post(reverse("appraisal:appraisal_step", args=[draft.public_id]))
    draft.refresh_from_db()
    assert draft.state == Appraisal.State.OBJECTIVES_AGREED
    page = client.get(reverse("appraisal:appraisal_detail", args=[draft.public_id])).content.decode()
    assert "Write the self-review" in page


def test_a_stranger_in_the_same_organisation_gets_404(client_for, draft, same_org):
    stranger = user_with_person(same_org, first_name="Stan")
    assert (
        client_for(stranger).get(reverse("appraisal:appraisal_detail", args=[draft.public_id])).status_code
        == 404
    )


def test_the_signed_off_appraisal_downloads_as_a_pdf_with_the_appraisees_name(
    client_for, cycle, rita_user, same_org_manager, same_org_hr_admin
):
    appraisal = signed_off_appraisal(cycle, rita_user.person, same_org_manager.person)
    for user in (rita_user, same_org_hr_admin):
        response = client_for(user).get(reverse("appraisal:appraisal_pdf", args=[appraisal.public_id]))
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
    assert "Appraisal of Rita Report" in pdf_text(response.content)


def pdf_text(content: bytes) -> str:
    """The text drawn on the pages: each content stream inflated (no PDF library is a dependency)."""
    streams = re.findall(rb"stream\r?\n(.*?)endstream", content, re.DOTALL)
    text = []
    for stream in streams:
        stream = stream.strip()
        if stream.endswith(b"~>"):  # reportlab's ASCII85 layer over Flate
            stream = base64.a85decode(stream[:-2])
        with contextlib.suppress(zlib.error):
            stream = zlib.decompress(stream)
        text += [m.decode("latin-1") for m in re.findall(rb"\((.*?)\) Tj", stream)]
    return " ".join(text)


def test_calibration_changes_are_in_the_audit_trail_with_their_reason(
    cycle, same_org_manager, same_org_hr_admin, rita_user
):
    appraisal = signed_off_appraisal(cycle, rita_user.person, same_org_manager.person, rating=3)
    review = services.calibration_review_create(
        actor=same_org_hr_admin, cycle=cycle, held_on=date(2026, 6, 1)
    )
    services.calibration_change(
        actor=same_org_hr_admin,
        review=review,
        appraisal=appraisal,
        band="Exceeds",
        reason="Evidence of trust-wide impact not weighed.",
    )
    assert selectors.latest_band(rita_user.person) == "Exceeds"
    change = CalibrationChange.objects.get()
    assert (change.band_before, change.band_after) == ("Meets", "Exceeds")
    event = Events.objects.tracks(appraisal).filter(pgh_label="update").order_by("-pgh_id").first()
    assert event.pgh_context["reason"] == "Evidence of trust-wide impact not weighed."
    assert event.pgh_context["user"] == same_org_hr_admin.pk
    assert event.pgh_diff["calibrated_band"] == ["", "Exceeds"]


def test_calibration_highlights_an_appraiser_far_from_the_rest(cycle, same_org, same_org_hr_admin):
    lenient = PersonFactory(organisation=same_org, first_name="Lenny", last_name="Lenient")
    strict = PersonFactory(organisation=same_org, first_name="Stella", last_name="Strict")
    for _i in range(4):
        signed_off_appraisal(
            cycle, PersonFactory(organisation=same_org, line_manager=lenient), lenient, rating=4
        )
    for _i in range(8):
        signed_off_appraisal(
            cycle, PersonFactory(organisation=same_org, line_manager=strict), strict, rating=2
        )
    figures = selectors.calibration(same_org, cycle)
    by_appraiser = {row["label"]: row for row in figures["tables"][2]["rows"]}
    assert by_appraiser["Lenny Lenient"]["outlier"] is True
    assert by_appraiser["Lenny Lenient"]["counts"] == [4, 0, 0, 0]


def test_reminders_for_appraisals_not_started_and_steps_waiting(cycle, draft, same_org_manager, rita_user):
    with time_machine.travel(date(2027, 3, 10), tick=False):
        assert reminders.sweep() >= 2
        assert reminders.sweep() == 0  # the same reminders are never sent twice
    kinds = set(Notification.objects.filter(recipient=same_org_manager).values_list("kind", flat=True))
    assert {"appraisal_not_started", "appraisal_waiting"} <= kinds
    # The words and link are built in the sweep's SQL; they read as presenters and templates say.
    waiting = Notification.objects.get(recipient=same_org_manager, kind="appraisal_waiting")
    assert waiting.title == f"The appraisal of {draft.appraisee.full_name} is waiting for you"
    assert waiting.body == f"Agree the objectives: waiting since {draft.state_changed_at:%d %B %Y}."
    assert waiting.link == reverse("appraisal:appraisal_detail", args=[draft.public_id])
    assert waiting.key == (f"appraisal:{draft.id}:waiting:draft:{draft.state_changed_at:%Y%m%d%H%M%S}:"
                           f"{same_org_manager.pk}")


def test_the_dashboard_measures_count_completion_and_bands(
    cycle, same_org, same_org_manager, draft, rita_user
):
    lee = Person.objects.get(first_name="Lee")
    signed_off_appraisal(cycle, lee, same_org_manager.person, rating=4)
    rows = {(r.measure, r.dimension): (r.numerator, r.denominator) for r in measures.rows(date(2026, 7, 1))}
    assert rows[("appraisal_completion", "")] == (1, 2)
    assert rows[("appraisal_bands", "band:Exceeds")] == (1, None)


def test_the_appraisal_list_api_shows_summaries_without_free_text(
    api_for, same_org, cycle, same_org_manager, rita_user, django_assert_max_num_queries
):
    for _i in range(5):
        signed_off_appraisal(
            cycle,
            PersonFactory(organisation=same_org, line_manager=same_org_manager.person),
            same_org_manager.person,
        )
    api = api_for(same_org, ["appraisals:read"])
    with django_assert_max_num_queries(12):
        body = api.get(reverse("api:appraisal-list")).json()
    row = body["results"][0]
    assert row["overall_band"] == "Meets" and row["state"] == "signed_off"
    assert {p["perspective"] for p in row["perspective_scores"]} >= {"Patients and quality"}
    assert "self_review" not in row and "Self" not in str(body)


def test_the_api_needs_the_appraisals_scope(api_for, same_org):
    assert api_for(same_org, ["people:read"]).get(reverse("api:appraisal-list")).status_code == 403


def test_the_cycle_page_lists_appraisals_in_a_fixed_number_of_queries(
    client_for, cycle, same_org, same_org_hr_admin, same_org_manager, django_assert_max_num_queries
):
    for _i in range(10):
        signed_off_appraisal(
            cycle,
            PersonFactory(organisation=same_org, line_manager=same_org_manager.person),
            same_org_manager.person,
        )
    client = client_for(same_org_hr_admin)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("appraisal:cycle_detail", args=[cycle.public_id]))
    assert response.status_code == 200


def test_the_scorecard_shows_manual_measures_with_rag_next_to_portal_measures(
    client_for, same_org, same_org_hr_admin
):
    services.scorecard_measure_save(
        actor=same_org_hr_admin,
        organisation=same_org,
        period=timezone.localdate(),
        perspective="Finance and use of resources",
        name="Agency spend",
        target=100,
        actual=120,
        higher_is_better=False,
    )
    page = client_for(same_org_hr_admin).get(reverse("appraisal:scorecard", args=["RT1"])).content.decode()
    assert "Agency spend" in page and "Off target" in page
    assert "Appraisal completion rate" in page


def test_latest_band_is_none_without_a_signed_off_appraisal(same_org):
    assert (
        selectors.latest_band(PersonFactory(organisation=same_org, management_level=ManagementLevel.NONE))
        is None
    )


def test_a_draft_older_than_two_weeks_reminds_the_appraiser_only(cycle, draft, same_org_manager, rita_user):
    Appraisal.objects.filter(pk=draft.pk).update(state_changed_at=timezone.now() - timedelta(days=15))
    reminders.sweep()
    assert Notification.objects.filter(kind="appraisal_waiting", recipient=same_org_manager).exists()
    assert not Notification.objects.filter(kind="appraisal_waiting", recipient=rita_user).exists()
