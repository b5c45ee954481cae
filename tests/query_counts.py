"""A list costs the same queries for 2 rows as for 20: no query per row (an N+1 fails here)."""

from collections.abc import Callable

from django.db import connection
from django.test.utils import CaptureQueriesContext


def assert_queries_do_not_grow(django_assert_num_queries, *, add_rows: Callable[[int], object],
                               open_list: Callable[[], object]) -> None:
    """Build 2 rows and count the list's queries; build 18 more and the count is the same.

    The list is opened once before counting, so the session's first-request work is not counted.
    """
    add_rows(2)
    open_list()
    with CaptureQueriesContext(connection) as with_two:
        open_list()
    add_rows(18)
    with django_assert_num_queries(len(with_two)):
        open_list()


def page_opener(client, url: str, *, expect: Callable[[], str] | None = None):
    """open_list for a page or API list: asserts 200, and that the newest row is shown if asked."""

    def open_list():
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        if expect is not None:
            assert expect() in response.content.decode()
        return response

    return open_list
