"""Crash tests: an import killed with SIGKILL at random moments loses nothing.

A helper process (``crash_child.py``) imports a folder of invented pages into an archive
and then rebuilds its search index in a loop; it is killed with SIGKILL after a random,
seeded delay, again and again. Between kills the archive must open (its quick_check
passes), and every annotation made before must be there; one more is made each time.
After the last kill ``check`` passes (the index repaired if needed), a re-import completes
with the same articles as a clean import into another archive, and every annotation is
there, still anchored on its quote.

``RELIABILITY_KILLS=200`` runs a longer series (default: 20 kills, about 15 s).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import pytest
from sqlalchemy import select

from db.models import Annotation, Article, ArticlePart, Issue, Page, Publication, TextBlock
from reader.archive import Archive
from reader.check import check_archive
from reader.importer import Importer
from reader.parsing.model import BODY_SEPARATOR
from reader.paths import ArchivePaths
from reader.search.index import IndexStatus
from reader.segment import Segmenter
from tests.reader.reliability.corpus import write_corpus

pytestmark = pytest.mark.skipif(
    sys.platform == "win32" or not hasattr(os, "fork"), reason="needs fork and SIGKILL"
)

KILLS = int(os.environ.get("RELIABILITY_KILLS", "20"))
CHILD = Path(__file__).resolve().parent / "crash_child.py"
REPO = Path(__file__).resolve().parents[3]


def _read_line(
    stream: IO[str], prefix: str, deadline: float, skipped: list[str] | None = None
) -> str:
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            raise AssertionError(f"the helper process ended while waiting for {prefix!r}")
        if line.startswith(prefix):
            return line.strip()
        if line.startswith("error"):
            raise AssertionError(f"the helper failed: {line.strip()}")
        if skipped is not None:
            skipped.append(line.strip())
    raise AssertionError(f"timed out waiting for {prefix!r}")


def titles_per_page(archive: Archive) -> dict[tuple[str, str, str], list[str]]:
    """(publication, date, page) → the headlines of its article parts, in page order."""
    with archive.db.read() as session:
        rows = session.execute(
            select(
                Publication.name, Issue.date, Page.label, ArticlePart.position, ArticlePart.title
            )
            .join(Issue, Issue.publication_id == Publication.id)
            .join(Page, Page.issue_id == Issue.id)
            .join(ArticlePart, ArticlePart.page_id == Page.id)
            .order_by(Publication.name, Issue.date, Page.label, ArticlePart.position)
        ).all()
    pages: dict[tuple[str, str, str], list[str]] = {}
    for publication, date, label, _position, title in rows:
        pages.setdefault((publication, str(date), label), []).append(title)
    return pages


def article_pages(archive: Archive) -> list[tuple[str, tuple[str, ...]]]:
    """Every article's headline with the pages it spans (joins included), sorted."""
    with archive.db.read() as session:
        rows = session.execute(
            select(Article.id, Article.title, Page.label)
            .join(ArticlePart, ArticlePart.article_id == Article.id)
            .join(Page, Page.id == ArticlePart.page_id)
            .order_by(Article.id, ArticlePart.part_no)
        ).all()
    spans: dict[int, tuple[str, list[str]]] = {}
    for article_id, title, label in rows:
        spans.setdefault(article_id, (title, []))[1].append(label)
    return sorted((title, tuple(labels)) for title, labels in spans.values())


def body_of(session, article_id: int) -> str:
    texts = session.scalars(
        select(TextBlock.text)
        .join(ArticlePart, ArticlePart.id == TextBlock.part_id)
        .where(ArticlePart.article_id == article_id)
        .order_by(ArticlePart.part_no, TextBlock.seq)
    ).all()
    return BODY_SEPARATOR.join(texts)


def annotate(archive: Archive, rng: random.Random) -> dict[str, object] | None:
    """Highlight the first words of a random article's body (through the ORM)."""
    with archive.db.write() as session:
        ids = session.scalars(select(Article.id).order_by(Article.id)).all()
        if not ids:
            return None
        article_id = rng.choice(ids)
        article = session.get(Article, article_id)
        assert article is not None
        body = body_of(session, article_id)
        start = rng.randrange(0, 8)
        end = start + 6
        row = Annotation(
            article_id=article_id,
            field="body",
            start=start,
            end=end,
            quote=body[start:end],
            prefix=body[:start],
            suffix=body[end : end + 10],
            note=f"第{len(ids)}条批注",
            context={"title": article.title},
        )
        session.add(row)
        session.flush()
        return {"id": row.id, "title": article.title, "quote": row.quote}


def assert_annotations(archive: Archive, made: list[dict[str, object]]) -> None:
    """Every annotation made so far is there, on its article, still on its quote."""
    with archive.db.read() as session:
        for expected in made:
            row = session.get(Annotation, expected["id"])
            assert row is not None, f"annotation {expected} was lost"
            assert row.article_id is not None, f"annotation {expected} lost its article"
            article = session.get(Article, row.article_id)
            assert article is not None and article.title == expected["title"]
            body = body_of(session, row.article_id)
            assert body[row.start : row.end] == expected["quote"] == row.quote


@pytest.mark.timeout(240)
def test_an_import_killed_again_and_again_loses_nothing(
    tmp_path: Path, segmenter: Segmenter
) -> None:
    pages = tmp_path / "pages"
    files = write_corpus(pages, days=8, pages=5)
    root = tmp_path / "archive"
    rng = random.Random(20240607)
    helper = subprocess.Popen(
        [sys.executable, str(CHILD), str(root), str(pages), str(tmp_path / "jieba")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
    )
    assert helper.stdin is not None and helper.stdout is not None
    made: list[dict[str, object]] = []
    figures: dict[str, Any] = {
        "kills": 0,
        "killed_in": {},
        "pages_after_kill": [],
        "index_after_kill": {},
    }
    try:
        _read_line(helper.stdout, "loaded", time.monotonic() + 60)
        for _kill in range(KILLS):
            helper.stdin.write("go\n")
            helper.stdin.flush()
            pid = int(_read_line(helper.stdout, "child", time.monotonic() + 30).split()[1])
            time.sleep(rng.uniform(0.02, 0.7))
            os.kill(pid, signal.SIGKILL)
            said: list[str] = []
            ended = _read_line(helper.stdout, "ended", time.monotonic() + 30, said)
            assert int(ended.split()[2]) == signal.SIGKILL, ended  # killed, not finished
            figures["kills"] += 1
            phase = said[-1].split()[-1] if said else "start"
            figures["killed_in"][phase] = figures["killed_in"].get(phase, 0) + 1
            with Archive(ArchivePaths(root), write=True) as archive:  # quick_check passes
                assert archive.verified
                archive.segmenter = segmenter
                status = archive.search.status()
                figures["index_after_kill"][status.value] = (
                    figures["index_after_kill"].get(status.value, 0) + 1
                )
                with archive.db.read() as session:
                    figures["pages_after_kill"].append(len(session.scalars(select(Page.id)).all()))
                assert_annotations(archive, made)
                new = annotate(archive, rng)
                if new is not None:
                    made.append(new)
    finally:
        helper.stdin.close()
        try:
            helper.wait(timeout=30)
        except subprocess.TimeoutExpired:  # pragma: no cover - a stuck helper
            helper.kill()
            helper.wait()
        helper.stdout.close()

    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = segmenter
        report = check_archive(archive, repair_index=True)
        assert report.ok, report.as_text()
        assert archive.search.status() is IndexStatus.OK
        result = Importer(archive).run([pages])
        assert not result.failed, result.failed
        assert check_archive(archive).ok
        assert_annotations(archive, made)
        survived_titles = titles_per_page(archive)
        survived_articles = article_pages(archive)
        assert archive.search.search("社区食堂").total > 0

    with Archive(ArchivePaths(tmp_path / "clean"), write=True) as clean:
        clean.segmenter = segmenter
        assert not Importer(clean).run([pages]).failed
        assert titles_per_page(clean) == survived_titles
        assert article_pages(clean) == survived_articles
    assert len(survived_titles) == len(files)
    assert len(made) >= min(5, KILLS)  # one per kill once the archive holds articles
    figures["annotations"] = len(made)
    figures["repaired"] = report.repaired
    print("crash figures:", json.dumps(figures, ensure_ascii=False))
