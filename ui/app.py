"""Starting the window: application, settings, translations, theme, archive, main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.archive import Archive
from reader.errors import (
    ArchiveCorruptError,
    ArchiveError,
    ArchiveLockedError,
    SchemaTooNewError,
)
from reader.paths import APP_NAME, ArchivePaths
from ui.i18n import install_translations, remove_translations, resolve_language
from ui.main_window import MainWindow
from ui.maintenance.corrupt import open_after_restore, verify_at_open
from ui.settings import LANGUAGE, THEME, Settings, Theme, default_settings_path
from ui.tasks import TaskRunner
from ui.text import plain_message
from ui.theme import ThemeController

ORGANIZATION = "baokan"
SETTINGS_ENV_VAR = "BAOKAN_UI_SETTINGS"


def get_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication of the process (created once, with the program's names)."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName("报刊档案阅读器")
    return app


def archive_error_message(error: ArchiveError) -> tuple[str, str]:
    """The title and text of the message explaining why an archive cannot be opened."""
    if isinstance(error, ArchiveLockedError):
        title = QCoreApplication.translate("App", "Archive in use")
        text = QCoreApplication.translate(
            "App", "This archive is already open in another window or program."
        )
    elif isinstance(error, SchemaTooNewError):
        title = QCoreApplication.translate("App", "Archive from a newer version")
        text = QCoreApplication.translate(
            "App", "This archive was written by a newer version of the program; update it."
        )
    else:
        title = QCoreApplication.translate("App", "Cannot open the archive")
        text = QCoreApplication.translate("App", "The archive cannot be opened.")
    return title, f"{text}\n\n{error}"


def open_archive_or_explain(paths: ArchivePaths) -> Archive | None:
    """Open the archive for writing, or tell the user clearly why it cannot be.

    A damaged database is offered its newest good backup (the damaged file is kept); a
    big one is checked in the background once the window is shown instead of before.

    Returns:
        The archive, or None after a message box explained the problem.
    """
    try:
        return Archive(paths, write=True, verify=verify_at_open(paths))
    except ArchiveCorruptError as error:
        restored = open_after_restore(paths, error)
        if restored is not None:
            return restored
        title, text = archive_error_message(error)
    except ArchiveError as error:
        title, text = archive_error_message(error)
    plain_message(None, QMessageBox.Icon.Critical, title, text).exec()
    return None


def run_window(paths: ArchivePaths, *, settings_path: Path | None = None) -> int:
    """Run the window on an archive until the user quits.

    The order: application, settings, translations, theme, archive (a clear message and
    exit status 1 when it cannot be opened), main window. On quitting, every task is
    cancelled and waited for, then the archive is closed. Nothing heavy (jieba, a search
    index) loads on the GUI thread at start-up.

    Args:
        paths: the archive.
        settings_path: the settings file (default: ``BAOKAN_UI_SETTINGS`` from the
            environment, else the user's configuration folder).

    Returns:
        The exit status.
    """
    app = get_application()
    if settings_path is None:
        override = os.environ.get(SETTINGS_ENV_VAR)
        settings_path = Path(override) if override else default_settings_path()
    settings = Settings(settings_path)
    translators = install_translations(app, resolve_language(settings.get(LANGUAGE)))
    theme = ThemeController(app, Theme(settings.get(THEME)))
    try:
        archive = open_archive_or_explain(paths)
        if archive is None:
            return 1
        runner = TaskRunner(app)
        app.aboutToQuit.connect(runner.shutdown)
        try:
            window = MainWindow(archive, settings, runner, theme)
            window.show()
            status = app.exec()
        finally:
            runner.shutdown()
            archive.close()
        return int(status)
    finally:
        remove_translations(app, translators)
        theme.deleteLater()
