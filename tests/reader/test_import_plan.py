"""Import planning: previews touch nothing, per-file metadata wins, cancel keeps what was done."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reader.archive import Archive
from reader.import_plan import PlannedFile, preview_file, preview_files, run_plan
from reader.library import list_publications
from reader.segment import Segmenter
from reader.store import PageMeta
from tests.fixtures.pages import DATE, PUBLICATION, write_issue, write_page


def test_a_preview_reads_the_masthead_and_splits_articles(tmp_path: Path) -> None:
    a1, _a3 = write_issue(tmp_path)
    preview = preview_file(a1)
    assert preview.error is None
    assert preview.found.publication == PUBLICATION
    assert preview.found.date == dt.date.fromisoformat(DATE)
    assert preview.found.page_label == "A1"
    assert preview.sources["date"] == "masthead"
    assert [article.title for article in preview.articles][:1] == ["古镇老街焕新颜"]
    assert preview.articles[0].continues_to == "A3"
    assert preview.articles[0].paragraphs >= 2


def test_previews_report_unreadable_files_and_fall_back_to_the_file_name(tmp_path: Path) -> None:
    empty = write_page(tmp_path, "样报_2024-02-03_B2.txt", "")
    other = write_page(tmp_path, "notes.doc", "x")
    previews = {p.path.name: p for p in preview_files([tmp_path])}
    assert set(previews) == {"样报_2024-02-03_B2.txt"}  # folders: page files only
    assert previews["样报_2024-02-03_B2.txt"].error
    assert previews["样报_2024-02-03_B2.txt"].found == PageMeta("样报", dt.date(2024, 2, 3), "B2")
    assert preview_file(other).error is not None
    assert preview_file(empty).sources == {
        "publication": "file name",
        "date": "file name",
        "page_label": "file name",
    }


def test_run_plan_applies_each_file_s_metadata(
    tmp_path: Path, archive: Archive, segmenter: Segmenter
) -> None:
    archive.segmenter = segmenter
    a1, a3 = write_issue(tmp_path)
    moved = PageMeta(publication="更正后的报名", date=dt.date(2024, 5, 18), page_label="A1")
    report = run_plan(archive, [PlannedFile(a1, moved), PlannedFile(a3)])
    assert [r.status for r in report.files] == ["imported", "imported"]
    with archive.db.read() as session:
        names = {p.name: [i.date for i in p.issues] for p in list_publications(session)}
    assert names == {"更正后的报名": ["2024-05-18"], PUBLICATION: [DATE]}


def test_run_plan_stops_when_cancelled(
    tmp_path: Path, archive: Archive, segmenter: Segmenter
) -> None:
    archive.segmenter = segmenter
    a1, a3 = write_issue(tmp_path)
    calls: list[int] = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    report = run_plan(archive, [PlannedFile(a1), PlannedFile(a3)], cancelled=cancelled)
    assert report.cancelled
    assert [Path(r.path).name for r in report.files] == [a1.name]
