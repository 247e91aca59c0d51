"""Shared plumbing of the item models: column titles, role names and a flat table base."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")

SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
"""The flags of a row that can be selected but not edited."""


def column_title(
    titles: Callable[[], Sequence[str]], section: int, orientation: Qt.Orientation, role: int
) -> str | None:
    """The title of a horizontal header section for the display role (None otherwise).

    Args:
        titles: gives the translated column titles, in column order (only called when
            a title is wanted).
        section: the column asked for.
        orientation: the header's orientation (vertical headers have no title).
        role: the data role asked for.
    """
    if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
        return None
    names = titles()
    return names[section] if 0 <= section < len(names) else None


def with_role_names(names: dict[int, bytes], roles: type[IntEnum]) -> dict[int, bytes]:
    """Qt's role names with those of a model's own ``Role`` enum added (by member name)."""
    merged = dict(names)
    merged.update({int(role): role.name.encode() for role in roles})
    return merged


class TableModel(QAbstractTableModel):
    """A flat table: row and column counts, column titles and role names.

    Subclasses set ``columns`` (how many) and ``roles`` (their ``Role`` enum, or None), and
    implement ``_row_count`` and ``_titles`` (translated column titles, in column order).
    """

    columns: ClassVar[int] = 0
    roles: ClassVar[type[IntEnum] | None] = None

    def _titles(self) -> Sequence[str]:
        raise NotImplementedError

    def _row_count(self) -> int:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The number of rows."""
        return 0 if parent.isValid() else self._row_count()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The number of columns."""
        return 0 if parent.isValid() else self.columns

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        return column_title(self._titles, section, orientation, role)

    def roleNames(self) -> dict[int, bytes]:
        """Role names (for QML and debugging)."""
        names = dict(super().roleNames())
        return with_role_names(names, self.roles) if self.roles is not None else names


class RowsTableModel(TableModel, Generic[T]):
    """A flat table over a list of plain rows (one item per row), replaced as a whole."""

    def __init__(self, parent: QObject | None = None) -> None:
        """Create an empty model."""
        super().__init__(parent)
        self._rows: list[T] = []

    def set_rows(self, rows: Sequence[T]) -> None:
        """Show other rows."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_item(self, row: int) -> T | None:
        """The item on a row (None out of range)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def _item(self, index: Index) -> T | None:
        """The item of a cell's row (None for an invalid index)."""
        return self.row_item(index.row()) if index.isValid() else None

    def _row_count(self) -> int:
        return len(self._rows)
