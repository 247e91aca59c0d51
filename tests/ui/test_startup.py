"""Window start-up order: the issue tree and the first articles first, everything else after."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.tasks import TaskHandle, TaskRunner

DEFERRED_TASKS = ("Loading entities", "Reading the library", "Reading bookmarks")


@pytest.fixture
def threaded_runner() -> Iterator[TaskRunner]:
    """A task runner with real worker threads (the order of the loads is what is tested)."""
    runner = TaskRunner()
    yield runner
    runner.shutdown()


def test_other_panes_load_after_the_issue_tree_and_the_first_articles(
    qtbot: QtBot,
    filled_template: object,
    archive: Archive,
    ui_settings: Settings,
    threaded_runner: TaskRunner,
) -> None:
    import shutil

    from reader.paths import ArchivePaths

    events: list[str] = []
    shown_before: dict[str, tuple[int, int]] = {}  # task → (issue rows, article rows) then
    holder: list[MainWindow] = []

    def on_task(handle: TaskHandle) -> None:
        events.append(handle.name)
        if holder and handle.name not in shown_before:
            window = holder[0]
            shown_before[handle.name] = (
                window.issues.model.rowCount(),
                window.articles.model.rowCount(),
            )

    threaded_runner.taskStarted.connect(on_task)
    # The archive fixture is empty here: start on a copy of the filled one.
    root = archive.paths.root.parent / "filled-copy"
    shutil.copytree(str(filled_template), root)
    with Archive(ArchivePaths(root), write=False) as filled:
        window = MainWindow(filled, ui_settings, threaded_runner)
        qtbot.addWidget(window)
        holder.append(window)
        started: list[bool] = []
        window.startupFinished.connect(lambda: started.append(True))
        assert window.starting
        assert "Loading issues" in events
        assert events.count("Loading articles") == 1  # the first query runs once
        for name in DEFERRED_TASKS:
            assert name not in events
        window.show()
        qtbot.waitUntil(lambda: bool(started), timeout=20_000)
        qtbot.waitUntil(lambda: not threaded_runner.active(), timeout=20_000)
        for name in (*DEFERRED_TASKS, "Checking the search index"):
            issue_rows, article_rows = shown_before[name]
            assert issue_rows > 0 and article_rows > 0, (name, events)
        assert events.count("Loading articles") == 1
        assert events.count("Loading issues") == 1
        assert not window.starting
        assert window.entities.pane.model.rowCount() > 0  # the deferred load arrived
        window.close()


def test_after_startup_queues_work_until_started_then_runs_it_soon(
    qtbot: QtBot, make_window: Callable[[], MainWindow]
) -> None:
    window = make_window()  # the inline runner: start-up ends inside the constructor
    assert not window.starting
    ran: list[str] = []
    window.after_startup(lambda: ran.append("later"))
    assert ran == []  # never inside the caller
    qtbot.waitUntil(lambda: ran == ["later"], timeout=5_000)


def test_start_up_ends_even_when_a_first_load_never_arrives(
    qtbot: QtBot,
    archive: Archive,
    ui_settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import ui.main_window as main_window_module

    monkeypatch.setattr(main_window_module, "STARTUP_TIMEOUT_MS", 50)
    runner = TaskRunner(inline=True)
    monkeypatch.setattr(
        "ui.issues.dock.load_issue_tree",
        lambda _db: (_ for _ in ()).throw(RuntimeError("invented failure")),
    )
    window = MainWindow(archive, ui_settings, runner)
    qtbot.addWidget(window)
    assert window.starting  # the issue tree failed to load
    ran: list[str] = []
    window.after_startup(lambda: ran.append("queued"))
    qtbot.waitUntil(lambda: not window.starting and ran == ["queued"], timeout=5_000)
    window.close()
    runner.shutdown()
