"""The one Markdown renderer for user text (broadcasts, board posts): pages, emails and exports use it.

Markdown is parsed with raw HTML switched off (a typed <script> stays text), then the HTML is cleaned
again by nh3 with a short allow-list, so a gap in either step is closed by the other. Links keep only
http, https and mailto, and open nothing with the portal's privileges (rel="noopener noreferrer nofollow").
"""

import html
import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

from leadership.exports import safe_cell

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "h3",
        "h4",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
MAX_LENGTH = 20_000  # characters of Markdown: a broadcast or a post, never a document dump

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)
# Headings inside user text sit under the page's own h1 and h2: # and ## become h3, the rest h4.
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _demote(match: re.Match) -> str:
    return f"<{match.group(1)}h{3 if match.group(2) in '12' else 4}>"


def to_html(source: str) -> SafeString:
    """Sanitised HTML for a page or an HTML email."""
    rendered = _HEADING.sub(_demote, _parser.render(source or ""))
    cleaned = nh3.clean(
        rendered,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just cleaned it to the allow-list above


def to_text(source: str) -> str:
    """Plain text for an email body or a notification: the rendered words, no markup at all."""
    without_tags = nh3.clean(str(to_html(source)), tags=set(), strip_comments=True)
    text = html.unescape(without_tags)
    # Whatever survived as text is words: take out angle brackets so no mail client reads a tag.
    text = text.replace("<", "‹").replace(">", "›")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def to_cell(source: str) -> str:
    """A CSV cell: the plain text, with a leading =, +, - or @ neutralised against formula injection."""
    return safe_cell(to_text(source))
