"""The reader: one article in a safe text browser, with zoom, page links and highlights."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from PySide6.QtCore import QByteArray, QEvent, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import QTextCursor, QTextFormat
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QVBoxLayout, QWidget

from reader.library import ArticleDetail
from ui.menus import popup_menu
from ui.reader.document import (
    HIGHLIGHT_KEYS,
    ArticleDocumentBuilder,
    RenderedArticle,
    highlight_format,
    parse_page_link,
    utf16_length,
)
from ui.settings import MAX_FONT_SIZE, MIN_FONT_SIZE

DEFAULT_FONT_SIZE = 14


class HighlightSpan(NamedTuple):
    """A stretch of a block to highlight: Python character offsets into the block's text.

    ``format_key`` is one of ``HIGHLIGHT_KEYS`` (``search``, ``person``, ``place`` …).
    """

    block_index: int
    start: int
    end: int
    format_key: str


class FieldSpan(NamedTuple):
    """A stretch of a headline field to highlight: Python character offsets into its text.

    ``field`` is ``title``, ``subtitle``, ``kicker`` or ``credit``.
    """

    field: str
    start: int
    end: int
    format_key: str


HIGHLIGHT_FIELDS = ("title", "subtitle", "kicker", "credit")


class SafeTextBrowser(QTextBrowser):
    """A text browser that never loads a resource and never follows a link by itself.

    ``QTextBrowser`` would read local files named by ``<img src="file://…">`` and open
    ``file://`` links; here every resource request returns nothing and links only emit
    ``anchorClicked`` for the window to handle.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setAcceptDrops(False)

    def loadResource(self, _type: int, _name: QUrl) -> QByteArray:
        """Refuse every resource (images, style sheets, anything a URL names).

        The answer must not be a null value: on a null answer QTextDocument falls back to
        reading local files itself.
        """
        return QByteArray()

    def setSource(self, _url: QUrl, _type: object = None) -> None:
        """Never navigate: the document is always built by the reader."""
        return


class ArticleReader(QWidget):
    """Shows one article at a time.

    Highlights come in three layers: those set with :meth:`highlight_spans` and
    :meth:`highlight_fields` (search matches), drawn on top, the user's annotations set
    with :meth:`set_annotation_highlights` in the middle, and the entity layer set with
    :meth:`set_entity_highlights` at the bottom, whose kinds can be hidden one by one.

    Signals:
        pageLinkActivated(issue_id, label): the user clicked a 下转/上接 link to a page.
        fontSizeChanged(points): the zoom changed.
        articleShown(article_id): another article is shown (-1: none); highlights cleared.
        contextMenuRequested(menu, position): the context menu is being built (the
            standard actions are in): features add their actions to ``menu``;
            ``position`` is the document position under the pointer (-1: none).
    """

    pageLinkActivated = Signal(int, str)
    fontSizeChanged = Signal(int)
    articleShown = Signal(int)
    contextMenuRequested = Signal(QMenu, int)

    def __init__(self, parent: QWidget | None = None, font_size: int = DEFAULT_FONT_SIZE) -> None:
        """Create an empty reader.

        Args:
            parent: the parent widget.
            font_size: the body text size in points.
        """
        super().__init__(parent)
        self.setObjectName("articleReader")
        self.browser = SafeTextBrowser(self)
        self.browser.setObjectName("readerBrowser")
        self.browser.anchorClicked.connect(self._on_anchor)
        self.browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.browser.customContextMenuRequested.connect(self._show_context_menu)
        self.browser.setPlaceholderText(
            self.tr("Choose an article in the list, a search hit or an entity to read it here.")
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self._font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, font_size))
        self._article: ArticleDetail | None = None
        self._rendered: RenderedArticle | None = None
        self._spans: list[HighlightSpan] = []
        self._field_spans: list[FieldSpan] = []
        self._entity_spans: list[HighlightSpan] = []
        self._entity_field_spans: list[FieldSpan] = []
        self._annotation_spans: list[HighlightSpan] = []
        self._annotation_field_spans: list[FieldSpan] = []
        self._hidden_kinds: frozenset[str] = frozenset()

    @property
    def article(self) -> ArticleDetail | None:
        """The article shown, if any."""
        return self._article

    @property
    def rendered(self) -> RenderedArticle | None:
        """The layout of the article shown (block map, links), if any."""
        return self._rendered

    @property
    def font_size(self) -> int:
        """The body text size in points."""
        return self._font_size

    def text(self) -> str:
        """The plain text shown (for tests and copying)."""
        return self.browser.toPlainText()

    def show_article(self, article: ArticleDetail | None) -> None:
        """Show an article (None clears the reader); highlights are cleared."""
        self._article = article
        self._spans = []
        self._field_spans = []
        self._entity_spans = []
        self._entity_field_spans = []
        self._annotation_spans = []
        self._annotation_field_spans = []
        self._render()
        self.browser.verticalScrollBar().setValue(0)
        self.articleShown.emit(article.id if article is not None else -1)

    def set_font_size(self, points: int) -> None:
        """Change the body text size (clamped to the allowed range)."""
        points = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, points))
        if points == self._font_size:
            return
        self._font_size = points
        self._render()
        self.fontSizeChanged.emit(points)

    def zoom_in(self) -> None:
        """One point larger."""
        self.set_font_size(self._font_size + 1)

    def zoom_out(self) -> None:
        """One point smaller."""
        self.set_font_size(self._font_size - 1)

    def highlight_spans(self, spans: Sequence[tuple[int, int, int, str]]) -> None:
        """Highlight stretches of the article's blocks, replacing earlier highlights.

        Highlights are drawn over the text (extra selections): the document and its block
        map stay unchanged, so clearing or toggling a kind is cheap.

        Args:
            spans: (block index, start, end, format key); offsets are Python character
                offsets into ``ArticleDetail.blocks[block_index].text``.

        Raises:
            ValueError: a block index or format key that does not exist.
        """
        checked: list[HighlightSpan] = []
        blocks = len(self._rendered.blocks) if self._rendered is not None else 0
        for span in spans:
            item = HighlightSpan(*span)
            if not 0 <= item.block_index < blocks:
                raise ValueError(f"no block {item.block_index} in the article shown")
            if item.format_key not in HIGHLIGHT_KEYS:
                raise ValueError(f"unknown highlight kind {item.format_key!r}")
            checked.append(item)
        self._spans = checked
        self._apply_highlights()

    def highlights(self) -> list[HighlightSpan]:
        """The highlights in force."""
        return list(self._spans)

    def highlight_fields(self, spans: Sequence[tuple[str, int, int, str]]) -> None:
        """Highlight stretches of the headline fields, replacing earlier field highlights.

        Args:
            spans: (field, start, end, format key); ``field`` is one of
                ``HIGHLIGHT_FIELDS``; offsets are Python character offsets into the
                article's value of that field. A field the article lacks is skipped.

        Raises:
            ValueError: an unknown field or format key.
        """
        checked: list[FieldSpan] = []
        for span in spans:
            item = FieldSpan(*span)
            if item.field not in HIGHLIGHT_FIELDS:
                raise ValueError(f"unknown field {item.field!r}")
            if item.format_key not in HIGHLIGHT_KEYS:
                raise ValueError(f"unknown highlight kind {item.format_key!r}")
            checked.append(item)
        self._field_spans = checked
        self._apply_highlights()

    def field_highlights(self) -> list[FieldSpan]:
        """The highlights of headline fields in force."""
        return list(self._field_spans)

    def set_entity_highlights(
        self,
        spans: Sequence[tuple[int, int, int, str]],
        field_spans: Sequence[tuple[str, int, int, str]] = (),
    ) -> None:
        """Set the entity layer of highlights (drawn under the others), replacing it.

        Args:
            spans: (block index, start, end, kind) as for :meth:`highlight_spans`.
            field_spans: (field, start, end, kind) as for :meth:`highlight_fields`.

        Raises:
            ValueError: a block index, field or kind that does not exist.
        """
        self._entity_spans, self._entity_field_spans = self._checked_layer(spans, field_spans)
        self._apply_highlights()

    def _checked_layer(
        self,
        spans: Sequence[tuple[int, int, int, str]],
        field_spans: Sequence[tuple[str, int, int, str]],
    ) -> tuple[list[HighlightSpan], list[FieldSpan]]:
        blocks = len(self._rendered.blocks) if self._rendered is not None else 0
        checked = [HighlightSpan(*span) for span in spans]
        checked_fields = [FieldSpan(*span) for span in field_spans]
        for item in checked:
            if not 0 <= item.block_index < blocks:
                raise ValueError(f"no block {item.block_index} in the article shown")
        for field_item in checked_fields:
            if field_item.field not in HIGHLIGHT_FIELDS:
                raise ValueError(f"unknown field {field_item.field!r}")
        for key in {item.format_key for item in [*checked, *checked_fields]}:
            if key not in HIGHLIGHT_KEYS:
                raise ValueError(f"unknown highlight kind {key!r}")
        return checked, checked_fields

    def set_annotation_highlights(
        self,
        spans: Sequence[tuple[int, int, int, str]],
        field_spans: Sequence[tuple[str, int, int, str]] = (),
    ) -> None:
        """Set the annotation layer (over the entities, under search matches), replacing it.

        Args:
            spans: (block index, start, end, kind) as for :meth:`highlight_spans`; the
                kinds are ``annotation_key`` values.
            field_spans: (field, start, end, kind) as for :meth:`highlight_fields`.

        Raises:
            ValueError: a block index, field or kind that does not exist.
        """
        self._annotation_spans, self._annotation_field_spans = self._checked_layer(
            spans, field_spans
        )
        self._apply_highlights()

    def annotation_highlights(self) -> tuple[list[HighlightSpan], list[FieldSpan]]:
        """The annotation layer (body spans, headline spans)."""
        return list(self._annotation_spans), list(self._annotation_field_spans)

    def entity_highlights(self) -> tuple[list[HighlightSpan], list[FieldSpan]]:
        """The entity layer (body spans, headline spans), hidden kinds included."""
        return list(self._entity_spans), list(self._entity_field_spans)

    def set_hidden_kinds(self, kinds: Sequence[str]) -> None:
        """Hide the entity highlights of these kinds (``person``, ``place``…)."""
        self._hidden_kinds = frozenset(kinds)
        self._apply_highlights()

    def hidden_kinds(self) -> frozenset[str]:
        """The kinds of entity highlights hidden."""
        return self._hidden_kinds

    def drawn_highlights(self) -> list[tuple[int, int, str]]:
        """What is drawn: (document start, end, kind) of each highlight, bottom layer first."""
        return [
            (selection.cursor.selectionStart(), selection.cursor.selectionEnd(), str(key))
            for selection in self.browser.extraSelections()
            if (key := selection.format.property(QTextFormat.Property.UserProperty))
        ]

    def scroll_to_block(self, block_index: int, offset: int = 0) -> None:
        """Scroll so that a character of a block shows in the upper third of the view."""
        rendered = self._rendered
        if rendered is None or not 0 <= block_index < len(rendered.blocks):
            return
        cursor = QTextCursor(rendered.document)
        cursor.setPosition(rendered.position(block_index, offset))
        top = self.browser.cursorRect(cursor).top()
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + top - self.browser.viewport().height() // 3)

    def _ranges(
        self,
        rendered: RenderedArticle,
        spans: Sequence[HighlightSpan],
        field_spans: Sequence[FieldSpan],
    ) -> list[tuple[int, int, str]]:
        """Document ranges (start, end, kind) of block and headline highlights."""
        ranges: list[tuple[int, int, str]] = []
        for span in spans:
            ranges.append(
                (
                    rendered.position(span.block_index, span.start),
                    rendered.position(span.block_index, span.end),
                    span.format_key,
                )
            )
        for field_span in field_spans:
            placed = rendered.fields.get(field_span.field)
            if placed is None:
                continue
            start = max(0, min(field_span.start, len(placed.text)))
            end = max(start, min(field_span.end, len(placed.text)))
            first = placed.start + utf16_length(placed.text[:start])
            ranges.append(
                (first, first + utf16_length(placed.text[start:end]), field_span.format_key)
            )
        return ranges

    def _apply_highlights(self) -> None:
        rendered = self._rendered
        selections: list[QTextEdit.ExtraSelection] = []
        if rendered is not None:
            palette = self.browser.palette()
            hidden = self._hidden_kinds
            # The entity layer first: later selections are drawn over earlier ones.
            ranges = self._ranges(
                rendered,
                [span for span in self._entity_spans if span.format_key not in hidden],
                [span for span in self._entity_field_spans if span.format_key not in hidden],
            )
            ranges += self._ranges(rendered, self._annotation_spans, self._annotation_field_spans)
            ranges += self._ranges(rendered, self._spans, self._field_spans)
            for start, end, key in ranges:
                if end <= start:
                    continue
                cursor = QTextCursor(rendered.document)
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor  # type: ignore[misc]
                selection.format = highlight_format(key, palette)  # type: ignore[misc]
                selections.append(selection)
        self.browser.setExtraSelections(selections)

    def _render(self) -> None:
        previous = self._rendered.document if self._rendered is not None else None
        scroll = self.browser.verticalScrollBar().value()
        if self._article is None:
            self._rendered = None
            self.browser.setDocument(None)  # a fresh empty document owned by the browser
        else:
            builder = ArticleDocumentBuilder(
                self.browser.palette(), self.browser.font(), self._font_size
            )
            self._rendered = builder.build(self._article)
            # Parented to the browser, the document asks the browser's loadResource for
            # any resource, and that refuses everything.
            self._rendered.document.setParent(self.browser)
            self.browser.setDocument(self._rendered.document)
            self.browser.verticalScrollBar().setValue(scroll)
        if previous is not None:
            previous.deleteLater()
        self._apply_highlights()

    def context_menu(self, position: QPoint) -> QMenu:
        """Build the context menu for a point of the browser's viewport (not shown).

        The standard actions (copy, select all) come first, then those the features add
        on ``contextMenuRequested``.
        """
        browser = self.browser
        scrolled = QPoint(
            browser.horizontalScrollBar().value(), browser.verticalScrollBar().value()
        )
        menu = browser.createStandardContextMenu(position + scrolled)
        menu.setParent(browser, menu.windowFlags())
        where = browser.cursorForPosition(position).position() if self._rendered else -1
        self.contextMenuRequested.emit(menu, where)
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        popup_menu(self.context_menu(position), self.browser, position)

    def _on_anchor(self, url: QUrl) -> None:
        target = parse_page_link(url)
        if target is not None:
            self.pageLinkActivated.emit(*target)

    def changeEvent(self, event: QEvent) -> None:
        """Re-lay out the article when the palette changes (light/dark theme)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._article is not None:
            self._render()
