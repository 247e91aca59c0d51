"""A sweep over every widget of the window: hostile text from pages never becomes live HTML.

The pane tests check their own widgets; this one walks the whole window after the hostile
article was opened, searched and listed, so a pane added later (notes, quality …) is
covered too: labels showing page text are plain text, tooltips are escaped, documents hold
no image and load nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt, QUrl
from PySide6.QtWidgets import QAbstractItemView, QLabel, QTextEdit

from tests.ui.pages import HOSTILE_BODY, HOSTILE_TITLE
from ui.main_window import MainWindow

MARKERS = ("<script>", "<b>bold</b>", "<img src=")


def _hostile(text: object) -> bool:
    return isinstance(text, str) and any(marker in text for marker in MARKERS)


def _indexes(view: QAbstractItemView, limit: int = 400) -> list[QModelIndex]:
    model = view.model()
    if model is None:
        return []
    found: list[QModelIndex] = []
    pending = [QModelIndex()]
    flat = isinstance(model, QAbstractListModel | QAbstractTableModel)  # no children there
    while pending and len(found) < limit:
        parent = pending.pop()
        columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
        for row in range(min(model.rowCount(parent), limit)):
            for column in range(columns):
                index = model.index(row, column, parent)
                found.append(index)
                if column == 0 and not flat and model.rowCount(index) > 0:
                    pending.append(index)
    return found


def test_no_widget_shows_page_text_as_html(filled_window: MainWindow) -> None:
    window = filled_window
    window.show()
    window.search_index.start()
    window.search.search("标题")
    titles = window.articles.model
    row = next(
        r
        for r in range(titles.rowCount())
        if titles.index(r, 0).data(Qt.ItemDataRole.DisplayRole) == HOSTILE_TITLE
        or HOSTILE_TITLE in str(titles.index(r, 1).data())
    )
    assert window.articles.select_row(row)
    shown_somewhere = False
    for label in window.findChildren(QLabel):
        if _hostile(label.text()):
            shown_somewhere = True
            assert label.textFormat() == Qt.TextFormat.PlainText, label.objectName()
    for view in window.findChildren(QAbstractItemView):
        for index in _indexes(view):
            if _hostile(index.data(Qt.ItemDataRole.DisplayRole)):
                shown_somewhere = True
                tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
                assert not _hostile(tooltip), (view.objectName(), tooltip)
    for editor in window.findChildren(QTextEdit):
        text = editor.toPlainText()
        if HOSTILE_TITLE in text or HOSTILE_BODY in text:
            shown_somewhere = True
        document = editor.document()
        block = document.begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                assert not iterator.fragment().charFormat().isImageFormat(), editor.objectName()
                iterator += 1
            block = block.next()
        assert not document.resource(2, QUrl("file:///etc/passwd"))
    assert shown_somewhere  # the sweep looked at the hostile strings, not at nothing
    assert HOSTILE_TITLE in window.reader.text()
