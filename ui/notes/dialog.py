"""The note dialog: the passage quoted (plain text), its note and its highlight colour."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.notes.common import COLORS
from ui.notes.layer import colour_icon, colour_label
from ui.text import plain_label

QUOTE_SHOWN = 300


class NoteDialog(QDialog):
    """Writes or edits the note of an annotation (non-modal; open it with ``open()``).

    The quote and the note are untrusted text: the quote is a plain-text label and the
    note a plain-text editor, so markup is never interpreted.

    Signals:
        removeRequested(): the user asked to remove the annotation (existing ones only).
    """

    removeRequested = Signal()

    def __init__(
        self,
        quote: str,
        note: str = "",
        colour: str = COLORS[0],
        *,
        existing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """Create the dialog.

        Args:
            quote: the passage annotated ("" for a note on the whole article).
            note: the note so far.
            colour: the highlight colour so far.
            existing: the annotation exists (the dialog offers to remove it).
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(self.tr("Edit note") if existing else self.tr("Add note"))
        shown = quote if len(quote) <= QUOTE_SHOWN else quote[: QUOTE_SHOWN - 1] + "…"
        self.quote_label = plain_label(shown or self.tr("(the whole article)"), self)
        self.quote_label.setObjectName("noteQuote")
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("noteText")
        self.note_edit.setPlainText(note)
        self.note_edit.setPlaceholderText(self.tr("Your note (optional)"))
        self.note_edit.setTabChangesFocus(True)
        self.colour_combo = QComboBox(self)
        self.colour_combo.setObjectName("noteColour")
        for name in COLORS:
            self.colour_combo.addItem(colour_icon(name), colour_label(name), name)
        self.colour_combo.setCurrentIndex(max(0, self.colour_combo.findData(colour)))
        self.colour_combo.setVisible(bool(quote))

        form = QFormLayout()
        form.addRow(self.tr("Passage:"), self.quote_label)
        form.addRow(self.tr("Note:"), self.note_edit)
        if quote:
            form.addRow(self.tr("Colour:"), self.colour_combo)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.remove_button: QPushButton | None = None
        if existing:
            self.remove_button = buttons.addButton(
                self.tr("&Remove"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.remove_button.setObjectName("noteRemove")
            self.remove_button.clicked.connect(self._remove)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(460, 300)
        self.note_edit.setFocus()

    def note(self) -> str:
        """The note written (surrounding white space removed)."""
        return self.note_edit.toPlainText().strip()

    def colour(self) -> str:
        """The colour chosen."""
        return str(self.colour_combo.currentData())

    def _remove(self) -> None:
        self.removeRequested.emit()
        self.reject()
