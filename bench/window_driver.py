"""Child process of bench_window.py: start the window as main.py does, time it, browse, report JSON.

Not meant to be run by hand (``bench/bench_window.py`` starts it in a fresh interpreter with
``QT_QPA_PLATFORM=offscreen``). It reproduces ``main.main`` and ``ui.app.run_window`` step by
step (imports, application, settings, translations, theme, archive, task runner, main
window, show), records a CLOCK_MONOTONIC timestamp after each step, and calls the window
usable when the issue tree and the first batch of the article list have arrived (observed
through ``IssuesPane.loaded`` and ``ArticleTableModel.batchLoaded``, never by sleeping).
With ``--browse`` it then switches articles, filters, sorts and scrolls the list to its end,
and quits. Everything measured goes to the JSON file named by ``--out``.

With ``--index-check off`` the window's first check of the search index (scheduled by
``MainWindow.showEvent``) is skipped, by replacing ``SearchIndexController.start`` with a
no-op in this process only; with ``on`` the window behaves as shipped and, the benchmark
archive having no index, starts rebuilding it in the background while being measured.
"""

from __future__ import annotations

import time

T_FIRST = time.monotonic()  # the first statement of this program: the interpreter is up

import argparse  # noqa: E402
import cProfile  # noqa: E402
import ctypes  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

NO_MATCH_FILTER = "甲乙丙丁戊己庚"  # invented: no headline holds it, so the whole list is scanned
SINGLETONS = {"None": None, "True": True, "False": False}
# PySide6 6.12.0 on Python < 3.12 drops a reference to None/True at ordinary calls (every
# Python-side ``Signal.emit`` returns True without owning it): a long session ends in
# "Fatal Python error: none_dealloc / bool_dealloc". These padding references keep the
# benchmark alive; the losses are measured (``singleton_refs``) to tell how soon the real
# window would abort.
PADDING = 200_000
_PADDING = [None, True, False] * PADDING
ctypes.pythonapi.Py_IncRef(ctypes.py_object(_PADDING))  # never freed, even at exit


def singleton_refs() -> dict[str, int]:
    """The reference counts of None, True and False now, padding left out."""
    return {name: sys.getrefcount(value) - PADDING for name, value in SINGLETONS.items()}


def rss_mb() -> dict[str, float]:
    """Resident memory now and at its peak (``VmRSS``, ``VmHWM``; ``ru_maxrss``), in MB."""
    out: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith(("VmRSS:", "VmHWM:")):
                out[line.split(":")[0]] = int(line.split()[1]) / 1024
    out["maxrss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def percentiles(values: list[float]) -> dict[str, float]:
    """p50, p95 and max of a list of milliseconds (empty: zeros)."""
    if not values:
        return {"n": 0, "p50": 0.0, "p95": 0.0, "max": 0.0}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(values),
        "p50": statistics.median(ordered),
        "p95": p95,
        "max": ordered[-1],
    }


def top_functions(profile: cProfile.Profile, count: int = 25) -> str:
    """The functions of a profile with the most cumulative time, as text."""
    stream = io.StringIO()
    stats = pstats.Stats(profile, stream=stream)
    stats.sort_stats("cumulative").print_stats(count)
    return stream.getvalue()


def main(argv: list[str]) -> int:
    """Run the window on ``--archive`` and write the measurements to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--archive", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--settings", required=True, help="a fresh window settings file")
    parser.add_argument("--t0", type=float, default=T_FIRST, help="parent's launch time")
    parser.add_argument("--index-check", choices=("on", "off"), default="off")
    parser.add_argument("--browse", action="store_true")
    parser.add_argument("--switches", type=int, default=200)
    parser.add_argument("--next-steps", type=int, default=150)
    parser.add_argument("--scroll-end", action="store_true")
    parser.add_argument("--scroll-seconds", type=float, default=900.0)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--seed", type=int, default=1998)
    options = parser.parse_args(argv)

    marks: dict[str, float] = {"first statement": T_FIRST}
    refs: dict[str, dict[str, int]] = {"start": singleton_refs()}
    result: dict[str, Any] = {"t0": options.t0, "marks": marks, "tasks": [], "refs": refs}

    def mark(name: str) -> None:
        marks[name] = time.monotonic()

    startup_profile = cProfile.Profile() if options.profile else None

    # ----- main.main: the command-line front end decides to open the window
    from reader.arguments import build_parser
    from reader.paths import resolve_archive

    mark("import reader.cli")
    args = build_parser().parse_args(["--archive", options.archive])
    paths = resolve_archive(args.archive)

    from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer, qVersion

    from ui.app import get_application, open_archive_or_explain
    from ui.articles.model import Column
    from ui.i18n import install_translations, remove_translations, resolve_language
    from ui.main_window import MainWindow
    from ui.search.index_state import SearchIndexController
    from ui.settings import LANGUAGE, THEME, Settings, Theme
    from ui.tasks import TaskHandle, TaskRunner
    from ui.theme import ThemeController

    mark("import ui")
    result["qt"] = qVersion()
    if options.index_check == "off":
        SearchIndexController.start = lambda self: None  # type: ignore[method-assign]
    if startup_profile is not None:
        startup_profile.enable()

    # ----- ui.app.run_window, in its order
    app = get_application()
    mark("QApplication")

    class FirstPaint(QObject):
        """Records the first paint event of any widget, then removes itself."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "first paint" not in marks:
                mark("first paint")
                app.removeEventFilter(self)
            return False

    first_paint = FirstPaint()
    app.installEventFilter(first_paint)
    settings = Settings(Path(options.settings))
    translators = install_translations(app, resolve_language(settings.get(LANGUAGE)))
    theme = ThemeController(app, Theme(settings.get(THEME)))
    mark("settings, translations, theme")
    archive = open_archive_or_explain(paths)
    if archive is None:
        raise SystemExit("the archive cannot be opened")
    mark("archive open")
    runner = TaskRunner(app)
    app.aboutToQuit.connect(runner.shutdown)

    task_log: list[dict[str, Any]] = result["tasks"]
    rebuild_progress: list[tuple[float, int, int]] = []

    def on_task(handle: TaskHandle) -> None:
        entry = {"name": handle.name, "writes": handle.writes, "submitted": time.monotonic()}
        task_log.append(entry)
        handle.ended.connect(lambda: entry.__setitem__("ended", time.monotonic()))
        if handle.writes:
            handle.progress.connect(
                lambda done, total, _text: rebuild_progress.append((time.monotonic(), done, total))
            )

    runner.taskStarted.connect(on_task)
    window = MainWindow(archive, settings, runner, theme)
    mark("MainWindow()")
    window.show()
    mark("show()")

    state = {"tree": False, "rows": False}
    usable_loop = QEventLoop()

    def check_usable() -> None:
        if state["tree"] and state["rows"] and "usable" not in marks:
            mark("usable")
            usable_loop.quit()

    def on_tree() -> None:
        if "issue tree" not in marks:
            mark("issue tree")
        state["tree"] = True
        check_usable()

    def on_batch() -> None:
        if window.articles.model.rowCount() > 0 and "first batch" not in marks:
            mark("first batch")
            state["rows"] = True
        check_usable()

    window.issues.loaded.connect(on_tree)
    window.articles.model.batchLoaded.connect(on_batch)
    QTimer.singleShot(0, lambda: mark("first event loop turn"))
    QTimer.singleShot(60_000, usable_loop.quit)
    usable_loop.exec()  # the window's event loop until it is usable (app.exec's work)
    if startup_profile is not None:
        startup_profile.disable()
        result["startup_profile"] = top_functions(startup_profile)
    result["rss_startup"] = rss_mb()
    refs["usable"] = singleton_refs()
    result["rows_total"] = window.articles.model.total

    def wait_for(signal: Any, ready: Callable[[], bool], timeout_ms: int = 120_000) -> bool:
        """Run the event loop until ``ready()`` holds, checked whenever ``signal`` fires."""
        if ready():
            return True
        loop = QEventLoop()

        def on_signal(*_args: object) -> None:
            if ready():
                loop.quit()

        signal.connect(on_signal)
        timer = QTimer()
        timer.setSingleShot(True)
        timer.timeout.connect(loop.quit)
        timer.start(timeout_ms)
        loop.exec()
        timer.stop()
        signal.disconnect(on_signal)
        return ready()

    class Heartbeat(QObject):
        """A 5 ms timer in the GUI thread: its longest gap is the longest freeze."""

        def __init__(self) -> None:
            super().__init__()
            self.timer = QTimer(self)
            self.timer.setTimerType(Qt.TimerType.PreciseTimer)
            self.timer.setInterval(5)
            self.timer.timeout.connect(self.beat)
            self.last = 0.0
            self.gaps: list[float] = []

        def start(self) -> None:
            self.gaps = []
            self.last = time.perf_counter()
            self.timer.start()

        def beat(self) -> None:
            now = time.perf_counter()
            self.gaps.append((now - self.last) * 1000)
            self.last = now

        def stop(self) -> float:
            self.timer.stop()
            return max(self.gaps, default=0.0)

    heartbeat = Heartbeat()

    if options.browse:
        model = window.articles.model
        rng = random.Random(options.seed)
        with archive.db.read() as session:
            from sqlalchemy import func, select

            from db.models import Article

            max_id = int(session.scalar(select(func.max(Article.id))) or 0)
        ids = rng.sample(range(1, max_id + 1), min(options.switches, max_id))

        # --- switching articles: the window's own slot for a selected article
        highlighter = window.entities.highlighter
        shown_ms: list[float] = []
        call_ms: list[float] = []
        highlight_ms: list[float] = []
        switch_profile = cProfile.Profile() if options.profile else None
        for article_id in ids:
            highlighted: list[float] = []

            def on_highlighted(
                shown: int, target: int = article_id, into: list[float] = highlighted
            ) -> None:
                if shown == target:
                    into.append(time.perf_counter())

            highlighter.highlighted.connect(on_highlighted)
            if switch_profile is not None:
                switch_profile.enable()
            start = time.perf_counter()
            window.open_article(article_id)
            called = time.perf_counter()
            app.processEvents()  # the reader's layout and paint
            shown = time.perf_counter()
            if switch_profile is not None:
                switch_profile.disable()
            wait_for(highlighter.highlighted, lambda into=highlighted: bool(into), 5_000)
            highlighter.highlighted.disconnect(on_highlighted)
            call_ms.append((called - start) * 1000)
            shown_ms.append((shown - start) * 1000)
            if highlighted:
                highlight_ms.append((highlighted[0] - start) * 1000)
        refs["after switching"] = singleton_refs()
        result["switch_call"] = percentiles(call_ms)
        result["switch_shown"] = percentiles(shown_ms)
        result["switch_highlighted"] = percentiles(highlight_ms)
        result["switch_highlight_missing"] = len(ids) - len(highlight_ms)
        if switch_profile is not None:
            result["switch_profile"] = top_functions(switch_profile)

        # --- the next article in the list (Alt+Down), through the table's selection
        window.articles.select_row(0)
        app.processEvents()
        next_ms: list[float] = []
        for _step in range(min(options.next_steps, model.rowCount() - 1)):
            start = time.perf_counter()
            window.articles.select_next()
            app.processEvents()
            next_ms.append((time.perf_counter() - start) * 1000)
        result["next_article"] = percentiles(next_ms)
        result["rss_after_switching"] = rss_mb()

        # --- filter and sort: time to the first batch of the new query
        def first_batch_after(
            action: Callable[[], None], done: Callable[[], bool]
        ) -> tuple[float, float]:
            heartbeat.start()
            start = time.perf_counter()
            action()
            ok = wait_for(model.batchLoaded, done)
            elapsed = (time.perf_counter() - start) * 1000
            stall = heartbeat.stop()
            return elapsed if ok else float("nan"), stall

        chars = Counter(
            character
            for row in range(model.rowCount())
            for character in (model.row_data(row).title if model.row_data(row) else "")
            if "\u4e00" <= character <= "\u9fff"
        )
        common = chars.most_common(1)[0][0] if chars else "中"
        with archive.db.read() as session:
            middle_title = (
                session.scalar(
                    select(Article.title).where(Article.id >= max_id // 2, Article.title != "")
                )
                or "中国"
            )
        cjk = [c for c in middle_title if "\u4e00" <= c <= "\u9fff"]
        word = "".join(cjk[:2]) if len(cjk) >= 2 else common
        filters: dict[str, Any] = {}
        edit = window.articles.filter_edit
        for label, text in (("common char", common), ("word", word), ("no match", NO_MATCH_FILTER)):
            edit.setText("")
            window.articles.apply_filter()
            wait_for(model.batchLoaded, lambda: model.query.text == "" and not model.loading)

            def enter(text: str = text) -> None:
                edit.setText(text)
                window.articles.apply_filter()  # Return pressed: no typing pause

            elapsed, stall = first_batch_after(
                enter, lambda text=text: model.query.text == text and not model.loading
            )
            filters[label] = {
                "text_length": len(text),
                "ms": elapsed,
                "stall_ms": stall,
                "total": model.total,
            }
        edit.setText("")
        window.articles.apply_filter()
        wait_for(model.batchLoaded, lambda: model.query.text == "" and not model.loading)
        # As typed: the pane waits for a pause in typing (FILTER_DELAY_MS) first.
        elapsed, stall = first_batch_after(
            lambda: edit.setText(common),
            lambda: model.query.text == common and not model.loading,
        )
        filters["common char, as typed"] = {"ms": elapsed, "stall_ms": stall}
        edit.setText("")
        window.articles.apply_filter()
        wait_for(model.batchLoaded, lambda: model.query.text == "" and not model.loading)
        result["filters"] = filters

        header = window.articles.table.horizontalHeader()
        sorts: dict[str, Any] = {}
        for label, column, order in (
            ("title", Column.TITLE, Qt.SortOrder.AscendingOrder),
            ("date, newest first", Column.DATE, Qt.SortOrder.DescendingOrder),
            ("archive order", -1, Qt.SortOrder.AscendingOrder),
        ):
            before = model.query

            def click(column: int = column, order: Qt.SortOrder = order) -> None:
                header.setSortIndicator(column, order)

            elapsed, stall = first_batch_after(
                click, lambda before=before: model.query != before and not model.loading
            )
            sorts[label] = {"ms": elapsed, "stall_ms": stall}
        result["sorts"] = sorts
        result["rss_after_browsing"] = rss_mb()
        refs["after browsing"] = singleton_refs()

        # --- scrolling the list to its very end (batch after batch, as the view asks)
        if options.scroll_end:
            table = window.articles.table
            arrivals: list[float] = []
            rows_seen: list[int] = []
            deadline = time.perf_counter() + options.scroll_seconds

            def on_scroll_batch() -> None:
                arrivals.append(time.perf_counter())
                rows_seen.append(model.rowCount())
                table.scrollToBottom()
                if model.canFetchMore() and time.perf_counter() < deadline:
                    model.fetchMore()

            def finished() -> bool:
                return (not model.loading and not model.canFetchMore()) or (
                    time.perf_counter() >= deadline
                )

            model.batchLoaded.connect(on_scroll_batch)
            heartbeat.start()
            start = time.perf_counter()
            table.scrollToBottom()
            model.fetchMore()
            wait_for(model.batchLoaded, finished, int(options.scroll_seconds * 1000) + 60_000)
            stall = heartbeat.stop()
            model.batchLoaded.disconnect(on_scroll_batch)
            gaps = [(b - a) * 1000 for a, b in zip([start, *arrivals], arrivals, strict=False)]
            result["scroll"] = {
                "rows": model.rowCount(),
                "total": model.total,
                "batches": len(arrivals),
                "seconds": (arrivals[-1] - start) if arrivals else 0.0,
                "batch_ms": percentiles(gaps),
                "first_10_batch_ms": statistics.median(gaps[:10]) if gaps else 0.0,
                "last_10_batch_ms": statistics.median(gaps[-10:]) if gaps else 0.0,
                "stall_ms": stall,
                "complete": model.rowCount() == model.total,
            }
            result["rss_after_scroll"] = rss_mb()
            refs["after scrolling"] = singleton_refs()

    result["rebuild_progress"] = rebuild_progress[-1:] if rebuild_progress else []
    if rebuild_progress:
        result["rebuild_first_progress"] = rebuild_progress[0]

    # ----- quitting, as run_window does (cancel and wait for every task)
    quit_steps: dict[str, float] = {}
    quit_start = time.monotonic()
    window.close()  # saves the layout, then cancels and waits for every task
    quit_steps["window.close()"] = time.monotonic()
    runner.shutdown()
    quit_steps["runner.shutdown()"] = time.monotonic()
    archive.close()
    quit_steps["archive.close()"] = time.monotonic()
    remove_translations(app, translators)
    theme.deleteLater()
    result["quit_ms"] = (time.monotonic() - quit_start) * 1000
    result["quit_steps"] = {name: (at - quit_start) * 1000 for name, at in quit_steps.items()}
    result["rss_end"] = rss_mb()
    refs["end"] = singleton_refs()
    Path(options.out).write_text(json.dumps(result, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
