"""Plugs the scan pane into the main window: a dock beside the reader and a "Show scan" action."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from ui.scan.pane import ScanPane

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ScanFeature(QObject):
    """The scan of the page beside the article's text.

    The pane docks on the right of the reader (a tab beside Search, full height), hidden at
    first; the View menu's checkable
    "Show scan" action (Ctrl+Shift+I) shows and hides it, and follows the dock when the user
    closes it. The pane follows the article shown in the reader.
    """

    def __init__(self, window: MainWindow) -> None:
        """Install the pane and the action (call before the window restores its layout).

        Args:
            window: the main window, its menus built.
        """
        super().__init__(window)
        self.window = window
        self.pane = ScanPane(window.archive.db, window.runner, window)
        self.dock = window.add_pane(self.pane)
        search = window.docks.get("search")
        if search is not None:  # the right column's full height, beside the reader
            window.tabifyDockWidget(search, self.dock)
            search.raise_()
        self.dock.hide()
        window.reader.articleShown.connect(self.pane.show_article)
        self.show_action = QAction(self.tr("Show &scan"), window)
        self.show_action.setObjectName("showScan")
        self.show_action.setCheckable(True)
        self.show_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.show_action.toggled.connect(self.set_visible)
        self.dock.visibilityChanged.connect(self._on_dock_visibility)
        view_menu = window.findChild(QMenu, "viewMenu")
        if view_menu is not None:
            view_menu.addSeparator()
            view_menu.addAction(self.show_action)
        window.addAction(self.show_action)

    def set_visible(self, visible: bool) -> None:
        """Show or hide the scan beside the text."""
        if visible:
            self.dock.show()
            self.dock.raise_()
        else:
            self.dock.hide()

    def _on_dock_visibility(self, _visible: bool) -> None:
        shown = not self.dock.isHidden()
        if self.show_action.isChecked() != shown:
            self.show_action.blockSignals(True)
            self.show_action.setChecked(shown)
            self.show_action.blockSignals(False)
