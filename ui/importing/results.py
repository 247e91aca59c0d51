"""The import results dialog: what happened to every file, errors first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.importer import ImportReport
from ui.importing.models import ImportResultsModel, ResultColumn
from ui.text import plain_label


class ImportResultsDialog(QDialog):
    """Lists the outcome of each file of an import, with a one-line summary."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        """Show a report.

        Args:
            report: the import report.
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("importResults")
        self.setWindowTitle(self.tr("Import results"))
        self.resize(820, 420)
        self.model = ImportResultsModel(report, self)
        counts = report.to_dict()
        summary = self.tr("%1 imported, %2 unchanged, %3 failed.")
        summary = (
            summary.replace("%1", str(counts["imported"]))
            .replace("%2", str(counts["unchanged"]))
            .replace("%3", str(counts["failed"]))
        )
        if report.cancelled:
            summary += " " + self.tr("The import was cancelled; the files above were kept.")
        if report.kept_corrections:
            summary += " " + self.tr(
                "%n page(s) you corrected were kept as they are (your version wins).",
                "",
                len(report.kept_corrections),
            )
        self.summary = plain_label(summary, self)
        self.summary.setObjectName("importSummary")
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ResultColumn.STATUS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ResultColumn.ARTICLES, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(
            ResultColumn.FILE, self.fontMetrics().horizontalAdvance("中" * 18)
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
