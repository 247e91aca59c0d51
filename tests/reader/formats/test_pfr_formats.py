"""Real pages (read from ../shared at run time) rebuilt as a PDF and as ALTO read back alike."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reader.formats.dispatch import iter_pages
from reader.formats.model import SourcePage
from tests.fixtures.formats import pdf_bytes

DAYS = ("1998-01-12", "1998-01-13")


def _gold(shared_dir: Path) -> list[dict]:
    with open(shared_dir / "corpora" / "pfr1998" / "gold.jsonl", encoding="utf-8") as handle:
        return [page for line in handle if (page := json.loads(line))["date"] in DAYS]


def _wrapped(text: str, width: int = 24) -> list[str]:
    lines: list[str] = []
    for paragraph in (line.strip() for line in text.split("\n")):
        if not paragraph:
            continue
        if len(paragraph) <= width:
            lines.append(paragraph)
            continue
        body = "\u3000\u3000" + paragraph
        lines.extend(body[start : start + width] for start in range(0, len(body), width))
    return lines


def _key(text: str) -> str:
    return re.sub(r"\s+|（[^）]*）$", "", text)


def test_real_pages_as_a_pdf_keep_their_headlines(shared_dir: Path, tmp_path: Path) -> None:
    golds = _gold(shared_dir)
    texts = [
        (shared_dir / "corpora" / "pfr1998" / "pages" / gold["file"]).read_text(encoding="utf-8")
        for gold in golds
    ]
    pdf = tmp_path / "pfr.pdf"
    pdf.write_bytes(pdf_bytes([_wrapped(text) for text in texts]))
    pages = [outcome for outcome in iter_pages(pdf) if isinstance(outcome, SourcePage)]
    assert len(pages) == len(golds)
    found = wanted = 0
    for page, gold in zip(pages, golds, strict=True):
        titles = {_key(article.title) for article in page.parsed.articles}
        heads = [
            _key(article["first_line"])
            for article in gold["articles"]
            if article["paragraphs"] >= 2 and "。" not in article["first_line"]
        ]
        wanted += len(heads)
        found += sum(1 for head in heads if head in titles)
        assert all("\ufffd" not in article.title for article in page.parsed.articles)
    assert wanted > 20
    assert found / wanted >= 0.8, (found, wanted)
