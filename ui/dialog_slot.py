"""One open dialog at a time per feature: opening another closes the first."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class DialogSlot:
    """Holds the one window-modal dialog a feature has open, if any.

    Opening a dialog closes the one before it; a dialog that finishes is forgotten and
    deleted, so nothing keeps a closed dialog alive.
    """

    def __init__(self) -> None:
        """Create an empty slot."""
        self.current: QDialog | None = None

    def open(self, dialog: QDialog) -> QDialog:
        """Show ``dialog`` (``QDialog.open``) in place of the one open before.

        Returns:
            The dialog.
        """
        if self.current is not None:
            self.current.close()
        self.current = dialog
        dialog.finished.connect(lambda _result: self._forget(dialog))
        dialog.open()
        return dialog

    def _forget(self, dialog: QDialog) -> None:
        if self.current is dialog:
            self.current = None
        dialog.deleteLater()
