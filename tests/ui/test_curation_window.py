"""Curation in the window: every operation from its menu, undone and redone; edit and history."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.curation.history import list_revisions
from reader.library import get_article
from reader.listing import ArticleQuery, fetch_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.ui.conftest import ImportFlow
from tests.ui.pages import HOSTILE_TITLE, PAGES
from tests.ui.test_notes_window import LIBRARY, MORNING, open_title, undo_action
from ui.curation.dialogs import (
    ArticleChoiceDialog,
    ArticleEditDialog,
    DetailsDialog,
    PageChoiceDialog,
)
from ui.curation.diffview import INSERTED
from ui.curation.pane import ALL, THIS_ARTICLE
from ui.importing.models import ResultColumn
from ui.issues.model import NodeKind
from ui.issues.model import Role as IssueRole
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.tasks import TaskRunner
from ui.undo import Affects

HOSTILE = "<b>x</b><script>alert(1)</script>"
LETTERS = "读者来信"


@dataclass(frozen=True)
class Stored:
    id: int
    title: str
    issue_id: int
    pages: tuple[str, ...]
    blocks: tuple[str, ...]


def stored(archive: Archive) -> dict[int, Stored]:
    """Every article of the archive as stored now."""
    found: dict[int, Stored] = {}
    with archive.db.read() as session:
        for row in fetch_articles(session, ArticleQuery(), limit=1000).rows:
            detail = get_article(session, row.id)
            found[row.id] = Stored(
                detail.id,
                detail.title,
                detail.issue_id,
                tuple(detail.pages),
                tuple(block.text for block in detail.blocks),
            )
    return found


def by_title(archive: Archive, title: str) -> Stored:
    (found,) = [article for article in stored(archive).values() if article.title == title]
    return found


def redo_action(window: MainWindow) -> QAction:
    return undo_action(window, "redoEdit")


def window_action(window: MainWindow, name: str) -> QAction:
    action = window.findChild(QAction, name)
    assert action is not None, name
    return action


def named(menu: QMenu, name: str) -> QAction:
    for action in menu.actions():
        if action.objectName() == name:
            return action
        if action.menu() is not None:
            inner = [a for a in action.menu().actions() if a.objectName() == name]
            if inner:
                return inner[0]
    raise AssertionError(f"{name!r} not in {[a.objectName() for a in menu.actions()]}")


def reader_menu(window: MainWindow, block: int, offset: int = 1) -> QMenu:
    """The reader's context menu as built for a point inside a block."""
    rendered = window.reader.rendered
    assert rendered is not None
    menu = QMenu(window)
    window.reader.contextMenuRequested.emit(menu, rendered.position(block, offset))
    return menu


def put_cursor(window: MainWindow, first: int, last: int | None = None) -> None:
    """Put the reader's cursor in a block, or select from one block to the end of another."""
    rendered = window.reader.rendered
    assert rendered is not None
    cursor = QTextCursor(rendered.document)
    cursor.setPosition(rendered.position(first, 1))
    if last is not None:
        cursor.setPosition(rendered.position(first, 0))
        end = len(rendered.blocks[last].text)
        cursor.setPosition(rendered.position(last, end), QTextCursor.MoveMode.KeepAnchor)
    window.reader.browser.setTextCursor(cursor)


def shown(window: MainWindow, qtbot: QtBot) -> MainWindow:
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    return window


def failure_box(window: MainWindow) -> QMessageBox:
    boxes = [
        box for box in window.findChildren(QMessageBox, "curationFailedBox") if box.isVisible()
    ]
    assert len(boxes) == 1
    return boxes[0]


def test_affects_has_a_flag_for_articles() -> None:
    assert Affects.ARTICLES not in (Affects.ANNOTATIONS | Affects.BOOKMARKS | Affects.TAGS)


def test_split_here_from_the_reader_menu_is_undone_and_redone(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    before = stored(archive)
    open_title(window, LIBRARY)
    library = by_title(archive, LIBRARY)
    assert len(library.blocks) == 5
    first_menu = reader_menu(window, 0)
    assert not named(first_menu, "splitArticleHere").isEnabled()  # nothing before it
    named(reader_menu(window, 2), "splitArticleHere").trigger()

    after = stored(archive)
    assert after[library.id].blocks == library.blocks[:2]
    (new_id,) = set(after) - set(before)
    assert after[new_id].blocks == library.blocks[2:]
    article = window.reader.article
    assert article is not None and article.id == library.id and len(article.blocks) == 2
    assert "split" in undo_action(window).text()

    undo_action(window).trigger()  # Ctrl+Z
    assert stored(archive) == before
    article = window.reader.article
    assert article is not None and len(article.blocks) == 5
    redo_action(window).trigger()
    again = stored(archive)
    assert again[library.id].blocks == library.blocks[:2]
    assert sorted(a.blocks for a in again.values()) == sorted(a.blocks for a in after.values())


def test_split_from_the_article_menu_uses_the_reader_cursor(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = shown(filled_window, qtbot)
    open_title(window, MORNING)
    morning = by_title(archive, MORNING)
    split = window_action(window, "splitArticle")
    put_cursor(window, 0)
    window.curation.article_menu.aboutToShow.emit()
    assert not split.isEnabled()
    assert not window.curation.split_here()  # refused before the first paragraph
    put_cursor(window, 1)
    window.curation.article_menu.aboutToShow.emit()
    assert split.isEnabled()
    split.trigger()
    assert by_title(archive, MORNING).blocks == morning.blocks[:1]
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(window, Qt.Key.Key_Control)
    assert by_title(archive, MORNING).blocks == morning.blocks


def list_menu(window: MainWindow, title: str) -> QMenu:
    """The article list's context menu on the row of a headline."""
    model = window.articles.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    rows = [model.index(row, 0).data() for row in range(model.rowCount())]
    index = model.index(rows.index(title), 0)
    table = window.articles.table
    table.scrollTo(index)
    menu = window.articles.context_menu(table.visualRect(index).center())
    assert menu is not None
    return menu


def test_merge_with_the_previous_article_from_the_list_is_undone_and_redone(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = shown(filled_window, qtbot)
    before = stored(archive)
    library, morning = by_title(archive, LIBRARY), by_title(archive, MORNING)
    open_title(window, MORNING)
    named(list_menu(window, MORNING), "listMergePrevious").trigger()
    after = stored(archive)
    assert morning.id not in after
    assert MORNING in after[library.id].blocks  # the headline kept as a heading
    assert set(morning.blocks) <= set(after[library.id].blocks)
    article = window.reader.article
    assert article is not None and article.id == library.id  # the survivor is shown
    undo_action(window).trigger()
    assert stored(archive) == before
    redo_action(window).trigger()
    assert morning.id not in stored(archive)


def test_merge_with_the_next_article_from_the_article_menu(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    before = stored(archive)
    open_title(window, LIBRARY)
    window_action(window, "mergeNext").trigger()
    assert len(stored(archive)) == len(before) - 1
    undo_action(window).trigger()
    assert stored(archive) == before


def test_a_refused_operation_shows_its_message_and_leaves_no_command(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = filled_window
    before = stored(archive)
    open_title(window, LETTERS)  # alone on its page: no neighbour
    window_action(window, "mergePrevious").trigger()
    box = failure_box(window)
    assert box.text() and box.textFormat() == Qt.TextFormat.PlainText
    box.close()
    assert stored(archive) == before
    qtbot.waitUntil(lambda: window.entities.undo_stack.count() == 0, timeout=2000)


def test_move_selected_paragraphs_to_another_article(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    before = stored(archive)
    library, morning = by_title(archive, LIBRARY), by_title(archive, MORNING)
    open_title(window, LIBRARY)
    put_cursor(window, 1, 2)
    window.curation.article_menu.aboutToShow.emit()
    assert window_action(window, "moveParagraphs").isEnabled()
    window_action(window, "moveParagraphs").trigger()
    dialog = window.curation.dialog
    assert isinstance(dialog, ArticleChoiceDialog)
    assert dialog.choice() is not None and dialog.choice().likely  # an article of page A1
    assert dialog.select_article(morning.id)
    dialog.at_start.setChecked(True)
    dialog.accept()
    after = stored(archive)
    assert after[morning.id].blocks == library.blocks[1:3] + morning.blocks
    assert after[library.id].blocks == library.blocks[:1] + library.blocks[3:]
    undo_action(window).trigger()
    assert stored(archive) == before
    redo_action(window).trigger()
    assert stored(archive)[morning.id].blocks == after[morning.id].blocks


def test_unjoin_at_a_page_then_join_the_continuation_back(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    before = stored(archive)
    library = by_title(archive, LIBRARY)
    assert library.pages == ("A1", "A2")
    open_title(window, LIBRARY)
    curation = window.curation
    curation.article_menu.aboutToShow.emit()
    assert curation.unjoin_menu.isEnabled()
    curation.unjoin_menu.aboutToShow.emit()
    (at_a2,) = curation.unjoin_menu.actions()
    assert at_a2.text() == "Page A2"
    at_a2.trigger()
    unjoined = stored(archive)
    (tail_id,) = set(unjoined) - set(before)
    assert unjoined[library.id].pages == ("A1",) and unjoined[tail_id].pages == ("A2",)

    window_action(window, "joinContinuation").trigger()
    dialog = curation.dialog
    assert isinstance(dialog, ArticleChoiceDialog)
    assert dialog.article_id() == tail_id  # the likely continuation is chosen at first
    dialog.accept()
    joined = stored(archive)
    assert tail_id not in joined and joined[library.id].blocks == library.blocks

    undo_action(window).trigger()  # the join
    assert stored(archive) == unjoined
    undo_action(window).trigger()  # the unjoin
    assert stored(archive) == before
    redo_action(window).trigger()
    redo_action(window).trigger()
    assert stored(archive)[library.id].blocks == library.blocks and tail_id not in stored(archive)


def test_move_an_article_to_a_page_of_another_issue(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    before = stored(archive)
    letters = by_title(archive, LETTERS)
    other_issue = by_title(archive, "全市中小学寒假安排公布")
    open_title(window, LETTERS)
    window_action(window, "moveArticle").trigger()
    dialog = window.curation.dialog
    assert isinstance(dialog, PageChoiceDialog)
    assert dialog.page_combo.currentText() == "A4"  # its own page at first
    dialog.issue_combo.setCurrentIndex(1)
    dialog.page_combo.setCurrentIndex(0)
    dialog.accept()
    moved = stored(archive)[letters.id]
    assert moved.issue_id == other_issue.issue_id and moved.pages == ("A1",)
    undo_action(window).trigger()
    assert stored(archive) == before
    redo_action(window).trigger()
    assert stored(archive)[letters.id].issue_id == other_issue.issue_id


def tree_menu(window: MainWindow, kind: NodeKind, key: int) -> QMenu:
    model = window.issues.model
    index = model.index_for_issue(key) if kind is NodeKind.ISSUE else QModelIndex()
    if kind is NodeKind.PAGE:
        pending = [QModelIndex()]
        while pending and not index.isValid():
            parent = pending.pop()
            for row in range(model.rowCount(parent)):
                child = model.index(row, 0, parent)
                if child.data(IssueRole.PageId) == key and child.data(IssueRole.Kind) == kind:
                    index = child
                    break
                pending.append(child)
    assert index.isValid()
    tree = window.issues.tree
    parent = index.parent()
    while parent.isValid():
        tree.setExpanded(parent, True)
        parent = parent.parent()
    tree.scrollTo(index)
    menu = window.issues.context_menu(tree.visualRect(index).center())
    assert menu is not None
    return menu


def page_rows(archive: Archive) -> dict[str, tuple[str, str | None, str | None]]:
    from reader.listing import issue_tree

    with archive.db.read() as session:
        return {
            f"{issue.id}/{page.id}": (
                page.label,
                issue.date.isoformat() if issue.date else None,
                issue.number,
            )
            for publication in issue_tree(session)
            for issue in publication.issues
            for page in issue.pages
        }


def test_correct_page_and_issue_details_from_the_issue_tree(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = shown(filled_window, qtbot)
    before = page_rows(archive)
    letters = by_title(archive, LETTERS)
    key = next(k for k, (label, date, _n) in before.items() if label == "A4")
    page_id = int(key.split("/")[1])
    named(tree_menu(window, NodeKind.PAGE, page_id), "treeCorrectPage").trigger()
    dialog = window.curation.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.label_edit.text() == "A4"
    dialog.label_edit.setText("A5")
    dialog.accept()
    assert page_rows(archive)[key][0] == "A5"
    assert stored(archive)[letters.id].pages == ("A5",)
    undo_action(window).trigger()
    assert page_rows(archive) == before

    named(tree_menu(window, NodeKind.ISSUE, letters.issue_id), "treeCorrectIssue").trigger()
    dialog = window.curation.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.kind == "issue"
    dialog.number_edit.setText("第1期")
    dialog.accept()
    numbers = {
        value[2] for k, value in page_rows(archive).items() if k.startswith(f"{letters.issue_id}/")
    }
    assert numbers == {"第1期"}
    undo_action(window).trigger()
    assert page_rows(archive) == before
    redo_action(window).trigger()
    assert page_rows(archive) != before


def test_correct_page_details_from_the_article_menu(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, LETTERS)
    window_action(window, "correctPage").trigger()
    dialog = window.curation.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.label_edit.text() == "A4"
    dialog.label_edit.setText("A6")
    dialog.accept()
    assert by_title(archive, LETTERS).pages == ("A6",)
    article = window.reader.article
    assert article is not None and article.pages == ["A6"]  # the reader follows


def test_the_edit_dialog_round_trip_with_hostile_text(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    before = stored(archive)
    morning = by_title(archive, MORNING)
    open_title(window, MORNING)
    window_action(window, "editArticle").trigger()  # Ctrl+E
    dialog = window.curation.dialog
    assert isinstance(dialog, ArticleEditDialog) and dialog.article_id == morning.id
    assert dialog.text_of("title") == MORNING
    assert not dialog.differs_from_original("title")
    dialog.set_text("title", MORNING + HOSTILE)
    (part_id,) = dialog.part_ids
    dialog.set_part_text(part_id, dialog.text_of(f"part:{part_id}") + "\n\n补充一段。")
    dialog.accept()

    edited = stored(archive)[morning.id]
    assert edited.title == MORNING + HOSTILE
    assert edited.blocks == (*morning.blocks, "补充一段。")
    assert MORNING + HOSTILE in window.reader.text()  # plain text in the reader

    window_action(window, "editArticle").trigger()
    again = window.curation.dialog
    assert isinstance(again, ArticleEditDialog)
    assert again.text_of("title") == MORNING + HOSTILE
    assert again.differs_from_original("title")  # marked "edited", original offered
    again.reject()

    undo_action(window).trigger()
    assert stored(archive) == before
    redo_action(window).trigger()
    assert stored(archive)[morning.id].title == MORNING + HOSTILE


def test_the_history_lists_shows_the_diff_and_reverts(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = shown(filled_window, qtbot)
    before = stored(archive)
    morning = by_title(archive, MORNING)
    open_title(window, MORNING)
    window.curation.editor.edit_article(morning.id, MORNING, fields={"title": MORNING + HOSTILE})
    window_action(window, "showHistory").trigger()  # Ctrl+H
    history = window.curation.history
    assert history.isVisible()
    history.set_scope(THIS_ARTICLE)
    assert history.model.rowCount() == 1
    assert history.select_row(0)
    assert (INSERTED, HOSTILE) in history.diff_view.marked()
    assert HOSTILE in history.diff_view.toPlainText()
    assert "<script>" not in history.diff_view.document().toHtml()

    history.revert_button.click()
    assert stored(archive) == before
    history.set_scope(ALL)
    assert history.model.rowCount() == 2  # the edit and its revert
    assert history.model.revision(0).action == "revert"
    assert not history.select_row(5)
    assert history.select_row(1) and not history.revert_button.isEnabled()  # reverted already

    undo_action(window).trigger()  # undo the revert: the edit is back
    assert stored(archive)[morning.id].title == MORNING + HOSTILE

    open_title(window, LIBRARY)
    history.table.doubleClicked.emit(history.model.index(0, 0))
    article = window.reader.article
    assert article is not None and article.id == morning.id  # double-click shows the article


def test_a_refused_revert_shows_why(
    filled_window: MainWindow, archive: Archive, qtbot: QtBot
) -> None:
    window = shown(filled_window, qtbot)
    morning = by_title(archive, MORNING)
    open_title(window, MORNING)
    editor = window.curation.editor
    editor.edit_article(morning.id, MORNING, fields={"title": "第一次更正"})
    editor.edit_article(morning.id, MORNING, fields={"title": "第二次更正"})
    with archive.db.read() as session:
        first, second = sorted(info.id for info in list_revisions(session))
    history = window.curation.show_history(ALL)
    assert history.model.rowCount() == 2
    assert history.select_row(history.model.row_of(first) or 0)
    history.revert_button.click()
    box = failure_box(window)
    assert f"{second}" in box.text()  # names the later revision to revert first
    box.close()
    assert by_title(archive, "第二次更正").id == morning.id  # nothing changed
    assert window.entities.undo_stack.count() >= 2


def test_hostile_headlines_stay_plain_in_the_edit_menu_and_dialogs(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, HOSTILE_TITLE)
    window_action(window, "joinContinuation").trigger()
    assert window.curation.dialog is None  # alone in its issue: nothing to join
    assert "no other article" in window.statusBar().currentMessage()
    window_action(window, "mergePrevious").trigger()
    box = failure_box(window)  # alone on its page
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()
    assert window.curation.split_here(1)
    assert HOSTILE_TITLE[:12] in undo_action(window).text()  # literal in the Edit menu
    window_action(window, "editArticle").trigger()
    edit = window.curation.dialog
    assert isinstance(edit, ArticleEditDialog) and edit.text_of("title") == HOSTILE_TITLE


@pytest.mark.parametrize("name", ["editArticle", "showHistory"])
def test_the_curation_shortcuts_are_window_wide(filled_window: MainWindow, name: str) -> None:
    action = window_action(filled_window, name)
    assert action in filled_window.actions() and not action.shortcut().isEmpty()


def test_the_reader_context_menu_offers_the_page_and_the_structure(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, LIBRARY)
    rendered = window.reader.rendered
    assert rendered is not None
    menu = reader_menu(window, 4)
    page = named(menu, "correctPageHere")
    assert page.isEnabled()
    page.trigger()
    dialog = window.curation.dialog
    assert isinstance(dialog, DetailsDialog) and dialog.label_edit.text() == "A2"  # block 4's page
    dialog.reject()
    structure = [
        a
        for a in menu.actions()
        if a.menu() is not None and a.menu().objectName() == "readerStructureMenu"
    ]
    assert structure and "Unjoin at page A2" in [a.text() for a in structure[0].menu().actions()]
    point = window.reader.browser.cursorRect(QTextCursor(rendered.document)).center()
    built = window.reader.context_menu(point + QPoint(0, 0))
    assert any(a.objectName() == "splitArticleHere" for a in built.actions())


def test_reimporting_a_corrected_page_keeps_the_corrections_and_says_so(
    filled_window: MainWindow, archive: Archive, import_flow: ImportFlow, tmp_path: Path
) -> None:
    window = filled_window
    morning = by_title(archive, MORNING)
    open_title(window, MORNING)
    window.curation.editor.edit_article(morning.id, MORNING, fields={"title": "晨练的人多了"})
    name = "测试周报_2024-01-05_A1.txt"
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / name).write_text(PAGES[name].replace("十二个小时", "十个小时"), encoding="utf-8")
    report = import_flow(window, [folder / name])
    assert len(report.kept_corrections) == 1
    assert stored(archive)[morning.id].title == "晨练的人多了"  # the user's version wins
    dialog = window.importer.show_results(report)
    assert "your version wins" in dialog.summary.text()
    details = dialog.model.index(0, ResultColumn.DETAILS).data()
    assert details == "page A1 of 测试周报 2024-01-05 has your corrections — kept"
    dialog.close()


def test_a_split_and_its_undo_with_tasks_on_worker_threads(
    qtbot: QtBot, filled_template: Path, tmp_path: Path, segmenter: Segmenter
) -> None:
    root = tmp_path / "threaded"
    shutil.copytree(filled_template, root)
    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = segmenter
        runner = TaskRunner()  # real worker threads: the window never waits for a step
        window = MainWindow(archive, Settings(tmp_path / "settings.ini"), runner)
        qtbot.addWidget(window)
        try:
            window.show()
            qtbot.waitUntil(lambda: window.articles.model.rowCount() > 0, timeout=5000)
            library = by_title(archive, LIBRARY)
            window.articles.select_article(library.id)
            qtbot.waitUntil(lambda: window.curation.context is not None, timeout=5000)

            def reader_blocks() -> int:
                article = window.reader.article
                return len(article.blocks) if article is not None else -1

            named(reader_menu(window, 2), "splitArticleHere").trigger()
            qtbot.waitUntil(lambda: reader_blocks() == 2, timeout=5000)
            window.entities.undo_stack.undo()
            qtbot.waitUntil(lambda: reader_blocks() == 5, timeout=5000)
            window.entities.undo_stack.redo()
            qtbot.waitUntil(lambda: reader_blocks() == 2, timeout=5000)
            history = window.curation.show_history(ALL)
            qtbot.waitUntil(lambda: history.model.rowCount() == 3, timeout=5000)
            qtbot.waitUntil(lambda: bool(history.diff_view.marked()), timeout=5000)
            qtbot.waitUntil(lambda: not runner.is_busy(), timeout=5000)
            assert len(stored(archive)[library.id].blocks) == 2
        finally:
            window.close()
