"""The words descriptions are built from, one table per language.

Names come from these tables, never from the process locale: a server
running under ``LANG=de_DE`` must still write "Monday" in an English
description, and ``strftime("%A")`` would not.  A new language is a new
:class:`Words` value registered in :data:`LANGUAGES`; the sentence shapes
that differ between languages are the small functions each value carries.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from .errors import CronlabError


@dataclass(frozen=True, slots=True)
class Words:
    """Names and small sentence pieces of one language.

    ``weekdays`` is indexed 0 = Sunday (cron's numbering); ``week_order``
    is the order a reader expects to see them in (Monday first in English,
    so a weekend reads "Saturday and Sunday", not "Sunday and Saturday").
    """

    code: str
    weekdays: tuple[str, ...]
    weekdays_plural: tuple[str, ...]
    months: tuple[str, ...]
    months_short: tuple[str, ...]
    week_order: tuple[int, ...]
    ordinal: Callable[[int], str]
    join: Callable[[Sequence[str]], str]
    join_or: Callable[[Sequence[str]], str]
    phrases: Mapping[str, str]

    def say(self, key: str, /, **values: object) -> str:
        """The phrase ``key`` with ``values`` filled in."""
        return self.phrases[key].format(**values)

    def weekday(self, number: int) -> str:
        """The name of weekday ``number`` (0 or 7 = Sunday)."""
        return self.weekdays[number % 7]

    def month(self, number: int) -> str:
        """The name of month ``number`` (1 = January)."""
        return self.months[number - 1]

    def day_date(self, year: int, month: int, day: int) -> str:
        """A calendar date the short way a reader scans it: ``8 Mar 2026``."""
        return f"{day} {self.months_short[month - 1]} {year:04d}"


def _english_ordinal(number: int) -> str:
    # 11th, 12th, 13th break the last-digit rule.
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _english_join(items: Sequence[str], word: str = "and") -> str:
    if not items:
        return ""
    if len(items) == 1:
        return items[0]
    return f"{', '.join(items[:-1])} {word} {items[-1]}"


def _english_join_or(items: Sequence[str]) -> str:
    return _english_join(items, "or")


# Sentence pieces, by the role they play in a description (describe.py
# assembles them); a translation supplies the same keys.
_ENGLISH_PHRASES = {
    "at_times": "At {times}",
    "every_minute": "Every minute",
    "every_n_minutes": "Every {n} minutes",
    "at_minute": "At minute {minutes}",
    "at_minutes": "At minutes {minutes}",
    "past_every_hour": "past every hour",
    "every_hour_from": "every hour from {first} to {last}",
    "every_n_hours_from": "every {n} hours from {first} to {last}",
    "at_time": "at {time}",
    "between": "between {first} and {last}",
    "every_nth_hour": "in every {nth} hour from {first} to {last}",
    "every_day": "every day",
    "on_days_of_month": "on the {days} of the month",
    "every_nth_day": "on every {nth} day of the month from the {first} to the {last}",
    "on_weekday": "on {weekdays}",
    "weekday_range": "{first} through {last}",
    "weekday_on_days": "on {weekdays} that fall on the {days} of the month",
    "days_when_weekday": ("on the {days} of the month when that day is a {weekdays}"),
    "day_or_weekday": "{days} or {weekdays}",
    "in_months": "in {months}",
    "at_seconds": "at second {seconds}",
    "in_years": "in {years}",
    "last_day": "on the last day of the month",
    "last_workday": "on the last weekday (Monday to Friday) of the month",
    "nearest_workday": (
        "on the weekday (Monday to Friday) nearest the {nth} of the month"
    ),
    "day_of_month": "on the {nth} of the month",
    "raw_days": "on days {text} of the month",
    "nth_weekday": "on the {nth} {weekday} of the month",
    "last_weekday": "on the last {weekday} of the month",
    "raw_weekdays": "on weekdays {text}",
    "both_days": "{days}, when that day is also {weekdays}",
    "month_range": "{first} through {last}",
    "descriptor": "({descriptor})",
    "every_duration": (
        "Every {duration}, counted from the previous run rather than the "
        "clock (the time zone does not apply)"
    ),
    "at_reboot": "Once when the cron daemon starts ({descriptor}), at no clock time",
    "in_zone": "in {zone}",
    "utc_times": "{times} UTC",
    "day_before": "{time} the day before",
    "day_after": "{time} the next day",
    "in_winter": "{what} in winter",
    "in_summer": "{what} in summer",
    "at_offset": "{what} while the offset is {offset}",
    "utc_offset": "UTC{offset}",
    "never": "Never runs: {reason}",
    "no_run_from": "No run from {date}: {reason}",
    "no_value": "the {field} field matches no value",
    "not_exist_one": "{dates} does not exist",
    "not_exist_many": "{dates} do not exist",
    "day_month": "{day} {month}",
    "no_date": "none of the days {days} exists in {months}",
    "hours": "hours",
    "hour": "hour",
    "minutes": "minutes",
    "minute": "minute",
    "seconds": "seconds",
    "second": "second",
    "dst_heading": "Around DST in the coming year",
    "dst_skipped": "no run on {date} at {times} (the clock skips {it})",
    "dst_moved": "on {date} the run at {times} happens at {actual} instead "
    "(the clock skips {it})",
    "dst_twice": "runs twice on {date} at {times} (the clock repeats {it}{utc})",
    "dst_once": "runs once on {date} at {times} although the clock repeats {it}",
    "dst_extra": "an extra run on {date} at {times} ({why})",
    "dst_missing": "no run on {date} at {times} ({why})",
    "it": "it",
    "them": "them",
    "anomaly": "a controller anomaly around the offset change",
    "or_note": (
        "day-of-month and day-of-week are both restricted, so the "
        "{dialect} rules run on days matching either"
    ),
    "ignored_note": (
        "the {field} field changes nothing: the other day field already "
        "matches every day, and {dialect} joins the two with OR"
    ),
}

ENGLISH = Words(
    code="en",
    weekdays=(
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ),
    weekdays_plural=(
        "Sundays",
        "Mondays",
        "Tuesdays",
        "Wednesdays",
        "Thursdays",
        "Fridays",
        "Saturdays",
    ),
    months=(
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    months_short=(
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ),
    week_order=(1, 2, 3, 4, 5, 6, 0),
    ordinal=_english_ordinal,
    join=_english_join,
    join_or=_english_join_or,
    phrases=_ENGLISH_PHRASES,
)

#: Every language a description can be written in, by code.
LANGUAGES: dict[str, Words] = {"en": ENGLISH}


def words_for(language: str) -> Words:
    """The word table of ``language``; raises CronlabError if unknown."""
    try:
        return LANGUAGES[language]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise CronlabError(
            f"no description language {language!r} (known: {known})"
        ) from None
