"""The base of every dock pane: an identity, a title, and a refresh after archive changes."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget


class Pane(QWidget):
    """A pane of the main window, shown in a dock that the user can move, close and restore.

    Subclasses set ``pane_id`` (the dock's object name, used to remember the layout) and
    ``default_area``, and implement :meth:`title` and :meth:`refresh`. The window adds a
    pane with ``MainWindow.add_pane``, which also lists it in the View menu; a later Search
    or Entities pane plugs in the same way.
    """

    pane_id: ClassVar[str] = ""
    default_area: ClassVar[Qt.DockWidgetArea] = Qt.DockWidgetArea.LeftDockWidgetArea

    def title(self) -> str:
        """The pane's title (dock title and View menu entry), translated."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload what the pane shows after the archive changed (an import)."""
        raise NotImplementedError
