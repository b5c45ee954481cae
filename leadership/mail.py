"""Building outbox emails safely, sorting send failures, and a file backend for tests and demos.

`header_problem` refuses a subject or address holding a line break or control character before
Django builds the message: a name stored before validation existed (or written around it) can never
add a header such as Bcc. `classify` says whether a failure is permanent (fail the row now) or
temporary (back off and try again); see docs/security.md, "Mail that one bad row cannot block".

The file backend (MessageIdFileBackend) writes each message once, named by its Message-ID. It is
used for the reminder fault test and for demos (EMAIL_BACKEND=filebased). A message sent again
under the same Message-ID (a sender killed after writing but before recording it as sent) finds its
file already there and is not written twice, the way a mail server can drop a repeated Message-ID.
Each skipped repeat is counted in `repeats.log` so tests can see recovery happening.
"""

import hashlib
import os
import smtplib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.template.loader import render_to_string
from django.urls import reverse

from leadership.validators import describe, forbidden_character, visible

REASON_LIMIT = 500
DEFAULT_ACTION_LABEL = "Open the portal"


def absolute(link: str) -> str:
    """A portal path as the full address an email needs; a full address is left as it is."""
    return f"{settings.SITE_URL.rstrip('/')}{link}" if link.startswith("/") else link


def message(*, subject: str, body: str, to: list[str], action_link: str = "", action_label: str = "",
            for_a_login: bool = True, headers: dict | None = None) -> EmailMultiAlternatives:
    """Every portal email: plain text, and an HTML part in the NHS style with one button for the action.

    Both parts carry the same words. Emails to a login end with a link to the notification
    preferences; those to people without one (360 raters) do not, as there is nothing to choose.
    """
    action_url = absolute(action_link) if action_link else ""
    preferences_url = absolute(reverse("notification_preferences")) if for_a_login else ""
    text = "\n\n".join(part for part in (
        body.strip(),
        f"{action_label or DEFAULT_ACTION_LABEL}:\n{action_url}" if action_url else "",
        f"--\nChoose single emails or a weekly summary:\n{preferences_url}" if preferences_url else "",
    ) if part)
    html = render_to_string("email/message.html", {
        "subject": subject, "paragraphs": [part for part in body.split("\n\n") if part.strip()],
        "action_url": action_url, "action_label": action_label or DEFAULT_ACTION_LABEL,
        "preferences_url": preferences_url,
    })
    email = EmailMultiAlternatives(subject=subject, body=text, to=to, headers=headers or {})
    email.attach_alternative(html, "text/html")
    return email


def header_problem(**headers: str) -> str | None:
    """Why these header values cannot be sent (a line break, control or invisible character), or None."""
    for name, value in headers.items():
        found = forbidden_character(value)
        if found is not None:
            position, character = found
            return (f"Not sent: the {name.replace('_', ' ')} holds {describe(character)} at position "
                    f"{position}, which could add a header to the email. Correct the name it came from.")
    return None


def printable(text: str) -> str:
    """A failure reason that is safe to store and show: hidden characters named, length bounded."""
    return visible(text)[:REASON_LIMIT]


@dataclass(frozen=True)
class Failure:
    permanent: bool
    reason: str


def _smtp_code(error: Exception) -> int | None:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return max(codes) if codes else None  # one refusal for good is enough to stop
    return getattr(error, "smtp_code", None)


def classify(error: Exception) -> Failure:
    """A permanent failure (a bad header, a 5xx answer) is never retried; anything else backs off."""
    if isinstance(error, ValueError | UnicodeError):  # BadHeaderError is a ValueError
        return Failure(True, printable(f"The message was refused before sending: {error}"))
    if isinstance(error, smtplib.SMTPAuthenticationError):  # our settings, not this message: retry
        return Failure(False, printable(f"The mail server refused the portal's sign-in: {error}"))
    code = _smtp_code(error)
    if code is not None:
        detail = printable(f"{type(error).__name__}: {error}")
        return Failure(500 <= code < 600, f"The mail server answered {code}. {detail}"[:REASON_LIMIT])
    if isinstance(error, OSError):  # connection refused, reset, timed out, server disconnected
        return Failure(False, printable(f"Could not reach the mail server: {type(error).__name__}: {error}"))
    return Failure(False, printable(f"Unexpected error while sending: {type(error).__name__}: {error}"))


class MessageIdFileBackend(BaseEmailBackend):
    def __init__(self, *args, file_path=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.directory = Path(file_path or settings.EMAIL_FILE_PATH)
        self.directory.mkdir(parents=True, exist_ok=True)

    def send_messages(self, email_messages) -> int:
        written = 0
        for message in email_messages:
            data = message.message().as_bytes()
            message_id = message.extra_headers.get("Message-ID") or message.message()["Message-ID"]
            name = hashlib.sha256(message_id.encode()).hexdigest() + ".eml"
            temporary = self.directory / f".{name}.{os.getpid()}.tmp"
            temporary.write_bytes(data)
            with open(temporary, "rb") as handle:
                os.fsync(handle.fileno())
            try:
                os.link(temporary, self.directory / name)  # atomic, and fails if already there
                written += 1
            except FileExistsError:
                with open(self.directory / "repeats.log", "a") as log:
                    log.write(message_id + "\n")
            finally:
                temporary.unlink(missing_ok=True)
        return written
