"""The program's command-line arguments, kept light: the window starts without the CLI's imports."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from pathlib import Path


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
    return parser
