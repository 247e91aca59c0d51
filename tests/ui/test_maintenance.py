"""The Archive menu: back up, restore, check, export; idle backups; a damaged archive at start."""

from __future__ import annotations

import shutil
import socket
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMenu, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from db.models import Annotation, Article
from reader.archive import Archive
from reader.backup import backup_archive, list_backups
from reader.check import check_archive
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.reader.reliability.corpus import write_corpus
from tests.ui.conftest import ImportFlow
from ui import app as app_module
from ui.importing.controller import ImportController
from ui.main_window import MainWindow
from ui.maintenance import corrupt as corrupt_module
from ui.maintenance import feature as feature_module
from ui.settings import Settings
from ui.tasks import TaskRunner


def corrupt(database: Path) -> None:
    data = bytearray(database.read_bytes())
    for offset in range(2 * 4096, min(len(data), 5 * 4096)):
        data[offset] = 0x5A
    database.write_bytes(bytes(data))


def annotations(archive: Archive) -> int:
    with archive.db.read() as session:
        return session.scalar(select(func.count(Annotation.id))) or 0


def test_the_archive_menu_sits_before_tools(window: MainWindow) -> None:
    menus = [action.menu() for action in window.menuBar().actions()]
    names = [menu.objectName() for menu in menus if isinstance(menu, QMenu)]
    assert names.index("archiveMenu") == names.index("toolsMenu") - 1
    actions = [a.objectName() for a in window.maintenance.menu.actions() if a.objectName()]
    assert actions == ["backUpNow", "restoreBackup", "checkArchive", "exportArchive"]


def test_back_up_now_writes_a_verified_backup(filled_window: MainWindow) -> None:
    window = filled_window
    handle = window.maintenance.back_up()
    assert handle.done
    (backup,) = list_backups(window.archive.paths.backups_dir)
    assert backup.name.endswith("-manual.sqlite3")
    assert backup.name in window.statusBar().currentMessage()


def test_check_shows_a_plain_text_report_and_repairs_the_index(
    filled_window: MainWindow,
) -> None:
    window = filled_window
    window.archive.search.close()
    shutil.rmtree(window.archive.paths.index_dir, ignore_errors=True)
    window.maintenance.check()
    dialog = window.maintenance.check_dialog
    assert dialog is not None
    assert dialog.report.ok and dialog.report.repaired
    assert "Repaired:" in dialog.details.toPlainText()
    assert dialog.details.isReadOnly()
    with window.archive.db.write() as session:
        session.add(Annotation(article_id=None, quote="<b>消失</b>", context={}))
    window.maintenance.check()
    dialog = window.maintenance.check_dialog
    assert dialog is not None and not dialog.report.ok
    assert "annotation(s) belong to an article" in dialog.details.toPlainText()


def test_restore_from_the_menu_replaces_the_database_and_reloads(
    filled_window: MainWindow, qtbot: QtBot
) -> None:
    window = filled_window
    archive = window.archive
    window.search_index.start()  # as when the window is shown
    assert window.search_index.is_ready
    backup_archive(archive.paths, reason="manual")
    with archive.db.write() as session:
        session.add(Annotation(article_id=1, quote="之后写的"))
    assert annotations(archive) == 1
    window.maintenance.choose_backup()
    dialog = window.maintenance.restore_dialog
    assert dialog is not None and dialog.chosen() is not None
    dialog.accept()
    assert annotations(archive) == 0
    assert any(p.name.startswith("archive.sqlite3.replaced-") for p in archive.root.iterdir())
    assert "Restored" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.search_index.is_ready, timeout=10_000)
    assert archive.search.search("图书馆").total > 0  # the index was rebuilt


def test_a_damaged_backup_cannot_be_chosen(filled_window: MainWindow) -> None:
    window = filled_window
    good = backup_archive(window.archive.paths, reason="manual")
    bad = backup_archive(window.archive.paths, reason="manual")
    corrupt(bad)
    window.maintenance.choose_backup()
    dialog = window.maintenance.restore_dialog
    assert dialog is not None
    assert dialog.list.count() == 2
    assert dialog.chosen() == good  # the newest good one is chosen
    dialog.list.setCurrentRow(0)  # the damaged one: disabled
    assert dialog.chosen() is None
    dialog.reject()


def test_export_from_the_menu_writes_a_bundle(filled_window: MainWindow, tmp_path: Path) -> None:
    window = filled_window
    handle = window.maintenance.export_to(tmp_path / "bundle.zip")
    assert handle.done and (tmp_path / "bundle.zip").is_file()
    assert "bundle.zip" in window.statusBar().currentMessage()


def test_an_idle_archive_is_backed_up_once_after_a_change(
    filled_window: MainWindow, qtbot: QtBot
) -> None:
    window = filled_window
    idle = window.maintenance.idle
    idle.idle_ms = 150
    idle.timer.setInterval(20)
    qtbot.wait(400)
    assert list_backups(window.archive.paths.backups_dir) == []  # nothing changed yet
    with window.archive.db.write() as session:
        session.add(Annotation(article_id=1, quote="空闲时备份"))
    with qtbot.waitSignal(idle.backedUp, timeout=10_000):
        pass
    (backup,) = list_backups(window.archive.paths.backups_dir)
    assert backup.name.endswith("-idle.sqlite3")
    qtbot.wait(400)
    assert len(list_backups(window.archive.paths.backups_dir)) == 1  # no change, no backup


def test_a_damage_found_in_the_background_offers_the_newest_good_backup(
    filled_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = filled_window
    backup_archive(window.archive.paths, reason="manual")
    with window.archive.db.write() as session:
        session.add(Annotation(article_id=1, quote="损坏前写的"))
    asked: list[Any] = []
    monkeypatch.setattr(
        feature_module, "ask_to_restore", lambda _parent, error: asked.append(error) or True
    )
    window.maintenance._on_verified(["*** in database main *** Page 3: btreeInitPage() error"])
    assert asked and asked[0].backups
    assert annotations(window.archive) == 0  # the backup's state


def test_a_damaged_archive_at_start_offers_its_newest_good_backup(
    qtbot: QtBot, tmp_path: Path, segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = ArchivePaths(tmp_path / "archive")
    with Archive(paths, write=True) as archive:
        archive.segmenter = segmenter
        from reader.importer import Importer
        from tests.fixtures.pages import write_issue

        Importer(archive).run(list(write_issue(tmp_path / "pages")))
    backup = backup_archive(paths, reason="manual")
    corrupt(paths.database)
    questions: list[str] = []

    def answer(box: QMessageBox) -> QMessageBox.StandardButton:
        questions.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer)
    archive = app_module.open_archive_or_explain(paths)
    assert archive is not None
    try:
        assert "damaged" in questions[0] and backup.name not in questions[0]
        with archive.db.read() as session:
            assert session.scalar(select(func.count(Article.id))) == 3
    finally:
        archive.close()
    assert any(p.name.startswith("archive.sqlite3.corrupt-") for p in paths.root.iterdir())


def test_declining_the_restore_keeps_the_damaged_archive_closed(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = ArchivePaths(tmp_path / "archive")
    Archive(paths, write=True).close()
    connection = sqlite3.connect(paths.database)
    connection.execute("CREATE TABLE filler (x)")
    connection.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    connection.commit()
    connection.close()
    backup_archive(paths, reason="manual")
    corrupt(paths.database)
    monkeypatch.setattr(QMessageBox, "exec", lambda _box: QMessageBox.StandardButton.No)
    assert app_module.open_archive_or_explain(paths) is None
    assert not any(p.name.startswith("archive.sqlite3.corrupt-") for p in paths.root.iterdir())


def test_a_big_archive_is_checked_after_the_window_shows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paths = ArchivePaths(tmp_path / "archive")
    Archive(paths, write=True).close()
    assert corrupt_module.verify_at_open(paths)
    monkeypatch.setattr(corrupt_module, "VERIFY_AT_OPEN_MAX_BYTES", 10)
    assert not corrupt_module.verify_at_open(paths)


# ----- quitting during a real import, and no network anywhere


def test_quitting_during_a_real_import_exits_cleanly(
    qtbot: QtBot, archive: Archive, ui_settings: Settings, tmp_path: Path
) -> None:
    files = write_corpus(tmp_path / "pages", days=6, pages=5)
    runner = TaskRunner()  # real worker threads
    window = MainWindow(archive, ui_settings, runner)
    qtbot.addWidget(window)
    progress: list[int] = []
    controller: ImportController = window.importer
    from reader.import_plan import PlannedFile

    handle = controller.run_import([PlannedFile(path=path) for path in files])
    handle.progress.connect(lambda done, _total, _text: progress.append(done))
    qtbot.waitUntil(lambda: len(progress) >= 3, timeout=20_000)
    started = time.monotonic()
    window.close()  # cancels the import and waits for the file being imported
    assert time.monotonic() - started < 20
    assert runner.active() == [] or all(h.cancel_requested() for h in runner.active())
    assert handle.cancel_requested()
    report = check_archive(archive)
    assert report.ok, report.as_text()
    with archive.db.read() as session:
        stored = session.scalar(select(func.count(Article.id))) or 0
    assert 0 < stored < len(files) * 3  # stopped part-way, every file whole


def test_start_up_import_and_search_open_no_socket(
    monkeypatch: pytest.MonkeyPatch,
    make_window: Callable[[], MainWindow],
    import_flow: ImportFlow,
    page_folder: Path,
) -> None:
    from tests.reader.reliability.test_nothing_outside import forbid_network

    forbid_network(monkeypatch)
    window = make_window()
    window.show()
    report = import_flow(window, [page_folder])
    assert not report.failed
    window.search_index.start()
    window.search.search("图书馆")
    assert window.search.model.total == 1
    with pytest.raises(AssertionError):
        socket.create_connection(("example.org", 80))
