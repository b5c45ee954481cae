"""Run by bench/http_load.py in the scratch database: an RDM client's token, and the API page it reads."""

import sys

from bench.probe_common import api_token, emit, setup_django

setup_django()

if __name__ == "__main__":
    from django.test import Client

    token = api_token("RDM", ["people:read"], name="bench http")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(sys.argv[2])
    assert response.status_code == 200, response.content[:300]
    with open(sys.argv[1], "wb") as out:
        out.write(response.content)
    emit({"token": token, "bytes": len(response.content), "rows": len(response.json()["results"])})
