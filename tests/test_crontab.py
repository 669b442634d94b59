"""Plain crontab files: lines, environment, zones, problems."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cronlab import CronlabError, ManifestError, TimeZoneError
from cronlab.crontab import is_system_crontab, read_crontab, read_crontab_path

CRONTAB = """\
# m h dom mon dow command
SHELL=/bin/bash
MAILTO = "ops@example.com"

*/5 * * * * /usr/local/bin/poll --quiet
CRON_TZ=Europe/Berlin
30 2 * * * pg_dump db | gzip > /backup/db.gz
TZ=America/New_York
0 9 * * 1-5 report
@daily rotate-logs
@reboot start-agent
   # an indented comment
0 9 * * oops-too-few
CRON_TZ=
TZ=":Asia/Tokyo"
15 7 1 * * invoice
"""


def test_jobs_keep_their_line_command_and_zone_in_force() -> None:
    table = read_crontab(CRONTAB, "crontab")
    got = [(e.line, e.expression, e.zone, e.command) for e in table.entries]
    assert got == [
        (5, "*/5 * * * *", None, "/usr/local/bin/poll --quiet"),
        (7, "30 2 * * *", "Europe/Berlin", "pg_dump db | gzip > /backup/db.gz"),
        # CRON_TZ, the variable meant for the schedule, wins over TZ.
        (9, "0 9 * * 1-5", "Europe/Berlin", "report"),
        (10, "@daily", "Europe/Berlin", "rotate-logs"),
        (11, "@reboot", "Europe/Berlin", "start-agent"),
        # An emptied CRON_TZ hands over to TZ; ':Area/City' is the same zone.
        (16, "15 7 1 * *", "Asia/Tokyo", "invoice"),
    ]
    # Five tokens are time fields without a command: cron skips the line.
    assert [p.line for p in table.problems] == [13]
    assert table.environment["MAILTO"] == "ops@example.com"


def test_a_job_line_without_a_command_is_a_problem_not_a_crash() -> None:
    table = read_crontab("0 9 * * *\n@hourly\n0 1 * * * ok\n", "x")
    assert [p.line for p in table.problems] == [1, 2]
    assert "expected 5 time field(s) then a command" in str(table.problems[0])
    assert [e.line for e in table.entries] == [3]


def test_system_crontabs_have_a_user_field() -> None:
    table = read_crontab(
        "17 * * * * root cd / && run-parts /etc/cron.hourly\n", "x", system=True
    )
    (entry,) = table.entries
    assert (entry.user, entry.command) == ("root", "cd / && run-parts /etc/cron.hourly")
    assert is_system_crontab(Path("etc/cron.d/backup"))
    assert is_system_crontab(Path("/etc/crontab"))
    assert not is_system_crontab(Path("deploy/crontab"))


def test_entries_become_schedules_in_their_zone() -> None:
    table = read_crontab("CRON_TZ=Europe/Berlin\n30 2 * * * backup\n", "x")
    schedule = table.entries[0].schedule(dialect="kubernetes")
    runs = schedule.next_runs(datetime(2026, 1, 1, tzinfo=UTC), 1)
    assert schedule.tz == "Europe/Berlin"
    assert runs[0].utc.isoformat() == "2026-01-01T01:30:00+00:00"


def test_a_reboot_job_and_an_unknown_zone_are_refused_clearly() -> None:
    table = read_crontab("@reboot agent\nCRON_TZ=Mars/Base\n0 1 * * * x\n", "x")
    with pytest.raises(CronlabError, match="@reboot"):
        table.entries[0].schedule()
    with pytest.raises(TimeZoneError, match="Mars/Base"):
        table.entries[1].schedule(dialect="kubernetes")


def test_an_unreadable_file_raises_a_manifest_error(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="cannot read file"):
        read_crontab_path(tmp_path / "missing")
    path = tmp_path / "jobs.cron"
    path.write_text("0 3 * * * nightly\n", "utf-8")
    assert read_crontab_path(path).entries[0].command == "nightly"
