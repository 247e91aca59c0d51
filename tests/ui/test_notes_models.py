"""Item models of the Notes and Library panes: model checks, plain text, orphans, drag and drop."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.notes.collections import CollectionInfo
from reader.notes.saved_searches import SavedSearchInfo
from reader.notes.tags import TagInfo
from tests.ui.test_notes_layer import annotation
from ui.library.model import COLLECTION_MIME, LibraryData, LibraryModel, NodeKind, Role
from ui.notes.model import AnnotationTableModel, Column
from ui.notes.model import Role as NoteRole

HOSTILE = '<img src="file:///etc/passwd"><script>alert(1)</script>'
HOSTILE_TAG = "<img src=x onerror=alert(1)><script>"  # no "/": one level


def tag(path: str, total: int, tag_id: int = 1) -> TagInfo:
    parts = path.split("/")
    parent = "/".join(parts[:-1]) or None
    return TagInfo(tag_id, path, parts[-1], parent, len(parts) - 1, total, total)


def library() -> LibraryData:
    return LibraryData(
        bookmarks=2,
        tags=[tag("产业", 3, 1), tag("产业/光伏", 2, 2), tag("民生", 1, 3), tag(HOSTILE_TAG, 1, 4)],
        collections=[
            CollectionInfo(10, "课题A", None, "课题A", 0, count=1, total=3),
            CollectionInfo(11, "子课题", 10, "课题A/子课题", 0, depth=1, count=2, total=2),
            CollectionInfo(12, HOSTILE, None, HOSTILE, 1),
        ],
        searches=[SavedSearchInfo(1, "图书馆", "title:图书馆", dt.datetime(2024, 1, 5))],
    )


def children(model: LibraryModel, parent: QModelIndex) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def test_the_annotation_model_passes_the_model_checks(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = AnnotationTableModel()
    model.set_annotations(
        [
            annotation(id=1, note="核实数据"),
            annotation(id=2, status="orphaned", quote="消失的段落"),
            annotation(id=3, field="article", start=0, end=0, quote="", note="全文笔记"),
        ]
    )
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 3 and model.columnCount() == len(Column)


def test_orphaned_annotations_are_flagged_not_hidden(qtbot: QtBot) -> None:
    model = AnnotationTableModel()
    model.set_annotations(
        [
            annotation(id=1),
            annotation(id=2, status="orphaned", quote="消失的段落"),
            annotation(id=3, article_id=None, status="anchored"),
            annotation(id=4, status="moved"),
        ]
    )
    status = [model.index(row, Column.STATUS).data() for row in range(4)]
    assert status == ["", "not found", "article gone", "moved"]
    assert [model.index(row, 0).data(NoteRole.Orphaned) for row in range(4)] == [
        False,
        True,
        True,
        False,
    ]
    plain, orphan = model.index(0, Column.PASSAGE), model.index(1, Column.PASSAGE)
    assert (
        plain.data(Qt.ItemDataRole.DecorationRole).cacheKey()
        != orphan.data(Qt.ItemDataRole.DecorationRole).cacheKey()
    )
    assert orphan.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert "could not be found" in orphan.data(Qt.ItemDataRole.ToolTipRole)
    assert model.row_of(4) == 3 and model.annotation(9) is None


def test_hostile_notes_and_quotes_stay_literal_text(qtbot: QtBot) -> None:
    model = AnnotationTableModel()
    model.set_annotations([annotation(quote=HOSTILE, note=HOSTILE + "\n第二行")])
    assert model.index(0, Column.PASSAGE).data() == HOSTILE
    assert model.index(0, Column.NOTE).data() == HOSTILE + " ¶ 第二行"
    tip = model.index(0, Column.NOTE).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip


def test_the_library_model_passes_the_model_checks(
    qtbot: QtBot, qtmodeltester: ModelTester
) -> None:
    model = LibraryModel()
    qtmodeltester.check(model, force_py=True)  # empty: the four top rows
    model.set_library(library())
    qtmodeltester.check(model, force_py=True)


def test_the_library_tree_nests_tags_and_collections(qtbot: QtBot) -> None:
    model = LibraryModel()
    model.set_library(library())
    assert children(model, QModelIndex()) == ["Bookmarked", "Tags", "Collections", "Saved searches"]
    bookmarks = model.top_index(NodeKind.BOOKMARKS)
    assert model.index(bookmarks.row(), 1).data() == "2"
    tags = model.top_index(NodeKind.TAGS)
    assert children(model, tags) == [HOSTILE_TAG, "产业", "民生"]  # by path
    industry = model.find(NodeKind.TAG, "产业")
    assert children(model, industry) == ["光伏"]
    solar = model.find(NodeKind.TAG, "产业/光伏")
    assert solar.parent() == industry
    assert solar.data(Role.Path) == "产业/光伏" and solar.data(Role.Count) == 2
    collections = model.top_index(NodeKind.COLLECTIONS)
    assert children(model, collections) == ["课题A", HOSTILE]
    sub = model.find(NodeKind.COLLECTION, 11)
    assert sub.parent() == model.find(NodeKind.COLLECTION, 10)
    search = model.find(NodeKind.SEARCH, "图书馆")
    assert search.data(Role.Query) == "title:图书馆"
    assert "&lt;img" in model.find(NodeKind.TAG, HOSTILE_TAG).data(Qt.ItemDataRole.ToolTipRole)


def test_collections_are_dragged_onto_collections_but_never_into_themselves(
    qtbot: QtBot,
) -> None:
    model = LibraryModel()
    model.set_library(library())
    moves: list[tuple[int, int]] = []
    model.collectionMoveRequested.connect(lambda moved, parent: moves.append((moved, parent)))
    top = model.find(NodeKind.COLLECTION, 10)
    sub = model.find(NodeKind.COLLECTION, 11)
    other = model.find(NodeKind.COLLECTION, 12)
    assert model.flags(sub) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.find(NodeKind.TAG, "产业")) & Qt.ItemFlag.ItemIsDropEnabled
    data = model.mimeData([top])
    assert data is not None and data.hasFormat(COLLECTION_MIME)
    move = Qt.DropAction.MoveAction
    assert not model.canDropMimeData(data, move, -1, 0, sub)  # below itself
    assert not model.canDropMimeData(data, move, -1, 0, top)  # onto itself
    assert not model.canDropMimeData(data, move, -1, 0, model.top_index(NodeKind.TAGS))
    assert model.dropMimeData(data, move, -1, 0, other) is False  # moved after a reload
    sub_data = model.mimeData([sub])
    assert sub_data is not None
    model.dropMimeData(sub_data, move, -1, 0, model.top_index(NodeKind.COLLECTIONS))
    assert moves == [(10, 12), (11, -1)]
    assert model.mimeData([model.top_index(NodeKind.TAGS)]) is None
