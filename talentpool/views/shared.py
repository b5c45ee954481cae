"""What the talent pages share: page size and the back links of the form pages."""

from django.urls import reverse

PAGE_SIZE = 25


def back_to(label: str, name: str, *args) -> tuple[str, str]:
    """A form page's back link, (label, url), read as "Back to <label>"."""
    return label, reverse(name, args=args or None)


def list_filter(request, form_class, **kwargs):
    """A list's filter form from the query string: (form, cleaned data or {} when invalid, the query
    without its page number for the pagination links). Bad input is a form error, never a 500."""
    form = form_class(request.GET or None, **kwargs)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    query = request.GET.copy()
    query.pop("page", None)
    return form, data, query.urlencode()
