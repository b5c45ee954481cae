"""PostgreSQL writes the JSON list pages (leadership/api/sqljson.py): byte for byte what the serializers
and FastJSONRenderer write for the same rows.

Every list resource on the router is enumerated, so a new one without SQL JSON fails here (unless
it is named in PYTHON_ONLY with its reason). The rows' text, decimal and nullable columns are then
overwritten in place with awkward values: non-ASCII and escaped characters, zero, negative, the
most digits the column holds, trailing zeros, and nulls.
"""

import contextlib
from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models import CharField, DecimalField, TextField
from django.urls import reverse

from leadership.api.pagination import KeysetPagination
from leadership.api.urls import router
from leadership.api.views import SqlJsonList
from leadership.models import Organisation, Rating
from tests.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

# Lists whose serializers compute a field in Python that SQL cannot write the same way.
PYTHON_ONLY = {
    "broadcast": "body_html is Markdown rendered in Python, and rates follow the disclosure rules",
    "board-thread": "each post's body_html is Markdown rendered in Python",
}
AWKWARD = 'Zoë Ørsted-Ng 山田 "quoted" \\ back\tslash/\u2028\x01 😀'
LISTS = {basename: viewset for _, viewset, basename in router.registry if hasattr(viewset, "list")}
NATIONAL_ONLY = {"senior-contract"}


def test_every_list_resource_writes_its_json_in_sql():
    plain = [basename for basename, viewset in LISTS.items() if not issubclass(viewset, SqlJsonList)]
    assert plain == []
    assert set(PYTHON_ONLY) <= set(LISTS)


@pytest.fixture
def world(same_org, same_org_manager, icb):
    from appraisal.models import OrganisationScorecard, ScorecardMeasure
    from tests.appraisal.factories import AppraisalCycleFactory, AppraisalFactory
    from tests.development.factories import (
        ActionCycleFactory,
        ActionFactory,
        AssessmentFactory,
        CheckInFactory,
        DevelopmentNeedFactory,
        DevelopmentPlanFactory,
        default_framework,
    )
    from tests.governance import factories as governance
    from tests.talentpool.factories import (
        GraduateTraineeFactory,
        PoolMembershipFactory,
        SecondmentFactory,
        SeniorContractFactory,
        TalentPoolFactory,
    )
    from tests.training.factories import CourseFactory, RecordFactory, RunFactory
    from training.models import Enrolment

    people = [same_org_manager.person, *PersonFactory.create_batch(3, organisation=same_org)]
    for person in people:
        RecordFactory(person=person)
        assessment = AssessmentFactory(person=person)
        for competency in assessment.framework.competencies.all()[:3]:
            Rating.objects.create(assessment=assessment, competency=competency, level=3)
        DevelopmentNeedFactory.create_batch(2, plan=DevelopmentPlanFactory(person=person))
        cycle = ActionCycleFactory(person=person)
        ActionFactory.create_batch(2, cycle=cycle)
        CheckInFactory(cycle=cycle)
        Enrolment.objects.create(person=person, run=RunFactory(course=CourseFactory()))
        AppraisalFactory(appraisee=person, cycle=AppraisalCycleFactory(organisation=same_org),
                         perspective_scores={"Patients": "3.50", "People": "None", "Ünïcode": "4"})
        pool = TalentPoolFactory(owner=same_org)
        membership = PoolMembershipFactory(pool=pool, person=person)
        membership.mobility_regions.set([icb, same_org])
        GraduateTraineeFactory(person=person)
        SecondmentFactory(organisation=same_org, person=person)
        SeniorContractFactory(organisation=same_org, person=person)
        governance.data_return(same_org, frequency="weekly")
        governance.assessment(same_org)
        governance.position(same_org, person=person)
    default_framework()
    scorecard = OrganisationScorecard.objects.create(organisation=same_org, period=date(2026, 4, 1))
    for index in range(3):
        ScorecardMeasure.objects.create(scorecard=scorecard, perspective="People", name=f"Measure {index}",
                                        target=Decimal(7), actual=Decimal(index))
    return people


def awkward_values():
    """Overwrite the free text, decimals and nullable columns of every row in place, row by row."""
    from django.apps import apps

    decimals = ["0", "-1", "9" * 30, "1.10"]
    for model in apps.get_models():
        if model._meta.app_label not in {"leadership", "training", "appraisal", "talentpool", "governance"}:
            continue
        for index, pk in enumerate(model._default_manager.order_by("pk").values_list("pk", flat=True)):
            for field in model._meta.concrete_fields:
                value = _awkward(field, index, decimals)
                if value is _SKIP:
                    continue
                # A check constraint, a number too large: the row keeps its value.
                with contextlib.suppress(Exception), transaction.atomic():
                    model._default_manager.filter(pk=pk).update(**{field.attname: value})


_SKIP = object()


def _awkward(field, index, decimals):
    if field.primary_key or field.unique or field.choices or field.is_relation or field.name in (
            "created_at", "updated_at", "public_id", "ods_code", "slug", "work_email", "certificate"):
        return _SKIP
    if field.null and index % 3 == 2:
        return None
    if isinstance(field, CharField | TextField):
        text = f"{AWKWARD} {index}"
        return text[-field.max_length:] if field.max_length else text
    if isinstance(field, DecimalField):
        raw = decimals[index % len(decimals)]
        whole = field.max_digits - field.decimal_places
        if raw.startswith("9"):
            return Decimal("9" * whole + ("." + "9" * field.decimal_places if field.decimal_places else ""))
        return Decimal(raw)
    return _SKIP


def walk(api, url, params) -> list[bytes]:
    pages, response = [], api.get(url, params)
    while True:
        assert response.status_code == 200, response.content
        pages.append(response.content)
        following = response.json()["next"]
        if not following:
            return pages
        response = api.get(following)


@pytest.fixture
def sql_page_calls(monkeypatch) -> list:
    """The pages written in SQL (KeysetPagination.paginate_json calls) since the list was cleared."""
    calls = []
    original = KeysetPagination.paginate_json

    def counted(self, *args):
        calls.append(args)
        return original(self, *args)

    monkeypatch.setattr(KeysetPagination, "paginate_json", counted)
    return calls


def walk_both_ways(api, url, params, monkeypatch) -> tuple[list[bytes], list[bytes]]:
    """The list's pages written by PostgreSQL, then the same pages through the serializers."""
    from_sql = walk(api, url, params)
    with monkeypatch.context() as python:
        python.setattr(SqlJsonList, "sql_json_row", lambda self, queryset: None)
        return from_sql, walk(api, url, params)


def test_the_sql_pages_are_the_serializers_pages_byte_for_byte(api_for, same_org, world, monkeypatch,
                                                               sql_page_calls):
    """One world for every list (building it is most of the cost); each list walked in pages of 3 and
    of the default size, through SQL and through the serializers."""
    awkward_values()
    national = OrganisationFactory(ods_code="X26", kind=Organisation.Kind.NATIONAL_BODY)
    apis = {"trust": api_for(same_org), "national": api_for(national)}
    compared = []
    for basename in sorted(set(LISTS) - set(PYTHON_ONLY)):
        api = apis["national" if basename in NATIONAL_ONLY else "trust"]
        url = reverse(f"api:{basename}-list")
        for params in ({"page_size": 3}, {}):
            sql_page_calls.clear()
            from_sql, from_serializers = walk_both_ways(api, url, params, monkeypatch)
            assert sql_page_calls, f"{basename}: the list did not write its JSON in SQL"
            assert b'"results":[]' not in from_serializers[0], f"{basename}: no rows to compare"
            assert from_sql == from_serializers, basename
        compared.append(basename)
    assert len(compared) == len(LISTS) - len(PYTHON_ONLY)


def test_awkward_values_reach_the_rows(world):
    from leadership.models import Person

    awkward_values()
    assert Person.objects.filter(first_name__startswith=AWKWARD[:10]).exists()


def test_the_deletions_feed_pages_are_the_serializers_pages_byte_for_byte(api_for, same_org, world,
                                                                         monkeypatch, sql_page_calls):
    """Every resource's deletions feed: the people of the world deleted (their records with them),
    walked through SQL and through the serializer. One transaction: every deletion shares one
    moment, so the pages of 3 walk ties on (pgh_created_at, public_id)."""
    from appraisal.models import Appraisal
    from governance.models import BoardPosition
    from leadership.access import deletion_feeds
    from talentpool.models import GraduateTrainee, SeniorContract

    awkward_values()
    for protecting in (Appraisal, BoardPosition, GraduateTrainee, SeniorContract):
        protecting.objects.all().delete()
    for person in world:
        person.delete()
    api = api_for(same_org)
    heard, url = set(), reverse("api:deletion-list")
    for resource in sorted(deletion_feeds()):
        for params in ({"page_size": 3}, {}):
            params = {**params, "resource": resource}
            sql_page_calls.clear()
            from_sql, from_serializers = walk_both_ways(api, url, params, monkeypatch)
            assert sql_page_calls, f"{resource}: the feed did not write its JSON in SQL"
            assert from_sql == from_serializers, resource
        if b'"results":[]' not in from_sql[0]:
            heard.add(resource)
    assert {"people", "training-records", "action-cycles", "appraisals"} <= heard
