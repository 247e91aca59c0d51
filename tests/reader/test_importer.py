"""Importing page files: metadata, idempotence, re-import in place, continuations, bad files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Article, Page
from reader.archive import Archive
from reader.importer import Importer, collect_files, meta_from_file_name
from reader.library import get_article, list_articles, list_publications
from reader.store import PageMeta
from tests.fixtures.pages import PAGE_A1, PAGE_A3, write_issue, write_page


def _titles(archive: Archive) -> list[str]:
    with archive.db.read() as session:
        return [article.title for article in list_articles(session)]


def test_file_name_metadata() -> None:
    meta = meta_from_file_name(Path("人民日报_1998-01-01_01.txt"))
    assert meta == PageMeta(publication="人民日报", date=dt.date(1998, 1, 1), page_label="01")
    assert meta_from_file_name(Path("scan-0001.txt")) == PageMeta()
    assert meta_from_file_name(Path("报_1998-13-45_01.txt")) == PageMeta()


def test_collect_files_recurses_and_skips_hidden(tmp_path: Path) -> None:
    write_page(tmp_path / "a" / "b", "x.txt", "标题\n\n正文。")
    write_page(tmp_path / ".hidden", "y.txt", "标题\n\n正文。")
    write_page(tmp_path, "scan.png", "not a page")
    assert [path.name for path in collect_files([tmp_path])] == ["x.txt"]


def test_import_splits_and_joins_a_continued_article(archive: Archive, tmp_path: Path) -> None:
    a1, a3 = write_issue(tmp_path)
    report = Importer(archive).run([a1, a3])
    assert [result.status for result in report.files] == ["imported", "imported"]
    with archive.db.read() as session:
        (publication,) = list_publications(session)
        assert publication.name == "河东晚报"
        assert [issue.date for issue in publication.issues] == ["2024-05-17"]
        assert [page.label for page in publication.issues[0].pages] == ["A1", "A3"]
        articles = list_articles(session)
        joined = next(article for article in articles if article.title == "古镇老街焕新颜")
        assert joined.pages == ["A1", "A3"]
        detail = get_article(session, joined.id)
    assert detail.subtitle == "青石县推进历史街区保护利用纪实"
    assert detail.continues_to == "A3"
    assert detail.paragraphs[-1].startswith("如今，老街每逢周末")
    assert any(paragraph.startswith("老街上的居民") for paragraph in detail.paragraphs)
    assert all("下转" not in p and "上接" not in p for p in detail.paragraphs)
    assert len(articles) == 3


@pytest.mark.parametrize("order", [("A1", "A3"), ("A3", "A1")])
def test_the_join_does_not_depend_on_import_order(
    archive: Archive, tmp_path: Path, order: tuple[str, str]
) -> None:
    files = dict(zip(("A1", "A3"), write_issue(tmp_path), strict=True))
    for label in order:
        Importer(archive).run([files[label]])
    with archive.db.read() as session:
        articles = list_articles(session)
        joined = next(article for article in articles if article.title == "古镇老街焕新颜")
        detail = get_article(session, joined.id)
    assert joined.pages == ["A1", "A3"]
    assert detail.paragraphs[0].startswith("清晨")
    assert detail.paragraphs[-1].startswith("如今")
    assert len(articles) == 3


def test_importing_the_same_file_again_changes_nothing(archive: Archive, tmp_path: Path) -> None:
    a1, _ = write_issue(tmp_path)
    Importer(archive).run([a1])
    with archive.db.read() as session:
        before = session.scalars(select(Article.id).order_by(Article.id)).all()
    report = Importer(archive).run([a1])
    assert report.files[0].status == "unchanged"
    with archive.db.read() as session:
        assert session.scalars(select(Article.id).order_by(Article.id)).all() == before


def test_reimporting_a_changed_page_keeps_article_identity(
    archive: Archive, tmp_path: Path
) -> None:
    a1, _ = write_issue(tmp_path)
    Importer(archive).run([a1])
    with archive.db.read() as session:
        ids_before = {a.title: a.id for a in list_articles(session)}
    write_page(tmp_path, a1.name, PAGE_A1.replace("一千二百米", "一千三百米"))
    report = Importer(archive).run([a1])
    assert report.files[0].status == "imported" and report.files[0].replaced
    with archive.db.read() as session:
        ids_after = {a.title: a.id for a in list_articles(session)}
        detail = get_article(session, ids_after["古镇老街焕新颜"])
        assert session.scalar(select(func.count(Page.id))) == 1
    assert ids_after == ids_before
    assert any("一千三百米" in paragraph for paragraph in detail.paragraphs)


def test_flags_win_over_masthead_and_file_name(archive: Archive, tmp_path: Path) -> None:
    path = write_page(tmp_path, "page.txt", PAGE_A3)
    overrides = PageMeta(publication="样报", date=dt.date(2001, 2, 3), page_label="B2")
    report = Importer(archive, overrides=overrides).run([path])
    result = report.files[0]
    assert (result.publication, result.date, result.page) == ("样报", "2001-02-03", "B2")


def test_a_page_without_metadata_goes_to_the_unsorted_issue(
    archive: Archive, tmp_path: Path
) -> None:
    path = write_page(tmp_path, "page.txt", PAGE_A3)
    Importer(archive).run([path])
    with archive.db.read() as session:
        (publication,) = list_publications(session)
    assert publication.issues[0].unsorted
    assert publication.issues[0].pages[0].label == "page"


def test_masthead_gives_metadata(archive: Archive, tmp_path: Path) -> None:
    path = write_page(tmp_path, "scan.txt", PAGE_A1)
    result = Importer(archive).run([path]).files[0]
    assert (result.publication, result.date, result.page) == ("河东晚报", "2024-05-17", "A1")


def test_encodings_are_detected_and_recorded(archive: Archive, tmp_path: Path) -> None:
    gbk = write_page(tmp_path, "河东晚报_2024-05-17_A3.txt", PAGE_A3, encoding="gb18030")
    result = Importer(archive).run([gbk]).files[0]
    assert result.status == "imported"
    assert result.encoding is not None and result.encoding.lower().replace("-", "") in {
        "gb18030",
        "gbk",
        "gb2312",
    }
    assert "县图书馆举办读书月活动" in _titles(archive)


def test_a_bad_file_is_reported_and_the_batch_goes_on(archive: Archive, tmp_path: Path) -> None:
    empty = write_page(tmp_path, "empty.txt", "")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    truncated = tmp_path / "truncated.txt"
    truncated.write_bytes(PAGE_A3.encode("utf-8")[:-2])
    a1, _ = write_issue(tmp_path / "good")
    report = Importer(archive).run([empty, binary, a1, truncated, tmp_path / "missing.txt"])
    statuses = {Path(r.path).name: (r.status, r.error) for r in report.files}
    assert statuses[a1.name][0] == "imported"
    for name in ("empty.txt", "binary.txt", "missing.txt"):
        status, error = statuses[name]
        assert status == "failed"
        assert error and name in error
    assert "古镇老街焕新颜" in _titles(archive)


def test_a_too_large_file_is_refused_with_its_size(archive: Archive, tmp_path: Path) -> None:
    path = write_page(tmp_path, "big.txt", PAGE_A3 * 200)
    result = Importer(archive, max_file_bytes=10_000).run([path]).files[0]
    assert result.status == "failed"
    assert "too large" in (result.error or "")
    with archive.db.read() as session:
        assert session.scalar(select(func.count(Page.id))) == 0


def test_a_one_megabyte_line_is_imported(archive: Archive, tmp_path: Path) -> None:
    line = "这是一条很长的没有换行的文字，" * 70_000
    path = write_page(tmp_path, "long.txt", "长行测试\n\n" + line + "。\n")
    result = Importer(archive).run([path]).files[0]
    assert result.status == "imported", result.error


def test_cancel_stops_between_files_and_keeps_what_was_imported(
    archive: Archive, tmp_path: Path
) -> None:
    a1, a3 = write_issue(tmp_path)
    calls: list[str] = []

    def cancelled() -> bool:
        return len(calls) >= 1

    report = Importer(archive).run(
        [a1, a3], progress=lambda done, total, name: calls.append(name), cancelled=cancelled
    )
    assert report.cancelled
    assert [result.status for result in report.files] == ["imported"]


def test_the_same_label_from_another_file_is_refused(archive: Archive, tmp_path: Path) -> None:
    first = write_page(tmp_path, "one.txt", PAGE_A3)
    second = write_page(tmp_path, "two.txt", PAGE_A1)
    meta = PageMeta(publication="样报", date=dt.date(2001, 2, 3), page_label="B2")
    Importer(archive, overrides=meta).run([first])
    result = Importer(archive, overrides=meta).run([second]).files[0]
    assert result.status == "failed"
    assert "one.txt" in (result.error or "")
    assert "县图书馆举办读书月活动" in _titles(archive)


def test_page_texts_are_stored_for_export(archive: Archive, tmp_path: Path) -> None:
    a1, _ = write_issue(tmp_path)
    Importer(archive).run([a1])
    with archive.db.read() as session:
        page = session.scalars(select(Page)).one()
        assert page.source_bytes == a1.read_bytes()
        assert page.text.startswith("河东晚报")


def test_a_page_without_the_issue_number_joins_its_issue(archive: Archive, tmp_path: Path) -> None:
    front = PAGE_A1.replace("第A1版", "第A1版　第88期")
    a1 = write_page(tmp_path, "河东晚报_2024-05-17_A1.txt", front)
    a3 = write_page(tmp_path, "河东晚报_2024-05-17_A3.txt", PAGE_A3)
    for order in ([a1, a3], [a3, a1]):
        with Archive(archive.paths.__class__(tmp_path / f"arch-{order[0].stem}")) as fresh:
            Importer(fresh).run(order)
            with fresh.db.read() as session:
                (publication,) = list_publications(session)
                (issue,) = publication.issues
                joined = next(a for a in list_articles(session) if a.title == "古镇老街焕新颜")
            assert issue.number == "第88期"
            assert [page.label for page in issue.pages] == ["A1", "A3"]
            assert joined.pages == ["A1", "A3"]
