"""The catalogue's filters and suggestions, the dashboards' figures, and query counts that do not grow."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leadership.models import ManagementLevel, Organisation, Role
from tests.factories import PersonFactory, RoleAssignmentFactory, user_with_person
from tests.training.factories import (
    CourseFactory,
    EvaluationFactory,
    ProviderFactory,
    RecordFactory,
    RunFactory,
)
from training import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_admin():
    admin = user_with_person(
        Organisation.objects.create(ods_code="X24", name="NHS England", kind=Organisation.Kind.NATIONAL_BODY)
    )
    RoleAssignmentFactory(user=admin, organisation=admin.person.organisation, role=Role.NATIONAL_ADMIN)
    return admin


def titles(response) -> str:
    return response.content.decode()


def test_the_catalogue_filters_by_topic_level_competency_mode_and_provider(client_for, same_org_manager):
    provider = ProviderFactory(name="Filter College")
    CourseFactory(
        title="Alpha negotiation",
        topics=["negotiation"],
        levels=["senior"],
        mode="online",
        competency_codes=["basics-negotiation"],
        provider=provider,
    )
    CourseFactory(title="Beta leadership", topics=["leadership"], levels=["middle"], mode="face_to_face")
    client = client_for(same_org_manager)
    url = reverse("training:catalogue")
    for params in (
        {"topic": "negotiation"},
        {"level": "senior"},
        {"competency": "basics-negotiation"},
        {"mode": "online", "q": "negotiation"},
        {"provider": str(provider.public_id)},
    ):
        page = titles(client.get(url, params))
        assert "Alpha negotiation" in page and "Beta leadership" not in page, params
    assert client.get(url, {"topic": "nonsense"}).status_code == 200  # a bad filter is a form error


def test_courses_are_suggested_from_development_need_competencies():
    CourseFactory(title="Two matches", competency_codes=["hlm-engaging-the-team", "basics-motivation"])
    CourseFactory(title="One match", competency_codes=["basics-motivation"])
    CourseFactory(title="No match", competency_codes=["hlm-holding-to-account"])
    from training.models import Course

    found = selectors.courses_for_competencies(
        Course.objects.filter(code__startswith="test-course"), {"hlm-engaging-the-team", "basics-motivation"}
    )
    assert [c.title for c in found][:2] == ["Two matches", "One match"]
    assert "No match" not in [c.title for c in found]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_catalogue_query_count_does_not_grow_with_courses(
    client_for, same_org_manager, django_assert_max_num_queries
):
    client = client_for(same_org_manager)
    url = reverse("training:catalogue")
    RunFactory(course=CourseFactory())
    client.get(url)
    few = queries_for(client, url)
    for _ in range(15):
        RunFactory(course=CourseFactory())
    assert queries_for(client, url) == few
    with django_assert_max_num_queries(20):
        client.get(url)


def test_the_dashboard_measures_coverage_completion_hours_cross_functional_share_and_spend(same_org):
    basics = CourseFactory(
        topics=["appraisal", "motivation"], cross_functional=True, hours=Decimal("10"), cost=Decimal("300")
    )
    other = CourseFactory(topics=["commissioning"], cross_functional=False)
    first_line = PersonFactory(organisation=same_org, management_level=ManagementLevel.FIRST_LINE)
    middle = PersonFactory(organisation=same_org, management_level=ManagementLevel.MIDDLE)
    PersonFactory(organisation=same_org, management_level=ManagementLevel.NONE)
    RecordFactory(
        person=first_line, course=basics, hours=Decimal("10"), cost=Decimal("300"), on=date(2025, 2, 1)
    )
    RecordFactory(person=middle, course=other, hours=Decimal("6"), cost=Decimal("100"), on=date(2025, 5, 1))
    RecordFactory(person=middle, course=basics, status="withdrawn", cost=Decimal("0"), on=date(2025, 5, 2))
    figures = selectors.training_dashboard({same_org.id}, today=date(2025, 6, 1), exact=True)
    assert figures["managers"] == 2
    assert figures["coverage_any"] == 50
    level = {row["label"]: row for row in figures["by_level"]}
    assert level["First-line"]["topics"] == [100, 100, 0, 0]
    assert figures["completion_rate"] == 67
    assert figures["hours_per_manager"] == Decimal("8.0")
    assert figures["cross_functional_share"] == 50
    assert figures["spend"] == Decimal("400")
    assert [(row["label"], row["completions"]) for row in figures["trend"]] == [
        ("2025 Q1", 1),
        ("2025 Q2", 1),
    ]


def test_quality_by_provider_shows_only_providers_with_five_answers(same_org):
    course = CourseFactory()
    for _ in range(5):
        EvaluationFactory(record=RecordFactory(course=course, person=PersonFactory(organisation=same_org)))
    EvaluationFactory(record=RecordFactory(person=PersonFactory(organisation=same_org)))
    quality = selectors.training_dashboard(None)["quality"]
    assert [row["provider"] for row in quality] == [course.provider.name]


def test_the_dashboards_query_counts_do_not_grow_with_organisations(
    client_for, national_admin, same_org, same_org_hr_admin, django_assert_max_num_queries
):
    def add_trusts(start: int, count: int) -> None:
        for n in range(start, start + count):
            org = Organisation.objects.create(
                ods_code=f"RZ{n}", name=f"Trust {n}", kind=Organisation.Kind.NHS_TRUST
            )
            for person in (PersonFactory(organisation=org) for _ in range(3)):
                EvaluationFactory(record=RecordFactory(person=person))

    national, local = (
        reverse("training:dashboard_national"),
        reverse("training:dashboard_organisation", args=["RT1"]),
    )
    add_trusts(0, 1)
    client = client_for(national_admin)
    client.get(national)  # the first request of a session writes it
    national_few = queries_for(client, national)
    add_trusts(1, 6)
    assert queries_for(client, national) == national_few
    with django_assert_max_num_queries(24):
        client.get(national)
    client = client_for(same_org_hr_admin)
    with django_assert_max_num_queries(32):
        page = client.get(local)
    assert page.status_code == 200
    assert b"Trust 3" not in page.content  # the national comparison has no other organisation's rows


def test_the_dashboard_csv_is_formula_safe_and_an_hr_admin_cannot_open_the_national_one(
    client_for, same_org_hr_admin, national_admin
):
    assert client_for(same_org_hr_admin).get(reverse("training:dashboard_national")).status_code == 404
    response = client_for(national_admin).get(reverse("training:dashboard_national_export"))
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("Section,Row,Measure,Value")
    assert "Completion rate (%)" in body
