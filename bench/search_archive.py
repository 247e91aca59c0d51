"""Search speed on an imported benchmark archive, next to SQLite FTS5 over the same articles.

Opens an archive made by ``bench/bench_import.py`` (the corpus of ``bench/corpus.py``
imported by the app's importer, search index included), runs the queries of
``bench/bench_search.py`` (word, one character, substring, phrase, boolean, field, date
range; drawn from the real PFR articles), each as the app runs it — top 20 with the total
count and facets, without snippets and with snippets of the 20 hits (bodies loaded from
SQLite) — and the same queries on SQLite FTS5 over the same articles and index terms (top
20 by bm25 plus the count, and the same snippets from FTS5's stored bodies). Also times
opening the index (in this process, and in a fresh process including the imports) and
reports this process's peak memory. Prints a table; ``--json FILE`` writes the figures.
The search module's cache of decoded posting blocks is emptied before each timed search
(the same query runs twice in a row: the second would find its blocks decoded).

    .venv/bin/python bench/search_archive.py --archive ../bench-data/archive-10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for entry in (str(REPO), str(BENCH)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from bench_search import Fts, load_articles, make_queries, percentile, segment_articles  # noqa: E402
from corpus import DEFAULT_DATA, require_shared  # noqa: E402

from reader.archive import Archive  # noqa: E402
from reader.indexing import iter_all_documents  # noqa: E402
from reader.paths import ArchivePaths  # noqa: E402
from reader.search.analyzer import Analyzer  # noqa: E402
from reader.search.index import IndexStatus, SearchIndex  # noqa: E402
from reader.search.snippets import make_snippet  # noqa: E402

try:  # decoded posting blocks are cached across searches: each timing starts without them
    from reader.search.engine import clear_block_cache
except ImportError:  # pragma: no cover - an older engine without the cache

    def clear_block_cache() -> None:
        """Nothing to clear."""


KINDS_SHOWN = ("word", "char", "substring", "phrase", "boolean", "field", "date")


def ms(start: float) -> float:
    """Milliseconds since ``start`` (a ``perf_counter`` value)."""
    return (time.perf_counter() - start) * 1000


def fts_database(archive: Archive, counter: int, cache: Path) -> Fts:
    """FTS5 over the archive's articles (built once per archive state, kept in ``cache``)."""
    path = cache / f"fts-{archive.root.name}-{counter}.sqlite"
    fts = Fts(path, Analyzer(archive.segmenter))
    built = fts.db.execute("SELECT count(*) FROM sqlite_master WHERE name='fts'").fetchone()[0]
    if not built:
        started = time.perf_counter()
        with archive.db.read() as session:
            count = fts.build(iter_all_documents(session))
        print(f"  FTS5 built over {count} articles in {ms(started) / 1000:.0f} s", flush=True)
    return fts


def open_in_fresh_process(index_dir: Path, cache_dir: Path, counter: int) -> float:
    """Milliseconds to import the search module and open the index in a new interpreter."""
    code = (
        "import sys, time; t = time.perf_counter(); sys.path.insert(0, sys.argv[1]);"
        "from pathlib import Path; from reader.search.index import SearchIndex;"
        "from reader.segment import Segmenter;"
        "ix = SearchIndex(Path(sys.argv[2]), Segmenter(Path(sys.argv[3])));"
        "s = ix.open(int(sys.argv[4])); print((time.perf_counter() - t) * 1000, s)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(REPO), str(index_dir), str(cache_dir), str(counter)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0])


def measure(root: Path, cache: Path, repeat: int) -> dict[str, Any]:
    """Every search figure of the archive at ``root``."""
    require_shared()
    cache.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"archive": str(root)}
    with Archive(ArchivePaths(root), write=False) as archive:
        search = archive.search
        counter = search.database_counter()
        status = search.status()
        if status is not IndexStatus.OK:
            raise SystemExit(f"the archive's search index is {status}: import it first")
        index_dir = archive.paths.index_dir
        result["index_mb"] = sum(p.stat().st_size for p in index_dir.iterdir()) / 2**20
        opens = []
        for _ in range(5):
            fresh = SearchIndex(index_dir, archive.segmenter)
            started = time.perf_counter()
            assert fresh.open(counter) is IndexStatus.OK
            opens.append(ms(started))
            fresh.close()
        result["open_ms"] = statistics.median(opens)
        result["open_fresh_process_ms"] = open_in_fresh_process(
            index_dir, archive.paths.cache_dir / "jieba", counter
        )
        started = time.perf_counter()
        assert search.open_if_current() is IndexStatus.OK
        index = search.index
        index.warm_up()
        result["warm_up_ms"] = ms(started)
        result["documents"] = index.doc_count
        result["segments"] = len(index._searcher().leaf_searchers())
        archive.segmenter.cut("预热")  # the app loads the dictionary at start, not in a query

        articles = load_articles()
        segment_articles(articles, archive.segmenter, cache)
        queries = make_queries(articles, archive.segmenter)
        fts = fts_database(archive, counter, cache)

        def fts_with_snippets(query: str) -> None:
            _total, ids = fts.search(query)
            texts = fts.load_texts(ids)
            terms = search.index.compiler.compile(query).highlights.get("body", [])
            for article_id in ids:
                make_snippet(texts.get(article_id, ""), terms)

        kinds: dict[str, Any] = {}
        everything: dict[str, list[float]] = {"plain": [], "snip": [], "fts": [], "fts_snip": []}
        for kind, texts in queries.items():
            times: dict[str, list[float]] = {key: [] for key in everything}
            totals, mismatches = [], 0
            for text in texts:
                for _ in range(repeat):
                    clear_block_cache()
                    started = time.perf_counter()
                    found = index.search(text)
                    times["plain"].append(ms(started))
                    clear_block_cache()
                    started = time.perf_counter()
                    search.search(text)
                    times["snip"].append(ms(started))
                    started = time.perf_counter()
                    fts_total, _ = fts.search(text)
                    times["fts"].append(ms(started))
                    started = time.perf_counter()
                    fts_with_snippets(text)
                    times["fts_snip"].append(ms(started))
                totals.append(found.total)
                mismatches += fts_total != found.total
            for key, values in times.items():
                everything[key].extend(values)
            kinds[kind] = {
                "queries": len(texts),
                "median_hits": statistics.median(totals),
                "count_mismatches": mismatches,
                **{f"{key}_p50": percentile(v, 0.5) for key, v in times.items()},
                **{f"{key}_p95": percentile(v, 0.95) for key, v in times.items()},
            }
        result["kinds"] = kinds
        result["all"] = {
            **{f"{key}_p50": percentile(v, 0.5) for key, v in everything.items()},
            **{f"{key}_p95": percentile(v, 0.95) for key, v in everything.items()},
        }
    result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["load"] = os.getloadavg()[0]
    return result


def print_table(result: dict[str, Any]) -> None:
    """Per kind: p50/p95 without and with snippets, FTS5 the same, and the ratio of p95s."""
    print(
        f"\nsearch on {result['archive']}: {result['documents']} articles, "
        f"{result['segments']} segments, index {result['index_mb']:.0f} MiB"
    )
    print(
        f"  open {result['open_ms']:.1f} ms (fresh process, imports included: "
        f"{result['open_fresh_process_ms']:.0f} ms); warm-up {result['warm_up_ms']:.0f} ms; "
        f"peak RSS {result['rss_mb']:.0f} MB"
    )
    header = ("kind", "hits", "p50", "p95", "p50+snip", "p95+snip", "fts p95", "fts+snip", "ratio")
    print("  " + " ".join(f"{h:>9}" for h in header))
    rows = [(kind, result["kinds"][kind]) for kind in KINDS_SHOWN if kind in result["kinds"]]
    rows.append(("all", {**result["all"], "median_hits": float("nan")}))
    for kind, row in rows:
        ratio = row["snip_p95"] / row["fts_snip_p95"] if row["fts_snip_p95"] else float("nan")
        values = (
            row["plain_p50"],
            row["plain_p95"],
            row["snip_p50"],
            row["snip_p95"],
            row["fts_p95"],
            row["fts_snip_p95"],
            ratio,
        )
        print(f"  {kind:>9} {row['median_hits']:>9.0f} " + " ".join(f"{v:>9.1f}" for v in values))


def main(argv: list[str] | None = None) -> int:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--archive", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=DEFAULT_DATA / "search-cache")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each query")
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args(argv)
    result = measure(options.archive.resolve(), options.cache, options.repeat)
    print_table(result)
    if options.json:
        options.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
