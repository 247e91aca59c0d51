"""Changing the structure of articles: split, merge, move paragraphs, join, unjoin, move."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Article, ArticlePart, Mention, Page, TextBlock
from reader.archive import Archive
from reader.curation.history import CurationChange, CurationResult, curate
from reader.curation.rules import sync_manual_rules, sync_rule
from reader.errors import InputError, InternalError, NotFoundError
from reader.notes.relink import move_user_data
from reader.parsing.model import BODY_SEPARATOR, BlockKind
from reader.store import refresh_article

Direction = Literal["previous", "next"]
Where = Literal["start", "end"]

#: Fields of an absorbed part shown above its text; they become heading blocks, in this order.
_HEADLINE_FIELDS = ("kicker", "title", "subtitle")
#: List fields of a part whose machine values ``article_part.original`` may hold.
_LIST_FIELDS = ("authors", "captions")
#: The key of ``article_part.original`` keeping the machine text of blocks the user deleted.
_ORIGINAL_BODY_KEY = "body"


# --- reading the structure -------------------------------------------------------------------


def describe_article(article: Article) -> str:
    """How messages name an article: its id and headline."""
    title = (article.title or "").strip()
    return f'article {article.id} "{title}"' if title else f"article {article.id} (no headline)"


def _article(session: Session, article_id: int) -> Article:
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"No article with id {article_id}.")
    return article


def _parts(session: Session, article_id: int) -> list[ArticlePart]:
    """An article's parts in reading order."""
    return list(
        session.scalars(
            select(ArticlePart)
            .where(ArticlePart.article_id == article_id)
            .order_by(ArticlePart.part_no, ArticlePart.id)
        )
    )


def _blocks(session: Session, part_id: int) -> list[TextBlock]:
    """A part's blocks in reading order."""
    return list(
        session.scalars(
            select(TextBlock).where(TextBlock.part_id == part_id).order_by(TextBlock.seq)
        )
    )


def _page_parts(session: Session, page_id: int) -> list[ArticlePart]:
    """The parts printed on a page, in position order."""
    return list(
        session.scalars(
            select(ArticlePart).where(ArticlePart.page_id == page_id).order_by(ArticlePart.position)
        )
    )


def _reading_order(
    session: Session, parts: Sequence[ArticlePart]
) -> list[tuple[ArticlePart, TextBlock]]:
    """Every block of the parts with its part, parts in order (how the reader numbers them)."""
    return [(part, block) for part in parts for block in _blocks(session, part.id)]


def _label_key(label: str) -> tuple[tuple[int, int | str], ...]:
    """A natural sort key of page labels: A2 before A10."""
    return tuple(
        (0, int(piece)) if piece.isdigit() else (1, piece)
        for piece in re.findall(r"\d+|\D+", label)
    )


def _page_label(session: Session, page_id: int, default: str) -> str:
    """A page's label, or ``default`` when there is no such page."""
    page = session.get(Page, page_id)
    return page.label if page is not None else default


def _reading_key(session: Session, part: ArticlePart) -> tuple[Any, ...]:
    return (_label_key(_page_label(session, part.page_id, "")), part.page_id, part.position)


# --- moving rows -----------------------------------------------------------------------------


def _set_blocks(session: Session, layout: dict[int, list[TextBlock]]) -> None:
    """Give parts exactly these blocks, in this order: rows move, new rows are inserted.

    ``(part_id, seq)`` is unique, so the rows first take free negative numbers.

    Raises:
        InternalError: a block of one of the parts is missing from the layout.
    """
    listed = {id(block) for blocks in layout.values() for block in blocks}
    for part_id in layout:
        for block in _blocks(session, part_id):
            if id(block) not in listed:
                raise InternalError(f"block {block.id} of part {part_id} has no place")
    for blocks in layout.values():
        for block in blocks:
            if block.id is not None:
                block.seq = -block.id
    session.flush()
    for part_id, blocks in layout.items():
        for seq, block in enumerate(blocks):
            block.part_id = part_id
            block.seq = seq
            if block.id is None:
                session.add(block)
    session.flush()


def _open_slot(session: Session, page_id: int, position: int) -> None:
    """Shift the parts of a page at ``position`` and after one place down."""
    later = [
        (part, part.position) for part in _page_parts(session, page_id) if part.position >= position
    ]
    if not later:
        return
    for part, _old in later:
        part.position = -part.id
    session.flush()
    for part, old in later:
        part.position = old + 1
    session.flush()


def _next_position(session: Session, page_id: int) -> int:
    """The first position after every part of a page."""
    return max((part.position for part in _page_parts(session, page_id)), default=-1) + 1


@dataclass(slots=True)
class _Spot:
    """Where a mention is, independent of offsets: in a block, or in a field of a part."""

    part_id: int
    field: str
    offset: int
    block_id: int | None = None


@dataclass
class _Mentions:
    """The mentions of some parts, located by block so that they follow moved blocks.

    Mention offsets are relative to their part's field (the body: its blocks joined with
    newlines). Capture them before moving blocks, then :meth:`place` them after.
    """

    session: Session
    spots: dict[int, _Spot] = field(default_factory=dict)
    #: (part id, field) of a headline field that became this (new) heading block.
    field_blocks: dict[tuple[int, str], TextBlock] = field(default_factory=dict)
    #: block id → (part, field): a heading block that became a headline field.
    block_fields: dict[int, tuple[ArticlePart, str]] = field(default_factory=dict)
    #: part id → the part taking over what cannot be placed otherwise (the part is deleted).
    part_home: dict[int, ArticlePart] = field(default_factory=dict)

    def capture(self, part_ids: Iterable[int]) -> None:
        """Note where the mentions of these parts are."""
        for part_id in set(part_ids):
            bases = _bases(_blocks(self.session, part_id))
            for mention in self.session.scalars(select(Mention).where(Mention.part_id == part_id)):
                spot = _Spot(part_id, mention.field, mention.start)
                if mention.field == "body" and mention.start >= 0:
                    for block, base in bases:
                        if base <= mention.start <= base + len(block.text):
                            spot = _Spot(part_id, "body", mention.start - base, block.id)
                            break
                self.spots[mention.id] = spot

    def place(self) -> None:
        """Give every captured mention its part, article and offsets now (blocks flushed)."""
        session = self.session
        session.flush()
        bases: dict[int, dict[int, int]] = {}

        def base_of(block: TextBlock) -> int:
            if block.part_id not in bases:
                bases[block.part_id] = {
                    row.id: base for row, base in _bases(_blocks(session, block.part_id))
                }
            return bases[block.part_id][block.id]

        for mention_id, spot in self.spots.items():
            mention = session.get(Mention, mention_id)
            if mention is None:
                continue
            length = mention.end - mention.start
            part_id, field_name, start = spot.part_id, spot.field, spot.offset
            if spot.block_id is not None and spot.block_id in self.block_fields:
                part, field_name = self.block_fields[spot.block_id]
                part_id = part.id
            elif spot.block_id is not None:
                block = session.get(TextBlock, spot.block_id)
                if block is None:
                    raise InternalError(f"block {spot.block_id} vanished")
                part_id, start = block.part_id, base_of(block) + spot.offset
            elif (spot.part_id, spot.field) in self.field_blocks:
                block = self.field_blocks[(spot.part_id, spot.field)]
                part_id, field_name = block.part_id, "body"
                start = base_of(block) + spot.offset if spot.offset >= 0 else -1
            elif spot.part_id in self.part_home:
                part_id = self.part_home[spot.part_id].id
                start = -1  # its field is gone with the part: kept, flagged
            part = session.get(ArticlePart, part_id)
            if part is None:
                raise InternalError(f"part {part_id} vanished")
            mention.part_id = part_id
            mention.article_id = part.article_id
            mention.field = field_name
            mention.start = start
            mention.end = start + length if start >= 0 else -1
            if mention.manual and mention.rule_id is not None:
                sync_rule(session, mention)
        session.flush()


def _bases(blocks: Sequence[TextBlock]) -> list[tuple[TextBlock, int]]:
    """Each block with the offset where it starts in its part's body."""
    result = []
    base = 0
    for block in blocks:
        result.append((block, base))
        base += len(block.text) + len(BODY_SEPARATOR)
    return result


def _delete(session: Session, row: ArticlePart | Article, children: str) -> None:
    """Delete a part (``children`` "blocks") or an article ("parts") and its child rows."""
    session.flush()
    session.expire(row, [children])
    session.delete(row)
    session.flush()


def _refresh(session: Session, article_ids: Iterable[int]) -> None:
    """Reload everything and recompute the display fields of these articles."""
    session.flush()
    session.expire_all()
    for article_id in sorted(set(article_ids)):
        article = session.get(Article, article_id)
        if article is not None:
            refresh_article(article)
    session.flush()


def _pages_of(parts: Iterable[ArticlePart]) -> set[int]:
    return {part.page_id for part in parts}


def _new_article(session: Session, issue_id: int) -> Article:
    """A new, empty article of an issue (flushed: it has an id)."""
    new = Article(issue_id=issue_id, title="", authors=[])
    session.add(new)
    session.flush()
    return new


def _renumber(session: Session, article_id: int, parts: Sequence[ArticlePart]) -> None:
    """Make these parts the article's, numbered in this order."""
    for number, part in enumerate(parts):
        part.article_id = article_id
        part.part_no = number
    session.flush()


def _mentions_follow(session: Session, parts: Sequence[ArticlePart], article_id: int) -> None:
    """Give the mentions of parts that moved whole their new article."""
    part_ids = [part.id for part in parts]
    for mention in session.scalars(select(Mention).where(Mention.part_id.in_(part_ids))):
        mention.article_id = article_id
    session.flush()
    sync_manual_rules(session, part_ids)


def _text_parts(session: Session, article: Article, action: str) -> list[ArticlePart]:
    """An article's parts (see :func:`_parts`); InputError when it has none."""
    parts = _parts(session, article.id)
    if not parts:
        raise InputError(f"cannot {action} {describe_article(article)}: it has no text")
    return parts


def _check_start(action: str, name: str, unit: str, index: int, count: int, why: str) -> None:
    """Check that a new article can start at block or part ``index`` of ``count``."""
    if count < 2:
        raise InputError(f"cannot {action} {name}: it has {count} {unit}(s), {why}")
    if not 1 <= index <= count - 1:
        raise InputError(
            f"cannot {action} {name} at {unit} {index}: the new article must start at a "
            f"{unit} from 1 to {count - 1}"
        )


# --- split -----------------------------------------------------------------------------------


def split_in_session(
    session: Session, article_id: int, block_index: int, title: str | None = None
) -> CurationChange:
    """Make the blocks from ``block_index`` on a new article (see :func:`split_article`).

    Args:
        session: an open write session.
        article_id: the article.
        block_index: the first block of the new article, counted across the parts in
            reading order (0-based, as the reader numbers the body's blocks).
        title: the new article's headline; default: the first moved block when it is a
            heading (that block then leaves the body), else empty.

    Returns:
        The change: the article and the new one touched, the new one created.

    Raises:
        NotFoundError: no such article.
        InputError: the block is not one the article can be split at.
    """
    article = _article(session, article_id)
    name = describe_article(article)
    parts = _parts(session, article_id)
    order = _reading_order(session, parts)
    _check_start("split", name, "block", block_index, len(order), "nothing to split")
    part, first = order[block_index]
    k = parts.index(part)
    own = [block for owner, block in order if owner is part]
    local = own.index(first)
    mentions = _Mentions(session)
    mentions.capture(p.id for p in parts[k:])
    pages = _pages_of(parts)

    new = _new_article(session, article.issue_id)
    if local == 0:
        head = part
        moving = parts[k:]
    else:
        position = part.position + 1
        _open_slot(session, part.page_id, position)
        head = ArticlePart(
            article_id=new.id,
            page_id=part.page_id,
            part_no=0,
            position=position,
            title="",
            authors=[],
            captions=[],
            consumed=[],
            continues_to=part.continues_to,
        )
        part.continues_to = None  # the marker ends the text, which moves
        session.add(head)
        session.flush()
        _set_blocks(session, {part.id: own[:local], head.id: own[local:]})
        moving = [head, *parts[k + 1 :]]
    _renumber(session, new.id, moving)

    head_blocks = _blocks(session, head.id)
    if title is not None:
        if head.title and head.title != title:  # a whole part's headline stays as text
            heading = TextBlock(kind=str(BlockKind.HEADING), text=head.title)
            mentions.field_blocks[(head.id, "title")] = heading
            _set_blocks(session, {head.id: [heading, *head_blocks]})
        head.title = title
    elif not head.title and head_blocks and head_blocks[0].kind == BlockKind.HEADING:
        heading = head_blocks[0]
        head.title = heading.text
        if heading.original is not None:
            head.original = {**(head.original or {}), "title": heading.original}
        mentions.block_fields[heading.id] = (head, "title")
        session.delete(heading)
        session.flush()
        _set_blocks(session, {head.id: head_blocks[1:]})
    mentions.place()
    _refresh(session, [article_id, new.id])
    return CurationChange(touched={article_id, new.id}, created={new.id}, pages=pages)


# --- merge -----------------------------------------------------------------------------------


def _merge_lists(survivor: ArticlePart, absorbed: ArticlePart, *, appended: bool) -> None:
    """Add the absorbed part's authors, captions and raw strings to the survivor's part.

    When its text was appended, its continuation marker (下转) now ends the part.
    """
    survivor_original = dict(survivor.original or {})
    absorbed_original = absorbed.original or {}
    for key in _LIST_FIELDS:
        if key in survivor_original or key in absorbed_original:
            before = list(survivor_original.get(key, getattr(survivor, key) or []))
            added = list(absorbed_original.get(key, getattr(absorbed, key) or []))
            survivor_original[key] = (
                [*before, *(name for name in added if name not in before)]
                if key == "authors"
                else before + added
            )
    authors = list(survivor.authors or [])
    survivor.authors = authors + [name for name in absorbed.authors or [] if name not in authors]
    survivor.captions = list(survivor.captions or []) + list(absorbed.captions or [])
    kept: list[str] = []
    for key in ("byline", "credit"):  # printed text without a place in the body: kept raw
        machine = absorbed_original.get(key)
        current = getattr(absorbed, key)
        kept.extend(value for value in (machine, current) if value and value not in kept)
    survivor.consumed = list(survivor.consumed or []) + kept + list(absorbed.consumed or [])
    removed_text = absorbed_original.get(_ORIGINAL_BODY_KEY)
    if removed_text:  # machine text of blocks the user deleted from the absorbed part
        kept_text = survivor_original.get(_ORIGINAL_BODY_KEY)
        if isinstance(kept_text, list) or isinstance(removed_text, list):
            survivor_original[_ORIGINAL_BODY_KEY] = _as_list(kept_text) + _as_list(removed_text)
        else:
            survivor_original[_ORIGINAL_BODY_KEY] = BODY_SEPARATOR.join(
                text for text in (kept_text, removed_text) if text
            )
    if appended and absorbed.continues_to:
        survivor.continues_to = absorbed.continues_to
    if survivor_original:
        survivor.original = survivor_original


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _headings_of(part: ArticlePart, mentions: _Mentions) -> list[TextBlock]:
    """Turn a part's kicker, headline and deck into heading blocks (the fields are emptied)."""
    original = part.original or {}
    headings = []
    for key in _HEADLINE_FIELDS:
        text = getattr(part, key)
        if not text or not text.strip():
            continue
        block = TextBlock(kind=str(BlockKind.HEADING), text=text, original=original.get(key))
        mentions.field_blocks[(part.id, key)] = block
        headings.append(block)
        setattr(part, key, "" if key == "title" else None)
    return headings


def _absorb(session: Session, survivor: Article, absorbed: Article) -> CurationChange:
    """Merge ``absorbed`` into ``survivor`` (the earlier one) and delete it."""
    survivor_parts = _parts(session, survivor.id)
    absorbed_parts = _parts(session, absorbed.id)
    pages = _pages_of(survivor_parts) | _pages_of(absorbed_parts)
    mentions = _Mentions(session)
    mentions.capture(part.id for part in survivor_parts + absorbed_parts)
    on_page = {part.page_id: part for part in survivor_parts}
    layout: dict[int, list[TextBlock]] = {}
    order = list(survivor_parts)
    gone: list[ArticlePart] = []
    for part in absorbed_parts:
        blocks = _headings_of(part, mentions) + _blocks(session, part.id)
        target = on_page.get(part.page_id)
        if target is None:  # a page the survivor is not on: the part moves whole
            layout[part.id] = blocks
            order.append(part)
            continue
        current = layout[target.id] if target.id in layout else _blocks(session, target.id)
        before = part.position < target.position  # printed above the survivor's part
        layout[target.id] = blocks + current if before else current + blocks
        layout[part.id] = []
        _merge_lists(target, part, appended=not before)
        mentions.part_home[part.id] = target
        gone.append(part)
    session.flush()
    _set_blocks(session, layout)
    _renumber(session, survivor.id, order)
    mentions.place()
    for part in gone:
        _delete(session, part, "blocks")
    move_user_data(session, absorbed.id, survivor.id)
    _delete(session, absorbed, "parts")
    _refresh(session, [survivor.id])
    return CurationChange(
        touched={survivor.id},
        removed={absorbed.id},
        pages=pages,
        moved_user_data=[(absorbed.id, survivor.id)],
    )


def _check_pair(
    session: Session, action: str, article: Article, other: Article, other_issue: str
) -> tuple[list[ArticlePart], list[ArticlePart]]:
    """Check that two articles of one issue, both with text, can be combined; their parts.

    ``other_issue`` says why articles of different issues cannot be.
    """
    if article.id == other.id:
        raise InputError(f"cannot {action} {describe_article(article)} with itself")
    if article.issue_id != other.issue_id:
        raise InputError(
            f"cannot {action} {describe_article(article)} with {describe_article(other)}: "
            f"{other_issue}"
        )
    return _text_parts(session, article, action), _text_parts(session, other, action)


def _mergeable(session: Session, article: Article, other: Article) -> None:
    _check_pair(
        session, "merge", article, other, "they are in different issues (move one of them first)"
    )


def merge_in_session(session: Session, article_id: int, other_id: int) -> CurationChange:
    """Merge two articles of one issue (see :func:`merge_articles`).

    The one printed first (page, then position on the page) survives; the other's
    blocks follow the survivor's on each page they share, its headline fields first as
    heading blocks; its parts on other pages join the survivor whole.

    Args:
        session: an open write session.
        article_id: one article.
        other_id: the other.

    Returns:
        The change: the survivor touched, the other removed, its users' data moved.

    Raises:
        NotFoundError: no such article.
        InputError: the same article twice, different issues, or an article without text.
    """
    article = _article(session, article_id)
    other = _article(session, other_id)
    _mergeable(session, article, other)
    first, second = sorted(
        (article, other), key=lambda each: _reading_key(session, _parts(session, each.id)[0])
    )
    return _absorb(session, first, second)


def merge_neighbour_in_session(
    session: Session, article_id: int, direction: Direction
) -> CurationChange:
    """Merge an article with the one printed just before or after it on its first page.

    Args:
        session: an open write session.
        article_id: the article.
        direction: "previous" or "next".

    Returns:
        The change (see :func:`merge_in_session`).

    Raises:
        NotFoundError: no such article.
        InputError: a bad direction, or no neighbour that way.
    """
    article = _article(session, article_id)
    if direction not in ("previous", "next"):
        raise InputError(
            f"cannot merge {describe_article(article)}: unknown direction {direction!r} "
            "(use previous or next)"
        )
    first = _text_parts(session, article, "merge")[0]
    on_page = _page_parts(session, first.page_id)
    index = on_page.index(first)
    candidates = on_page[:index][::-1] if direction == "previous" else on_page[index + 1 :]
    neighbour = next((part for part in candidates if part.article_id != article_id), None)
    if neighbour is None:
        label = _page_label(session, first.page_id, "?")
        raise InputError(
            f"cannot merge {describe_article(article)} with the {direction} article: it is "
            f"the {'first' if direction == 'previous' else 'last'} article on page {label}"
        )
    other = _article(session, neighbour.article_id)
    _mergeable(session, article, other)
    if direction == "previous":
        return _absorb(session, other, article)
    return _absorb(session, article, other)


# --- move blocks -----------------------------------------------------------------------------


def move_blocks_in_session(
    session: Session,
    article_id: int,
    block_indexes: Sequence[int],
    target_article_id: int,
    at: Where = "end",
) -> CurationChange:
    """Move blocks of one article to the start or end of another (see :func:`move_blocks`).

    Args:
        session: an open write session.
        article_id: the article the blocks leave.
        block_indexes: the blocks, counted across the parts in reading order (0-based).
        target_article_id: the article receiving them (at its first part's start, or its
            last part's end), in their order.
        at: "start" or "end".

    Returns:
        The change: both articles touched.

    Raises:
        NotFoundError: no such article.
        InputError: no blocks, a block the article lacks, every block, the same article,
            a target without text, or a bad ``at``.
    """
    source = _article(session, article_id)
    target = _article(session, target_article_id)
    name = describe_article(source)
    if at not in ("start", "end"):
        raise InputError(f"cannot move blocks of {name}: unknown place {at!r} (use start or end)")
    if source.id == target.id:
        raise InputError(f"cannot move blocks of {name} to itself")
    parts = _parts(session, article_id)
    order = _reading_order(session, parts)
    chosen = sorted(set(block_indexes))
    if not chosen:
        raise InputError(f"no blocks of {name} given to move")
    wrong = [index for index in chosen if not 0 <= index < len(order)]
    if wrong:
        raise InputError(
            f"{name} has no block {', '.join(map(str, wrong))} "
            f"(its blocks are 0 to {len(order) - 1})"
        )
    if len(chosen) == len(order):
        raise InputError(
            f"cannot move every block of {name}: merge it with {describe_article(target)} instead"
        )
    target_parts = _text_parts(session, target, "move blocks to")
    destination = target_parts[0] if at == "start" else target_parts[-1]
    mentions = _Mentions(session)
    mentions.capture([*(part.id for part in parts), destination.id])
    moving = [order[index][1] for index in chosen]
    layout = {
        part.id: [block for owner, block in order if owner is part and block not in moving]
        for part in parts
    }
    current = _blocks(session, destination.id)
    layout[destination.id] = moving + current if at == "start" else current + moving
    _set_blocks(session, layout)
    mentions.place()
    _refresh(session, [source.id, target.id])
    return CurationChange(
        touched={source.id, target.id}, pages=_pages_of(parts) | _pages_of(target_parts)
    )


# --- join, unjoin ----------------------------------------------------------------------------


def join_in_session(session: Session, head_id: int, tail_id: int) -> CurationChange:
    """Append the parts of ``tail`` to ``head`` as its continuation (see :func:`join_continuation`).

    Args:
        session: an open write session.
        head_id: the article that continues.
        tail_id: the article holding the continuation (removed; its users' data moves).

    Returns:
        The change: the head touched, the tail removed.

    Raises:
        NotFoundError: no such article.
        InputError: the same article twice, different issues, or a tail without text.
    """
    head = _article(session, head_id)
    tail = _article(session, tail_id)
    head_parts, tail_parts = _check_pair(
        session, "join", head, tail, "a continuation stays within one issue"
    )
    _renumber(session, head.id, [*head_parts, *tail_parts])
    _mentions_follow(session, tail_parts, head.id)
    move_user_data(session, tail.id, head.id)
    _delete(session, tail, "parts")
    _refresh(session, [head.id])
    return CurationChange(
        touched={head.id},
        removed={tail.id},
        pages=_pages_of(head_parts) | _pages_of(tail_parts),
        moved_user_data=[(tail.id, head.id)],
    )


def unjoin_in_session(session: Session, article_id: int, part_no: int) -> CurationChange:
    """Make the parts from ``part_no`` on a new article (see :func:`unjoin`).

    Args:
        session: an open write session.
        article_id: the article.
        part_no: the first part of the new article (0-based, in reading order).

    Returns:
        The change: both articles touched, the new one created.

    Raises:
        NotFoundError: no such article.
        InputError: the article has one part, or ``part_no`` is not 1 to parts - 1.
    """
    article = _article(session, article_id)
    name = describe_article(article)
    parts = _parts(session, article_id)
    _check_start("unjoin", name, "part", part_no, len(parts), "nothing joined")
    new = _new_article(session, article.issue_id)
    moving = parts[part_no:]
    _renumber(session, new.id, moving)
    _mentions_follow(session, moving, new.id)
    _refresh(session, [article_id, new.id])
    return CurationChange(touched={article_id, new.id}, created={new.id}, pages=_pages_of(parts))


# --- move article ----------------------------------------------------------------------------


def move_article_in_session(
    session: Session, article_id: int, page_id: int, position: int | None = None
) -> CurationChange:
    """Move a one-part article to a position on another page (see :func:`move_article`).

    Args:
        session: an open write session.
        article_id: the article.
        page_id: the page it goes to (any issue: the article follows the page's issue).
        position: its place among the page's other articles (0 = first); default last.

    Returns:
        The change: the article touched, both pages involved.

    Raises:
        NotFoundError: no such article or page.
        InputError: the article has several parts (or none), the position is off the
            page, or the article is already there.
    """
    article = _article(session, article_id)
    name = describe_article(article)
    page = session.get(Page, page_id)
    if page is None:
        raise NotFoundError(f"No page with id {page_id}.")
    parts = _parts(session, article_id)
    if len(parts) != 1:
        raise InputError(
            f"cannot move {name}: it has {len(parts)} parts; only an article printed on one "
            "page moves (unjoin it first)"
            if parts
            else f"cannot move {name}: it has no text"
        )
    part = parts[0]
    others = [other for other in _page_parts(session, page_id) if other.id != part.id]
    place = len(others) if position is None else position
    if not 0 <= place <= len(others):
        raise InputError(
            f"cannot move {name} to position {position} of page {page.label}: choose 0 to "
            f"{len(others)}"
        )
    old_page = part.page_id
    if old_page == page_id and _page_parts(session, page_id).index(part) == place:
        raise InputError(f"{name} is already at position {place} of page {page.label}")
    part.position = -part.id  # free its slot while the page makes room
    session.flush()
    if place < len(others):
        slot = others[place].position
        _open_slot(session, page_id, slot)
    else:
        slot = _next_position(session, page_id)
    part.page_id = page_id
    part.position = slot
    article.issue_id = page.issue_id
    session.flush()
    _refresh(session, [article_id])
    return CurationChange(touched={article_id}, pages={old_page, page_id})


# --- the public operations: one revision each ------------------------------------------------


def _names(archive: Archive, *article_ids: int) -> list[str]:
    """The quoted headlines of articles (NotFoundError for a missing one), for summaries."""
    with archive.db.read() as session:
        titles = [_article(session, article_id).title for article_id in article_ids]
    return [f"“{title}”" if title else "(no headline)" for title in titles]


def split_article(
    archive: Archive, article_id: int, block_index: int, *, title: str | None = None
) -> CurationResult:
    """Split an article: the blocks from ``block_index`` on become a new article.

    The part holding that block is split in two on its page (the new part printed right
    after it); later parts move whole. The new headline is ``title``, else the first moved
    block when it is a heading (that block leaves the body), else empty.

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        block_index: the first block of the new article, counted across the parts in
            reading order (0-based); 1 to blocks - 1.
        title: the new article's headline.

    Returns:
        The revision; ``created_ids`` holds the new article.

    Raises:
        NotFoundError: no such article.
        InputError: the article cannot be split there (nothing is changed).
    """
    (name,) = _names(archive, article_id)
    return curate(
        archive,
        "split",
        f"split {name} at block {block_index}",
        [article_id],
        lambda session: split_in_session(session, article_id, block_index, title),
    )


def merge_with_neighbour(archive: Archive, article_id: int, direction: Direction) -> CurationResult:
    """Merge an article with the one printed just before (or after) it on its first page.

    The later article's blocks follow the earlier one's on that page, its kicker, headline
    and deck first as heading blocks (no text is lost); its authors, captions and byline
    go to the earlier one, which survives; the later one is removed and users' data on it
    (annotations, bookmarks, tags, collection entries) moves to the survivor.

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        direction: "previous" or "next".

    Returns:
        The revision; ``removed_ids`` holds the merged-away article.

    Raises:
        NotFoundError: no such article.
        InputError: no neighbour that way, or a bad direction (nothing is changed).
    """
    (name,) = _names(archive, article_id)
    return curate(
        archive,
        "merge",
        f"merge {name} with the {direction} article",
        [article_id],
        lambda session: merge_neighbour_in_session(session, article_id, direction),
    )


def merge_articles(archive: Archive, article_id: int, other_id: int) -> CurationResult:
    """Merge two articles of one issue; the one printed first survives.

    See :func:`merge_with_neighbour` for what becomes of the other's text and users' data;
    on each page both are printed on, the other's blocks join the survivor's part there
    (before or after its blocks, as printed); its parts on other pages join whole.

    Args:
        archive: the archive, opened for writing.
        article_id: one article.
        other_id: the other.

    Returns:
        The revision; ``removed_ids`` holds the merged-away article.

    Raises:
        NotFoundError: no such article.
        InputError: the same article twice, different issues, or one without text.
    """
    first, second = _names(archive, article_id, other_id)
    return curate(
        archive,
        "merge",
        f"merge {first} with {second}",
        [article_id, other_id],
        lambda session: merge_in_session(session, article_id, other_id),
    )


def move_blocks(
    archive: Archive,
    article_id: int,
    block_indexes: Sequence[int],
    target_article_id: int,
    *,
    at: Where = "end",
) -> CurationResult:
    """Move paragraphs (or headings) of an article to the start or end of another.

    The blocks keep their order and their machine text (``original``); entity mentions
    and annotations in them follow them.

    Args:
        archive: the archive, opened for writing.
        article_id: the article the blocks leave.
        block_indexes: the blocks, counted across the parts in reading order (0-based).
        target_article_id: the article receiving them.
        at: "start" (before its first block) or "end" (after its last).

    Returns:
        The revision.

    Raises:
        NotFoundError: no such article.
        InputError: no blocks, unknown blocks, every block (merge instead), the same
            article, or a target without text (nothing is changed).
    """
    source, target = _names(archive, article_id, target_article_id)
    blocks = ", ".join(str(index) for index in sorted(set(block_indexes)))
    return curate(
        archive,
        "move_blocks",
        f"move block(s) {blocks} of {source} to the {at} of {target}",
        [article_id, target_article_id],
        lambda session: move_blocks_in_session(
            session, article_id, block_indexes, target_article_id, at
        ),
    )


def join_continuation(archive: Archive, head_id: int, tail_id: int) -> CurationResult:
    """Join two articles as one continuing on another page: ``tail``'s parts follow ``head``'s.

    Args:
        archive: the archive, opened for writing.
        head_id: the article that continues.
        tail_id: the article holding the continuation; removed, its users' data moves to
            the head.

    Returns:
        The revision; ``removed_ids`` holds the tail.

    Raises:
        NotFoundError: no such article.
        InputError: the same article twice, different issues, or one without text.
    """
    head, tail = _names(archive, head_id, tail_id)
    return curate(
        archive,
        "join",
        f"join {head} with its continuation {tail}",
        [head_id, tail_id],
        lambda session: join_in_session(session, head_id, tail_id),
    )


def unjoin(archive: Archive, article_id: int, part_no: int) -> CurationResult:
    """Undo a wrong continuation join: the parts from ``part_no`` on become a new article.

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        part_no: the first part of the new article (0-based, in reading order); at least 1.

    Returns:
        The revision; ``created_ids`` holds the new article.

    Raises:
        NotFoundError: no such article.
        InputError: the article has one part, or ``part_no`` is out of range.
    """
    (name,) = _names(archive, article_id)
    return curate(
        archive,
        "unjoin",
        f"unjoin {name} at part {part_no}",
        [article_id],
        lambda session: unjoin_in_session(session, article_id, part_no),
    )


def move_article(
    archive: Archive, article_id: int, page_id: int, *, position: int | None = None
) -> CurationResult:
    """Move an article printed on one page to another page (of any issue).

    The article follows the page's issue. An article on several pages cannot move whole:
    unjoin it first.

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        page_id: the page it goes to.
        position: its place among that page's articles (0 = first); default last.

    Returns:
        The revision.

    Raises:
        NotFoundError: no such article or page.
        InputError: several parts, a position off the page, or already there.
    """
    (name,) = _names(archive, article_id)
    with archive.db.read() as session:
        label = _page_label(session, page_id, str(page_id))
    return curate(
        archive,
        "move_article",
        f"move {name} to page {label}",
        [article_id],
        lambda session: move_article_in_session(session, article_id, page_id, position),
        page_ids=[page_id],
    )
