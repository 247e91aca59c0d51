"""Time the window's article list queries (keyset paging, SQL sort and filter) on 100k articles.

Usage: .venv/bin/python bench/listing_paging.py [ARTICLES]   (default 100000)
Prints a table: query, milliseconds (median of 5 runs).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.archive import Archive
from reader.listing import ArticleQuery, SortKey, count_articles, fetch_articles
from reader.paths import ArchivePaths

SYLLABLES = "新区图书馆开馆市民借阅春耕备耕社区食堂河道清淤冬季长跑年货市场公交线路调整教育医疗"


def fill(archive: Archive, articles: int) -> None:
    """Insert ``articles`` synthetic articles (10 per page, 8 pages per issue, 3 papers)."""
    rng = random.Random(7)
    connection = archive.db.write_engine.raw_connection()
    cursor = connection.cursor()
    cursor.execute("BEGIN")
    pages_needed = articles // 10 + 1
    issues_needed = pages_needed // 8 + 1
    for publication in range(1, 4):
        cursor.execute(
            "INSERT INTO publication (id, name, created_at) VALUES (?, ?, ?)",
            (publication, f"样报{publication}", "2024-01-01 00:00:00"),
        )
    issue_rows = []
    for issue in range(1, issues_needed + 1):
        publication = issue % 3 + 1
        date = dt.date(1990, 1, 1) + dt.timedelta(days=issue // 3)
        issue_rows.append((issue, publication, date.isoformat(), None, 0))
    cursor.executemany(
        "INSERT INTO issue (id, publication_id, date, number, unsorted) VALUES (?, ?, ?, ?, ?)",
        issue_rows,
    )
    page_rows = []
    for page in range(1, pages_needed + 1):
        issue = (page - 1) // 8 + 1
        label = f"{(page - 1) % 8 + 1:02d}"
        page_rows.append(
            (page, issue, label, f"p{page}.txt", f"{page:064d}", "utf-8", 1.0, "", b"", "[]")
        )
    cursor.executemany(
        "INSERT INTO page (id, issue_id, label, source_name, sha256, encoding, "
        "encoding_confidence, text, source_bytes, furniture, imported_at) "
        "VALUES (?,?,?,?,?,?,?,?,?,?, '2024-01-01')",
        page_rows,
    )
    article_rows = []
    part_rows = []
    for article in range(1, articles + 1):
        page = (article - 1) // 10 + 1
        issue = (page - 1) // 8 + 1
        title = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(6, 16)))
        authors = json.dumps([rng.choice("王李张刘陈杨") + rng.choice("明华军芳")])
        article_rows.append((article, issue, title, authors, "[]"))
        part_rows.append((article, article, page, 0, (article - 1) % 10, title, authors))
    cursor.executemany(
        "INSERT INTO article (id, issue_id, title, authors, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, '2024-01-01', '2024-01-01')",
        [(a, i, t, au) for a, i, t, au, _ in article_rows],
    )
    cursor.executemany(
        "INSERT INTO article_part (id, article_id, page_id, part_no, position, title, authors, "
        "captions, consumed) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', '[]')",
        part_rows,
    )
    connection.commit()
    connection.close()


def timed(action: Callable[[], object]) -> float:
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        action()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def main() -> None:
    articles = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as folder:
        archive = Archive(ArchivePaths(Path(folder) / "archive"))
        start = time.perf_counter()
        fill(archive, articles)
        print(f"filled {articles} articles in {time.perf_counter() - start:.1f} s")
        db = archive.db
        rows: list[tuple[str, float]] = []

        def first(query: ArticleQuery) -> Callable[[], object]:
            def run() -> object:
                with db.read() as session:
                    return fetch_articles(session, query)

            return run

        def deep(query: ArticleQuery, batches: int) -> Callable[[], object]:
            with db.read() as session:
                cursor = None
                for _ in range(batches):
                    cursor = fetch_articles(session, query, after=cursor).cursor

            def run() -> object:
                with db.read() as session:
                    return fetch_articles(session, query, after=cursor)

            return run

        def count(query: ArticleQuery) -> Callable[[], object]:
            def run() -> object:
                with db.read() as session:
                    return count_articles(session, query)

            return run

        archive_order = ArticleQuery()
        rows.append(("first batch, archive order", timed(first(archive_order))))
        rows.append(("batch at row 50k, archive order", timed(deep(archive_order, 250))))
        rows.append(("first batch, by title", timed(first(ArticleQuery(sort=SortKey.TITLE)))))
        rows.append(
            (
                "first batch, by date desc",
                timed(first(ArticleQuery(sort=SortKey.DATE, descending=True))),
            )
        )
        rows.append(("first batch, one issue", timed(first(ArticleQuery(issue_id=500)))))
        rows.append(("first batch, one page", timed(first(ArticleQuery(page_id=4000)))))
        rows.append(("first batch, filter '图书馆'", timed(first(ArticleQuery(text="图书馆")))))
        rows.append(("first batch, filter author '王明'", timed(first(ArticleQuery(text="王明")))))
        rows.append(("count, whole archive", timed(count(archive_order))))
        rows.append(("count, filter '图书馆'", timed(count(ArticleQuery(text="图书馆")))))
        archive.close()
    width = max(len(name) for name, _ in rows)
    print(f"{'query':<{width}}  ms (median of 5)")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:8.1f}")


if __name__ == "__main__":
    main()
