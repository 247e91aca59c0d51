"""The entity tagger on real pages: the seed page targets and a sample of held-out PFR pages.

The data is read from ../shared at run time (never copied); the tests skip without it.
"""

from __future__ import annotations

import json
from pathlib import Path

from reader.entities.extract import EntityExtractor
from reader.entities.model import EntityType
from reader.segment import Segmenter, fold_width

TYPES = ("person", "place", "organization")
# Every other page of the held-out days 11–20 (the tagger was tuned on days 01–10 only),
# to keep the test short; bench/eval_entities.py measures all of them.
PFR_STEP = 2


def test_seed_page_meets_its_targets(extractor: EntityExtractor, shared_dir: Path) -> None:
    samples = shared_dir / "samples"
    spec = json.loads((samples / "seed-entities.json").read_text(encoding="utf-8"))
    expected = json.loads((samples / "seed-page.expected.json").read_text(encoding="utf-8"))
    text = (samples / "seed-page.txt").read_text(encoding="utf-8")
    authors = [name for article in expected["articles"] for name in article.get("authors", [])]
    mentions = extractor.extract({"body": text}, authors=authors)
    for kind in TYPES:
        entry = spec.get(kind, {})
        aliases = entry.get("aliases", {})
        of_kind = [m for m in mentions if m.type is EntityType(kind)]
        strings = {m.name for m in of_kind} | {m.surface for m in of_kind}
        canonical = {aliases.get(value, value) for value in strings}
        required = set(entry.get("required", []))
        target = spec["targets"].get(kind, {})
        recall = len(required & canonical) / len(required)
        assert recall >= target.get("recall", 0), (kind, sorted(required - canonical))
        assert not set(entry.get("forbidden", [])) & strings, kind
        if "precision" in target:
            found = {aliases.get(m.name, m.name) for m in of_kind}
            precision = len(found & required) / len(found)
            assert precision >= target["precision"], (kind, sorted(found - required))


def _pfr_held_out(shared_dir: Path) -> list[tuple[str, dict[str, set[str]]]]:
    """Every other page of days 11–20: the tagger was tuned on days 01–10 only."""
    corpus = shared_dir / "corpora" / "pfr1998"
    pages = []
    with (corpus / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            page = json.loads(line)
            if int(page["date"][-2:]) >= 11:
                pages.append(page)
    out = []
    for page in pages[::PFR_STEP]:
        text = (corpus / "pages" / page["file"]).read_text(encoding="utf-8")
        gold = {kind: {fold_width(name) for name in page["entities"][kind]} for kind in TYPES}
        out.append((text, gold))
    return out


def test_pfr_held_out_days_meet_the_targets(
    extractor: EntityExtractor, segmenter: Segmenter, shared_dir: Path
) -> None:
    counts = {kind: [0, 0, 0] for kind in TYPES}
    for text, gold in _pfr_held_out(shared_dir):
        tokens = {"body": segmenter.segment(text)}
        found = {kind: set() for kind in TYPES}
        for mention in extractor.extract({"body": text}, tokens):
            found[mention.type.value].add(fold_width(mention.surface))
        for kind in TYPES:
            counts[kind][0] += len(found[kind] & gold[kind])
            counts[kind][1] += len(found[kind])
            counts[kind][2] += len(gold[kind])

    def f1(kind: str) -> float:
        hits, found, gold = counts[kind]
        precision, recall = hits / found, hits / gold
        return 2 * precision * recall / (precision + recall)

    assert f1("person") >= 0.85, counts["person"]
    assert f1("place") >= 0.75, counts["place"]
    assert f1("organization") >= 0.5, counts["organization"]
