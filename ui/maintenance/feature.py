"""The Archive menu of the main window: back up, restore, check, export; idle backups."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QFileDialog, QMenu, QMessageBox

from reader.backup import describe_backups
from reader.errors import ArchiveCorruptError, CancelledError
from reader.integrity import quick_check
from ui.maintenance.corrupt import ask_to_restore
from ui.maintenance.dialogs import CheckDialog, RestoreDialog
from ui.maintenance.idle import IdleBackup
from ui.tasks import TaskHandle
from ui.text import plain_message

if TYPE_CHECKING:
    from reader.backup import BackupInfo, RestoreResult
    from reader.bundle import ExportReport
    from reader.check import CheckReport
    from ui.main_window import MainWindow

STATUS_TIMEOUT_MS = 6000


class MaintenanceFeature(QObject):
    """Plugs the archive's safety into a main window.

    An Archive menu (before Tools) with Back up now, Restore from backup…, Check archive…
    and Export archive…; every long step runs on the task runner with progress and Cancel.
    Backups are also taken when the archive stayed idle after a change
    (:class:`IdleBackup`), and an archive too big to be checked before the window opened
    is checked in the background (a damaged one offers its newest good backup).
    """

    def __init__(self, window: MainWindow, *, idle_ms: int | None = None) -> None:
        """Install the menu and start the idle backups.

        Args:
            window: the main window, its menus built.
            idle_ms: idle time before a backup (default: :data:`DEFAULT_IDLE_MINUTES`).
        """
        super().__init__(window)
        self.window = window
        self.archive = window.archive
        self.runner = window.runner
        self.check_dialog: CheckDialog | None = None
        self.restore_dialog: RestoreDialog | None = None
        self.menu = QMenu(self.tr("&Archive"), window)
        self.menu.setObjectName("archiveMenu")
        self.backup_action = self._action(self.tr("&Back up now"), self.back_up, "backUpNow")
        self.restore_action = self._action(
            self.tr("&Restore from backup…"), self.choose_backup, "restoreBackup"
        )
        self.menu.addSeparator()
        self.check_action = self._action(self.tr("&Check archive…"), self.check, "checkArchive")
        self.export_action = self._action(
            self.tr("&Export archive…"), self.choose_export, "exportArchive"
        )
        bar = window.menuBar()
        tools = window.findChild(QMenu, "toolsMenu")
        if tools is not None:
            bar.insertMenu(tools.menuAction(), self.menu)
        else:
            bar.addMenu(self.menu)
        kwargs: dict[str, Any] = {} if idle_ms is None else {"idle_ms": idle_ms}
        self.idle = IdleBackup(self.archive, self.runner, self, **kwargs)
        self.idle.failed.connect(self._on_idle_failed)
        window.installEventFilter(self)
        if not self.archive.verified:
            window.after_startup(self.verify_in_background)  # after the first loads

    def _action(self, text: str, slot: Any, name: str) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        return action

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Stop the idle backups when the window closes."""
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.idle.stop()
        return False

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_TIMEOUT_MS)

    def _error(self, title: str, text: str, error: BaseException) -> None:
        plain_message(self.window, QMessageBox.Icon.Critical, title, text, str(error)).open()

    # ----- back up

    def back_up(self) -> TaskHandle:
        """Take a verified backup now (a task)."""
        from reader.backup import backup_archive

        paths = self.archive.paths
        return self.runner.submit(
            self.tr("Backing up the archive"),
            lambda _progress, _cancelled: backup_archive(paths, reason="manual"),
            writes=True,
            on_finished=lambda path: self._status(
                self.tr("Backup written and verified: %1").replace("%1", Path(path).name)
            ),
            on_failed=lambda error: self._error(
                self.tr("Back up"), self.tr("The backup failed."), error
            ),
        )

    def _on_idle_failed(self, message: str) -> None:
        self._status(self.tr("The automatic backup failed: %1").replace("%1", message))

    # ----- restore

    def choose_backup(self) -> TaskHandle:
        """List the backups (each checked, in a task), then ask which one to restore."""
        backups_dir = self.archive.paths.backups_dir
        return self.runner.submit(
            self.tr("Checking the backups"),
            lambda _progress, _cancelled: describe_backups(backups_dir),
            on_finished=self._show_restore_dialog,
            on_failed=lambda error: self._error(
                self.tr("Restore from backup"), self.tr("The backups cannot be listed."), error
            ),
        )

    def _show_restore_dialog(self, backups: list[BackupInfo]) -> None:
        dialog = RestoreDialog(backups, self.window)
        self.restore_dialog = dialog

        def finished(result: int) -> None:
            chosen = dialog.chosen()
            if result == QDialog.DialogCode.Accepted and chosen is not None:
                self.restore(chosen)
            dialog.deleteLater()
            if self.restore_dialog is dialog:
                self.restore_dialog = None

        dialog.finished.connect(finished)
        dialog.open()

    def restore(self, backup: Path) -> TaskHandle:
        """Put a backup in place of the database (a writing task), then reload everything."""
        archive = self.archive
        self.window.open_article(-1)
        return self.runner.submit(
            self.tr("Restoring a backup"),
            lambda _progress, _cancelled: archive.restore(backup),
            writes=True,
            on_finished=self._on_restored,
            on_failed=lambda error: self._error(
                self.tr("Restore from backup"), self.tr("The backup could not be restored."), error
            ),
        )

    def _on_restored(self, result: RestoreResult) -> None:
        self.window.refresh()
        self._status(
            self.tr("Restored %1; the previous database was kept.").replace(
                "%1", result.backup.name
            )
        )

    # ----- check

    def check(self) -> TaskHandle:
        """Check the archive in a task (the index is repaired), then show the report."""
        from reader.check import check_archive

        archive = self.archive
        return self.runner.submit(
            self.tr("Checking the archive"),
            lambda progress, cancelled: check_archive(
                archive, repair_index=True, progress=progress, cancelled=cancelled
            ),
            writes=True,
            on_finished=self._show_check,
            on_failed=lambda error: self._error(
                self.tr("Check archive"), self.tr("The check could not run."), error
            ),
        )

    def _show_check(self, report: CheckReport) -> None:
        if self.check_dialog is not None:
            self.check_dialog.deleteLater()
        self.check_dialog = CheckDialog(report, self.window)
        self.check_dialog.open()
        if report.repaired:
            self.window.refresh()

    # ----- a big archive is checked once the window is shown

    def verify_in_background(self) -> TaskHandle:
        """Run the quick check the window skipped at start-up (big archives), in a task."""
        database = self.archive.paths.database
        return self.runner.submit(
            self.tr("Checking the archive"),
            lambda _progress, _cancelled: quick_check(database),
            visible=False,
            on_finished=self._on_verified,
        )

    def _on_verified(self, problems: list[str]) -> None:
        if not problems:
            self.archive.verified = True
            return
        from reader.backup import good_backups

        error = ArchiveCorruptError(
            f"{self.archive.paths.database}: {'; '.join(problems[:3])}",
            good_backups(self.archive.paths.backups_dir),
        )
        if ask_to_restore(self.window, error):
            self.restore(error.backups[0])
        elif not error.backups:
            plain_message(
                self.window,
                QMessageBox.Icon.Critical,
                self.tr("Damaged archive"),
                self.tr("The archive database is damaged and there is no good backup."),
                str(error),
            ).open()

    # ----- export

    def choose_export(self) -> TaskHandle | None:
        """Ask where to write the bundle, then export in a task with progress and Cancel."""
        name, _filter = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export archive"),
            str(Path.home() / "archive-bundle.zip"),
            self.tr("Archive bundle (*.zip)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        if path.exists():
            plain_message(
                self.window,
                QMessageBox.Icon.Warning,
                self.tr("Export archive"),
                self.tr("%1 already exists: choose a new name.").replace("%1", str(path)),
            ).open()
            return None
        return self.export_to(path)

    def export_to(self, path: Path) -> TaskHandle:
        """Export the archive to a bundle (a task)."""
        from reader.bundle import export_archive

        archive = self.archive
        return self.runner.submit(
            self.tr("Exporting the archive"),
            lambda progress, cancelled: export_archive(archive, path, progress, cancelled),
            on_finished=self._on_exported,
            on_failed=self._on_export_failed,
        )

    def _on_exported(self, report: ExportReport) -> None:
        text = self.tr("Exported %1 pages and your notes to %2.")
        self._status(text.replace("%1", str(report.pages)).replace("%2", str(report.path)))

    def _on_export_failed(self, error: BaseException) -> None:
        if isinstance(error, CancelledError):
            return
        self._error(self.tr("Export archive"), self.tr("The export failed."), error)
