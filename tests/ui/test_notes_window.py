"""Annotations in the window: highlight a selection, notes, the Notes pane, undo, search, safety."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QMouseEvent, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.notes.annotations import AnnotationInfo, create_annotation, list_annotations
from ui.articles.model import Column as ArticleColumn
from ui.main_window import MainWindow
from ui.notes.dialog import NoteDialog
from ui.notes.model import Column as NoteColumn
from ui.reader.document import annotation_key

LIBRARY = "湖畔新区首座图书馆开馆"
MORNING = "冬日暖阳下的晨练人群"
HOSTILE = '<img src="file:///etc/passwd"><script>alert(1)</script>'


def open_title(window: MainWindow, title: str) -> None:
    model = window.articles.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    rows = [model.index(row, ArticleColumn.TITLE).data() for row in range(model.rowCount())]
    assert window.articles.select_row(rows.index(title))
    assert window.reader.article is not None and window.reader.article.title == title


def select_body(window: MainWindow, first: tuple[int, int], last: tuple[int, int]) -> None:
    """Select from (block, offset) to (block, offset) in the reader, as a drag would."""
    rendered = window.reader.rendered
    assert rendered is not None
    cursor = QTextCursor(rendered.document)
    cursor.setPosition(rendered.position(*first))
    cursor.setPosition(rendered.position(*last), QTextCursor.MoveMode.KeepAnchor)
    window.reader.browser.setTextCursor(cursor)


def stored(archive: Archive, article_id: int | None = None) -> list[AnnotationInfo]:
    with archive.db.read() as session:
        return list_annotations(session, article_id=article_id)


def drawn(window: MainWindow) -> list[tuple[int, int, str]]:
    return [item for item in window.reader.drawn_highlights() if item[2].startswith("annotation:")]


def undo_action(window: MainWindow, name: str = "undoEdit") -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None
    return action


def notes_rows(window: MainWindow, column: int = NoteColumn.PASSAGE) -> list[str]:
    model = window.research.notes.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_a_selection_over_two_paragraphs_is_highlighted_stored_and_undone(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, LIBRARY)
    article = window.reader.article
    assert article is not None and len(article.blocks) >= 3
    select_body(window, (0, 6), (1, 4))
    layer = window.research.layer
    assert layer.note_action.isEnabled()
    layer.colour_actions["green"].trigger()

    (annotation,) = stored(archive, article.id)
    expected = article.body[annotation.start : annotation.end]
    assert annotation.field == "body" and annotation.color == "green"
    assert annotation.quote == expected and "\n" in expected  # over a paragraph break
    assert expected.startswith(article.blocks[0].text[6:])
    key = annotation_key("green")
    assert [kind for *_range, kind in drawn(window)] == [key, key]  # one piece per paragraph
    assert notes_rows(window) == [expected.replace("\n", " ¶ ")]

    undo = undo_action(window)
    assert "highlight" in undo.text()
    undo.trigger()
    assert stored(archive, article.id) == [] and drawn(window) == []
    assert window.research.notes.model.rowCount() == 0
    undo_action(window, "redoEdit").trigger()
    (again,) = stored(archive, article.id)
    assert again.id == annotation.id and again.quote == expected  # the same row back
    assert len(drawn(window)) == 2


def test_ctrl_z_undoes_the_latest_edit_of_any_kind(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = filled_window
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    open_title(window, MORNING)
    article = window.reader.article
    assert article is not None
    select_body(window, (0, 0), (0, 4))
    window.research.layer.colour_actions["blue"].trigger()
    window.research.set_bookmarked(True)
    assert article.id in window.research.bookmarked
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert article.id not in window.research.bookmarked  # the bookmark went first
    assert len(stored(archive, article.id)) == 1
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(window, Qt.Key.Key_Control)
    assert stored(archive, article.id) == []


def test_a_note_is_written_listed_in_the_notes_pane_and_found_by_search(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, LIBRARY)
    select_body(window, (1, 0), (1, 6))
    window.research.layer.note_action.trigger()
    dialog = window.research.note_dialog
    assert isinstance(dialog, NoteDialog) and dialog.isVisible()
    dialog.note_edit.setPlainText("需核实藏书数量")
    dialog.colour_combo.setCurrentIndex(dialog.colour_combo.findData("pink"))
    dialog.accept()
    (annotation,) = stored(archive, window.reader.article.id)  # type: ignore[union-attr]
    assert annotation.note == "需核实藏书数量" and annotation.color == "pink"
    assert [kind for *_range, kind in drawn(window)] == [annotation_key("pink", noted=True)]

    notes = window.research.notes
    assert notes_rows(window, NoteColumn.NOTE) == ["需核实藏书数量"]
    notes.show_all()
    assert notes_rows(window, NoteColumn.NOTE) == ["需核实藏书数量"]
    assert not notes.table.isColumnHidden(NoteColumn.ARTICLE)
    notes.filter_edit.setText("藏书")
    notes.filter_edit.returnPressed.emit()
    assert notes.model.rowCount() == 1
    notes.filter_edit.setText("没有这句")
    notes.filter_edit.returnPressed.emit()
    assert notes.model.rowCount() == 0

    pane = window.search
    pane.query_edit.setText("note:核实")
    pane.query_edit.returnPressed.emit()
    hits = [pane.model.hit(row) for row in range(pane.model.rowCount())]
    assert [hit.title for hit in hits if hit is not None] == [LIBRARY]


def test_the_notes_pane_jumps_to_the_passage_in_its_article(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, LIBRARY)
    article = window.reader.article
    assert article is not None
    last = len(article.blocks) - 1
    start = article.body.index(article.blocks[last].text)
    create_annotation(
        archive, article.id, start=start + 2, end=start + 8, note="下转的段落", color="blue"
    )
    open_title(window, MORNING)
    notes = window.research.notes
    notes.show_all()
    assert notes.model.rowCount() == 1
    notes.table.doubleClicked.emit(notes.model.index(0, 0))
    assert window.reader.article is not None and window.reader.article.id == article.id
    cursor = window.reader.browser.textCursor()
    assert cursor.selectedText() == article.blocks[last].text[2:8]


def test_clicking_a_highlight_edits_its_note_and_a_removal_is_undone(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = filled_window
    window.show()
    qtbot.waitExposed(window)
    open_title(window, MORNING)
    article = window.reader.article
    assert article is not None
    created = create_annotation(archive, article.id, start=2, end=8, note="旧笔记")
    window.research.layer.reload()
    rendered = window.reader.rendered
    assert rendered is not None
    cursor = QTextCursor(rendered.document)
    cursor.setPosition(rendered.position(0, 4))
    point = window.reader.browser.cursorRect(cursor).center()
    window.reader.browser.setTextCursor(QTextCursor(rendered.document))  # no selection
    release = QMouseEvent(
        QEvent.Type.MouseButtonRelease,
        QPointF(point),
        window.reader.browser.viewport().mapToGlobal(QPointF(point)),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.research.layer.eventFilter(window.reader.browser.viewport(), release)
    dialog = window.research.note_dialog
    assert dialog is not None and dialog.note_edit.toPlainText() == "旧笔记"
    dialog.note_edit.setPlainText("新笔记")
    dialog.accept()
    assert [a.note for a in stored(archive, article.id)] == ["新笔记"]
    undo_action(window).trigger()
    assert [a.note for a in stored(archive, article.id)] == ["旧笔记"]

    menu = window.reader.context_menu(QPoint(point))
    remove = next(a for a in menu.actions() if a.objectName() == "removeAnnotation")
    remove.trigger()
    menu.deleteLater()
    assert stored(archive, article.id) == []
    undo_action(window).trigger()
    assert [a.id for a in stored(archive, article.id)] == [created.id]


def test_an_orphaned_annotation_is_flagged_in_the_pane_and_not_drawn(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, MORNING)
    article = window.reader.article
    assert article is not None
    created = create_annotation(archive, article.id, start=0, end=4, note="会失去原文")
    with archive.db.write() as session:
        from db.models import Annotation

        row = session.get(Annotation, created.id)
        assert row is not None
        row.status = "orphaned"
        row.quote = "原文已经改掉的句子"
    window.research.layer.reload()
    window.research.notes.refresh()
    assert drawn(window) == []
    model = window.research.notes.model
    assert model.index(0, NoteColumn.STATUS).data() == "not found"
    window.research.notes.orphaned_check.setChecked(True)
    assert model.rowCount() == 1
    window.research.notes.activate_row(0)
    assert "could not be found" in window.statusBar().currentMessage()


def test_hostile_notes_and_quotes_are_shown_as_literal_text(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, MORNING)
    article = window.reader.article
    assert article is not None
    created = create_annotation(archive, article.id, start=0, end=3, note=HOSTILE)
    window.research.layer.reload()
    window.research.notes.refresh()
    assert notes_rows(window, NoteColumn.NOTE) == [HOSTILE]
    dialog = window.research.edit_note(window.research.notes.model.annotation(0))  # type: ignore[arg-type]
    assert dialog.note_edit.toPlainText() == HOSTILE
    assert dialog.quote_label.textFormat() == Qt.TextFormat.PlainText
    dialog.reject()
    html = window.reader.browser.document().toHtml()
    assert "<img" not in html and "<script" not in html
    assert created.note == HOSTILE
