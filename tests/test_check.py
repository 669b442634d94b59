"""Checking manifests: what makes a CronJob invalid, and what is said of it."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cronlab.check import check_paths, check_text

from .shared import shared_path

AFTER = datetime(2026, 12, 3, tzinfo=UTC)

TEMPLATE = """\
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers: [{name: main, image: busybox}]
"""


def cronjob(name: str, schedule: str, extra: str = "") -> str:
    return (
        f"apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: {name}}}\n"
        f'spec:\n  schedule: "{schedule}"\n{extra}{TEMPLATE}'
    )


def test_two_objects_merged_by_a_missing_separator_are_invalid() -> None:
    text = cronjob("first", "0 1 * * *") + cronjob("second", "0 2 * * *")

    report = check_text(text, "merged.yaml", AFTER, 1)

    [item] = report.cronjobs
    assert not item.valid
    assert report.exit_status == 1
    [error] = [p for p in item.problems if p.level == "error"]
    assert "'apiVersion', 'kind', 'metadata', 'spec' appear twice" in error.message
    assert "a missing '---'" in error.message


def test_a_schedule_that_never_runs_is_valid_but_says_so() -> None:
    report = check_text(cronjob("never", "0 0 30 2 *"), "never.yaml", AFTER, 3)

    [item] = report.cronjobs
    assert item.valid
    assert not item.runs
    assert [p.message for p in item.problems] == [
        "never runs: 30 February does not exist"
    ]


def test_a_refused_zone_gets_no_runs_in_another_zone() -> None:
    text = cronjob("local", "0 9 * * *", "  timeZone: Local\n")

    [item] = check_text(text, "local.yaml", AFTER, 3).cronjobs

    assert not item.valid
    assert item.schedule is None
    assert not item.runs


def test_a_folder_without_manifests_is_unusable_input(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a manifest")

    report = check_paths([tmp_path], AFTER, 3)

    assert report.exit_status == 2
    assert report.unreadable == [
        f"no .yaml, .yml or .json file in folder: {str(tmp_path)!r}"
    ]


def test_an_empty_file_or_empty_stdin_is_unusable_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("# nothing but a comment\n")

    report = check_paths([empty, "-"], AFTER, 3, stdin_data=b"")

    assert report.exit_status == 2
    assert sorted(report.unreadable) == [
        f"no YAML document in {str(empty)!r}",
        "no YAML document in standard input",
    ]


def test_an_empty_list_from_kubectl_is_no_cronjob_not_an_error() -> None:
    report = check_paths(["-"], AFTER, 3, stdin_data=b"kind: List\nitems: []\n")

    assert report.exit_status == 0
    assert not report.cronjobs


def test_a_real_utc_bst_comment_is_flagged() -> None:
    manifest = shared_path("realworld", "041-moj-lao-dlq-utc-bst-comment.yaml")

    [item] = check_paths([manifest], AFTER, 1).cronjobs

    assert item.valid
    assert any("10:00 BST in July" in p.message for p in item.problems)


def test_values_that_are_not_objects_are_skipped_with_what_they_are() -> None:
    report = check_text('kind: List\nitems: [1, null, "x"]\n', "<stdin>", AFTER, 1)

    assert [(s.where, s.reason) for s in report.skipped] == [
        ("<stdin> items[0]", "a YAML number, not a Kubernetes object"),
        ("<stdin> items[1]", "a YAML null, not a Kubernetes object"),
        ("<stdin> items[2]", "a YAML string, not a Kubernetes object"),
    ]


def test_an_empty_document_after_a_separator_is_not_reported() -> None:
    report = check_text(cronjob("a", "0 1 * * *") + "---\n", "<stdin>", AFTER, 1)

    assert report.skipped == [] and len(report.cronjobs) == 1


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_without_end_is_read_only_up_to_the_cap() -> None:
    report = check_paths(["/dev/zero"], AFTER, 1)

    assert report.unreadable == ["file is larger than 10485760 bytes: '/dev/zero'"]


def test_binary_input_says_it_is_not_text_the_same_way_from_file_or_stdin(
    tmp_path: Path,
) -> None:
    binary = tmp_path / "image.yaml"
    binary.write_bytes(b"kind: \xff\xfe\n")

    from_file = check_paths([binary], AFTER, 1).unreadable
    from_stdin = check_paths(["-"], AFTER, 1, stdin_data=binary.read_bytes()).unreadable

    assert "byte 0xff at offset 6 is not UTF-8 text" in from_file[0]
    assert "byte 0xff at offset 6 is not UTF-8 text" in from_stdin[0]


def test_a_near_miss_of_the_kind_is_an_invalid_cronjob_not_another_kind() -> None:
    text = cronjob("nightly", "0 1 * * *").replace("kind: CronJob", "kind: Cronjob")

    report = check_text(text, "a.yaml", AFTER, 1)

    (item,) = report.cronjobs
    assert report.exit_status == 1
    assert item.problems[0].message == (
        "no such kind (did you mean 'CronJob'?): 'Cronjob'"
    )


def test_a_cronjob_of_an_unknown_api_version_is_invalid() -> None:
    text = cronjob("nightly", "0 1 * * *").replace("batch/v1", "batch/v2")

    (item,) = check_text(text, "a.yaml", AFTER, 1).cronjobs

    assert item.problems[0].field == "apiVersion"
    assert item.problems[0].message.endswith(": 'batch/v2'")


def test_other_kinds_are_still_passed_over() -> None:
    report = check_text(
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\n", "a.yaml", AFTER, 1
    )

    assert not report.cronjobs
    assert [s.reason for s in report.skipped] == ["not a CronJob"]


def test_the_items_of_a_cronjob_list_from_the_api_are_cronjobs() -> None:
    item = cronjob("nightly", "0 1 * * *").split("\n", 2)[2]  # no kind, apiVersion
    text = "apiVersion: batch/v1\nkind: CronJobList\nitems:\n- " + item.replace(
        "\n", "\n  "
    )

    (found,) = check_text(text, "list.yaml", AFTER, 1).cronjobs

    assert found.cronjob.name == "nightly"
    assert found.problems == []


def test_a_cronjob_of_another_api_group_is_passed_over() -> None:
    text = cronjob("nightly", "0 1 * * *").replace(
        "batch/v1", "batch.tutorial.kubebuilder.io/v1"
    )

    report = check_text(text, "crd.yaml", AFTER, 1)

    assert not report.cronjobs
    assert [s.reason for s in report.skipped] == [
        "not a batch CronJob (apiVersion 'batch.tutorial.kubebuilder.io/v1')"
    ]
