"""The import flow: preview on a worker, confirm in the dialog, import on the runner, results."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from reader.archive import Archive
from ui.tasks import TaskHandle, TaskRunner
from ui.text import plain_message

if TYPE_CHECKING:  # the importer, its parsers and dialogs load with the first import
    from reader.import_plan import FilePreview, PlannedFile
    from reader.importer import ImportReport
    from ui.importing.dialog import ImportDialog
    from ui.importing.results import ImportResultsDialog


def demo_pages_dir() -> Path:
    """The folder of the demo pages (``reader.demo``, imported when asked for)."""
    from reader.demo import demo_pages_dir as pages_dir

    return pages_dir()


class ImportController(QObject):
    """Runs imports for the window: files chosen, dropped, or the demo pages.

    The steps: read and parse the files on a worker (nothing stored), show the
    :class:`ImportDialog`, import the confirmed files as one writing task with progress
    and cancel, then show the per-file results.

    Signals:
        imported(report): an import ended (also when cancelled part-way); the archive
            changed if ``report.files`` has imported files.
    """

    imported = Signal(object)

    def __init__(self, archive: Archive, runner: TaskRunner, window: QWidget) -> None:
        """Create the controller.

        Args:
            archive: the archive, opened for writing.
            runner: the task runner.
            window: the parent of the dialogs.
        """
        super().__init__(window)
        self._archive = archive
        self._runner = runner
        self._window = window
        self.dialog: ImportDialog | None = None
        self.results_dialog: ImportResultsDialog | None = None

    def start(self, paths: Sequence[Path]) -> TaskHandle | None:
        """Preview files and folders, then ask the user to confirm them.

        Args:
            paths: files and folders chosen or dropped.

        Returns:
            The preview task, or None when there is nothing to preview.
        """
        paths = [Path(path) for path in paths]
        if not paths:
            return None
        from reader.import_plan import preview_files

        return self._runner.submit(
            self.tr("Reading files"),
            lambda progress, cancelled: preview_files(
                paths, progress=progress, cancelled=cancelled
            ),
            on_finished=self._on_previewed,
            on_failed=self._on_failed,
        )

    def _on_previewed(self, previews: list[FilePreview]) -> None:
        if not previews:
            plain_message(
                self._window,
                QMessageBox.Icon.Information,
                self.tr("Import pages"),
                self.tr("No page files (.txt, .html, .xml, .pdf, .zip) were found there."),
            ).open()
            return
        from ui.importing.dialog import ImportDialog

        dialog = ImportDialog(previews, self._window)
        self.dialog = dialog
        dialog.finished.connect(lambda result: self._on_dialog_finished(dialog, result))
        dialog.open()

    def _on_dialog_finished(self, dialog: ImportDialog, result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            files = dialog.planned_files()
            if files:
                self.run_import(files)
        dialog.deleteLater()
        if self.dialog is dialog:
            self.dialog = None

    def run_import(self, files: Sequence[PlannedFile], *, always_report: bool = True) -> TaskHandle:
        """Import files with their confirmed metadata (a writing task).

        Args:
            files: the files and their metadata.
            always_report: show the results dialog even when every file went well.

        Returns:
            The import task.
        """
        from reader.import_plan import run_plan

        archive = self._archive
        planned = list(files)
        return self._runner.submit(
            self.tr("Importing"),
            lambda progress, cancelled: run_plan(
                archive, planned, progress=progress, cancelled=cancelled
            ),
            writes=True,
            on_finished=lambda report: self._on_imported(report, always_report),
            on_failed=self._on_failed,
        )

    def import_demo(self) -> TaskHandle | None:
        """Import the demo pages shipped with the program into the current archive.

        Returns:
            The import task, or None when the demo pages are missing.
        """
        folder = demo_pages_dir()
        if not folder.is_dir() or not any(folder.glob("*.txt")):
            plain_message(
                self._window,
                QMessageBox.Icon.Warning,
                self.tr("Demo archive"),
                self.tr("The demo pages are missing from this installation."),
            ).open()
            return None
        from reader.import_plan import PlannedFile
        from reader.importer import collect_files

        files = [PlannedFile(path=path) for path in collect_files([folder])]
        return self.run_import(files, always_report=False)

    def _on_imported(self, report: ImportReport, always_report: bool) -> None:
        self.imported.emit(report)
        kept = bool(report.kept_corrections)  # pages the user corrected: say they were kept
        if always_report or report.failed or report.cancelled or not report.files or kept:
            self.show_results(report)

    def show_results(self, report: ImportReport) -> ImportResultsDialog:
        """Show the per-file results of an import."""
        from ui.importing.results import ImportResultsDialog

        if self.results_dialog is not None:
            self.results_dialog.deleteLater()
        self.results_dialog = ImportResultsDialog(report, self._window)
        self.results_dialog.open()
        return self.results_dialog

    def _on_failed(self, error: BaseException) -> None:
        plain_message(
            self._window,
            QMessageBox.Icon.Critical,
            self.tr("Import pages"),
            self.tr("The import stopped because of an error:"),
            details=f"{type(error).__name__}: {error}",
        ).open()
