"""The window imports PDF and ZIP files, and shows a page's scan beside the text with zoom."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.library import list_articles
from tests.fixtures.formats import (
    EPAPER_ARTICLE,
    huge_png_header,
    issue_pdf,
    png_bytes,
    write_mets_issue,
    write_zip,
)
from tests.ui.conftest import ImportFlow
from ui.importing.dialog import ImportDialog
from ui.importing.models import FileColumn
from ui.main_window import MainWindow
from ui.scan.viewer import ScanView, decode_scan


def _article_id(archive: Archive, title: str) -> int:
    with archive.db.read() as session:
        return next(a.id for a in list_articles(session) if a.title == title)


def test_the_window_imports_a_pdf_and_a_zip(
    window: MainWindow, archive: Archive, tmp_path: Path, import_flow: ImportFlow
) -> None:
    pdf = tmp_path / "河东晚报_2024-05-18.pdf"
    pdf.write_bytes(issue_pdf())
    mets = write_mets_issue(tmp_path / "src")
    members = {
        f"mets/{path.relative_to(mets.parent).as_posix()}": path.read_bytes()
        for path in sorted(mets.parent.rglob("*"))
        if path.is_file()
    }
    members["A03.html"] = EPAPER_ARTICLE.read_bytes()
    bundle = write_zip(tmp_path / "bundle.zip", members)
    report = import_flow(window, [pdf, bundle])
    assert [(r.name, r.status) for r in report.files] == [
        ("河东晚报_2024-05-18.pdf, page 1", "imported"),
        ("河东晚报_2024-05-18.pdf, page 2", "imported"),
        ("bundle.zip:A03.html", "imported"),
        ("bundle.zip:mets/mets.xml, page 1", "imported"),
        ("bundle.zip:mets/mets.xml, page 2", "imported"),
    ]
    assert not window.showing_welcome
    assert _article_id(archive, "春茶开采") > 0
    assert _article_id(archive, "古镇老街焕新颜") > 0


def test_the_import_dialog_lists_the_pages_of_a_pdf(qtbot: QtBot, tmp_path: Path) -> None:
    from reader.import_plan import preview_files

    pdf = tmp_path / "河东晚报_2024-05-18.pdf"
    pdf.write_bytes(issue_pdf())
    (preview,) = preview_files([tmp_path])
    assert preview.several and preview.pages == ["B1", "B2"]
    assert preview.found.page_label is None  # each page keeps its own label
    dialog = ImportDialog([preview])
    qtbot.addWidget(dialog)
    model = dialog.files_model
    page_cell = model.index(0, FileColumn.PAGE)
    assert page_cell.data() == "B1、B2"
    assert not model.flags(page_cell) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(page_cell, "C1")
    assert "2 page" in model.index(0, FileColumn.NOTE).data()
    (planned,) = dialog.planned_files()
    assert planned.overrides.page_label is None
    assert planned.overrides.publication == "河东晚报"


def test_show_scan_displays_the_page_image_with_zoom(
    window: MainWindow, archive: Archive, tmp_path: Path, import_flow: ImportFlow, qtbot: QtBot
) -> None:
    page = tmp_path / "A03.html"
    shutil.copy(EPAPER_ARTICLE, page)
    (tmp_path / "A03.png").write_bytes(png_bytes(60, 90))
    import_flow(window, [page])
    pane = window.scans.pane
    assert window.scans.dock.isHidden()
    window.show()
    window.open_article(_article_id(archive, "老厂房里办起了科普馆"))
    assert pane.current_image_id == -1  # hidden: nothing loaded yet
    window.scans.show_action.trigger()
    assert window.scans.show_action.isChecked() and not window.scans.dock.isHidden()
    qtbot.waitUntil(lambda: pane.current_image_id > 0, timeout=3000)
    view = pane.view
    assert view.has_image() and (view.image_size().width(), view.image_size().height()) == (60, 90)
    fitted = view.scale_factor
    pane.zoom_in_action.trigger()
    assert view.scale_factor > fitted
    pane.zoom_out_action.trigger()
    pane.zoom_out_action.trigger()
    assert view.scale_factor < fitted
    pane.actual_action.trigger()
    assert view.scale_factor == 1.0
    pane.fit_action.trigger()
    assert abs(view.scale_factor - fitted) < 1e-6
    window.scans.dock.close()  # closing the dock unchecks the action
    assert not window.scans.show_action.isChecked()


def test_an_article_without_scan_says_so(
    window: MainWindow, archive: Archive, tmp_path: Path, import_flow: ImportFlow, qtbot: QtBot
) -> None:
    page = tmp_path / "A03.html"
    shutil.copy(EPAPER_ARTICLE, page)
    import_flow(window, [page])
    window.show()
    window.scans.set_visible(True)
    window.open_article(_article_id(archive, "老厂房里办起了科普馆"))
    pane = window.scans.pane
    qtbot.waitUntil(lambda: "no scan" in pane.message.text(), timeout=3000)
    assert not pane.view.has_image()


def test_undecodable_or_huge_images_are_refused_not_crashed(qtbot: QtBot) -> None:
    assert decode_scan(b"not an image").image is None
    huge = decode_scan(huge_png_header())
    assert huge.image is None or huge.scaled
    good = decode_scan(png_bytes(20, 30))
    assert good.image is not None and (good.image.width(), good.image.height()) == (20, 30)
    assert not good.scaled
    smaller = decode_scan(png_bytes(100, 100), max_pixels=2500)
    assert smaller.scaled and smaller.image is not None
    assert (smaller.image.width(), smaller.image.height()) == (50, 50)
    view = ScanView()
    qtbot.addWidget(view)
    view.set_image(None)
    assert not view.has_image()
