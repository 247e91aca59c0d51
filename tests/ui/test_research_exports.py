"""Citations, exports, PDF and printing from the window (files in a temporary folder)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog

from reader.archive import Archive
from reader.notes.annotations import create_annotation
from reader.notes.collections import add_to_collection, create_collection
from tests.ui.pages import HOSTILE_TITLE
from tests.ui.test_library_window import listed_titles
from tests.ui.test_notes_window import LIBRARY, MORNING, open_title
from ui.main_window import MainWindow
from ui.research.printing import print_article, print_document


def test_a_gbt_7714_citation_is_copied_to_the_clipboard(filled_window: MainWindow) -> None:
    window = filled_window
    open_title(window, MORNING)
    QGuiApplication.clipboard().setText("")
    window.research.cite_actions["gbt7714"].trigger()
    text = QGuiApplication.clipboard().text()
    assert MORNING in text and "[N]" in text and "测试周报" in text and "2024-01-05" in text
    assert text.startswith("周明. ")
    assert "copied" in window.statusBar().currentMessage()


def test_the_whole_list_is_cited_in_ris_and_saved_as_bibtex(
    filled_window: MainWindow, tmp_path: Path
) -> None:
    window = filled_window
    count = len(listed_titles(window))
    assert count > 3
    window.research.copy_citation("ris", listed=True)
    text = QGuiApplication.clipboard().text()
    assert text.count("TY  - ") == count and text.count("ER  - ") == count
    target = tmp_path / "list.bib"
    window.research.save_citation("bibtex", target, listed=True)
    assert target.read_text(encoding="utf-8").count("@article{") == count


def test_notes_are_exported_as_markdown_and_json_per_article_and_per_collection(
    filled_window: MainWindow, archive: Archive, tmp_path: Path
) -> None:
    window = filled_window
    open_title(window, LIBRARY)
    article = window.reader.article
    assert article is not None
    create_annotation(archive, article.id, start=0, end=6, note="开馆时间待核实", color="pink")
    markdown = tmp_path / "notes.md"
    window.research.export_notes("markdown", markdown, article_ids=[article.id])
    text = markdown.read_text(encoding="utf-8")
    assert "开馆时间待核实" in text and LIBRARY in text

    folder = create_collection(archive, "课题A")
    add_to_collection(archive, folder.id, [article.id])
    window.refresh()
    dialog = window.research.ask_export_collection_notes("json")
    assert dialog.select(folder.id)
    dialog.accept()
    chooser = window.findChild(QFileDialog, "exportFileDialog")
    assert chooser is not None and chooser.isVisible()
    chooser.fileSelected.emit(str(tmp_path / "collection"))  # the suffix is added
    chooser.close()
    data = json.loads((tmp_path / "collection.json").read_text(encoding="utf-8"))
    assert "开馆时间待核实" in json.dumps(data, ensure_ascii=False)


def test_the_article_list_is_exported_as_csv(filled_window: MainWindow, tmp_path: Path) -> None:
    window = filled_window
    target = tmp_path / "articles.csv"
    window.research.export_list(target)
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    titles = listed_titles(window)
    assert len(rows) == len(titles) + 1
    flat = "\n".join(",".join(row) for row in rows)
    assert all(title in flat for title in titles if not title.startswith(("=", "+", "-", "@")))


def test_an_article_is_saved_as_pdf_through_the_menu_wiring(
    filled_window: MainWindow, tmp_path: Path
) -> None:
    window = filled_window
    open_title(window, LIBRARY)
    dialog = window.research.ask_export_pdf()
    assert dialog is not None
    dialog.fileSelected.emit(str(tmp_path / "article"))
    dialog.close()
    pdf = tmp_path / "article.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 1000
    assert window.research.pdf_action.isEnabled()
    window.open_article(-1)
    assert not window.research.pdf_action.isEnabled()
    assert window.research.export_pdf(tmp_path / "none.pdf") is None


def test_the_printed_document_keeps_hostile_titles_as_text(
    filled_window: MainWindow, tmp_path: Path
) -> None:
    window = filled_window
    open_title(window, HOSTILE_TITLE)
    article = window.reader.article
    assert article is not None
    document = print_document(article, window.reader.browser.font())
    assert HOSTILE_TITLE in document.toPlainText()
    assert "<script" not in document.toHtml()
    document.deleteLater()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "hostile.pdf"))
    print_article(article, printer, window.reader.browser.font())
    assert (tmp_path / "hostile.pdf").read_bytes().startswith(b"%PDF-")


def test_print_preview_opens_without_blocking(filled_window: MainWindow) -> None:
    window = filled_window
    assert window.research.preview_current() is None  # no article shown yet
    open_title(window, LIBRARY)
    dialog = window.research.preview_current()
    assert dialog is not None and dialog.isVisible()
    dialog.close()
