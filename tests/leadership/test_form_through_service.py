"""One policy for running a form through a service (leadership.web): a refusal inside the actor's reach
is a form error in the NHS error summary, and success is a flash message."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from leadership.web import REFUSED, posted, render_form_page, submit


class TitleForm(forms.Form):
    title = forms.CharField(max_length=20)
    due_on = forms.DateField(required=False)


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _refuse(error):
    def call(data):
        raise error
    return call


def test_a_valid_form_runs_the_service_and_says_so():
    request = _request(data={"title": "Shadow a colleague"})
    form = TitleForm(posted(request))
    result = submit(request, form, lambda data: data["title"].upper(), success=lambda r: f"{r} is added.")
    assert result == "SHADOW A COLLEAGUE"
    assert [str(m) for m in get_messages(request)] == ["SHADOW A COLLEAGUE is added."]


def test_nothing_runs_for_a_get_or_an_invalid_form():
    calls = []
    get = _request("get")
    assert submit(get, TitleForm(posted(get)), calls.append) is REFUSED
    bad = _request(data={"title": "x" * 21})
    form = TitleForm(posted(bad))
    assert submit(bad, form, calls.append) is REFUSED
    assert calls == [] and "title" in form.errors


@pytest.mark.parametrize("error, field, text", [
    (ValidationError({"due_on": "The due date must be inside the cycle."}), "due_on",
     "The due date must be inside the cycle."),
    (ValidationError({"owner": "Not a field of this form."}), "__all__", "Not a field of this form."),
    (ValidationError("The cycle is closed."), "__all__", "The cycle is closed."),
    (PermissionDenied("Only the person's line manager may rate them."), "__all__",
     "Only the person's line manager may rate them."),
    (PermissionDenied(), "__all__", "You cannot do that."),
])
def test_a_service_refusal_is_a_form_error_and_no_message(error, field, text):
    request = _request(data={"title": "Shadow a colleague"})
    form = TitleForm(posted(request))
    assert submit(request, form, _refuse(error), success="Saved.") is REFUSED
    assert form.errors[field] == [text]
    assert list(get_messages(request)) == []


def test_the_form_page_shows_the_refusal_in_the_error_summary_with_the_back_link_and_crumbs(db):
    request = _request(data={"title": "Shadow a colleague"})
    form = TitleForm(posted(request))
    submit(request, form, _refuse(ValidationError("The cycle is closed.")))
    html = render_form_page(request, form, title="Add an action", submit="Add", back=("the cycle", "/cycle/"),
                            crumbs=[("Development", "/development/")]).content.decode()
    assert "<title>Error: Add an action" in html
    assert 'class="nhsuk-error-summary"' in html and '<a href="#id_title">The cycle is closed.</a>' in html
    assert '<a class="nhsuk-back-link" href="/cycle/">Back to the cycle</a>' in html
    assert '<a class="nhsuk-breadcrumb__link" href="/">Home</a>' in html
    assert '<a class="nhsuk-breadcrumb__link" href="/development/">Development</a>' in html
