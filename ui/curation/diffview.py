"""The diff of a revision, field by field, built with QTextCursor: archive text is never HTML."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QUrl
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QTextEdit, QWidget

from ui.curation.model import field_label
from ui.reader.document import SafeDocument

if TYPE_CHECKING:
    from reader.curation.history import FieldDiff

CONTEXT = 40
"""Characters of unchanged text kept on each side of a change; longer runs are cut."""
ELLIPSIS = " … "

DELETED = "deleted"
INSERTED = "inserted"
COLOURS = {
    DELETED: ("#6e1f1f", "#ffd6d3"),  # (dark theme background, light background)
    INSERTED: ("#1d5b2c", "#cdf1d3"),
}


def shortened(text: str, *, first: bool, last: bool, context: int = CONTEXT) -> str:
    """An unchanged stretch of text cut to ``context`` characters around the changes.

    Args:
        text: the unchanged text.
        first: it opens the field (nothing to keep before it).
        last: it ends the field (nothing to keep after it).
        context: characters kept on each side of a change.
    """
    if first and last:
        return text
    keep = context if first or last else 2 * context
    if len(text) <= keep + len(ELLIPSIS):
        return text
    if first:
        return ELLIPSIS.lstrip() + text[-context:]
    if last:
        return text[:context] + ELLIPSIS.rstrip()
    return text[:context] + ELLIPSIS + text[-context:]


class DiffView(QTextEdit):
    """A read-only view of a revision's changes: before and after of every field.

    Deleted characters are struck out on red in the "before" text, inserted ones
    underlined on green in the "after" text; long unchanged stretches are cut. Everything
    is inserted with ``QTextCursor.insertText``, so markup in the archive's text shows as
    the characters it is.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create an empty view."""
        super().__init__(parent)
        self.setObjectName("revisionDiff")
        self.setDocument(SafeDocument(self))
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setPlaceholderText(self.tr("Choose a revision to see what it changed."))

    def loadResource(self, _type: int, _name: QUrl) -> QByteArray:
        """Refuse every resource: the view shows text only, and loads nothing."""
        return QByteArray()

    def _dark(self) -> bool:
        return self.palette().color(QPalette.ColorRole.Base).lightness() < 128

    def _format(
        self, kind: str = "", *, bold: bool = False, muted: bool = False
    ) -> QTextCharFormat:
        char = QTextCharFormat()
        char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        role = QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.Text
        char.setForeground(self.palette().color(role))
        if kind:
            dark, light = COLOURS[kind]
            char.setBackground(QColor(dark if self._dark() else light))
            if kind == DELETED:
                char.setFontStrikeOut(True)
            else:
                char.setFontUnderline(True)
            char.setProperty(QTextFormat.Property.UserProperty, kind)
        return char

    def show_message(self, text: str) -> None:
        """Show a line of plain text instead of a diff (loading, an error)."""
        self.clear()
        QTextCursor(self.document()).insertText(text, self._format(muted=True))

    def show_diffs(self, diffs: Sequence[FieldDiff], many_articles: bool = False) -> None:
        """Show the changes of a revision.

        Args:
            diffs: the changed fields, in order.
            many_articles: the revision touched several articles (each field says which).
        """
        self.clear()
        cursor = QTextCursor(self.document())
        if not diffs:
            cursor.insertText(self.tr("No visible change."), self._format(muted=True))
            return
        first_block = True
        for diff in diffs:
            heading = field_label(diff.label)
            if many_articles and diff.article_id is not None:
                heading = (
                    self.tr("%1 — article #%2")
                    .replace("%1", heading)
                    .replace("%2", str(diff.article_id))
                )
            if not first_block:
                cursor.insertBlock()
                cursor.insertBlock()
            first_block = False
            cursor.insertText(heading, self._format(bold=True))
            ops = diff.ops()
            for side, wanted, mark in (
                (self.tr("Before: "), ("delete", "replace"), DELETED),
                (self.tr("After: "), ("insert", "replace"), INSERTED),
            ):
                cursor.insertBlock()
                cursor.insertText(side, self._format(muted=True))
                text_of = (lambda op: op[1]) if mark == DELETED else (lambda op: op[2])
                if not any(text_of(op) for op in ops):
                    cursor.insertText(self.tr("(empty)"), self._format(muted=True))
                    continue
                for position, op in enumerate(ops):
                    tag, text = op[0], text_of(op)
                    if not text:
                        continue
                    if tag == "equal":
                        cut = shortened(text, first=position == 0, last=position == len(ops) - 1)
                        cursor.insertText(cut, self._format())
                    elif tag in wanted:
                        cursor.insertText(text, self._format(mark))
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def marked(self) -> list[tuple[str, str]]:
        """The marked stretches shown: (``deleted`` or ``inserted``, text), in order."""
        found: list[tuple[str, str]] = []
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                kind = fragment.charFormat().property(QTextFormat.Property.UserProperty)
                if kind in (DELETED, INSERTED):
                    found.append((str(kind), fragment.text()))
                iterator += 1
            block = block.next()
        return found
