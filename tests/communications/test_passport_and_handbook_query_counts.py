"""The passport page, its API and the handbook's version list cost the same queries for 2 rows of each
section as for 20: no query per row."""

import pytest
from django.urls import reverse
from django.utils import timezone

from communications.handbook import services as handbook_services
from communications.models import HandbookVersion, PassportShare, ValuesAttestation
from communications.models.passport import token_hash
from tests.factories import OrganisationFactory
from tests.query_counts import assert_queries_do_not_grow, page_opener
from tests.training.factories import CourseFactory, RecordFactory
from training.models import Qualification

pytestmark = pytest.mark.django_db


def _passport_rows(person):
    def add(n):
        for _ in range(n):
            record = RecordFactory(person=person, course=CourseFactory(qualification="Award"))
            Qualification.objects.create(
                person=person, course=record.course, record=record, name="Award", awarded_on=record.on
            )
            number = HandbookVersion.objects.count() + 1
            version = HandbookVersion.objects.create(
                number=number, status="published", published_at=timezone.now()
            )
            ValuesAttestation.objects.create(
                person=person, organisation=person.organisation, version=version, attested_at=timezone.now()
            )
            trust = OrganisationFactory()
            PassportShare.objects.create(
                person=person,
                recipient=trust,
                token_hash=token_hash(f"t{trust.pk}"),
                expires_at=PassportShare.expiry_in(5),
            )

    return add


def test_the_passport_page_does_not_query_per_row(client_for, django_assert_num_queries, same_org_manager):
    person = same_org_manager.person
    url = reverse("communications:passport", args=[person.public_id])
    assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=_passport_rows(person),
        open_list=page_opener(client_for(same_org_manager), url),
    )


def test_the_passport_api_does_not_query_per_row(
    api_for, django_assert_num_queries, same_org, same_org_manager
):
    person = same_org_manager.person
    url = reverse("api:passport-detail", args=[person.public_id])
    assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=_passport_rows(person),
        open_list=page_opener(api_for(same_org), url),
    )


def test_the_version_list_does_not_query_per_row(client_for, django_assert_num_queries, national_admin):
    def add(n):
        for _ in range(n):
            draft = handbook_services.handbook_draft_start(actor=None)
            handbook_services.handbook_publish(actor=None, version=draft, change_note="Again")

    assert_queries_do_not_grow(
        django_assert_num_queries,
        add_rows=add,
        open_list=page_opener(client_for(national_admin), reverse("communications:handbook_versions")),
    )
