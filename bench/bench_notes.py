"""Researcher tools: re-anchoring speed, write latency (with the index kept current), exports.

Run: ``.venv/bin/python bench/bench_notes.py [--pages N]``. Builds a throw-away archive from
invented pages (no real data needed) and prints a table of medians.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.archive import Archive
from reader.export import render_export
from reader.importer import Importer
from reader.library import list_articles
from reader.notes import annotations, bookmarks, tags
from reader.notes.anchors import find_quote, reanchor
from reader.paths import ArchivePaths

SENTENCES = [
    "清源县光伏产业园二期项目正式开工，总投资约十二亿元。",
    "项目建成后，预计年发电量可达三亿千瓦时，可满足十万户家庭的用电需求。",
    "县发展改革局负责人表示，园区将配套建设储能电站和运维中心。",
    "连日来，各乡镇抢抓农时，组织农机检修和种子调运。",
    "今年计划改造老旧小区二十个，惠及居民五千余户。",
]


def _page(number: int) -> str:
    blocks = [f"青川晚报　2024年3月{number % 28 + 1}日　星期五　第A{number % 8 + 1}版", ""]
    for article in range(6):
        blocks.append(f"第{number}页第{article}篇新闻标题")
        blocks.append("")
        for paragraph in range(5):
            text = "".join(SENTENCES[(article + paragraph + k) % 5] for k in range(3))
            blocks.append(f"本报讯　{text}" if paragraph == 0 else text)
            blocks.append("")
    return "\n".join(blocks)


def _median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=30)
    args = parser.parse_args()
    rows: list[tuple[str, str]] = []

    body = "\n".join(SENTENCES * 40)  # ~4,800 characters
    anchor = find_quote(body, "body", "配套建设储能电站和运维中心", occurrence=20)
    inserted = "新增一段导语文字。" + body
    folded = inserted.replace("储能电站和运维中心", "儲能電站 和運維中心")
    reworded = body.replace("配套建设储能电站和运维中心", "配套建设一座储能电站和运维中心站")
    gone = body.replace("储能电站和运维中心", "")
    for label, text in (
        ("unchanged", body),
        ("moved (exact)", inserted),
        ("moved (folded)", folded),
        ("moved (fuzzy)", reworded),
        ("orphaned", gone),
    ):
        status = reanchor(anchor, text).status
        ms = _median_ms(lambda text=text: reanchor(anchor, text), 20)
        rows.append((f"reanchor 4.8k-char body, {label} → {status}", f"{ms:.2f} ms"))

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        pages = []
        for number in range(args.pages):
            path = root / "pages" / f"青川晚报_2024-03-{number % 28 + 1:02d}_A{number}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_page(number), encoding="utf-8")
            pages.append(path)
        with Archive(ArchivePaths(root / "archive"), write=True) as archive:
            Importer(archive).run(pages)
            archive.search.ensure_current()
            with archive.db.read() as session:
                ids = [summary.id for summary in list_articles(session)]
            rows.append(("articles in the archive", str(len(ids))))
            counter = iter(range(10_000))

            def bookmark() -> object:
                return bookmarks.add_bookmark(archive, ids[next(counter)])

            def tag() -> object:
                return tags.tag_articles(archive, [ids[next(counter)]], "产业/光伏")

            def annotate() -> object:
                article = ids[next(counter)]
                return annotations.create_annotation(
                    archive, article, quote="储能电站", note="笔记"
                )

            for label, action in (
                ("add_bookmark (index kept current)", bookmark),
                ("tag_articles, 1 article", tag),
                ("create_annotation by quote", annotate),
            ):
                rows.append((label, f"{_median_ms(action, 15):.1f} ms"))
            with archive.db.read() as session:
                for fmt in ("markdown", "csv"):
                    what = "notes" if fmt == "markdown" else "articles"
                    ms = _median_ms(lambda fmt=fmt, what=what: render_export(session, what, fmt), 3)
                    rows.append((f"export {what} {fmt}", f"{ms:.0f} ms"))
            start = time.perf_counter()
            annotated = pages[0]
            annotated.write_text(
                _page(0).replace("本报讯　", "本报讯　（更新）", 1), encoding="utf-8"
            )
            Importer(archive).run([annotated])
            rows.append(
                (
                    "re-import one page (6 articles, annotated)",
                    f"{(time.perf_counter() - start) * 1000:.0f} ms",
                )
            )
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


if __name__ == "__main__":
    main()
