"""Help ▸ Query help: the query language in a table of examples, translated, plain text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.text import plain_label


class QueryHelpDialog(QDialog):
    """What can be typed in the search field, with an example of each form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        """Build the dialog (non-modal; open it with ``show()``)."""
        super().__init__(parent)
        self.setObjectName("queryHelp")
        self.setWindowTitle(self.tr("Query help"))
        rows = self.rows()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setObjectName("queryHelpTable")
        self.table.setHorizontalHeaderLabels([self.tr("You type"), self.tr("It finds")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        for row, (example, meaning) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(example))
            self.table.setItem(row, 1, QTableWidgetItem(meaning))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        row_height = self.fontMetrics().height() + 10
        self.table.verticalHeader().setDefaultSectionSize(row_height)
        header_height = self.table.horizontalHeader().sizeHint().height()
        frame = 2 * self.table.frameWidth()
        self.table.setMinimumHeight(header_height + row_height * len(rows) + frame)
        self.notes = plain_label("\n".join(self.notes_text()), self)
        self.notes.setObjectName("queryHelpNotes")
        self.notes.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addWidget(buttons)
        self.resize(820, self.sizeHint().height())

    def rows(self) -> list[tuple[str, str]]:
        """(example, meaning) of every form of the query language."""
        return [
            ("图书馆 新区", self.tr("Articles with all the words (part of a longer word counts)")),
            ('"通借通还"', self.tr("The exact phrase (“…” and 「…」 work too)")),
            ("图书馆 OR 书店", self.tr("Either word (OR in capitals)")),
            ("公园 -广场舞    公园 NOT 广场舞", self.tr("Without a word")),
            ("(图书馆 OR 书店) 社区", self.tr("Group with parentheses")),
            ("title:开馆    标题:开馆", self.tr("In the headline")),
            ("author:林小溪    作者:林小溪", self.tr("By an author")),
            ("page:A1    版:A1", self.tr("On a page")),
            (
                "publication:晨报    报刊:晨报",
                self.tr("In a publication (quote a name with spaces)"),
            ),
            (
                "entity:长江    实体:长江",
                self.tr("Tagged with a name (person, place, organization)"),
            ),
            ("tag:待核实    标签:待核实", self.tr("Carrying one of your tags")),
            ("note:核实    笔记:核实", self.tr("In your notes")),
            (
                "date:1998    date:1998-01    date:1998-01-05",
                self.tr("In a year, a month, on a day"),
            ),
            (
                "date:2023-11-01..2023-12-31    date:..1998-06",
                self.tr("Between two dates (either end may be left open)"),
            ),
        ]

    def notes_text(self) -> list[str]:
        """The paragraphs below the table."""
        return [
            self.tr(
                "Traditional and simplified characters, full- and half-width forms, upper "
                "and lower case all match each other."
            ),
            self.tr(
                "Results are ranked by relevance (headline matches first) or by date. Click "
                "a facet (publication, date, page) to narrow the search; Explain shows how "
                "the query was segmented and read."
            ),
        ]
