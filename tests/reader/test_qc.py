"""The quality report: lost issues and pages, doubtful pages, suspect articles, continuations."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from db.models import Article, ArticlePart, Issue, Page, Publication, TextBlock
from main import main
from reader.archive import Archive
from reader.errors import CancelledError
from reader.gaps import infer_rhythm, missing_dates
from reader.importer import Importer
from reader.paths import ArchivePaths
from reader.qc import (
    VERY_LONG_BODY_CHARS,
    Finding,
    FindingKind,
    QcStep,
    Severity,
    Thresholds,
    quality_report,
)
from reader.segment import Segmenter
from tests.fixtures.pages import write_page

REPO_ROOT = Path(__file__).resolve().parents[2]
PFR_PAGES = REPO_ROOT.parent / "shared" / "corpora" / "pfr1998" / "pages"

WEEKLY = "河西周刊"
DAILY = "临江日报"
IRREGULAR = "春节特刊"

PARAGRAPH = (
    "本报讯　连日来，河西新区各街道组织志愿者走进社区，为居民提供义诊、理发和家电维修等服务。"
)


# ----- building an archive by hand


class _Builder:
    """Adds invented publications, issues, pages and articles straight to the database."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.publications: dict[str, Publication] = {}
        self.positions: dict[int, int] = {}

    def issue(self, name: str, day: dt.date | None, *, unsorted: bool = False) -> Issue:
        publication = self.publications.get(name)
        if publication is None:
            publication = self.publications[name] = Publication(name=name)
            self.session.add(publication)
        issue = Issue(publication=publication, date=day, unsorted=unsorted)
        self.session.add(issue)
        self.session.flush()
        return issue

    def page(self, issue: Issue, label: str, *, confidence: float = 1.0) -> Page:
        digest = hashlib.sha256(f"{issue.id}/{label}".encode()).hexdigest()
        page = Page(
            issue=issue,
            label=label,
            source_name=f"{label}.txt",
            sha256=digest,
            encoding="utf-8" if confidence == 1.0 else "big5",
            encoding_confidence=confidence,
            text="",
            source_bytes=b"",
        )
        self.session.add(page)
        self.session.flush()
        return page

    def article(
        self,
        pages: Sequence[Page],
        title: str = "新区志愿服务进社区",
        paragraphs: Sequence[str] = (PARAGRAPH,),
        *,
        credit: str | None = None,
        continues_to: str | None = None,
        continued_from: str | None = None,
        captions: Sequence[str] = (),
    ) -> Article:
        """An article with one part per page; the paragraphs go to the first part."""
        article = Article(
            issue=pages[0].issue,
            title=title,
            credit=credit,
            continues_to=continues_to,
            continued_from=continued_from,
        )
        self.session.add(article)
        for part_no, page in enumerate(pages):
            position = self.positions.get(page.id, 0)
            self.positions[page.id] = position + 1
            part = ArticlePart(
                article=article,
                page=page,
                part_no=part_no,
                position=position,
                title=title if part_no == 0 else "",
                credit=credit if part_no == 0 else None,
                continues_to=continues_to if part_no == len(pages) - 1 else None,
                continued_from=continued_from if part_no == 0 else None,
                captions=list(captions) if part_no == 0 else [],
            )
            if part_no == 0:
                part.blocks = [
                    TextBlock(seq=seq, kind="paragraph", text=text)
                    for seq, text in enumerate(paragraphs)
                ]
            self.session.add(part)
        self.session.flush()
        return article


def _fridays_without_one(builder: _Builder) -> dict[str, int]:
    """A weekly on Fridays, one week lost; one issue lacks page D3."""
    ids: dict[str, int] = {}
    start = dt.date(2024, 3, 1)
    for week in (0, 1, 2, 4, 5):
        day = start + dt.timedelta(weeks=week)
        issue = builder.issue(WEEKLY, day)
        labels = ["D1", "D2", "D4"] if week == 2 else ["D1", "D2", "D3", "D4"]
        for label in labels:
            page = builder.page(issue, label)
            builder.article([page])
        ids[day.isoformat()] = issue.id
    return ids


def _daily_without_sundays(builder: _Builder) -> None:
    """A daily without Sunday issues over two weeks, one Wednesday lost."""
    start = dt.date(2024, 5, 6)  # a Monday
    for offset in range(21):
        day = start + dt.timedelta(days=offset)
        if day.weekday() == 6 or day == dt.date(2024, 5, 15):
            continue
        page = builder.page(builder.issue(DAILY, day), "01")
        builder.article([page])


def _irregular(builder: _Builder) -> None:
    for offset in (0, 3, 11, 12, 30, 47):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        builder.article([builder.page(builder.issue(IRREGULAR, day), "1")])


@pytest.fixture
def session(archive: Archive) -> Iterator[Session]:
    """A write session on a fresh archive, rolled back at the end."""
    with archive.db.write() as opened:
        yield opened
        opened.rollback()


def _of_kind(findings: list[Finding], kind: FindingKind) -> list[Finding]:
    return [finding for finding in findings if finding.kind is kind]


# ----- missing issues


def test_a_weekly_with_a_week_lost_misses_that_friday_only(session: Session) -> None:
    builder = _Builder(session)
    ids = _fridays_without_one(builder)
    report = quality_report(session)
    [missing] = _of_kind(report.findings, FindingKind.MISSING_ISSUE)
    assert missing.publication == WEEKLY
    assert missing.date == dt.date(2024, 3, 22)
    assert missing.details == {
        "first": "2024-03-22",
        "last": "2024-03-22",
        "count": 1,
        "step_days": 7,
    }
    assert missing.issue_id == ids["2024-03-15"]  # the issue before the gap: where to look
    assert missing.severity is Severity.WARNING
    [summary] = report.publications
    assert (summary.step_days, summary.issues, summary.rhythm_text()) == (7, 5, "weekly")


def test_a_daily_without_sundays_misses_its_lost_wednesday_and_no_sunday(
    session: Session,
) -> None:
    _daily_without_sundays(_Builder(session))
    report = quality_report(session)
    missing = _of_kind(report.findings, FindingKind.MISSING_ISSUE)
    assert [(finding.date, finding.details["count"]) for finding in missing] == [
        (dt.date(2024, 5, 15), 1)
    ]
    [summary] = report.publications
    assert summary.step_days == 1 and 6 not in summary.weekdays
    assert summary.rhythm_text() == "daily except Sun"


def test_several_lost_days_in_a_row_are_one_finding_with_a_count(session: Session) -> None:
    builder = _Builder(session)
    start = dt.date(2024, 7, 1)
    for offset in [*range(10), *range(13, 20)]:
        builder.article([builder.page(builder.issue(DAILY, start + dt.timedelta(offset)), "01")])
    [missing] = _of_kind(quality_report(session).findings, FindingKind.MISSING_ISSUE)
    assert missing.details["first"] == "2024-07-11" and missing.details["last"] == "2024-07-13"
    assert missing.details["count"] == 3
    assert "3 issues missing" in missing.message


def test_an_irregular_publication_misses_nothing(session: Session) -> None:
    _irregular(_Builder(session))
    report = quality_report(session)
    assert _of_kind(report.findings, FindingKind.MISSING_ISSUE) == []
    assert report.publications[0].step_days is None
    assert report.publications[0].rhythm_text() == "irregular"


def test_undated_pages_are_not_issues_of_the_rhythm(session: Session) -> None:
    builder = _Builder(session)
    _fridays_without_one(builder)
    loose = builder.issue(WEEKLY, None, unsorted=True)
    builder.article([builder.page(loose, "D3")])  # D1 and D2 absent: not a gap of a real issue
    report = quality_report(session)
    assert len(_of_kind(report.findings, FindingKind.MISSING_ISSUE)) == 1
    assert [f.page_label for f in _of_kind(report.findings, FindingKind.MISSING_PAGE)] == ["D3"]


def test_the_rhythm_rule_of_the_report() -> None:
    monday = dt.date(2024, 5, 6)
    days = [monday + dt.timedelta(days=n) for n in range(28) if n % 7 != 6]
    special_sunday = [*days, dt.date(2024, 5, 19)]
    rhythm = infer_rhythm(special_sunday)
    assert rhythm is not None and 6 not in rhythm.weekdays  # one Sunday is not a habit
    clusters = [monday + dt.timedelta(days=n) for n in (0, 1, 2, 30, 31, 60, 61, 62, 90)]
    assert infer_rhythm(clusters) is None  # scattered issues, not a daily with gaps
    assert missing_dates(clusters) == []
    lost_weeks = [dt.date(2024, 1, 5) + dt.timedelta(weeks=n) for n in (0, 1, 3, 4, 6, 7, 9)]
    weekly = infer_rhythm(lost_weeks)
    assert weekly is not None and weekly.step_days == 7
    assert [gap.first for gap in missing_dates(lost_weeks)] == [
        dt.date(2024, 1, 19),
        dt.date(2024, 2, 9),
        dt.date(2024, 3, 1),
    ]


# ----- pages


def test_a_hole_in_the_page_run_is_reported_with_its_issue(session: Session) -> None:
    ids = _fridays_without_one(_Builder(session))
    [missing] = _of_kind(quality_report(session).findings, FindingKind.MISSING_PAGE)
    assert (missing.page_label, missing.issue_id, missing.page_id) == (
        "D3",
        ids["2024-03-15"],
        None,
    )
    assert missing.date == dt.date(2024, 3, 15)
    assert missing.details == {"label": "D3"}


def test_doubtful_decodings_are_warnings_and_mojibake_is_an_error(session: Session) -> None:
    builder = _Builder(session)
    issue = builder.issue(DAILY, dt.date(2024, 5, 6))
    fine = builder.page(issue, "01", confidence=0.9)
    doubtful = builder.page(issue, "02", confidence=0.42)
    garbled = builder.page(issue, "03", confidence=0.1)
    for page in (fine, doubtful, garbled):
        builder.article([page])
    findings = _of_kind(quality_report(session).findings, FindingKind.LOW_CONFIDENCE)
    assert [(f.page_id, f.severity) for f in findings] == [
        (doubtful.id, Severity.WARNING),
        (garbled.id, Severity.ERROR),
    ]
    assert findings[0].details["confidence"] == 0.42
    assert findings[0].details["encoding"] == "big5"
    stricter = quality_report(session, thresholds=Thresholds(low_confidence=0.95))
    assert len(_of_kind(stricter.findings, FindingKind.LOW_CONFIDENCE)) == 3


# ----- continuations


def test_a_continuation_to_an_absent_page_and_one_never_joined(session: Session) -> None:
    builder = _Builder(session)
    issue = builder.issue(WEEKLY, dt.date(2024, 3, 1))
    d1, d2, d3, d4 = (builder.page(issue, label) for label in ("D1", "D2", "D3", "D4"))
    joined = builder.article([d1, d3], "老街改造惠民生", continues_to=None)
    joined.parts[0].continues_to = "D3"
    joined.parts[1].continued_from = "D1"
    lost = builder.article([d2], "湿地公园迎来候鸟", continues_to="D5")
    unjoined = builder.article([d4], "乡村振兴结硕果", continues_to="D3")
    orphan_tail = builder.article([d3], "", continued_from="D7")
    session.flush()
    findings = quality_report(session).findings
    broken = _of_kind(findings, FindingKind.BROKEN_CONTINUATION)
    assert [(f.article_id, f.details["direction"], f.details["target"]) for f in broken] == [
        (lost.id, "to", "D5"),
        (orphan_tail.id, "from", "D7"),
    ]
    assert broken[0].page_id == d2.id and broken[0].page_label == "D2"
    assert broken[0].details["title"] == "湿地公园迎来候鸟"
    [not_joined] = _of_kind(findings, FindingKind.UNJOINED_CONTINUATION)
    assert (not_joined.article_id, not_joined.details["target"]) == (unjoined.id, "D3")
    assert joined.id not in {f.article_id for f in findings}
    # the tail of a continuation has no headline of its own: not reported for that
    assert _of_kind(findings, FindingKind.NO_HEADLINE) == []


def test_labels_compare_in_their_canonical_form(session: Session) -> None:
    builder = _Builder(session)
    issue = builder.issue(DAILY, dt.date(2024, 5, 6))
    first, fifth = builder.page(issue, "01"), builder.page(issue, "05")
    builder.article([first, fifth], continues_to="第五版")
    findings = quality_report(session).findings
    assert _of_kind(findings, FindingKind.BROKEN_CONTINUATION) == []
    assert _of_kind(findings, FindingKind.UNJOINED_CONTINUATION) == []


def test_an_imported_page_continued_on_a_page_not_imported(
    archive: Archive, segmenter: Segmenter, tmp_path: Path
) -> None:
    archive.segmenter = segmenter
    page = write_page(
        tmp_path,
        "滨海日报_2024-06-03_D1.txt",
        "滨海日报　2024年6月3日　星期一　第D1版\n\n"
        "港区新航线正式开通\n\n"
        "本报讯　6月2日，滨海港区开通至东南亚的集装箱新航线，首班货轮满载家电和建材启航。\n\n"
        "港区负责人介绍，新航线每周往返两班，将带动周边物流企业发展。（下转D5版）\n",
    )
    assert not Importer(archive).run([page]).failed
    with archive.db.read() as session:
        findings = quality_report(session).findings
    [broken] = _of_kind(findings, FindingKind.BROKEN_CONTINUATION)
    assert broken.details == {"direction": "to", "target": "D5", "title": "港区新航线正式开通"}
    assert broken.publication == "滨海日报" and broken.page_label == "D1"
    assert "D5" in broken.message


# ----- suspect articles


def test_suspect_articles(session: Session) -> None:
    builder = _Builder(session)
    page = builder.page(builder.issue(DAILY, dt.date(2024, 5, 6)), "01")
    normal = builder.article([page])
    fragment = builder.article([page], "图片新闻", ["雪后的江堤。"])
    photo = builder.article(
        [page],
        "江堤雪景",
        [],
        captions=["雪后的临江大堤银装素裹，不少市民冒着严寒前来拍照留念。（本报记者　江帆摄）"],
    )
    empty = builder.article([page], "待续", [])
    run_together = builder.article([page], "两会特稿", [PARAGRAPH * (VERY_LONG_BODY_CHARS // 40)])
    headless = builder.article([page], "", [PARAGRAPH[3:]])
    brief = builder.article([page], "", [PARAGRAPH], credit="本报讯")
    sentence = builder.article([page], "记者从市交通局获悉，地铁三号线将于年底通车。")
    paragraph = builder.article([page], "据介绍" + "，今年全市新建改建农村公路三百公里" * 3)
    exclaimed = builder.article([page], "家门口的公园真美！")
    findings = quality_report(session).findings
    flagged = {(f.kind, f.article_id) for f in findings}
    assert flagged == {
        (FindingKind.SHORT_ARTICLE, fragment.id),
        (FindingKind.SHORT_ARTICLE, empty.id),
        (FindingKind.LONG_ARTICLE, run_together.id),
        (FindingKind.NO_HEADLINE, headless.id),
        (FindingKind.SUSPECT_HEADLINE, sentence.id),
        (FindingKind.SUSPECT_HEADLINE, paragraph.id),
    }
    for quiet in (normal, photo, brief, exclaimed):
        assert quiet.id not in {article_id for _kind, article_id in flagged}
    by_article = {f.article_id: f for f in findings}
    assert by_article[fragment.id].details == {"title": "图片新闻", "chars": 6}
    assert by_article[headless.id].details == {"title": "", "opening": PARAGRAPH[3:23]}
    assert by_article[sentence.id].details["reason"] == "ending"
    assert by_article[sentence.id].details["mark"] == "。"
    assert by_article[paragraph.id].details["reason"] == "length"
    assert all(f.severity is Severity.INFO for f in findings)
    assert all(f.page_id == page.id and f.issue_id == page.issue_id for f in findings)
    wider = quality_report(session, thresholds=Thresholds(headline_end_marks="。！？"))
    assert exclaimed.id in {f.article_id for f in wider.findings}


# ----- the report as a whole


def test_one_publication_only_and_the_order_of_the_findings(session: Session) -> None:
    builder = _Builder(session)
    _fridays_without_one(builder)
    _daily_without_sundays(builder)
    everything = quality_report(session)
    assert {f.publication for f in everything.findings} == {WEEKLY, DAILY}
    kinds = [f.kind for f in everything.findings]
    assert kinds == sorted(kinds, key=list(FindingKind).index)
    weekly_id = builder.publications[WEEKLY].id
    only = quality_report(session, weekly_id)
    assert {f.publication for f in only.findings} == {WEEKLY}
    assert [p.name for p in only.publications] == [WEEKLY]
    assert only.counts()[FindingKind.MISSING_ISSUE] == 1
    assert only.counts()[FindingKind.MISSING_PAGE] == 1
    assert list(only.by_kind()) == [FindingKind.MISSING_ISSUE, FindingKind.MISSING_PAGE]
    data = json.loads(json.dumps(only.to_dict(), ensure_ascii=False))
    assert data["counts"]["missing_issue"] == 1
    assert data["findings"][0]["date"] == "2024-03-22"
    assert data["publications"][0]["rhythm"] == "weekly"


def test_progress_and_cancel(session: Session) -> None:
    _fridays_without_one(_Builder(session))
    seen: list[tuple[int, int, str]] = []
    quality_report(session, progress=lambda *step: seen.append(step))
    assert seen[0] == (0, len(QcStep), "issues")
    assert seen[-1] == (len(QcStep), len(QcStep), "")
    asked = []

    def cancel_after_two() -> bool:
        asked.append(True)
        return len(asked) > 2

    with pytest.raises(CancelledError):
        quality_report(session, cancel=cancel_after_two)


def test_an_empty_archive_has_nothing_to_report(session: Session) -> None:
    report = quality_report(session)
    assert report.findings == [] and report.publications == []
    assert set(report.counts().values()) == {0}


# ----- the command


def _filled_archive(root: Path) -> None:
    with Archive(ArchivePaths(root), write=True) as archive, archive.db.write() as session:
        builder = _Builder(session)
        _fridays_without_one(builder)
        _daily_without_sundays(builder)


def test_qc_command_prints_kinds_with_counts_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "archive"
    _filled_archive(root)
    assert main(["--archive", str(root), "qc"]) == 0
    out = capsys.readouterr().out
    assert f"{WEEKLY}: weekly" in out and f"{DAILY}: daily except Sun" in out
    assert "missing issues (2)" in out and "missing pages (1)" in out
    assert "2024-03-22" in out and "2024-05-15" in out

    assert main(["--archive", str(root), "qc", "--json", "--publication", DAILY]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [f["date"] for f in data["findings"]] == ["2024-05-15"]
    assert data["counts"]["missing_issue"] == 1 and data["counts"]["missing_page"] == 0

    assert main(["--archive", str(root), "qc", "--publication", "无此报"]) == 2
    assert "无此报" in capsys.readouterr().err


# ----- real pages


def _pfr_files(days: Sequence[int], pages: Sequence[int]) -> list[Path]:
    return [
        PFR_PAGES / f"人民日报_1998-01-{day:02d}_{page:02d}.txt" for day in days for page in pages
    ]


def test_pfr_pages_with_a_page_and_a_day_removed(tmp_path: Path, segmenter: Segmenter) -> None:
    """Five days of a daily, pages 01–03: without 01-05 and page 02 of 01-03, exactly those."""
    if not PFR_PAGES.is_dir():
        pytest.skip(f"{PFR_PAGES.parent.parent.parent} not found: real-data test skipped")
    files = [
        path
        for path in _pfr_files([2, 3, 4, 6, 7], [1, 2, 3])
        if path.name != "人民日报_1998-01-03_02.txt"
    ]
    with Archive(ArchivePaths(tmp_path / "archive"), write=True) as archive:
        archive.segmenter = segmenter
        assert not Importer(archive).run(files).failed
        with archive.db.read() as session:
            report = quality_report(session)
    [publication] = report.publications
    assert publication.step_days == 1 and publication.issues == 5
    lost = [
        (f.kind, f.date, f.page_label)
        for f in report.findings
        if f.kind in (FindingKind.MISSING_ISSUE, FindingKind.MISSING_PAGE)
    ]
    assert lost == [
        (FindingKind.MISSING_ISSUE, dt.date(1998, 1, 5), None),
        (FindingKind.MISSING_PAGE, dt.date(1998, 1, 3), "02"),
    ]
    assert _of_kind(report.findings, FindingKind.LOW_CONFIDENCE) == []
