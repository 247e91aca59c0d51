"""The task runner for long work: plain callables on worker threads, signals in the GUI thread."""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from reader.errors import CancelledError

logger = logging.getLogger(__name__)

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]
TaskFn = Callable[[ProgressFn, CancelledFn], Any]
"""A task: ``fn(progress, cancelled) -> result``, with no Qt inside."""

KEEP_ENDED_HANDLES = 32


class TaskState(Enum):
    """Where a task is in its life."""

    QUEUED = "queued"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"


class _Relay(QObject):
    """Signals emitted from the worker thread; the object itself lives in the GUI thread."""

    started = Signal()
    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class TaskHandle(QObject):
    """One submitted task, as seen from the GUI thread.

    Every signal is emitted in the GUI thread. Exactly one of ``finished``, ``failed`` and
    ``cancelled`` is emitted, followed by ``ended``.

    Signals:
        progress(done, total, text): the task's progress report.
        finished(result): the task returned ``result`` (plain data).
        failed(error): the task raised ``error``.
        cancelled(): the task was cancelled (before starting, or it raised CancelledError).
        ended(): emitted last, whatever the outcome.
    """

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    ended = Signal()

    def __init__(
        self, task_id: int, name: str, fn: TaskFn, *, writes: bool, visible: bool, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.task_id = task_id
        self.name = name
        self.writes = writes
        self.visible = visible
        self.state = TaskState.QUEUED
        self.last_progress: tuple[int, int, str] = (0, 0, "")
        self._fn = fn
        self._cancel = threading.Event()
        self._relay = _Relay(self)
        self._runnable: _Runnable | None = None

    @property
    def done(self) -> bool:
        """Whether the task has ended, whatever the outcome."""
        return self.state in (TaskState.FINISHED, TaskState.FAILED, TaskState.CANCELLED)

    def cancel_requested(self) -> bool:
        """Whether cancelling was asked for (safe to call from any thread)."""
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the task to stop; it stops at its next check of ``cancelled()``."""
        self._cancel.set()
        parent = self.parent()
        if self.state is TaskState.QUEUED and isinstance(parent, TaskRunner):
            parent._withdraw(self)

    def _connect(self, connection: Qt.ConnectionType) -> None:
        self._relay.started.connect(self._on_started, connection)
        self._relay.progress.connect(self._on_progress, connection)
        self._relay.finished.connect(self._on_finished, connection)
        self._relay.failed.connect(self._on_failed, connection)
        self._relay.cancelled.connect(self._on_cancelled, connection)

    def _execute(self) -> None:
        """Run the task in the calling thread (a worker, or the GUI thread when inline)."""
        relay = self._relay
        if self._cancel.is_set():
            relay.cancelled.emit()
            return
        relay.started.emit()

        def progress(done: int, total: int, text: str) -> None:
            relay.progress.emit(int(done), int(total), str(text))

        try:
            result = self._fn(progress, self._cancel.is_set)
        except CancelledError:
            relay.cancelled.emit()
        except Exception as error:
            logger.exception("Task %r failed", self.name)
            relay.failed.emit(error)
        else:
            relay.finished.emit(result)

    @Slot()
    def _on_started(self) -> None:
        if self.state is TaskState.QUEUED:
            self.state = TaskState.RUNNING

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.last_progress = (done, total, text)
        self.progress.emit(done, total, text)

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self._end(TaskState.FINISHED)
        self.finished.emit(result)
        self.ended.emit()

    @Slot(object)
    def _on_failed(self, error: object) -> None:
        self._end(TaskState.FAILED)
        self.failed.emit(error)
        self.ended.emit()

    @Slot()
    def _on_cancelled(self) -> None:
        self._end(TaskState.CANCELLED)
        self.cancelled.emit()
        self.ended.emit()

    def _end(self, state: TaskState) -> None:
        self.state = state
        self._runnable = None
        parent = self.parent()
        if isinstance(parent, TaskRunner):
            parent._ended(self)


class _Runnable(QRunnable):
    def __init__(self, handle: TaskHandle) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps it (in the handle) until the task ends
        self._handle = handle

    def run(self) -> None:
        self._handle._execute()


class TaskRunner(QObject):
    """Runs long work off the GUI thread; tasks that write run one at a time, in order.

    Reading tasks run in parallel on a small pool; writing tasks queue on a pool of one
    thread, so two imports never write at once. Each task opens its own database session
    (never share a Session or ORM object with the GUI thread) and hands back plain data.

    ``inline=True`` runs every task synchronously in the calling thread, emitting the same
    signals in the same order: the tests' mode.

    Signals:
        taskStarted(handle): a task was submitted (connect to its signals to follow it).
        taskEnded(handle): a task ended.
    """

    taskStarted = Signal(object)
    taskEnded = Signal(object)

    def __init__(self, parent: QObject | None = None, *, inline: bool = False) -> None:
        """Create a runner.

        Args:
            parent: the owning QObject.
            inline: run tasks synchronously in the calling thread (tests).
        """
        super().__init__(parent)
        self.inline = inline
        self._ids = itertools.count(1)
        self._read_pool = QThreadPool(self)
        self._read_pool.setMaxThreadCount(
            max(2, min(4, QThreadPool.globalInstance().maxThreadCount()))
        )
        self._write_pool = QThreadPool(self)
        self._write_pool.setMaxThreadCount(1)
        self._active: list[TaskHandle] = []
        self._ended_handles: list[TaskHandle] = []
        self._shut_down = False

    def submit(
        self,
        name: str,
        fn: TaskFn,
        *,
        writes: bool = False,
        visible: bool = True,
        on_progress: ProgressFn | None = None,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_cancelled: Callable[[], None] | None = None,
    ) -> TaskHandle:
        """Run ``fn(progress, cancelled)`` in the background.

        The callbacks are connected before the task starts, so none of its signals is
        missed (even inline).

        Args:
            name: what the task does, for the user (progress display).
            fn: the work: no Qt inside, plain data in and out, its own DB session.
            writes: the task writes to the archive (such tasks run one at a time).
            visible: show the task in the progress display (False for quick loads).
            on_progress: called with (done, total, text) in the GUI thread.
            on_finished: called with the result in the GUI thread.
            on_failed: called with the exception in the GUI thread.
            on_cancelled: called in the GUI thread when the task was cancelled.

        Returns:
            The task's handle.
        """
        handle = TaskHandle(next(self._ids), name, fn, writes=writes, visible=visible, parent=self)
        handle._connect(
            Qt.ConnectionType.DirectConnection
            if self.inline
            else Qt.ConnectionType.QueuedConnection
        )
        if on_progress is not None:
            handle.progress.connect(on_progress)
        if on_finished is not None:
            handle.finished.connect(on_finished)
        if on_failed is not None:
            handle.failed.connect(on_failed)
        if on_cancelled is not None:
            handle.cancelled.connect(on_cancelled)
        self._active.append(handle)
        self.taskStarted.emit(handle)
        if self._shut_down:
            handle.cancel()
            handle._execute()
            return handle
        if self.inline:
            handle._execute()
            return handle
        runnable = _Runnable(handle)
        handle._runnable = runnable
        (self._write_pool if writes else self._read_pool).start(runnable)
        return handle

    def active(self) -> list[TaskHandle]:
        """The tasks queued or running."""
        return list(self._active)

    def is_busy(self, *, writes_only: bool = False) -> bool:
        """Whether any task (or any writing task) is queued or running."""
        return any(handle.writes or not writes_only for handle in self._active)

    def shutdown(self) -> None:
        """Cancel every task and wait until the running ones have stopped.

        Called on ``QApplication.aboutToQuit``: no worker thread outlives the window.
        Safe to call more than once; tasks submitted afterwards are cancelled at once.
        """
        self._shut_down = True
        for handle in list(self._active):
            handle.cancel()
        self._write_pool.waitForDone(-1)
        self._read_pool.waitForDone(-1)

    def _withdraw(self, handle: TaskHandle) -> None:
        """Take a queued task out of its pool (it ends as cancelled)."""
        runnable = handle._runnable
        if runnable is None or self.inline:
            return
        pool = self._write_pool if handle.writes else self._read_pool
        if pool.tryTake(runnable):
            handle._relay.cancelled.emit()

    def _ended(self, handle: TaskHandle) -> None:
        if handle in self._active:
            self._active.remove(handle)
        self.taskEnded.emit(handle)
        self._ended_handles.append(handle)
        while len(self._ended_handles) > KEEP_ENDED_HANDLES:
            self._ended_handles.pop(0).deleteLater()
