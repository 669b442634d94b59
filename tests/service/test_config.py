"""Settings from the environment and from ``create_app``."""

from __future__ import annotations

import pytest

from service import create_app
from service.config import ENV_NAMES, Settings, load_settings


def test_environment_variables_override_the_defaults() -> None:
    settings = load_settings(environ={"CRONLAB_MAX_COUNT": "50"})

    assert settings.max_count == 50
    assert settings.max_body_bytes == Settings().max_body_bytes


def test_create_app_settings_override_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CRONLAB_MAX_COUNT", "50")

    app = create_app({"max_count": 7, "default_count": 5})
    answer = app.test_client().post(
        "/v1/preview", json={"expression": "* * * * *", "count": 8}
    )

    assert "between 1 and 7: 8" in answer.get_json()["message"]
    assert app.config["MAX_CONTENT_LENGTH"] == Settings().max_body_bytes


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("CRONLAB_MAX_COUNT", "many", "CRONLAB_MAX_COUNT must be an integer"),
        ("CRONLAB_CACHE_SIZE", "-1", "CRONLAB_CACHE_SIZE must not be negative"),
        ("CRONLAB_DEFAULT_COUNT", "0", "CRONLAB_DEFAULT_COUNT must be between"),
        (
            "CRONLAB_MAX_COUNT",
            "0",
            r"CRONLAB_MAX_COUNT must be between 1 and 1000000: 0",
        ),
        (
            "CRONLAB_MAX_DST_YEARS",
            "100",
            r"CRONLAB_MAX_DST_YEARS must be between 1 and 50",
        ),
        ("CRONLAB_MAX_HORIZON_DAYS", "1000", "between 1 and 366: 1000"),
        ("CRONLAB_MAX_SIMULATION_STARTS", "0", "must be at least 1: 0"),
    ],
)
def test_an_unusable_setting_stops_the_start(
    name: str, value: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_settings(environ={name: value})


def test_an_unknown_setting_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown service settings"):
        create_app({"max_cuont": 3})


def test_every_setting_has_a_cronlab_variable() -> None:
    assert all(name.startswith("CRONLAB_") for name in ENV_NAMES.values())
    assert set(ENV_NAMES) == set(Settings.__dataclass_fields__)
