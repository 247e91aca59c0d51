"""The welcome panel: first steps on an empty archive (import files, or the demo pages)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from ui.text import plain_label

PANEL_WIDTH = 520


class WelcomePanel(QWidget):
    """Explains what to do with an empty archive and offers the first two actions.

    "Open the demo archive" imports the demo issue shipped with the program into the
    archive open now (with progress, like any import); the pages can be removed later like
    any other.

    Signals:
        importRequested(): the user wants to import files.
        importFolderRequested(): the user wants to import a folder.
        demoRequested(): the user wants the demo pages.
    """

    importRequested = Signal()
    importFolderRequested = Signal()
    demoRequested = Signal()

    def __init__(self, archive_folder: str, parent: QWidget | None = None) -> None:
        """Create the panel.

        Args:
            archive_folder: the archive's folder, shown to the user.
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("welcomePanel")
        heading = QLabel(self.tr("Welcome to the Newspaper Archive Reader"), self)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(
            self.tr(
                "This archive is empty. Import the plain-text pages of a newspaper "
                "(files named like 报名_2024-01-05_A1.txt are filed automatically), "
                "or try the program with a small demo issue."
            ),
            self,
        )
        intro.setWordWrap(True)
        where = plain_label(self.tr("Archive folder: %1").replace("%1", archive_folder), self)
        where.setObjectName("welcomeArchiveFolder")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_button = QPushButton(self.tr("Import files…"), self)
        self.import_button.setObjectName("welcomeImport")
        self.import_button.clicked.connect(self.importRequested)
        self.folder_button = QPushButton(self.tr("Import a folder…"), self)
        self.folder_button.setObjectName("welcomeImportFolder")
        self.folder_button.clicked.connect(self.importFolderRequested)
        self.demo_button = QPushButton(self.tr("Open the demo archive"), self)
        self.demo_button.setObjectName("welcomeDemo")
        self.demo_button.setToolTip(
            self.tr("Imports a small invented demo issue into this archive")
        )
        self.demo_button.clicked.connect(self.demoRequested)
        hint = QLabel(self.tr("You can also drop files or folders onto this window."), self)
        hint.setWordWrap(True)

        box = QWidget(self)
        box.setFixedWidth(PANEL_WIDTH)  # word-wrapped labels need a width to wrap to
        column = QVBoxLayout(box)
        column.addWidget(heading)
        column.addSpacing(8)
        column.addWidget(intro)
        column.addWidget(where)
        column.addSpacing(16)
        for button in (self.import_button, self.folder_button, self.demo_button):
            button.setMinimumHeight(36)
            column.addWidget(button)
        column.addSpacing(8)
        column.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
