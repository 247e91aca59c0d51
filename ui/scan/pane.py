"""The scan pane: the scans of the pages the article shown is printed on, beside its text."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from reader.formats.scans import ScanInfo, scan_bytes, scans_of_article
from ui.panes import Pane
from ui.scan.viewer import DecodedScan, ScanView, decode_scan
from ui.tasks import TaskRunner


def load_scan_list(db: Database, article_id: int) -> list[ScanInfo]:
    """The scans of an article's pages (runs on a worker thread)."""
    with db.read() as session:
        return scans_of_article(session, article_id)


def load_scan_image(db: Database, image_id: int) -> DecodedScan:
    """Read a scan's bytes and decode them (runs on a worker thread)."""
    with db.read() as session:
        data = scan_bytes(session, image_id)
    return decode_scan(data)


class ScanPane(Pane):
    """Shows the scan of the page an article is printed on, with zoom (researchers check OCR).

    An article on several pages lists each page's scan in a box above the image. Nothing is
    loaded while the pane is hidden; showing it loads the current article's scans.

    Signals:
        imageShown(image_id): an image was shown (-1: none; the message says why).
    """

    pane_id = "scan"
    default_area = Qt.DockWidgetArea.RightDockWidgetArea
    imageShown = Signal(int)

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        """Create the pane (empty until an article is shown).

        Args:
            db: the archive database.
            runner: the task runner (scans load and decode off the GUI thread).
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("scanPane")
        self._db = db
        self._runner = runner
        self._article_id = -1
        self._loaded_for: int | None = None
        self._generation = 0
        self._scans: list[ScanInfo] = []
        self.current_image_id = -1

        self.view = ScanView(self)
        self.message = QLabel(self)
        self.message.setObjectName("scanMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.message)
        self.stack.addWidget(self.view)

        self.chooser = QComboBox(self)
        self.chooser.setObjectName("scanChooser")
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.chooser.setMinimumContentsLength(10)
        self.chooser.currentIndexChanged.connect(self._on_chosen)
        self.zoom_in_action = self._action(self.tr("Zoom in"), self.view.zoom_in, "Ctrl+Shift+=")
        self.zoom_out_action = self._action(
            self.tr("Zoom out"), self.view.zoom_out, "Ctrl+Shift+-"
        )
        self.fit_action = self._action(self.tr("Fit"), self.view.fit, "Ctrl+Shift+9")
        self.actual_action = self._action(
            self.tr("Actual size"), self.view.actual_size, "Ctrl+Shift+0"
        )
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 4, 4, 0)
        for action in (self.zoom_out_action, self.zoom_in_action, self.fit_action,
                       self.actual_action):
            button = QToolButton(self)
            button.setDefaultAction(action)
            bar.addWidget(button)
        bar.addWidget(self.chooser, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.stack, 1)
        self._show_message(self.tr("Choose an article to see the scan of its page."))

    def _action(self, text: str, slot: object, shortcut: str) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def title(self) -> str:
        """The pane's title."""
        return self.tr("Scan")

    def refresh(self) -> None:
        """Reload the scans of the article shown (after an import)."""
        self._loaded_for = None
        self._load_if_visible()

    def show_article(self, article_id: int) -> None:
        """Follow the reader: show the scans of this article (-1: none)."""
        self._article_id = article_id
        self._load_if_visible()

    def showEvent(self, event: object) -> None:
        """Load what is due when the pane becomes visible."""
        super().showEvent(event)  # type: ignore[arg-type]
        self._load_if_visible()

    def _load_if_visible(self) -> None:
        if not self.isVisible() or self._loaded_for == self._article_id:
            return
        self._loaded_for = self._article_id
        self._generation += 1
        generation = self._generation
        if self._article_id < 0:
            self._set_scans([])
            self._show_message(self.tr("Choose an article to see the scan of its page."))
            return
        article_id = self._article_id
        self._runner.submit(
            self.tr("Loading scans"),
            lambda _progress, _cancelled: load_scan_list(self._db, article_id),
            visible=False,
            on_finished=lambda scans: self._on_list(generation, scans),
            on_failed=lambda error: self._on_error(generation, error),
        )

    def _set_scans(self, scans: list[ScanInfo]) -> None:
        self._scans = scans
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for scan in scans:
            self.chooser.addItem(
                self.tr("Page %1 — %2").replace("%1", scan.page_label).replace("%2", scan.file_name)
            )
        self.chooser.blockSignals(False)
        self.chooser.setVisible(len(scans) > 1)

    def _on_list(self, generation: int, scans: list[ScanInfo]) -> None:
        if generation != self._generation:
            return
        self._set_scans(scans)
        if not scans:
            self._show_message(self.tr("The pages of this article have no scan."))
            return
        self.show_scan(0)

    def show_scan(self, index: int) -> None:
        """Load and show the scan at ``index`` of the article's scans."""
        if not 0 <= index < len(self._scans):
            return
        if self.chooser.currentIndex() != index:
            self.chooser.blockSignals(True)
            self.chooser.setCurrentIndex(index)
            self.chooser.blockSignals(False)
        self._generation += 1
        generation = self._generation
        image_id = self._scans[index].id
        self._runner.submit(
            self.tr("Loading scan"),
            lambda _progress, _cancelled: load_scan_image(self._db, image_id),
            visible=False,
            on_finished=lambda decoded: self._on_image(generation, image_id, decoded),
            on_failed=lambda error: self._on_error(generation, error),
        )

    def _on_chosen(self, index: int) -> None:
        self.show_scan(index)

    def _on_image(self, generation: int, image_id: int, decoded: DecodedScan) -> None:
        if generation != self._generation:
            return
        if decoded.image is None:
            self._show_message(
                self.tr("This scan cannot be shown: %1").replace("%1", decoded.error)
            )
            return
        self.view.set_image(decoded.image)
        self.stack.setCurrentWidget(self.view)
        self.current_image_id = image_id
        self.imageShown.emit(image_id)

    def _on_error(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self._show_message(self.tr("The scan cannot be loaded: %1").replace("%1", str(error)))

    def _show_message(self, text: str) -> None:
        self.view.set_image(None)
        self.current_image_id = -1
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)
        self.imageShown.emit(-1)
