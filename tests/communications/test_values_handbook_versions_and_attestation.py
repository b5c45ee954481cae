"""The values handbook: national admins draft and publish versions; a new version asks every manager to
read and attest again; a published version never changes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from communications.handbook import services
from communications.models import HandbookValue, HandbookVersion, ValuesAttestation
from leadership import todo

pytestmark = pytest.mark.django_db

SIX_VALUES = [
    "Working together for patients",
    "Respect and dignity",
    "Commitment to quality of care",
    "Compassion",
    "Improving lives",
    "Everyone counts",
]


def _attest_todos(user):
    return [item for item in todo.todos(user) if "values handbook" in item.text]


def test_the_first_draft_holds_the_six_nhs_constitution_values_with_a_text_for_every_level(national_admin):
    draft = services.handbook_draft_start(actor=national_admin)
    values = list(draft.values.all())
    assert [v.name for v in values] == SIX_VALUES
    for value in values:
        assert set(value.meanings) == {"first_line", "middle", "senior", "executive", "board"}
        assert all(text.strip() for text in value.meanings.values())


def test_a_national_admin_edits_the_draft_and_publishes_it(client_for, national_admin):
    client = client_for(national_admin)
    assert client.post(reverse("communications:handbook_versions")).status_code == 302
    draft = HandbookVersion.objects.get(status="draft")
    meanings = {
        f"meaning_{lvl}": f"Text for {lvl}"
        for lvl in ("first_line", "middle", "senior", "executive", "board")
    }
    url = reverse("communications:handbook_value_edit", args=[draft.public_id, 4])
    response = client.post(url, {"summary": "Kindness in every contact.", **meanings})
    assert response.status_code == 302
    compassion = HandbookValue.objects.get(version=draft, position=4)
    assert (
        compassion.summary == "Kindness in every contact."
        and compassion.meanings["board"] == "Text for board"
    )
    response = client.post(
        reverse("communications:handbook_publish", args=[draft.public_id]),
        {"change_note": "Compassion reworded", "confirm": "on"},
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_by == national_admin


def test_a_value_without_a_text_for_every_level_is_a_form_error_and_nothing_changes(
    client_for, national_admin
):
    draft = services.handbook_draft_start(actor=national_admin)
    before = HandbookValue.objects.get(version=draft, position=1).meanings
    response = client_for(national_admin).post(
        reverse("communications:handbook_value_edit", args=[draft.public_id, 1]),
        {"summary": "Changed", "meaning_first_line": "Only one level"},
    )
    assert response.status_code == 200 and b"nhsuk-error-summary" in response.content
    value = HandbookValue.objects.get(version=draft, position=1)
    assert value.meanings == before and value.summary != "Changed"


def test_a_published_version_cannot_change(national_admin, handbook):
    value = handbook.values.first()
    with pytest.raises(ValidationError):
        services.handbook_value_update(
            actor=national_admin,
            value=value,
            summary="Rewritten",
            meanings=dict.fromkeys(value.meanings, "x"),
        )
    with pytest.raises(ValidationError):
        services.handbook_publish(actor=national_admin, version=handbook, change_note="Again")


def test_only_national_admins_open_the_version_pages(client_for, same_org_hr_admin, handbook):
    client = client_for(same_org_hr_admin)
    assert client.get(reverse("communications:handbook_versions")).status_code == 404
    assert client.post(reverse("communications:handbook_versions")).status_code == 404
    assert not HandbookVersion.objects.filter(status="draft").exists()


def test_a_manager_is_asked_to_attest_until_they_do(client_for, same_org_manager, handbook):
    assert len(_attest_todos(same_org_manager)) == 1
    client = client_for(same_org_manager)
    assert b"Read version 1 of the NHS values handbook" in client.get(reverse("home")).content
    response = client.post(reverse("communications:handbook"), {"confirm": "on"})
    assert response.status_code == 302
    attestation = ValuesAttestation.objects.get(person=same_org_manager.person)
    assert attestation.version == handbook and attestation.source == "attested"
    assert _attest_todos(same_org_manager) == []


def test_a_new_version_asks_managers_to_attest_again(national_admin, same_org_manager, handbook):
    services.values_attest(actor=same_org_manager, version=handbook)
    assert _attest_todos(same_org_manager) == []
    second = services.handbook_draft_start(actor=national_admin)
    assert _attest_todos(same_org_manager) == []  # a draft asks nothing of anyone
    services.handbook_publish(actor=national_admin, version=second, change_note="Board texts revised")
    assert [item.text for item in _attest_todos(same_org_manager)] == [
        "Read version 2 of the NHS values handbook and attest to it"
    ]
    with pytest.raises(ValidationError):
        services.values_attest(actor=same_org_manager, version=handbook)  # an old version: refused


def test_attesting_twice_is_a_form_error(client_for, same_org_manager, handbook):
    services.values_attest(actor=same_org_manager, version=handbook)
    response = client_for(same_org_manager).post(reverse("communications:handbook"), {"confirm": "on"})
    assert response.status_code == 200
    assert ValuesAttestation.objects.filter(person=same_org_manager.person).count() == 1
