"""Time the quality report and count its findings by kind, on the real PFR month or a big archive.

Usage:

* ``.venv/bin/python bench/qc_report.py pfr [DIR]``: import the 179 real pages of
  ``../shared/corpora/pfr1998/pages`` into DIR (a temporary folder by default; an archive
  already there is reused) and report on them.
* ``.venv/bin/python bench/qc_report.py big DIR [ARTICLES]``: build (or reuse) an archive of
  ARTICLES articles (default 100,000) with ``bench/big_archive.py`` and time the report.

Prints the time of each run of the report (three runs: the first one reads a cold
database) and a table of the findings by kind.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from big_archive import ensure_archive  # noqa: E402
from sqlalchemy import func, select  # noqa: E402

from db.models import Article  # noqa: E402
from reader.archive import Archive  # noqa: E402
from reader.importer import Importer  # noqa: E402
from reader.paths import ArchivePaths  # noqa: E402
from reader.qc import QualityReport, quality_report  # noqa: E402
from reader.segment import Segmenter  # noqa: E402
from reader.textwidth import format_table  # noqa: E402

PFR_PAGES = REPO.parent / "shared" / "corpora" / "pfr1998" / "pages"
RUNS = 3


def import_pfr(root: Path) -> None:
    """Import the PFR month into ``root`` unless an archive is there already."""
    if (root / "archive.sqlite3").exists():
        return
    if not PFR_PAGES.is_dir():
        raise SystemExit(f"{PFR_PAGES} not found")
    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = Segmenter(root.parent / "jieba-cache")
        started = time.perf_counter()
        report = Importer(archive).run(sorted(PFR_PAGES.glob("*.txt")))
        print(f"imported {len(report.files)} pages in {time.perf_counter() - started:.1f} s")


def time_report(root: Path) -> QualityReport:
    """Run the report a few times and print the times; return the last report."""
    with Archive(ArchivePaths(root), write=False) as archive:
        with archive.db.read() as session:
            articles = session.scalar(select(func.count(Article.id)))
        print(f"{articles} articles")
        report = QualityReport()
        for run in range(RUNS):
            with archive.db.read() as session:
                started = time.perf_counter()
                report = quality_report(session)
                print(f"run {run + 1}: {time.perf_counter() - started:.3f} s")
    return report


def print_counts(report: QualityReport) -> None:
    """The publications' rhythms, then the findings by kind."""
    for publication in report.publications:
        print(f"{publication.name}: {publication.rhythm_text()} ({publication.issues} issues)")
    rows = [[str(kind), str(count)] for kind, count in report.counts().items()]
    rows.append(["all", str(len(report.findings))])
    print(format_table(["kind", "findings"], rows))


def main(argv: list[str]) -> int:
    """Run the benchmark named on the command line."""
    if not argv or argv[0] not in ("pfr", "big"):
        print(__doc__)
        return 2
    if argv[0] == "pfr":
        root = Path(argv[1]) if len(argv) > 1 else Path(tempfile.mkdtemp()) / "archive"
        import_pfr(root)
    else:
        if len(argv) < 2:
            print(__doc__)
            return 2
        root = Path(argv[1]).expanduser().resolve()
        ensure_archive(root, int(argv[2]) if len(argv) > 2 else 100_000)
    print_counts(time_report(root))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
