"""Editing an article's text and fields, and correcting the publication, date and labels of pages.

The machine's values are kept the first time a field or paragraph is edited
(``article_part.original``, ``text_block.original``, ``page.original``): the original text
stays searchable and the edit dialog can show it. Every edit is a revision (see
:mod:`reader.curation.history`), undone by reverting it.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from db.models import Article, ArticlePart, Issue, Page, Publication, TextBlock
from reader.archive import Archive
from reader.curation.history import CurationChange, CurationResult, curate
from reader.errors import InputError, NotFoundError
from reader.parsing.masthead import normalise_page_label
from reader.parsing.model import BlockKind
from reader.store import PageMeta, find_page, get_or_create_issue, refresh_article

#: The fields of an article the edit dialog offers (stored on its first part).
ARTICLE_FIELDS = ("title", "subtitle", "kicker", "authors", "credit", "captions")
#: Fields holding lists of strings.
_LIST_FIELDS = ("authors", "captions")
#: Block kinds a paragraph may have.
BLOCK_KINDS = tuple(str(kind) for kind in BlockKind)
#: Key of ``article_part.original`` keeping the text of a part whose blocks were all removed.
ORIGINAL_BODY_KEY = "body"


@dataclass(slots=True)
class PartText:
    """The text of one part of an article (the part printed on one page)."""

    part_id: int
    page_label: str
    blocks: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class ArticleText:
    """An article's editable fields and its parts' paragraphs (what the edit dialog shows)."""

    article_id: int
    title: str = ""
    subtitle: str = ""
    kicker: str = ""
    authors: list[str] = field(default_factory=list)
    credit: str = ""
    captions: list[str] = field(default_factory=list)
    parts: list[PartText] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return asdict(self)


# ------------------------------------------------------------------------------- reading


def _article(session: Session, article_id: int) -> Article:
    article = session.get(Article, int(article_id))
    if article is None:
        raise NotFoundError(f"No article with id {article_id}.")
    return article


def _parts(article: Article) -> list[ArticlePart]:
    return sorted(article.parts, key=lambda part: part.part_no)


def _headline(article: Article) -> str:
    return article.title or "（无标题）"


def article_text(session: Session, article_id: int) -> ArticleText:
    """An article's current fields and paragraphs.

    Raises:
        NotFoundError: there is no such article.
    """
    article = _article(session, article_id)
    parts = _parts(article)
    return ArticleText(
        article_id=article.id,
        title=article.title or "",
        subtitle=article.subtitle or "",
        kicker=article.kicker or "",
        authors=list(article.authors or []),
        credit=article.credit or "",
        captions=[caption for part in parts for caption in part.captions or []],
        parts=[
            PartText(
                part_id=part.id,
                page_label=part.page.label,
                blocks=[(block.kind, block.text) for block in part.blocks],
            )
            for part in parts
        ],
    )


def _machine(part: ArticlePart, key: str) -> Any:
    """A part's field as imported (its ``original`` value when the user edited it)."""
    original = part.original or {}
    return original[key] if key in original else getattr(part, key)


def original_text(session: Session, article_id: int) -> ArticleText:
    """An article's fields and paragraphs as the machine read them (before any edit).

    Paragraphs whose count the user changed are approximate: the machine text of removed
    or merged paragraphs is shown with the paragraph that kept it.

    Raises:
        NotFoundError: there is no such article.
    """
    article = _article(session, article_id)
    parts = _parts(article)
    first = parts[0] if parts else None
    authors: list[str] = []
    for part in parts:
        authors.extend(name for name in _machine(part, "authors") or [] if name not in authors)
    result = ArticleText(
        article_id=article.id,
        title=(_machine(first, "title") if first else article.title) or "",
        subtitle=(_machine(first, "subtitle") if first else article.subtitle) or "",
        kicker=(_machine(first, "kicker") if first else article.kicker) or "",
        authors=authors,
        credit=(_machine(first, "credit") if first else article.credit) or "",
        captions=[caption for part in parts for caption in _machine(part, "captions") or []],
    )
    for part in parts:
        blocks = [
            (block.kind, block.original if block.original is not None else block.text)
            for block in part.blocks
        ]
        removed = (part.original or {}).get(ORIGINAL_BODY_KEY)
        if removed and not blocks:
            blocks = [(str(BlockKind.PARAGRAPH), removed)]
        result.parts.append(PartText(part.id, part.page.label, blocks))
    return result


# ------------------------------------------------------------------------------ editing


def _clean_fields(fields: dict[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in ARTICLE_FIELDS:
            raise InputError(
                f"unknown article field {key!r}: use one of {', '.join(ARTICLE_FIELDS)}"
            )
        if key in _LIST_FIELDS:
            if isinstance(value, str) or not isinstance(value, Sequence):
                raise InputError(f"{key} must be a list of strings")
            cleaned[key] = [str(item).strip() for item in value if str(item).strip()]
        else:
            if value is not None and not isinstance(value, str):
                raise InputError(f"{key} must be text")
            text = (value or "").strip()
            cleaned[key] = text if key == "title" else text or None
    return cleaned


def _clean_blocks(part_id: int, blocks: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    cleaned: list[tuple[str, str]] = []
    for kind, text in blocks:
        if kind not in BLOCK_KINDS:
            raise InputError(
                f"part {part_id}: unknown paragraph kind {kind!r}: use one of "
                f"{', '.join(BLOCK_KINDS)}"
            )
        if text.strip():
            cleaned.append((kind, text.strip()))
    return cleaned


def _keep_original(part: ArticlePart, key: str, value: Any) -> None:
    """Note the machine's value of a field the first time it changes."""
    original = dict(part.original or {})
    if key not in original:
        original[key] = list(value) if isinstance(value, list) else value
        part.original = original


def _set_field(parts: list[ArticlePart], key: str, value: Any) -> bool:
    """Store an article field on its first part (list fields: the others' entries cleared)."""
    first = parts[0]
    if key in _LIST_FIELDS:
        current = [item for part in parts for item in getattr(part, key) or []]
        if key == "authors":
            current = list(dict.fromkeys(current))
        if current == value:
            return False
        for index, part in enumerate(parts):
            new = list(value) if index == 0 else []
            if list(getattr(part, key) or []) != new:
                _keep_original(part, key, getattr(part, key) or [])
                setattr(part, key, new)
        return True
    if (getattr(first, key) or None) == (value or None) and key != "title":
        return False
    if key == "title" and (first.title or "") == value:
        return False
    _keep_original(first, key, getattr(first, key))
    setattr(first, key, value)
    return True


def _machine_text(block: TextBlock) -> str:
    return block.original if block.original is not None else block.text


def _rewrite_blocks(session: Session, part: ArticlePart, new: list[tuple[str, str]]) -> bool:
    """Give a part new paragraphs, keeping the machine's text of every old one.

    Returns:
        Whether anything changed.
    """
    old = sorted(part.blocks, key=lambda block: block.seq)
    if [(block.kind, block.text) for block in old] == new:
        return False
    originals: list[str | None] = [None] * len(new)
    if len(old) == len(new):
        for index, block in enumerate(old):
            originals[index] = _machine_text(block)
    else:
        matcher = difflib.SequenceMatcher(
            None, [block.text for block in old], [text for _kind, text in new], autojunk=False
        )
        carry: list[str] = []  # machine text of deleted blocks waiting for a home
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            machine = [_machine_text(block) for block in old[i1:i2]]
            if tag == "equal":
                for offset in range(j2 - j1):
                    originals[j1 + offset] = old[i1 + offset].original
            elif tag == "replace" and i2 - i1 == j2 - j1:
                for offset in range(j2 - j1):
                    originals[j1 + offset] = machine[offset]
            elif tag == "replace":
                originals[j1] = "\n".join(machine)
            elif tag == "delete":
                carry.extend(machine)
                continue
            if carry and j2 > j1:
                head = originals[j1] if originals[j1] is not None else new[j1][1]
                originals[j1] = "\n".join([*carry, head])
                carry = []
        if carry:
            if new:
                tail = originals[-1] if originals[-1] is not None else new[-1][1]
                originals[-1] = "\n".join([tail, *carry])
            else:
                _keep_original(part, ORIGINAL_BODY_KEY, "\n".join(carry))
    for index, (_kind, text) in enumerate(new):
        if originals[index] == text:
            originals[index] = None  # back to the machine's text
    if len(old) == len(new):
        for block, (kind, text), original in zip(old, new, originals, strict=True):
            block.kind, block.text, block.original = kind, text, original
        session.flush()
        return True
    session.execute(delete(TextBlock).where(TextBlock.part_id == part.id))
    session.expire(part, ["blocks"])
    session.flush()
    for seq, ((kind, text), original) in enumerate(zip(new, originals, strict=True)):
        session.add(TextBlock(part_id=part.id, seq=seq, kind=kind, text=text, original=original))
    session.flush()
    session.expire(part, ["blocks"])
    return True


def edit_article(
    archive: Archive,
    article_id: int,
    *,
    fields: dict[str, Any] | None = None,
    parts: dict[int, list[tuple[str, str]]] | None = None,
) -> CurationResult:
    """Edit an article's fields and paragraphs (one revision).

    Args:
        archive: the archive, opened for writing.
        article_id: the article.
        fields: any of :data:`ARTICLE_FIELDS` — title, subtitle, kicker, credit as text,
            authors and captions as lists of text; stored on the first part. An empty
            headline is allowed; an empty subtitle, kicker or credit removes it.
        parts: part id → the part's new paragraphs as (kind, text); empty texts are dropped.

    Returns:
        What the edit did.

    Raises:
        NotFoundError: no such article.
        InputError: an unknown field or kind, a part of another article, or nothing changed.
    """
    wanted_fields = _clean_fields(fields or {})
    wanted_parts = {
        int(part_id): _clean_blocks(int(part_id), blocks)
        for part_id, blocks in (parts or {}).items()
    }
    with archive.db.read() as session:
        article = _article(session, article_id)
        headline = _headline(article)
    what = [*wanted_fields, *(["body"] if wanted_parts else [])]

    def work(session: Session) -> CurationChange:
        article = _article(session, article_id)
        ordered = _parts(article)
        if not ordered:
            raise InputError(f"Article {article_id} ({_headline(article)}) has no text to edit.")
        by_id = {part.id: part for part in ordered}
        foreign = sorted(set(wanted_parts) - set(by_id))
        if foreign:
            raise InputError(
                f"Part {foreign[0]} is not a part of article {article_id} ({_headline(article)})."
            )
        changed = False
        for key, value in wanted_fields.items():
            changed = _set_field(ordered, key, value) or changed
        for part_id, blocks in wanted_parts.items():
            changed = _rewrite_blocks(session, by_id[part_id], blocks) or changed
        if not changed:
            raise InputError("nothing to change")
        session.flush()
        session.refresh(article, ["parts"])
        refresh_article(article)
        return CurationChange(touched={article.id})

    return curate(
        archive,
        "edit_article",
        f"{headline}: edit {', '.join(what) or 'text'}",
        [article_id],
        work,
    )


# --------------------------------------------------------------------- pages and issues


def _page(session: Session, page_id: int) -> Page:
    page = session.get(Page, int(page_id))
    if page is None:
        raise NotFoundError(f"No page with id {page_id}.")
    return page


def _issue(session: Session, issue_id: int) -> Issue:
    issue = session.get(Issue, int(issue_id))
    if issue is None:
        raise NotFoundError(f"No issue with id {issue_id}.")
    return issue


def _key_of(page: Page) -> dict[str, Any]:
    issue = page.issue
    return {
        "publication": issue.publication.name,
        "date": issue.date.isoformat() if issue.date else None,
        "number": issue.number,
        "label": page.label,
    }


def _describe_issue(publication: str, date: dt.date | None, number: str | None) -> str:
    pieces = [publication, date.isoformat() if date else "(undated)"]
    if number:
        pieces.append(f"({number})")
    return " ".join(pieces)


def _clean_text(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if not text:
        raise InputError(f"{what} must not be empty")
    return text


def _move_page(session: Session, page: Page, target: Issue, label: str) -> set[int]:
    """Put a page in an issue under a label; its articles follow. Returns the articles."""
    if page.original is None:
        page.original = _key_of(page)
    page.issue_id = target.id
    page.label = label
    session.flush()
    session.refresh(page, ["issue"])
    if page.original == _key_of(page):
        page.original = None  # corrected back to what was imported
    articles: set[int] = set()
    for part in page.parts:
        article = part.article
        articles.add(article.id)
        first = _parts(article)[0]
        if first.page_id == page.id and article.issue_id != target.id:
            article.issue_id = target.id
    session.flush()
    return articles


def _drop_if_empty(session: Session, issue_id: int) -> None:
    """Delete an issue no page or article uses any more (and its publication when unused)."""
    session.flush()
    if session.scalar(select(Page.id).where(Page.issue_id == issue_id).limit(1)) is not None:
        return
    if session.scalar(select(Article.id).where(Article.issue_id == issue_id).limit(1)) is not None:
        return
    publication_id = session.scalar(select(Issue.publication_id).where(Issue.id == issue_id))
    if publication_id is None:
        return
    # Core statements: the ORM would first unlink the pages its stale collection still lists.
    session.execute(delete(Issue).where(Issue.id == issue_id))
    if (
        session.scalar(select(Issue.id).where(Issue.publication_id == publication_id).limit(1))
        is None
    ):
        session.execute(delete(Publication).where(Publication.id == publication_id))
    session.expire_all()


def edit_page(
    archive: Archive,
    page_id: int,
    *,
    publication: str | None = None,
    date: dt.date | None = None,
    number: str | None = None,
    label: str | None = None,
) -> CurationResult:
    """Correct a page's publication, date, issue number or label (None: unchanged).

    The page moves to the issue of the new key (created when missing) with its articles;
    an issue left empty is removed. ``page.original`` keeps the key as imported.

    Args:
        archive: the archive, opened for writing.
        page_id: the page.
        publication: the publication's name.
        date: the issue date.
        number: the issue number ('' removes it).
        label: the page label (normalised: 第五版 → 05).

    Returns:
        What the correction did.

    Raises:
        NotFoundError: no such page.
        InputError: the target issue has a page with that label already, or nothing changed.
    """
    name = _clean_text(publication, "the publication")
    new_label = normalise_page_label(label) if label is not None and label.strip() else None
    if label is not None and not new_label:
        raise InputError("the page label must not be empty")
    with archive.db.read() as session:
        page = _page(session, page_id)
        before = _key_of(page)
    summary = f"page {before['label']} of {before['publication']} {before['date'] or ''}".strip()

    def work(session: Session) -> CurationChange:
        page = _page(session, page_id)
        issue = page.issue
        old_issue_id = issue.id
        key = (
            name or issue.publication.name,
            date or issue.date,
            issue.number if number is None else (number.strip() or None),
            new_label or page.label,
        )
        if key == (issue.publication.name, issue.date, issue.number, page.label):
            raise InputError("nothing to change")
        target = get_or_create_issue(
            session, PageMeta(publication=key[0], date=key[1], number=key[2])
        )
        if key[2] is None and target.number is not None and number is not None:
            target.number = None  # the number was removed on purpose
        clash = find_page(session, target.id, key[3])
        if clash is not None and clash.id != page.id:
            raise InputError(
                f"{_describe_issue(key[0], key[1], target.number)} already has a page "
                f"{key[3]} (page id {clash.id}, from {clash.source_name}): give this page "
                "another label, or correct that page first."
            )
        articles = _move_page(session, page, target, key[3])
        if old_issue_id != target.id:
            _drop_if_empty(session, old_issue_id)
        return CurationChange(touched=articles, pages={page.id})

    after = _describe_issue(
        name or before["publication"],
        date or (dt.date.fromisoformat(before["date"]) if before["date"] else None),
        before["number"] if number is None else number or None,
    )
    return curate(
        archive,
        "edit_page",
        f"{summary} → {after} {new_label or before['label']}",
        [],
        work,
        page_ids=[page_id],
    )


def edit_issue(
    archive: Archive,
    issue_id: int,
    *,
    publication: str | None = None,
    date: dt.date | None = None,
    number: str | None = None,
) -> CurationResult:
    """Correct the publication, date or number of a whole issue (None: unchanged).

    When an issue of the new key exists, the pages join it (refused, with nothing changed,
    when both have pages of the same label).

    Args:
        archive: the archive, opened for writing.
        issue_id: the issue.
        publication: the publication's name.
        date: the issue date.
        number: the issue number ('' removes it).

    Returns:
        What the correction did.

    Raises:
        NotFoundError: no such issue.
        InputError: conflicting page labels, or nothing changed.
    """
    name = _clean_text(publication, "the publication")
    with archive.db.read() as session:
        issue = _issue(session, issue_id)
        before = _describe_issue(issue.publication.name, issue.date, issue.number)
        after = _describe_issue(
            name or issue.publication.name,
            date or issue.date,
            issue.number if number is None else (number.strip() or None),
        )
        page_ids = list(session.scalars(select(Page.id).where(Page.issue_id == issue.id)))
        article_ids = list(session.scalars(select(Article.id).where(Article.issue_id == issue.id)))

    def work(session: Session) -> CurationChange:
        issue = _issue(session, issue_id)
        key = (
            name or issue.publication.name,
            date or issue.date,
            issue.number if number is None else (number.strip() or None),
        )
        if key == (issue.publication.name, issue.date, issue.number):
            raise InputError("nothing to change")
        pages = sorted(issue.pages, key=lambda page: page.label)
        if key[0] == issue.publication.name and key[1] == issue.date:
            for page in pages:
                if page.original is None:
                    page.original = _key_of(page)
            issue.number = key[2]  # the same issue, numbered differently
            session.flush()
            return CurationChange(touched=set(article_ids), pages={page.id for page in pages})
        target = get_or_create_issue(
            session, PageMeta(publication=key[0], date=key[1], number=key[2])
        )
        if target.id == issue.id:
            return CurationChange(touched=set(article_ids), pages=set(page_ids))
        taken = {page.label for page in target.pages}
        clashes = sorted(page.label for page in pages if page.label in taken)
        if clashes:
            raise InputError(
                f"{_describe_issue(key[0], key[1], target.number)} already has page(s) "
                f"{', '.join(clashes)}: correct those page labels first (nothing was changed)."
            )
        touched: set[int] = set()
        for page in pages:
            touched |= _move_page(session, page, target, page.label)
        for article in session.scalars(select(Article).where(Article.issue_id == issue.id)):
            article.issue_id = target.id  # articles without text on these pages follow too
            touched.add(article.id)
        _drop_if_empty(session, issue.id)
        return CurationChange(touched=touched, pages=set(page_ids))

    return curate(
        archive,
        "edit_issue",
        f"issue {before} → {after}",
        article_ids,
        work,
        page_ids=page_ids,
    )
