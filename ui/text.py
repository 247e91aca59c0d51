"""Showing untrusted text safely: plain-text labels, escaped tooltips, plain message boxes."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def plain_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A label that never interprets its text as HTML (Qt would auto-detect rich text)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally (tooltips auto-detect rich text too).

    The text is escaped and wrapped in a paragraph, so Qt always renders it as rich text
    whose only content is the escaped string, line breaks kept.
    """
    return f'<p style="white-space:pre-wrap">{html.escape(text)}</p>'


def plain_message(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str = "",
) -> QMessageBox:
    """A message box whose text (maybe holding file names or file content) stays plain.

    Args:
        parent: the parent window.
        icon: the box's icon.
        title: the window title.
        text: the message.
        details: optional longer text behind a "Show Details…" button.

    Returns:
        The box, not yet shown (call ``open()`` or ``exec()``).
    """
    box = QMessageBox(icon, title, "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if details:
        box.setDetailedText(details)
    return box
