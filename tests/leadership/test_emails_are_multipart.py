"""Every email is plain text plus an HTML part in the NHS style, with one button and the preferences link."""

import re
from pathlib import Path

import pytest
from django.core import mail as outbox
from django.urls import reverse

from leadership import mail, notifications
from leadership.development import services as development_services
from leadership.models import Notification
from tests.development.factories import RaterInvitationFactory
from tests.factories import NotificationFactory, UserFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
SITE = "http://127.0.0.1:8000"
PREFERENCES = SITE + "/notifications/preferences/"
PENDING = Notification.EmailState.PENDING


def _parts(message) -> tuple[str, str]:
    html = [content for content, kind in message.alternatives if kind == "text/html"]
    assert len(html) == 1, "one HTML part"
    return message.body, html[0]


def _button(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" style="display:inline-block;background:#007f3b', html)


@pytest.mark.parametrize("kind, label", [
    ("invitation", "Set your password"),
    ("checkin-reminder", "Record your check-in"),
    ("appraisal_step", "Open the appraisal"),
    ("talent_nomination", "Decide on the nomination"),
    ("any_other_kind", "Open the portal"),
])
def test_a_notification_email_has_both_parts_one_button_and_the_preferences_link(kind, label):
    notification = NotificationFactory(kind=kind, title="Check-in due", body="Line one.\n\nLine two.",
                                       link="/development/cycle/", email_state=PENDING)
    assert notifications.send(notification_id=notification.id) is True
    text, html = _parts(outbox.outbox[0])
    assert text.startswith("Line one.\n\nLine two.\n\n")
    assert f"{label}:\n{SITE}/development/cycle/" in text
    assert text.endswith(PREFERENCES)
    assert _button(html) == [f"{SITE}/development/cycle/"]
    assert f">{label}</a>" in html
    assert f'href="{PREFERENCES}"' in html
    assert "<h1" in html and "Check-in due" in html and "Leadership Portal" in html


def test_words_from_the_database_are_escaped_in_the_html_part():
    notification = NotificationFactory(title="Review <b>now</b>", body='<script>alert(1)</script> & "x"',
                                       link="", email_state=PENDING)
    notifications.send(notification_id=notification.id)
    text, html = _parts(outbox.outbox[0])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>now</b>" not in html
    assert '<script>alert(1)</script> & "x"' in text  # plain text stays as written
    assert _button(html) == []  # no link, no button


def test_the_weekly_digest_is_multipart_and_links_to_all_notifications(client_for):
    user = UserFactory()
    client_for(user).post(reverse("notification_preferences"), {"email": "weekly_digest"})
    notifications.notify(recipient=user, key="a", kind="checkin", title="Check-in in 7 days",
                         link="/development/cycle/")
    assert notifications.send_weekly_digests() == 1
    text, html = _parts(outbox.outbox[0])
    assert "- Check-in in 7 days" in text
    assert _button(html) == [f"{SITE}/notifications/"]
    assert f'href="{PREFERENCES}"' in html and text.endswith(PREFERENCES)


def test_a_360_rater_without_a_login_gets_their_link_and_no_preferences_link():
    invitation = RaterInvitationFactory(rater=None)
    assert development_services.rater_invitation_send(invitation_id=invitation.id) is True
    text, html = _parts(outbox.outbox[0])
    link = text.rsplit("\n", 1)[-1]
    assert link.startswith(f"{SITE}/development/360/")
    assert _button(html) == [link]
    assert "preferences" not in text and "preferences" not in html


def test_no_module_builds_an_email_of_its_own():
    """Emails are built by leadership.mail.message alone, so none goes out without its HTML part."""
    offenders = []
    for app in ("leadership", "training", "appraisal", "talentpool", "governance", "dashboards",
                "communications", "portal"):
        for path in (ROOT / app).rglob("*.py"):
            if path == ROOT / "leadership" / "mail.py":
                continue
            if re.search(r"\b(EmailMessage|EmailMultiAlternatives|send_mail|send_mass_mail)\(",
                         path.read_text()):
                offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_message_with_no_body_starts_with_the_action():
    message = mail.message(subject="S", body="", to=["a@example.nhs.uk"], action_link="/me/")
    assert message.body.startswith(f"Open the portal:\n{SITE}/me/")
