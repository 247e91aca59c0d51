"""Every item model of the window through pytest-qt's model tester, and lazy loading."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from reader.archive import Archive
from reader.import_plan import preview_files
from reader.importer import FileResult, ImportReport
from reader.listing import ArticleQuery, SortKey, issue_tree
from tests.ui.pages import write_pages
from ui.articles.model import ArticleTableModel, Column
from ui.articles.model import Role as ArticleRole
from ui.importing.models import (
    ArticlePreviewModel,
    FileColumn,
    ImportFilesModel,
    ImportResultsModel,
)
from ui.issues.model import IssueTreeModel, NodeKind
from ui.issues.model import Role as IssueRole
from ui.main_window import MainWindow
from ui.tasks import TaskRunner


def test_issue_tree_model(qtmodeltester: ModelTester, filled_window: MainWindow) -> None:
    model = IssueTreeModel()
    qtmodeltester.check(model)
    with filled_window.archive.db.read() as session:
        model.set_publications(issue_tree(session))
    qtmodeltester.check(model)
    publication = model.index(0, 0)
    assert publication.data(IssueRole.Kind) == NodeKind.PUBLICATION
    assert publication.data(IssueRole.Query) == ArticleQuery(
        publication_id=publication.data(IssueRole.PublicationId)
    )
    assert model.roleNames()[int(IssueRole.Query)] == b"Query"
    model.set_publications([])
    assert model.rowCount() == 0


def test_article_table_model(
    qtmodeltester: ModelTester, filled_window: MainWindow, task_runner: TaskRunner
) -> None:
    model = ArticleTableModel(filled_window.archive.db, task_runner, batch_size=3)
    qtmodeltester.check(model)
    model.set_query(ArticleQuery())
    qtmodeltester.check(model)
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert model.query.sort is SortKey.TITLE and model.query.descending
    qtmodeltester.check(model)
    model.set_query(ArticleQuery(text="不存在的标题"))
    assert model.rowCount() == 0 and model.total == 0
    qtmodeltester.check(model)
    model.clear()
    assert model.rowCount() == 0


def test_article_table_model_loads_lazily(
    filled_window: MainWindow, task_runner: TaskRunner
) -> None:
    model = ArticleTableModel(filled_window.archive.db, task_runner, batch_size=3)
    model.set_query(ArticleQuery())
    assert model.rowCount() == 3  # one batch, not the whole archive
    assert model.total == 8
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 6
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == 8
    ids = [model.index(row, 0).data(ArticleRole.ArticleId) for row in range(8)]
    assert len(set(ids)) == 8
    model.sort(Column.TITLE, Qt.SortOrder.DescendingOrder)
    assert model.rowCount() == 3
    shown = [model.index(row, Column.TITLE).data() for row in range(3)]
    assert shown == sorted(shown, reverse=True)


def test_batches_arrive_from_a_worker_and_stale_ones_are_dropped(
    qtbot: QtBot, filled_window: MainWindow
) -> None:
    runner = TaskRunner()
    model = ArticleTableModel(filled_window.archive.db, runner, batch_size=3)
    try:
        with qtbot.waitSignal(model.batchLoaded, timeout=5000):
            model.set_query(ArticleQuery(text="不存在"))
            model.set_query(ArticleQuery())  # replaces the first query before it answers
            assert model.rowCount() == 0 and model.loading
        assert model.rowCount() == 3 and model.total == 8
        assert not model.loading
        with qtbot.waitSignal(model.batchLoaded, timeout=5000):
            model.fetchMore(QModelIndex())
            assert not model.canFetchMore(QModelIndex())  # one batch at a time
        assert model.rowCount() == 6
        qtbot.wait(50)  # the dropped answer of the first query, if late, changes nothing
        assert model.rowCount() == 6 and model.query == ArticleQuery()
    finally:
        runner.shutdown()


def test_a_deep_article_is_selected_when_its_batch_arrives(filled_window: MainWindow) -> None:
    pane = filled_window.articles
    model = pane.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    last = model.article_id(model.rowCount() - 1)
    assert last is not None
    model._batch = 2  # small batches: the last article is in the fourth
    pane.set_scope(None)
    assert model.rowCount() == 2
    assert pane.select_article(last)
    assert pane.current_article_id() == last
    assert not pane.select_article(10**9)


def test_import_models(qtmodeltester: ModelTester, tmp_path: Path, archive: Archive) -> None:
    folder = write_pages(
        tmp_path / "p", ["测试周报_2024-01-05_A1.txt", "测试周报_2024-01-05_A2.txt"]
    )
    (folder / "empty.txt").write_bytes(b"")
    previews = preview_files([folder])
    files = ImportFilesModel(previews)
    qtmodeltester.check(files)
    assert "empty" in files.index(0, FileColumn.NOTE).data()  # empty.txt sorts first
    assert files.setData(files.index(1, FileColumn.PUBLICATION), "改过的报名")
    assert files.index(1, FileColumn.PUBLICATION).data(Qt.ItemDataRole.FontRole).bold()
    qtmodeltester.check(files)

    articles = ArticlePreviewModel()
    qtmodeltester.check(articles)
    by_name = {preview.path.name: preview for preview in previews}
    articles.set_articles(by_name["测试周报_2024-01-05_A2.txt"].articles)
    assert articles.index(0, 2).data() == "from A1"
    qtmodeltester.check(articles)

    report = ImportReport(
        files=[
            FileResult(path="/x/a.txt", status="imported", articles=2, page="A1"),
            FileResult(path="/x/<i>b.txt", status="failed", error="<i>b.txt: empty file"),
            FileResult(path="/x/c.txt", status="unchanged"),
        ]
    )
    results = ImportResultsModel(report)
    qtmodeltester.check(results)
    assert results.index(0, 1).data() == "<i>b.txt"  # failed first, shown literally
    assert "&lt;i&gt;" in results.index(0, 3).data(Qt.ItemDataRole.ToolTipRole)


def test_a_failing_load_stops_the_list_without_raising(
    filled_window: MainWindow, task_runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise OperationalError("SELECT", {}, Exception("disk I/O error"))

    monkeypatch.setattr("ui.articles.model.fetch_articles", broken)
    model = ArticleTableModel(filled_window.archive.db, task_runner)
    model.set_query(ArticleQuery())
    assert model.rowCount() == 0
    assert not model.loading and not model.canFetchMore(QModelIndex())
