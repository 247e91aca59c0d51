"""The import dialog: files with the metadata found (editable) and a preview of their articles."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.import_plan import FilePreview, PlannedFile
from ui.importing.models import ArticlePreviewModel, FileColumn, ImportFilesModel
from ui.text import plain_label


class ImportDialog(QDialog):
    """Confirm or correct where each file belongs before anything is stored.

    The table lists every file with the publication, date and page found on the page
    (or in its name); cells can be edited, and a publication or date can be set for the
    selected rows at once. Selecting a file previews the articles the parser finds in it.
    """

    def __init__(self, previews: list[FilePreview], parent: QWidget | None = None) -> None:
        """Create the dialog.

        Args:
            previews: the files, previewed.
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle(self.tr("Import pages"))
        self.resize(960, 620)
        self.files_model = ImportFilesModel(previews, self)
        self.preview_model = ArticlePreviewModel(self)

        failed = sum(1 for preview in previews if preview.error)
        summary = self.tr("%n file(s) to import.", "", len(previews))
        if failed:
            summary += " " + self.tr("%n cannot be read (see Note).", "", failed)
        summary += " " + self.tr(
            "Check the publication, date and page of each file; edit a cell to correct it."
        )
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)

        self.files_view = QTableView(self)
        self.files_view.setObjectName("importFiles")
        self.files_view.setModel(self.files_model)
        self.files_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.files_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.files_view.verticalHeader().setVisible(False)
        self.files_view.setWordWrap(False)
        header = self.files_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.files_view.fontMetrics()
        for column, chars in (
            (FileColumn.FILE, 18),
            (FileColumn.PUBLICATION, 10),
            (FileColumn.DATE, 6),
            (FileColumn.PAGE, 3),
            (FileColumn.ARTICLES, 3),
        ):
            self.files_view.setColumnWidth(column, metrics.horizontalAdvance("中" * chars) + 12)
        self.files_view.selectionModel().selectionChanged.connect(self._on_selection)

        self.publication_edit = QLineEdit(self)
        self.publication_edit.setObjectName("bulkPublication")
        self.publication_edit.setPlaceholderText(self.tr("Publication"))
        self.date_edit = QLineEdit(self)
        self.date_edit.setObjectName("bulkDate")
        self.date_edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.date_edit.setMaximumWidth(metrics.horizontalAdvance("0000-00-00") + 24)
        self.apply_button = QPushButton(self.tr("Set for selected files"), self)
        self.apply_button.setObjectName("bulkApply")
        self.apply_button.clicked.connect(self.apply_to_selection)
        bulk = QHBoxLayout()
        bulk.addWidget(QLabel(self.tr("Set:"), self))
        bulk.addWidget(self.publication_edit, 2)
        bulk.addWidget(self.date_edit, 1)
        bulk.addWidget(self.apply_button)

        self.preview_title = plain_label("", self)
        self.preview_view = QTableView(self)
        self.preview_view.setObjectName("importPreview")
        self.preview_view.setModel(self.preview_model)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_view.setWordWrap(False)
        preview_header = self.preview_view.horizontalHeader()
        preview_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        preview_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        preview_header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        preview_box = QWidget(self)
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(self.preview_title)
        preview_layout.addWidget(self.preview_view)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        files_box = QWidget(self)
        files_layout = QVBoxLayout(files_box)
        files_layout.setContentsMargins(0, 0, 0, 0)
        files_layout.addWidget(self.files_view)
        files_layout.addLayout(bulk)
        splitter.addWidget(files_box)
        splitter.addWidget(preview_box)
        splitter.setSizes([360, 220])

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.import_button.setEnabled(bool(previews))

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        if previews:
            self.files_view.selectRow(0)

    def planned_files(self) -> list[PlannedFile]:
        """The files to import (checked ones) with their confirmed metadata."""
        return self.files_model.planned_files()

    def selected_rows(self) -> list[int]:
        """The rows selected in the file table."""
        return sorted(index.row() for index in self.files_view.selectionModel().selectedRows())

    def apply_to_selection(self) -> bool:
        """Set the typed publication and/or date for the selected files (all if none).

        Returns:
            False when the date typed is not a date (nothing is changed then).
        """
        date_text = self.date_edit.text().strip()
        date: dt.date | None = None
        if date_text:
            try:
                date = dt.date.fromisoformat(date_text)
            except ValueError:
                self.date_edit.setFocus()
                self.date_edit.selectAll()
                return False
        publication = self.publication_edit.text().strip() or None
        rows = self.selected_rows() or list(range(self.files_model.rowCount()))
        self.files_model.set_for_rows(rows, publication=publication, date=date)
        return True

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.selected_rows()
        if not rows:
            self.preview_model.set_articles([])
            self.preview_title.setText("")
            return
        preview = self.files_model.preview(rows[0])
        self.preview_model.set_articles(preview.articles)
        if preview.error:
            self.preview_title.setText(preview.error)
        else:
            text = self.tr("Articles found in %1:").replace("%1", preview.path.name)
            if preview.problems:  # pages of the file that cannot be imported, and why
                text = "\n".join([*preview.problems[:5], text])
            self.preview_title.setText(text)
