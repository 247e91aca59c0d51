"""The quality report in the main window: its pane (hidden at first) and its Tools menu entry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.qc import Finding, FindingKind
from ui.quality.pane import QualityPane

if TYPE_CHECKING:
    from ui.main_window import MainWindow

STATUS_TIMEOUT_MS = 6000


class QualityFeature(QObject):
    """Plugs the quality report into a main window.

    The pane is docked on the right (tabbed with the Search pane), hidden until the user
    opens it from Tools → Quality report or the View menu. Double-clicking a finding goes
    to its place: the article in the reader, else the page or the issue in the issue tree.
    """

    def __init__(self, window: MainWindow) -> None:
        """Install the pane and the menu entry (call before the window restores its layout).

        Args:
            window: the main window, its menus built.
        """
        super().__init__(window)
        self.window = window
        self.pane = QualityPane(window.archive.db, window.runner, window)
        self.pane.findingActivated.connect(self.go_to)
        self.dock = window.add_pane(self.pane)
        search = window.docks.get("search")
        if search is not None:
            window.tabifyDockWidget(search, self.dock)
            search.raise_()
        self.dock.hide()
        self.action = QAction(self.tr("&Quality report"), window)
        self.action.setObjectName("qualityReport")
        self.action.setToolTip(
            self.tr("Missing issues and pages, doubtful pages, suspect articles")
        )
        self.action.triggered.connect(self.show_report)
        tools = window.findChild(QMenu, "toolsMenu")
        if tools is not None:
            tools.addSeparator()
            tools.addAction(self.action)

    def show_report(self) -> None:
        """Show the pane, in front of its tab group, with a fresh report."""
        self.dock.show()
        self.dock.raise_()
        self.pane.run()

    def go_to(self, finding: Finding) -> bool:
        """Go to the place of a finding.

        An article is opened in the reader; a stored page is selected in the issue tree
        (the article list shows its articles); a missing page selects its issue, shown
        open, and a missing issue the issue before the gap.

        Returns:
            False when the place is no longer in the archive (the status bar says so).
        """
        window = self.window
        if finding.article_id is not None:  # the window says so when it is gone
            return window.open_article(finding.article_id) is not None
        if finding.page_id is not None and finding.issue_id is not None:
            found = window.issues.select_page(finding.issue_id, finding.page_label or "")
        elif finding.issue_id is not None:
            found = window.issues.select_issue(finding.issue_id)
            if found and finding.kind is FindingKind.MISSING_PAGE:
                window.issues.tree.setExpanded(
                    window.issues.model.index_for_issue(finding.issue_id), True
                )
        else:
            found = False
        if not found:
            window.statusBar().showMessage(
                self.tr("This finding is out of date: check again."), STATUS_TIMEOUT_MS
            )
            return False
        window.docks["issues"].show()
        window.docks["articles"].show()
        return True
