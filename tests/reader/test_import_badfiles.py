"""Hostile files: each gets a clear per-file message, the rest import, nothing partial."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from db.models import Page
from reader.archive import Archive
from reader.importer import Importer
from reader.library import get_article, list_articles
from reader.store import PageMeta
from tests.fixtures.badfiles import VALID, write_bad_files
from tests.fixtures.pages import write_issue


def test_every_bad_file_is_named_with_its_problem_and_the_batch_goes_on(
    archive: Archive, tmp_path: Path
) -> None:
    folder = tmp_path / "bad"
    expected = write_bad_files(folder, include_huge=True)
    bad = {name: keyword for name, keyword in expected.items() if keyword != VALID}
    good_a1, _ = write_issue(tmp_path / "good")
    report = Importer(archive).run([folder / name for name in sorted(bad)] + [good_a1])
    results = {Path(result.path).name: result for result in report.files}
    for name, keyword in bad.items():
        result = results[name]
        assert result.status == "failed", name
        assert result.error and name in result.error, result.error
        if name.endswith(".bin"):  # refused for its type before any decoding
            keyword = "unsupported file type"
        assert keyword in result.error, result.error
        assert "Traceback" not in result.error
    assert results[good_a1.name].status == "imported"
    with archive.db.read() as session:
        assert set(session.scalars(select(Page.source_name))) == {good_a1.name}


def test_every_awkward_but_valid_file_imports(archive: Archive, tmp_path: Path) -> None:
    expected = write_bad_files(tmp_path)
    valid = sorted(name for name, keyword in expected.items() if keyword == VALID)
    valid.remove("long_line.txt")  # imported on its own in test_importer (slow to tag)
    for name in valid:  # the fixture pages share one masthead: give each its own page label
        overrides = PageMeta(page_label=name.removesuffix(".txt"))
        result = Importer(archive, overrides=overrides).run([tmp_path / name]).files[0]
        assert result.status == "imported", (name, result.error)
    with archive.db.read() as session:
        assert session.scalar(select(func.count(Page.id))) == len(valid)


def test_markup_in_a_page_is_stored_as_plain_text(archive: Archive, tmp_path: Path) -> None:
    write_bad_files(tmp_path)
    Importer(archive).run([tmp_path / "script.txt"])
    with archive.db.read() as session:
        (summary,) = list_articles(session)
        detail = get_article(session, summary.id)
    text = "\n".join(detail.paragraphs)
    assert "<script>alert(1)</script>" in text
    assert '<img src="file:///etc/passwd">' in text


def test_a_big5_page_is_decoded_not_mojibake(archive: Archive, tmp_path: Path) -> None:
    write_bad_files(tmp_path)
    result = Importer(archive).run([tmp_path / "big5_page.txt"]).files[0]
    assert result.status == "imported"
    assert result.encoding and "big5" in result.encoding
    with archive.db.read() as session:
        titles = [article.title for article in list_articles(session)]
    assert "老廠房裡辦起了科普館" in titles
