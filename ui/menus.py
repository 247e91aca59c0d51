"""Small helpers every pane uses to make actions and show context menus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractScrollArea, QMenu


def new_action(
    parent: QObject, text: str, slot: Callable[[], Any], name: str, shortcut: str = ""
) -> QAction:
    """An action named ``name`` (for tests and shortcuts) that calls ``slot()`` when triggered.

    Args:
        parent: owns the action.
        text: its translated text.
        slot: called without arguments (the ``checked`` flag is dropped).
        name: its object name.
        shortcut: a key sequence in portable text form ("Ctrl+E"), if any.

    Returns:
        The action, not yet added to a menu.
    """
    action = QAction(text, parent)
    action.setObjectName(name)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(lambda _checked=False: slot())
    return action


def popup_menu(menu: QMenu, view: QAbstractScrollArea, position: QPoint) -> None:
    """Show a context menu at ``position`` of a view's viewport; it deletes itself once closed."""
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(view.viewport().mapToGlobal(position))
