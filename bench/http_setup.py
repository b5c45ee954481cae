"""Run by bench/http_load.py in the scratch database: an RDM client's token, the API page it reads,
and what the page's SQL alone costs PostgreSQL.

The page's statements are captured from a second request (the token is then read from Redis, so
they are the page's own) and each is run again REPEATS times on a plain psycopg2 connection: the
median sum is the time PostgreSQL spends on one request, which no change to the Python can remove.
"""

import sys

from bench.probe_common import api_token, emit, setup_django, statements_seconds

setup_django()

REPEATS = 200


if __name__ == "__main__":
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    token = api_token("RDM", ["people:read"], name="bench http")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.get(sys.argv[2])
    assert response.status_code == 200, response.content[:300]
    with CaptureQueriesContext(connection) as captured:
        again = client.get(sys.argv[2])
    assert again.content == response.content
    statements = [query["sql"] for query in captured.captured_queries]
    with open(sys.argv[1], "wb") as out:
        out.write(response.content)
    emit({"token": token, "bytes": len(response.content), "rows": len(response.json()["results"]),
          "page_statements": len(statements), "page_sql_seconds": statements_seconds(statements, REPEATS)})
