"""A filter box that asks for filtering once the user pauses typing or presses Enter."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

FILTER_DELAY_MS = 250


class FilterEdit(QLineEdit):
    """A line edit for filter-as-you-type lists (articles, entities).

    Signals:
        filterRequested(): the text settled (a pause in typing) or Enter was pressed.
    """

    filterRequested = Signal()

    def __init__(self, placeholder: str, object_name: str, parent: QWidget | None = None) -> None:
        """Create the box.

        Args:
            placeholder: the grey hint shown while it is empty (already translated).
            object_name: the Qt object name (for tests and style sheets).
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName(object_name)
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(placeholder)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(FILTER_DELAY_MS)
        self._timer.timeout.connect(self.filterRequested)
        self.textChanged.connect(lambda _text: self._timer.start())
        self.returnPressed.connect(self.filterRequested)

    def cancel_pending(self) -> None:
        """Forget a filter request still waiting for the pause (the caller filters now)."""
        self._timer.stop()
