"""The public API is explicit and stays sorted."""

from __future__ import annotations

import cronlab


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
