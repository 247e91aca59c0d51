"""Printing an article and saving it as PDF: the reader's plain-text layout on paper colours."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPalette, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from reader.library import ArticleDetail
from ui.reader.document import ArticleDocumentBuilder

PRINT_POINT_SIZE = 11


def paper_palette() -> QPalette:
    """Black on white, whatever the window's theme."""
    palette = QPalette(QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#000000"))
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#555555"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#1a4f9c"))
    return palette


def print_document(
    article: ArticleDetail, font: QFont, point_size: float = PRINT_POINT_SIZE
) -> QTextDocument:
    """The article laid out for paper (built with text insertion: markup stays text).

    The caller owns the document (give it a parent, or keep a reference while printing).
    """
    builder = ArticleDocumentBuilder(paper_palette(), font, point_size)
    return builder.build(article).document


def pdf_printer(path: Path) -> QPrinter:
    """A printer writing A4 PDF to ``path``."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def print_article(article: ArticleDetail, printer: QPrinter, font: QFont) -> None:
    """Print an article on a printer (a real one, or PDF output)."""
    document = print_document(article, font)
    document.setDocumentMargin(0)
    printer.setDocName(article.title or "article")
    document.print_(printer)
    document.deleteLater()


def export_pdf(article: ArticleDetail, path: Path, font: QFont) -> Path:
    """Save an article as a PDF file.

    Returns:
        The file written.
    """
    print_article(article, pdf_printer(path), font)
    return path
