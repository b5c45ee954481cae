"""CSV exports of whole API lists, written by PostgreSQL (COPY ... TO STDOUT) a chunk at a time.

A million-row export runs near the database's own speed and holds one chunk in memory. The columns
are the list's (leadership.api.columns.export_column gives the same text as the page's CSV).
"""

from collections.abc import Iterator

from django.db import connection

from leadership.api.columns import export_column
from leadership.api.pagination import keyset_after

EXPORT_CHUNK_ROWS = 20_000  # about 6 MB of CSV held at once


def csv_header(names) -> bytes:
    return (",".join(names) + "\n").encode()  # output names are plain identifiers: nothing to quote


def copy_csv(queryset, columns: dict, ordering=("updated_at", "public_id"),
             chunk_rows: int | None = None) -> Iterator[bytes]:
    """The queryset's rows as CSV with a header, written by PostgreSQL a chunk at a time.

    Each chunk ends at the key found chunk_rows ahead (a cheap index scan), then one COPY writes
    the rows up to it. Chunks walk the keyset order, as the pages do, so a row changed during the
    export can come twice (the later copy is newer), never not at all.
    """
    yield csv_header(columns)
    chunk_rows = chunk_rows or EXPORT_CHUNK_ROWS
    selected = [export_column(queryset.model, spec) for spec in columns.values()]
    queryset = queryset.order_by(*ordering)
    after = None
    while True:
        chunk = queryset if after is None else queryset.filter(keyset_after(ordering, after))
        last = chunk.values_list(*ordering)[chunk_rows - 1: chunk_rows].first()
        if last is not None:
            chunk = chunk.exclude(keyset_after(ordering, last))
        yield _copy(chunk.values_list(*selected))
        if last is None:
            return
        after = last


def _copy(queryset) -> bytes:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        copy = cursor.mogrify(sql, params).decode()
        out = _Buffer()
        cursor.copy_expert(f"COPY ({copy}) TO STDOUT WITH (FORMAT csv)", out)
    return b"".join(out.parts)


class _Buffer:
    """Where COPY writes a chunk: its pieces, joined once at the end."""

    def __init__(self):
        self.parts = []

    def write(self, data) -> int:
        self.parts.append(data if isinstance(data, bytes) else data.encode())
        return len(data)
