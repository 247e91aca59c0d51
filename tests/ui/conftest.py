"""Fixtures of the window tests: a synchronous task runner, temporary settings, a window."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.importer import Importer, ImportReport
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.ui.pages import write_pages
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.tasks import TaskRunner


@pytest.fixture(scope="session")
def filled_template(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter) -> Path:
    """An archive folder holding the invented weekly, imported once per session."""
    root = tmp_path_factory.mktemp("filled") / "archive"
    pages = write_pages(tmp_path_factory.mktemp("template-pages"))
    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = segmenter
        report = Importer(archive).run([pages])
    assert not report.failed, report.failed
    return root


@pytest.fixture
def archive(
    request: pytest.FixtureRequest, archive_paths: ArchivePaths, segmenter: Segmenter
) -> Iterator[Archive]:
    """A fresh archive sharing the session's segmenter (jieba loads once per session).

    For tests that use ``filled_window`` it starts as a copy of ``filled_template``.
    """
    if "filled_window" in request.fixturenames:
        shutil.copytree(request.getfixturevalue("filled_template"), archive_paths.root)
    with Archive(archive_paths, write=True) as opened:
        opened.segmenter = segmenter
        yield opened


@pytest.fixture
def task_runner() -> Iterator[TaskRunner]:
    """A task runner that runs every task inline, in the calling thread (same signals)."""
    runner = TaskRunner(inline=True)
    yield runner
    runner.shutdown()


@pytest.fixture
def ui_settings(tmp_path: Path) -> Settings:
    """Window settings in a temporary INI file (never the user's own)."""
    return Settings(tmp_path / "settings" / "window.ini")


@pytest.fixture
def page_folder(tmp_path: Path) -> Path:
    """A folder with the invented weekly's pages."""
    return write_pages(tmp_path / "pages")


@pytest.fixture
def make_window(
    qtbot: QtBot, archive: Archive, task_runner: TaskRunner, ui_settings: Settings
) -> Iterator[Callable[[], MainWindow]]:
    """Build main windows on the test archive (several share the settings file)."""
    windows: list[MainWindow] = []
    runners = [task_runner]

    def make() -> MainWindow:
        # Closing a window stops its runner for good (as quitting does): one runner each.
        runner = runners[0] if not windows else TaskRunner(inline=True)
        runners.append(runner)
        window = MainWindow(archive, ui_settings, runner)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


@pytest.fixture
def window(make_window: Callable[[], MainWindow]) -> MainWindow:
    """A main window on an empty temporary archive, with the synchronous runner."""
    return make_window()


ImportFlow = Callable[[MainWindow, list[Path]], ImportReport]


def _import_through_dialog(window: MainWindow, paths: list[Path]) -> ImportReport:
    reports: list[ImportReport] = []
    window.importer.imported.connect(reports.append)
    window.import_paths(paths)
    dialog = window.importer.dialog
    assert dialog is not None, "the import dialog did not open"
    dialog.accept()
    assert reports, "the import did not finish"
    if window.importer.results_dialog is not None:
        window.importer.results_dialog.close()
    return reports[-1]


@pytest.fixture
def import_flow() -> ImportFlow:
    """Run the whole import flow (preview, accept the dialog, import); return the report."""
    return _import_through_dialog


@pytest.fixture
def filled_window(window: MainWindow) -> MainWindow:
    """A window on an archive holding the invented weekly (imported like the dialog does)."""
    assert not window.showing_welcome
    return window
