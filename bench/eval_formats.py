"""Evaluate the format readers on real pages: each PFR page rebuilt as PDF, ALTO and HTML.

Usage: ``python bench/eval_formats.py [--days 11-20]``

Reads ``../shared`` (never copied into the project). Every page of the 人民日报 month is
written in each format the way such a file carries it, then read back through
``reader.formats`` and scored like the text parser (``bench/eval_parser.py``): headline
recall and precision, and boundary recall (headless items included).

- text: the page file itself (the baseline).
- pdf: the page hard-wrapped at 24 characters with indented paragraphs (as a PDF's text
  layer comes out, no blank lines), in a PDF with a real text layer.
- alto: one ALTO ``TextBlock`` per paragraph, no METS (the page parser reads the text).
- html-flat: one ``<p>`` per paragraph, no headings (the page parser reads the text).
- html-marked: the gold headlines as ``<h2>`` under a page heading, the rest ``<p>``: the
  markup splits the page (checks the heading-level rules and the credit/byline reading).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from html import escape
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.eval_parser import PFR_DIR, PfrScore, hard_wrap, is_headless, score_pfr_page  # noqa: E402
from reader.formats.dispatch import iter_pages  # noqa: E402
from reader.formats.model import SourcePage  # noqa: E402
from reader.parsing.page import parse_page  # noqa: E402
from tests.fixtures.formats import pdf_bytes  # noqa: E402

FORMATS = ("text", "pdf", "alto", "html-flat", "html-marked")


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _alto(text: str) -> bytes:
    blocks = "".join(
        f'<TextBlock ID="B{n}"><TextLine><String CONTENT="{escape(line, quote=True)}"/>'
        "</TextLine></TextBlock>"
        for n, line in enumerate(_paragraphs(text))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><alto xmlns="http://www.loc.gov/standards/alto/'
        f'ns-v4#"><Layout><Page ID="P1"><PrintSpace>{blocks}</PrintSpace></Page></Layout></alto>'
    ).encode()


def _html(text: str, gold: dict, marked: bool) -> bytes:
    heads = {a["first_line"] for a in gold["articles"] if not is_headless(a["first_line"])}
    parts = ["<html><head><meta charset='utf-8'></head><body>"]
    if marked:
        parts.append(f"<h1>第{escape(gold['page'])}版</h1>")
    for line in _paragraphs(text):
        tag = "h2" if marked and line in heads else "p"
        parts.append(f"<{tag}>{escape(line)}</{tag}>")
    parts.append("</body></html>")
    return "".join(parts).encode("utf-8")


def _read(path: Path) -> SourcePage:
    outcomes = list(iter_pages(path))
    pages = [outcome for outcome in outcomes if isinstance(outcome, SourcePage)]
    if len(pages) != 1:
        raise RuntimeError(f"{path.name}: {outcomes}")
    return pages[0]


def evaluate(days: tuple[int, int]) -> dict[str, PfrScore]:
    """Score every format on the PFR pages of the given days."""
    scores = {name: PfrScore() for name in FORMATS}
    with open(PFR_DIR / "gold.jsonl", encoding="utf-8") as handle:
        golds = [json.loads(line) for line in handle]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for gold in golds:
            if not days[0] <= int(gold["date"][-2:]) <= days[1]:
                continue
            text = (PFR_DIR / "pages" / gold["file"]).read_text(encoding="utf-8")
            files = {
                "pdf": ("page.pdf", pdf_bytes([hard_wrap(text, gold, 24).split("\n")])),
                "alto": ("page.xml", _alto(text)),
                "html-flat": ("flat.html", _html(text, gold, marked=False)),
                "html-marked": ("marked.html", _html(text, gold, marked=True)),
            }
            for name in FORMATS:
                score = scores[name]
                started = time.perf_counter()
                if name == "text":
                    parsed = parse_page(text)
                else:
                    file_name, data = files[name]
                    path = work / file_name
                    path.write_bytes(data)
                    parsed = _read(path).parsed
                score.seconds += time.perf_counter() - started
                score.pages += 1
                score_pfr_page(text, gold, parsed, score)
    return scores


def main() -> int:
    """Print one row per format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", default="11-20", help="days of January 1998, e.g. 01-31")
    args = parser.parse_args()
    if not (PFR_DIR / "gold.jsonl").is_file():
        print(f"{PFR_DIR} not found: nothing to evaluate")
        return 1
    first, last = (int(part) for part in args.days.split("-"))
    scores = evaluate((first, last))
    print(f"PFR days {args.days}")
    header = ("format", "pages", "recall", "precision", "boundary", "ms/page")
    print(f"{header[0]:<12} {header[1]:>5} {header[2]:>7} {header[3]:>9} {header[4]:>8} "
          f"{header[5]:>8}")
    for name, score in scores.items():
        print(
            f"{name:<12} {score.pages:>5} {score.recall:>7.3f} {score.precision:>9.3f} "
            f"{score.boundary_recall:>8.3f} {1000 * score.seconds / max(score.pages, 1):>8.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
