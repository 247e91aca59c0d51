"""The command-line interface: ``main.py [--archive DIR] COMMAND …`` with ``--json`` output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from reader.archive import Archive
from reader.errors import ArchiveError, InputError, QuerySyntaxError, ReaderError
from reader.importer import Importer, ImportReport
from reader.library import get_article, list_articles, list_publications
from reader.paths import ArchivePaths, resolve_archive
from reader.search.index import IndexStatus
from reader.store import PageMeta
from reader.textwidth import format_table, truncate

Handler = Callable[[argparse.Namespace, Archive, TextIO], int]


def _date_argument(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date of the form YYYY-MM-DD: {value!r}") from None


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
    return parser


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
            Path(result.path).name,
            result.error or " ".join(filter(None, (result.publication, result.date, result.page))),
        ]
        for result in report.files
    ]
    out.write(format_table(["status", "articles", "file", "details"], rows, max_column=80) + "\n")
    summary = report.to_dict()
    out.write(
        f"{summary['imported']} imported, {summary['unchanged']} unchanged, "
        f"{summary['failed']} failed\n"
    )


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
    if args.json:
        _dump(article.to_dict(), out)
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


HANDLERS: dict[str, tuple[Handler, bool]] = {
    "import": (cmd_import, True),
    "issues": (cmd_issues, False),
    "articles": (cmd_articles, False),
    "show": (cmd_show, False),
    "search": (cmd_search, False),
    "reindex": (cmd_reindex, True),
}


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
    handler, writes = HANDLERS[args.command]
    try:
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
