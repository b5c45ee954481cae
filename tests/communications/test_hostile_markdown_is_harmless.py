"""Hostile Markdown and HTML in broadcasts and board posts render harmless everywhere they go: the
renderer itself, the pages, the emails (the weekly digest, a reply to a followed thread) and the CSV
export. The payloads are the stored-markup test's few hundred, plus Markdown's own ways in (links and
images with javascript: or data: targets, reference links, autolinks, raw HTML blocks)."""

import csv
import io
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from communications import markdown, services
from communications.models import Board, BroadcastCategory
from leadership import notifications
from leadership.models import Notification, OrganisationKind, Role
from tests.factories import OrganisationFactory, user_with_person
from tests.test_stored_markup import MARK, PAYLOADS, _Findings

pytestmark = pytest.mark.django_db

MARKDOWN_PAYLOADS = [
    f"[Open {MARK}](javascript:alert(1))",
    f"[Open {MARK}](JaVaScRiPt:alert(1))",
    f"[Open {MARK}](  javascript:alert(1)  )",
    f"[Open {MARK}](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    f"[Open {MARK}](vbscript:msgbox(1))",
    f"![{MARK}](javascript:alert(1))",
    f"![{MARK}](https://evil.example/track.gif)",
    f'[Open {MARK}](https://example.org "a\\" onmouseover=\\"alert(1)")',
    f"[Open {MARK}][ref]\n\n[ref]: javascript:alert(1)",
    f"<javascript:alert(1)> {MARK}",
    f"<div {MARK} onclick=alert(1)>\n\n**bold**\n\n</div>",
    f"<!-- {MARK} --><script>alert(1)</script>",
    f"```html\n<script {MARK}>alert(1)</script>\n```",
    f"| a | b |\n|---|---|\n| <img {MARK} src=x onerror=alert(1)> | x |",
    f"# <svg {MARK} onload=alert(1)>",
    f"[Open {MARK}](&#106;avascript:alert(1))",
    f"[Open {MARK}](java&#x09;script:alert(1))",
    f'=HYPERLINK("https://evil.example","{MARK}")',
    f"+cmd|' /C calc'!A0 {MARK}",
    f"@SUM(1+1) {MARK}",
]
ALL = PAYLOADS + MARKDOWN_PAYLOADS
JAVASCRIPT = ("javascript:", "vbscript:", "data:")


class _Urls(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value or "" for name, value in attrs if name in {"href", "src", "action", "formaction"}]


def _urls(html: str) -> list[str]:
    """The URLs of real attributes (not text that looks like one)."""
    parser = _Urls()
    parser.feed(html)
    return parser.urls


def _injected(html: str) -> list[str]:
    findings = _Findings()
    findings.feed(html)
    findings.close()
    return findings.injected


def test_there_are_a_few_hundred_payloads():
    assert len(ALL) >= 290


@pytest.mark.parametrize("payload", ALL)
def test_the_renderer_keeps_no_element_attribute_or_script_link_of_a_payload(payload):
    html = str(markdown.to_html(payload))
    assert _injected(html) == []
    assert "<img" not in html and "<script" not in html.lower() and "<iframe" not in html.lower()
    for url in _urls(html):
        assert not url.strip().lower().startswith(JAVASCRIPT), html
    assert "<" not in markdown.to_text(payload) and ">" not in markdown.to_text(payload)


def test_plain_markdown_still_renders():
    html = str(markdown.to_html("# Title\n\n**bold** and [a link](https://www.nhs.uk)\n\n- one\n- two"))
    assert "<h3>Title</h3>" in html and "<strong>bold</strong>" in html and "<li>one</li>" in html
    assert '<a href="https://www.nhs.uk" rel="noopener noreferrer nofollow">a link</a>' in html


@pytest.fixture
def national_admin():
    national = OrganisationFactory(ods_code="X24", kind=OrganisationKind.NATIONAL_BODY, name="NHS England")
    return user_with_person(national, role=Role.NATIONAL_ADMIN)


def _chunks(size=60):
    return [ALL[i : i + size] for i in range(0, len(ALL), size)]


def test_broadcast_pages_emails_and_the_export_show_payloads_as_text_only(
    client_for, national_admin, same_org
):
    reader = user_with_person(same_org, first_name="Rae", last_name="Reader")
    broadcasts = []
    for index, chunk in enumerate(_chunks()):
        broadcasts.append(
            services.broadcast_send(
                actor=national_admin,
                sender_organisation=national_admin.person.organisation,
                everyone=True,
                title=f"{MARK}t{index} " + chunk[0][:150],
                body="\n\n".join(chunk),
                category=BroadcastCategory.NEWS,
                publish_at=timezone.now() - timedelta(minutes=index + 1),
            )
        )

    client = client_for(reader)
    for broadcast in broadcasts:
        response = client.get(broadcast.get_absolute_url())
        assert response.status_code == 200
        assert _injected(response.content.decode()) == []
        assert MARK in response.content.decode()
    for url in (reverse("communications:broadcast_feed"), reverse("home")):
        assert _injected(client.get(url).content.decode()) == []

    # The reader opened them all; someone who has not gets them in the digest.
    late = user_with_person(same_org, first_name="Lou", last_name="Late")
    assert services.broadcast_digest_send() >= 1
    digest = Notification.objects.get(recipient=late, kind="broadcast_digest")
    mail.outbox.clear()
    assert notifications.send(notification_id=digest.id)
    email = mail.outbox[0]
    assert MARK in email.body
    for forbidden in ("<script", "<img", "<a ", "<svg", "<iframe", "<meta", "<base", "<form", "<style"):
        assert forbidden not in email.body.lower()
    assert not getattr(email, "alternatives", [])  # plain text only: no HTML part to carry markup

    export = client_for(national_admin).get(reverse("communications:broadcast_export"))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(rows) == len(broadcasts) + 1
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
            assert "<" not in cell and ">" not in cell


def test_board_pages_and_reply_emails_show_payloads_as_text_only(client_for, same_org, other_org):
    services.boards_ensure()
    follower = user_with_person(other_org, first_name="Fay", last_name="Follower")
    board = Board.objects.get(slug="leading-with-care")
    thread = services.thread_create(
        actor=follower, board=board, title=f"{MARK} <b {MARK}>Thread</b>", body=ALL[0], tags=["safety"]
    )
    for index, chunk in enumerate(_chunks(30)):  # a writer each: one person may not post this much
        writer = user_with_person(same_org, first_name=f"Wyn{index}", last_name="Writer")
        services.reply_create(actor=writer, thread=thread, body="\n\n".join(chunk))

    for url in (
        thread.get_absolute_url(),
        reverse("communications:board_detail", args=[board.slug]),
        reverse("communications:board_search") + f"?q={MARK}",
    ):
        response = client_for(writer).get(url)
        assert response.status_code == 200
        assert _injected(response.content.decode()) == []
        assert MARK in response.content.decode()

    sent = Notification.objects.filter(recipient=follower, kind="board_reply")
    assert sent.count() == len(_chunks(30))
    mail.outbox.clear()
    for notification in sent:
        notifications.send(notification_id=notification.id)
    assert mail.outbox
    for email in mail.outbox:
        for forbidden in ("<script", "<img", "<a ", "<svg", "<iframe", "<meta", "<base", "<form", "<style"):
            assert forbidden not in email.body.lower()
