"""The window's undoable edits: steps as writing tasks, in stack order, failures handled."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from reader.errors import InputError
from ui.tasks import TaskRunner
from ui.undo import Affects, EditDone, State, UserEdits


@pytest.fixture
def stack(qtbot: QtBot) -> Iterator[QUndoStack]:
    undo_stack = QUndoStack()
    yield undo_stack
    undo_stack.clear()


def counter_edit(log: list[str], name: str) -> tuple:
    def do(state: State) -> int:
        state["times"] = state.get("times", 0) + 1
        log.append(f"do {name}")
        return state["times"]

    def undo(state: State) -> int:
        log.append(f"undo {name}")
        return -state["times"]

    return do, undo


def test_edits_run_at_once_and_undo_redo_in_stack_order(
    task_runner: TaskRunner, stack: QUndoStack
) -> None:
    edits = UserEdits(task_runner, stack)
    done: list[EditDone] = []
    edits.edited.connect(done.append)
    log: list[str] = []
    edits.push("first", *counter_edit(log, "a"), Affects.TAGS)
    edits.push("second", *counter_edit(log, "b"), Affects.BOOKMARKS)
    stack.undo()
    stack.undo()
    stack.redo()
    assert log == ["do a", "do b", "undo b", "undo a", "do a"]
    assert [(d.text, d.undone, d.first) for d in done] == [
        ("first", False, True),
        ("second", False, True),
        ("second", True, False),
        ("first", True, False),
        ("first", False, False),
    ]
    assert done[1].affects is Affects.BOOKMARKS
    assert done[-1].result == 2  # the state is kept between the steps of a command
    assert stack.undoText() == "first" and stack.canRedo()


def test_an_edit_that_fails_leaves_no_trace_on_the_stack(
    task_runner: TaskRunner, stack: QUndoStack, qtbot: QtBot
) -> None:
    edits = UserEdits(task_runner, stack)
    failures: list[str] = []
    edits.failed.connect(failures.append)
    log: list[str] = []
    edits.push("kept", *counter_edit(log, "a"), Affects.TAGS)

    def refuse(_state: State) -> None:
        raise InputError("empty tag")

    command = edits.push("refused", refuse, lambda _state: None, Affects.TAGS)
    assert failures == ["empty tag"]
    assert stack.count() == 1 and stack.undoText() == "kept"
    assert not shiboken6.isValid(command)
    qtbot.wait(10)  # the clean-up scheduled for a late failure finds nothing to do
    assert stack.count() == 1


def test_a_failing_undo_clears_the_history(
    task_runner: TaskRunner, stack: QUndoStack, qtbot: QtBot
) -> None:
    edits = UserEdits(task_runner, stack)
    failures: list[str] = []
    edits.failed.connect(failures.append)

    def undo(_state: State) -> None:
        raise InputError("the collection is gone")

    edits.push("new collection", lambda _state: 1, undo, Affects.COLLECTIONS)
    stack.undo()
    assert failures == ["the collection is gone"]
    qtbot.waitUntil(lambda: stack.count() == 0)


def test_with_worker_threads_an_undo_waits_for_its_edit(qtbot: QtBot, stack: QUndoStack) -> None:
    runner = TaskRunner()
    try:
        edits = UserEdits(runner, stack)
        release = threading.Event()
        order: list[str] = []

        def do(state: State) -> None:
            release.wait(5)
            state["id"] = 42
            order.append("do")

        def undo(state: State) -> None:
            order.append(f"undo {state['id']}")

        edits.push("slow", do, undo, Affects.ANNOTATIONS)
        stack.undo()  # before the edit is stored: queued behind it
        assert edits.busy
        release.set()
        qtbot.waitUntil(lambda: not edits.busy, timeout=5000)
        assert order == ["do", "undo 42"]

        def late_failure(_state: State) -> None:
            raise InputError("no such article")

        edits.push("refused later", late_failure, lambda _state: None, Affects.TAGS)
        qtbot.waitUntil(lambda: stack.count() == 0, timeout=5000)
    finally:
        runner.shutdown()
