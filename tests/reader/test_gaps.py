"""Gap detection: missing page labels in an issue, missing issues of a regular publication."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.gaps import (
    DateGap,
    PageLabel,
    Rhythm,
    infer_rhythm,
    missing_dates,
    missing_page_labels,
    split_label,
)


def _days(start: dt.date, *offsets: int) -> list[dt.date]:
    return [start + dt.timedelta(days=offset) for offset in offsets]


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("D5", PageLabel("D", 5, 1)),
        ("05", PageLabel("", 5, 2)),
        ("A12", PageLabel("A", 12, 1)),
        ("第3版", PageLabel("第", 3, 1, "版")),
        ("封面", None),
        ("", None),
    ],
)
def test_split_label(label: str, expected: PageLabel | None) -> None:
    assert split_label(label) == expected


def test_a_hole_in_a_run_of_pages_is_reported_in_the_run_s_style() -> None:
    labels = ["D1", "D2", "D3", "D4", "D6", "D7", "D8"]
    assert missing_page_labels(labels) == ["D5"]
    assert missing_page_labels(["01", "02", "04", "05"]) == ["03"]


def test_pages_are_counted_from_one_in_each_section() -> None:
    assert missing_page_labels(["A2", "A3", "B1", "B3"]) == ["A1", "B2"]
    assert missing_page_labels(["第2版", "第3版"]) == ["第1版"]


def test_complete_runs_and_unnumbered_pages_have_no_gap() -> None:
    assert missing_page_labels(["A1", "A2", "A3"]) == []
    assert missing_page_labels(["封面", "封底"]) == []
    assert missing_page_labels([]) == []


def test_an_absurd_page_number_is_not_a_hundred_missing_pages() -> None:
    assert missing_page_labels(["1", "2", "1998"]) == []
    assert missing_page_labels(["1", "3", "1998"], max_page=2000)[:1] == ["2"]


def test_a_weekly_rhythm_and_its_missing_week() -> None:
    fridays = _days(dt.date(2024, 1, 5), 0, 7, 14, 28, 35, 42)
    rhythm = infer_rhythm(fridays)
    assert rhythm is not None and rhythm.step_days == 7
    assert missing_dates(fridays) == [DateGap(dt.date(2024, 1, 26), dt.date(2024, 1, 26), 1)]


def test_a_long_pause_is_one_gap_with_a_count() -> None:
    weekly = _days(dt.date(2024, 1, 5), 0, 7, 14, 21, 63, 70)
    gaps = missing_dates(weekly)
    assert gaps == [DateGap(dt.date(2024, 2, 2), dt.date(2024, 3, 1), 5)]


def test_an_issue_moved_by_a_holiday_is_not_a_gap() -> None:
    shifted = _days(dt.date(2024, 1, 5), 0, 7, 14, 20, 28, 35)
    assert infer_rhythm(shifted) is not None
    assert missing_dates(shifted) == []


def test_a_daily_paper_without_sunday_issues_misses_no_sundays() -> None:
    start = dt.date(2024, 1, 1)  # a Monday
    dates = [start + dt.timedelta(days=n) for n in range(35) if (start.weekday() + n) % 7 != 6]
    rhythm = infer_rhythm(dates)
    assert rhythm is not None and rhythm.step_days == 1 and 6 not in rhythm.weekdays
    assert missing_dates(dates) == []
    without_wednesday = [day for day in dates if day != dt.date(2024, 1, 17)]
    assert missing_dates(without_wednesday) == [
        DateGap(dt.date(2024, 1, 17), dt.date(2024, 1, 17), 1)
    ]


def test_no_rhythm_from_too_few_or_irregular_dates() -> None:
    assert infer_rhythm(_days(dt.date(2024, 1, 1), 0, 7, 14)) is None
    assert infer_rhythm(_days(dt.date(2024, 1, 1), 0, 3, 11, 12, 30, 47)) is None
    assert missing_dates(_days(dt.date(2024, 1, 1), 0, 3, 11, 12, 30, 47)) == []


def test_an_explicit_rhythm_is_used_as_given() -> None:
    dates = _days(dt.date(2024, 1, 1), 0, 14)
    assert missing_dates(dates, Rhythm(step_days=7, share=1.0)) == [
        DateGap(dt.date(2024, 1, 8), dt.date(2024, 1, 8), 1)
    ]
