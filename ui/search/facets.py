"""Search facets: counts by publication, year and month, and page; a click narrows the query."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeView, QWidget

from ui.text import plain_tooltip

FACET_ROLE = Qt.ItemDataRole.UserRole + 1
"""The ``(field, value)`` a facet item adds to the query (None on group rows)."""

_QUOTES = (('"', '"'), ("「", "」"), ("“", "”"), ("『", "』"))
_OPERATORS = {"OR", "AND", "NOT"}
_SPECIAL = set('()"“”「」『』')


def field_term(name: str, value: str) -> str:
    """``name:value`` as the query language reads it, quoted when the value needs it.

    Args:
        name: the field (``publication``, ``date``, ``page`` …).
        value: its exact value.

    Returns:
        The term, e.g. ``publication:人民日报`` or ``publication:"Daily News"``.
    """
    plain = (
        value
        and not any(char.isspace() or char in _SPECIAL for char in value)
        and value not in _OPERATORS
        and not value.startswith("-")
    )
    if plain:
        return f"{name}:{value}"
    for opening, closing in _QUOTES:
        if opening not in value and closing not in value:
            return f"{name}:{opening}{value}{closing}"
    cleaned = "".join(" " if char in _SPECIAL else char for char in value)
    return f"{name}:“{cleaned.strip()}”"


def _has_top_level_or(query: str) -> bool:
    depth = 0
    quote = ""
    for word_start, char in enumerate(query):
        if quote:
            if char == quote:
                quote = ""
            continue
        if char in '"“「『':
            quote = {"“": "”", "「": "」", "『": "』"}.get(char, char)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif (
            depth == 0
            and query.startswith("OR", word_start)
            and (word_start == 0 or query[word_start - 1].isspace())
            and (word_start + 2 == len(query) or query[word_start + 2].isspace())
        ):
            return True
    return False


def narrow_query(query: str, name: str, value: str) -> str:
    """The query narrowed to articles whose field ``name`` is ``value``.

    A query with a top-level OR is put in parentheses first, so that the new term
    applies to every alternative (AND binds more tightly than OR). A term already in the
    query is not added twice.

    Args:
        query: the query as typed.
        name: the field.
        value: the value.

    Returns:
        The narrower query.
    """
    term = field_term(name, value)
    query = query.strip()
    if not query:
        return term
    if term in query.split():
        return query
    if _has_top_level_or(query):
        query = f"({query})"
    return f"{query} {term}"


class FacetView(QTreeView):
    """The facet counts of the matches; clicking one narrows the query.

    Signals:
        facetChosen(field, value): the user picked a facet value.
    """

    facetChosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create an empty facet tree."""
        super().__init__(parent)
        self.setObjectName("searchFacets")
        self.facet_model = QStandardItemModel(0, 2, self)
        self.setModel(self.facet_model)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.clicked.connect(self._on_clicked)

    def set_facets(self, facets: dict[str, dict[str, int]]) -> None:
        """Show the facet counts of a search (empty: nothing)."""
        model = self.facet_model
        model.removeRows(0, model.rowCount())
        publications = facets.get("publication", {})
        years = facets.get("year", {})
        months = facets.get("month", {})
        pages = facets.get("page", {})
        if publications:
            group = self._group(self.tr("Publication"))
            for name, count in publications.items():
                group.appendRow(self._row(name, count, "publication", name))
        if years:
            group = self._group(self.tr("Date"))
            for year, count in sorted(years.items()):
                row = self._row(year, count, "date", year)
                for month, month_count in months.items():
                    if month.startswith(f"{year}-"):
                        row[0].appendRow(self._row(month, month_count, "date", month))
                group.appendRow(row)
        if pages:
            group = self._group(self.tr("Page"))
            for label, count in pages.items():
                group.appendRow(self._row(label, count, "page", label))
        for row in range(model.rowCount()):
            group_index = model.index(row, 0)
            self.expand(group_index)
            if len(years) <= 2:  # a few years: show their months at once
                for child in range(model.rowCount(group_index)):
                    self.expand(model.index(child, 0, group_index))

    def _group(self, title: str) -> QStandardItem:
        item = QStandardItem(title)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setSelectable(False)
        count = QStandardItem("")
        count.setSelectable(False)
        self.facet_model.appendRow([item, count])
        return item

    def _row(self, text: str, count: int, name: str, value: str) -> list[QStandardItem]:
        item = QStandardItem(text)
        item.setData((name, value), FACET_ROLE)
        item.setToolTip(plain_tooltip(self.tr("Narrow the search to %1").replace("%1", text)))
        number = QStandardItem(str(count))
        number.setData((name, value), FACET_ROLE)
        number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return [item, number]

    def values(self) -> list[tuple[str, str, int]]:
        """Every facet shown as ``(field, value, count)``, in display order."""
        found: list[tuple[str, str, int]] = []

        def walk(parent: QModelIndex) -> None:
            model = self.facet_model
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                data = index.data(FACET_ROLE)
                if data is not None:
                    count = int(model.index(row, 1, parent).data() or 0)
                    found.append((data[0], data[1], count))
                walk(index)

        walk(QModelIndex())
        return found

    def choose(self, name: str, value: str) -> bool:
        """Pick a facet as a click would (False when it is not shown)."""
        if any(item[:2] == (name, value) for item in self.values()):
            self.facetChosen.emit(name, value)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter picks the current facet, as a click does."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_clicked(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _on_clicked(self, index: QModelIndex) -> None:
        data = index.data(FACET_ROLE)
        if data is not None:
            self.facetChosen.emit(*data)
