"""API v1 enrolments: scope training:read, the client's own staff only, delta pulls and deletions."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.training.factories import RunFactory
from training.models import Enrolment

pytestmark = pytest.mark.django_db


def _enrolment(organisation, **fields):
    person = PersonFactory(organisation=organisation)
    return Enrolment.objects.create(run=RunFactory(), person=person, **fields)


def test_enrolments_need_the_training_scope(api_for, same_org):
    assert api_for(same_org, ["people:read"]).get(reverse("api:training-enrolment-list")).status_code == 403


def test_a_trust_client_lists_only_its_own_staffs_enrolments_without_the_decision_text(
        api_for, same_org, other_org):
    mine = _enrolment(same_org, status=Enrolment.Status.DECLINED, decision_reason="Budget is spent")
    theirs = _enrolment(other_org)
    api = api_for(same_org, ["training:read"])
    rows = api.get(reverse("api:training-enrolment-list")).json()["results"]
    assert [(row["id"], row["organisation"], row["status"]) for row in rows] == [
        (str(mine.public_id), "RT1", "declined")]
    assert rows[0]["run"] == str(mine.run.public_id) and rows[0]["course"] == str(mine.run.course.public_id)
    assert "Budget" not in str(rows)
    detail = api.get(reverse("api:training-enrolment-detail", args=[theirs.public_id]))
    assert detail.status_code == 404


def test_enrolments_are_pulled_by_delta_filtered_by_status_and_bad_parameters_are_a_400(
        same_org_api, same_org):
    old = _enrolment(same_org)
    moment = timezone.now()
    new = _enrolment(same_org, status=Enrolment.Status.WAITLISTED)
    url = reverse("api:training-enrolment-list")
    since = moment.isoformat().replace("+00:00", "Z")
    assert [row["id"] for row in same_org_api.get(url, {"updated_since": since}).json()["results"]] == [
        str(new.public_id)]
    assert [row["id"] for row in same_org_api.get(url, {"status": "requested"}).json()["results"]] == [
        str(old.public_id)]
    assert same_org_api.get(url, {"status": "nonsense"}).status_code == 400
    assert same_org_api.get(url, {"updated_since": "yesterday"}).status_code == 400


def test_a_deleted_enrolment_is_reported_to_its_organisation_only(api_for, same_org, other_org):
    enrolment = _enrolment(same_org)
    enrolment_id = str(enrolment.public_id)
    enrolment.delete()
    url = reverse("api:deletion-list")
    params = {"resource": "training-enrolments"}
    assert [row["id"] for row in api_for(same_org, ["training:read"]).get(url, params).json()["results"]] == [
        enrolment_id]
    assert api_for(other_org, ["training:read"]).get(url, params).json()["results"] == []
