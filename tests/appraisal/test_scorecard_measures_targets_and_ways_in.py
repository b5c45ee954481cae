"""Organisational scorecards (R15): measures are changed and removed with history, the portal's own
people measures have targets, a footprint's page links to its comparison, and board secretaries reach
their organisation's scorecard from home."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from appraisal import services
from appraisal.models import ScorecardMeasure, ScorecardTarget
from leadership.models import Role
from tests.factories import user_with_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def measure(same_org, same_org_hr_admin):
    return services.scorecard_measure_save(
        actor=same_org_hr_admin, organisation=same_org, period=timezone.localdate(),
        perspective="People and culture", name="Staff survey engagement", target=Decimal(7),
        actual=Decimal(6))


def test_a_measure_is_changed_and_removed_and_its_history_says_who(client_for, same_org_hr_admin, measure):
    client = client_for(same_org_hr_admin)
    form = {"perspective": "People and culture", "name": "Staff engagement", "target": "7.5", "actual": "7.6",
            "higher_is_better": "on"}
    edit_url = reverse("appraisal:scorecard_measure_edit", args=[measure.public_id])
    assert client.post(edit_url, form).status_code == 302
    measure.refresh_from_db()
    assert (measure.name, measure.actual) == ("Staff engagement", Decimal("7.60"))
    confirm = client.get(reverse("appraisal:scorecard_measure_delete", args=[measure.public_id]))
    assert b"Remove Staff engagement?" in confirm.content
    remove_url = reverse("appraisal:scorecard_measure_delete", args=[measure.public_id])
    assert client.post(remove_url).status_code == 302
    assert not ScorecardMeasure.objects.exists()
    events = ScorecardMeasure.pgh_event_model.objects.filter(pgh_obj_id=measure.id).order_by("pgh_id")
    assert [e.pgh_label for e in events] == ["insert", "update", "delete"]
    assert events.last().pgh_context.metadata["user"] == same_org_hr_admin.pk
    assert events.last().name == "Staff engagement"


def test_a_renamed_measure_cannot_take_another_measures_name(same_org, same_org_hr_admin, measure):
    services.scorecard_measure_save(actor=same_org_hr_admin, organisation=same_org,
                                    period=timezone.localdate(), perspective="People and culture",
                                    name="Turnover", target=Decimal(10), actual=None)
    with pytest.raises(ValidationError, match="already has a measure"):
        services.scorecard_measure_update(actor=same_org_hr_admin, measure=measure,
                                          perspective="People and culture", name="Turnover",
                                          target=Decimal(7), actual=None)
    measure.refresh_from_db()
    assert measure.name == "Staff survey engagement"


def test_a_reader_of_the_scorecard_cannot_change_its_measures(client_for, same_org_manager,
                                                               other_org_hr_admin, measure):
    for user in (same_org_manager, other_org_hr_admin):
        url = reverse("appraisal:scorecard_measure_delete", args=[measure.public_id])
        assert client_for(user).post(url).status_code == 404
    assert ScorecardMeasure.objects.filter(id=measure.id).exists()


def test_the_portals_own_measures_have_targets_and_a_status_against_them(client_for, same_org,
                                                                         same_org_hr_admin):
    client = client_for(same_org_hr_admin)
    url = reverse("appraisal:scorecard_target_edit", args=[same_org.ods_code, "appraisal_completion"])
    assert client.post(url, {"target": "-1"}).status_code == 200
    assert client.post(url, {"target": "90"}).status_code == 302
    assert ScorecardTarget.objects.get(organisation=same_org).target == Decimal(90)
    page = client.get(reverse("appraisal:scorecard", args=[same_org.ods_code]))
    assert b"90%" in page.content
    assert client.get(reverse("appraisal:scorecard_target_edit", args=[same_org.ods_code, "nonsense"])) \
        .status_code == 404


def test_a_board_secretary_finds_the_scorecard_on_their_home_page(client_for, same_org):
    secretary = user_with_person(same_org, role=Role.BOARD_SECRETARY)
    home = client_for(secretary).get(reverse("home"))
    assert reverse("appraisal:scorecard", args=[same_org.ods_code]).encode() in home.content


def test_an_icbs_page_links_to_the_comparison_of_its_organisations_scorecards(client_for, icb, same_org):
    viewer = user_with_person(icb, role=Role.FOOTPRINT_VIEWER)
    page = client_for(viewer).get(reverse("organisation_detail", args=[icb.ods_code]))
    assert reverse("appraisal:scorecard_footprint", args=[icb.ods_code]).encode() in page.content
    trust_page = client_for(viewer).get(reverse("organisation_detail", args=[same_org.ods_code]))
    trust_comparison = reverse("appraisal:scorecard_footprint", args=[same_org.ods_code])
    assert trust_comparison.encode() not in trust_page.content
