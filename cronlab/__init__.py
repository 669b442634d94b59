"""cronlab: when cron schedules really run.

>>> import cronlab
>>> from datetime import datetime, UTC
>>> s = cronlab.parse("30 1 * * *", tz="America/New_York")
>>> [r.utc.isoformat() for r in s.next_runs(datetime(2024, 11, 2, 12, tzinfo=UTC), 3)]
['2024-11-03T05:30:00+00:00', '2024-11-03T06:30:00+00:00', '2024-11-04T06:30:00+00:00']
"""

from .describe import Description, describe, describe_expression
from .diff import DialectDiff, diff_dialects
from .dst import DstReport, OffsetChange, dst_report, transition_calendar
from .errors import (
    CronlabError,
    DialectError,
    ExpressionError,
    ManifestError,
    TimeZoneError,
)
from .expression import DayRule, Expression, Field
from .run import Note, Run, RunList, SearchEnd
from .schedule import Schedule, parse
from .zones import TZDATA_VERSION, validate_time_zone, zone_names

__all__ = [
    "TZDATA_VERSION",
    "CronlabError",
    "DayRule",
    "Description",
    "DialectDiff",
    "DialectError",
    "DstReport",
    "Expression",
    "ExpressionError",
    "Field",
    "ManifestError",
    "Note",
    "OffsetChange",
    "Run",
    "RunList",
    "Schedule",
    "SearchEnd",
    "TimeZoneError",
    "describe",
    "describe_expression",
    "diff_dialects",
    "dst_report",
    "parse",
    "transition_calendar",
    "validate_time_zone",
    "zone_names",
]
