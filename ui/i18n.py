"""Translations of the window: Simplified Chinese or English, from the setting or the locale."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from reader.paths import resources_dir
from ui.settings import Language

CATALOGUE = "baokan"


def translations_dir() -> Path:
    """The folder of the compiled translations (``baokan_<lang>.qm``) and their sources."""
    return resources_dir() / "translations"


def resolve_language(setting: str, locale: QLocale | None = None) -> Language:
    """The language to show, from the preference and the system locale.

    Args:
        setting: ``system``, ``zh_CN`` or ``en``.
        locale: the system locale (default: ``QLocale.system()``).

    Returns:
        Chinese for any Chinese locale when following the system, else English.
    """
    if setting in (Language.CHINESE, Language.ENGLISH):
        return Language(setting)
    locale = locale or QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        return Language.CHINESE
    return Language.ENGLISH


def install_translations(app: QApplication, language: Language) -> list[QTranslator]:
    """Install the program's and Qt's own translations for a language.

    Args:
        app: the application.
        language: the language to show.

    Returns:
        The translators installed (keep them alive; remove them to switch back).
    """
    installed: list[QTranslator] = []
    catalogues = [(f"{CATALOGUE}_{language.value}", translations_dir())]
    if language is not Language.ENGLISH:  # Qt's own strings are English already
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        catalogues.append((f"qtbase_{language.value}", Path(qt_folder)))
    for name, folder in catalogues:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translations(app: QApplication, translators: list[QTranslator]) -> None:
    """Uninstall translators installed by :func:`install_translations`."""
    for translator in translators:
        app.removeTranslator(translator)
        translator.deleteLater()
