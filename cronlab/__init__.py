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
from .durations import DurationError, duration_model, parse_duration
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
from .simulate import Scenario, Simulation, SimulationError, Window
from .zones import TZDATA_VERSION, validate_time_zone, zone_names

__all__ = [
    "TZDATA_VERSION",
    "CronlabError",
    "DayRule",
    "Description",
    "DialectDiff",
    "DialectError",
    "DstReport",
    "DurationError",
    "Expression",
    "ExpressionError",
    "Field",
    "ManifestError",
    "Note",
    "OffsetChange",
    "Run",
    "RunList",
    "Scenario",
    "Schedule",
    "SearchEnd",
    "Simulation",
    "SimulationError",
    "TimeZoneError",
    "Window",
    "describe",
    "describe_expression",
    "diff_dialects",
    "dst_report",
    "duration_model",
    "parse",
    "parse_duration",
    "transition_calendar",
    "validate_time_zone",
    "zone_names",
]
