"""The public API is explicit and stays sorted."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

import cronlab
from cronlab.durations import duration_model
from cronlab.simulate import Scenario, parse_window, simulate


def _isort_key(name: str) -> tuple[int, str]:
    # Constants, then classes, then functions, each alphabetical: the order
    # ruff keeps __all__ in.
    kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
    return kind, name


def test_all_is_sorted_and_every_name_exists() -> None:
    assert cronlab.__all__ == sorted(cronlab.__all__, key=_isort_key)
    for name in cronlab.__all__:
        assert hasattr(cronlab, name), name


def test_errors_share_one_root_and_stay_value_errors() -> None:
    for error in (cronlab.ExpressionError, cronlab.TimeZoneError, cronlab.DialectError):
        assert issubclass(error, cronlab.CronlabError)
        assert issubclass(error, ValueError)


A_DAY = datetime(2026, 1, 1, tzinfo=UTC)
DAILY = cronlab.parse("0 0 * * *")
FORTY_MINUTES = duration_model("40m")


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: cronlab.parse("0 0 * * *", tz=5), "IANA name, not int: '5'"),
        (lambda: DAILY.next_runs(None, 1), "aware datetime, not NoneType"),
        (lambda: DAILY.next_runs("2026-01-01", 1), "aware datetime, not str"),
        (lambda: DAILY.next_runs(date(2026, 1, 1), 1), "aware datetime, not date"),
        (lambda: list(DAILY.between("x", "y")), "aware datetime, not str"),
        (lambda: cronlab.describe("0 0 * * *"), "describe takes a Schedule"),
        (lambda: cronlab.transition_calendar(5, A_DAY), "IANA name, not int"),
        (
            lambda: simulate(
                Scenario(DAILY, A_DAY, float("nan"), FORTY_MINUTES), "Allow"
            ),
            "horizon_seconds must be finite: nan",
        ),
        (
            lambda: simulate(Scenario(DAILY, A_DAY, "1d", FORTY_MINUTES), "Allow"),
            "horizon_seconds must be a number of seconds: '1d'",
        ),
        (
            lambda: simulate(Scenario(DAILY, A_DAY, 86400, "40m"), "Allow"),
            "duration must be a duration model, e.g. duration_model('40m')",
        ),
        (
            lambda: cronlab.dst_report("0 8 * * *", "UTC", dialects=5),
            "dialects is a list of dialect names: 5",
        ),
        (
            lambda: simulate(
                Scenario(DAILY, A_DAY, 86400, FORTY_MINUTES, downtime=("+1h/2h",)),
                "Allow",
            ),
            "downtime is a tuple of Window values",
        ),
        (lambda: simulate(None, "Allow"), "simulate takes a Scenario: None"),
        (lambda: parse_window(None, A_DAY), "takes START/END text"),
    ],
)
def test_arguments_of_the_wrong_kind_raise_cronlab_errors_saying_so(
    call: Callable[[], object], fragment: str
) -> None:
    with pytest.raises(cronlab.CronlabError) as caught:
        call()
    assert fragment in str(caught.value)


def test_one_dialect_name_is_one_dialect_not_its_letters() -> None:
    report = cronlab.dst_report("30 2 * * *", "Europe/Berlin", dialects="vixie")

    assert report.dialects == ("vixie",)
