"""The window's performance at archive scale: cold start, article switching, list, memory.

Targets (from the window issue), with a 100k-article archive: cold start to a usable window
≤ 1.5 s (jieba and the search index load lazily, off the GUI thread); switching articles
≤ 50 ms; memory ≤ 400 MB.

Usage:
    .venv/bin/python bench/bench_window.py [--articles N] [--archive DIR] [--runs 3]
        [--index-check off|on|both] [--no-scroll] [--profile]

The archive is built once by ``bench/big_archive.py`` (real PFR pages parsed and tagged
once, then written many times over with dates shifted by months) and cached in ``DIR``
(default: ``<temp>/baokan-bench-window-<N>``). Each run starts ``bench/window_driver.py`` in a
fresh interpreter with ``QT_QPA_PLATFORM=offscreen``; the cold start is measured from just
before the process is launched. Medians of ``--runs`` runs are printed in one table,
with the machine and its load (other processes may be running: compare the load average).

``--index-check off`` (the main table) skips the window's first check of the search index;
``on`` runs the window as shipped: the benchmark archive has no index, so the window starts
rebuilding it in the background right after it is shown, and is measured meanwhile.
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
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from big_archive import ensure_archive  # noqa: E402

DRIVER = Path(__file__).resolve().parent / "window_driver.py"
START_TARGET_MS = 1500.0
SWITCH_TARGET_MS = 50.0
MEMORY_TARGET_MB = 400.0
STARTUP_STEPS = (
    "first statement",
    "import reader.cli",
    "import ui",
    "QApplication",
    "settings, translations, theme",
    "archive open",
    "MainWindow()",
    "show()",
    "first paint",
    "issue tree",
    "first batch",
    "usable",
)


# ----------------------------------------------------------------- the machine


def machine() -> dict[str, str]:
    """CPU, cores, memory, Python and Qt versions, and the load average now."""
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import PySide6
    from PySide6.QtCore import qVersion

    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "python": platform.python_version(),
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "load": load_average(),
    }


def load_average() -> str:
    """The output of ``uptime`` (load averages over 1, 5 and 15 minutes)."""
    try:
        return subprocess.run(
            ["uptime"], capture_output=True, text=True, check=False, timeout=5
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        one, five, fifteen = os.getloadavg()
        return f"load average: {one:.2f}, {five:.2f}, {fifteen:.2f}"


# ----------------------------------------------------------------- the runs


def run_driver(archive: Path, work: Path, name: str, extra: list[str]) -> dict[str, Any]:
    """Start the window in a fresh interpreter and return what it measured.

    The launch time is taken with ``time.monotonic()`` (CLOCK_MONOTONIC, the clock the
    driver stamps its steps with) just before the process is created.
    """
    out = work / f"{name}.json"
    settings = work / f"{name}.ini"
    for stale in (out, settings):
        stale.unlink(missing_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("BAOKAN_UI_SETTINGS", None)
    launch = time.monotonic()
    command = [
        sys.executable,
        str(DRIVER),
        "--archive",
        str(archive),
        "--out",
        str(out),
        "--settings",
        str(settings),
        "--t0",
        repr(launch),
        *extra,
    ]
    completed = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0 or not out.exists():
        sys.stderr.write(completed.stderr[-4000:])
        raise SystemExit(f"the window driver failed ({name}, status {completed.returncode})")
    result = json.loads(out.read_text(encoding="utf-8"))
    result["process_ms"] = (time.monotonic() - launch) * 1000
    result["stderr"] = completed.stderr[-2000:]
    return result


def since_launch(result: dict[str, Any], step: str) -> float:
    """Milliseconds from the launch of the process to a start-up step (NaN if missing)."""
    value = result["marks"].get(step)
    return (value - result["t0"]) * 1000 if value is not None else math.nan


def median(values: list[float]) -> float:
    """The median of the values that are numbers (NaN when none is)."""
    numbers = [value for value in values if not math.isnan(value)]
    return statistics.median(numbers) if numbers else math.nan


def spread(values: list[float]) -> str:
    """``median (min–max)`` of a few runs."""
    numbers = [value for value in values if not math.isnan(value)]
    if not numbers:
        return "—"
    if len(numbers) == 1:
        return f"{numbers[0]:.0f}"
    return f"{statistics.median(numbers):.0f} ({min(numbers):.0f}–{max(numbers):.0f})"


def pick(results: list[dict[str, Any]], getter: Callable[[dict[str, Any]], float]) -> list[float]:
    """One value per run (NaN where the run lacks it)."""
    values = []
    for result in results:
        try:
            values.append(float(getter(result)))
        except (KeyError, TypeError, IndexError):
            values.append(math.nan)
    return values


# ----------------------------------------------------------------- components


def components(archive_root: Path) -> list[tuple[str, float]]:
    """Time the queries the window's tasks run, directly (no Qt), median of 3 (ms)."""
    from sqlalchemy import func, select

    from db.models import Article
    from reader.archive import Archive
    from reader.entities.browse import mentions_of_article
    from reader.library import get_article
    from reader.listing import ArticleQuery, count_articles, fetch_articles, issue_tree
    from reader.paths import ArchivePaths
    from ui.entities.model import load_entity_listing

    out: list[tuple[str, float]] = []
    with Archive(ArchivePaths(archive_root), write=False) as archive:
        db = archive.db

        def timed(label: str, fn: Callable[[], object], repeat: int = 3) -> None:
            samples = []
            for _ in range(repeat):
                start = time.perf_counter()
                fn()
                samples.append((time.perf_counter() - start) * 1000)
            out.append((label, statistics.median(samples)))

        def in_session(fn: Callable[[Any], object]) -> Callable[[], object]:
            def run() -> object:
                with db.read() as session:
                    return fn(session)

            return run

        with db.read() as session:
            max_id = int(session.scalar(select(func.max(Article.id))) or 0)
        ids = [1 + (i * 7919) % max_id for i in range(30)]
        timed("issue_tree (issues pane)", in_session(issue_tree))
        query = ArticleQuery()
        timed(
            "fetch_articles first batch, archive order",
            in_session(lambda s: fetch_articles(s, query)),
        )
        timed("count_articles (whole archive)", in_session(lambda s: count_articles(s, query)))
        timed(
            "fetch_articles + count, filter '中'",
            in_session(
                lambda s: (
                    fetch_articles(s, query.with_text("中")),
                    count_articles(s, query.with_text("中")),
                )
            ),
        )
        timed("load_entity_listing (entities pane)", lambda: load_entity_listing(db), 1)
        timed(
            "get_article ×30 (per article)",
            in_session(lambda s: [get_article(s, i) for i in ids]),
            1,
        )
        out[-1] = (out[-1][0], out[-1][1] / len(ids))
        timed(
            "mentions_of_article ×30 (per article)",
            in_session(lambda s: [mentions_of_article(s, i) for i in ids]),
            1,
        )
        out[-1] = (out[-1][0], out[-1][1] / len(ids))
    return out


# ----------------------------------------------------------------- report


def verdict(value: float, target: float) -> str:
    """PASS, FAIL, or — when there is no value."""
    if math.isnan(value):
        return "—"
    return "PASS" if value <= target else "FAIL"


def print_table(rows: list[tuple[str, str, str, str]]) -> None:
    """One fixed-width table: metric, target, measured, verdict."""
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for index, row in enumerate(rows):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            print("  ".join("-" * width for width in widths))


def table_rows(
    browse: list[dict[str, Any]], shipped: list[dict[str, Any]]
) -> list[tuple[str, str, str, str]]:
    """The rows of the summary table (medians of the runs; ranges in parentheses)."""
    rows: list[tuple[str, str, str, str]] = [("metric", "target", "measured (ms / MB)", "result")]
    if browse:
        usable = pick(browse, lambda r: since_launch(r, "usable"))
        rows.append(
            (
                "cold start → usable window",
                f"≤ {START_TARGET_MS:.0f} ms",
                spread(usable),
                verdict(median(usable), START_TARGET_MS),
            )
        )
        previous = "first statement"
        for step in STARTUP_STEPS:
            if step == "first statement":
                values = pick(browse, lambda r: since_launch(r, "first statement"))
                label = "  interpreter start"
            elif step == "usable":
                continue
            else:
                values = pick(
                    browse,
                    lambda r, s=step, p=previous: since_launch(r, s) - since_launch(r, p),
                )
                label = f"  + {step}"
            rows.append((label, "", spread(values), ""))
            previous = step
        for key, label in (
            ("switch_shown", "switch article (open_article + layout + paint)"),
            ("switch_call", "  open_article call alone"),
            ("switch_highlighted", "  … until entity highlights are drawn"),
            ("next_article", "next article in list (Alt+Down)"),
        ):
            for stat in ("p50", "p95", "max"):
                values = pick(browse, lambda r, k=key, s=stat: r[k][s])
                judged = key in ("switch_shown", "next_article") and stat == "p95"
                rows.append(
                    (
                        f"{label} {stat}",
                        f"≤ {SWITCH_TARGET_MS:.0f} ms" if judged else "",
                        spread(values),
                        verdict(median(values), SWITCH_TARGET_MS) if judged else "",
                    )
                )
        filters = browse[0].get("filters", {})
        for name in filters:
            values = pick(browse, lambda r, n=name: r["filters"][n]["ms"])
            stalls = pick(browse, lambda r, n=name: r["filters"][n]["stall_ms"])
            rows.append(
                (
                    f"filter '{name}' → first batch",
                    "(none)",
                    f"{spread(values)}; GUI stall {spread(stalls)}",
                    "",
                )
            )
        for name in browse[0].get("sorts", {}):
            values = pick(browse, lambda r, n=name: r["sorts"][n]["ms"])
            rows.append((f"sort by {name} → first batch", "(none)", spread(values), ""))
        scrolled = [r for r in browse if "scroll" in r]
        if scrolled:
            scroll = scrolled[0]["scroll"]
            rows.append(
                (
                    "scroll list to the end",
                    "(none)",
                    f"{scroll['seconds']:.1f} s for {scroll['rows']} rows in {scroll['batches']} "
                    f"batches{'' if scroll['complete'] else ' (INCOMPLETE)'}",
                    "",
                )
            )
            rows.append(
                (
                    "  per batch p50 / p95 / max",
                    "(none)",
                    f"{scroll['batch_ms']['p50']:.0f} / {scroll['batch_ms']['p95']:.0f} / "
                    f"{scroll['batch_ms']['max']:.0f}",
                    "",
                )
            )
            rows.append(
                (
                    "  first 10 / last 10 batches (median)",
                    "(none)",
                    f"{scroll['first_10_batch_ms']:.0f} / {scroll['last_10_batch_ms']:.0f}",
                    "",
                )
            )
            rows.append(
                ("  longest GUI freeze while scrolling", "(none)", f"{scroll['stall_ms']:.0f}", "")
            )
        lost = pick(
            browse,
            lambda r: (
                (r["refs"]["usable"]["None"] - r["refs"]["after switching"]["None"])
                / r["switch_shown"]["n"]
            ),
        )
        left = pick(browse, lambda r: r["refs"]["usable"]["None"])
        if median(lost) > 0:
            rows.append(
                (
                    "None references lost per switch (PySide6 bug)",
                    "0",
                    f"{median(lost):.0f} → abort after ≈ {median(left) / median(lost):.0f} "
                    "switches",
                    "FAIL",
                )
            )
        for key, label in (
            ("rss_startup", "peak RSS after start-up"),
            ("rss_after_browsing", "peak RSS after browsing (no search)"),
            ("rss_after_scroll", "peak RSS after scrolling to the end"),
        ):
            values = pick(browse, lambda r, k=key: r[k]["maxrss"])
            if any(not math.isnan(v) for v in values):
                rows.append(
                    (
                        label,
                        f"≤ {MEMORY_TARGET_MB:.0f} MB",
                        spread(values),
                        verdict(median(values), MEMORY_TARGET_MB),
                    )
                )
    if shipped:
        usable = pick(shipped, lambda r: since_launch(r, "usable"))
        rows.append(("AS SHIPPED (index rebuild in background):", "", "", ""))
        rows.append(
            (
                "  cold start → usable window",
                f"≤ {START_TARGET_MS:.0f} ms",
                spread(usable),
                verdict(median(usable), START_TARGET_MS),
            )
        )
        for key, label in (
            ("switch_shown", "switch article"),
            ("next_article", "next article in list"),
        ):
            values = pick(shipped, lambda r, k=key: r[k]["p95"])
            rows.append(
                (
                    f"  {label} p95",
                    f"≤ {SWITCH_TARGET_MS:.0f} ms",
                    spread(values),
                    verdict(median(values), SWITCH_TARGET_MS),
                )
            )
        peak = pick(shipped, lambda r: r["rss_end"]["maxrss"])
        rows.append(
            (
                "  peak RSS of the session",
                f"≤ {MEMORY_TARGET_MB:.0f} MB",
                spread(peak),
                verdict(median(peak), MEMORY_TARGET_MB),
            )
        )
        rates = []
        for result in shipped:
            first, last = result.get("rebuild_first_progress"), result.get("rebuild_progress")
            if first and last and last[0][0] > first[0]:
                rates.append((last[0][1] - first[1]) / (last[0][0] - first[0]))
        if rates:
            total = shipped[0].get("rows_total") or 0
            rate = statistics.median(rates)
            rows.append(
                (
                    "  index rebuild speed (docs/s; full rebuild)",
                    "",
                    f"{rate:.0f} docs/s → ≈ {total / rate / 60:.0f} min",
                    "",
                )
            )
        quits = pick(shipped, lambda r: r["quit_ms"])
        rows.append(("  quitting during the rebuild", "", spread(quits), ""))
    return rows


def print_tasks(result: dict[str, Any]) -> None:
    """The background tasks submitted before the window was usable, with their timing."""
    usable = result["marks"].get("usable", math.inf)
    print("Tasks submitted during start-up (ms since launch: submitted → ended):")
    for task in result["tasks"]:
        if task["submitted"] <= usable:
            ended = task.get("ended")
            end_text = f"{(ended - result['t0']) * 1000:.0f}" if ended else "running"
            print(
                f"  {task['name']:<36} {(task['submitted'] - result['t0']) * 1000:6.0f} → "
                f"{end_text}"
            )


def main(argv: list[str] | None = None) -> int:
    """Build or reuse the archive, run the window several times, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--archive", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--switches", type=int, default=200)
    parser.add_argument("--index-check", choices=("off", "on", "both"), default="both")
    parser.add_argument("--no-scroll", action="store_true", help="skip scrolling to the end")
    parser.add_argument("--no-components", action="store_true")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="one more run under cProfile (GUI thread): top functions",
    )
    options = parser.parse_args(argv)

    root = (
        (options.archive or Path(tempfile.gettempdir()) / f"baokan-bench-window-{options.articles}")
        .expanduser()
        .resolve()
    )
    info = ensure_archive(root, options.articles)
    facts = machine()
    print(f"Archive: {root}")
    print(
        f"  {info['articles']} articles, {info['blocks']} text blocks, {info['mentions']} "
        f"mentions of {info['entities']} entities, {info['issues']} issues, "
        f"{info['pages']} pages; database {info['database_mb']} MB; no search index"
    )
    print(
        f"Machine: {facts['nproc']} × {facts['cpu']}; Python {facts['python']}, "
        f"PySide6 {facts['pyside6']}, Qt {facts['qt']}"
    )
    print(f"Load before: {facts['load']}")
    print()

    if not options.no_components:
        print("Queries of the window's background tasks, timed directly (ms):")
        for label, ms in components(root):
            print(f"  {label:<48} {ms:8.1f}")
        print()

    with tempfile.TemporaryDirectory(prefix="bench-window-") as folder:
        work = Path(folder)
        common = ["--browse", "--switches", str(options.switches)]
        browse: list[dict[str, Any]] = []
        shipped: list[dict[str, Any]] = []
        if options.index_check in ("off", "both"):
            for run in range(options.runs):
                extra = [*common, "--index-check", "off"]
                if run == 0 and not options.no_scroll:
                    extra.append("--scroll-end")
                browse.append(run_driver(root, work, f"off-{run}", extra))
                print(
                    f"run {run + 1}/{options.runs} (index check off): usable at "
                    f"{since_launch(browse[-1], 'usable'):.0f} ms; {load_average()}",
                    flush=True,
                )
        if options.index_check in ("on", "both"):
            for run in range(options.runs):
                shipped.append(
                    run_driver(root, work, f"on-{run}", [*common, "--index-check", "on"])
                )
                print(
                    f"run {run + 1}/{options.runs} (as shipped): usable at "
                    f"{since_launch(shipped[-1], 'usable'):.0f} ms; {load_average()}",
                    flush=True,
                )
        profiled = None
        if options.profile:
            profiled = run_driver(
                root, work, "profile", [*common, "--index-check", "off", "--profile"]
            )
    print()
    print(
        f"Window benchmark, {info['articles']} articles — medians of {options.runs} runs "
        "(min–max); ms unless said otherwise"
    )
    print_table(table_rows(browse, shipped))
    print()
    if browse:
        print_tasks(browse[0])
    print(f"Load after: {load_average()}")
    if profiled is not None:
        print()
        print("cProfile, GUI thread, start-up after the imports (top by cumulative time):")
        print(profiled.get("startup_profile", ""))
        print("cProfile, GUI thread, article switches:")
        print(profiled.get("switch_profile", ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
