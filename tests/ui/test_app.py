"""Start-up and settings: typed settings, translations, theme, clear archive errors, run_window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.archive import Archive
from reader.errors import ArchiveError, ArchiveLockedError, SchemaTooNewError
from reader.paths import ArchivePaths
from ui import app as app_module
from ui.i18n import install_translations, remove_translations, resolve_language, translations_dir
from ui.main_window import MainWindow
from ui.settings import (
    ALL_SETTINGS,
    LANGUAGE,
    READER_FONT_SIZE,
    THEME,
    Language,
    Settings,
    Theme,
)
from ui.tasks import TaskRunner
from ui.theme import ThemeController


def test_settings_are_typed_and_fall_back_to_their_defaults(tmp_path: Path) -> None:
    path = tmp_path / "window.ini"
    settings = Settings(path)
    assert settings.get(READER_FONT_SIZE) == READER_FONT_SIZE.default
    settings.set(READER_FONT_SIZE, 17)
    settings.set(THEME, "dark")
    settings.sync()
    again = Settings(path)
    assert again.get(READER_FONT_SIZE) == 17  # an int again, not the INI string
    assert again.get(THEME) == "dark"
    with pytest.raises(ValueError):
        again.set(THEME, "purple")
    raw = QSettings(str(path), QSettings.Format.IniFormat)
    raw.setValue(READER_FONT_SIZE.key, "huge")
    raw.setValue(LANGUAGE.key, "klingon")
    raw.setValue("reader/font_size_extra", 3)
    raw.sync()
    damaged = Settings(path)
    assert damaged.get(READER_FONT_SIZE) == READER_FONT_SIZE.default
    assert damaged.get(LANGUAGE) == LANGUAGE.default
    assert len({setting.key for setting in ALL_SETTINGS}) == len(ALL_SETTINGS)


def test_the_language_follows_the_locale_unless_chosen() -> None:
    chinese = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    english = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert resolve_language("system", chinese) is Language.CHINESE
    assert resolve_language("system", english) is Language.ENGLISH
    assert resolve_language("en", chinese) is Language.ENGLISH
    assert resolve_language("zh_CN", english) is Language.CHINESE


def test_compiled_translations_are_shipped_with_their_sources() -> None:
    folder = translations_dir()
    for language in ("zh_CN", "en"):
        assert (folder / f"baokan_{language}.ts").is_file()
        assert (folder / f"baokan_{language}.qm").is_file()


def test_the_window_speaks_chinese_with_the_chinese_translation(
    qtbot: QtBot, archive: Archive, task_runner: TaskRunner, ui_settings: Settings
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translators = install_translations(app, Language.CHINESE)
    try:
        window = MainWindow(archive, ui_settings, task_runner)
        qtbot.addWidget(window)
        menus = [action.text() for action in window.menuBar().actions()]
        assert menus[0] == "文件(&F)"
        assert window.import_files_action.text() == "导入文件(&I)…"
        assert window.docks["issues"].windowTitle() == "期次"
        assert window.welcome.demo_button.text() == "打开示例档案"
        window.close()
    finally:
        remove_translations(app, translators)


def test_the_dark_theme_darkens_the_palette(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    controller = ThemeController(app, Theme.DARK)
    try:
        assert controller.dark
        assert app.palette().color(QPalette.ColorRole.Base).lightness() < 80
        controller.apply(Theme.LIGHT)
        assert app.palette().color(QPalette.ColorRole.Base).lightness() > 160
    finally:
        controller.apply(Theme.SYSTEM)
        app.setPalette(before)
        controller.deleteLater()


@pytest.mark.parametrize(
    ("error", "title"),
    [
        (ArchiveLockedError("held by process 12"), "Archive in use"),
        (SchemaTooNewError("schema 9"), "Archive from a newer version"),
        (ArchiveError("disk image is malformed"), "Cannot open the archive"),
    ],
)
def test_archive_errors_get_a_clear_message(error: ArchiveError, title: str) -> None:
    shown_title, text = app_module.archive_error_message(error)
    assert shown_title == title
    assert str(error) in text


class _FakeBox:
    shown: ClassVar[list[tuple[str, str]]] = []

    def __init__(self, _parent: Any, _icon: Any, title: str, text: str) -> None:
        _FakeBox.shown.append((title, text))

    def exec(self) -> int:
        return 0


def test_a_locked_archive_exits_with_status_1(
    qtbot: QtBot, archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _FakeBox.shown = []
    monkeypatch.setattr(app_module, "plain_message", _FakeBox)
    status = app_module.run_window(archive.paths, settings_path=tmp_path / "s.ini")
    assert status == 1
    assert _FakeBox.shown and _FakeBox.shown[0][0] == "Archive in use"


def test_run_window_starts_and_closes_everything(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[MainWindow] = []

    def fake_exec() -> int:
        visible = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        ]
        assert len(visible) == 1
        window = visible[0]
        shown.append(window)
        window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    paths = ArchivePaths(tmp_path / "fresh")
    status = app_module.run_window(paths, settings_path=tmp_path / "s.ini")
    assert status == 0
    assert shown and shown[0].showing_welcome
    with Archive(paths, write=True):  # the lock was released on quitting
        pass
    for window in shown:
        window.deleteLater()


def test_cold_start_loads_no_jieba_and_no_search_index(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from reader.archive import Archive\n"
        "from reader.paths import ArchivePaths\n"
        "from ui.main_window import MainWindow\n"
        "from ui.settings import Settings\n"
        "from ui.tasks import TaskRunner\n"
        "app = QApplication([])\n"
        f"archive = Archive(ArchivePaths(Path({str(tmp_path / 'a')!r})))\n"
        f"window = MainWindow(archive, Settings(Path({str(tmp_path / 's.ini')!r})), TaskRunner())\n"
        "window.show()\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('jieba', 'whoosh'))\n"
        "print(','.join(loaded))\n"
        "window.close()\n"
        "archive.close()\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert completed.stdout.strip() == ""
