"""Entity mentions in the reader: highlights by kind (each kind can be hidden) and hand tagging."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu
from sqlalchemy.exc import SQLAlchemyError

from db.engine import Database
from reader.entities.browse import BODY_SEPARATOR, ArticleMention, mentions_of_article
from reader.errors import ReaderError
from ui.entities.kinds import ENTITY_KINDS, kind_label
from ui.reader.document import RenderedArticle, utf16_length
from ui.reader.view import ArticleReader
from ui.settings import Settings
from ui.tasks import TaskRunner

logger = logging.getLogger(__name__)

BlockSpan = tuple[int, int, int, str]
FieldSpan = tuple[str, int, int, str]
TAGGABLE_FIELDS = ("title", "subtitle")


def mention_spans(
    blocks: Sequence[str], mentions: Sequence[ArticleMention]
) -> tuple[list[BlockSpan], list[FieldSpan]]:
    """Article-level mentions → reader highlights.

    Body offsets point into the article's blocks joined with newlines; they are cut into
    (block index, start, end) pieces (a mention never covers a separator, but one that
    did would be cut in two). Title and subtitle mentions stay field offsets.

    Args:
        blocks: the text of each block of the article, in order.
        mentions: the article's mentions (``mentions_of_article``).

    Returns:
        (body spans, headline spans), each item ending with the entity's kind.
    """
    starts: list[int] = []
    position = 0
    for text in blocks:
        starts.append(position)
        position += len(text) + len(BODY_SEPARATOR)
    body: list[BlockSpan] = []
    fields: list[FieldSpan] = []
    for mention in mentions:
        if mention.type not in ENTITY_KINDS or mention.end <= mention.start:
            continue
        if mention.field in TAGGABLE_FIELDS:
            fields.append((mention.field, mention.start, mention.end, mention.type))
            continue
        if mention.field != "body":
            continue
        for index, block_start in enumerate(starts):
            block_end = block_start + len(blocks[index])
            start = max(mention.start, block_start)
            end = min(mention.end, block_end)
            if start < end:
                body.append((index, start - block_start, end - block_start, mention.type))
    return body, fields


@dataclass(frozen=True, slots=True)
class SelectionTarget:
    """A stretch of an article chosen to be tagged: field, article-level offsets, its text."""

    field: str
    start: int
    end: int
    text: str


def _python_offset(text: str, units: int) -> int:
    """The Python offset in ``text`` of a UTF-16 offset (inside a pair: the character's)."""
    count = 0
    for index, character in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(character) > 0xFFFF else 1
    return len(text)


def _locate(rendered: RenderedArticle, position: int) -> tuple[str, int, int] | None:
    """Where a document position falls: ("block", index, offset) or (field, 0, offset)."""
    for index, placed in enumerate(rendered.blocks):
        if placed.start <= position <= placed.start + utf16_length(placed.text):
            return "block", index, _python_offset(placed.text, position - placed.start)
    for name in TAGGABLE_FIELDS:
        placed = rendered.fields.get(name)
        if placed is not None and (
            placed.start <= position <= placed.start + utf16_length(placed.text)
        ):
            return name, 0, _python_offset(placed.text, position - placed.start)
    return None


def selection_target(
    rendered: RenderedArticle, blocks: Sequence[str], start: int, end: int
) -> SelectionTarget | None:
    """The stretch of the article a selection of the reader covers, if it can be tagged.

    Args:
        rendered: the reader's layout of the article.
        blocks: the text of each block of the article.
        start: the selection's first document position.
        end: the document position past its end.

    Returns:
        The field (``title``, ``subtitle`` or ``body``) and article-level offsets, with
        surrounding spaces left out; None when the selection is empty, crosses paragraphs
        or lies outside the title, the subtitle and the body.
    """
    if end <= start:
        return None
    first = _locate(rendered, start)
    last = _locate(rendered, end)
    if first is None or last is None or first[:2] != last[:2]:
        return None
    where, index, offset = first
    end_offset = last[2]
    text = rendered.blocks[index].text if where == "block" else rendered.fields[where].text
    piece = text[offset:end_offset]
    stripped = piece.strip()
    if not stripped:
        return None
    offset += len(piece) - len(piece.lstrip())
    end_offset = offset + len(stripped)
    if where != "block":
        return SelectionTarget(where, offset, end_offset, stripped)
    base = sum(len(block) + len(BODY_SEPARATOR) for block in blocks[:index])
    return SelectionTarget("body", base + offset, base + end_offset, stripped)


def load_mentions(db: Database, article_id: int) -> list[ArticleMention] | None:
    """The mentions of an article (runs on a worker); None when they cannot be read."""
    try:
        with db.read() as session:
            return mentions_of_article(session, article_id)
    except (SQLAlchemyError, ReaderError):
        logger.exception("Reading the mentions of article %s failed", article_id)
        return None


class EntityHighlighter(QObject):
    """Marks the entity mentions of the article in the reader, a colour per kind.

    Mentions are read on the task runner whenever another article is shown (and again by
    :meth:`reload` after the archive changed). Each kind has a checkable action
    (``actions``) that shows or hides its highlights; the choice is remembered in the
    settings.

    Signals:
        highlighted(article_id): the entity highlights of an article are in place.
    """

    highlighted = Signal(int)

    def __init__(
        self,
        reader: ArticleReader,
        db: Database,
        runner: TaskRunner,
        settings: Settings,
        parent: QObject | None = None,
    ) -> None:
        """Start following the reader.

        Args:
            reader: the reader of the window.
            db: the archive database.
            runner: the task runner (mentions are read off the GUI thread).
            settings: where the hidden kinds are remembered.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self.reader = reader
        self._db = db
        self._runner = runner
        self._settings = settings
        self._generation = 0
        hidden = settings.hidden_entity_kinds()
        self.actions: dict[str, QAction] = {}
        texts = {
            "person": self.tr("Highlight &people"),
            "place": self.tr("Highlight p&laces"),
            "organization": self.tr("Highlight &organizations"),
        }
        for kind in ENTITY_KINDS:
            action = QAction(texts[kind], self)
            action.setObjectName(f"highlight{kind.capitalize()}")
            action.setCheckable(True)
            action.setChecked(kind not in hidden)
            action.toggled.connect(lambda _checked: self._on_toggled())
            self.actions[kind] = action
        reader.set_hidden_kinds(sorted(hidden & set(ENTITY_KINDS)))
        reader.articleShown.connect(self._on_article_shown)

    def hidden_kinds(self) -> set[str]:
        """The kinds whose highlights are hidden."""
        return {kind for kind, action in self.actions.items() if not action.isChecked()}

    def _on_toggled(self) -> None:
        hidden = self.hidden_kinds()
        self._settings.set_hidden_entity_kinds(hidden)
        self.reader.set_hidden_kinds(sorted(hidden))

    def _on_article_shown(self, article_id: int) -> None:
        self._generation += 1
        if article_id >= 0:
            self._load(article_id)

    def reload(self) -> None:
        """Read the mentions of the article shown again (after a correction or an import)."""
        article = self.reader.article
        self._generation += 1
        if article is not None:
            self._load(article.id)

    def _load(self, article_id: int) -> None:
        generation = self._generation
        db = self._db
        self._runner.submit(
            self.tr("Reading entity mentions"),
            lambda _progress, _cancelled: load_mentions(db, article_id),
            visible=False,
            on_finished=lambda mentions: self._on_loaded(generation, article_id, mentions),
        )

    def _on_loaded(
        self, generation: int, article_id: int, mentions: list[ArticleMention] | None
    ) -> None:
        article = self.reader.article
        if generation != self._generation or article is None or article.id != article_id:
            return  # another article is shown by now
        if mentions is None:
            return
        body, fields = mention_spans([block.text for block in article.blocks], mentions)
        try:
            self.reader.set_entity_highlights(body, fields)
        except ValueError:
            logger.exception("Mentions of article %s do not fit its text", article_id)
            return
        self.highlighted.emit(article_id)


TagRequest = Callable[[SelectionTarget, str], None]
"""``request(target, kind)``: the user asked to tag a selection as a kind."""


class ReaderTagMenu(QObject):
    """Adds "Tag as person / place / organization…" to the reader's context menu.

    The actions (``actions``) tag the text selected in the reader; they are enabled only
    when the selection lies within one paragraph, the title or the subtitle.
    """

    def __init__(
        self, reader: ArticleReader, request: TagRequest, parent: QObject | None = None
    ) -> None:
        """Install the menu on the reader.

        Args:
            reader: the reader of the window.
            request: called with the selection and the kind chosen.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self.reader = reader
        self._request = request
        self.actions: dict[str, QAction] = {}
        texts = {
            "person": self.tr("Tag as &person…"),
            "place": self.tr("Tag as p&lace…"),
            "organization": self.tr("Tag as &organization…"),
        }
        for kind in ENTITY_KINDS:
            action = QAction(texts[kind], self)
            action.setObjectName(f"tagAs{kind.capitalize()}")
            action.triggered.connect(lambda _checked=False, k=kind: self.tag_selection(k))
            self.actions[kind] = action
        browser = reader.browser
        reader.contextMenuRequested.connect(self._add_to_menu)
        browser.selectionChanged.connect(self.update_actions)
        reader.articleShown.connect(lambda _article_id: self.update_actions())
        self.update_actions()

    def current_target(self) -> SelectionTarget | None:
        """What the reader's selection would tag (None when it cannot be tagged)."""
        rendered = self.reader.rendered
        article = self.reader.article
        if rendered is None or article is None:
            return None
        cursor = self.reader.browser.textCursor()
        if not cursor.hasSelection():
            return None
        return selection_target(
            rendered,
            [block.text for block in article.blocks],
            cursor.selectionStart(),
            cursor.selectionEnd(),
        )

    def update_actions(self) -> None:
        """Enable the actions when the selection can be tagged."""
        target = self.current_target()
        for kind, action in self.actions.items():
            action.setEnabled(target is not None)
            tip = (
                self.tr("Tag “%1” as %2").replace("%1", target.text).replace("%2", kind_label(kind))
                if target is not None
                else self.tr("Select a name within one paragraph, the title or the subtitle")
            )
            action.setStatusTip(tip)

    def tag_selection(self, kind: str) -> bool:
        """Ask to tag the reader's selection as a kind.

        Returns:
            False when the selection cannot be tagged.
        """
        target = self.current_target()
        if target is None:
            return False
        self._request(target, kind)
        return True

    def _add_to_menu(self, menu: QMenu, _position: int) -> None:
        self.update_actions()
        if self.reader.article is not None:
            menu.addSeparator()
            for action in self.actions.values():
                menu.addAction(action)
