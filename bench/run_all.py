"""Every speed figure of the issue in one table, next to its target: import, search, start-up.

    .venv/bin/python bench/run_all.py --articles 10000      # ≈ 8 min on 2 cores
    .venv/bin/python bench/run_all.py --articles 100000     # ≈ 40 min (import ≈ 15 min)
        [--steps import,search,window] [--keep] [--window-runs 3] [--out FILE]

1. ``bench/corpus.py`` writes the corpus (real PFR pages from ``../shared``, dates shifted,
   lightly perturbed) to ``../bench-data/corpus-N`` once.
2. ``bench/bench_import.py`` imports it with the app's importer into a fresh archive
   ``../bench-data/archive-N`` (``--keep`` reuses a finished one) and times a bare
   ``jieba.posseg`` pass over the same text in the same run.
3. ``bench/search_archive.py`` runs the query kinds on that archive with and without
   snippets, and SQLite FTS5 over the same articles.
4. ``bench/bench_window.py``'s driver starts the window on it (fresh interpreter, offscreen)
   ``--window-runs`` times: cold start to usable, article switching, memory.

Each step writes JSON into ``../bench-data/results-N/``; the table is printed from those
files, so a step can be rerun alone. The machine's cores, CPU, memory, Python and OS and
its load are printed with the table: other work on the machine slows every figure.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
for entry in (str(REPO), str(BENCH)):
    if entry not in sys.path:
        sys.path.insert(0, entry)

from corpus import DEFAULT_DATA  # noqa: E402

TARGETS = {
    "import_ratio": 1.0,  # import time / bare jieba.posseg time over the same text
    "import_100k_minutes": 10.0,
    "search_p95_ms": 50.0,
    "start_ms": 1500.0,
    "switch_ms": 50.0,
    "rss_mb": 400.0,
}


def machine() -> dict[str, str]:
    """Cores, CPU model, memory, Python, OS and the load average now."""
    model = "?"
    memory = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 2**20:.1f} GiB"
                break
    except OSError:
        pass
    one, five, fifteen = os.getloadavg()
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "memory": memory,
        "python": platform.python_version(),
        "os": platform.platform(),
        "load": f"{one:.2f}, {five:.2f}, {fifteen:.2f}",
    }


def run_import(articles: int, results: Path, keep: bool) -> None:
    """Corpus + import + posseg baseline → ``import.json``."""
    command = [
        sys.executable,
        str(BENCH / "bench_import.py"),
        "--articles",
        str(articles),
        "--json",
        str(results / "import.json"),
    ]
    if keep:
        command.append("--keep")
    subprocess.run(command, check=True, cwd=REPO)


def run_search(archive: Path, results: Path) -> None:
    """Queries on the archive and FTS5 → ``search.json``."""
    command = [
        sys.executable,
        str(BENCH / "search_archive.py"),
        "--archive",
        str(archive),
        "--json",
        str(results / "search.json"),
    ]
    subprocess.run(command, check=True, cwd=REPO)


def run_window(archive: Path, results: Path, runs: int) -> None:
    """The window started ``runs`` times on the archive (index present) → ``window.json``."""
    from bench_window import run_driver, since_launch

    measured = []
    with tempfile.TemporaryDirectory(prefix="bench-window-") as folder:
        for run in range(runs):
            extra = ["--browse", "--switches", "200", "--index-check", "on"]
            result = run_driver(archive, Path(folder), f"run-{run}", extra)
            measured.append(
                {
                    "usable_ms": since_launch(result, "usable"),
                    "switch_p50": result["switch_shown"]["p50"],
                    "switch_p95": result["switch_shown"]["p95"],
                    "next_p95": result["next_article"]["p95"],
                    "rss_mb": result["rss_end"]["maxrss"],
                }
            )
            print(f"  window run {run + 1}: usable at {measured[-1]['usable_ms']:.0f} ms")
    (results / "window.json").write_text(json.dumps(measured, indent=1), encoding="utf-8")


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def verdict(value: float, target: float) -> str:
    """PASS, FAIL, or — when there is no value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return "PASS" if value <= target else "FAIL"


def table(articles: int, results: Path) -> list[tuple[str, str, str, str]]:
    """The rows: metric, target, measured, verdict."""
    rows: list[tuple[str, str, str, str]] = [("metric", "target", "measured", "")]
    imported = _load(results / "import.json")
    if imported:
        imp = imported["import"]
        seconds = imp["seconds"]
        one = imported.get("posseg_1_mean_chars_per_s", imported["posseg_1"]["chars_per_s"])
        rows += [
            (
                f"import {imp['articles']} articles ({imp['files']} pages)",
                "",
                f"{seconds:.0f} s",
                "",
            ),
            (
                "  throughput",
                "",
                f"{imp['articles'] / seconds:.0f} articles/s, "
                f"{imp['characters'] / seconds / 1000:.1f}k chars/s",
                "",
            ),
            (
                "  bare jieba.posseg, 1 process (mean before/after)",
                "",
                f"{one / 1000:.1f}k chars/s",
                "",
            ),
        ]
        if imported.get("posseg_n"):
            many = imported["posseg_n"]["chars_per_s"]
            rows.append(
                (
                    f"  bare jieba.posseg, {imported['posseg_procs']} processes",
                    "",
                    f"{many / 1000:.1f}k chars/s ({many / one:.2f}×)",
                    "",
                )
            )
        ratio = imported["ratio_to_posseg"]
        rows.append(
            (
                "  import time / posseg time (1 process)",
                f"≤ {TARGETS['import_ratio']:.1f}×",
                f"{ratio:.2f}×",
                verdict(ratio, TARGETS["import_ratio"]),
            )
        )
        per_100k = seconds / imp["articles"] * 100_000 / 60
        label = "  100k articles" if articles >= 100_000 else "  100k articles (extrapolated)"
        rows.append(
            (
                label,
                f"≤ {TARGETS['import_100k_minutes']:.0f} min",
                f"{per_100k:.1f} min",
                verdict(per_100k, TARGETS["import_100k_minutes"]),
            )
        )
        rows.append(
            (
                "  peak RSS: importing process / one worker",
                f"≤ {TARGETS['rss_mb']:.0f} MB",
                f"{imp['rss_main_mb']:.0f} / {imp['rss_worker_mb']:.0f} MB",
                verdict(imp["rss_main_mb"], TARGETS["rss_mb"]),
            )
        )
    searched = _load(results / "search.json")
    if searched:
        rows.append(
            (
                f"search: {searched['documents']} articles, {searched['segments']} segments",
                "",
                f"index {searched['index_mb']:.0f} MiB",
                "",
            )
        )
        rows.append(
            (
                "  index open (stamp + Whoosh) / fresh process",
                "",
                f"{searched['open_ms']:.1f} / {searched['open_fresh_process_ms']:.0f} ms",
                "",
            )
        )
        for kind, row in searched["kinds"].items():
            rows.append(
                (
                    f"  {kind}: p50 / p95, + snippets; FTS5 p95, + snippets",
                    "",
                    f"{row['plain_p50']:.1f} / {row['plain_p95']:.1f}, "
                    f"{row['snip_p50']:.1f} / {row['snip_p95']:.1f}; "
                    f"{row['fts_p95']:.1f}, {row['fts_snip_p95']:.1f} ms",
                    "",
                )
            )
        every = searched["all"]
        rows.append(
            (
                "  all queries p95 with snippets",
                f"≤ {TARGETS['search_p95_ms']:.0f} ms",
                f"{every['snip_p95']:.1f} ms (p50 {every['snip_p50']:.1f})",
                verdict(every["snip_p95"], TARGETS["search_p95_ms"]),
            )
        )
        rows.append(
            (
                "  ratio to FTS5 (p95 with snippets / without)",
                "",
                f"{every['snip_p95'] / every['fts_snip_p95']:.2f} / "
                f"{every['plain_p95'] / every['fts_p95']:.2f}",
                "",
            )
        )
        rows.append(
            (
                "  peak RSS of the searching process",
                f"≤ {TARGETS['rss_mb']:.0f} MB",
                f"{searched['rss_mb']:.0f} MB",
                verdict(searched["rss_mb"], TARGETS["rss_mb"]),
            )
        )
    window = _load(results / "window.json")
    if window:
        usable = statistics.median(run["usable_ms"] for run in window)
        switch = statistics.median(run["switch_p95"] for run in window)
        rss = statistics.median(run["rss_mb"] for run in window)
        spread = ", ".join(f"{run['usable_ms']:.0f}" for run in window)
        rows += [
            (
                f"window cold start → usable (median of {len(window)})",
                f"≤ {TARGETS['start_ms']:.0f} ms",
                f"{usable:.0f} ms ({spread})",
                verdict(usable, TARGETS["start_ms"]),
            ),
            (
                "  article switch p95",
                f"≤ {TARGETS['switch_ms']:.0f} ms",
                f"{switch:.0f} ms",
                verdict(switch, TARGETS["switch_ms"]),
            ),
            (
                "  peak RSS of the window",
                f"≤ {TARGETS['rss_mb']:.0f} MB",
                f"{rss:.0f} MB",
                verdict(rss, TARGETS["rss_mb"]),
            ),
        ]
    return rows


def print_table(rows: list[tuple[str, str, str, str]]) -> str:
    """Format the rows as a Markdown table (also returned)."""
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * 4]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    text = "\n".join(lines)
    print(text)
    return text


def main(argv: list[str] | None = None) -> int:
    """Run the steps asked for and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--steps", default="import,search,window")
    parser.add_argument("--keep", action="store_true", help="reuse a finished import")
    parser.add_argument("--window-runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    options = parser.parse_args(argv)
    results = DEFAULT_DATA / f"results-{options.articles}"
    results.mkdir(parents=True, exist_ok=True)
    archive = DEFAULT_DATA / f"archive-{options.articles}"
    steps = {step.strip() for step in options.steps.split(",") if step.strip()}
    facts = machine()
    print(f"load before: {facts['load']}")
    if "import" in steps:
        run_import(options.articles, results, options.keep)
    if "search" in steps:
        run_search(archive, results)
    if "window" in steps:
        run_window(archive, results, options.window_runs)
    facts = machine()
    print()
    print(
        f"Machine: {facts['nproc']} × {facts['cpu']}, {facts['memory']} RAM, "
        f"Python {facts['python']}, {facts['os']}; load average now {facts['load']}"
    )
    text = print_table(table(options.articles, results))
    if options.out:
        options.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
