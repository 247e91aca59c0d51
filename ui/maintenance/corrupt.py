"""A damaged database found when the window opens an archive: offer the newest good backup."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reader.archive import Archive
from reader.backup import describe_backup, restore_backup
from reader.errors import ArchiveCorruptError, ArchiveError
from reader.paths import ArchivePaths
from ui.text import plain_message

#: Databases up to this size are checked (quick_check) before the window opens them, about
#: 0.07 s; bigger ones are checked in the background once the window is shown.
VERIFY_AT_OPEN_MAX_BYTES = 64 * 1024 * 1024


def verify_at_open(paths: ArchivePaths) -> bool:
    """Whether to check the database before opening it (small) or after the window shows."""
    try:
        return paths.database.stat().st_size <= VERIFY_AT_OPEN_MAX_BYTES
    except OSError:
        return True


def ask_to_restore(parent: QWidget | None, error: ArchiveCorruptError) -> bool:
    """Ask whether to restore the newest good backup of a damaged archive.

    Returns:
        True when the user agreed (False without any good backup).
    """
    if not error.backups:
        return False
    info = describe_backup(error.backups[0], verify=False)
    when = info.created.strftime("%Y-%m-%d %H:%M") if info.created else info.path.name
    text = "\n\n".join(
        (
            QCoreApplication.translate("Maintenance", "The archive database is damaged."),
            QCoreApplication.translate(
                "Maintenance", "Restore the newest good backup, taken %1?"
            ).replace("%1", when),
            QCoreApplication.translate(
                "Maintenance",
                "The damaged file is kept beside it as archive.sqlite3.corrupt-… (never "
                "deleted); changes made after the backup are not in it.",
            ),
        )
    )
    box = plain_message(
        parent,
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Maintenance", "Damaged archive"),
        text,
        str(error),
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    return box.exec() == QMessageBox.StandardButton.Yes


def open_after_restore(paths: ArchivePaths, error: ArchiveCorruptError) -> Archive | None:
    """Offer the newest good backup of a damaged archive; open the archive once restored.

    Returns:
        The archive, restored and opened, or None (declined, no backup, or it failed: the
        user was told).
    """
    if not ask_to_restore(None, error):
        return None
    try:
        restore_backup(paths, error.backups[0])
        return Archive(paths, write=True)
    except ArchiveError as failure:
        plain_message(
            None,
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("Maintenance", "Damaged archive"),
            QCoreApplication.translate("Maintenance", "The backup could not be restored."),
            str(failure),
        ).exec()
        return None
