"""Cost of the archive's safety checks at scale: quick_check at open, integrity_check, backup.

The archive is built by ``bench/big_archive.py`` (real PFR pages written many times over)
and cached. For each size the table gives the database size and the median time of
``PRAGMA quick_check`` (run on every open for writing), ``PRAGMA integrity_check`` (the
``check`` command), one verified online backup (backup API + quick_check of the copy) and
opening the archive for writing (which includes the quick_check).

Usage:
    .venv/bin/python bench/bench_integrity.py [--articles 20000 ...] [--runs 3] [--dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bench.big_archive import ensure_archive  # noqa: E402
from reader.archive import Archive  # noqa: E402
from reader.backup import backup_database  # noqa: E402
from reader.paths import ArchivePaths  # noqa: E402


def _pragma_seconds(database: Path, pragma: str) -> float:
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        started = time.perf_counter()
        connection.execute(f"PRAGMA {pragma}").fetchall()
        return time.perf_counter() - started
    finally:
        connection.close()


def _timed(fn: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str]) -> int:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[20000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=Path(tempfile.gettempdir()))
    args = parser.parse_args(argv)
    rows = []
    for articles in args.articles:
        root = args.dir / f"baokan-bench-integrity-{articles}"
        ensure_archive(root, articles, log=lambda *_a, **_k: None)
        paths = ArchivePaths(root)
        size = paths.database.stat().st_size / 1_048_576
        quick = statistics.median(
            _pragma_seconds(paths.database, "quick_check") for _ in range(args.runs)
        )
        full = statistics.median(
            _pragma_seconds(paths.database, "integrity_check") for _ in range(args.runs)
        )
        backups = Path(tempfile.mkdtemp(prefix="baokan-bench-backups-"))

        def one_backup(paths: ArchivePaths = paths, backups: Path = backups) -> None:
            made = backup_database(paths.database, backups, reason="bench", keep=1)
            made.unlink()

        def one_open(paths: ArchivePaths = paths) -> None:
            Archive(paths, write=True).close()

        backup = _timed(one_backup, args.runs)
        opening = _timed(one_open, args.runs)
        rows.append((articles, size, quick, full, backup, opening))
    print(f"machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    print(
        f"{'articles':>9} {'DB MB':>7} {'quick_check s':>14} {'integrity s':>12} "
        f"{'backup s':>9} {'open s':>7}"
    )
    for articles, size, quick, full, backup, opening in rows:
        print(
            f"{articles:>9} {size:>7.1f} {quick:>14.3f} {full:>12.3f} {backup:>9.3f} "
            f"{opening:>7.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
