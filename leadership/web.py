"""One way for a page to run a form through a service (DESIGN.md, "Thin views").

The policy, the same in every app:
- an object outside the actor's reach is a 404, decided before the form by `access.get_or_404`;
- a rule the actor breaks inside their reach (the service raises ValidationError or PermissionDenied)
  is a form error, shown in the NHS error summary, and nothing is written;
- success is a flash message and a redirect, chosen by the view.

    form = forms.ActionForm(posted(request), needs=needs)
    if (action := submit(request, form, lambda data: services.action_create(actor=request.user, **data),
                         success="The action is added.")) is not REFUSED:
        return redirect("development:cycle_detail", public_id=action.cycle.public_id)
    return render(request, "development/action_form.html", {"form": form})
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render

from leadership.person_search import hold_for_search

REFUSED = object()  # submit()'s answer when the form or the service said no (the errors are on the form)


def posted(request: HttpRequest) -> QueryDict | None:
    """The POST data, bound even when empty (an empty confirm form must show its error)."""
    return request.POST if request.method == "POST" else None


def add_refusal(form: forms.BaseForm, error: ValidationError | PermissionDenied) -> None:
    """Put a service's refusal on the form: field errors on their fields, the rest above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return
    form.add_error(None, " ".join(getattr(error, "messages", None) or [str(error) or "You cannot do that."]))


def submit(request: HttpRequest, form: forms.BaseForm, call: Callable[[dict], Any], *,
           success: str | Callable[[Any], str] = "") -> Any:
    """Run a posted, valid form's data through `call` (a service). Returns what the service returned,
    or REFUSED when the request was not a POST, the form was invalid or the service refused."""
    if request.method != "POST" or not form.is_valid():
        hold_for_search(form)  # a person search: show the matches, not the errors of an unsent form
        return REFUSED
    try:
        result = call(form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        add_refusal(form, error)
        return REFUSED
    message = success(result) if callable(success) else success
    if message:
        messages.success(request, message)
    return result


def render_form_page(request: HttpRequest, form: forms.BaseForm, *, title: str, submit: str = "Save",
                     back: tuple[str, str] | None = None, crumbs: list[tuple[str, str]] | None = None,
                     caption: str = "", intro: str = "", status: int | None = None,
                     more: tuple[str, str] | None = None, warning: bool = False) -> HttpResponse:
    """The one form page (templates/components/form_page.html). `back` and `more` (a link under the
    intro, e.g. to what a rule asks for) are (label, url); `warning` makes the button the NHS.UK
    warning button (a destructive action's confirmation)."""
    context = {"form": form, "title": title, "submit": submit, "back": back, "crumbs": crumbs,
               "caption": caption, "intro": intro, "more": more, "warning": warning}
    return render(request, "components/form_page.html", context, status=status)


class ConfirmForm(forms.Form):
    """Only a button: its errors are the service's refusal."""


def confirm_page(request: HttpRequest, *, act: Callable[[], Any], title: str, intro: str, confirm: str,
                 done: str, back: tuple[str, str], success: str = "", caption: str = "",
                 crumbs: list[tuple[str, str]] | None = None) -> HttpResponse:
    """The one confirmation of a destructive action (cancel, withdraw, revoke, remove): a GET shows
    what will happen and a warning button, the POST does it through `act` (a service) and goes to
    `done`; a refusal is shown on this page and nothing is written. Links, not buttons, lead here."""
    form = ConfirmForm(posted(request))
    if submit(request, form, lambda _: act(), success=success) is not REFUSED:
        return redirect(done)
    return render_form_page(request, form, title=title, submit=confirm, back=back, crumbs=crumbs,
                            caption=caption, intro=intro, warning=True)


CONFIRMED = "confirmed"  # the hidden field a confirm_step page adds to the data it posts again


def confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "yes"


def confirm_step(request: HttpRequest, form: forms.BaseForm, *, title: str, intro: str, confirm: str,
                 back: tuple[str, str]) -> HttpResponse:
    """A destructive choice made inside a larger form (withdrawing a nomination among the decisions):
    the valid form's data is posted again from a page that says what will happen, with the warning
    button; the view acts only when `confirmed(request)`."""
    carried = [(form.add_prefix(name), value) for name in form.fields
               for value in form.data.getlist(form.add_prefix(name))]
    return render(request, "components/confirm_step.html", {
        "title": title, "intro": intro, "confirm": confirm, "back": back, "carried": carried,
        "confirmed": CONFIRMED})
