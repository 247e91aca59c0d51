"""Every format through the importer and the CLI: same guarantees as text pages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from db.models import Page, PageImage
from main import main
from reader.archive import Archive
from reader.formats.originals import REFERENCE_MAGIC, page_original
from reader.formats.scans import scan_bytes, scans_of_article
from reader.importer import Importer
from reader.library import get_article, list_articles
from reader.store import PageMeta
from tests.fixtures.formats import (
    BILLION_LAUGHS,
    EPAPER_ARTICLE,
    EPAPER_LISTING,
    PDF_PAGE_1,
    PDF_PAGE_2,
    encrypted_pdf,
    issue_pdf,
    pdf_bytes,
    png_bytes,
    write_hostile_zip,
    write_mets_issue,
    write_zip,
)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:
    status = main([*argv, "--json"])
    return status, json.loads(capsys.readouterr().out)


def _articles(archive: Archive) -> dict[str, list[str]]:
    with archive.db.read() as session:
        return {article.title: article.pages for article in list_articles(session)}


def test_each_format_imports_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mets = write_mets_issue(tmp_path / "mets")
    pdf = tmp_path / "河东晚报_2024-05-18.pdf"
    pdf.write_bytes(issue_pdf())
    html = tmp_path / "A03.html"
    shutil.copy(EPAPER_ARTICLE, html)
    (tmp_path / "A03.png").write_bytes(png_bytes())
    bundle = write_zip(tmp_path / "bundle.zip", {"list/A04.html": EPAPER_LISTING.read_bytes()})
    archive = str(tmp_path / "arch")
    status, report = _cli(
        capsys, "--archive", archive, "import", str(mets.parent), str(pdf), str(html), str(bundle)
    )
    assert status == 0, report
    rows = [(Path(f["path"]).name, f["part"], f["status"], f["page"]) for f in report["files"]]
    assert rows == [
        ("mets.xml", "page 1", "imported", "A1"),
        ("mets.xml", "page 2", "imported", "A2"),
        ("河东晚报_2024-05-18.pdf", "page 1", "imported", "B1"),
        ("河东晚报_2024-05-18.pdf", "page 2", "imported", "B2"),
        ("A03.html", None, "imported", "A3"),
        ("bundle.zip", "list/A04.html", "imported", "A4"),
    ]
    status, listed = _cli(capsys, "--archive", archive, "articles")
    pages = {article["title"]: article["pages"] for article in listed["articles"]}
    assert pages["古镇老街焕新颜"] == ["A1", "A2"]  # METS article over two pages: one article
    assert pages["春茶开采"] == ["B1", "B2"]  # 下转/上接 across two PDF pages
    assert pages["老厂房里办起了科普馆"] == ["A3"]
    assert pages["南部乡镇夏收全面展开"] == ["A4"]
    # the same files again: nothing to do
    status, again = _cli(
        capsys, "--archive", archive, "import", str(mets.parent), str(pdf), str(html), str(bundle)
    )
    assert status == 0
    assert {f["status"] for f in again["files"]} == {"unchanged"}
    assert again["unchanged"] == 6


def test_bad_files_of_each_format_get_clear_errors_and_the_rest_imports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "laughs.xml").write_bytes(BILLION_LAUGHS)
    (bad / "locked.pdf").write_bytes(encrypted_pdf())
    (bad / "cut.pdf").write_bytes(issue_pdf()[:900])
    (bad / "empty.html").write_bytes(b"")
    write_hostile_zip(bad / "hostile.zip", {})
    good = tmp_path / "good.html"
    shutil.copy(EPAPER_ARTICLE, good)
    status, report = _cli(
        capsys, "--archive", str(tmp_path / "arch"), "import", str(bad), str(good)
    )
    assert status == 1
    failed = [f for f in report["files"] if f["status"] == "failed"]
    names = {Path(f["path"]).name for f in failed}
    assert names == {"laughs.xml", "locked.pdf", "cut.pdf", "empty.html", "hostile.zip"}
    for result in failed:
        assert result["error"] and "Traceback" not in result["error"]
        assert result["error"].startswith(Path(result["path"]).name)
    assert len([f for f in failed if Path(f["path"]).name == "hostile.zip"]) == 7
    assert [f["status"] for f in report["files"] if f["path"] == str(good)] == ["imported"]


def test_a_pdf_is_stored_once_and_exported_whole_from_any_page(
    archive: Archive, tmp_path: Path
) -> None:
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(issue_pdf())
    report = Importer(archive).run([pdf])
    assert [result.name for result in report.files] == ["issue.pdf, page 1", "issue.pdf, page 2"]
    with archive.db.read() as session:
        rows = session.execute(
            select(Page.id, Page.source_format, Page.source_bytes).order_by(Page.id)
        ).all()
        assert [row.source_format for row in rows] == ["pdf", "pdf"]
        assert rows[0].source_bytes == pdf.read_bytes()
        assert rows[1].source_bytes.startswith(REFERENCE_MAGIC)
        assert len(rows[1].source_bytes) < 1000
        for row in rows:
            original = page_original(session, row.id)
            assert (original.file_name, original.data) == ("issue.pdf", pdf.read_bytes())
            assert original.media_type == "application/pdf"


def test_a_changed_pdf_replaces_its_pages_in_place(archive: Archive, tmp_path: Path) -> None:
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(issue_pdf())
    Importer(archive).run([pdf])
    before = {title: id_ for title, id_ in _ids(archive).items()}
    changed = [line.replace("八十余件", "九十余件") for line in PDF_PAGE_2]
    pdf.write_bytes(pdf_bytes([PDF_PAGE_1, changed]))
    report = Importer(archive).run([pdf])
    assert [(r.status, r.replaced) for r in report.files] == [("imported", True)] * 2
    assert _ids(archive) == before
    with archive.db.read() as session:
        assert session.scalar(select(func.count(Page.id))) == 2
        detail = get_article(session, before["县文化馆举办书法展"])
        holders = session.scalars(select(Page.source_bytes)).all()
    assert "九十余件" in detail.paragraphs[0]
    assert sum(1 for data in holders if data.startswith(b"%PDF-")) == 1


def _ids(archive: Archive) -> dict[str, int]:
    with archive.db.read() as session:
        return {article.title: article.id for article in list_articles(session)}


def test_scans_are_stored_with_their_pages_and_found_from_an_article(
    archive: Archive, tmp_path: Path
) -> None:
    mets = write_mets_issue(tmp_path)
    report = Importer(archive).run([mets])
    assert [r.status for r in report.files] == ["imported", "imported"]
    titles = _ids(archive)
    with archive.db.read() as session:
        assert session.scalar(select(func.count(PageImage.id))) == 2
        scans = scans_of_article(session, titles["古镇老街焕新颜"])
        assert [(scan.page_label, scan.file_name) for scan in scans] == [
            ("A1", "0001.png"),
            ("A2", "0002.png"),
        ]
        first_scan = (mets.parent / "images" / "0001.png").read_bytes()
        assert scan_bytes(session, scans[0].id) == first_scan
        formats = set(session.scalars(select(Page.source_format)))
    assert formats == {"alto"}


def test_a_scan_added_later_attaches_to_the_page_in_place(
    archive: Archive, tmp_path: Path
) -> None:
    page = tmp_path / "A03.html"
    shutil.copy(EPAPER_ARTICLE, page)
    Importer(archive).run([page])
    before = _ids(archive)
    (tmp_path / "A03.jpg").write_bytes(png_bytes())  # a PNG named .jpg: the bytes decide
    result = Importer(archive).run([page]).files[0]
    assert (result.status, result.replaced) == ("imported", True)
    assert _ids(archive) == before
    with archive.db.read() as session:
        (image,) = session.scalars(select(PageImage)).all()
        assert (image.file_name, image.media_type) == ("A03.jpg", "image/png")
    assert Importer(archive).run([page]).files[0].status == "unchanged"


def test_a_page_label_cannot_name_every_page_of_a_pdf(archive: Archive, tmp_path: Path) -> None:
    pdf = tmp_path / "issue.pdf"
    pdf.write_bytes(issue_pdf())
    report = Importer(archive, overrides=PageMeta(page_label="C3")).run([pdf])
    assert [r.status for r in report.files] == ["failed", "failed"]
    assert "cannot name each of its pages" in (report.files[0].error or "")
    one = tmp_path / "one.pdf"
    one.write_bytes(pdf_bytes([PDF_PAGE_2]))
    result = Importer(archive, overrides=PageMeta(page_label="C3")).run([one]).files[0]
    assert (result.status, result.page) == ("imported", "C3")


def test_page_source_exports_the_original(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mets = write_mets_issue(tmp_path / "src")
    archive = str(tmp_path / "arch")
    assert main(["--archive", archive, "import", str(mets)]) == 0
    capsys.readouterr()
    target = tmp_path / "out.zip"
    status, out = _cli(capsys, "--archive", archive, "page-source", "1", "-o", str(target))
    assert status == 0 and out["media_type"] == "application/zip"
    import zipfile

    with zipfile.ZipFile(target) as bundle:
        assert bundle.read("mets.xml") == mets.read_bytes()
    scan = tmp_path / "scan.png"
    status, _out = _cli(
        capsys, "--archive", archive, "page-source", "2", "--scan", "1", "-o", str(scan)
    )
    assert scan.read_bytes() == (mets.parent / "images" / "0002.png").read_bytes()
    assert main(["--archive", archive, "page-source", "2", "--scan", "3", "-o", str(scan)]) != 0
