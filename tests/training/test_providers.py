"""Accreditation is read from dates: a provider stops counting as accredited the day after valid-until."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from leadership.models import Notification, Organisation, Role
from tests.factories import RoleAssignmentFactory, user_with_person
from tests.training.factories import CourseFactory, ProviderFactory
from training import reminders
from training.models import Provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def education_lead():
    body = Organisation.objects.create(
        ods_code="X26", name="Health Education England", kind=Organisation.Kind.TRAINING_BODY
    )
    return user_with_person(body, role=Role.EDUCATION_LEAD, first_name="Eddie", last_name="Lead")


def test_a_provider_is_accredited_to_the_last_valid_day_and_lapsed_the_day_after():
    provider = ProviderFactory(accredited_from=date(2024, 4, 1), accredited_until=date(2025, 3, 31))
    assert Provider.objects.accredited_on(date(2025, 3, 31)).filter(id=provider.id).exists()
    assert not Provider.objects.accredited_on(date(2025, 4, 1)).filter(id=provider.id).exists()
    assert provider.effective_status(date(2025, 4, 1)) == Provider.Status.LAPSED
    assert provider.effective_status(date(2024, 3, 1)) == Provider.Status.PENDING


def test_a_course_of_a_lapsed_provider_shows_a_warning_on_the_day_it_lapses(client_for, same_org_manager):
    course = CourseFactory(provider=ProviderFactory(accredited_until=date(2025, 3, 31)))
    url = reverse("training:course_detail", args=[course.public_id])
    with time_machine.travel(date(2025, 3, 31), tick=False):
        client = client_for(same_org_manager)  # signed in inside each day: sessions expire by the clock
        assert b"Provider not accredited" not in client.get(url).content
        assert (
            course.title.encode()
            in client.get(reverse("training:catalogue"), {"accredited_only": "on"}).content
        )
    with time_machine.travel(date(2025, 4, 1), tick=False):
        client = client_for(same_org_manager)
        assert b"Provider not accredited" in client.get(url).content
        assert (
            course.title.encode()
            not in client.get(reverse("training:catalogue"), {"accredited_only": "on"}).content
        )


def test_education_leads_are_told_60_days_before_it_lapses_once(education_lead):
    provider = ProviderFactory(accredited_until=date(2025, 3, 31))
    assert reminders.accreditation_reminders_send(today=date(2025, 1, 29)) == 0  # 61 days before
    assert reminders.accreditation_reminders_send(today=date(2025, 1, 30)) == 1
    assert reminders.accreditation_reminders_send(today=date(2025, 1, 31)) == 0  # never twice
    notice = Notification.objects.get(recipient=education_lead)
    assert provider.name in notice.title


def test_a_missed_day_is_caught_up(education_lead):
    ProviderFactory(accredited_until=date(2025, 3, 31))
    assert reminders.accreditation_reminders_send(today=date(2025, 2, 15)) == 1


def test_only_education_leads_and_national_admins_change_the_register(
    client_for, same_org_hr_admin, education_lead
):
    assert client_for(same_org_hr_admin).get(reverse("training:provider_new")).status_code == 404
    client = client_for(education_lead)
    response = client.post(
        reverse("training:provider_new"),
        {
            "name": "New College",
            "kind": "university",
            "accreditation_status": "accredited",
            "accrediting_body": "CMI",
            "accredited_from": "2025-01-01",
            "accredited_until": "2024-01-01",
        },
    )
    assert response.status_code == 200  # dates out of order
    response = client.post(
        reverse("training:provider_new"),
        {
            "name": "New College",
            "kind": "university",
            "accreditation_status": "accredited",
            "accrediting_body": "CMI",
            "accredited_from": "2025-01-01",
            "accredited_until": "2026-01-01",
        },
    )
    assert response.status_code == 302
    assert Provider.objects.filter(name="New College").exists()


def test_a_national_admin_adds_a_course(client_for):
    admin = user_with_person(
        Organisation.objects.create(ods_code="X24", name="NHS England", kind=Organisation.Kind.NATIONAL_BODY)
    )
    RoleAssignmentFactory(user=admin, organisation=admin.person.organisation, role=Role.NATIONAL_ADMIN)
    provider = ProviderFactory()
    response = client_for(admin).post(
        reverse("training:course_new"),
        {
            "code": "negotiation-101",
            "provider": provider.id,
            "title": "Negotiation",
            "topics": ["negotiation"],
            "levels": ["middle"],
            "mode": "online",
            "hours": "4",
            "cost": "0",
            "competency_codes": ["basics-negotiation"],
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content
