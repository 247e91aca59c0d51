"""Undoable curation steps: an operation is a revision; undo reverts it, redo reverts the revert."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Literal

from reader.archive import Archive
from reader.curation import edits, history, structure
from reader.curation.history import CurationResult
from ui.undo import Affects, EditCommand, Editor, State, shorten

TITLE_SHOWN = 16
"""Characters of a headline shown in the Edit menu."""

Operation = Callable[[Archive], CurationResult]
"""A curation operation to run on the writing thread: ``fn(archive) -> CurationResult``."""


def run_step(archive: Archive, state: State, first: Operation) -> CurationResult:
    """Run a command's edit: the operation the first time, then the revert of its undo.

    Args:
        archive: the archive (on the writing thread).
        state: the command's state; keeps the id of the revision to undo.
        first: the operation itself.

    Returns:
        What the step did.
    """
    undo_id = state.pop("undo_revision", None)
    result = first(archive) if undo_id is None else history.revert_revision(archive, undo_id)
    state["revision"] = result.revision_id
    return result


def undo_step(archive: Archive, state: State) -> CurationResult:
    """Undo a command's edit: revert the revision its last run made (and remember the revert)."""
    result = history.revert_revision(archive, state["revision"])
    state["undo_revision"] = result.revision_id
    return result


class CurationEditor(Editor):
    """Makes curation operations undoable commands on the window's one undo stack.

    Each operation stores a revision; its undo reverts that revision (a new revision of
    its own), and its redo reverts the revert, which puts the operation back. Every step
    is a writing task, and the views are refreshed after it (``Affects.ARTICLES``).
    """

    def push(self, text: str, operation: Operation) -> EditCommand:
        """Run an operation now, undoably.

        Args:
            text: what it does, for the Edit menu ("split “湖畔新区…”").
            operation: the operation, on the writing thread.
        """
        archive = self.archive
        return self.edits.push(
            text,
            lambda state: run_step(archive, state, operation),
            lambda state: undo_step(archive, state),
            Affects.ARTICLES,
        )

    def _quoted(self, title: str) -> str:
        return "“" + shorten(title, TITLE_SHOWN) + "”" if title.strip() else self.tr("(untitled)")

    def edit_article(
        self,
        article_id: int,
        title: str,
        *,
        fields: dict[str, Any] | None = None,
        parts: dict[int, list[tuple[str, str]]] | None = None,
    ) -> EditCommand:
        """Change the headline, deck, authors… and the paragraphs of an article.

        Args:
            article_id: the article.
            title: its headline now (for the Edit menu).
            fields: the changed fields (``reader.curation.edits.ARTICLE_FIELDS``).
            parts: part id → its new (kind, text) blocks.
        """
        return self.push(
            self.tr("edit %1").replace("%1", self._quoted(title)),
            lambda archive: edits.edit_article(archive, article_id, fields=fields, parts=parts),
        )

    def split(self, article_id: int, block_index: int, title: str) -> EditCommand:
        """Split an article before a block: that block and the rest become a new article."""
        return self.push(
            self.tr("split %1").replace("%1", self._quoted(title)),
            lambda archive: structure.split_article(archive, article_id, block_index),
        )

    def merge(
        self, article_id: int, direction: Literal["previous", "next"], title: str
    ) -> EditCommand:
        """Merge an article with the article before or after it on the page."""
        template = (
            self.tr("merge %1 with the previous article")
            if direction == "previous"
            else self.tr("merge %1 with the next article")
        )
        return self.push(
            template.replace("%1", self._quoted(title)),
            lambda archive: structure.merge_with_neighbour(archive, article_id, direction),
        )

    def move_blocks(
        self,
        article_id: int,
        block_indexes: Sequence[int],
        target_id: int,
        at: Literal["start", "end"],
        target_title: str,
    ) -> EditCommand:
        """Move paragraphs of an article to the start or the end of another article."""
        indexes = sorted(set(block_indexes))
        return self.push(
            self.tr("move %n paragraph(s) to %1", "", len(indexes)).replace(
                "%1", self._quoted(target_title)
            ),
            lambda archive: structure.move_blocks(archive, article_id, indexes, target_id, at=at),
        )

    def join(self, head_id: int, tail_id: int, title: str) -> EditCommand:
        """Append an article's parts to another as its continuation (the tail is removed)."""
        return self.push(
            self.tr("join the continuation of %1").replace("%1", self._quoted(title)),
            lambda archive: structure.join_continuation(archive, head_id, tail_id),
        )

    def unjoin(self, article_id: int, part_no: int, page_label: str, title: str) -> EditCommand:
        """Cut an article before a part: that part and the later ones become a new article."""
        return self.push(
            self.tr("unjoin %1 at page %2")
            .replace("%1", self._quoted(title))
            .replace("%2", page_label),
            lambda archive: structure.unjoin(archive, article_id, part_no),
        )

    def move_article(
        self, article_id: int, page_id: int, page_text: str, title: str
    ) -> EditCommand:
        """Move a one-part article to another page (of any issue)."""
        return self.push(
            self.tr("move %1 to %2").replace("%1", self._quoted(title)).replace("%2", page_text),
            lambda archive: structure.move_article(archive, article_id, page_id),
        )

    def edit_page(self, page_id: int, changes: dict[str, Any], page_text: str) -> EditCommand:
        """Correct the publication, date, issue number or label of a page.

        Args:
            page_id: the page.
            changes: any of ``publication`` (str), ``date`` (``datetime.date``), ``number``
                (str) and ``label`` (str).
            page_text: the page as the user knows it ("测试周报 2024-01-05 A1").
        """
        values = _checked(changes, ("publication", "date", "number", "label"))
        return self.push(
            self.tr("correct the details of %1").replace("%1", page_text),
            lambda archive: edits.edit_page(archive, page_id, **values),
        )

    def edit_issue(self, issue_id: int, changes: dict[str, Any], issue_text: str) -> EditCommand:
        """Correct the publication, date or number of a whole issue (every page of it)."""
        values = _checked(changes, ("publication", "date", "number"))
        return self.push(
            self.tr("correct the details of %1").replace("%1", issue_text),
            lambda archive: edits.edit_issue(archive, issue_id, **values),
        )

    def revert(self, revision_id: int, summary: str) -> EditCommand:
        """Revert a revision of the history (undo re-applies it)."""
        return self.push(
            self.tr("revert #%1 %2")
            .replace("%1", str(revision_id))
            .replace("%2", self._quoted(summary)),
            lambda archive: history.revert_revision(archive, revision_id),
        )


def _checked(changes: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(changes) - set(allowed)
    if unknown:
        raise ValueError(f"unknown details {sorted(unknown)}")
    date = changes.get("date")
    if date is not None and not isinstance(date, dt.date):
        raise TypeError("date must be a datetime.date")
    return dict(changes)
