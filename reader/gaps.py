"""Gaps in an archive: page labels missing from an issue, issues missing from a publication."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LABEL_PATTERN = re.compile(r"^(?P<prefix>\D*?)(?P<number>\d{1,4})(?P<suffix>\D*)$")
DEFAULT_MAX_PAGE = 64
WEEK = 7


@dataclass(frozen=True, slots=True)
class PageLabel:
    """A page label split into its parts: ``D05`` is prefix ``D``, number 5, width 2."""

    prefix: str
    number: int
    width: int
    suffix: str = ""

    def with_number(self, number: int) -> str:
        """The label of another page of the same section, written the same way."""
        return f"{self.prefix}{number:0{self.width}d}{self.suffix}"


@functools.lru_cache(maxsize=4096)  # an archive has few distinct labels; the tree asks often
def split_label(label: str) -> PageLabel | None:
    """Split a page label into section prefix and page number.

    Args:
        label: a page label such as ``D5``, ``A12``, ``05`` or ``第3版``.

    Returns:
        The parts, or None when the label carries no page number.
    """
    match = LABEL_PATTERN.match(label.strip())
    if match is None:
        return None
    digits = match["number"]
    width = len(digits) if digits.startswith("0") else 1
    return PageLabel(match["prefix"], int(digits), width, match["suffix"])


def missing_page_labels(labels: Iterable[str], *, max_page: int = DEFAULT_MAX_PAGE) -> list[str]:
    """The page labels missing from an issue's runs of numbered pages.

    Pages are grouped by section (prefix and suffix: ``A``, ``D``, ``第…版``); in each
    section the pages are numbered from 1 up to the highest page present, so every number
    below the highest one that is absent is reported, written like its neighbours
    (``D5``, ``05``). Labels without a number are ignored, and so are sections whose
    highest number exceeds ``max_page`` (a misread label, not a 300-page issue).

    Args:
        labels: the labels of the pages present.
        max_page: the highest page number trusted.

    Returns:
        The missing labels, section by section in order of appearance, by number.
    """
    sections: dict[tuple[str, str], list[PageLabel]] = {}
    for label in labels:
        parsed = split_label(label)
        if parsed is not None:
            sections.setdefault((parsed.prefix, parsed.suffix), []).append(parsed)
    missing: list[str] = []
    for parsed_labels in sections.values():
        numbers = {parsed.number for parsed in parsed_labels}
        highest = max(numbers)
        if highest > max_page:
            continue
        template = max(parsed_labels, key=lambda parsed: parsed.width)
        missing.extend(
            template.with_number(number) for number in range(1, highest) if number not in numbers
        )
    return missing


@dataclass(frozen=True, slots=True)
class Rhythm:
    """How often a publication appears.

    Attributes:
        step_days: days between two issues (1 daily, 7 weekly, 14 fortnightly …).
        share: the share of intervals between consecutive issues equal to the step.
        weekdays: for a daily rhythm, the weekdays it appears on (0 = Monday); a paper
            that never appears on Sundays is not missing its Sunday issues.
    """

    step_days: int
    share: float
    weekdays: frozenset[int] = frozenset(range(7))


@dataclass(frozen=True, slots=True)
class DateGap:
    """A run of consecutive expected issues that are not in the archive."""

    first: dt.date
    last: dt.date
    count: int


MIN_EXACT_SHARE = 0.5
"""At least this share of the intervals between issues must be exactly the step."""
MIN_COVERAGE = 0.5
"""The issues present must be at least this share of the steps from the first to the last."""
MIN_WEEKDAY_SHARE = 0.5
"""A daily appears on a weekday when it has issues on this share of its occurrences."""


def _publishing_weekdays(ordered: Sequence[dt.date]) -> frozenset[int]:
    """The weekdays a daily appears on, judged from its issues between first and last.

    A weekday that occurs at least twice in the span is a publishing day when it has
    issues on at least half its occurrences; one that occurs once is given the benefit
    of the doubt (a single absent Sunday may be a lost issue).
    """
    occurrences: Counter[int] = Counter()
    day = ordered[0]
    while day <= ordered[-1]:
        occurrences[day.weekday()] += 1
        day += dt.timedelta(days=1)
    present = Counter(day.weekday() for day in ordered)
    return frozenset(
        weekday
        for weekday in range(WEEK)
        if occurrences[weekday] < 2 or present[weekday] >= MIN_WEEKDAY_SHARE * occurrences[weekday]
    )


def infer_rhythm(
    dates: Iterable[dt.date], *, min_intervals: int = 3, min_share: float = 0.6
) -> Rhythm | None:
    """Infer the rhythm of a publication from the dates of its issues.

    The rule, robust to a few lost issues:

    * the step is the most common interval between consecutive issues (the shorter one
      on a tie), and at least half the intervals are exactly the step;
    * at least ``min_share`` of the intervals are a whole number of steps (a lost issue
      makes a double interval; an issue moved by a holiday makes an odd one);
    * the issues present are at least half of the steps from the first to the last issue
      (scattered runs of a daily are not a daily with gaps);
    * for a daily, the weekdays it appears on are those with issues on at least half
      their occurrences (a paper without Sunday issues misses no Sunday); a weekly keeps
      the weekday of its issues by construction (steps of 7 days).

    Anything else (monthly issues of 28–31 days, irregular special issues) has no rhythm,
    so no issue is ever reported missing for it.

    Args:
        dates: the issue dates (any order; duplicates ignored).
        min_intervals: fewer intervals than this give no rhythm.
        min_share: the share of intervals that must be the step or a multiple of it.

    Returns:
        The rhythm, or None when the dates show none.
    """
    ordered = sorted(set(dates))
    intervals = [(later - earlier).days for earlier, later in itertools.pairwise(ordered)]
    if len(intervals) < min_intervals:
        return None
    counts = Counter(intervals)
    step = max(counts, key=lambda interval: (counts[interval], -interval))
    if step > 366:
        return None
    share = counts[step] / len(intervals)
    fitting = sum(1 for interval in intervals if interval % step == 0)
    if share < MIN_EXACT_SHARE or fitting / len(intervals) < min_share:
        return None
    weekdays = _publishing_weekdays(ordered) if step == 1 else frozenset(range(WEEK))
    steps = (ordered[-1] - ordered[0]).days // step + 1
    if len(ordered) < MIN_COVERAGE * steps:
        return None
    return Rhythm(step_days=step, share=share, weekdays=weekdays)


def missing_dates(dates: Sequence[dt.date], rhythm: Rhythm | None = None) -> list[DateGap]:
    """The issues a publication should have had between its first and last issue.

    Between two consecutive issues ``a`` and ``b``, the dates ``a + k·step`` are expected
    as long as a whole step remains before ``b`` (an issue moved by a holiday is not a
    gap); for a daily rhythm, only on the weekdays the publication appears.

    Args:
        dates: the issue dates present.
        rhythm: the rhythm (inferred from ``dates`` when None).

    Returns:
        The gaps, oldest first; empty when no rhythm is known.
    """
    if rhythm is None:
        rhythm = infer_rhythm(dates)
    if rhythm is None:
        return []
    step = dt.timedelta(days=rhythm.step_days)
    ordered = sorted(set(dates))
    gaps: list[DateGap] = []
    for earlier, later in itertools.pairwise(ordered):
        expected: list[dt.date] = []
        candidate = earlier + step
        while later - candidate >= step:
            if candidate.weekday() in rhythm.weekdays:
                expected.append(candidate)
            candidate += step
        if expected:
            gaps.append(DateGap(first=expected[0], last=expected[-1], count=len(expected)))
    return gaps
