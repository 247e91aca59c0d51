"""CLI commands of curation: edit articles, pages and issues, list and show revisions, revert.

Every write prints the revision's summary and what happened to users' data; listings have
``--json``. The structure commands (split, merge, move-blocks, join, unjoin, move-article)
share the ``HANDLERS`` dict below.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from typing import Any, TextIO

from reader.archive import Archive
from reader.curation import edits, history, structure
from reader.curation.history import CurationResult, FieldDiff
from reader.errors import InputError
from reader.textwidth import format_table

Handler = Callable[[argparse.Namespace, Archive, TextIO], int]

_BLOCK = re.compile(r"^\s*(\d+)\s*=(.*)$", re.DOTALL)
_NAMES = re.compile(r"[,，、;；]")


def _dump(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2))
    out.write("\n")


def print_result(args: argparse.Namespace, result: CurationResult, out: TextIO) -> int:
    """Print what a correction did: JSON with --json, else its summary and message."""
    if getattr(args, "json", False):
        _dump(result.to_dict(), out)
        return 0
    out.write(f"revision {result.revision_id}: {result.summary}\n")
    if result.created_ids:
        out.write(f"new article(s): {', '.join(str(i) for i in result.created_ids)}\n")
    if result.removed_ids:
        out.write(f"removed article(s): {', '.join(str(i) for i in result.removed_ids)}\n")
    if result.message:
        out.write(result.message + "\n")
    return 0


def _names(value: str) -> list[str]:
    return [name.strip() for name in _NAMES.split(value) if name.strip()]


def _block_edits(
    archive: Archive, article_id: int, specs: list[str]
) -> dict[int, list[tuple[str, str]]]:
    """Turn ``N=TEXT`` options into new blocks per part (N counts over all parts, from 0)."""
    with archive.db.read() as session:
        text = edits.article_text(session, article_id)
    places: list[tuple[int, int]] = [
        (part_index, block_index)
        for part_index, part in enumerate(text.parts)
        for block_index in range(len(part.blocks))
    ]
    changed: dict[int, list[tuple[str, str]]] = {}
    for spec in specs:
        match = _BLOCK.match(spec)
        if match is None:
            raise InputError(f"--block takes N=TEXT (paragraph number, then its text): {spec!r}")
        index = int(match.group(1))
        if not 0 <= index < len(places):
            raise InputError(
                f"article {article_id} has paragraphs 0–{len(places) - 1}; no paragraph {index}"
            )
        part_index, block_index = places[index]
        part = text.parts[part_index]
        blocks = changed.setdefault(part.part_id, list(part.blocks))
        kind, _old = blocks[block_index]
        blocks[block_index] = (kind, match.group(2))
    return changed


def cmd_edit(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Edit an article's fields and paragraphs."""
    fields: dict[str, Any] = {}
    for name in ("title", "subtitle", "kicker", "credit"):
        value = getattr(args, name)
        if value is not None:
            fields[name] = value
    if args.authors is not None:
        fields["authors"] = _names(args.authors)
    if args.caption is not None:
        fields["captions"] = [caption for caption in args.caption if caption.strip()]
    parts = _block_edits(archive, args.article_id, args.block) if args.block else None
    if not fields and not parts:
        raise InputError("nothing to change: give --title, --block N=TEXT or another field")
    result = edits.edit_article(archive, args.article_id, fields=fields or None, parts=parts)
    return print_result(args, result, out)


def cmd_edit_page(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Correct a page's publication, date, issue number or label."""
    result = edits.edit_page(
        archive,
        args.page_id,
        publication=args.publication,
        date=args.date,
        number=args.number,
        label=args.label,
    )
    return print_result(args, result, out)


def cmd_edit_issue(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Correct a whole issue's publication, date or number."""
    result = edits.edit_issue(
        archive, args.issue_id, publication=args.publication, date=args.date, number=args.number
    )
    return print_result(args, result, out)


def cmd_history(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List revisions, newest first."""
    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    with archive.db.read() as session:
        found = history.list_revisions(
            session,
            article_id=args.article,
            page_id=args.page,
            issue_id=args.issue,
            limit=args.limit,
        )
    if args.json:
        _dump({"revisions": [info.to_dict() for info in found]}, out)
        return 0
    rows = [
        [
            str(info.id),
            info.at.replace("T", " "),
            info.action,
            f"reverted by {info.reverted_by}" if info.reverted_by else "",
            info.summary,
        ]
        for info in found
    ]
    out.write(format_table(["id", "at", "action", "state", "what"], rows, max_column=70) + "\n")
    return 0


def inline_diff(diff: FieldDiff) -> str:
    """A field's change on one line: deletions as ``[-…-]``, insertions as ``{+…+}``."""
    pieces: list[str] = []
    for tag, before, after in diff.ops():
        if tag == "equal":
            pieces.append(before)
            continue
        if before:
            pieces.append(f"[-{before}-]")
        if after:
            pieces.append(f"{{+{after}+}}")
    return "".join(pieces)


def cmd_show_revision(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Show one revision and its differences, field by field."""
    with archive.db.read() as session:
        info = history.revision_info(session, args.revision_id)
        diffs = history.revision_diff(session, args.revision_id)
    if args.json:
        _dump({**info.to_dict(), "diff": [diff.to_dict() for diff in diffs]}, out)
        return 0
    out.write(f"revision {info.id} ({info.at.replace('T', ' ')}, {info.actor}): {info.summary}\n")
    if info.revert_of:
        out.write(f"reverts revision {info.revert_of}\n")
    if info.reverted_by:
        out.write(f"reverted by revision {info.reverted_by}\n")
    for diff in diffs:
        where = f"article {diff.article_id}" if diff.article_id is not None else "page"
        out.write(f"{where} {diff.label}: {inline_diff(diff)}\n")
    return 0


def cmd_revert(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Undo a revision (reverting a revert redoes it)."""
    return print_result(args, history.revert_revision(archive, args.revision_id), out)


def cmd_split(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Split an article at a paragraph."""
    result = structure.split_article(archive, args.article_id, args.block, title=args.title)
    return print_result(args, result, out)


def cmd_merge(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Merge an article with its neighbour or another article."""
    if args.other is not None:
        result = structure.merge_articles(archive, args.article_id, args.other)
    else:
        direction = "previous" if args.previous else "next"
        result = structure.merge_with_neighbour(archive, args.article_id, direction)
    return print_result(args, result, out)


def cmd_move_blocks(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Move paragraphs to another article."""
    at = "start" if args.start else "end"
    result = structure.move_blocks(archive, args.article_id, args.blocks, args.to, at=at)
    return print_result(args, result, out)


def cmd_join(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Join two articles as a continuation."""
    return print_result(args, structure.join_continuation(archive, args.head_id, args.tail_id), out)


def cmd_unjoin(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Undo a wrong continuation join."""
    return print_result(args, structure.unjoin(archive, args.article_id, args.part_no), out)


def cmd_move_article(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Move a one-page article to another page."""
    result = structure.move_article(archive, args.article_id, args.page, position=args.position)
    return print_result(args, result, out)


HANDLERS: dict[str, tuple[Handler, bool]] = {
    "edit": (cmd_edit, True),
    "edit-page": (cmd_edit_page, True),
    "edit-issue": (cmd_edit_issue, True),
    "history": (cmd_history, False),
    "show-revision": (cmd_show_revision, False),
    "revert": (cmd_revert, True),
    "split": (cmd_split, True),
    "merge": (cmd_merge, True),
    "move-blocks": (cmd_move_blocks, True),
    "join": (cmd_join, True),
    "unjoin": (cmd_unjoin, True),
    "move-article": (cmd_move_article, True),
}
