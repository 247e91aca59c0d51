"""The annotation layer of the reader: highlights in the user's colours, notes, selection menu."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QColor, QHelpEvent, QIcon, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QToolTip
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader.errors import ReaderError
from reader.library import ArticleDetail
from reader.notes.annotations import AnnotationInfo, list_annotations
from reader.notes.common import COLORS
from ui.notes.anchors import (
    HEADLINE_FIELDS,
    AnnotationTarget,
    body_pieces,
    field_text,
    position_anchor,
    selection_anchor,
)
from ui.reader.document import ANNOTATION_COLOURS, annotation_key
from ui.reader.view import ArticleReader
from ui.tasks import TaskRunner
from ui.text import plain_tooltip

logger = logging.getLogger(__name__)

BlockSpan = tuple[int, int, int, str]
FieldSpan = tuple[str, int, int, str]


def colour_label(colour: str) -> str:
    """The translated name of an annotation colour."""
    labels = {
        "yellow": QCoreApplication.translate("AnnotationColours", "Yellow"),
        "green": QCoreApplication.translate("AnnotationColours", "Green"),
        "blue": QCoreApplication.translate("AnnotationColours", "Blue"),
        "pink": QCoreApplication.translate("AnnotationColours", "Pink"),
        "purple": QCoreApplication.translate("AnnotationColours", "Purple"),
    }
    return labels.get(colour, colour)


def colour_icon(colour: str, size: int = 14) -> QIcon:
    """A small swatch of an annotation colour (light theme shade, with its underline)."""
    key = (colour, size)
    icon = _SWATCHES.get(key)
    if icon is None:
        _dark, light, line = ANNOTATION_COLOURS.get(colour, ANNOTATION_COLOURS["yellow"])
        pixmap = QPixmap(size, size)
        pixmap.fill(QColor(line))
        painter = QPainter(pixmap)
        painter.fillRect(1, 1, size - 2, size - 2, QColor(light))
        painter.end()
        icon = _SWATCHES[key] = QIcon(pixmap)
    return icon


_SWATCHES: dict[tuple[str, int], QIcon] = {}


def is_drawable(article: ArticleDetail, annotation: AnnotationInfo) -> bool:
    """Whether an annotation can be drawn on the article shown (anchored, quote in place)."""
    if annotation.orphaned or annotation.field not in ("body", *HEADLINE_FIELDS):
        return False
    if annotation.end <= annotation.start:
        return False
    text = field_text(article, annotation.field)
    return text[annotation.start : annotation.end] == annotation.quote


def annotation_spans(
    article: ArticleDetail, annotations: Sequence[AnnotationInfo]
) -> tuple[list[BlockSpan], list[FieldSpan]]:
    """Annotations → the reader's annotation layer (body pieces per paragraph, headline spans).

    Annotations that cannot be drawn (orphaned, on the whole article, or whose quote is
    no longer at their offsets) are left out; the Notes pane still lists them.
    """
    body: list[BlockSpan] = []
    fields: list[FieldSpan] = []
    for annotation in annotations:
        if not is_drawable(article, annotation):
            continue
        key = annotation_key(annotation.color, bool(annotation.note.strip()))
        if annotation.field == "body":
            for block, start, end in body_pieces(article, annotation.start, annotation.end):
                body.append((block, start, end, key))
        else:
            fields.append((annotation.field, annotation.start, annotation.end, key))
    return body, fields


def load_annotations(db: Database, article_id: int) -> list[AnnotationInfo] | None:
    """The annotations of an article (runs on a worker); None when they cannot be read."""
    try:
        with db.read() as session:
            return list_annotations(session, article_id=article_id)
    except (SQLAlchemyError, ReaderError):
        logger.exception("Reading the annotations of article %s failed", article_id)
        return None


class AnnotationLayer(QObject):
    """The user's highlights and notes in the reader.

    The annotations of the article shown are read on the task runner (again on
    :meth:`reload`, after an edit) and drawn as the reader's annotation layer. A
    selection (one or several paragraphs, or a stretch of the title or subtitle) can be
    highlighted in a colour or given a note from the reader's context menu or the
    actions here; clicking a highlight asks to edit its note; hovering shows the note.
    The layer only asks: the window makes the edits.

    Signals:
        highlightRequested(target, colour): highlight an ``AnnotationTarget``.
        noteRequested(target, colour): annotate a target with a note (ask for it).
        editRequested(annotation): edit the note of an ``AnnotationInfo``.
        removeRequested(annotation): remove an ``AnnotationInfo``.
        loaded(article_id): the annotations of an article are drawn.
    """

    highlightRequested = Signal(object, str)
    noteRequested = Signal(object, str)
    editRequested = Signal(object)
    removeRequested = Signal(object)
    loaded = Signal(int)

    def __init__(
        self,
        reader: ArticleReader,
        db: Database,
        runner: TaskRunner,
        parent: QObject | None = None,
    ) -> None:
        """Start following the reader.

        Args:
            reader: the reader of the window.
            db: the archive database (read sessions only).
            runner: the task runner.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self.reader = reader
        self._db = db
        self._runner = runner
        self._generation = 0
        self._annotations: list[AnnotationInfo] = []
        self._article_id: int | None = None
        self.last_colour = COLORS[0]

        self.highlight_menu = QMenu(self.tr("&Highlight"), reader)
        self.highlight_menu.setObjectName("highlightMenu")
        self.colour_actions: dict[str, QAction] = {}
        for colour in COLORS:
            action = QAction(colour_icon(colour), colour_label(colour), self)
            action.setObjectName(f"highlight{colour.capitalize()}")
            action.triggered.connect(lambda _checked=False, c=colour: self.highlight_selection(c))
            self.highlight_menu.addAction(action)
            self.colour_actions[colour] = action
        self.highlight_action = QAction(self.tr("&Highlight selection"), self)
        self.highlight_action.setObjectName("highlightSelection")
        self.highlight_action.setShortcut("Ctrl+Shift+H")
        self.highlight_action.triggered.connect(lambda: self.highlight_selection(self.last_colour))
        self.note_action = QAction(self.tr("Add &note…"), self)
        self.note_action.setObjectName("addNote")
        self.note_action.setShortcut("Ctrl+Shift+N")
        self.note_action.triggered.connect(self.annotate_selection)

        reader.articleShown.connect(self._on_article_shown)
        reader.contextMenuRequested.connect(self._add_to_menu)
        reader.browser.selectionChanged.connect(self.update_actions)
        viewport = reader.browser.viewport()
        viewport.installEventFilter(self)
        viewport.setMouseTracking(True)
        self.update_actions()

    # ----- what is shown

    @property
    def annotations(self) -> list[AnnotationInfo]:
        """The annotations of the article shown (orphaned ones included)."""
        return list(self._annotations)

    def reload(self) -> None:
        """Read the annotations of the article shown again (after an edit or an import)."""
        article = self.reader.article
        self._generation += 1
        if article is not None:
            self._load(article.id)

    def _on_article_shown(self, article_id: int) -> None:
        self._generation += 1
        self._annotations = []
        self._article_id = article_id if article_id >= 0 else None
        self.update_actions()
        if article_id >= 0:
            self._load(article_id)

    def _load(self, article_id: int) -> None:
        generation = self._generation
        db = self._db
        self._runner.submit(
            self.tr("Reading annotations"),
            lambda _progress, _cancelled: load_annotations(db, article_id),
            visible=False,
            on_finished=lambda found: self._on_loaded(generation, article_id, found),
        )

    def _on_loaded(
        self, generation: int, article_id: int, found: list[AnnotationInfo] | None
    ) -> None:
        article = self.reader.article
        if generation != self._generation or article is None or article.id != article_id:
            return  # another article is shown by now
        if found is None:
            return
        self._annotations = found
        body, fields = annotation_spans(article, found)
        try:
            self.reader.set_annotation_highlights(body, fields)
        except ValueError:
            logger.exception("Annotations of article %s do not fit its text", article_id)
            return
        self.loaded.emit(article_id)

    def annotation_at(self, position: int) -> AnnotationInfo | None:
        """The drawn annotation at a document position (the shortest, when they overlap)."""
        rendered, article = self.reader.rendered, self.reader.article
        if rendered is None or article is None or position < 0:
            return None
        where = position_anchor(rendered, article, position)
        if where is None:
            return None
        field, offset = where
        covering = [
            annotation
            for annotation in self._annotations
            if annotation.field == field
            and annotation.start <= offset < annotation.end
            and is_drawable(article, annotation)
        ]
        return min(covering, key=lambda a: a.end - a.start, default=None)

    # ----- the selection

    def current_target(self) -> AnnotationTarget | None:
        """What the reader's selection would annotate (None when nothing annotatable)."""
        rendered, article = self.reader.rendered, self.reader.article
        if rendered is None or article is None:
            return None
        cursor = self.reader.browser.textCursor()
        if not cursor.hasSelection():
            return None
        return selection_anchor(rendered, article, cursor.selectionStart(), cursor.selectionEnd())

    def update_actions(self) -> None:
        """Enable the selection actions when the selection can be annotated."""
        target = self.current_target()
        enabled = target is not None
        for action in (*self.colour_actions.values(), self.highlight_action, self.note_action):
            action.setEnabled(enabled)
        self.highlight_menu.setEnabled(enabled)
        tip = (
            self.tr("Annotate “%1”").replace("%1", _short(target.quote))
            if target is not None
            else self.tr("Select a passage of the title, the subtitle or the body")
        )
        for action in (self.highlight_action, self.note_action):
            action.setStatusTip(tip)

    def highlight_selection(self, colour: str) -> bool:
        """Ask to highlight the reader's selection in a colour.

        Returns:
            False when nothing annotatable is selected.
        """
        target = self.current_target()
        if target is None:
            return False
        self.last_colour = colour
        self.highlightRequested.emit(target, colour)
        return True

    def annotate_selection(self) -> bool:
        """Ask to annotate the reader's selection with a note.

        Returns:
            False when nothing annotatable is selected.
        """
        target = self.current_target()
        if target is None:
            return False
        self.noteRequested.emit(target, self.last_colour)
        return True

    # ----- menu, clicks and tooltips

    def _add_to_menu(self, menu: QMenu, position: int) -> None:
        if self.reader.article is None:
            return
        self.update_actions()
        menu.addSeparator()
        menu.addMenu(self.highlight_menu)
        menu.addAction(self.note_action)
        annotation = self.annotation_at(position)
        if annotation is not None:
            edit = menu.addAction(self.tr("&Edit note…"))
            edit.setObjectName("editAnnotationNote")
            edit.triggered.connect(lambda: self.editRequested.emit(annotation))
            remove = menu.addAction(self.tr("&Remove highlight"))
            remove.setObjectName("removeAnnotation")
            remove.triggered.connect(lambda: self.removeRequested.emit(annotation))

    def click(self, point: QPoint) -> AnnotationInfo | None:
        """Act on a click at a viewport point: a highlight asks for its note to be edited.

        Returns:
            The annotation clicked, if any.
        """
        if self.reader.browser.textCursor().hasSelection():
            return None  # the click ended a selection
        position = self.reader.browser.cursorForPosition(point).position()
        annotation = self.annotation_at(position)
        if annotation is not None:
            self.editRequested.emit(annotation)
        return annotation

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Clicks on a highlight edit its note; hovering one shows its note."""
        kind = event.type()
        if (
            kind == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.click(event.position().toPoint())
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            position = self.reader.browser.cursorForPosition(event.pos()).position()
            annotation = self.annotation_at(position)
            if annotation is not None:
                text = annotation.note.strip() or self.tr("Highlight (no note)")
                QToolTip.showText(event.globalPos(), plain_tooltip(text), self.reader.browser)
                return True
            QToolTip.hideText()
        return super().eventFilter(watched, event)


def _short(text: str, limit: int = 24) -> str:
    """A passage shortened for a menu or a status line (one line)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
