"""Benchmark of the search index on a deterministic corpus built from the PFR pages.

Builds N articles (default 100,000) from the 2,012 real articles of ../shared/corpora/pfr1998:
article k is real article k mod 2012 with its date shifted by 30 days per copy, its paragraphs
rotated, one paragraph of another article added, and a publication name cycled. Each real
article is segmented once (jieba, as the importer does) and its tokens are reused, shifted.

Times the index build, the index open (in this process and in a fresh process including the
imports), and queries of each kind (word, one character, substring, phrase, boolean, field,
date range): p50/p95 with total count and facets, with and without top-20 snippets (bodies
loaded from SQLite), and SQLite FTS5 over the same tokens in the same run (top 20 by bm25 plus
the total count), with the ratio of the p95s. Prints one table.

    python bench/bench_search.py --articles 10000 --cache /tmp/search-bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.search.analyzer import Analyzer, fold, split_runs  # noqa: E402
from reader.search.document import SearchDocument  # noqa: E402
from reader.search.index import IndexStatus, SearchIndex  # noqa: E402
from reader.segment import Segmenter, Token  # noqa: E402

SHARED = REPO.parent / "shared" / "corpora" / "pfr1998"
PUBLICATIONS = ("人民日报", "人民日报海外版", "经济日报", "光明日报")
QUERIES_PER_KIND = 40


# ------------------------------------------------------------------------------ corpus


def load_articles() -> list[dict]:
    """Split the PFR pages into articles by the gold paragraph counts."""
    articles = []
    for line in (SHARED / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (SHARED / "pages" / gold["file"]).read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        index = 0
        for article in gold["articles"]:
            part = paragraphs[index : index + article["paragraphs"]]
            index += article["paragraphs"]
            articles.append(
                {
                    "title": part[0],
                    "paragraphs": part[1:] or [part[0]],
                    "date": gold["date"],
                    "page": gold["page"],
                }
            )
    return articles


def segment_articles(articles: list[dict], segmenter: Segmenter, cache: Path) -> None:
    """Attach per-paragraph tokens ((text, flag, start, end) tuples), cached in ``cache``."""
    path = cache / "pfr-tokens.json"
    if path.exists():
        stored = json.loads(path.read_text(encoding="utf-8"))
        if len(stored) == len(articles):
            for article, tokens in zip(articles, stored, strict=True):
                article["title_tokens"], article["tokens"] = tokens
            return
    stored = []
    for article in articles:
        title_tokens = [[t.start, t.end, t.flag] for t in segmenter.segment(article["title"])]
        tokens = [
            [[t.start, t.end, t.flag] for t in segmenter.segment(p)] for p in article["paragraphs"]
        ]
        article["title_tokens"], article["tokens"] = title_tokens, tokens
        stored.append([title_tokens, tokens])
    path.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")


def synthesize(articles: list[dict], count: int) -> Iterator[SearchDocument]:
    """Yield ``count`` documents deterministically (see the module docstring)."""
    base_count = len(articles)
    for number in range(count):
        copy, index = divmod(number, base_count)
        article = articles[index]
        rng = random.Random(number)
        order = list(range(len(article["paragraphs"])))
        if copy and len(order) > 1:
            shift = copy % len(order)
            order = order[shift:] + order[:shift]
        pieces = [(article["paragraphs"][i], article["tokens"][i]) for i in order]
        if copy:
            other = articles[rng.randrange(base_count)]
            extra = rng.randrange(len(other["paragraphs"]))
            pieces.insert(
                rng.randrange(len(pieces) + 1),
                (other["paragraphs"][extra], other["tokens"][extra]),
            )
        body_parts = []
        tokens: list[Token] = []
        offset = 0
        for text, paragraph_tokens in pieces:
            if body_parts:
                offset += 2
            body_parts.append(text)
            tokens.extend(
                Token(text[s:e], f, s + offset, e + offset) for s, e, f in paragraph_tokens
            )
            offset += len(text)
        body = "\n\n".join(body_parts)
        title = article["title"]
        title_tokens = [Token(title[s:e], f, s, e) for s, e, f in article["title_tokens"]]
        date = dt.date.fromisoformat(article["date"]) + dt.timedelta(days=30 * copy)
        yield SearchDocument(
            id=number + 1,
            title=title,
            body=body,
            publication=PUBLICATIONS[copy % len(PUBLICATIONS)],
            date=date,
            pages=[article["page"]],
            title_tokens=title_tokens,
            body_tokens=tokens,
        )


# ----------------------------------------------------------------------------- queries


def make_queries(articles: list[dict], segmenter: Segmenter) -> dict[str, list[str]]:
    """Deterministic queries of each kind drawn from the real articles."""
    rng = random.Random(1998)
    words: list[str] = []
    while len(words) < 4 * QUERIES_PER_KIND:
        article = rng.choice(articles)
        paragraph = rng.randrange(len(article["paragraphs"]))
        text = article["paragraphs"][paragraph]
        for start, end, _ in rng.sample(article["tokens"][paragraph], 1):
            word = text[start:end]
            if 2 <= len(word) <= 4 and word.isalnum() and word not in words:
                words.append(word)

    def substring(low: int, high: int) -> str:
        while True:
            article = rng.choice(articles)
            runs = [run for p in article["paragraphs"] for _, run in split_runs(p)]
            runs = [run for run in runs if len(run) >= low]
            if runs:
                run = rng.choice(runs)
                size = rng.randint(low, min(high, len(run)))
                start = rng.randrange(len(run) - size + 1)
                return run[start : start + size]

    chars = [substring(1, 1) for _ in range(QUERIES_PER_KIND)]
    w = words
    n = QUERIES_PER_KIND
    return {
        "word": w[:n],
        "char": chars,
        "substring": [substring(2, 6) for _ in range(n)],
        "phrase": [f'"{substring(6, 12)}"' for _ in range(n)],
        "boolean": [
            [
                f"{w[i]} {w[i + 1]}",
                f"{w[i]} OR {w[i + 1]}",
                f"{w[i]} -{w[i + 1]}",
                f"({w[i]} OR {w[i + 1]}) {w[i + 2]}",
            ][i % 4]
            for i in range(n)
        ],
        "field": [
            [
                f"title:{w[n + i]}",
                f"{w[n + i]} page:0{1 + i % 4}",
                f"{w[n + i]} publication:{PUBLICATIONS[i % 4]}",
                f"title:{w[n + i]} {w[i]}",
            ][i % 4]
            for i in range(n)
        ],
        "date": [
            [
                f"{w[2 * n + i]} date:{1998 + i % 4}-{1 + i % 12:02d}",
                f"{w[2 * n + i]} date:{1998 + i % 3}-01-01..{1999 + i % 3}-06-30",
                f"{w[2 * n + i]} date:{1998 + i % 4}",
            ][i % 3]
            for i in range(n)
        ],
    }


# -------------------------------------------------------------------------------- FTS5


class Fts:
    """SQLite FTS5 over the same tokens (words, bigrams with breaks, characters)."""

    def __init__(self, path: Path, analyzer: Analyzer) -> None:
        self.path = path
        self.analyzer = analyzer
        self.db = sqlite3.connect(str(path))

    @staticmethod
    def _gram_text(text: str) -> str:
        out: list[str] = []
        for _, run in split_runs(fold(text)):
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            out.append("qqq")
        return " ".join(out)

    def build(self, documents: Iterator[SearchDocument]) -> int:
        """Store the articles and their tokens; return the count."""
        db = self.db
        db.executescript(
            """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;
            CREATE TABLE IF NOT EXISTS article(id INTEGER PRIMARY KEY, title TEXT, body TEXT,
                publication TEXT, date INTEGER, pages TEXT);
            CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(title_w, title_ng, title_ch,
                text_w, text_ng, text_ch, publication, pages, tokenize='unicode61',
                detail=full);
            """
        )
        count = 0
        for doc in documents:
            title = self.analyzer.analyze([(doc.title, doc.title_tokens)])
            # The index's text family: subtitle, body, credit and authors.
            parts = [
                (doc.subtitle, doc.subtitle_tokens),
                (doc.body, doc.body_tokens),
                (doc.credit, None),
                *((author, None) for author in doc.authors),
            ]
            text = self.analyzer.analyze(parts)
            text_grams = " qqq ".join(self._gram_text(part) for part, _ in parts if part)
            date = doc.date.year * 10000 + doc.date.month * 100 + doc.date.day
            db.execute(
                "INSERT INTO article VALUES (?,?,?,?,?,?)",
                (doc.id, doc.title, doc.body, doc.publication, date, " ".join(doc.pages)),
            )
            db.execute(
                "INSERT INTO fts(rowid, title_w, title_ng, title_ch, text_w, text_ng, text_ch,"
                " publication, pages) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    _positional_text(title.words),
                    self._gram_text(doc.title),
                    " ".join(title.chars),
                    _positional_text(text.words),
                    text_grams,
                    " ".join(text.chars),
                    fold(doc.publication),
                    " ".join(fold(p) for p in doc.pages),
                ),
            )
            count += 1
        db.commit()
        return count

    def translate(self, query: str) -> tuple[str, tuple[int, int] | None]:
        """Translate a query of the bench's kinds to an FTS5 MATCH string and a date range."""
        from reader.search import query as q

        date_range: list[tuple[int, int]] = []

        def text_expr(node: q.TextNode) -> str:
            runs = self.analyzer.query_runs(node.text)
            cols = "{title_ng text_ng}" if node.family is None else "{title_ng}"
            chcols = "{title_ch text_ch}" if node.family is None else "{title_ch}"
            parts = []
            if node.phrase:
                grams = []
                for run in runs:
                    grams.extend(run.text[i : i + 2] for i in range(len(run.text) - 1))
                return f'{cols} : "{" ".join(grams)}"'
            for run in runs:
                if len(run.text) == 1:
                    parts.append(f'{chcols} : "{run.text}"')
                else:
                    grams = [run.text[i : i + 2] for i in range(len(run.text) - 1)]
                    parts.append(f'{cols} : "{" ".join(grams)}"')
            return " AND ".join(parts)

        def expr(node: q.Node) -> str:
            if isinstance(node, q.TextNode):
                return text_expr(node)
            if isinstance(node, q.ValueNode):
                column = {"publication": "publication", "page": "pages"}[node.field]
                return f'{column} : "{fold(node.value)}"'
            if isinstance(node, q.DateNode):
                date_range.append((node.start, node.end))
                return ""
            if isinstance(node, q.NotNode):
                return f"NOT ({expr(node.child)})"
            joiner = " OR " if isinstance(node, q.OrNode) else " AND "
            positives = [expr(c) for c in node.children if not isinstance(c, q.NotNode)]
            positives = [p for p in positives if p]
            result = joiner.join(f"({p})" for p in positives)
            for child in node.children:
                if isinstance(child, q.NotNode):
                    result = f"({result}) NOT ({expr(child.child)})"
            return result

        match = expr(q.parse(query))
        return match, (date_range[0] if date_range else None)

    def search(self, query: str) -> tuple[int, list[int]]:
        """Total count and top 20 ids by bm25."""
        match, dates = self.translate(query)
        weights = "bm25(fts, 3.0, 0.6, 0.6, 1.0, 0.2, 0.2, 0, 0)"
        if dates:
            join = " JOIN article a ON a.id = fts.rowid AND a.date BETWEEN ? AND ?"
            params: tuple = (dates[0], dates[1], match)
        else:
            join = ""
            params = (match,)
        rows = self.db.execute(
            f"SELECT fts.rowid FROM fts{join} WHERE fts MATCH ? ORDER BY {weights} LIMIT 20",
            params,
        ).fetchall()
        total = self.db.execute(
            f"SELECT count(*) FROM fts{join} WHERE fts MATCH ?", params
        ).fetchone()[0]
        return total, [row[0] for row in rows]

    def load_texts(self, ids: list[int]) -> dict[int, str]:
        """Bodies by id (the snippet loader)."""
        marks = ",".join("?" * len(ids))
        return dict(self.db.execute(f"SELECT id, body FROM article WHERE id IN ({marks})", ids))


def _positional_text(words: dict[str, list[int]]) -> str:
    by_position: dict[int, str] = {}
    for word, positions in words.items():
        for position in positions:
            by_position.setdefault(position, word)
    return " ".join(by_position[p] for p in sorted(by_position))


# ------------------------------------------------------------------------------ timing


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(function, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return (time.perf_counter() - start) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=None, help="folder kept between runs")
    parser.add_argument("--procs", type=int, default=2, help="Whoosh writer processes")
    parser.add_argument("--rebuild", action="store_true", help="ignore a cached index")
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"{SHARED} not found")
    cache = args.cache or Path(tempfile.mkdtemp(prefix="search-bench-"))
    cache.mkdir(parents=True, exist_ok=True)
    segmenter = Segmenter(cache / "jieba")
    analyzer = Analyzer(segmenter)
    rows: list[tuple[str, str]] = []

    seconds, articles = timed(load_articles)
    seconds, _ = timed(segment_articles, articles, segmenter, cache)
    rows.append(("segment 2,012 real articles (cached after first run)", f"{seconds / 1000:.1f} s"))

    index_dir = cache / f"index-{args.articles}"
    index = SearchIndex(index_dir, segmenter)
    counter = args.articles
    if args.rebuild or index.check(counter) is not IndexStatus.OK:
        start = time.perf_counter()
        built = index.rebuild(
            synthesize(articles, args.articles), counter, total=args.articles, procs=args.procs
        )
        build = time.perf_counter() - start
        rows.append(
            (
                f"whoosh build {built} articles (procs={args.procs})",
                f"{build:.0f} s = {built / build:.0f} articles/s",
            )
        )
    size = sum(p.stat().st_size for p in index_dir.iterdir()) / 2**20
    rows.append(("whoosh index size", f"{size:.0f} MiB"))

    fts_path = cache / f"fts-{args.articles}.sqlite"
    fts = Fts(fts_path, analyzer)
    if (
        args.rebuild
        or not fts.db.execute("SELECT count(*) FROM sqlite_master WHERE name='fts'").fetchone()[0]
    ):
        seconds, built = timed(fts.build, synthesize(articles, args.articles))
        rows.append(("fts5 build (same tokens)", f"{seconds / 1000:.0f} s"))

    index.close()
    opens = []
    for _ in range(5):
        fresh = SearchIndex(index_dir, segmenter)
        ms, status = timed(fresh.open, counter)
        assert status is IndexStatus.OK, status
        opens.append(ms)
        fresh.close()
    rows.append(
        (
            "index open (stamp check + whoosh open), median of 5",
            f"{statistics.median(opens):.1f} ms",
        )
    )
    code = (
        "import sys, time; t = time.perf_counter(); sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path; from reader.search.index import SearchIndex;"
        "from reader.segment import Segmenter;"
        "ix = SearchIndex(Path(sys.argv[2]), Segmenter(Path(sys.argv[3])));"
        "s = ix.open(int(sys.argv[4])); print((time.perf_counter() - t) * 1000, s)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(REPO), str(index_dir), str(cache / "jieba"), str(counter)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    rows.append(("index open in a fresh process, imports included", f"{float(out[0]):.0f} ms"))

    index = SearchIndex(index_dir, segmenter)
    index.open(counter)
    ms, _ = timed(index.warm_up)
    rows.append(
        ("warm-up: read sort/facet columns (once per open, off the GUI thread)", f"{ms:.0f} ms")
    )
    segmenter.cut("预热")  # the dictionary loads at app start, not in a query
    rows.append(
        ("documents / segments", f"{index.doc_count} / {len(index._searcher().leaf_searchers())}")
    )

    queries = make_queries(articles, segmenter)
    table = []
    totals: dict[str, list[int]] = {}
    all_times: dict[str, list[list[float]]] = {"snip": [], "fts": [], "cpu": []}
    for kind, texts in queries.items():
        plain, snip, fts_times, mismatch = [], [], [], 0
        kind_totals = []
        for text in texts:
            ms, result = timed(index.search, text)
            plain.append(ms)
            cpu = time.process_time()
            ms2, _ = timed(index.search, text, load_texts=fts.load_texts)
            all_times["cpu"].append([(time.process_time() - cpu) * 1000])
            snip.append(ms2)
            ms3, (fts_total, _) = timed(fts.search, text)
            fts_times.append(ms3)
            kind_totals.append(result.total)
            if fts_total != result.total:
                mismatch += 1
        totals[kind] = kind_totals
        all_times["snip"].append(snip)
        all_times["fts"].append(fts_times)
        p95 = percentile(snip, 0.95)
        fts95 = percentile(fts_times, 0.95)
        table.append(
            (
                kind,
                len(texts),
                statistics.median(kind_totals),
                percentile(plain, 0.5),
                percentile(plain, 0.95),
                percentile(snip, 0.5),
                p95,
                percentile(fts_times, 0.5),
                fts95,
                p95 / fts95 if fts95 else float("nan"),
                mismatch,
            )
        )
    every = [row for row in table]
    print(f"\nsearch benchmark: {args.articles} articles, cache {cache}")
    for label, value in rows:
        print(f"  {label:<70} {value}")
    header = (
        "kind",
        "n",
        "med hits",
        "p50",
        "p95",
        "p50+snip",
        "p95+snip",
        "fts p50",
        "fts p95",
        "p95 ratio",
        "count≠",
    )
    print(
        "\n  times in ms; whoosh = top 20 + total + facets; +snip = with top-20 snippets "
        "(bodies from SQLite); fts = FTS5 top 20 by bm25 + count(*)"
    )
    print("  " + " ".join(f"{h:>9}" for h in header))
    for row in every:
        print(
            "  "
            + f"{row[0]:>9} {row[1]:>9} {row[2]:>9.0f} "
            + " ".join(f"{v:>9.1f}" for v in row[3:10])
            + f" {row[10]:>9}"
        )
    everything = [t for ts in all_times["snip"] for t in ts]
    fts_everything = [t for ts in all_times["fts"] for t in ts]
    print(
        f"\n  all {len(everything)} queries with snippets:"
        f" p50 {percentile(everything, 0.5):.1f} ms,"
        f" p95 {percentile(everything, 0.95):.1f} ms; FTS5 p50 "
        f"{percentile(fts_everything, 0.5):.1f} ms, p95 {percentile(fts_everything, 0.95):.1f} ms;"
        f" ratio of p95s {percentile(everything, 0.95) / percentile(fts_everything, 0.95):.1f}"
    )
    cpu_everything = [t for ts in all_times["cpu"] for t in ts]
    print(
        f"  CPU time of this process per query with snippets (insensitive to other load):"
        f" p50 {percentile(cpu_everything, 0.5):.1f} ms, p95 {percentile(cpu_everything, 0.95):.1f}"
        f" ms; machine load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
