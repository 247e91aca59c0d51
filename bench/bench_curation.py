"""Curation latency: each correction and its revert, with the search index kept current.

Run: ``.venv/bin/python bench/bench_curation.py [--archive DIR] [--samples N]``. With
``--archive`` the archive is copied to a temporary folder first (the original is never
written); without it a throw-away archive is built from invented pages. Prints a table of
median and slowest times per operation.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_notes import _page  # the invented pages of the notes benchmark
from sqlalchemy import select

from db.models import Article
from reader.archive import Archive
from reader.curation import edits, history, structure
from reader.errors import InputError
from reader.importer import Importer
from reader.paths import ArchivePaths


def _build(root: Path, pages: int) -> Path:
    files = []
    for number in range(pages):
        path = root / "pages" / f"青川晚报_2024-03-{number % 28 + 1:02d}_A{number}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(number), encoding="utf-8")
        files.append(path)
    archive_dir = root / "archive"
    with Archive(ArchivePaths(archive_dir), write=True) as archive:
        Importer(archive).run(files)
    return archive_dir


def _candidates(archive: Archive, samples: int, seed: int) -> list[int]:
    """One-part articles with at least four paragraphs, sampled."""
    with archive.db.read() as session:
        ids = list(session.scalars(select(Article.id)))
    random.Random(seed).shuffle(ids)
    chosen = []
    with archive.db.read() as session:
        for article_id in ids:
            text = edits.article_text(session, article_id)
            if len(text.parts) == 1 and len(text.parts[0].blocks) >= 4:
                chosen.append(article_id)
            if len(chosen) == samples:
                break
    return chosen


def _timed(times: dict[str, list[float]], label: str, action: Callable[[], object]) -> object:
    start = time.perf_counter()
    value = action()
    times.setdefault(label, []).append((time.perf_counter() - start) * 1000)
    return value


def _revert(archive: Archive, times: dict[str, list[float]], what: str, done: object) -> None:
    revision_id = done.revision_id  # type: ignore[attr-defined]
    _timed(times, f"  revert of the {what}", lambda: history.revert_revision(archive, revision_id))


def _run(archive: Archive, article_id: int, times: dict[str, list[float]]) -> None:
    with archive.db.read() as session:
        (part,) = edits.article_text(session, article_id).parts
    blocks = list(part.blocks)
    kind, text = blocks[1]
    blocks[1] = (kind, text + "（校订）")
    edit = _timed(
        times,
        "edit one paragraph",
        lambda: edits.edit_article(archive, article_id, parts={part.part_id: blocks}),
    )
    _revert(archive, times, "edit", edit)
    split = _timed(
        times, "split at a paragraph", lambda: structure.split_article(archive, article_id, 2)
    )
    _revert(archive, times, "split", split)
    try:
        merge = _timed(
            times,
            "merge with the next article",
            lambda: structure.merge_with_neighbour(archive, article_id, "next"),
        )
    except InputError:  # the last article of its page
        return
    _revert(archive, times, "merge", merge)


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--archive", type=Path, help="an archive to copy and correct")
    parser.add_argument("--samples", type=int, default=15)
    parser.add_argument("--pages", type=int, default=30, help="invented pages (no --archive)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if args.archive:
            archive_dir = root / "archive"
            shutil.copytree(args.archive, archive_dir)
        else:
            archive_dir = _build(root, args.pages)
        times: dict[str, list[float]] = {}
        with Archive(ArchivePaths(archive_dir), write=True) as archive:
            archive.search.ensure_current()
            with archive.db.read() as session:
                total = session.scalar(select(Article.id).order_by(Article.id.desc()).limit(1))
            for article_id in _candidates(archive, args.samples, seed=7):
                _run(archive, article_id, times)
    print(f"archive: {args.archive or f'{args.pages} invented pages'} (~{total:,} articles)")
    print(f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'operation':<30} {'n':>3} {'median ms':>10} {'max ms':>8}")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"{label:<30} {len(values):>3} {median:>10.0f} {max(values):>8.0f}")


if __name__ == "__main__":
    main()
