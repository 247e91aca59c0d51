"""CLI commands that keep an archive safe: backup, backups, restore, check, export and import.

``HANDLERS`` run on an opened archive like every other command; ``PATH_HANDLERS`` open the
archive themselves, because they must work on an archive that cannot be opened normally
(``restore`` replaces a damaged database, ``check`` reports one, ``backups`` lists backups
of it).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TextIO

from reader.archive import Archive
from reader.backup import (
    backup_archive,
    backup_keep,
    describe_backup,
    describe_backups,
    resolve_backup,
    restore_backup,
    set_backup_keep,
)
from reader.errors import ArchiveCorruptError, ArchiveError, ArchiveLockedError
from reader.paths import ArchivePaths
from reader.textwidth import format_table

Handler = Callable[[argparse.Namespace, Archive, TextIO], int]
PathHandler = Callable[[argparse.Namespace, ArchivePaths, TextIO], int]


def _dump(data: object, out: TextIO) -> None:
    out.write(json.dumps(data, ensure_ascii=False, indent=2))
    out.write("\n")


def _progress(stream: TextIO) -> Callable[[int, int, str], None]:
    """A one-line progress report on a terminal, silent elsewhere."""
    enabled = stream.isatty()

    def report(done: int, total: int, what: str) -> None:
        if enabled and total:
            stream.write(f"\r{done}/{total} {what[:50]:<50}")
            if done >= total:
                stream.write("\n")
            stream.flush()

    return report


def _megabytes(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB"


def _require_archive(paths: ArchivePaths) -> None:
    if not paths.database.exists():
        raise ArchiveError(f"No archive at {paths.root}.")


def cmd_backup(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Take a verified online backup now (other processes may go on writing)."""
    path = backup_archive(archive.paths, reason="manual")
    info = describe_backup(path, verify=False)
    if args.json:
        _dump({**info.to_dict(), "verified": True, "keep": backup_keep(archive.paths)}, out)
    else:
        out.write(f"backup written and verified: {path} ({_megabytes(info.size)})\n")
    return 0


def cmd_backups(args: argparse.Namespace, paths: ArchivePaths, out: TextIO) -> int:
    """List the backups, newest first, each checked (unless --no-verify)."""
    _require_archive(paths)
    if args.keep is not None:
        set_backup_keep(paths, args.keep)
    infos = describe_backups(paths.backups_dir, verify=not args.no_verify)
    keep = backup_keep(paths)
    if args.json:
        _dump({"keep": keep, "backups": [info.to_dict() for info in infos]}, out)
        return 0
    verdicts = {True: "good", False: "BAD", None: "not checked"}
    rows = [
        [
            info.path.name,
            info.created.isoformat(sep=" ", timespec="seconds") if info.created else "",
            info.reason,
            _megabytes(info.size),
            verdicts[info.ok] + (f": {info.problems[0]}" if info.problems else ""),
        ]
        for info in infos
    ]
    if rows:
        headers = ["backup", "taken", "reason", "size", "check"]
        out.write(format_table(headers, rows, max_column=70) + "\n")
    else:
        out.write("no backups yet\n")
    out.write(f"{len(infos)} backup(s); the newest {keep} are kept\n")
    return 0


def cmd_restore(args: argparse.Namespace, paths: ArchivePaths, out: TextIO) -> int:
    """Replace the archive's database by a backup (refused while another process writes)."""
    backup = resolve_backup(paths, args.backup)
    result = restore_backup(paths, backup)
    if args.json:
        _dump(result.to_dict(), out)
        return 0
    out.write(f"restored {backup.name}\n")
    for moved in result.moved_aside:
        state = "damaged" if result.was_corrupt else "previous"
        out.write(f"the {state} database was kept as {moved}\n")
    out.write("the search index will be rebuilt at the next search\n")
    return 0


def _corrupt_report(error: ArchiveCorruptError) -> dict[str, object]:
    return {
        "ok": False,
        "problems": [
            {"kind": "integrity", "message": str(error), "count": 1, "ids": []},
        ],
        "repaired": [],
        "counts": {},
        "backups": [str(path) for path in error.backups],
    }


def cmd_check(args: argparse.Namespace, paths: ArchivePaths, out: TextIO) -> int:
    """Check the archive; repair the search index; exit status 0 when everything is ok."""
    from reader.check import check_archive

    _require_archive(paths)
    notes: list[str] = []
    try:
        try:
            archive = Archive(paths, write=True)
        except ArchiveLockedError as error:
            archive = Archive(paths, write=False)
            notes.append(f"opened read-only, the search index is not repaired: {error}")
    except ArchiveCorruptError as error:
        data = _corrupt_report(error)
        if args.json:
            _dump(data, out)
        else:
            out.write(f"1 problem(s) found\n- {error}\n")
            if error.backups:
                out.write(f"restore the newest good backup with: restore {error.backups[0].name}\n")
        return 1
    with archive:
        report = check_archive(
            archive, repair_index=not args.no_repair, progress=_progress(sys.stderr)
        )
    if args.json:
        _dump({**report.to_dict(), "notes": notes}, out)
    else:
        out.write(report.as_text() + "\n")
        for note in notes:
            out.write(f"note: {note}\n")
    return 0 if report.ok else 1


def cmd_export_archive(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Write a portable bundle of the archive (zip file or folder)."""
    from reader.bundle import export_archive

    report = export_archive(archive, args.path, progress=_progress(sys.stderr))
    if args.json:
        _dump(report.to_dict(), out)
    else:
        rows = ", ".join(f"{count} {name}" for name, count in report.rows.items() if count)
        out.write(
            f"exported {report.pages} pages and {rows or 'no user data'} to {report.path} "
            f"({_megabytes(report.bytes)})\n"
        )
    return 0


def cmd_import_archive(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Fill an empty archive from a bundle; exit status 1 when a page or a link was lost."""
    from reader.bundle import import_archive

    report = import_archive(archive, args.path, progress=_progress(sys.stderr))
    if args.json:
        _dump(report.to_dict(), out)
    else:
        out.write(f"imported {report.pages} pages\n")
        for name, count in report.rows.items():
            if count:
                lost = report.unlinked.get(name, 0)
                out.write(f"  {name}: {count}" + (f" ({lost} without article)" if lost else ""))
                out.write("\n")
        for name, error in report.failed:
            out.write(f"failed: {name}: {error}\n")
    return 0 if report.ok else 1


HANDLERS: dict[str, tuple[Handler, bool]] = {
    "backup": (cmd_backup, False),
    "export-archive": (cmd_export_archive, False),
    "import-archive": (cmd_import_archive, True),
}

PATH_HANDLERS: dict[str, PathHandler] = {
    "backups": cmd_backups,
    "restore": cmd_restore,
    "check": cmd_check,
}


def run_path_command(args: argparse.Namespace, paths: ArchivePaths, out: TextIO) -> int:
    """Run one of :data:`PATH_HANDLERS` (errors are reported by the caller)."""
    return PATH_HANDLERS[args.command](args, paths, out)
