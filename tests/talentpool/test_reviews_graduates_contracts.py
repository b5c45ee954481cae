"""The 9-box flow, succession flags, graduate outcomes, secondments and the national-only register."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from leadership.models import Organisation, Role
from talentpool import selectors, services
from talentpool.models import GraduateCohort, GraduateTrainee, ReviewPlacement, SeniorContract, TalentReview
from tests.factories import OrganisationFactory, PersonFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(same_org, same_org_hr_admin):
    return services.talent_review_create(
        actor=same_org_hr_admin, organisation=same_org, title="Spring", held_on=date(2025, 4, 1)
    )


def test_the_nine_box_flow_places_people_then_records_the_decision(
    client_for, same_org_hr_admin, review, same_org_manager
):
    client = client_for(same_org_hr_admin)
    url = reverse("talentpool:review_detail", args=[review.public_id])
    person = same_org_manager.person
    response = client.post(
        url,
        {
            "person": person.public_id,
            "performance": "3",
            "potential": "3",
            "notes": "Outstanding year",
            "agreed_actions": "Act up as director",
        },
    )
    assert response.status_code == 302
    placement = ReviewPlacement.objects.get(review=review, person=person)
    assert placement.performance_source == ReviewPlacement.PerformanceSource.ENTERED
    assert selectors.box_label(placement) == "Future leader"
    assert b"Future leader" in client.get(url).content
    client.post(reverse("talentpool:review_decide", args=[review.public_id]), {"decision": "Agreed as above"})
    review.refresh_from_db()
    assert review.status == TalentReview.Status.DECIDED and review.decided_by == same_org_hr_admin
    need = person.development_plan.needs.get()  # the agreed action flows into the development plan
    assert "Act up as director" in need.description
    with pytest.raises(ValidationError):
        services.review_place(
            actor=same_org_hr_admin, review=review, person=person, potential=1, performance=1
        )


def test_performance_comes_from_the_appraisal_when_there_is_one(
    monkeypatch, same_org_hr_admin, review, same_org_manager
):
    monkeypatch.setattr(selectors, "latest_appraisal_band", lambda person: "Exceeds expectations")
    placement = services.review_place(
        actor=same_org_hr_admin, review=review, person=same_org_manager.person, potential=2, performance=1
    )
    assert (placement.performance, placement.performance_source) == (3, "appraisal")


def test_without_appraisal_or_entered_performance_a_person_cannot_be_placed(
    same_org_hr_admin, review, same_org_manager
):
    with pytest.raises(ValidationError):
        services.review_place(
            actor=same_org_hr_admin, review=review, person=same_org_manager.person, potential=2
        )


def test_another_trust_cannot_place_people_in_a_review(other_org_hr_admin, review, same_org_manager):
    with pytest.raises(PermissionDenied):
        services.review_place(
            actor=other_org_hr_admin,
            review=review,
            person=same_org_manager.person,
            potential=2,
            performance=2,
        )


def test_a_key_post_without_a_ready_now_candidate_is_flagged(
    client_for, same_org, same_org_hr_admin, same_org_manager
):
    plan = services.succession_plan_create(
        actor=same_org_hr_admin, organisation=same_org, post="Finance director"
    )
    services.succession_candidate_add(
        actor=same_org_hr_admin, plan=plan, person=same_org_manager.person, readiness="one_to_two_years"
    )
    client = client_for(same_org_hr_admin)
    assert b"No ready-now candidate" in client.get(reverse("talentpool:succession_list")).content
    services.succession_candidate_add(
        actor=same_org_hr_admin, plan=plan, person=same_org_manager.person, readiness="ready_now"
    )
    assert b"No ready-now candidate" not in client.get(reverse("talentpool:succession_list")).content


@pytest.fixture
def trainee(same_org, same_org_hr_admin):
    cohort = GraduateCohort.objects.create(intake_year=2024, pathway="health_informatics")
    return services.trainee_enrol(
        actor=same_org_hr_admin,
        cohort=cohort,
        person=PersonFactory(organisation=same_org, first_name="Grace"),
    )


def test_the_guaranteed_post_waits_for_both_gates(same_org_hr_admin, same_org, trainee):
    with pytest.raises(ValidationError):
        services.trainee_outcome(
            actor=same_org_hr_admin,
            trainee=trainee,
            outcome="offered",
            organisation=same_org,
            post="Informatics manager",
        )
    services.trainee_progress(
        actor=same_org_hr_admin,
        trainee=trainee,
        scheme_year=3,
        quality_gate_passed=True,
        assessment_gate_passed=True,
    )
    with pytest.raises(ValidationError):
        services.trainee_outcome(actor=same_org_hr_admin, trainee=trainee, outcome="accepted")
    services.trainee_outcome(
        actor=same_org_hr_admin,
        trainee=trainee,
        outcome="offered",
        organisation=same_org,
        post="Informatics manager",
    )
    services.trainee_outcome(actor=same_org_hr_admin, trainee=trainee, outcome="accepted")
    trainee.refresh_from_db()
    assert (trainee.outcome, trainee.outcome_organisation) == (GraduateTrainee.Outcome.ACCEPTED, same_org)
    view = selectors.graduate_national_view()
    assert view["landed"] == [{"outcome_organisation__name": same_org.name, "count": 1}]


def test_a_declined_post_is_recorded(same_org_hr_admin, same_org, trainee):
    services.trainee_progress(
        actor=same_org_hr_admin,
        trainee=trainee,
        scheme_year=3,
        quality_gate_passed=True,
        assessment_gate_passed=True,
    )
    services.trainee_outcome(
        actor=same_org_hr_admin,
        trainee=trainee,
        outcome="offered",
        organisation=same_org,
        post="Finance manager",
    )
    services.trainee_outcome(actor=same_org_hr_admin, trainee=trainee, outcome="declined")
    assert GraduateTrainee.objects.get().outcome == "declined"


def test_another_trust_cannot_run_a_trainee(other_org_hr_admin, trainee, other_org):
    with pytest.raises(PermissionDenied):
        services.placement_add(
            actor=other_org_hr_admin,
            trainee=trainee,
            host=other_org,
            starts_on=date(2025, 1, 1),
            ends_on=date(2025, 6, 1),
            supervisor="Sam",
        )


def test_placements_rotate_across_organisations(client_for, same_org_hr_admin, trainee, other_org):
    client = client_for(same_org_hr_admin)
    response = client.post(
        reverse("talentpool:trainee_detail", args=[trainee.public_id]),
        {
            "form": "placement",
            "host": other_org.ods_code,
            "starts_on": "2024-09-01",
            "ends_on": "2025-03-01",
            "supervisor": "Dr Sam Supervisor",
        },
    )
    assert response.status_code == 302
    assert trainee.placements.get().host == other_org


@pytest.fixture
def national_admin():
    admin = UserFactory()
    RoleAssignmentFactory(
        user=admin,
        role=Role.NATIONAL_ADMIN,
        organisation=OrganisationFactory(ods_code="X24", kind=Organisation.Kind.NATIONAL_BODY),
    )
    return admin


def test_the_national_view_counts_intake_against_ten_times_the_editable_baseline(
    client_for, national_admin, trainee
):
    client = client_for(national_admin)
    assert b"1000 trainees a year" in client.get(reverse("talentpool:graduate_national")).content
    client.post(reverse("talentpool:graduate_national"), {"baseline_2015_intake": "120"})
    body = client.get(reverse("talentpool:graduate_national")).content
    assert b"1200 trainees a year" in body


def test_secondments_are_recorded_by_the_home_hr_admin_only(
    same_org_hr_admin, other_org_hr_admin, same_org_manager
):
    fields = {
        "person": same_org_manager.person,
        "direction": "out",
        "external_sector": "private",
        "external_organisation": "Acme",
        "starts_on": date(2025, 1, 1),
        "ends_on": date(2025, 6, 1),
        "purpose": "Logistics",
    }
    with pytest.raises(PermissionDenied):
        services.secondment_create(actor=other_org_hr_admin, **fields)
    secondment = services.secondment_create(actor=same_org_hr_admin, **fields)
    assert secondment.organisation == same_org_manager.person.organisation


def test_external_recruits_are_flagged(client_for, same_org_hr_admin, same_org):
    PersonFactory(organisation=same_org, first_name="Xena", sector_background="private")
    body = client_for(same_org_hr_admin).get(reverse("talentpool:secondment_list")).content
    assert b"Xena" in body and b"Private sector" in body


def test_only_national_admins_add_senior_contracts(national_admin, same_org_hr_admin, same_org_manager):
    fields = {
        "person": same_org_manager.person,
        "post": "CEO",
        "starts_on": date(2024, 2, 29),
        "minimum_term_months": 36,
        "next_assessment_due": date(2025, 2, 28),
    }
    with pytest.raises(PermissionDenied):
        services.senior_contract_create(actor=same_org_hr_admin, **fields)
    contract = services.senior_contract_create(actor=national_admin, **fields)
    assert contract.minimum_term_ends_on == date(2027, 2, 28)


def test_the_contracts_api_is_empty_for_trusts_and_icbs_and_full_for_a_national_client(
    api_for, same_org, icb, same_org_manager
):
    SeniorContract.objects.create(
        person=same_org_manager.person,
        organisation=same_org,
        post="CEO",
        starts_on=date(2024, 1, 1),
        minimum_term_months=36,
        minimum_term_ends_on=date(2027, 1, 1),
        next_assessment_due=date(2026, 1, 1),
    )
    for organisation in (same_org, icb):
        assert api_for(organisation).get(reverse("api:senior-contract-list")).json()["results"] == []
    national = OrganisationFactory(ods_code="X26", kind=Organisation.Kind.NATIONAL_BODY)
    rows = api_for(national).get(reverse("api:senior-contract-list")).json()["results"]
    assert [row["post"] for row in rows] == ["CEO"]


def test_the_talent_api_needs_the_talent_scope(api_for, same_org):
    api = api_for(same_org, scopes=["people:read"])
    assert api.get(reverse("api:talent-pool-member-list")).status_code == 403
