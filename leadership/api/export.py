"""CSV exports of whole API lists, written by PostgreSQL (COPY ... TO STDOUT) a chunk at a time.

A million-row export runs near the database's own speed and holds one chunk in memory. The columns
are the list's (leadership.api.columns.export_column gives the same text as the page's CSV).
"""

import io
from collections.abc import Iterator

from django.core.exceptions import EmptyResultSet
from django.db import connections

from leadership.api.columns import export_column
from leadership.api.pagination import keyset_after, keyset_up_to

EXPORT_CHUNK_ROWS = 50_000  # about 15 MB of CSV held at once


def csv_header(names) -> bytes:
    return (",".join(names) + "\n").encode()  # output names are plain identifiers: nothing to quote


def copy_csv(queryset, columns: dict, ordering=("updated_at", "public_id"),
             chunk_rows: int | None = None) -> Iterator[bytes]:
    """The queryset's rows as CSV with a header, written by PostgreSQL a chunk at a time.

    Each chunk ends at the key found chunk_rows ahead (a cheap index scan), then one COPY writes
    the rows up to it. Chunks walk the keyset order, as the pages do: a row changed during the
    export can come twice (the later copy is newer), and one committed late by a long transaction
    can be missed, which is why a delta pull overlaps the previous one (docs/api.md).
    """
    yield csv_header(columns)
    selected = [export_column(queryset.model, spec) for spec in columns.values()]
    for chunk in export_chunks(queryset, ordering, chunk_rows or EXPORT_CHUNK_ROWS):
        yield _copy(chunk.values_list(*selected))


def export_chunks(queryset, ordering, chunk_rows: int) -> Iterator:
    """The ordered queryset cut along the keyset into querysets of chunk_rows rows (the last fewer),
    each bounded at both ends by row comparisons that the (moment, id) index scans between."""
    queryset = queryset.order_by(*ordering)
    after = None
    while True:
        chunk = queryset if after is None else queryset.filter(keyset_after(ordering, after))
        last = chunk.values_list(*ordering)[chunk_rows - 1: chunk_rows].first()
        if last is not None:
            chunk = chunk.filter(keyset_up_to(ordering, last))
        yield chunk
        if last is None:
            return
        after = last


def _copy(queryset) -> bytes:
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a scope that can match nothing (an empty id list): no rows, no query
        return b""
    out = io.BytesIO()  # psycopg2 writes each row separately: a C buffer keeps that cheap
    with connections[queryset.db].cursor() as cursor:
        copy = cursor.mogrify(sql, params).decode()
        cursor.copy_expert(f"COPY ({copy}) TO STDOUT WITH (FORMAT csv)", out)
    return out.getvalue()
