"""The preferences dialog: every choice backed by one declared setting."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.settings import (
    LANGUAGE,
    MAX_FONT_SIZE,
    MIN_FONT_SIZE,
    READER_FONT_SIZE,
    THEME,
    Language,
    Settings,
    Theme,
)


class PreferencesDialog(QDialog):
    """Language (applied at the next start), theme and reader font size (applied at once)."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        """Show the current settings.

        Args:
            settings: the window's settings.
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self._settings = settings
        self.language = QComboBox(self)
        self.language.setObjectName("prefLanguage")
        for label, value in (
            (self.tr("System language"), Language.SYSTEM),
            ("简体中文", Language.CHINESE),
            ("English", Language.ENGLISH),
        ):
            self.language.addItem(label, value.value)
        self.theme = QComboBox(self)
        self.theme.setObjectName("prefTheme")
        for label, value in (
            (self.tr("Follow the system"), Theme.SYSTEM),
            (self.tr("Light"), Theme.LIGHT),
            (self.tr("Dark"), Theme.DARK),
        ):
            self.theme.addItem(label, value.value)
        self.font_size = QSpinBox(self)
        self.font_size.setObjectName("prefFontSize")
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setSuffix(" pt")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(LANGUAGE))))
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.get(THEME))))
        self.font_size.setValue(settings.font_size())
        note = QLabel(self.tr("A new language applies when the program starts again."), self)
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language)
        form.addRow("", note)
        form.addRow(self.tr("&Theme:"), self.theme)
        form.addRow(self.tr("Reader &font size:"), self.font_size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Write the choices to the settings."""
        self._settings.set(LANGUAGE, self.language.currentData())
        self._settings.set(THEME, self.theme.currentData())
        self._settings.set(READER_FONT_SIZE, self.font_size.value())
        self._settings.sync()
