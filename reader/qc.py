"""The quality report of an archive: lost issues and pages, doubtful decodings, suspect articles.

Every finding names the place to fix it (publication, issue, page, article ids), carries
a short English message and its figures in ``details``; the window words it in the
user's language from its ``kind`` and ``details``. The checks read aggregates and short
columns in SQL (body lengths are summed by the database), never the archive's texts, so
the report stays quick on archives of 100,000 articles.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, func, or_, select
from sqlalchemy.orm import Session

from db.batching import in_batches
from db.models import Article, ArticlePart, Issue, Page, Publication, TextBlock
from reader.errors import CancelledError
from reader.gaps import infer_rhythm, missing_dates, missing_page_labels, split_label
from reader.parsing.masthead import normalise_page_label
from reader.textio import DOUBTFUL_CONFIDENCE

VERY_SHORT_BODY_CHARS = 30
"""An article whose body and captions hold fewer characters is probably a fragment."""
VERY_LONG_BODY_CHARS = 10_000
"""An article whose body holds more characters probably runs several articles together."""
LONG_HEADLINE_CHARS = 40
"""A longer headline is probably a paragraph taken for a headline."""
HEADLINE_END_MARKS = "。；，、"
"""A headline ending in one of these is a sentence or a clause cut off, not a headline.

``！`` and ``？`` are left out on purpose: exclamations and questions are common
headlines (17 of the 1,991 articles of the January 1998 People's Daily end in one, none in
。). Pass other marks through :class:`Thresholds` to flag them too.
"""
LOW_CONFIDENCE = DOUBTFUL_CONFIDENCE
"""A page decoded with a lower confidence should be checked by a person."""
VERY_LOW_CONFIDENCE = 0.25
"""Below this confidence the page is most probably mojibake: an error, not a warning."""
OPENING_CHARS = 20
"""An article without a headline is named by this many characters of its first paragraph."""


class FindingKind(StrEnum):
    """What a finding is about, in the order the report lists them."""

    MISSING_ISSUE = "missing_issue"
    MISSING_PAGE = "missing_page"
    LOW_CONFIDENCE = "low_confidence"
    BROKEN_CONTINUATION = "broken_continuation"
    UNJOINED_CONTINUATION = "unjoined_continuation"
    SHORT_ARTICLE = "short_article"
    LONG_ARTICLE = "long_article"
    NO_HEADLINE = "no_headline"
    SUSPECT_HEADLINE = "suspect_headline"


KIND_ORDER: dict[FindingKind, int] = {kind: order for order, kind in enumerate(FindingKind)}

MIS_SPLIT_KINDS = frozenset(
    {
        FindingKind.SHORT_ARTICLE,
        FindingKind.LONG_ARTICLE,
        FindingKind.NO_HEADLINE,
        FindingKind.SUSPECT_HEADLINE,
    }
)
"""The kinds that point at an article probably split at the wrong place."""


class Severity(StrEnum):
    """How sure and how serious a finding is."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class QcStep(StrEnum):
    """The steps of the report, passed as the ``text`` of the progress callback."""

    ISSUES = "issues"
    PAGES = "pages"
    ARTICLES = "articles"
    CONTINUATIONS = "continuations"


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The limits of the heuristic checks (defaults: the module's constants)."""

    very_short_body: int = VERY_SHORT_BODY_CHARS
    very_long_body: int = VERY_LONG_BODY_CHARS
    long_headline: int = LONG_HEADLINE_CHARS
    headline_end_marks: str = HEADLINE_END_MARKS
    low_confidence: float = LOW_CONFIDENCE
    very_low_confidence: float = VERY_LOW_CONFIDENCE


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found, with the place to fix it.

    Attributes:
        kind: what it is about.
        severity: how serious it is.
        publication_id: the publication.
        publication: its name.
        message: a short English description (the window words its own from ``kind``).
        date: the issue's date (for a missing issue: the first date missing).
        issue_id: the issue to open (for a missing issue: the last issue before the gap).
        page_id: the page, when the finding is about a stored page.
        page_label: the page's label (for a missing page: the label missing).
        article_id: the article, when the finding is about an article.
        details: the figures of the message (JSON-ready), by kind: ``first``, ``last``,
            ``count``, ``step_days`` (missing issue); ``label`` (missing page);
            ``confidence``, ``encoding``, ``source_name`` (low confidence); ``direction``
            (``to`` or ``from``), ``target`` (continuations); ``title`` (and, when it is
            empty, ``opening``: the first words of the body) and ``chars`` (articles);
            ``reason`` (``ending`` with ``mark``, or ``length``) for a headline.
    """

    kind: FindingKind
    severity: Severity
    publication_id: int
    publication: str
    message: str
    date: dt.date | None = None
    issue_id: int | None = None
    page_id: int | None = None
    page_label: str | None = None
    article_id: int | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the CLI's ``qc --json`` findings)."""
        return {
            "kind": str(self.kind),
            "severity": str(self.severity),
            "publication_id": self.publication_id,
            "publication": self.publication,
            "date": self.date.isoformat() if self.date else None,
            "issue_id": self.issue_id,
            "page_id": self.page_id,
            "page_label": self.page_label,
            "article_id": self.article_id,
            "message": self.message,
            "details": dict(self.details),
        }


@dataclass(frozen=True, slots=True)
class PublicationSummary:
    """A publication checked: its dated issues and the rhythm inferred from them.

    Attributes:
        id: the publication.
        name: its name.
        issues: its dated issues.
        first: its first issue date.
        last: its last issue date.
        step_days: days between issues (1 daily, 7 weekly …); None when irregular.
        weekdays: for a daily, the weekdays it appears on (0 = Monday).
    """

    id: int
    name: str
    issues: int
    first: dt.date | None
    last: dt.date | None
    step_days: int | None
    weekdays: tuple[int, ...] = ()

    def rhythm_text(self) -> str:
        """The rhythm in English words: daily, daily except Sun, weekly, every 14 days …."""
        if self.step_days is None:
            return "irregular"
        if self.step_days == 1:
            skipped = [_WEEKDAY_NAMES[day] for day in range(7) if day not in self.weekdays]
            return "daily" + (" except " + ", ".join(skipped) if skipped else "")
        if self.step_days == 7:
            return "weekly"
        return f"every {self.step_days} days"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "id": self.id,
            "name": self.name,
            "issues": self.issues,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "step_days": self.step_days,
            "weekdays": list(self.weekdays),
            "rhythm": self.rhythm_text(),
        }


_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(slots=True)
class QualityReport:
    """The findings of the report, in kind order, then by publication, date, page, article."""

    findings: list[Finding] = field(default_factory=list)
    publications: list[PublicationSummary] = field(default_factory=list)
    thresholds: Thresholds = field(default_factory=Thresholds)

    def counts(self) -> dict[FindingKind, int]:
        """The number of findings of every kind (zero included), in kind order."""
        counts = dict.fromkeys(FindingKind, 0)
        for finding in self.findings:
            counts[finding.kind] += 1
        return counts

    def by_kind(self) -> dict[FindingKind, list[Finding]]:
        """The findings grouped by kind, in kind order (kinds without findings left out)."""
        groups: dict[FindingKind, list[Finding]] = {}
        for finding in self.findings:
            groups.setdefault(finding.kind, []).append(finding)
        return {kind: groups[kind] for kind in FindingKind if kind in groups}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data (the CLI's ``qc --json`` output)."""
        return {
            "publications": [publication.to_dict() for publication in self.publications],
            "counts": {str(kind): count for kind, count in self.counts().items()},
            "findings": [finding.to_dict() for finding in self.findings],
        }


ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


@dataclass(slots=True)
class _IssueRow:
    id: int
    publication_id: int
    publication: str
    date: dt.date | None
    unsorted: bool


@dataclass(slots=True)
class _ArticleContext:
    publication_id: int
    publication: str
    title: str
    issue_id: int
    date: dt.date | None
    page_id: int | None
    page_label: str | None
    opening: str = ""

    def naming(self) -> dict[str, str]:
        """What names the article in a finding: its headline, or its first words."""
        if self.title:
            return {"title": self.title}
        return {"title": "", "opening": self.opening}


def quality_report(
    session: Session,
    publication_id: int | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelFn | None = None,
    *,
    thresholds: Thresholds | None = None,
) -> QualityReport:
    """Check an archive (or one publication) and report what looks lost or wrong.

    The checks, each finding linked to the place to fix it:

    * missing issues: for each publication, the dates its rhythm expects between its
      first and last issue that are not in the archive, one finding per run of lost
      issues. The rhythm is inferred from the dates present (``reader.gaps.infer_rhythm``:
      daily, with the weekdays it appears on, so a paper without Sunday issues misses no
      Sunday; weekly on its weekday; every N days), robust to a few lost issues; an
      irregular publication (or too few issues) gets no missing-issue finding. Holidays
      without an issue cannot be told from lost issues and are reported.
    * missing pages: holes in an issue's runs of page numbers (D1…D8 without D5), per
      section, as the issue tree shows them (``reader.gaps.missing_page_labels``).
    * low confidence: pages decoded with a confidence below ``low_confidence``.
    * continuations: a 下转/上接 whose page is not in the issue (broken), or whose page
      is there but holds no part of the article (not joined).
    * suspect articles (split at the wrong place?): a body with captions shorter than
      ``very_short_body`` characters or longer than ``very_long_body``; no headline (a news
      item opening with its credit, 本报讯…, needs none, and neither does the tail of a
      continuation); a headline ending in ``headline_end_marks`` or longer than
      ``long_headline`` characters.

    Args:
        session: a read session.
        publication_id: check only this publication (None: all).
        progress: called with (steps done, steps in all, the step: a :class:`QcStep`).
        cancel: polled between steps; when it returns True the report stops.
        thresholds: the limits of the heuristic checks (default: the module's).

    Returns:
        The report.

    Raises:
        CancelledError: ``cancel`` returned True.
    """
    limits = thresholds or Thresholds()
    report = QualityReport(thresholds=limits)
    steps = list(QcStep)

    def step(done: int) -> None:
        if cancel is not None and cancel():
            raise CancelledError("The quality report was cancelled.")
        if progress is not None:
            progress(done, len(steps), str(steps[done]) if done < len(steps) else "")

    step(0)
    issues = _issues(session, publication_id)
    report.publications, missing = _missing_issues(session, issues, publication_id)
    report.findings.extend(missing)
    step(1)
    report.findings.extend(_page_findings(session, issues, publication_id, limits))
    step(2)
    report.findings.extend(_article_findings(session, publication_id, limits))
    step(3)
    report.findings.extend(_continuation_findings(session, publication_id))
    step(4)
    report.findings.sort(key=_sort_key)
    return report


def _sort_key(finding: Finding) -> tuple[Any, ...]:
    label = finding.page_label or ""
    parsed = split_label(label)
    label_key = (parsed.prefix, parsed.number, parsed.suffix) if parsed else (label, -1, "")
    return (
        KIND_ORDER[finding.kind],
        finding.publication,
        finding.date or dt.date.min,
        label_key,
        finding.article_id or 0,
    )


# ----- issues


def _issues(session: Session, publication_id: int | None) -> dict[int, _IssueRow]:
    query = select(
        Issue.id, Issue.publication_id, Publication.name, Issue.date, Issue.unsorted
    ).join(Publication, Publication.id == Issue.publication_id)
    if publication_id is not None:
        query = query.where(Issue.publication_id == publication_id)
    return {
        row.id: _IssueRow(row.id, row.publication_id, row.name, row.date, bool(row.unsorted))
        for row in session.execute(query)
    }


def _missing_issues(
    session: Session, issues: dict[int, _IssueRow], publication_id: int | None
) -> tuple[list[PublicationSummary], list[Finding]]:
    query = select(Publication.id, Publication.name).order_by(Publication.name)
    if publication_id is not None:
        query = query.where(Publication.id == publication_id)
    dated: dict[int, list[tuple[dt.date, int]]] = defaultdict(list)
    for issue in issues.values():
        if issue.date is not None and not issue.unsorted:
            dated[issue.publication_id].append((issue.date, issue.id))
    summaries: list[PublicationSummary] = []
    findings: list[Finding] = []
    for pub_id, name in session.execute(query):
        entries = sorted(dated.get(pub_id, []))
        dates = [day for day, _issue in entries]
        rhythm = infer_rhythm(dates)
        summaries.append(
            PublicationSummary(
                id=pub_id,
                name=name,
                issues=len(set(dates)),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                step_days=rhythm.step_days if rhythm else None,
                weekdays=tuple(sorted(rhythm.weekdays)) if rhythm and rhythm.step_days == 1 else (),
            )
        )
        if rhythm is None:
            continue
        for gap in missing_dates(dates, rhythm):
            position = bisect.bisect_left(dates, gap.first)
            before = entries[position - 1] if position > 0 else None
            if gap.count == 1:
                message = f"issue of {gap.first.isoformat()} missing"
            else:
                message = (
                    f"{gap.count} issues missing: {gap.first.isoformat()} – {gap.last.isoformat()}"
                )
            findings.append(
                Finding(
                    kind=FindingKind.MISSING_ISSUE,
                    severity=Severity.WARNING,
                    publication_id=pub_id,
                    publication=name,
                    message=message,
                    date=gap.first,
                    issue_id=before[1] if before else None,
                    details={
                        "first": gap.first.isoformat(),
                        "last": gap.last.isoformat(),
                        "count": gap.count,
                        "step_days": rhythm.step_days,
                    },
                )
            )
    return summaries, findings


# ----- pages


def _page_findings(
    session: Session,
    issues: dict[int, _IssueRow],
    publication_id: int | None,
    limits: Thresholds,
) -> list[Finding]:
    findings: list[Finding] = []
    labels: dict[int, list[str]] = defaultdict(list)
    if not issues:
        return findings
    query = select(
        Page.id,
        Page.issue_id,
        Page.label,
        Page.encoding,
        Page.encoding_confidence,
        Page.source_name,
    )
    if publication_id is not None:
        query = query.join(Issue, Issue.id == Page.issue_id).where(
            Issue.publication_id == publication_id
        )
    for row in session.execute(query):
        issue = issues.get(row.issue_id)
        if issue is None:  # another publication's page
            continue
        labels[row.issue_id].append(row.label)
        if row.encoding_confidence < limits.low_confidence:
            confidence = float(row.encoding_confidence)
            findings.append(
                Finding(
                    kind=FindingKind.LOW_CONFIDENCE,
                    severity=Severity.ERROR
                    if confidence < limits.very_low_confidence
                    else Severity.WARNING,
                    publication_id=issue.publication_id,
                    publication=issue.publication,
                    message=f"page {row.label} decoded as {row.encoding} with confidence "
                    f"{confidence:.2f}: check its text",
                    date=issue.date,
                    issue_id=issue.id,
                    page_id=row.id,
                    page_label=row.label,
                    details={
                        "confidence": round(confidence, 4),
                        "encoding": row.encoding,
                        "source_name": row.source_name,
                    },
                )
            )
    for issue_id, issue_labels in labels.items():
        issue = issues[issue_id]
        if issue.unsorted:
            continue
        for label in missing_page_labels(issue_labels):
            when = issue.date.isoformat() if issue.date else "an undated issue"
            findings.append(
                Finding(
                    kind=FindingKind.MISSING_PAGE,
                    severity=Severity.WARNING,
                    publication_id=issue.publication_id,
                    publication=issue.publication,
                    message=f"page {label} missing from the issue of {when}",
                    date=issue.date,
                    issue_id=issue.id,
                    page_label=label,
                    details={"label": label},
                )
            )
    return findings


# ----- articles


def _in_publication(query: Select[Any], publication_id: int | None) -> Select[Any]:
    if publication_id is None:
        return query
    return query.join(Issue, Issue.id == Article.issue_id).where(
        Issue.publication_id == publication_id
    )


def _article_findings(
    session: Session, publication_id: int | None, limits: Thresholds
) -> list[Finding]:
    """Articles with a suspect length or headline: candidates chosen in SQL, then worded."""
    chars = func.coalesce(func.sum(func.length(TextBlock.text)), 0)
    lengths = (
        select(Article.id, chars.label("chars"))
        .select_from(Article)
        .outerjoin(ArticlePart, ArticlePart.article_id == Article.id)
        .outerjoin(TextBlock, TextBlock.part_id == ArticlePart.id)
        .group_by(Article.id)
        .having(or_(chars < limits.very_short_body, chars > limits.very_long_body))
    )
    body_chars = dict(session.execute(_in_publication(lengths, publication_id)).all())
    short = [
        article_id for article_id, count in body_chars.items() if count < limits.very_short_body
    ]
    captions = _caption_chars(session, short)
    for article_id in short:
        body_chars[article_id] += captions.get(article_id, 0)
        if body_chars[article_id] >= limits.very_short_body:
            del body_chars[article_id]

    title = func.coalesce(Article.title, "")
    no_headline = and_(
        title == "", func.coalesce(Article.credit, "") == "", Article.continued_from.is_(None)
    )
    marks = [title.endswith(mark, autoescape=True) for mark in limits.headline_end_marks]
    headlines = select(Article.id, Article.title).where(
        or_(no_headline, func.length(title) > limits.long_headline, *marks)
    )
    titles = dict(session.execute(_in_publication(headlines, publication_id)).all())

    context = _article_context(session, sorted(set(body_chars) | set(titles)))
    findings: list[Finding] = []
    for article_id, count in body_chars.items():
        where = context.get(article_id)
        if where is None:
            continue
        if count < limits.very_short_body:
            kind, message = FindingKind.SHORT_ARTICLE, f"very short article ({count} characters)"
        else:
            kind = FindingKind.LONG_ARTICLE
            message = f"very long article ({count} characters): several articles run together?"
        findings.append(
            _article_finding(kind, where, article_id, message, {**where.naming(), "chars": count})
        )
    for article_id, headline in titles.items():
        where = context.get(article_id)
        if where is None:
            continue
        headline = headline or ""
        if not headline:
            findings.append(
                _article_finding(
                    FindingKind.NO_HEADLINE,
                    where,
                    article_id,
                    "article without a headline",
                    where.naming(),
                )
            )
            continue
        details: dict[str, Any] = {"title": headline, "chars": len(headline)}
        if headline[-1] in limits.headline_end_marks:
            details.update(reason="ending", mark=headline[-1])
            message = f"headline ends like a sentence ({headline[-1]})"
        else:
            details["reason"] = "length"
            message = f"headline of {len(headline)} characters: a paragraph taken for a headline?"
        findings.append(
            _article_finding(FindingKind.SUSPECT_HEADLINE, where, article_id, message, details)
        )
    return findings


def _article_finding(
    kind: FindingKind,
    where: _ArticleContext,
    article_id: int,
    message: str,
    details: dict[str, Any],
) -> Finding:
    return Finding(
        kind=kind,
        severity=Severity.INFO,
        publication_id=where.publication_id,
        publication=where.publication,
        message=message,
        date=where.date,
        issue_id=where.issue_id,
        page_id=where.page_id,
        page_label=where.page_label,
        article_id=article_id,
        details=details,
    )


def _caption_chars(session: Session, article_ids: Sequence[int]) -> dict[int, int]:
    """The characters of the captions of a few articles (read as lists: a JSON column)."""
    result: dict[int, int] = defaultdict(int)
    for chunk in in_batches(article_ids):
        rows = session.execute(
            select(ArticlePart.article_id, ArticlePart.captions).where(
                ArticlePart.article_id.in_(chunk)
            )
        )
        for article_id, captions in rows:
            result[article_id] += sum(len(caption) for caption in captions or ())
    return result


def _article_context(session: Session, article_ids: Iterable[int]) -> dict[int, _ArticleContext]:
    """Publication, issue, first page, headline and first words of some articles."""
    result: dict[int, _ArticleContext] = {}
    for chunk in in_batches(article_ids):
        rows = session.execute(
            select(
                Article.id,
                Article.title,
                Article.issue_id,
                Issue.date,
                Issue.publication_id,
                Publication.name,
                Page.id.label("page_id"),
                Page.label,
                func.substr(TextBlock.text, 1, OPENING_CHARS).label("opening"),
            )
            .join(Issue, Issue.id == Article.issue_id)
            .join(Publication, Publication.id == Issue.publication_id)
            .outerjoin(
                ArticlePart, and_(ArticlePart.article_id == Article.id, ArticlePart.part_no == 0)
            )
            .outerjoin(Page, Page.id == ArticlePart.page_id)
            .outerjoin(TextBlock, and_(TextBlock.part_id == ArticlePart.id, TextBlock.seq == 0))
            .where(Article.id.in_(chunk))
        )
        for row in rows:
            result.setdefault(
                row.id,
                _ArticleContext(
                    publication_id=row.publication_id,
                    publication=row.name,
                    title=row.title or "",
                    issue_id=row.issue_id,
                    date=row.date,
                    page_id=row.page_id,
                    page_label=row.label,
                    opening=row.opening or "",
                ),
            )
    return result


# ----- continuations


def _continuation_findings(session: Session, publication_id: int | None) -> list[Finding]:
    """下转/上接 whose page is not in the issue, or whose page holds no part of the article."""
    query = (
        select(
            ArticlePart.article_id,
            ArticlePart.continues_to,
            ArticlePart.continued_from,
            Page.id.label("page_id"),
            Page.issue_id,
            Page.label,
        )
        .join(Page, Page.id == ArticlePart.page_id)
        .where(
            or_(
                func.coalesce(ArticlePart.continues_to, "") != "",
                func.coalesce(ArticlePart.continued_from, "") != "",
            )
        )
    )
    if publication_id is not None:
        query = query.join(Issue, Issue.id == Page.issue_id).where(
            Issue.publication_id == publication_id
        )
    rows = session.execute(query).all()
    if not rows:
        return []
    issue_labels: dict[int, set[str]] = defaultdict(set)
    for chunk in in_batches(sorted({row.issue_id for row in rows})):
        for issue_id, label in session.execute(
            select(Page.issue_id, Page.label).where(Page.issue_id.in_(chunk))
        ):
            issue_labels[issue_id].add(normalise_page_label(label))
    article_labels: dict[int, set[str]] = defaultdict(set)
    for chunk in in_batches(sorted({row.article_id for row in rows})):
        for article_id, label in session.execute(
            select(ArticlePart.article_id, Page.label)
            .join(Page, Page.id == ArticlePart.page_id)
            .where(ArticlePart.article_id.in_(chunk))
        ):
            article_labels[article_id].add(normalise_page_label(label))
    unresolved: dict[tuple[int, str, str], tuple[bool, int, str]] = {}
    for row in rows:
        for direction, target in (("to", row.continues_to), ("from", row.continued_from)):
            if not target:
                continue
            wanted = normalise_page_label(target)
            if wanted in article_labels[row.article_id]:
                continue
            present = wanted in issue_labels[row.issue_id]
            unresolved.setdefault(
                (row.article_id, direction, wanted), (present, row.page_id, row.label)
            )
    context = _article_context(session, sorted({key[0] for key in unresolved}))
    findings: list[Finding] = []
    for (article_id, direction, target), (present, page_id, label) in unresolved.items():
        where = context.get(article_id)
        if where is None:
            continue
        side = "continued on" if direction == "to" else "continued from"
        if present:
            kind, severity = FindingKind.UNJOINED_CONTINUATION, Severity.INFO
            message = f"{side} page {target}, but its other part was not found there"
        else:
            kind, severity = FindingKind.BROKEN_CONTINUATION, Severity.WARNING
            message = f"{side} page {target}, which is not in this issue"
        findings.append(
            Finding(
                kind=kind,
                severity=severity,
                publication_id=where.publication_id,
                publication=where.publication,
                message=message,
                date=where.date,
                issue_id=where.issue_id,
                page_id=page_id,
                page_label=label,
                article_id=article_id,
                details={"direction": direction, "target": target, **where.naming()},
            )
        )
    return findings
