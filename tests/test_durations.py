"""Duration text and duration models."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cronlab.durations import (
    Cycle,
    DurationError,
    Fixed,
    FromCallable,
    Normal,
    Percentiles,
    duration_model,
    format_duration,
    parse_duration,
    parse_duration_model,
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("40m", 2400),
        ("1h30m", 5400),
        ("90s", 90),
        ("1.5h", 5400),
        ("7d", 604800),
        ("500ms", 0.5),
        ("2h0m5s", 7205),
    ],
)
def test_durations_read_like_go_durations_with_days(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "40", "m", "40 m", "-5m", "1x", "1h-5m", "400d"])
def test_bad_durations_are_refused_naming_the_text(text: str) -> None:
    with pytest.raises(DurationError, match=repr(text).replace("(", r"\(")):
        parse_duration(text)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(2400, "40m"), (5400, "1h30m"), (3600, "1h"), (12.5, "12.5s"), (90000, "1d1h")],
)
def test_durations_print_compactly(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_a_single_value_is_fixed_and_a_list_is_cycled() -> None:
    assert parse_duration_model("40m") == Fixed(2400)
    cycle = parse_duration_model("10m, 20m,30m")
    assert cycle == Cycle((600, 1200, 1800))
    assert [cycle(i, 0) for i in range(4)] == [600, 1200, 1800, 600]


def test_percentiles_interpolate_and_stay_within_the_given_points() -> None:
    model = parse_duration_model("p50=30m,p90=45m,p99=1h", seed=7)
    assert isinstance(model, Percentiles)
    draws = [model(0, t) for t in range(0, 3_600_000, 3600)]
    assert min(draws) == 1800
    assert max(draws) <= 3600
    assert any(1800 < d < 2700 for d in draws)
    # About half the draws sit at or below the median.
    share = sum(d <= 1800 for d in draws) / len(draws)
    assert 0.4 < share < 0.6


def test_a_seeded_draw_repeats_and_follows_the_start_time_not_the_order() -> None:
    one = parse_duration_model("mean=40m,spread=10m", seed=3)
    two = parse_duration_model("mean=40m,spread=10m", seed=3)
    other_seed = parse_duration_model("mean=40m,spread=10m", seed=4)
    assert isinstance(one, Normal)
    assert one(0, 1000) == two(5, 1000)
    assert one(0, 1000) != other_seed(0, 1000)
    draws = [one(0, t) for t in range(0, 2_000_000, 1000)]
    assert 2300 < sum(draws) / len(draws) < 2500


def test_a_normal_draw_is_never_below_one_second() -> None:
    model = Normal(mean=5, spread=100, seed=1)
    assert min(model(0, t) for t in range(500)) == 1.0


@pytest.mark.parametrize(
    "text",
    ["p50=30m,p90=20m", "p120=1h", "x=1m", "mean=40m", "40m,p50=1m"],
)
def test_malformed_distributions_are_refused(text: str) -> None:
    with pytest.raises(DurationError):
        parse_duration_model(text)


def test_a_python_callable_gives_durations_from_the_scheduled_time() -> None:
    def longer_on_mondays(index: int, scheduled: datetime) -> timedelta:
        return timedelta(hours=2 if scheduled.weekday() == 0 else 1)

    model = duration_model(longer_on_mondays)
    assert isinstance(model, FromCallable)
    monday = int(datetime.fromisoformat("2024-05-06T09:00:00+00:00").timestamp())
    assert model(0, monday) == 7200
    assert model(0, monday + 86400) == 3600
    assert "longer_on_mondays" in model.describe()


def test_a_callable_returning_nonsense_is_refused() -> None:
    def soon(index: int, scheduled: object) -> str:
        return "soon"

    model = duration_model(soon)  # type: ignore[arg-type]
    with pytest.raises(DurationError, match="'soon'"):
        model(0, 0)


def test_numbers_timedeltas_and_lists_become_models() -> None:
    assert duration_model(90) == Fixed(90)
    assert duration_model(timedelta(minutes=2)) == Fixed(120)
    assert duration_model(["1m", 30, timedelta(seconds=5)]) == Cycle((60, 30, 5))
    model = Fixed(5)
    assert duration_model(model) is model
    with pytest.raises(DurationError):
        duration_model([])
    with pytest.raises(DurationError):
        duration_model(True)


def test_nan_is_not_called_negative() -> None:
    with pytest.raises(DurationError, match="not NaN"):
        duration_model(float("nan"))
