"""Backups when the archive has been idle for a while after a change, through the task runner."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from reader.archive import Archive
from reader.backup import backup_archive
from ui.tasks import TaskHandle, TaskRunner

#: A backup is taken once the archive has not changed for this long after a change.
DEFAULT_IDLE_MINUTES = 10
#: How often the database files are looked at (their size and time: no query).
DEFAULT_POLL_SECONDS = 30

Signature = tuple[tuple[int, int], ...]


def database_signature(database: Path) -> Signature:
    """The size and modification time of the database and its WAL: changes with every commit."""
    signature = []
    for path in (database, Path(f"{database}-wal")):
        try:
            info = path.stat()
        except OSError:
            signature.append((-1, -1))
        else:
            signature.append((info.st_size, info.st_mtime_ns))
    return tuple(signature)


class IdleBackup(QObject):
    """Takes a verified backup after the archive changed and then stayed idle.

    A timer looks at the database files every ``poll_ms``; any commit changes their size or
    time. When they changed since the last backup (or since the window opened) and then
    stayed the same for ``idle_ms``, and no writing task runs, a backup is taken on the
    task runner (quietly; a failure is reported through ``failed``).

    Signals:
        backedUp(path): a backup was taken (a ``Path``).
        failed(message): a backup failed (the next idle period tries again).
    """

    backedUp = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        archive: Archive,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        idle_ms: int = DEFAULT_IDLE_MINUTES * 60_000,
        poll_ms: int = DEFAULT_POLL_SECONDS * 1000,
    ) -> None:
        """Watch an archive (the timer starts at once).

        Args:
            archive: the archive, opened for writing.
            runner: the task runner.
            parent: the owning QObject.
            idle_ms: how long the archive must stay unchanged before a backup.
            poll_ms: how often the files are looked at.
        """
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self.idle_ms = idle_ms
        self._backed_up = database_signature(archive.paths.database)
        self._seen = self._backed_up
        self._changed_at = time.monotonic()
        self._task: TaskHandle | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(max(1, poll_ms))
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> TaskHandle | None:
        """Look at the database files; start a backup when due.

        Returns:
            The backup task started, if any.
        """
        signature = database_signature(self._archive.paths.database)
        now = time.monotonic()
        if signature != self._seen:
            self._seen = signature
            self._changed_at = now
            return None
        due = (
            signature != self._backed_up
            and (now - self._changed_at) * 1000 >= self.idle_ms
            and self._task is None
            and not self._runner.is_busy(writes_only=True)
        )
        if not due:
            return None
        paths = self._archive.paths
        self._task = self._runner.submit(
            self.tr("Backing up the archive"),
            lambda _progress, _cancelled: backup_archive(paths, reason="idle"),
            writes=True,
            visible=False,
            on_finished=lambda path: self._on_done(signature, path),
            on_failed=self._on_failed,
            on_cancelled=self._on_cancelled,
        )
        return self._task

    def _on_done(self, signature: Signature, path: Path) -> None:
        self._task = None
        self._backed_up = signature
        self.backedUp.emit(path)

    def _on_failed(self, error: BaseException) -> None:
        self._task = None
        self._changed_at = time.monotonic()  # try again after the next idle period
        self.failed.emit(str(error))

    def _on_cancelled(self) -> None:
        self._task = None

    def stop(self) -> None:
        """Stop watching (the window is closing)."""
        self.timer.stop()
