"""Entity corrections run as writing tasks, with an undo stack whose commands undo and redo them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack

from reader.archive import Archive
from reader.entities import corrections
from reader.entities.corrections import CorrectionResult
from ui.entities.dialogs import entity_text
from ui.entities.kinds import kind_label
from ui.tasks import TaskHandle, TaskRunner
from ui.text import plain_tooltip

Correction = Callable[[Archive], CorrectionResult]
"""A correction to run on a worker: ``fn(archive) -> CorrectionResult``."""
Focus = tuple[str, str] | None
"""The (name, kind) of the entity to show after a step, or None."""


class CorrectionCommand(QUndoCommand):
    """One correction on the undo stack: undo and redo call the archive's undo and redo.

    The correction itself has run when the command is pushed, so the push's redo does
    nothing; later redos put the correction's rule back in force.
    """

    def __init__(
        self,
        controller: CorrectionController,
        rule_id: int,
        text: str,
        focus: Focus = None,
        undo_focus: Focus = None,
    ) -> None:
        """Create the command of a correction that has run.

        Args:
            controller: runs the undo and redo tasks.
            rule_id: the correction's rule.
            text: what the correction did, for the Edit menu.
            focus: the entity to show after a redo (the renamed one's new name).
            undo_focus: the entity to show after an undo (its old name).
        """
        super().__init__(text)
        self.controller = controller
        self.rule_id = rule_id
        self.focus = focus
        self.undo_focus = undo_focus
        self._pushed = False

    def redo(self) -> None:
        """Put the correction back in force (nothing on the push: it has just run)."""
        if not self._pushed:
            self._pushed = True
            return
        self.controller._run_stack_step(self.rule_id, self.text(), self.focus, redo=True)

    def undo(self) -> None:
        """Undo the correction."""
        self.controller._run_stack_step(self.rule_id, self.text(), self.undo_focus, redo=False)


class CorrectionController(QObject):
    """Runs entity corrections on the task runner (writing tasks) and keeps their undo stack.

    Every correction, undo and redo is a writing task; when it ends, ``corrected`` is
    emitted (the window then refreshes its panes), or ``failed`` with a message for the
    user. A correction that succeeded is pushed on ``undo_stack``. While a task runs,
    undo and redo wait (their actions are disabled).

    Signals:
        corrected(result, focus, text): a correction, undo or redo is done; ``focus`` is
            the (name, kind) the entities pane should show now, or None; ``text`` says
            what was done, translated ("undo rename 甲 to 乙").
        failed(message): a correction, undo or redo failed.
        busyChanged(busy): a correction task started or ended.
    """

    corrected = Signal(object, object, str)
    failed = Signal(str)
    busyChanged = Signal(bool)

    def __init__(self, archive: Archive, runner: TaskRunner, parent: QObject | None = None) -> None:
        """Create the controller.

        Args:
            archive: the archive, opened for writing.
            runner: the task runner.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self.archive = archive
        self.runner = runner
        self.undo_stack = QUndoStack(self)
        self._running = 0
        self.undo_action = QAction(self.tr("&Undo"), self)
        self.undo_action.setObjectName("undoEdit")
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self.tr("&Redo"), self)
        self.redo_action.setObjectName("redoEdit")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        self.undo_stack.indexChanged.connect(self._on_stack_changed)
        self.undo_stack.cleanChanged.connect(self._on_stack_changed)
        self._update_actions()

    @property
    def busy(self) -> bool:
        """Whether a correction, undo or redo task is queued or running."""
        return self._running > 0

    # ----- corrections

    def run(
        self, text: str, correction: Correction, focus: Focus = None, undo_focus: Focus = None
    ) -> TaskHandle:
        """Run a correction as a writing task; on success it goes on the undo stack.

        Args:
            text: what it does, for the Edit menu ("rename 甲 to 乙").
            correction: the work, ``fn(archive)``.
            focus: the entity to show afterwards (a renamed entity's new name).
            undo_focus: the entity to show once it is undone (the old name).

        Returns:
            The task's handle.
        """
        archive = self.archive

        def finished(result: CorrectionResult) -> None:
            if result.rule_id is not None:
                self.undo_stack.push(
                    CorrectionCommand(self, result.rule_id, text, focus, undo_focus)
                )
            self.corrected.emit(result, focus, text)

        return self._submit(
            self.tr("Correcting entities"),
            lambda _progress, _cancelled: correction(archive),
            finished,
        )

    def rename(self, name: str, kind: str, new_name: str) -> TaskHandle:
        """Rename an entity."""
        text = self.tr("rename %1 to %2").replace("%1", entity_text(name, kind))
        text = text.replace("%2", new_name)
        return self.run(
            text,
            lambda archive: corrections.rename(archive, name, new_name, type=kind),
            (new_name, kind),
            (name, kind),
        )

    def merge(self, name: str, kind: str, target: str, target_kind: str) -> TaskHandle:
        """Merge an entity into another."""
        text = (
            self.tr("merge %1 into %2")
            .replace("%1", entity_text(name, kind))
            .replace("%2", entity_text(target, target_kind))
        )
        return self.run(
            text,
            lambda archive: corrections.merge(
                archive, name, target, source_type=kind, target_type=target_kind
            ),
            (target, target_kind),
            (name, kind),
        )

    def split(self, name: str, kind: str, article_ids: list[int], new_name: str) -> TaskHandle:
        """Give the mentions of an entity in some articles to a new entity."""
        text = (
            self.tr("split %1 from %2")
            .replace("%1", entity_text(new_name, kind))
            .replace("%2", entity_text(name, kind))
        )
        return self.run(
            text,
            lambda archive: corrections.split(archive, name, article_ids, new_name, type=kind),
            (new_name, kind),
            (name, kind),
        )

    def retype(self, name: str, kind: str, new_kind: str) -> TaskHandle:
        """Change an entity's kind."""
        text = (
            self.tr("make %1 a %2")
            .replace("%1", entity_text(name, kind))
            .replace("%2", kind_label(new_kind))
        )
        return self.run(
            text,
            lambda archive: corrections.retype(archive, name, new_kind, type=kind),
            (name, new_kind),
            (name, kind),
        )

    def delete(self, name: str, kind: str) -> TaskHandle:
        """Delete an entity: its name is never tagged as that kind again."""
        text = self.tr("delete %1").replace("%1", entity_text(name, kind))
        return self.run(
            text,
            lambda archive: corrections.delete_entity(archive, name, type=kind),
            None,
            (name, kind),
        )

    def add_mention(
        self, article_id: int, field: str, start: int, end: int, kind: str, name: str
    ) -> TaskHandle:
        """Tag a stretch of an article's text as an entity by hand."""
        text = self.tr("tag %1").replace("%1", entity_text(name, kind))
        return self.run(
            text,
            lambda archive: corrections.add_mention(
                archive, article_id, field, start, end, kind, name=name
            ),
            (name, kind),
        )

    # ----- undo and redo

    def undo(self) -> None:
        """Undo the last correction (Ctrl+Z); nothing while a correction task runs."""
        if not self.busy and self.undo_stack.canUndo():
            self.undo_stack.undo()

    def redo(self) -> None:
        """Redo the last undone correction (Ctrl+Shift+Z); nothing while a task runs."""
        if not self.busy and self.undo_stack.canRedo():
            self.undo_stack.redo()

    def _run_stack_step(self, rule_id: int, text: str, focus: Focus, *, redo: bool) -> None:
        archive = self.archive

        def work(_progress: Any, _cancelled: Any) -> CorrectionResult:
            if redo:
                return corrections.redo(archive, rule_id)
            return corrections.undo(archive, rule_id=rule_id)

        self._submit(
            self.tr("Redoing a correction") if redo else self.tr("Undoing a correction"),
            work,
            lambda result: self.corrected.emit(
                result,
                focus,
                (self.tr("redo %1") if redo else self.tr("undo %1")).replace("%1", text),
            ),
            stack_step=True,
        )

    # ----- tasks

    def _submit(
        self,
        name: str,
        work: Callable[[Any, Any], CorrectionResult],
        finished: Callable[[CorrectionResult], None],
        *,
        stack_step: bool = False,
    ) -> TaskHandle:
        self._running += 1
        self._update_actions()
        if self._running == 1:
            self.busyChanged.emit(True)

        def ended() -> None:
            self._running -= 1
            self._update_actions()
            if self._running == 0:
                self.busyChanged.emit(False)

        def on_finished(result: CorrectionResult) -> None:
            ended()
            finished(result)

        def on_failed(error: BaseException) -> None:
            ended()
            if stack_step:
                # The archive and the stack no longer agree: start a new history (later:
                # the stack may be in the middle of calling the command).
                QTimer.singleShot(0, self.undo_stack, self.undo_stack.clear)
            self.failed.emit(str(error))

        return self.runner.submit(
            name,
            work,
            writes=True,
            on_finished=on_finished,
            on_failed=on_failed,
            on_cancelled=ended,
        )

    @Slot()
    def _on_stack_changed(self) -> None:
        # The stack may signal while the window is torn down, after its wrapper died.
        if shiboken6.isValid(self.undo_stack) and shiboken6.isValid(self.undo_action):
            self._update_actions()

    def _update_actions(self) -> None:
        stack = self.undo_stack
        idle = not self.busy
        self.undo_action.setEnabled(idle and stack.canUndo())
        self.redo_action.setEnabled(idle and stack.canRedo())
        undo_text = stack.undoText().replace("&", "&&")  # no mnemonic from a name
        redo_text = stack.redoText().replace("&", "&&")
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", undo_text) if undo_text else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo %1").replace("%1", redo_text) if redo_text else self.tr("&Redo")
        )
        # Tooltips would take "<b>" in a name for markup: they are escaped.
        for action in (self.undo_action, self.redo_action):
            action.setToolTip(
                plain_tooltip(action.text().replace("&&", "\0").replace("&", "").replace("\0", "&"))
            )
