"""The dialogs of the Archive menu: the check's report and the choice of a backup to restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reader.backup import BackupInfo
from reader.check import CheckReport
from ui.text import plain_label


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


class CheckDialog(QDialog):
    """The result of a check, as plain text (nothing in it is ever read as HTML)."""

    def __init__(self, report: CheckReport, parent: QWidget | None = None) -> None:
        """Show a report.

        Args:
            report: the check's report.
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("checkDialog")
        self.setWindowTitle(self.tr("Check archive"))
        self.report = report
        if report.ok:
            summary = self.tr("The archive is in good order.")
        else:
            summary = self.tr("%n problem(s) found. Nothing was deleted.", "", len(report.problems))
        self.summary: QLabel = plain_label(summary, self)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("checkDetails")
        self.details.setReadOnly(True)
        self.details.setPlainText(self.text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def text(self) -> str:
        """The report's lines: problems, repairs, figures."""
        report = self.report
        lines = [f"• {problem.message}" for problem in report.problems]
        lines.extend(self.tr("Repaired: %1").replace("%1", what) for what in report.repaired)
        if report.counts:
            lines.append("")
            labels = {
                "articles": self.tr("Articles"),
                "pages": self.tr("Pages"),
                "annotations": self.tr("Annotations"),
                "index_documents": self.tr("Articles in the search index"),
            }
            for key, label in labels.items():
                if key in report.counts:
                    lines.append(f"{label}: {report.counts[key]}")
        return "\n".join(lines)


class RestoreDialog(QDialog):
    """Choose a backup to restore; backups that failed their check cannot be chosen."""

    def __init__(self, backups: list[BackupInfo], parent: QWidget | None = None) -> None:
        """List backups, newest first (the newest good one chosen).

        Args:
            backups: the backups, checked.
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Restore from backup"))
        self.backups = backups
        explanation = self.tr(
            "The archive will be replaced by the backup you choose. The current database is "
            "kept beside it (archive.sqlite3.replaced-…), never deleted; the search index is "
            "rebuilt afterwards."
        )
        label = plain_label(explanation, self)
        label.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        for info in backups:
            when = info.created.strftime("%Y-%m-%d %H:%M:%S") if info.created else info.path.name
            verdict = self.tr("good") if info.ok else self.tr("damaged")
            item = QListWidgetItem(f"{when}  ({info.reason}, {_size(info.size)}) — {verdict}")
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
            if not info.ok:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        for row, info in enumerate(backups):
            if info.ok:
                self.list.setCurrentRow(row)
                break
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Restore"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list)
        if not backups:
            layout.addWidget(plain_label(self.tr("There are no backups yet."), self))
        layout.addWidget(self.buttons)
        self._update()
        self.resize(520, 340)

    def chosen(self) -> Path | None:
        """The backup chosen, if a good one is selected."""
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return None
        return Path(item.data(Qt.ItemDataRole.UserRole))

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.chosen() is not None)
