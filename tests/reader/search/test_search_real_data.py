"""Search over the real pages in ../shared (skipped when that folder is absent)."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.search.analyzer import split_runs
from reader.search.document import SearchDocument
from reader.search.index import SearchIndex
from reader.segment import Segmenter

SHARED = Path(__file__).resolve().parents[3].parent / "shared"
SEED = SHARED / "samples" / "seed-page.txt"
SEED_EXPECTED = SHARED / "samples" / "seed-page.expected.json"
PFR = SHARED / "corpora" / "pfr1998"
PFR_ARTICLES = 300


def _require(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path.parent}: ../shared not found: real-data test skipped")


def seed_documents(segmenter: Segmenter) -> list[SearchDocument]:
    """Split the seed page naively at the expected titles into five articles."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["articles"]
    starts = []
    cursor = 0
    for article in expected:
        index = next(i for i in range(cursor, len(lines)) if lines[i].strip() == article["title"])
        starts.append(index)
        cursor = index + 1
    documents = []
    for number, (article, start) in enumerate(zip(expected, starts, strict=True), start=1):
        end = starts[number] if number < len(starts) else len(lines)
        body = "\n".join(lines[start + 1 : end]).strip()
        documents.append(
            SearchDocument(
                id=number,
                title=article["title"],
                subtitle=article.get("subtitle") or "",
                body=body,
                authors=list(article.get("authors", [])),
                publication="科学导报",
                date=dt.date(2023, 11, 24),
                pages=["D1"],
                body_tokens=segmenter.segment(body),
            )
        )
    return documents


@pytest.fixture(scope="module")
def seed_index(
    tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter
) -> Iterator[SearchIndex]:
    _require(SEED)
    index = SearchIndex(tmp_path_factory.mktemp("seed") / "index", segmenter)
    index.rebuild(seed_documents(segmenter), 1)
    yield index
    index.close()


def test_seed_company_ranks_the_feature_first(seed_index: SearchIndex) -> None:
    hits = seed_index.search("晶科能源").hits
    assert hits and hits[0].title == "使命牵引 向光而行"


def test_seed_substring_and_phrase(seed_index: SearchIndex) -> None:
    titles = [hit.title for hit in seed_index.search("综改").hits]
    assert "使命牵引 向光而行" in titles
    titles = [hit.title for hit in seed_index.search('"拿地即开工"').hits]
    assert titles == ["使命牵引 向光而行"]


def test_seed_author_field(seed_index: SearchIndex) -> None:
    titles = [hit.title for hit in seed_index.search("author:王波").hits]
    assert titles == ["全省开发区建设管理能力提升培训班圆满结束"]


def pfr_articles() -> list[tuple[str, list[str]]]:
    """PFR articles (title, paragraphs) split by the gold paragraph counts; a fixed sample."""
    articles = []
    for line in (PFR / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        text = (PFR / "pages" / gold["file"]).read_text(encoding="utf-8")
        paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
        index = 0
        for article in gold["articles"]:
            part = paragraphs[index : index + article["paragraphs"]]
            index += article["paragraphs"]
            assert part[0] == article["first_line"]
            articles.append((part[0], part[1:] or part[:1]))
    return random.Random(7).sample(articles, PFR_ARTICLES)


@pytest.fixture(scope="module")
def pfr(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter):
    _require(PFR / "gold.jsonl")
    articles = pfr_articles()
    documents = []
    for number, (title, paragraphs) in enumerate(articles, start=1):
        body = "\n\n".join(paragraphs)
        documents.append(
            SearchDocument(
                id=number,
                title=title,
                body=body,
                publication="人民日报",
                date=dt.date(1998, 1, 1 + number % 20),
                pages=["1"],
                body_tokens=segmenter.segment(body),
            )
        )
    index = SearchIndex(tmp_path_factory.mktemp("pfr") / "index", segmenter)
    index.rebuild(documents, 1)
    yield index, articles
    index.close()


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 2**32 - 1))
def test_any_substring_finds_its_article(pfr, seed: int) -> None:
    index, articles = pfr
    rng = random.Random(seed)
    number = rng.randrange(len(articles))
    paragraph = rng.choice(articles[number][1])
    size = rng.randint(2, max(2, min(6, len(paragraph))))
    start = rng.randrange(max(1, len(paragraph) - size + 1))
    substring = paragraph[start : start + size]
    if not split_runs(substring) or '"' in substring or "＂" in substring:
        return  # nothing searchable, or a quote that would end the phrase
    query = f'"{substring}"'
    assert number + 1 in index.ids(query), query
    unquoted = " ".join(run for _, run in split_runs(substring))
    assert number + 1 in index.ids(unquoted), unquoted
