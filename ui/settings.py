"""Every setting of the window declared once (key, type, default), with typed accessors."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from reader.paths import APP_NAME

T = TypeVar("T")

SETTINGS_FILE_NAME = "window.ini"
MIN_FONT_SIZE = 8
MAX_FONT_SIZE = 40


class Theme(StrEnum):
    """The colour scheme of the window."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class Language(StrEnum):
    """The language of the window (``system`` follows the system locale)."""

    SYSTEM = "system"
    CHINESE = "zh_CN"
    ENGLISH = "en"


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    """The declaration of one setting.

    Attributes:
        key: the QSettings key.
        type: the Python type of its value.
        default: the value when unset or unreadable.
        choices: the allowed values, if restricted.
    """

    key: str
    type: type[T]
    default: T
    choices: tuple[T, ...] = ()


LANGUAGE: Setting[str] = Setting("ui/language", str, Language.SYSTEM.value, tuple(Language))
THEME: Setting[str] = Setting("ui/theme", str, Theme.SYSTEM.value, tuple(Theme))
READER_FONT_SIZE: Setting[int] = Setting("reader/font_size", int, 14)
WINDOW_GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray())
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray, QByteArray())
LAST_IMPORT_FOLDER: Setting[str] = Setting("import/last_folder", str, "")
HIDDEN_ENTITY_KINDS: Setting[str] = Setting("reader/hidden_entity_kinds", str, "")
"""The entity kinds whose highlights the reader hides, comma-separated (none by default)."""

ALL_SETTINGS: tuple[Setting[Any], ...] = (
    LANGUAGE,
    THEME,
    READER_FONT_SIZE,
    WINDOW_GEOMETRY,
    WINDOW_STATE,
    LAST_IMPORT_FOLDER,
    HIDDEN_ENTITY_KINDS,
)
"""Every setting of the window (the declaration table)."""


def default_settings_path() -> Path:
    """The settings file of the window: in the user's configuration folder."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / SETTINGS_FILE_NAME


class Settings:
    """Typed access to the window's settings, stored in an INI file.

    Values that are missing, of the wrong type or not among the declared choices read as
    the declared default, so a damaged settings file never stops the window.
    """

    def __init__(self, path: Path) -> None:
        """Open (or create on first write) the settings file at ``path``.

        Args:
            path: the INI file (tests pass a temporary one).
        """
        self.path = path
        self._store = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting[T]) -> T:
        """The value of a setting (its default when unset or invalid)."""
        raw = self._store.value(setting.key)
        if raw is None:
            return setting.default
        value: object
        if setting.type is QByteArray:
            value = raw if isinstance(raw, QByteArray) else None
        elif setting.type is int:
            try:
                value = int(raw)  # type: ignore[call-overload]
            except (TypeError, ValueError):
                value = None
        elif setting.type is str:
            value = raw if isinstance(raw, str) else None
        else:  # pragma: no cover - every declared type is handled above
            value = raw if isinstance(raw, setting.type) else None
        if value is None or (setting.choices and value not in setting.choices):
            return setting.default
        return value  # type: ignore[return-value]

    def set(self, setting: Setting[T], value: T) -> None:
        """Change a setting.

        Raises:
            ValueError: the value is not one of the declared choices.
        """
        if setting.choices and value not in setting.choices:
            raise ValueError(f"{value!r} is not a valid value of {setting.key}")
        self._store.setValue(setting.key, value)

    def font_size(self) -> int:
        """The reader's font size in points, clamped to the allowed range."""
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, self.get(READER_FONT_SIZE)))

    def hidden_entity_kinds(self) -> frozenset[str]:
        """The entity kinds whose highlights are hidden in the reader."""
        return frozenset(
            kind.strip() for kind in self.get(HIDDEN_ENTITY_KINDS).split(",") if kind.strip()
        )

    def set_hidden_entity_kinds(self, kinds: frozenset[str] | set[str]) -> None:
        """Remember which entity kinds' highlights are hidden."""
        self.set(HIDDEN_ENTITY_KINDS, ",".join(sorted(kinds)))

    def sync(self) -> None:
        """Write pending changes to disk."""
        self._store.sync()
