"""Import throughput on the benchmark corpus, next to a bare jieba.posseg pass over the same text.

Imports a corpus folder (``bench/corpus.py``) into a fresh archive with the importer the app
uses (``Importer.run``: read, decode, parse, segment, tag, store, index), in a child process
so that its peak memory is its own, and times ``jieba.posseg`` alone over the same page
texts in the same run (one process, and ``--posseg-procs`` processes). Prints one table and,
with ``--json FILE``, writes the figures for ``bench/run_all.py``.

    .venv/bin/python bench/bench_import.py --articles 10000 [--archive DIR] [--workers N]
        [--posseg-sample CHARS] [--posseg-procs 2] [--keep]

The archive is written to ``../bench-data/archive-<N>`` by default (deleted first unless
``--keep`` finds a finished one there); search and window benchmarks reuse it.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from corpus import DEFAULT_DATA, corpus_dir, ensure_corpus  # noqa: E402

DONE_MARK = "bench-import.json"


# ----------------------------------------------------------------------- posseg baseline


def _posseg_tokenizer(cache: Path) -> Any:
    """A private jieba tokenizer (its cache in ``cache``) wrapped for part-of-speech tagging."""
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    cache.mkdir(parents=True, exist_ok=True)
    tokenizer.tmp_dir = str(cache)
    tokenizer.initialize()
    return jieba.posseg.POSTokenizer(tokenizer)


def _posseg_texts(args: tuple[list[str], str]) -> tuple[int, float]:
    texts, cache = args
    tagger = _posseg_tokenizer(Path(cache))
    started = time.process_time()
    words = 0
    for text in texts:
        words += sum(1 for _ in tagger.cut(text))
    return words, time.process_time() - started


def sample_texts(folder: Path, limit_chars: int | None) -> tuple[list[str], int, int]:
    """Page texts of the corpus in file order, up to ``limit_chars`` characters.

    Returns:
        The texts, their characters, and the characters of the whole corpus.
    """
    texts: list[str] = []
    taken = 0
    total = 0
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        total += len(text)
        if limit_chars is None or taken < limit_chars:
            texts.append(text)
            taken += len(text)
    return texts, taken, total


def posseg_pass(texts: list[str], procs: int, cache: Path) -> dict[str, float]:
    """Time ``jieba.posseg.cut`` over the texts (dictionary loading excluded).

    With several processes the texts are dealt round-robin and the wall time is the
    slowest worker's CPU time (each worker loads its dictionary before its clock starts).
    """
    chars = sum(len(text) for text in texts)
    if procs <= 1:
        _, seconds = _posseg_texts((texts, str(cache)))
    else:
        shares = [(texts[i::procs], str(cache)) for i in range(procs)]
        with multiprocessing.get_context("spawn").Pool(procs) as pool:
            seconds = max(s for _, s in pool.map(_posseg_texts, shares))
    return {"chars": chars, "seconds": seconds, "chars_per_s": chars / seconds}


# ----------------------------------------------------------------------- the import child


def child(archive_root: Path, corpus: Path, workers: int | None, out: Path) -> None:
    """Import ``corpus`` into ``archive_root`` (run in a fresh interpreter); write figures."""
    import inspect

    from reader.archive import Archive
    from reader.importer import Importer
    from reader.paths import ArchivePaths

    started = time.perf_counter()
    with Archive(ArchivePaths(archive_root), write=True) as archive:
        options: dict[str, Any] = {}
        if "workers" in inspect.signature(Importer).parameters:
            options["workers"] = workers
        importer = Importer(archive, **options)
        progress_marks: list[tuple[float, int]] = []

        def progress(done: int, total: int, _name: str) -> None:
            if done % 200 == 0 or done == total:
                progress_marks.append((time.perf_counter() - started, done))
                print(f"\r  {done}/{total} files, {time.perf_counter() - started:.0f} s", end="")

        report = importer.run([corpus], progress=progress)
        print()
        seconds = time.perf_counter() - started
        summary = report.to_dict()
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    characters = 0
    for path in corpus.glob("*.txt"):
        characters += len(path.read_text(encoding="utf-8"))
    result = {
        "seconds": seconds,
        "files": len(report.files),
        "imported": summary["imported"],
        "failed": summary["failed"],
        "articles": sum(f.articles for f in report.files),
        "characters": characters,
        "rss_main_mb": self_rss,
        "rss_worker_mb": children_rss,
        "workers": options.get("workers", 0),
        "progress": progress_marks,
        "errors": [f.error for f in report.files if f.error][:5],
    }
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")


def run_import(archive_root: Path, corpus: Path, workers: int | None, keep: bool) -> dict:
    """Import in a child process (or reuse a finished archive with ``keep``)."""
    mark = archive_root / DONE_MARK
    if keep and mark.exists():
        result = json.loads(mark.read_text(encoding="utf-8"))
        result["reused"] = True
        return result
    if archive_root.exists():
        shutil.rmtree(archive_root)
    out = archive_root.parent / f".{archive_root.name}-import.json"
    command = [sys.executable, __file__, "--child", str(archive_root), str(corpus), str(out)]
    if workers is not None:
        command += ["--workers", str(workers)]
    subprocess.run(command, check=True, cwd=REPO)
    result = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    mark.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


def measure(
    articles: int,
    archive_root: Path,
    workers: int | None,
    posseg_sample: int | None,
    posseg_procs: int,
    keep: bool,
) -> dict[str, Any]:
    """Build the corpus, import it, time posseg over the same text; return every figure."""
    folder = corpus_dir(articles)
    info = ensure_corpus(folder, articles)
    load = os.getloadavg()[0]
    texts, sampled, total = sample_texts(folder, posseg_sample)
    cache = DEFAULT_DATA / "jieba-cache"
    # posseg before and after the import: the machine is shared, its speed drifts.
    before = posseg_pass(texts[: max(1, len(texts) // 3)], 1, cache)
    imported = run_import(archive_root, folder, workers, keep)
    one = posseg_pass(texts, 1, cache)
    many = posseg_pass(texts, posseg_procs, cache) if posseg_procs > 1 else None
    rate = (before["chars_per_s"] + one["chars_per_s"]) / 2
    posseg_seconds = total / rate
    return {
        "corpus": {"articles": info.articles, "pages": info.pages, "characters": total},
        "import": imported,
        "posseg_1": one,
        "posseg_1_before": before,
        "posseg_1_mean_chars_per_s": rate,
        "posseg_n": many,
        "posseg_procs": posseg_procs,
        "posseg_sampled_chars": sampled,
        "posseg_seconds_whole_corpus": posseg_seconds,
        "ratio_to_posseg": imported["seconds"] / posseg_seconds,
        "load_before": load,
        "load_after": os.getloadavg()[0],
    }


def print_table(result: dict[str, Any]) -> None:
    """The import rows of the benchmark table."""
    imp = result["import"]
    one = result["posseg_1"]
    many = result["posseg_n"]
    print(
        f"\nimport of {imp['files']} files ({imp['articles']} articles, {imp['characters']:,} "
        f"characters; {imp['failed']} failed)"
    )
    print(f"  wall time                  {imp['seconds']:.1f} s")
    print(
        f"  throughput                 {imp['articles'] / imp['seconds']:.1f} articles/s, "
        f"{imp['characters'] / imp['seconds'] / 1000:.1f}k characters/s"
    )
    sample = result["posseg_sampled_chars"]
    print(
        f"  bare jieba.posseg, 1 proc  {result['posseg_1_before']['chars_per_s'] / 1000:.1f}k "
        f"before the import, {one['chars_per_s'] / 1000:.1f}k after (characters/s, on "
        f"{sample:,} characters) → whole corpus {result['posseg_seconds_whole_corpus']:.0f} s"
    )
    if many:
        print(
            f"  bare jieba.posseg, {result['posseg_procs']} procs "
            f"{many['chars_per_s'] / 1000:.1f}k characters/s "
            f"({many['chars_per_s'] / one['chars_per_s']:.2f}×)"
        )
    print(f"  import time / posseg time  {result['ratio_to_posseg']:.2f}× (target ≤ 1.0)")
    print(
        f"  peak RSS                   main {imp['rss_main_mb']:.0f} MB, "
        f"largest worker {imp['rss_worker_mb']:.0f} MB (target ≤ 400 MB)"
    )
    print(f"  load average before/after  {result['load_before']:.1f} / {result['load_after']:.1f}")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments; run the child or the whole measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--archive", type=Path, default=None)
    parser.add_argument("--workers", type=int, default=None, help="default: the importer's")
    parser.add_argument(
        "--posseg-sample",
        type=int,
        default=None,
        help="time posseg on the first CHARS characters only (default: all up to 6.1 M)",
    )
    parser.add_argument("--posseg-procs", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="reuse a finished import")
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--child", nargs=3, type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        child(*options.child[:2], options.workers, options.child[2])
        return 0
    archive_root = options.archive or DEFAULT_DATA / f"archive-{options.articles}"
    sample = options.posseg_sample if options.posseg_sample is not None else 6_100_000
    result = measure(
        options.articles, archive_root, options.workers, sample, options.posseg_procs, options.keep
    )
    print_table(result)
    if options.json:
        options.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
