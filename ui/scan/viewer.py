"""An image viewer for page scans: zoom in, out, to fit and to actual size, drag to pan.

Images are decoded with ``QImageReader`` (never from a file name: from the bytes stored in the
archive), on a worker thread, within Qt's allocation limit (256 MB by default); a scan of
more than :data:`MAX_DECODED_PIXELS` pixels is decoded scaled down to that many, so a huge
scan cannot take the memory of the window (and still shows). ``QImage`` is reentrant, so
decoding off the GUI thread is safe; the pixmap is made in the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QPainter, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QFrame,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

MAX_DECODED_PIXELS = 48_000_000
"""Larger scans are decoded scaled down to this many pixels (under 200 MB in 32-bit colour)."""
ZOOM_STEP = 1.25
MIN_SCALE = 0.02
MAX_SCALE = 16.0


@dataclass(slots=True)
class DecodedScan:
    """The result of decoding a scan: an image, or why there is none."""

    image: QImage | None
    error: str = ""
    scaled: bool = False


def decode_scan(data: bytes, max_pixels: int = MAX_DECODED_PIXELS) -> DecodedScan:
    """Decode a scan's bytes (any thread).

    Args:
        data: the image file's bytes.
        max_pixels: larger images are decoded scaled down to this many pixels.

    Returns:
        The image (scaled down when very large), or the reader's error.
    """
    array = QByteArray(data)
    buffer = QBuffer(array)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    size = reader.size()
    if not size.isValid():
        return DecodedScan(None, reader.errorString() or "not an image")
    scaled = False
    pixels = size.width() * size.height()
    if pixels > max_pixels:
        factor = (max_pixels / pixels) ** 0.5
        reader.setScaledSize(
            QSize(max(1, int(size.width() * factor)), max(1, int(size.height() * factor)))
        )
        scaled = True
    image = reader.read()
    buffer.close()
    if image.isNull():
        return DecodedScan(None, reader.errorString() or "the image cannot be decoded")
    return DecodedScan(image, scaled=scaled)


class ScanView(QGraphicsView):
    """Shows one image; Ctrl+wheel zooms, dragging pans.

    Signals:
        zoomChanged(scale): the scale in force (1.0 = actual size).
    """

    zoomChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create an empty view."""
        super().__init__(parent)
        self.setObjectName("scanView")
        self._scene = QGraphicsScene(self)
        self.setScene(self._scene)
        self._item = QGraphicsPixmapItem()
        self._item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self._scene.addItem(self._item)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._fit = True

    @property
    def scale_factor(self) -> float:
        """The scale in force (1.0: one image pixel per screen pixel)."""
        return self.transform().m11()

    def has_image(self) -> bool:
        """Whether an image is shown."""
        return not self._item.pixmap().isNull()

    def image_size(self) -> QSize:
        """The size of the image shown (empty when none)."""
        return self._item.pixmap().size()

    def set_image(self, image: QImage | None) -> None:
        """Show an image (None clears the view); it is fitted to the view."""
        pixmap = QPixmap.fromImage(image) if image is not None else QPixmap()
        self._item.setPixmap(pixmap)
        self._scene.setSceneRect(self._item.boundingRect())
        self.fit()

    def set_scale(self, scale: float) -> None:
        """Zoom to a scale (clamped)."""
        scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        self._fit = False
        self.resetTransform()
        self.scale(scale, scale)
        self.zoomChanged.emit(scale)

    def zoom_in(self) -> None:
        """One step larger."""
        self.set_scale(self.scale_factor * ZOOM_STEP)

    def zoom_out(self) -> None:
        """One step smaller."""
        self.set_scale(self.scale_factor / ZOOM_STEP)

    def actual_size(self) -> None:
        """One image pixel per screen pixel."""
        self.set_scale(1.0)

    def fit(self) -> None:
        """Fit the whole image in the view (kept fitted when the view is resized)."""
        self._fit = True
        self.resetTransform()
        if self.has_image():
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)
        self.zoomChanged.emit(self.scale_factor)

    def resizeEvent(self, event: object) -> None:
        """Keep a fitted image fitted."""
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self._fit and self.has_image():
            self.resetTransform()
            self.fitInView(self._item, Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel zooms; the wheel alone scrolls."""
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)
