"""``/v1/zones``: the accepted zone names, cacheable."""

from __future__ import annotations

from flask.testing import FlaskClient


def test_the_zone_list_holds_every_iana_name(client: FlaskClient) -> None:
    answer = client.get("/v1/zones")

    body = answer.get_json()
    assert body["tzdata"] == "2026f"
    assert "America/New_York" in body["zones"]
    assert "Pacific/Kiritimati" in body["zones"]
    assert body["zones"] == sorted(body["zones"])


def test_the_zone_list_revalidates_with_its_etag(client: FlaskClient) -> None:
    etag = client.get("/v1/zones").headers["ETag"]

    again = client.get("/v1/zones", headers={"If-None-Match": etag})

    assert again.status_code == 304
