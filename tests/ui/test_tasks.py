"""The task runner: signals in the GUI thread, one writer at a time, cancel, clean shutdown."""

from __future__ import annotations

import threading
import time
from typing import Any

from pytestqt.qtbot import QtBot

from reader.errors import CancelledError
from ui.tasks import TaskRunner, TaskState
from ui.tasks.progress import TaskProgress

GUI_THREAD = threading.main_thread


def test_a_threaded_task_reports_progress_and_result_in_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    seen_threads: list[threading.Thread] = []
    progress: list[tuple[int, int, str]] = []

    def work(report: Any, cancelled: Any) -> int:
        seen_threads.append(threading.current_thread())
        for step in range(3):
            report(step, 3, f"step {step}")
        return 42

    def on_progress(done: int, total: int, text: str) -> None:
        assert threading.current_thread() is GUI_THREAD()
        progress.append((done, total, text))

    handle = runner.submit("answer", work, on_progress=on_progress)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [42]
    assert seen_threads and seen_threads[0] is not GUI_THREAD()
    assert progress == [(0, 3, "step 0"), (1, 3, "step 1"), (2, 3, "step 2")]
    assert handle.state is TaskState.FINISHED
    runner.shutdown()


def test_a_failing_task_emits_failed_with_the_exception(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def broken(_report: Any, _cancelled: Any) -> None:
        raise ValueError("bad input")

    handle = runner.submit("broken", broken)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError)
    assert handle.state is TaskState.FAILED
    runner.shutdown()


def test_writing_tasks_run_one_at_a_time_in_order(qtbot: QtBot) -> None:
    runner = TaskRunner()
    lock = threading.Lock()
    running = 0
    overlap = False
    order: list[int] = []

    def make(number: int) -> Any:
        def write(_report: Any, _cancelled: Any) -> int:
            nonlocal running, overlap
            with lock:
                running += 1
                overlap = overlap or running > 1
            time.sleep(0.02)
            with lock:
                running -= 1
                order.append(number)
            return number

        return write

    handles = [runner.submit(f"write {n}", make(n), writes=True) for n in range(4)]
    with qtbot.waitSignal(handles[-1].ended, timeout=5000):
        pass
    assert not overlap
    assert order == [0, 1, 2, 3]
    runner.shutdown()


def test_cancel_stops_a_running_task_and_a_queued_one_never_starts(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    second_ran = threading.Event()

    def endless(_report: Any, cancelled: Any) -> None:
        started.set()
        while not cancelled():
            time.sleep(0.005)
        raise CancelledError("stopped")

    def second(_report: Any, _cancelled: Any) -> None:
        second_ran.set()

    first = runner.submit("endless", endless, writes=True)
    queued = runner.submit("second", second, writes=True)
    assert started.wait(5)
    queued.cancel()
    first.cancel()
    with qtbot.waitSignals([first.cancelled, queued.cancelled], timeout=5000):
        pass
    assert not second_ran.is_set()
    assert first.state is TaskState.CANCELLED and queued.state is TaskState.CANCELLED
    runner.shutdown()


def test_shutdown_cancels_and_waits_for_running_tasks(qtbot: QtBot) -> None:
    runner = TaskRunner()
    started = threading.Event()
    stopped = threading.Event()

    def long_import(_report: Any, cancelled: Any) -> str:
        started.set()
        while not cancelled():
            time.sleep(0.005)
        time.sleep(0.05)  # finishing the current file
        stopped.set()
        return "partial"

    handle = runner.submit("import", long_import, writes=True)
    assert started.wait(5)
    runner.shutdown()
    assert stopped.is_set()  # shutdown returned only after the worker stopped
    assert handle.cancel_requested()
    later = runner.submit("after shutdown", lambda _r, _c: 1)
    assert later.cancel_requested()


def test_inline_runner_runs_synchronously_with_the_same_signals(
    task_runner: TaskRunner,
) -> None:
    events: list[str] = []

    def work(report: Any, cancelled: Any) -> str:
        events.append(f"thread-main={threading.current_thread() is GUI_THREAD()}")
        report(1, 2, "half")
        return "done"

    handle = task_runner.submit(
        "inline",
        work,
        writes=True,
        on_progress=lambda d, t, _x: events.append(f"progress {d}/{t}"),
        on_finished=lambda result: events.append(f"finished {result}"),
    )
    assert events == ["thread-main=True", "progress 1/2", "finished done"]
    assert handle.state is TaskState.FINISHED


def test_progress_widget_shows_the_task_and_cancels_it(
    qtbot: QtBot, task_runner: TaskRunner
) -> None:
    widget = TaskProgress(task_runner)
    qtbot.addWidget(widget)
    observed: dict[str, Any] = {}

    def work(report: Any, cancelled: Any) -> None:
        report(1, 4, "page.txt")
        observed["visible"] = widget.isVisibleTo(widget.parentWidget() or widget)
        observed["text"] = widget.label.text()
        observed["range"] = (widget.bar.value(), widget.bar.maximum())
        widget.cancel_button.click()
        if cancelled():
            raise CancelledError("cancelled by the user")

    handle = task_runner.submit("Importing", work, writes=True)
    assert observed["text"] == "Importing: page.txt"
    assert observed["range"] == (1, 4)
    assert handle.state is TaskState.CANCELLED
    assert widget.current is None


def test_quiet_tasks_are_not_shown(task_runner: TaskRunner, qtbot: QtBot) -> None:
    widget = TaskProgress(task_runner)
    qtbot.addWidget(widget)
    shown: list[bool] = []
    task_runner.submit(
        "load", lambda _r, _c: shown.append(widget.current is not None), visible=False
    )
    assert shown == [False]
