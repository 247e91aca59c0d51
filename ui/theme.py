"""Light and dark themes: follow the system's colour scheme or the user's preference."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ui.settings import Theme


def dark_palette() -> QPalette:
    """A dark palette for the Fusion style (text and links readable on dark grey)."""
    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#282828",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#9a9a9a",
        role.Text: "#e6e6e6",
        role.Button: "#353535",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a4a",
        role.Midlight: "#3e3e3e",
        role.Mid: "#2f2f2f",
        role.Dark: "#1a1a1a",
        role.Shadow: "#000000",
        role.Highlight: "#3d6fb4",
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb2ff",
        role.LinkVisited: "#c29bff",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for colour_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(disabled, colour_role, QColor("#777777"))
    return palette


def system_is_dark() -> bool:
    """Whether the system asks for a dark colour scheme (Qt 6.5+)."""
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


class ThemeController(QObject):
    """Applies the theme preference, and follows the system while it is ``system``."""

    def __init__(self, app: QApplication, theme: Theme = Theme.SYSTEM) -> None:
        """Apply ``theme`` to ``app`` now.

        Args:
            app: the application.
            theme: the preference.
        """
        super().__init__(app)
        self._app = app
        self._theme = theme
        self._light = QPalette(app.palette())
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_change)
        self.apply(theme)

    @property
    def theme(self) -> Theme:
        """The preference in force."""
        return self._theme

    @property
    def dark(self) -> bool:
        """Whether the dark palette is in use."""
        return self._theme is Theme.DARK or (self._theme is Theme.SYSTEM and system_is_dark())

    def apply(self, theme: Theme) -> None:
        """Switch to a theme preference."""
        self._theme = Theme(theme)
        if self.dark:
            if self._app.style().name().lower() != "fusion":
                self._app.setStyle("Fusion")
            self._app.setPalette(dark_palette())
        elif self._theme is Theme.LIGHT and system_is_dark():
            self._app.setStyle("Fusion")
            self._app.setPalette(self._app.style().standardPalette())
        else:
            self._app.setPalette(self._light)

    def _on_system_change(self, _scheme: Qt.ColorScheme) -> None:
        if self._theme is Theme.SYSTEM:
            self.apply(Theme.SYSTEM)
