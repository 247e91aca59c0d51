"""CLI commands of the researcher tools: cite, export, bookmarks, tags, annotations, collections.

Scripts can do here what the window does; every command that prints data has ``--json``.
Bad input (unknown id, tag, collection, colour, a quote not in the article) is an
:class:`reader.errors.InputError`: exit status 2 with a message.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TextIO

from reader.archive import Archive
from reader.citation import cite
from reader.errors import InputError
from reader.export import render_export, write_text_atomically
from reader.library import list_articles
from reader.notes import annotations as notes_annotations
from reader.notes import bookmarks, collections, saved_searches, tags
from reader.textwidth import format_table, truncate

Handler = Callable[[argparse.Namespace, Archive, TextIO], int]


def _dump(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2))
    out.write("\n")


def _wants_json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "json", False))


def _report(args: argparse.Namespace, out: TextIO, data: object, line: str) -> int:
    """Print what a command did: ``data`` as JSON with --json, else ``line``; exit code 0."""
    if _wants_json(args):
        _dump(data, out)
    else:
        out.write(line + "\n")
    return 0


def cmd_cite(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Print (or write) citations of articles."""
    with archive.db.read() as session:
        text = cite(session, args.ids, args.style)
    if args.out is not None:
        write_text_atomically(args.out, text)
        if _wants_json(args):
            _dump({"path": str(args.out), "style": args.style, "articles": len(args.ids)}, out)
        return 0
    if _wants_json(args) and args.style != "csl-json":
        _dump({"style": args.style, "text": text}, out)
        return 0
    out.write(text)
    return 0


def cmd_export(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Export notes or an article list to a file or standard output."""
    chosen = [
        name
        for name in ("collection", "ids", "tag", "bookmarked")
        if getattr(args, name) not in (None, False)
    ]
    if len(chosen) > 1:
        raise InputError("choose the articles one way: --collection, --ids, --tag or --bookmarked")
    with archive.db.read() as session:
        collection_id = None
        article_ids: list[int] | None = None
        if args.collection is not None:
            collection_id = collections.resolve_collection(session, args.collection)
        elif args.ids is not None:
            article_ids = list(args.ids)
        elif args.tag is not None:
            article_ids = tags.articles_with_tag(session, args.tag)
        elif args.bookmarked:
            article_ids = sorted(bookmarks.bookmarked_ids(session))
        text, count = render_export(
            session,
            args.what,
            args.format,
            article_ids=article_ids,
            collection_id=collection_id,
        )
    if args.out is None:
        out.write(text)
        return 0
    write_text_atomically(args.out, text, bom=args.format == "csv")
    report = {"path": str(args.out), "what": args.what, "format": args.format, "items": count}
    what = "annotations" if args.what == "notes" else "articles"
    return _report(args, out, report, f"{count} {what} → {args.out}")


# ------------------------------------------------------------------------------ bookmarks


def cmd_bookmark(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Bookmark articles."""
    added = [article_id for article_id in args.ids if bookmarks.add_bookmark(archive, article_id)]
    return _report(
        args,
        out,
        {"bookmarked": added, "already": [i for i in args.ids if i not in added]},
        f"{len(added)} bookmarked, {len(args.ids) - len(added)} already were",
    )


def cmd_unbookmark(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Remove bookmarks."""
    removed = [i for i in args.ids if bookmarks.remove_bookmark(archive, i) is not None]
    return _report(
        args,
        out,
        {"removed": removed, "not_bookmarked": [i for i in args.ids if i not in removed]},
        f"{len(removed)} removed, {len(args.ids) - len(removed)} were not bookmarked",
    )


def cmd_bookmarks(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List bookmarks."""
    with archive.db.read() as session:
        rows = bookmarks.list_bookmarks(session)
    if _wants_json(args):
        _dump({"bookmarks": [row.to_dict() for row in rows]}, out)
        return 0
    table = [
        [
            str(row.article_id) if row.article_id is not None else "(gone)",
            row.article.date or "",
            ",".join(row.article.pages),
            row.article.title or "（无标题）",
            row.article.publication,
        ]
        for row in rows
    ]
    out.write(format_table(["article", "date", "pages", "title", "publication"], table) + "\n")
    return 0


# ----------------------------------------------------------------------------------- tags


def cmd_tag(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Tag articles."""
    change = tags.tag_articles(archive, args.ids, args.path)
    return _report(
        args,
        out,
        {"tag": change.path, "tagged": change.article_ids},
        f"{change.path}: {len(change.article_ids)} article(s) tagged",
    )


def cmd_untag(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Take a tag off articles."""
    snapshot = tags.untag_articles(archive, args.ids, args.path)
    removed = sorted({link["article_id"] for link in snapshot.links if link["article_id"]})
    path = tags.normalise_tag_path(args.path)
    line = f"{path}: taken off {len(removed)} article(s)"
    return _report(args, out, {"tag": path, "untagged": removed}, line)


def cmd_tags(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List tags, or the articles of one tag."""
    with archive.db.read() as session:
        if args.articles is not None:
            ids = tags.articles_with_tag(session, args.articles)
            summaries = list_articles(session, article_ids=ids) if ids else []
            if _wants_json(args):
                _dump({"articles": [summary.to_dict() for summary in summaries]}, out)
                return 0
            rows = [[str(s.id), s.date or "", ",".join(s.pages), s.title] for s in summaries]
            out.write(format_table(["id", "date", "pages", "title"], rows) + "\n")
            return 0
        found = tags.list_tags(session)
    if _wants_json(args):
        _dump({"tags": [info.to_dict() for info in found]}, out)
        return 0
    rows = [
        ["  " * info.depth + info.name, str(info.count), str(info.total), info.path]
        for info in found
    ]
    out.write(format_table(["tag", "articles", "with sub-tags", "path"], rows) + "\n")
    return 0


def cmd_tag_rename(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Rename a tag."""
    snapshot = tags.rename_tag(archive, args.old, args.new)
    return _report(
        args,
        out,
        {"renamed": [row["path"] for row in snapshot.tags]},
        f"{len(snapshot.tags)} tag(s) renamed",
    )


def cmd_tag_delete(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Delete a tag and the tags below it."""
    snapshot = tags.delete_tag(archive, args.path)
    return _report(
        args,
        out,
        {"deleted": [row["path"] for row in snapshot.tags], "links": len(snapshot.links)},
        f"{len(snapshot.tags)} tag(s) deleted, taken off {len(snapshot.links)} link(s)",
    )


# ---------------------------------------------------------------------------- annotations


def cmd_annotate(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Highlight a passage (or note a whole article)."""
    if args.start is not None and args.end is None:
        raise InputError("--start needs --end")
    if args.article_note:
        info = notes_annotations.create_annotation(
            archive, args.id, field="article", note=args.note, color=args.color
        )
    else:
        info = notes_annotations.create_annotation(
            archive,
            args.id,
            field=args.field,
            start=args.start,
            end=args.end,
            quote=args.quote,
            occurrence=args.occurrence,
            note=args.note,
            color=args.color,
        )
    where = "the article" if info.field == "article" else f"{info.field} {info.start}–{info.end}"
    return _report(
        args, out, info.to_dict(), f"annotation {info.id} on article {info.article_id}, {where}"
    )


def cmd_annotations(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List annotations."""
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be at least 1")
    with archive.db.read() as session:
        rows = notes_annotations.list_annotations(
            session,
            article_id=args.article,
            orphaned=True if args.orphaned else None,
            text=args.text,
            limit=args.limit,
        )
    if _wants_json(args):
        _dump({"annotations": [row.to_dict() for row in rows]}, out)
        return 0
    table = [
        [
            str(row.id),
            str(row.article_id) if row.article_id is not None else "(gone)",
            "orphaned" if row.orphaned else row.status,
            row.color,
            truncate(row.quote.replace("\n", " "), 30) if row.field != "article" else "（全文）",
            truncate(row.note.replace("\n", " "), 40),
        ]
        for row in rows
    ]
    headers = ["id", "article", "status", "colour", "passage", "note"]
    out.write(format_table(headers, table, max_column=60) + "\n")
    return 0


def cmd_annotation_edit(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Change an annotation's note or colour."""
    if args.note is None and args.color is None:
        raise InputError("give --note and/or --color")
    notes_annotations.update_annotation(archive, args.id, note=args.note, color=args.color)
    with archive.db.read() as session:
        info = notes_annotations.get_annotation(session, args.id)
    return _report(args, out, info.to_dict(), f"annotation {info.id} updated")


def cmd_annotation_delete(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Delete an annotation."""
    snapshot = notes_annotations.delete_annotation(archive, args.id)
    return _report(
        args, out, {"deleted": snapshot.row["id"]}, f"annotation {snapshot.row['id']} deleted"
    )


# ---------------------------------------------------------------------------- collections


def _print_collections(
    args: argparse.Namespace, archive: Archive, out: TextIO, name: str | None
) -> int:
    with archive.db.read() as session:
        if name is not None:
            collection_id = collections.resolve_collection(session, name)
            items = collections.collection_items(session, collection_id, recursive=True)
            if _wants_json(args):
                _dump({"items": [item.to_dict() for item in items]}, out)
                return 0
            rows = [
                [
                    str(item.article_id) if item.article_id is not None else "(gone)",
                    item.article.date or "",
                    item.article.title,
                ]
                for item in items
            ]
            out.write(format_table(["article", "date", "title"], rows) + "\n")
            return 0
        found = collections.list_collections(session)
    if _wants_json(args):
        _dump({"collections": [info.to_dict() for info in found]}, out)
        return 0
    rows = [
        [str(info.id), "  " * info.depth + info.name, str(info.count), str(info.total)]
        for info in found
    ]
    out.write(format_table(["id", "collection", "articles", "with sub-collections"], rows) + "\n")
    return 0


def _resolve(archive: Archive, name: str | None) -> int | None:
    if name is None:
        return None
    with archive.db.read() as session:
        return collections.resolve_collection(session, name)


def cmd_collection(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Collection create|add|remove|list|rename|move|delete."""
    action = args.action
    if action == "list":
        return _print_collections(args, archive, out, args.name)
    if action == "create":
        info = collections.create_collection(archive, args.name, _resolve(archive, args.parent))
        data: dict[str, object] = info.to_dict()
        message = f"collection {info.path} created (id {info.id})"
    else:
        collection_id = _resolve(archive, args.name)
        assert collection_id is not None
        if action == "add":
            added = collections.add_to_collection(archive, collection_id, args.ids)
            data = {"collection": collection_id, "added": added}
            message = f"{len(added)} article(s) added"
        elif action == "remove":
            snapshot = collections.remove_from_collection(archive, collection_id, args.ids)
            removed = [item["article_id"] for item in snapshot.items]
            data = {"collection": collection_id, "removed": removed}
            message = f"{len(removed)} article(s) removed"
        elif action == "rename":
            old = collections.rename_collection(archive, collection_id, args.new_name)
            data = {"collection": collection_id, "old_name": old}
            message = f"renamed {old} → {args.new_name}"
        elif action == "move":
            parent = _resolve(archive, args.parent)
            collections.move_collection(archive, collection_id, parent)
            data = {"collection": collection_id, "parent": parent}
            message = "moved"
        else:
            snapshot = collections.delete_collection(archive, collection_id)
            data = {
                "deleted": [row["id"] for row in snapshot.collections],
                "items": len(snapshot.items),
            }
            message = f"{len(snapshot.collections)} collection(s) deleted"
    return _report(args, out, data, message)


def cmd_collections(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List collections (read-only)."""
    return _print_collections(args, archive, out, args.name)


# ------------------------------------------------------------------------- saved searches


def _print_saved(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    with archive.db.read() as session:
        found = saved_searches.list_saved_searches(session)
    if _wants_json(args):
        _dump({"saved_searches": [info.to_dict() for info in found]}, out)
        return 0
    rows = [[info.name, info.query] for info in found]
    out.write(format_table(["name", "query"], rows, max_column=70) + "\n")
    return 0


def cmd_saved_search(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """saved-search save|list|delete."""
    if args.action == "list":
        return _print_saved(args, archive, out)
    if args.action == "save":
        previous = saved_searches.save_search(archive, args.name, args.query)
        data: dict[str, object] = {"name": args.name, "replaced": previous is not None}
        message = f"saved {args.name}" + (" (replaced)" if previous is not None else "")
    else:
        info = saved_searches.delete_saved_search(archive, args.name)
        data = {"deleted": info.name}
        message = f"deleted {info.name}"
    return _report(args, out, data, message)


def cmd_saved_searches(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List saved searches (read-only)."""
    return _print_saved(args, archive, out)


HANDLERS: dict[str, tuple[Handler, bool]] = {
    "cite": (cmd_cite, False),
    "export": (cmd_export, False),
    "bookmark": (cmd_bookmark, True),
    "unbookmark": (cmd_unbookmark, True),
    "bookmarks": (cmd_bookmarks, False),
    "tag": (cmd_tag, True),
    "untag": (cmd_untag, True),
    "tags": (cmd_tags, False),
    "tag-rename": (cmd_tag_rename, True),
    "tag-delete": (cmd_tag_delete, True),
    "annotate": (cmd_annotate, True),
    "annotations": (cmd_annotations, False),
    "annotation-edit": (cmd_annotation_edit, True),
    "annotation-delete": (cmd_annotation_delete, True),
    "collection": (cmd_collection, True),
    "collections": (cmd_collections, False),
    "saved-search": (cmd_saved_search, True),
    "saved-searches": (cmd_saved_searches, False),
}
