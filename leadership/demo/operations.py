"""Demo rows of the portal's running: the demo acute trust's API client (its HR admin's client list)
and an email that could not be delivered (the national admins' undelivered mail page). Only what is
missing is written; the client's secret is thrown away (rotating it on its page shows a new one)."""

from datetime import timedelta

from django.utils import timezone

from leadership import api_clients
from leadership.demo.organisation_tree import DEMO_ACUTE_TRUST
from leadership.models import ApiClient, ApiScope, Notification, Organisation, User

HR_ADMIN = "hr.admin@demo.nhs.uk"
MANAGER = "manager@demo.nhs.uk"
CLIENT_NAME = "Workforce data warehouse (demo)"
CLIENT_SCOPES = [ApiScope.PEOPLE_READ, ApiScope.DEVELOPMENT_READ, ApiScope.TRAINING_READ]
UNDELIVERED_KEY = "demo:undelivered:welcome"


def seed() -> dict:
    added = {"api_clients": 0, "undelivered_emails": 0}
    hr_admin = User.objects.filter(email=HR_ADMIN).first()
    trust = Organisation.objects.filter(ods_code=DEMO_ACUTE_TRUST).first()
    if hr_admin is not None and trust is not None and not ApiClient.objects.filter(
            organisation=trust, application__name=CLIENT_NAME).exists():
        api_clients.api_client_create(actor=hr_admin, organisation=trust, scopes=CLIENT_SCOPES,
                                      name=CLIENT_NAME)
        added["api_clients"] += 1
    manager = User.objects.filter(email=MANAGER).first()
    if manager is not None and not Notification.objects.filter(key=UNDELIVERED_KEY).exists():
        failed_at = timezone.now() - timedelta(days=2)
        # What the sender records after a permanent failure (leadership.notifications.send).
        Notification.objects.create(
            key=UNDELIVERED_KEY, recipient=manager, kind="welcome", title="Welcome to the leadership portal",
            body="Your account is ready.", link="/", created_at=failed_at - timedelta(minutes=5),
            read_at=failed_at, email_state=Notification.EmailState.FAILED, email_attempts=1,
            email_failed_at=failed_at, email_failure="550 5.1.1 The mailbox is unavailable (demo).")
        added["undelivered_emails"] += 1
    return added
