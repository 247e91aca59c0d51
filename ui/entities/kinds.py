"""The entity kinds as the window shows them: order, translated names, colours."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QPalette

from reader.entities.model import EntityType
from ui.reader.document import highlight_format

ENTITY_KINDS: tuple[str, ...] = tuple(str(kind) for kind in EntityType)
"""person, place, organization: the order of the tree and of the menus."""


def kind_label(kind: str) -> str:
    """The singular name of a kind (人名 / 地名 / 机构), or the kind itself if unknown."""
    labels = {
        "person": QCoreApplication.translate("EntityKinds", "Person"),
        "place": QCoreApplication.translate("EntityKinds", "Place"),
        "organization": QCoreApplication.translate("EntityKinds", "Organization"),
    }
    return labels.get(kind, kind)


def kind_group_label(kind: str) -> str:
    """The name of a group of a kind in the tree (People, Places, Organizations)."""
    labels = {
        "person": QCoreApplication.translate("EntityKinds", "People"),
        "place": QCoreApplication.translate("EntityKinds", "Places"),
        "organization": QCoreApplication.translate("EntityKinds", "Organizations"),
    }
    return labels.get(kind, kind)


def kind_colour(kind: str, palette: QPalette) -> QColor:
    """The colour of a kind: the background of its highlights in the reader (light or dark)."""
    if kind not in ENTITY_KINDS:
        return QColor(palette.color(QPalette.ColorRole.Mid))
    return highlight_format(kind, palette).background().color()
