"""The window's undoable edits of the user's data: commands whose steps run as writing tasks."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import Flag, auto
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.archive import Archive
from ui.tasks import TaskHandle, TaskRunner

logger = logging.getLogger(__name__)

State = dict[str, Any]
"""Plain data shared by the steps of one command (ids made by its first run, for instance).

The steps of a command run one after another on the writing thread, never at once, so
they may read and write it without a lock; the GUI thread never touches it.
"""
Step = Callable[[State], Any]
"""One step of an edit, run on the writing thread: ``fn(state) -> result`` (plain data)."""


class Affects(Flag):
    """What an edit changes: the views to refresh once it is done."""

    NONE = 0
    ANNOTATIONS = auto()
    BOOKMARKS = auto()
    TAGS = auto()
    COLLECTIONS = auto()
    SEARCHES = auto()
    ARTICLES = auto()
    """Articles' text, structure or pages (curation): every pane and the reader reload."""


@dataclass(frozen=True, slots=True)
class EditDone:
    """An edit, its undo or its redo has been stored.

    Attributes:
        text: what the command does ("bookmark 湖畔新区…"), translated.
        affects: the views to refresh.
        result: what the step returned.
        undone: the step was an undo.
        first: the step was the command's first run (not a redo).
    """

    text: str
    affects: Affects
    result: Any
    undone: bool
    first: bool


class EditCommand(QUndoCommand):
    """One edit on the undo stack: its redo and undo run the domain's steps as writing tasks.

    The stack calls :meth:`redo` when the command is pushed, which runs the edit itself;
    later undos and redos run the other step. Writing tasks run one at a time in the
    order they were submitted, so the steps of the stack always reach the archive in the
    order of the stack, even when the user undoes before the edit has been stored.
    """

    def __init__(self, edits: UserEdits, text: str, do: Step, undo: Step, affects: Affects) -> None:
        """Create the command (push it with :meth:`UserEdits.push`).

        Args:
            edits: runs the steps.
            text: what it does, for the Edit menu.
            do: the edit (also its redo).
            undo: its undo.
            affects: the views to refresh after each step.
        """
        super().__init__(text)
        self.edits = edits
        self.affects = affects
        self.state: State = {}
        self.failed = False
        self._do = do
        self._undo = undo
        self._runs = 0

    def redo(self) -> None:
        """Run the edit (its first run, or a redo)."""
        if self.failed:
            return
        first = self._runs == 0
        self._runs += 1
        self.edits._run(self, self._do, undone=False, first=first)

    def undo(self) -> None:
        """Undo the edit."""
        if self.failed:
            return
        self.edits._run(self, self._undo, undone=True, first=False)


def shorten(text: str, limit: int) -> str:
    """Text on one line, cut to ``limit`` characters with "…" (for the Edit menu)."""
    flat = " ".join(text.split()) or "…"
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class UserEdits(QObject):
    """Runs the user's edits as undoable commands on a shared undo stack.

    The stack is the window's one history (shared with the entity corrections), so
    Ctrl+Z undoes the latest edit of any kind. Every step is a writing task; when one is
    stored, ``edited`` is emitted for the views to refresh. When an edit fails at its
    first run it leaves the stack (nothing was stored); when an undo or redo fails, the
    archive and the stack no longer agree and the history is cleared. Either way
    ``failed`` says why.

    Signals:
        edited(done): an ``EditDone``.
        failed(message): a step failed; the message is for the user.
    """

    edited = Signal(object)
    failed = Signal(str)

    def __init__(
        self, runner: TaskRunner, undo_stack: QUndoStack, parent: QObject | None = None
    ) -> None:
        """Create the runner of edits.

        Args:
            runner: the task runner (every step is a writing task).
            undo_stack: the window's undo stack.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self.runner = runner
        self.undo_stack = undo_stack
        self._running = 0

    @property
    def busy(self) -> bool:
        """Whether a step is queued or running."""
        return self._running > 0

    def push(self, text: str, do: Step, undo: Step, affects: Affects) -> EditCommand:
        """Make an edit: run ``do`` now, and keep it on the stack to be undone.

        Args:
            text: what it does, for the Edit menu ("tag 湖畔新区… 产业/光伏").
            do: the edit, on the writing thread; it may keep ids in its state.
            undo: its undo, on the writing thread, after ``do``.
            affects: the views to refresh.

        Returns:
            The command (gone from the stack if its first run failed inline).
        """
        command = EditCommand(self, text, do, undo, affects)
        self.undo_stack.push(command)
        return command

    def push_kept(
        self, text: str, do: Callable[[], Any], undo: Callable[[Any], Any], affects: Affects
    ) -> EditCommand:
        """Make an edit whose undo is given what its last run returned.

        For the common shape "the edit returns a snapshot (or the old value) and the undo
        puts it back": ``do`` runs at the first run and at every redo, and ``undo`` gets
        what that run returned.

        Args:
            text: what it does, for the Edit menu.
            do: the edit, on the writing thread.
            undo: its undo, on the writing thread, given ``do``'s result.
            affects: the views to refresh.
        """

        def run(state: State) -> Any:
            state["kept"] = do()
            return state["kept"]

        def revert(state: State) -> Any:
            return undo(state["kept"])

        return self.push(text, run, revert, affects)

    def _run(self, command: EditCommand, step: Step, *, undone: bool, first: bool) -> TaskHandle:
        state = command.state
        text = command.text()
        affects = command.affects
        self._running += 1

        def on_finished(result: object) -> None:
            self._running -= 1
            self.edited.emit(EditDone(text, affects, result, undone, first))

        def on_failed(error: BaseException) -> None:
            self._running -= 1
            if first:
                self._drop(command)
            else:
                # Later: the stack may be in the middle of calling the command.
                QTimer.singleShot(0, self.undo_stack, self.undo_stack.clear)
            self.failed.emit(str(error))

        def on_cancelled() -> None:
            self._running -= 1

        if undone:
            name = self.tr("Undoing: %1").replace("%1", text)
        elif first:
            name = self.tr("Saving: %1").replace("%1", text)
        else:
            name = self.tr("Redoing: %1").replace("%1", text)
        return self.runner.submit(
            name,
            lambda _progress, _cancelled: step(state),
            writes=True,
            visible=False,
            on_finished=on_finished,
            on_failed=on_failed,
            on_cancelled=on_cancelled,
        )

    def _drop(self, command: EditCommand) -> None:
        """Take a command whose first run failed off the stack (nothing was stored).

        Failing inside the push (a synchronous runner), the obsolete command is simply not
        added. Failing later, it is undone without running (its undo does nothing) and
        removed; if other commands were pushed on top meanwhile, the history is cleared.
        """
        command.failed = True
        command.setObsolete(True)
        stack = self.undo_stack

        def remove() -> None:
            if not shiboken6.isValid(stack) or not shiboken6.isValid(command):
                return  # dropped by the push already
            top = stack.command(stack.index() - 1) if stack.index() > 0 else None
            if top is command:
                stack.undo()
            elif any(stack.command(i) is command for i in range(stack.count())):
                stack.clear()

        QTimer.singleShot(0, stack, remove)


class Editor(QObject):
    """Base of the editors that make undoable edits of the user's data."""

    def __init__(self, archive: Archive, edits: UserEdits, parent: QObject | None = None) -> None:
        """Create the editor.

        Args:
            archive: the archive, opened for writing (used on the writing thread).
            edits: runs the commands.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self.archive = archive
        self.edits = edits
