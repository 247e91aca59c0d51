"""Building the reader's document from an article with QTextCursor: text is never parsed as HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from PySide6.QtCore import QByteArray, QObject, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from reader.library import ArticleDetail
from reader.parsing.model import BlockKind
from ui.text import plain_tooltip

LINK_SCHEME = "baokan"
LINE_HEIGHT_PERCENT = 170
TITLE_LINE_HEIGHT = 135
DECK_LINE_HEIGHT = 145
TITLE_SCALE = 1.6
DECK_SCALE = 1.15
HEADING_SCALE = 1.1
SMALL_SCALE = 0.85


def utf16_length(text: str) -> int:
    """The length of ``text`` in UTF-16 code units (QTextDocument positions).

    Characters outside the Basic Multilingual Plane (CJK Extension B and later) take two
    code units, so Python offsets must be converted before addressing the document.
    """
    return len(text.encode("utf-16-le")) // 2


def python_offset(text: str, units: int) -> int:
    """The Python offset in ``text`` of a UTF-16 offset (inside a pair: that character's).

    The inverse of :func:`utf16_length` on prefixes: document positions → string offsets.
    """
    count = 0
    for index, character in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(character) > 0xFFFF else 1
    return len(text)


def page_link(issue_id: int, label: str) -> QUrl:
    """The internal link to a page of an issue (opened by the window, never by Qt)."""
    return QUrl(f"{LINK_SCHEME}://page/{issue_id}/{quote(label, safe='')}")


def parse_page_link(url: QUrl) -> tuple[int, str] | None:
    """The (issue id, page label) of an internal page link, or None for any other URL."""
    if url.scheme() != LINK_SCHEME or url.host() != "page":
        return None
    parts = url.path(QUrl.ComponentFormattingOption.FullyEncoded).strip("/").split("/")
    if len(parts) != 2 or not parts[0].isdigit():
        return None
    return int(parts[0]), unquote(parts[1])


class SafeDocument(QTextDocument):
    """A text document that never loads a resource (no local file, no network, no qrc)."""

    def loadResource(self, _type: int, _name: QUrl) -> QByteArray:
        """Answer every resource request with empty data.

        Never a null value: on a null answer Qt would read local files itself.
        """
        return QByteArray()


@dataclass(slots=True)
class Field:
    """Where a piece of text was placed in the document."""

    start: int
    text: str


@dataclass(slots=True)
class RenderedArticle:
    """The document of one article and where each part of the article lies in it.

    Attributes:
        document: the document shown by the reader.
        blocks: for each block of ``ArticleDetail.blocks`` (by index), where its text
            starts in the document and the text itself.
        fields: the same for ``title``, ``subtitle``, ``kicker``, ``credit``.
        page_markers: page label → document position of the marker before its first block.
        links: the internal links placed in the document, in order.
    """

    document: QTextDocument
    blocks: list[Field] = field(default_factory=list)
    fields: dict[str, Field] = field(default_factory=dict)
    page_markers: dict[str, int] = field(default_factory=dict)
    links: list[QUrl] = field(default_factory=list)

    def position(self, block_index: int, offset: int) -> int:
        """The document position of character ``offset`` (Python index) of a block."""
        placed = self.blocks[block_index]
        offset = max(0, min(offset, len(placed.text)))
        return placed.start + utf16_length(placed.text[:offset])


class ArticleDocumentBuilder(QObject):
    """Lays out an article: kicker, headline, deck, metadata, byline, body, captions, links.

    Every string from the archive goes in through ``QTextCursor.insertText``, which never
    interprets markup, so ``<img src=…>`` in a headline stays those characters.
    """

    def __init__(self, palette: QPalette, font: QFont, point_size: float) -> None:
        """Prepare a builder.

        Args:
            palette: colours of the reader widget (light or dark theme).
            font: the base font (its family is kept; the size comes from ``point_size``).
            point_size: the body text size in points.
        """
        super().__init__()
        self.palette = palette
        self.font = QFont(font)
        self.font.setPointSizeF(point_size)
        self.point_size = point_size

    def _char(
        self,
        *,
        scale: float = 1.0,
        bold: bool = False,
        italic: bool = False,
        muted: bool = False,
    ) -> QTextCharFormat:
        char = QTextCharFormat()
        char.setFontPointSize(self.point_size * scale)
        char.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        char.setFontItalic(italic)
        role = QPalette.ColorRole.PlaceholderText if muted else QPalette.ColorRole.Text
        char.setForeground(self.palette.color(role))
        return char

    def _block(
        self,
        *,
        indent_first: bool = False,
        top: float = 0.0,
        bottom: float = 0.0,
        center: bool = False,
        line_height: int = LINE_HEIGHT_PERCENT,
    ) -> QTextBlockFormat:
        block = QTextBlockFormat()
        block.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        block.setTopMargin(top)
        block.setBottomMargin(bottom)
        if indent_first:
            block.setTextIndent(self.point_size * 2 * 96 / 72)  # two characters
        if center:
            block.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        return block

    def build(self, article: ArticleDetail) -> RenderedArticle:
        """Lay out one article.

        Args:
            article: the article, its parts joined.

        Returns:
            The document and the map of where everything went.
        """
        document = SafeDocument()
        document.setDefaultFont(self.font)
        document.setDocumentMargin(24)
        rendered = RenderedArticle(document=document)
        cursor = QTextCursor(document)
        first = True
        size = self.point_size

        def paragraph(block_format: QTextBlockFormat, char: QTextCharFormat) -> None:
            nonlocal first
            if first:
                cursor.setBlockFormat(block_format)
                cursor.setBlockCharFormat(char)
                first = False
            else:
                cursor.insertBlock(block_format, char)

        def put(name: str | None, text: str, char: QTextCharFormat) -> None:
            if name is not None:
                rendered.fields[name] = Field(cursor.position(), text)
            cursor.insertText(text, char)

        if article.kicker:
            paragraph(self._block(bottom=size * 0.3), self._char(muted=True))
            put("kicker", article.kicker, self._char(muted=True))
        title_char = self._char(scale=TITLE_SCALE, bold=True)
        paragraph(self._block(bottom=size * 0.4, line_height=TITLE_LINE_HEIGHT), title_char)
        if article.title:
            put("title", article.title, title_char)
        else:
            put(None, self.tr("(untitled)"), self._char(scale=TITLE_SCALE, italic=True, muted=True))
        if article.subtitle:
            deck_char = self._char(scale=DECK_SCALE)
            paragraph(self._block(bottom=size * 0.4, line_height=DECK_LINE_HEIGHT), deck_char)
            put(None, "——", deck_char)
            put("subtitle", article.subtitle, deck_char)
        meta_char = self._char(scale=SMALL_SCALE, muted=True)
        paragraph(self._block(top=size * 0.3), meta_char)
        pages = "、".join(article.pages)
        meta = [article.publication, article.date or self.tr("undated")]
        if pages:
            meta.append(self.tr("page %1").replace("%1", pages))
        put(None, "　·　".join(meta), meta_char)
        if article.credit or article.authors:
            byline_char = self._char(scale=SMALL_SCALE)
            paragraph(self._block(), byline_char)
            if article.credit:
                put("credit", article.credit, byline_char)
            if article.authors:
                if article.credit:
                    put(None, "　", byline_char)
                put(None, "　".join(article.authors), byline_char)

        if article.continued_from and article.continued_from not in article.pages:
            paragraph(self._block(top=size), self._char(muted=True))
            self._link(
                cursor,
                rendered,
                self.tr("(continued from page %1)").replace("%1", article.continued_from),
                article.issue_id,
                article.continued_from,
            )

        many_pages = len(article.pages) > 1
        current_page: str | None = None
        body_char = self._char()
        for block in article.blocks:
            if many_pages and block.page != current_page:
                marker_char = self._char(scale=SMALL_SCALE, muted=True)
                paragraph(self._block(top=size, bottom=size * 0.3, center=True), marker_char)
                rendered.page_markers[block.page] = cursor.position()
                put(None, self.tr("— page %1 —").replace("%1", block.page), marker_char)
            current_page = block.page
            if block.kind == BlockKind.HEADING:
                char = self._char(scale=HEADING_SCALE, bold=True)
                paragraph(self._block(top=size, bottom=size * 0.3), char)
            elif block.kind == BlockKind.HEADING_DECK:
                char = self._char(bold=True)
                paragraph(self._block(bottom=size * 0.3), char)
            else:
                char = body_char
                paragraph(self._block(indent_first=True, top=size * 0.5), char)
            rendered.blocks.append(Field(cursor.position(), block.text))
            cursor.insertText(block.text, char)

        if article.captions:
            caption_char = self._char(scale=SMALL_SCALE, italic=True, muted=True)
            for caption in article.captions:
                paragraph(self._block(top=size * 0.6), caption_char)
                put(None, self.tr("[Photo] "), caption_char)
                put(None, caption, caption_char)

        if article.continues_to and article.continues_to not in article.pages:
            paragraph(self._block(top=size), self._char(muted=True))
            self._link(
                cursor,
                rendered,
                self.tr("(continued on page %1)").replace("%1", article.continues_to),
                article.issue_id,
                article.continues_to,
            )
        return rendered

    def _link(
        self,
        cursor: QTextCursor,
        rendered: RenderedArticle,
        text: str,
        issue_id: int,
        label: str,
    ) -> None:
        url = page_link(issue_id, label)
        char = self._char()
        char.setAnchor(True)
        char.setAnchorHref(url.toString())
        char.setFontUnderline(True)
        char.setForeground(QColor(self.palette.color(QPalette.ColorRole.Link)))
        char.setToolTip(plain_tooltip(self.tr("Show the articles of page %1").replace("%1", label)))
        cursor.insertText(text, char)
        rendered.links.append(url)


ANNOTATION_COLOURS: dict[str, tuple[str, str, str]] = {
    "yellow": ("#6b5a00", "#fff0a0", "#c9a300"),
    "green": ("#1e5c2a", "#c9f0c4", "#3f9b4f"),
    "blue": ("#1b4a80", "#c9e2ff", "#3a7bd5"),
    "pink": ("#7d2748", "#ffd2e2", "#d0487c"),
    "purple": ("#55307d", "#e3d5ff", "#8a5cd0"),
}
"""Highlight colours of annotations: (dark theme background, light background, underline)."""
ANNOTATION_PREFIX = "annotation:"
NOTED_SUFFIX = ":noted"


def annotation_key(colour: str, noted: bool = False) -> str:
    """The highlight kind of an annotation of a colour (an unknown colour: yellow).

    Args:
        colour: one of ``ANNOTATION_COLOURS``.
        noted: the annotation has a note (drawn with a dotted underline).
    """
    colour = colour if colour in ANNOTATION_COLOURS else "yellow"
    return f"{ANNOTATION_PREFIX}{colour}{NOTED_SUFFIX if noted else ''}"


def _annotation_format(key: str, dark: bool) -> QTextCharFormat:
    colour = key.removeprefix(ANNOTATION_PREFIX).removesuffix(NOTED_SUFFIX)
    dark_colour, light_colour, line = ANNOTATION_COLOURS[colour]
    char = QTextCharFormat()
    char.setBackground(QColor(dark_colour if dark else light_colour))
    if dark:
        char.setForeground(QColor("#ffffff"))
    char.setUnderlineColor(QColor(line))
    char.setUnderlineStyle(
        QTextCharFormat.UnderlineStyle.DotLine
        if key.endswith(NOTED_SUFFIX)
        else QTextCharFormat.UnderlineStyle.SingleUnderline
    )
    char.setProperty(QTextFormat.Property.UserProperty, key)
    return char


def highlight_format(key: str, palette: QPalette) -> QTextCharFormat:
    """The look of a highlight kind (``search``, ``person``, ``place``, ``organization``…).

    Annotation kinds (``annotation_key``) get their colour and an underline.

    Raises:
        KeyError: an unknown kind.
    """
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if key in ANNOTATION_KEYS:
        return _annotation_format(key, dark)
    colours = {
        "search": ("#7a6400", "#ffe866"),
        "person": ("#1d4f91", "#cfe3ff"),
        "place": ("#1f6b3a", "#cdeed8"),
        "organization": ("#7a3b8f", "#ecd6f5"),
        "time": ("#8a4b14", "#fbe0c8"),
    }
    dark_colour, light_colour = colours[key]
    char = QTextCharFormat()
    char.setBackground(QColor(dark_colour if dark else light_colour))
    if dark:
        char.setForeground(QColor("#ffffff"))
    char.setProperty(QTextFormat.Property.UserProperty, key)
    return char


ANNOTATION_KEYS = tuple(
    annotation_key(colour, noted) for colour in ANNOTATION_COLOURS for noted in (False, True)
)
HIGHLIGHT_KEYS = ("search", "person", "place", "organization", "time", *ANNOTATION_KEYS)
