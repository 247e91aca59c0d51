"""The command-line interface: ``main.py [--archive DIR] COMMAND …`` with ``--json`` output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from reader.archive import Archive
from reader.arguments import build_parser
from reader.cli_curation import HANDLERS as CURATION_HANDLERS
from reader.cli_formats import HANDLERS as FORMATS_HANDLERS
from reader.cli_maintenance import HANDLERS as MAINTENANCE_HANDLERS
from reader.cli_maintenance import PATH_HANDLERS, run_path_command
from reader.cli_notes import HANDLERS as NOTES_HANDLERS
from reader.cli_qc import HANDLERS as QC_HANDLERS
from reader.entities import corrections
from reader.entities.browse import entity_detail, list_entities, mentions_of_article
from reader.errors import ArchiveError, InputError, QuerySyntaxError, ReaderError
from reader.importer import Importer, ImportReport
from reader.library import get_article, list_articles, list_publications
from reader.paths import ArchivePaths, resolve_archive
from reader.search.index import IndexStatus
from reader.store import PageMeta
from reader.textwidth import format_table, truncate

Handler = Callable[[argparse.Namespace, Archive, TextIO], int]




def _dump(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2))
    out.write("\n")


class _TerminalProgress:
    """A one-line progress bar on a terminal (stderr), silent elsewhere."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()

    def __call__(self, done: int, total: int, current: str) -> None:
        if not self.enabled or total == 0:
            return
        width = 30
        filled = width * done // total
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r[{bar}] {done}/{total} {truncate(current, 40):<40}")
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


def cmd_import(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Import files; exit status 1 when any file failed (the others are imported)."""
    overrides = PageMeta(
        publication=args.publication, date=args.date, page_label=args.page, number=args.number
    )
    report = Importer(archive, overrides=overrides).run(
        args.paths, progress=_TerminalProgress(sys.stderr)
    )
    if args.json:
        _dump(report.to_dict(), out)
    else:
        _print_import_report(report, out)
    return 1 if report.failed else 0


def _print_import_report(report: ImportReport, out: TextIO) -> None:
    rows = [
        [
            result.status,
            str(result.articles) if result.status == "imported" else "",
            result.name,
            result.error
            or result.note
            or " ".join(filter(None, (result.publication, result.date, result.page))),
        ]
        for result in report.files
    ]
    out.write(format_table(["status", "articles", "file", "details"], rows, max_column=80) + "\n")
    summary = report.to_dict()
    out.write(
        f"{summary['imported']} imported, {summary['unchanged']} unchanged, "
        f"{summary['failed']} failed\n"
    )
    for line in report.kept_corrections:
        out.write(line + "\n")


def cmd_issues(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List publications, issues and pages."""
    with archive.db.read() as session:
        publications = list_publications(session)
    if args.json:
        _dump({"publications": [publication.to_dict() for publication in publications]}, out)
        return 0
    rows = []
    for publication in publications:
        for issue in publication.issues:
            rows.append(
                [
                    publication.name,
                    issue.date or "(unsorted)",
                    issue.number or "",
                    " ".join(page.label for page in issue.pages),
                    str(sum(page.articles for page in issue.pages)),
                ]
            )
    out.write(format_table(["publication", "date", "number", "pages", "articles"], rows) + "\n")
    return 0


def cmd_articles(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List articles."""
    with archive.db.read() as session:
        articles = list_articles(session, issue_id=args.issue)
    if args.json:
        _dump({"articles": [article.to_dict() for article in articles]}, out)
        return 0
    rows = [
        [
            str(article.id),
            article.date or "",
            ",".join(article.pages),
            article.title or "（无标题）",
            "、".join(article.authors),
        ]
        for article in articles
    ]
    out.write(format_table(["id", "date", "pages", "title", "authors"], rows) + "\n")
    return 0


def cmd_show(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Show one article."""
    with archive.db.read() as session:
        article = get_article(session, args.id)
        mentions = mentions_of_article(session, args.id)
    if args.json:
        data = article.to_dict()
        data["entities"] = [mention._asdict() for mention in mentions]
        _dump(data, out)
        return 0
    lines = []
    if article.kicker:
        lines.append(article.kicker)
    lines.append(article.title or "（无标题）")
    if article.subtitle:
        lines.append("——" + article.subtitle)
    meta = [article.publication, article.date or "", "版次 " + ",".join(article.pages)]
    lines.append("  ".join(filter(None, meta)))
    byline = " ".join(filter(None, (article.credit, "、".join(article.authors))))
    if byline:
        lines.append(byline)
    lines.append("")
    for block in article.blocks:
        lines.append(f"【{block.text}】" if block.kind != "paragraph" else "　　" + block.text)
    for caption in article.captions:
        lines.append(f"[图] {caption}")
    if article.continues_to:
        lines.append(f"（下转{article.continues_to}版）")
    out.write("\n".join(lines) + "\n")
    return 0


def _ensure_index(archive: Archive, err: TextIO) -> None:
    """Make the search index current, rebuilding it if this process may write."""
    search = archive.search
    if search.open_if_current() is IndexStatus.OK:
        return
    if archive.writable:
        err.write("Rebuilding the search index from the database…\n")
        search.rebuild(progress=_TerminalProgress(err))
        return
    with Archive(archive.paths, write=True) as writer:
        err.write("Rebuilding the search index from the database…\n")
        writer.search.rebuild(progress=_TerminalProgress(err))
    if search.open_if_current() is not IndexStatus.OK:
        raise ArchiveError("The search index could not be brought up to date.")


def cmd_search(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Search; with --queries-file run one query per line in one process."""
    if (args.query is None) == (args.queries_file is None):
        raise InputError("give a QUERY or --queries-file FILE (one of the two)")
    if args.limit < 1 or args.page < 1:
        raise InputError("--limit and --page must be at least 1")
    _ensure_index(archive, sys.stderr)
    search = archive.search
    if args.queries_file is not None:
        try:
            lines = args.queries_file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise InputError(f"{args.queries_file}: cannot be read ({error})") from None
        results = []
        for line in filter(None, (line.strip() for line in lines)):
            try:
                found = search.search(line, page_size=args.limit, sort=args.sort).to_dict()
            except QuerySyntaxError as error:
                found = {"query": line, "total": 0, "hits": [], "error": str(error)}
            results.append(found)
        if args.json:
            _dump({"results": results}, out)
        else:
            for found in results:
                out.write(f"{found['total']:>8}  {found['query']}\n")
        return 0
    results = search.search(args.query, page=args.page, page_size=args.limit, sort=args.sort)
    data = results.to_dict()
    if args.explain:
        data["explain"] = search.index.explain(args.query)
    if args.json:
        _dump(data, out)
        return 0
    if args.explain:
        out.write(data["explain"] + "\n\n")
    first = (args.page - 1) * args.limit + 1
    out.write(f"{results.total} articles match; showing {first}–{first + len(results.hits) - 1}\n")
    for hit in results.hits:
        when = hit.date.isoformat() if hit.date else "????-??-??"
        out.write(f"\n[{hit.id}] {hit.title or '（无标题）'}  {when} {','.join(hit.pages)}\n")
        if hit.snippet:
            out.write(f"    {hit.snippet}\n")
    return 0


def cmd_reindex(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Rebuild the search index."""
    count = archive.search.rebuild(progress=_TerminalProgress(sys.stderr))
    if args.json:
        _dump({"indexed": count}, out)
    else:
        out.write(f"{count} articles indexed\n")
    return 0


def cmd_entities(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List entities with their mention and article counts."""
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be at least 1")
    with archive.db.read() as session:
        rows = list_entities(session, type=args.type, filter=args.filter, limit=args.limit)
    if args.json:
        _dump({"entities": [row.to_dict() for row in rows]}, out)
        return 0
    table = [[row.name, row.type, str(row.mentions), str(row.articles)] for row in rows]
    out.write(format_table(["name", "type", "mentions", "articles"], table) + "\n")
    return 0


def cmd_entity(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Show one entity."""
    if args.limit < 0:
        raise InputError("--limit must not be negative")
    with archive.db.read() as session:
        detail = entity_detail(session, args.name, args.type, limit=args.limit)
    if args.json:
        _dump(detail.to_dict(), out)
        return 0
    out.write(
        f"{detail.name}（{detail.type}）: {detail.mention_count} mentions "
        f"in {detail.article_count} articles\n"
    )
    if detail.aliases:
        out.write("aliases: " + "、".join(detail.aliases) + "\n")
    if detail.other_types:
        out.write("also tagged as: " + ", ".join(detail.other_types) + " (use --type)\n")
    if detail.mentions:
        rows = [
            [str(m.article_id), m.date or "", truncate(m.title, 24), m.snippet]
            for m in detail.mentions
        ]
        out.write("\n" + format_table(["article", "date", "title", "snippet"], rows, max_column=70))
        out.write("\n")
        if len(detail.mentions) < detail.mention_count:
            out.write(f"(first {len(detail.mentions)} of {detail.mention_count}; see --limit)\n")
    if detail.cooccurring:
        rows = [[other.name, other.type, str(other.articles)] for other in detail.cooccurring]
        out.write("\nnamed in the same articles:\n")
        out.write(format_table(["name", "type", "articles"], rows) + "\n")
    if detail.timeline:
        rows = [[date, str(count)] for date, count in detail.timeline]
        out.write("\nmentions per issue date:\n" + format_table(["date", "mentions"], rows) + "\n")
    return 0


def _correction_output(
    result: corrections.CorrectionResult, args: argparse.Namespace, out: TextIO
) -> int:
    if args.json:
        _dump(result.to_dict(), out)
        return 0
    count = len(result.articles)
    out.write(f"{result.action}: {result.subject}\n")
    out.write(f"{count} article{'s' if count != 1 else ''} re-tagged")
    if result.action in ("undo", "redo"):
        out.write(f" (correction {result.rule_id})\n")
    else:
        out.write(f" (correction {result.rule_id}; undo with: entity-undo {result.rule_id})\n")
    return 0


def cmd_entity_rename(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Rename an entity."""
    result = corrections.rename(archive, args.name, args.new_name, type=args.type)
    return _correction_output(result, args, out)


def cmd_entity_merge(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Merge one entity into another."""
    result = corrections.merge(
        archive,
        args.source,
        args.target,
        source_type=args.type,
        target_type=args.target_type or args.type,
    )
    return _correction_output(result, args, out)


def cmd_entity_split(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Split an entity's mentions in some articles off to a new entity."""
    result = corrections.split(archive, args.name, args.articles, args.new_name, type=args.type)
    return _correction_output(result, args, out)


def cmd_entity_retype(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Change an entity's type."""
    result = corrections.retype(archive, args.name, args.new_type, type=args.type)
    return _correction_output(result, args, out)


def cmd_entity_delete(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Delete an entity (never tag it again)."""
    result = corrections.delete_entity(archive, args.name, type=args.type)
    return _correction_output(result, args, out)


def cmd_entity_add(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Add a mention by hand."""
    result = corrections.add_mention(
        archive, args.article_id, args.field, args.start, args.end, args.type, name=args.name
    )
    return _correction_output(result, args, out)


def cmd_entity_undo(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Undo an entity correction (the last one by default)."""
    return _correction_output(corrections.undo(archive, args.id), args, out)


def cmd_entity_redo(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Redo an undone entity correction."""
    return _correction_output(corrections.redo(archive, args.id), args, out)


def cmd_entity_history(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """List entity corrections, newest first."""
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be at least 1")
    with archive.db.read() as session:
        entries = corrections.history(session, limit=args.limit)
    if args.json:
        _dump({"history": [entry.to_dict() for entry in entries]}, out)
        return 0
    active = {True: "yes", False: "no", None: ""}
    rows = [
        [
            str(entry.id),
            entry.at.replace("T", " "),
            entry.action,
            str(entry.rule_id or ""),
            active[entry.active],
            entry.subject,
        ]
        for entry in entries
    ]
    headers = ["id", "at", "action", "correction", "in force", "what"]
    out.write(format_table(headers, rows, max_column=70) + "\n")
    return 0


HANDLERS: dict[str, tuple[Handler, bool]] = {
    "import": (cmd_import, True),
    "issues": (cmd_issues, False),
    "articles": (cmd_articles, False),
    "show": (cmd_show, False),
    "search": (cmd_search, False),
    "reindex": (cmd_reindex, True),
    "entities": (cmd_entities, False),
    "entity": (cmd_entity, False),
    "entity-rename": (cmd_entity_rename, True),
    "entity-merge": (cmd_entity_merge, True),
    "entity-split": (cmd_entity_split, True),
    "entity-retype": (cmd_entity_retype, True),
    "entity-delete": (cmd_entity_delete, True),
    "entity-add": (cmd_entity_add, True),
    "entity-undo": (cmd_entity_undo, True),
    "entity-redo": (cmd_entity_redo, True),
    "entity-history": (cmd_entity_history, False),
}
HANDLERS.update(QC_HANDLERS)
HANDLERS.update(FORMATS_HANDLERS)
HANDLERS.update(MAINTENANCE_HANDLERS)
HANDLERS.update(NOTES_HANDLERS)
HANDLERS.update(CURATION_HANDLERS)


def run_command(args: argparse.Namespace, paths: ArchivePaths, out: TextIO, err: TextIO) -> int:
    """Run one CLI command on an archive.

    Args:
        args: parsed arguments with a ``command``.
        paths: the archive.
        out: where results go.
        err: where errors go.

    Returns:
        The exit status.
    """
    try:
        if args.command in PATH_HANDLERS:  # they open the archive themselves (restore, check)
            return run_path_command(args, paths, out)
        handler, writes = HANDLERS[args.command]
        with Archive(paths, write=writes) as archive:
            return handler(args, archive, out)
    except InputError as error:
        err.write(f"error: {error}\n")
        return 2
    except ReaderError as error:
        err.write(f"error: {error}\n")
        return 1


def main(argv: Sequence[str] | None = None) -> int:
    """Parse arguments and run a command (the window is started by ``main.py``)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 2
    return run_command(args, resolve_archive(args.archive), sys.stdout, sys.stderr)


def console_main() -> None:
    """Entry point of the ``baokan-reader`` console script."""
    from main import main as program_main

    raise SystemExit(program_main())
