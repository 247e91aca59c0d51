"""The quality pane: hidden at first, its model, double-clicks that lead to the places to fix."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.qc import Finding, FindingKind, QualityReport, Severity, quality_report
from ui.issues.model import NodeKind
from ui.issues.model import Role as IssueRole
from ui.main_window import MainWindow
from ui.quality.model import Column, QualityTreeModel, Role


def _open(window: MainWindow, qtbot: QtBot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.quality.action.trigger()


def _finding_index(window: MainWindow, kind: FindingKind, row: int = 0) -> QModelIndex:
    model = window.quality.pane.model
    group = model.kind_index(kind)
    assert group.isValid(), f"no {kind} finding"
    return model.index(row, 0, group)


def _double_click(window: MainWindow, qtbot: QtBot, index: QModelIndex) -> None:
    tree = window.quality.pane.tree
    tree.scrollTo(index)
    rect = tree.visualRect(index)
    assert rect.isValid(), "the row is not shown"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_the_pane_is_hidden_and_checks_nothing_until_opened(filled_window: MainWindow) -> None:
    assert "quality" in filled_window.docks
    assert not filled_window.docks["quality"].isVisible()
    assert filled_window.quality.pane.report is None
    started = []
    filled_window.runner.taskStarted.connect(started.append)
    filled_window.refresh()  # an archive change while hidden only marks the report stale
    assert all(handle.name != "Checking the archive" for handle in started)
    tools = filled_window.findChild(QMenu, "toolsMenu")
    assert filled_window.quality.action in tools.actions()
    panes = filled_window.findChild(QMenu, "panesMenu")
    assert any(action.objectName() == "showQualityPane" for action in panes.actions())


def test_opening_the_report_lists_the_weekly_s_gaps(
    filled_window: MainWindow, qtbot: QtBot
) -> None:
    _open(filled_window, qtbot)
    pane = filled_window.quality.pane
    assert filled_window.docks["quality"].isVisible()
    assert pane.report is not None
    assert pane.kind_count(FindingKind.MISSING_ISSUE) == 1
    assert pane.kind_count(FindingKind.MISSING_PAGE) == 1
    assert pane.kind_count(FindingKind.BROKEN_CONTINUATION) == 1
    missing = _finding_index(filled_window, FindingKind.MISSING_ISSUE)
    assert missing.data(Role.Date) == "2024-01-19"
    assert "2024-01-19" in missing.data()
    page = _finding_index(filled_window, FindingKind.MISSING_PAGE)
    assert page.siblingAtColumn(Column.PAGE).data() == "A3"
    assert "finding" in pane.summary.text()
    assert "weekly" in pane.summary.toolTip()
    pane.refresh_button.click()
    assert pane.kind_count(FindingKind.MISSING_PAGE) == 1


def test_quality_tree_model(qtmodeltester: ModelTester, filled_window: MainWindow) -> None:
    model = QualityTreeModel()
    qtmodeltester.check(model)
    with filled_window.archive.db.read() as session:
        report = quality_report(session)
    model.set_report(report)
    qtmodeltester.check(model)
    assert model.rowCount() == len(report.by_kind())
    assert model.finding_count() == len(report.findings)
    group = model.index(0, 0)
    assert group.data(Role.IsGroup) is True
    assert group.data(Role.Count) == model.rowCount(group)
    child = model.index(0, 0, group)
    assert child.data(Role.IsGroup) is False
    assert isinstance(child.data(Role.Finding), Finding)
    assert model.roleNames()[int(Role.ArticleId)] == b"ArticleId"
    model.set_report(None)
    assert model.rowCount() == 0


def test_double_click_on_an_article_finding_opens_the_article(
    filled_window: MainWindow, qtbot: QtBot
) -> None:
    _open(filled_window, qtbot)
    index = _finding_index(filled_window, FindingKind.BROKEN_CONTINUATION)
    article_id = index.data(Role.ArticleId)
    assert article_id is not None
    activated: list[Finding] = []
    filled_window.quality.pane.findingActivated.connect(activated.append)
    _double_click(filled_window, qtbot, index)
    assert len(activated) == 1  # once per double-click
    shown = filled_window.reader.article
    assert shown is not None and shown.id == article_id
    assert shown.continues_to == "A3"


def test_double_click_on_a_missing_page_selects_its_issue(
    filled_window: MainWindow, qtbot: QtBot
) -> None:
    _open(filled_window, qtbot)
    index = _finding_index(filled_window, FindingKind.MISSING_PAGE)
    _double_click(filled_window, qtbot, index)
    issues = filled_window.issues
    assert issues.selected_kind() is NodeKind.ISSUE
    selected = issues.tree.selectionModel().selectedRows(0)[0]
    assert selected.data(IssueRole.IssueId) == index.data(Role.IssueId)
    assert selected.data(IssueRole.Date) == "2024-01-05"
    assert issues.tree.isExpanded(selected)  # the missing row is in view


def test_double_click_on_a_missing_issue_selects_the_issue_before(
    filled_window: MainWindow, qtbot: QtBot
) -> None:
    _open(filled_window, qtbot)
    _double_click(filled_window, qtbot, _finding_index(filled_window, FindingKind.MISSING_ISSUE))
    selected = filled_window.issues.tree.selectionModel().selectedRows(0)[0]
    assert selected.data(IssueRole.Date) == "2024-01-12"


def test_a_page_finding_selects_the_page_and_a_stale_one_says_so(
    filled_window: MainWindow,
) -> None:
    issues = filled_window.issues
    page_row = next(
        index for index in _all_rows(issues.model) if index.data(IssueRole.Kind) == NodeKind.PAGE
    )
    finding = Finding(
        kind=FindingKind.LOW_CONFIDENCE,
        severity=Severity.WARNING,
        publication_id=page_row.data(IssueRole.PublicationId),
        publication="测试周报",
        message="",
        issue_id=page_row.data(IssueRole.IssueId),
        page_id=page_row.data(IssueRole.PageId),
        page_label=page_row.data(),
        details={"confidence": 0.3, "encoding": "big5"},
    )
    assert filled_window.quality.go_to(finding)
    selected = issues.tree.selectionModel().selectedRows(0)[0]
    assert selected.data(IssueRole.PageId) == finding.page_id
    gone = Finding(
        kind=FindingKind.MISSING_PAGE,
        severity=Severity.WARNING,
        publication_id=1,
        publication="测试周报",
        message="",
        issue_id=99_999,
        page_label="A9",
    )
    assert not filled_window.quality.go_to(gone)
    assert filled_window.statusBar().currentMessage()


def _all_rows(model: object) -> list[QModelIndex]:
    rows: list[QModelIndex] = []
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):  # type: ignore[attr-defined]
            index = model.index(row, 0, parent)  # type: ignore[attr-defined]
            rows.append(index)
            pending.append(index)
    return rows


def test_every_kind_is_worded(qtmodeltester: ModelTester) -> None:
    day = dt.date(2024, 1, 5)
    findings = [
        Finding(FindingKind.MISSING_ISSUE, Severity.WARNING, 1, "周报", "", day, 1,
                details={"first": "2024-01-05", "last": "2024-01-19", "count": 3}),
        Finding(FindingKind.MISSING_ISSUE, Severity.WARNING, 1, "周报", "", day, 1,
                details={"first": "2024-02-02", "last": "2024-02-02", "count": 1}),
        Finding(FindingKind.MISSING_PAGE, Severity.WARNING, 1, "周报", "", day, 1,
                page_label="D5", details={"label": "D5"}),
        Finding(FindingKind.LOW_CONFIDENCE, Severity.ERROR, 1, "周报", "", day, 1, 2, "D2",
                details={"confidence": 0.1234, "encoding": "big5"}),
        Finding(FindingKind.BROKEN_CONTINUATION, Severity.WARNING, 1, "周报", "", day, 1, 2,
                "D2", 7, {"direction": "to", "target": "D5", "title": "新区图书馆开馆"}),
        Finding(FindingKind.BROKEN_CONTINUATION, Severity.WARNING, 1, "周报", "", day, 1, 2,
                "D2", 8, {"direction": "from", "target": "D1", "title": ""}),
        Finding(FindingKind.UNJOINED_CONTINUATION, Severity.INFO, 1, "周报", "", day, 1, 2,
                "D2", 9, {"direction": "to", "target": "D3", "title": "春茶开采"}),
        Finding(FindingKind.SHORT_ARTICLE, Severity.INFO, 1, "周报", "", day, 1, 2, "D2", 10,
                {"title": "图片新闻", "chars": 6}),
        Finding(FindingKind.LONG_ARTICLE, Severity.INFO, 1, "周报", "", day, 1, 2, "D2", 11,
                {"title": "特稿", "chars": 12000}),
        Finding(FindingKind.NO_HEADLINE, Severity.INFO, 1, "周报", "", day, 1, 2, "D2", 12,
                {"title": ""}),
        Finding(FindingKind.SUSPECT_HEADLINE, Severity.INFO, 1, "周报", "", day, 1, 2, "D2", 13,
                {"title": "记者获悉。", "reason": "ending", "mark": "。", "chars": 5}),
        Finding(FindingKind.SUSPECT_HEADLINE, Severity.INFO, 1, "周报", "", day, 1, 2, "D2", 14,
                {"title": "长" * 45, "reason": "length", "chars": 45}),
    ]  # fmt: skip
    model = QualityTreeModel()
    model.set_report(QualityReport(findings=findings))
    qtmodeltester.check(model)
    texts = [model.finding_text(finding) for finding in findings]
    assert all(texts) and len(set(texts)) == len(texts)
    assert "3 issues missing" in texts[0] and "2024-01-19" in texts[0]
    assert "D5" in texts[2] and "0.12" in texts[3] and "big5" in texts[3]
    assert "新区图书馆开馆" in texts[4] and "D5" in texts[4]
    assert "12000" in texts[8]
    assert len(model.kinds()) == len(FindingKind)
    for kind in FindingKind:
        group = model.kind_index(kind)
        assert model.kind_title(kind) in group.data()
        for row in range(model.rowCount(group)):
            index = model.index(row, 0, group)
            assert index.data(Qt.ItemDataRole.DecorationRole) is not None
            assert index.data(Qt.ItemDataRole.ToolTipRole)
