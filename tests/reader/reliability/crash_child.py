"""Helper process of the crash tests: imports a folder of pages until it is killed.

Usage: ``python crash_child.py ARCHIVE PAGES CACHE``

The program's modules and jieba's dictionary are loaded once; then, for every line read on
stdin, a child process is forked that opens the archive for writing, imports the folder
(the index brought up to date every two files) and then re-tags every article and
rebuilds the search index over and over — so that a SIGKILL sent to it at any moment
lands in a database or index write. It prints ``phase <name>`` as it goes.
Its pid is printed as ``child <pid>``; once it has died, ``ended <pid> <status>``.
Forking keeps the test fast: the one-second start of a fresh interpreter is paid once.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from db.models import Article  # noqa: E402
from reader.archive import Archive  # noqa: E402
from reader.entities.corrections import retag_articles  # noqa: E402
from reader.importer import Importer  # noqa: E402
from reader.paths import ArchivePaths  # noqa: E402
from reader.segment import Segmenter  # noqa: E402


def _phase(name: str) -> None:
    print(f"phase {name}", flush=True)


def work(root: Path, pages: Path, segmenter: Segmenter) -> None:
    """Write to the archive until killed: import, then re-tag and re-index over and over.

    As the window does on opening, the search index is first brought up to date (rebuilt
    when a kill left it broken); the import then updates it every two files, and each
    re-tagging round rewrites every article's mentions in one transaction and updates the
    index in place — the writes a kill must never corrupt.
    """
    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = segmenter
        _phase("index")
        archive.search.ensure_current()
        _phase("import")
        Importer(archive, index_batch_files=2).run([pages])
        with archive.db.read() as session:
            ids = list(session.scalars(select(Article.id)))
        rounds = 0
        while True:
            _phase("retag")
            retag_articles(archive, ids)
            rounds += 1
            if rounds % 3 == 0:
                _phase("rebuild")
                archive.search.rebuild()


def main(argv: list[str]) -> int:
    """Serve kill rounds until stdin closes."""
    root, pages, cache = (Path(arg) for arg in argv)
    segmenter = Segmenter(cache)
    segmenter.segment("预热分词词典")  # load the dictionary before forking
    print("loaded", flush=True)
    for _line in sys.stdin:
        pid = os.fork()
        if pid == 0:  # the child: never returns into the loop
            status = 0
            try:
                work(root, pages, segmenter)
            except BaseException as error:
                print(f"error {type(error).__name__}: {error}", flush=True)
                status = 3
            finally:
                os._exit(status)
        print(f"child {pid}", flush=True)
        _pid, status = os.waitpid(pid, 0)
        print(f"ended {pid} {status}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
