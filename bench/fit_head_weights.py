"""Fit the weights of the parser's new-article-or-section decision on PFR days 01-10.

Usage: ``python bench/fit_head_weights.py [--days 01-10] [--l2 0.05]``

Every run of heading-like lines met inside an article is one sample: its evidence (see
``reader.parsing.articles.head_features``) and whether one of its lines is a gold headline.
Samples are gathered while parsing with the current weights (so the article state is the
parser's own), a logistic regression is fitted (plain gradient descent, L2), and the rounded
weights are printed with the recall/precision they give on both halves of the month.
Copy them into ``HEAD_WEIGHTS`` by hand after checking the held-out half.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "bench"))

from eval_parser import PFR_DIR, evaluate_pfr, is_headless, norm_head  # noqa: E402

from reader.parsing import articles as page_module  # noqa: E402
from reader.parsing.page import parse_page  # noqa: E402


def gather(days: tuple[int, int]) -> list[tuple[dict[str, float], int]]:
    """Parse the pages of some days and record every decision's evidence and gold label."""
    samples: list[tuple[dict[str, float], int]] = []
    original = page_module.head_score
    current_gold: set[str] = set()

    def recording(run, previous, following, state):
        if state.article is not None:
            features = page_module.head_features(run, previous, following, state)
            label = int(any(norm_head(item.text) in current_gold for item in run[:2]))
            samples.append((features, label))
        return original(run, previous, following, state)

    page_module.head_score = recording
    try:
        with open(PFR_DIR / "gold.jsonl", encoding="utf-8") as handle:
            for line in handle:
                gold = json.loads(line)
                day = int(gold["date"][-2:])
                if not days[0] <= day <= days[1]:
                    continue
                current_gold.clear()
                current_gold.update(
                    norm_head(a["first_line"]) for a in gold["articles"]
                    if not is_headless(a["first_line"])
                )
                text = (PFR_DIR / "pages" / gold["file"]).read_text(encoding="utf-8")
                parse_page(text)
    finally:
        page_module.head_score = original
    return samples


def fit(samples: list[tuple[dict[str, float], int]], l2: float, steps: int = 6000,
        rate: float = 1.0) -> dict[str, float]:
    """Logistic regression by full-batch gradient descent."""
    names = sorted(samples[0][0])
    weights = dict.fromkeys(names, 0.0)
    count = len(samples)
    for _ in range(steps):
        gradient = dict.fromkeys(names, 0.0)
        for features, label in samples:
            z = sum(weights[name] * features[name] for name in names)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for name in names:
                gradient[name] += (p - label) * features[name]
        for name in names:
            penalty = 0.0 if name == "bias" else l2 * weights[name]
            weights[name] -= rate * (gradient[name] / count + penalty)
    return weights


def main() -> None:
    """Fit, print the weights and their effect on both halves."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", default="01-10")
    parser.add_argument("--l2", type=float, default=0.02)
    args = parser.parse_args()
    low, high = (int(part) for part in args.days.split("-"))
    samples = gather((low, high))
    positives = sum(label for _, label in samples)
    print(f"{len(samples)} decisions, {positives} new articles")
    weights = fit(samples, args.l2)
    rounded = {name: round(value * 2) / 2 for name, value in weights.items()}
    for name in sorted(rounded, key=lambda key: -abs(weights[key])):
        print(f"    {name!r}: {rounded[name]},   # fitted {weights[name]:+.2f}")
    for label, table in (("current", dict(page_module.HEAD_WEIGHTS)), ("fitted", rounded)):
        page_module.HEAD_WEIGHTS.clear()
        page_module.HEAD_WEIGHTS.update(table)
        for span in ((1, 10), (11, 20)):
            score = evaluate_pfr(span)
            print(f"{label:<8} days {span[0]:02d}-{span[1]:02d}: recall {score.recall:.3f} "
                  f"precision {score.precision:.3f}")


if __name__ == "__main__":
    main()
