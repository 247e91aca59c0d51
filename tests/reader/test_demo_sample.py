"""The demo issue in resources/demo decodes and splits into articles as expected.json says."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from reader.demo import demo_pages_dir
from reader.importer import FILE_NAME_PATTERN
from reader.parsing.page import lost_text, parse_page
from reader.textio import decode_page_bytes

DEMO = demo_pages_dir()
EXPECTED: dict[str, Any] = json.loads((DEMO / "expected.json").read_text("utf-8"))
PAGES = EXPECTED["pages"]


def test_demo_files_follow_the_naming_convention_and_skip_a3() -> None:
    names = sorted(path.name for path in DEMO.glob("*.txt"))
    assert names == sorted(page["file"] for page in PAGES)
    labels = []
    for name in names:
        match = FILE_NAME_PATTERN.match(Path(name).stem)
        assert match is not None, name
        assert match["publication"] == EXPECTED["publication"]
        assert dt.date.fromisoformat(match["date"]) == dt.date.fromisoformat(EXPECTED["date"])
        labels.append(match["page"])
    assert labels == EXPECTED["pages_present"]
    assert "A3" in EXPECTED["pages_missing"]
    assert "A3" not in labels


@pytest.mark.parametrize("expected_page", PAGES, ids=[page["page"] for page in PAGES])
def test_demo_page_splits_as_expected(expected_page: dict[str, Any]) -> None:
    data = (DEMO / expected_page["file"]).read_bytes()
    decoded = decode_page_bytes(data, source=expected_page["file"])
    assert (decoded.encoding, decoded.confidence) == ("utf-8", 1.0)
    page = parse_page(decoded.text)
    assert lost_text(decoded.text, page) == ("", "")
    masthead = page.masthead
    assert {
        "publication": masthead.publication,
        "date": masthead.date.isoformat() if masthead.date else None,
        "page_label": masthead.page_label,
        "number": masthead.number,
    } == expected_page["masthead"]
    assert page.furniture == expected_page["furniture"]
    assert [article.title for article in page.articles] == [
        article["title"] for article in expected_page["articles"]
    ]
    for article, expected in zip(page.articles, expected_page["articles"], strict=True):
        body = article.paragraphs
        assert article.subtitle == expected["subtitle"], article.title
        assert article.kicker == expected["kicker"], article.title
        assert article.authors == expected["authors"], article.title
        if expected["credit_starts_with"] is None:
            assert article.credit is None, article.title
        else:
            assert (article.credit or "").startswith(expected["credit_starts_with"])
        assert article.section_headings == expected["section_headings"], article.title
        assert len(body) == expected["paragraphs"], article.title
        assert len(article.captions) == expected["captions"], article.title
        assert article.continues_to == expected["continues_to"], article.title
        assert article.continued_from == expected["continued_from"], article.title
        assert body[0].startswith(expected["body_starts_with"]), article.title
        assert body[-1].endswith(expected["body_ends_with"]), article.title
        for text in expected["must_contain"]:
            assert any(text in paragraph for paragraph in body), text
        for text in expected["must_not_contain"]:
            assert not any(text in paragraph for paragraph in body), text


def test_demo_continuation_pairs() -> None:
    parts: dict[tuple[str, str], str] = {}
    for page in PAGES:
        for article in page["articles"]:
            if article["continues_to"]:
                parts[(page["page"], article["continues_to"])] = article["title"]
            if article["continued_from"]:
                assert (article["continued_from"], page["page"]) in parts
    assert [
        {"title": title, "from_page": start, "to_page": end}
        for (start, end), title in parts.items()
    ] == EXPECTED["continuations"]


def test_demo_has_one_hard_wrapped_page() -> None:
    wrapped = [
        page["file"]
        for page in PAGES
        if "\n\n" not in (DEMO / page["file"]).read_text("utf-8").strip()
        and "\n\u3000\u3000" in (DEMO / page["file"]).read_text("utf-8")
    ]
    assert wrapped == ["岚河科技周报_2024-03-15_A2.txt"]


def test_demo_text_is_not_taken_from_the_shared_samples(shared_dir: Path) -> None:
    shared = re.sub(r"\s", "", (shared_dir / "samples" / "seed-page.txt").read_text("utf-8"))
    shared_runs = {shared[i : i + 12] for i in range(len(shared) - 11)}
    for page in PAGES:
        text = re.sub(r"\s", "", (DEMO / page["file"]).read_text("utf-8"))
        copied = [
            text[i : i + 12] for i in range(len(text) - 11) if text[i : i + 12] in shared_runs
        ]
        assert copied == [], page["file"]
