"""Headline recall and precision on the real PFR pages (read from ../shared at test time)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
RECALL_TARGET = 0.90
PRECISION_TARGET = 0.85


@pytest.fixture(scope="module")
def evaluation(shared_dir: Path) -> ModuleType:
    """The evaluation code of bench/eval_parser.py (one matching rule for bench and tests)."""
    if not (shared_dir / "corpora" / "pfr1998" / "gold.jsonl").is_file():
        pytest.skip(f"{shared_dir}/corpora/pfr1998 not found: real-data test skipped")
    path = REPO_ROOT / "bench" / "eval_parser.py"
    spec = importlib.util.spec_from_file_location("eval_parser", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_parser", module)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("days", [(1, 10), (11, 20)], ids=["days01-10", "days11-20"])
def test_pfr_headline_recall_and_precision(evaluation: ModuleType, days: tuple[int, int]) -> None:
    score = evaluation.evaluate_pfr(days)
    assert score.pages > 50
    assert score.gold_headlines > 500
    assert score.recall >= RECALL_TARGET, score.misses[:20]
    assert score.precision >= PRECISION_TARGET, score.false_titles[:20]
    assert score.lost_pages == 0


def test_pfr_as_hard_wrapped_text(evaluation: ModuleType) -> None:
    score = evaluation.evaluate_pfr((1, 20), wrap=30)
    assert score.recall >= RECALL_TARGET
    assert score.precision >= PRECISION_TARGET
    assert score.lost_pages == 0


def test_the_matching_rule_counts_misses(evaluation: ModuleType) -> None:
    """A parse that finds nothing scores zero: the measure can fail."""
    from reader.parsing.model import ParsedPage

    gold = {"file": "x", "articles": [{"first_line": "园区新闻（图片）", "paragraphs": 3}]}
    score = evaluation.PfrScore()
    evaluation.score_pfr_page("", gold, ParsedPage(), score)
    assert (score.gold_headlines, score.found_headlines) == (1, 0)


def test_pfr_as_traditional_text(evaluation: ModuleType) -> None:
    """The pages converted to Traditional characters (OpenCC s2t) split as well."""
    pytest.importorskip("opencc")
    plain = evaluation.evaluate_pfr((1, 10))
    score = evaluation.evaluate_pfr((1, 10), convert=evaluation._traditional())
    assert score.lost_pages == 0
    assert score.gold_headlines == plain.gold_headlines
    assert score.recall >= plain.recall - 0.005
    assert score.precision >= plain.precision - 0.005
