"""The program's command-line arguments, kept light: the window starts without the CLI's imports."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date of the form YYYY-MM-DD: {value!r}") from None


ENTITY_TYPES = ("person", "place", "organization")


def _id_list_argument(value: str) -> list[int]:
    try:
        ids = [int(item) for item in value.replace("，", ",").split(",") if item.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a list of article ids like 3,5,8: {value!r}"
        ) from None
    if not ids:
        raise argparse.ArgumentTypeError("give at least one article id")
    return ids


def _add_entity_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The entity browsing and correction commands."""
    entities = add("entities", "list tagged people, places and organizations with counts")
    entities.add_argument("--type", choices=ENTITY_TYPES, help="only this type")
    entities.add_argument("--filter", metavar="TEXT", help="only names containing TEXT")
    entities.add_argument("--limit", type=int, metavar="N", help="at most N rows")
    entity = add("entity", "one entity: aliases, mentions, co-occurring entities, timeline")
    entity.add_argument("name", metavar="NAME")
    entity.add_argument("--type", choices=ENTITY_TYPES, help="its type, if the name has several")
    entity.add_argument(
        "--limit", type=int, default=200, metavar="N", help="mentions listed (default 200)"
    )
    rename = add("entity-rename", "call an entity by another name")
    rename.add_argument("name", metavar="NAME")
    rename.add_argument("new_name", metavar="NEW")
    rename.add_argument("--type", choices=ENTITY_TYPES)
    merge = add("entity-merge", "merge entity SOURCE into TARGET (SOURCE becomes an alias)")
    merge.add_argument("source", metavar="SOURCE")
    merge.add_argument("target", metavar="TARGET")
    merge.add_argument("--type", choices=ENTITY_TYPES, help="type of both entities")
    merge.add_argument("--target-type", choices=ENTITY_TYPES, help="type of TARGET if different")
    split = add("entity-split", "give an entity's mentions in some articles to a new entity")
    split.add_argument("name", metavar="NAME")
    split.add_argument("new_name", metavar="NEW")
    split.add_argument("--articles", type=_id_list_argument, required=True, metavar="ID[,ID…]")
    split.add_argument("--type", choices=ENTITY_TYPES)
    retype = add("entity-retype", "change an entity's type")
    retype.add_argument("name", metavar="NAME")
    retype.add_argument("new_type", choices=ENTITY_TYPES, metavar="NEWTYPE")
    retype.add_argument("--type", choices=ENTITY_TYPES, help="its current type")
    delete = add("entity-delete", "never tag this name as this entity again")
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--type", choices=ENTITY_TYPES)
    add_mention = add("entity-add", "tag a stretch of an article by hand")
    add_mention.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    add_mention.add_argument("--field", choices=("title", "subtitle", "body"), default="body")
    add_mention.add_argument("--start", type=int, required=True, metavar="N")
    add_mention.add_argument("--end", type=int, required=True, metavar="N")
    add_mention.add_argument("--type", choices=ENTITY_TYPES, required=True)
    add_mention.add_argument("--name", metavar="CANONICAL", help="entity name (default: the text)")
    undo = add("entity-undo", "undo an entity correction (default: the last one)")
    undo.add_argument("id", type=int, nargs="?", metavar="ID", help="correction id (history)")
    redo = add("entity-redo", "put an undone entity correction back in force")
    redo.add_argument("id", type=int, metavar="ID")
    history = add("entity-history", "entity corrections made, newest first")
    history.add_argument("--limit", type=int, metavar="N", help="at most N entries")


def _add_formats_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Originals of imported pages (PDF, HTML, ALTO/METS, text) and their scans."""
    source = add("page-source", "write the original file a page was imported from")
    source.add_argument("page_id", type=int, metavar="PAGE_ID", help="the page (see issues --json)")
    source.add_argument("--output", "-o", metavar="FILE", help="where to write it")
    source.add_argument("--scan", type=int, metavar="N", help="write the page's N-th scan instead")


def _add_qc_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The quality report."""
    qc = add("qc", "quality report: missing issues and pages, doubtful pages, suspect articles")
    qc.add_argument("--publication", metavar="NAME", help="only this publication")


def _add_maintenance_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Backups, restore, check, and the portable bundle."""
    add("backup", "take a verified online backup of the database now")
    backups = add("backups", "list the backups, newest first, each checked")
    backups.add_argument("--keep", type=int, metavar="N", help="keep the newest N from now on")
    backups.add_argument("--no-verify", action="store_true", help="list without checking")
    restore = add("restore", "replace the database by a backup (the current one is kept aside)")
    restore.add_argument(
        "backup", metavar="BACKUP", help="a backup file, its name in backups/, or latest"
    )
    check = add("check", "check integrity, search index, orphans and users' data (exit 0: ok)")
    check.add_argument("--no-repair", action="store_true", help="report the index, never rebuild")
    export = add("export-archive", "write users' data and the original pages to a bundle")
    export.add_argument("path", type=Path, metavar="PATH", help="a .zip file, else a folder")
    bundle = add("import-archive", "fill an empty archive from a bundle (checksums verified)")
    bundle.add_argument("path", type=Path, metavar="PATH")


def _add_curation_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Corrections of articles, pages and issues, with their history (undo by revert)."""
    edit = add("edit", "edit an article's headline, fields or paragraphs (a revision)")
    edit.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    edit.add_argument("--title", metavar="TEXT", help="the headline ('' for none)")
    edit.add_argument("--subtitle", metavar="TEXT", help="the deck ('' removes it)")
    edit.add_argument("--kicker", metavar="TEXT", help="the kicker ('' removes it)")
    edit.add_argument("--authors", metavar="A,B", help="the authors, comma-separated")
    edit.add_argument("--credit", metavar="TEXT", help="the credit (本报讯 …; '' removes it)")
    edit.add_argument(
        "--caption", action="append", metavar="TEXT", help="a caption (repeat; replaces all)"
    )
    edit.add_argument(
        "--block",
        action="append",
        metavar="N=TEXT",
        help="paragraph N (from 0, over every part) gets TEXT; N= removes it (repeatable)",
    )
    page = add("edit-page", "correct a page's publication, date, issue number or label")
    page.add_argument("page_id", type=int, metavar="PAGE_ID")
    issue = add("edit-issue", "correct the publication, date or number of a whole issue")
    issue.add_argument("issue_id", type=int, metavar="ISSUE_ID")
    for command in (page, issue):
        command.add_argument("--publication", metavar="NAME")
        command.add_argument("--date", type=_date_argument, help="YYYY-MM-DD")
        command.add_argument("--number", metavar="NUMBER", help="issue number ('' removes it)")
    page.add_argument("--label", metavar="LABEL", help="page label (A3, 05 …)")
    revisions = add("history", "list corrections (revisions), newest first")
    which = revisions.add_mutually_exclusive_group()
    which.add_argument("--article", type=int, metavar="ID", help="only those of this article")
    which.add_argument("--page", type=int, metavar="ID", help="only those of this page")
    which.add_argument("--issue", type=int, metavar="ID", help="only those of this issue")
    revisions.add_argument("--limit", type=int, default=500, metavar="N")
    show = add("show-revision", "show a revision: what it changed, field by field")
    show.add_argument("revision_id", type=int, metavar="ID")
    revert = add("revert", "undo a revision (reverting a revert redoes it)")
    revert.add_argument("revision_id", type=int, metavar="ID")
    _add_structure_commands(add)


def _add_structure_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Split, merge, move paragraphs, join and unjoin continuations, move articles."""
    split = add("split", "split an article: paragraphs from BLOCK on become a new article")
    split.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    split.add_argument("block", type=int, metavar="BLOCK", help="paragraph number, from 0")
    split.add_argument("--title", metavar="TEXT", help="headline of the new article")
    merge = add("merge", "merge an article with its neighbour or another article")
    merge.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    other = merge.add_mutually_exclusive_group(required=True)
    other.add_argument("--previous", action="store_true", help="with the article before it")
    other.add_argument("--next", action="store_true", help="with the article after it")
    other.add_argument("--with", dest="other", type=int, metavar="ID", help="with this article")
    blocks = add("move-blocks", "move paragraphs to another article")
    blocks.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    blocks.add_argument("blocks", type=_id_list_argument, metavar="N[,N…]")
    blocks.add_argument("--to", type=int, required=True, metavar="ID", help="the target article")
    blocks.add_argument("--start", action="store_true", help="put them first (default: last)")
    join = add("join", "join two articles as a continuation (下转/上接)")
    join.add_argument("head_id", type=int, metavar="HEAD")
    join.add_argument("tail_id", type=int, metavar="TAIL")
    unjoin = add("unjoin", "undo a wrong join: parts from PART on become a new article")
    unjoin.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    unjoin.add_argument("part_no", type=int, metavar="PART", help="part number, from 0")
    move = add("move-article", "move a one-page article to another page")
    move.add_argument("article_id", type=int, metavar="ARTICLE_ID")
    move.add_argument("--page", type=int, required=True, metavar="PAGE_ID")
    move.add_argument("--position", type=int, metavar="N", help="place on the page (default: last)")


CITATION_STYLES = ("gbt7714", "ris", "bibtex", "csl-json")
EXPORT_FORMATS = ("markdown", "json", "csv")
HIGHLIGHT_COLORS = ("yellow", "green", "blue", "pink", "purple")


def _add_notes_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Researcher tools: citations, exports, bookmarks, tags, annotations, collections."""
    cite = add("cite", "cite articles (GB/T 7714, RIS, BibTeX or CSL-JSON) on standard output")
    cite.add_argument("ids", nargs="+", type=int, metavar="ID")
    cite.add_argument("--style", choices=CITATION_STYLES, default="gbt7714")
    cite.add_argument("--out", type=Path, metavar="PATH", help="write to a file instead")
    export = add("export", "export notes and annotations, or an article list")
    export.add_argument("what", choices=("notes", "articles"))
    export.add_argument("--format", choices=EXPORT_FORMATS, default="markdown")
    export.add_argument("--collection", metavar="NAME", help="a collection (name or path)")
    export.add_argument("--ids", type=_id_list_argument, metavar="ID[,ID…]", help="articles")
    export.add_argument("--tag", metavar="PATH", help="articles with this tag (or below it)")
    export.add_argument("--bookmarked", action="store_true", help="the bookmarked articles")
    export.add_argument("--out", type=Path, metavar="PATH", help="file (default: stdout)")
    bookmark = add("bookmark", "bookmark articles")
    bookmark.add_argument("ids", nargs="+", type=int, metavar="ID")
    unbookmark = add("unbookmark", "remove bookmarks")
    unbookmark.add_argument("ids", nargs="+", type=int, metavar="ID")
    add("bookmarks", "list bookmarked articles (also those no longer in the archive)")
    tag = add("tag", "tag articles: tag ID… PATH (paths like 产业/光伏)")
    tag.add_argument("ids", nargs="+", type=int, metavar="ID")
    tag.add_argument("path", metavar="PATH")
    untag = add("untag", "take a tag off articles: untag ID… PATH")
    untag.add_argument("ids", nargs="+", type=int, metavar="ID")
    untag.add_argument("path", metavar="PATH")
    tags = add("tags", "list tags with article counts")
    tags.add_argument("--articles", metavar="PATH", help="list the articles of this tag")
    tag_rename = add("tag-rename", "rename or move a tag with the tags below it")
    tag_rename.add_argument("old", metavar="OLD")
    tag_rename.add_argument("new", metavar="NEW")
    tag_delete = add("tag-delete", "delete a tag, the tags below it and their links")
    tag_delete.add_argument("path", metavar="PATH")
    annotate = add("annotate", "highlight a passage of an article, with an optional note")
    annotate.add_argument("id", type=int, metavar="ID")
    where = annotate.add_mutually_exclusive_group(required=True)
    where.add_argument("--quote", metavar="TEXT", help="the passage's text")
    where.add_argument("--start", type=int, metavar="N", help="first character (with --end)")
    where.add_argument("--article-note", action="store_true", help="a note on the whole article")
    annotate.add_argument("--end", type=int, metavar="M", help="one past the last character")
    annotate.add_argument("--occurrence", type=int, default=0, metavar="N", help="0 = first")
    annotate.add_argument("--field", choices=("title", "subtitle", "body"), default="body")
    annotate.add_argument("--note", default="", metavar="TEXT")
    annotate.add_argument("--color", choices=HIGHLIGHT_COLORS, default="yellow")
    annotations = add("annotations", "list annotations (all, newest first, or one article's)")
    annotations.add_argument("--article", type=int, metavar="ID", help="only this article's")
    annotations.add_argument("--orphaned", action="store_true", help="only those not re-found")
    annotations.add_argument("--text", metavar="TEXT", help="only those whose quote/note has it")
    annotations.add_argument("--limit", type=int, metavar="N", help="at most N")
    edit = add("annotation-edit", "change an annotation's note or colour")
    edit.add_argument("id", type=int, metavar="ANNOTATION_ID")
    edit.add_argument("--note", metavar="TEXT")
    edit.add_argument("--color", choices=HIGHLIGHT_COLORS)
    remove = add("annotation-delete", "delete an annotation")
    remove.add_argument("id", type=int, metavar="ANNOTATION_ID")
    _add_collection_commands(add)
    saved = add("saved-search", "save, list or delete named searches")
    saved_actions = saved.add_subparsers(dest="action", required=True, metavar="ACTION")
    save = _action(saved_actions, "save", "save QUERY under NAME (replaces one of that name)")
    save.add_argument("name", metavar="NAME")
    save.add_argument("query", metavar="QUERY")
    _action(saved_actions, "list", "list saved searches")
    forget = _action(saved_actions, "delete", "delete a saved search")
    forget.add_argument("name", metavar="NAME")
    add("saved-searches", "list saved searches")


def _action(actions: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    """A sub-command of a command (collection create …); --json works after it too."""
    parser: argparse.ArgumentParser = actions.add_parser(
        name, help=help_text, description=help_text
    )
    parser.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable JSON"
    )
    return parser


def _add_collection_commands(add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """The collection command with its actions, and the read-only collections command."""
    collection = add("collection", "create, fill, list, rename, move or delete collections")
    actions = collection.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = _action(actions, "create", "create a collection")
    create.add_argument("name", metavar="NAME")
    create.add_argument("--parent", metavar="COLLECTION", help="inside this collection")
    put = _action(actions, "add", "file articles in a collection")
    put.add_argument("name", metavar="COLLECTION")
    put.add_argument("ids", nargs="+", type=int, metavar="ID")
    take = _action(actions, "remove", "take articles out of a collection")
    take.add_argument("name", metavar="COLLECTION")
    take.add_argument("ids", nargs="+", type=int, metavar="ID")
    show = _action(actions, "list", "list collections, or the articles of one")
    show.add_argument("name", nargs="?", metavar="COLLECTION")
    rename = _action(actions, "rename", "rename a collection")
    rename.add_argument("name", metavar="COLLECTION")
    rename.add_argument("new_name", metavar="NEW_NAME")
    move = _action(actions, "move", "move a collection into another (or to the top)")
    move.add_argument("name", metavar="COLLECTION")
    move.add_argument("--parent", metavar="COLLECTION", help="the new parent (default: top)")
    drop = _action(actions, "delete", "delete a collection with everything below it")
    drop.add_argument("name", metavar="COLLECTION")
    collections = add("collections", "list collections, or the articles of one")
    collections.add_argument("name", nargs="?", metavar="COLLECTION")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the program (window and CLI share the global options)."""
    parser = argparse.ArgumentParser(
        prog="main.py",
        description="报刊档案阅读器 — read, search and study archives of Chinese periodicals. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--archive", metavar="DIR", help="the archive folder (default: user data)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the demo archive (created from the bundled demo issue on first use)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--json", action="store_true", help="machine-readable UTF-8 JSON")
        return command

    importing = add("import", "import page files and folders (recursively)")
    importing.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    importing.add_argument("--publication", metavar="NAME", help="publication of every file")
    importing.add_argument("--date", type=_date_argument, help="issue date YYYY-MM-DD")
    importing.add_argument("--page", metavar="LABEL", help="page label (D1, A3, 01 …)")
    importing.add_argument("--number", metavar="NUMBER", help="issue number")
    add("issues", "list publications with their issues and pages")
    articles = add("articles", "list articles")
    articles.add_argument("--issue", type=int, metavar="ID", help="only this issue")
    show = add("show", "show one article")
    show.add_argument("id", type=int, metavar="ID")
    search = add("search", "full-text search (see the query language in README)")
    search.add_argument("query", nargs="?", metavar="QUERY")
    search.add_argument("--queries-file", type=Path, metavar="FILE", help="one query per line")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="hits per page")
    search.add_argument("--page", type=int, default=1, metavar="N", help="page of results")
    search.add_argument("--sort", choices=("relevance", "date", "date_asc"), default="relevance")
    search.add_argument("--explain", action="store_true", help="show how the query was read")
    add("reindex", "rebuild the search index from the database")
    _add_entity_commands(add)
    _add_notes_commands(add)
    _add_qc_commands(add)
    _add_formats_commands(add)
    _add_maintenance_commands(add)
    _add_curation_commands(add)
    return parser
