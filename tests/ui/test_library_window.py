"""The Library pane in the window: bookmarks, tags, nested collections, saved searches, undo."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.notes import collections, tags
from tests.ui.pages import HOSTILE_TITLE
from tests.ui.test_notes_window import LIBRARY, MORNING, open_title, undo_action
from ui.articles.model import Column as ArticleColumn
from ui.articles.model import Role as ArticleRole
from ui.library.dialogs import CollectionDialog, TagDialog
from ui.library.model import Column as LibraryColumn
from ui.library.model import NodeKind, Role
from ui.main_window import MainWindow


def listed_titles(window: MainWindow) -> list[str]:
    model = window.articles.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.index(row, ArticleColumn.TITLE).data() for row in range(model.rowCount())]


def node_children(window: MainWindow, index: QModelIndex) -> list[str]:
    model = window.research.library.model
    return [model.index(row, 0, index).data() for row in range(model.rowCount(index))]


def open_dialog(window: MainWindow, name: str) -> QInputDialog:
    shown = [d for d in window.findChildren(QInputDialog, name) if d.isVisible()]
    assert len(shown) == 1, name  # closed ones may wait for deletion
    return shown[0]


def answer(window: MainWindow, name: str, text: str) -> None:
    dialog = open_dialog(window, name)
    dialog.setTextValue(text)
    dialog.accept()


def menu_action(menu: QMenu, text: str) -> QAction:
    for action in menu.actions():
        if action.text().replace("&", "") == text:
            return action
        if action.menu() is not None:
            for inner in action.menu().actions():
                if inner.text().replace("&", "") == text:
                    return inner
    raise AssertionError(f"{text!r} not in {[a.text() for a in menu.actions()]}")


def collection_ids(archive: Archive) -> dict[str, int]:
    with archive.db.read() as session:
        return {info.path: info.id for info in collections.list_collections(session)}


def test_ctrl_d_stars_an_article_and_lists_it_under_bookmarked(
    filled_window: MainWindow, qtbot: QtBot
) -> None:
    window = filled_window
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    open_title(window, MORNING)
    article_id = window.reader.article.id  # type: ignore[union-attr]
    research = window.research
    assert not research.bookmark_action.isChecked()
    qtbot.keyClick(window.reader.browser, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyRelease(window, Qt.Key.Key_Control)
    assert research.bookmark_action.isChecked()
    model = window.articles.model
    row = model.row_of(article_id)
    assert row is not None
    assert model.index(row, ArticleColumn.TITLE).data(ArticleRole.Marked) is True
    assert model.index(row, ArticleColumn.TITLE).data(Qt.ItemDataRole.DecorationRole) is not None
    library = research.library
    bookmarked = library.model.top_index(NodeKind.BOOKMARKS)
    assert library.model.index(bookmarked.row(), LibraryColumn.ARTICLES).data() == "1"
    assert library.choose(NodeKind.BOOKMARKS)
    assert listed_titles(window) == [MORNING]
    assert window.articles.select_row(0)

    research.set_bookmarked()  # toggles off: the list of bookmarks follows
    assert not research.bookmark_action.isChecked()
    assert listed_titles(window) == []
    undo_action(window).trigger()
    assert listed_titles(window) == [MORNING]
    assert research.bookmarked == frozenset({article_id})


def test_a_hierarchical_tag_is_found_under_its_parent_node_and_by_search(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, LIBRARY)
    research = window.research
    research.ask_tags()
    dialog = research.dialog
    assert isinstance(dialog, TagDialog) and dialog.isVisible()
    dialog.new_edit.setText(" 产业 ／ 光伏 ")  # spaces and a full-width slash are normalised
    dialog.accept()
    model = research.library.model
    industry = model.find(NodeKind.TAG, "产业")
    assert industry.isValid()
    assert node_children(window, industry) == ["光伏"]
    solar = model.find(NodeKind.TAG, "产业/光伏")
    assert solar.data(Role.Count) == 1
    research.library.choose(NodeKind.TAG, "产业")  # the parent lists its children's articles
    assert listed_titles(window) == [LIBRARY]

    window.search.search("tag:产业")
    hits = [window.search.model.hit(row) for row in range(window.search.model.rowCount())]
    assert [hit.title for hit in hits if hit is not None] == [LIBRARY]

    open_title(window, LIBRARY)
    article_id = window.reader.article.id  # type: ignore[union-attr]
    research.ask_tags()
    dialog = research.dialog
    assert isinstance(dialog, TagDialog)
    assert dialog.tag_list.count() == 1 and dialog.tag_list.item(0).text() == "产业/光伏"
    dialog.tag_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    with archive.db.read() as session:
        assert tags.tags_of_article(session, article_id) == []
    undo_action(window).trigger()
    with archive.db.read() as session:
        assert tags.tags_of_article(session, article_id) == ["产业/光伏"]
    assert listed_titles(window) == [LIBRARY]  # the tag's list follows the undo


def test_nested_collections_are_made_filled_moved_deleted_and_restored(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    research = window.research
    library = research.library
    library.ask_new_collection(None)
    answer(window, "newCollectionDialog", "课题A")
    top = collection_ids(archive)["课题A"]
    menu = library.context_menu(library.model.find(NodeKind.COLLECTION, top))
    assert menu is not None
    menu_action(menu, "New collection inside…").trigger()
    answer(window, "newCollectionDialog", "子课题")
    sub = collection_ids(archive)["课题A/子课题"]
    assert node_children(window, library.model.find(NodeKind.COLLECTION, top)) == ["子课题"]

    for title, target in ((LIBRARY, sub), (MORNING, top)):
        open_title(window, title)
        research.ask_collection()
        dialog = research.dialog
        assert isinstance(dialog, CollectionDialog)
        assert dialog.select(target)
        dialog.accept()
    with archive.db.read() as session:
        assert len(collections.articles_in_collection(session, top, recursive=True)) == 2
    library.choose(NodeKind.COLLECTION, top)
    assert sorted(listed_titles(window)) == sorted([LIBRARY, MORNING])
    library.choose(NodeKind.COLLECTION, sub)
    assert listed_titles(window) == [LIBRARY]

    # Drag the sub-collection to the top level, then undo the move.
    model = library.model
    data = model.mimeData([model.find(NodeKind.COLLECTION, sub)])
    assert data is not None
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.top_index(NodeKind.COLLECTIONS))
    assert "子课题" in collection_ids(archive)
    assert node_children(window, model.top_index(NodeKind.COLLECTIONS)) == ["课题A", "子课题"]
    undo_action(window).trigger()
    assert "课题A/子课题" in collection_ids(archive)

    menu = library.context_menu(model.find(NodeKind.COLLECTION, top))
    assert menu is not None
    menu_action(menu, "Delete collection").trigger()
    assert collection_ids(archive) == {}
    assert node_children(window, model.top_index(NodeKind.COLLECTIONS)) == []
    undo_action(window).trigger()
    assert collection_ids(archive) == {"课题A": top, "课题A/子课题": sub}  # same ids back
    with archive.db.read() as session:
        assert len(collections.articles_in_collection(session, top, recursive=True)) == 2
    undo_action(window, "redoEdit").trigger()
    assert collection_ids(archive) == {}


def test_a_saved_search_is_kept_in_the_library_and_runs_in_the_search_pane(
    filled_window: MainWindow,
) -> None:
    window = filled_window
    research = window.research
    window.search.query_edit.setText("图书馆")
    research.library.save_search_button.click()
    answer(window, "saveSearchDialog", "开馆报道")
    model = research.library.model
    node = model.find(NodeKind.SEARCH, "开馆报道")
    assert node.isValid() and node.data(Role.Query) == "图书馆"
    window.search.search("")
    assert research.library.choose(NodeKind.SEARCH, "开馆报道")
    assert window.search.query_edit.text() == "图书馆"
    assert window.search.model.total == 1
    menu = research.library.context_menu(node)
    assert menu is not None
    menu_action(menu, "Delete search").trigger()
    assert not model.find(NodeKind.SEARCH, "开馆报道").isValid()


def test_hostile_titles_stay_literal_in_the_edit_menu_and_the_library(
    filled_window: MainWindow, archive: Archive
) -> None:
    window = filled_window
    open_title(window, HOSTILE_TITLE)
    window.research.set_bookmarked(True)
    text = undo_action(window).text()
    assert "<b>bold</b>" in text  # action texts are plain, never rendered
    assert "&lt;" in undo_action(window).toolTip()  # tooltips are escaped
    window.research.library.choose(NodeKind.BOOKMARKS)
    assert listed_titles(window) == [HOSTILE_TITLE]
    window.research.library.ask_new_collection(None)
    answer(window, "newCollectionDialog", "<img src=x onerror=1>专题")
    (collection_id,) = collection_ids(archive).values()
    node = window.research.library.model.find(NodeKind.COLLECTION, collection_id)
    assert node.data() == "<img src=x onerror=1>专题"
    assert "&lt;img" in node.data(Qt.ItemDataRole.ToolTipRole)


def test_a_refused_edit_is_explained_and_leaves_the_history_alone(
    filled_window: MainWindow,
) -> None:
    window = filled_window
    open_title(window, MORNING)
    window.research.set_bookmarked(True)
    stack = window.entities.undo_stack
    assert stack.count() == 1
    assert window.research.tag_current("产业//光伏")  # an empty level: refused
    boxes = [box for box in window.findChildren(QMessageBox, "editFailedBox") if box.isVisible()]
    assert len(boxes) == 1 and "产业//光伏" in boxes[0].text()
    assert boxes[0].textFormat() == Qt.TextFormat.PlainText
    boxes[0].close()
    assert stack.count() == 1 and "bookmark" in undo_action(window).text()
