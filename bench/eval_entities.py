"""Measure the entity tagger: precision, recall and F1 per type, and speed.

Data (read at run time, never copied): ``../shared/samples/seed-entities.json`` with the seed
page, and ``../shared/corpora/pfr1998/`` (人民日报, January 1998, days 01–20, page-level gold
sets). The tagger was tuned on days 01–10; days 11–20 are the held-out measure.

Compared on the same pages:

- ``posseg``: bare ``jieba.posseg`` tags (nr/nrfg/nrt → person, ns → place, nt → organization);
- ``ours/posseg``: this tagger on jieba.posseg's tokens and tags;
- ``ours/rjieba``: this tagger on rjieba's tokens and tags (jieba-rs) — what the import ships.

Usage::

    python bench/eval_entities.py                 # seed + PFR tables and speed
    python bench/eval_entities.py --errors place  # also list the commonest misses and extras
    python bench/eval_entities.py --days 01-10 --no-speed --no-rjieba
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.entities.extract import EntityExtractor  # noqa: E402
from reader.entities.model import Mention  # noqa: E402
from reader.segment import Segmenter, Token, fold_width  # noqa: E402

SHARED = REPO.parent / "shared"
SEED = SHARED / "samples"
PFR = SHARED / "corpora" / "pfr1998"
TYPES = ("person", "place", "organization")
POSSEG_TYPES = {"nr": "person", "nrfg": "person", "nrt": "person", "ns": "place",
                "nt": "organization"}

Tagger = Callable[[str], dict[str, set[str]]]


def rjieba_tokens(text: str) -> list[Token]:
    """Tokens of a text from rjieba (jieba-rs), with offsets, like ``Segmenter.segment``."""
    import rjieba

    out: list[Token] = []
    position = 0
    for word, flag in rjieba.tag(fold_width(text)):
        end = position + len(word)
        out.append(Token(text[position:end], flag, position, end))
        position = end
    if position != len(text):
        raise RuntimeError("rjieba lost characters")
    return out


def mention_sets(mentions: list[Mention], surface: bool = True) -> dict[str, set[str]]:
    """Entity strings per type: printed (folded) forms, or canonical names."""
    out: dict[str, set[str]] = {kind: set() for kind in TYPES}
    for mention in mentions:
        out[mention.type.value].add(fold_width(mention.surface if surface else mention.name))
    return out


class Taggers:
    """The three taggers compared, sharing one segmenter."""

    def __init__(self, cache_dir: Path) -> None:
        """Load the segmenter, the extractor and a private jieba.posseg tokenizer."""
        import jieba
        import jieba.posseg

        self.segmenter = Segmenter(cache_dir)
        self.extractor = EntityExtractor(self.segmenter)
        tokenizer = jieba.Tokenizer()
        tokenizer.tmp_dir = str(cache_dir)
        self.pos_tokenizer = jieba.posseg.POSTokenizer(tokenizer)

    def posseg_tokens(self, text: str) -> list[Token]:
        """Tokens of a text from jieba.posseg, with offsets."""
        out: list[Token] = []
        folded = fold_width(text)
        position = 0
        for pair in self.pos_tokenizer.cut(folded):
            end = position + len(pair.word)
            out.append(Token(text[position:end], pair.flag, position, end))
            position = end
        if position != len(text):
            raise RuntimeError("jieba.posseg lost characters")
        return out

    def posseg(self, text: str) -> dict[str, set[str]]:
        """Bare jieba.posseg tags."""
        out: dict[str, set[str]] = {kind: set() for kind in TYPES}
        for token in self.posseg_tokens(text):
            kind = POSSEG_TYPES.get(token.flag)
            if kind:
                out[kind].add(fold_width(token.text))
        return out

    def ours_posseg(self, text: str) -> dict[str, set[str]]:
        """This tagger on jieba.posseg tokens."""
        tokens = {"body": self.posseg_tokens(text)}
        return mention_sets(self.extractor.extract({"body": text}, tokens))

    def ours_rjieba(self, text: str) -> dict[str, set[str]]:
        """This tagger on rjieba tokens."""
        tokens = {"body": rjieba_tokens(text)}
        return mention_sets(self.extractor.extract({"body": text}, tokens))


# ---------------------------------------------------------------------------------- PFR


def load_pfr(days: tuple[int, int]) -> list[tuple[str, str, dict[str, set[str]]]]:
    """(file, text, gold sets) for the PFR pages of the given days (inclusive)."""
    out = []
    with (PFR / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            page = json.loads(line)
            day = int(page["date"][-2:])
            if days[0] <= day <= days[1]:
                text = (PFR / "pages" / page["file"]).read_text(encoding="utf-8")
                gold = {kind: {fold_width(name) for name in page["entities"].get(kind, [])}
                        for kind in TYPES}
                out.append((page["file"], text, gold))
    return out


class Score:
    """Micro-averaged page-level counts for one tagger."""

    def __init__(self) -> None:
        """Start from zero."""
        self.counts = {kind: [0, 0, 0] for kind in TYPES}
        self.extra: dict[str, Counter] = {kind: Counter() for kind in TYPES}
        self.missed: dict[str, Counter] = {kind: Counter() for kind in TYPES}

    def add(self, found: dict[str, set[str]], gold: dict[str, set[str]]) -> None:
        """Count one page."""
        for kind in TYPES:
            hits = found[kind] & gold[kind]
            self.counts[kind][0] += len(hits)
            self.counts[kind][1] += len(found[kind])
            self.counts[kind][2] += len(gold[kind])
            self.extra[kind].update(found[kind] - gold[kind])
            self.missed[kind].update(gold[kind] - found[kind])

    def prf(self, kind: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of a type."""
        hits, found, gold = self.counts[kind]
        precision = hits / found if found else 0.0
        recall = hits / gold if gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def pfr_scores(taggers: dict[str, Tagger], pages: list) -> dict[str, Score]:
    """Score each tagger on the pages."""
    scores = {name: Score() for name in taggers}
    for _file, text, gold in pages:
        for name, tagger in taggers.items():
            scores[name].add(tagger(text), gold)
    return scores


def print_pfr_table(label: str, scores: dict[str, Score]) -> None:
    """Print P/R/F1 per type and tagger."""
    print(f"\nPFR {label}")
    print(f"  {'tagger':<14}" + "".join(f"{kind:>24}" for kind in TYPES))
    print(f"  {'':<14}" + "".join(f"{'P':>8}{'R':>8}{'F1':>8}" for _ in TYPES))
    for name, score in scores.items():
        cells = "".join(f"{p:8.3f}{r:8.3f}{f:8.3f}" for p, r, f in map(score.prf, TYPES))
        print(f"  {name:<14}{cells}")


def print_errors(score: Score, kind: str, count: int = 80) -> None:
    """Print the commonest extra and missed names of a type."""
    extra = " ".join(f"{name}:{n}" for name, n in score.extra[kind].most_common(count))
    missed = " ".join(f"{name}:{n}" for name, n in score.missed[kind].most_common(count))
    print(f"\n  {kind} extra:  {extra}\n  {kind} missed: {missed}")


# --------------------------------------------------------------------------------- seed


def seed_report(taggers: Taggers) -> bool:
    """Print the seed table (with and without the parser's bylines); True if on target."""
    spec = json.loads((SEED / "seed-entities.json").read_text(encoding="utf-8"))
    expected = json.loads((SEED / "seed-page.expected.json").read_text(encoding="utf-8"))
    text = (SEED / "seed-page.txt").read_text(encoding="utf-8")
    authors = [name for article in expected["articles"] for name in article.get("authors", [])]
    ok = True
    print("\nSeed page (one body field; targets from seed-entities.json)")
    print(f"  {'run':<22}{'type':<14}{'P':>7}{'R':>7}{'target':>18}  missing / forbidden")
    for label, given in (("with parser bylines", authors), ("text only", [])):
        mentions = taggers.extractor.extract({"body": text}, authors=given)
        result = seed_scores(spec, mentions)
        for kind in TYPES:
            precision, recall, missing, forbidden = result[kind]
            target = spec["targets"].get(kind, {})
            goal = " ".join(f"{k[0].upper()}≥{v}" for k, v in target.items())
            met = recall >= target.get("recall", 0) and (
                precision is None or precision >= target.get("precision", 0)
            ) and not forbidden
            if label == "with parser bylines":
                ok = ok and met
            shown_p = "-" if precision is None else f"{precision:.2f}"
            print(f"  {label:<22}{kind:<14}{shown_p:>7}{recall:7.2f}{goal:>18}  "
                  f"{' '.join(missing) or '-'} / {' '.join(forbidden) or '-'}")
    return ok


def seed_scores(spec: dict, mentions: list[Mention]) -> dict[str, tuple]:
    """Per type: precision (persons only), recall, missing names, forbidden strings found."""
    out = {}
    for kind in TYPES:
        entry = spec.get(kind, {})
        aliases = entry.get("aliases", {})
        required = set(entry.get("required", []))
        found = set()
        strings = set()
        for mention in mentions:
            if mention.type.value != kind:
                continue
            for value in (mention.name, mention.surface):
                strings.add(value)
                found.add(aliases.get(value, value))
        hits = required & found
        recall = len(hits) / len(required) if required else 1.0
        precision = None
        if kind == "person":
            names = {aliases.get(m.name, m.name) for m in mentions if m.type.value == kind}
            precision = len(names & required) / len(names) if names else 0.0
        forbidden = sorted(set(entry.get("forbidden", [])) & strings)
        out[kind] = (precision, recall, sorted(required - found), forbidden)
    return out


# -------------------------------------------------------------------------------- speed


def speed_report(taggers: Taggers, pages: list) -> None:
    """Print characters per second of each step on the PFR pages."""
    texts = [text for _file, text, _gold in pages]
    chars = sum(map(len, texts))
    extractor = taggers.extractor

    def timed(function: Callable[[], object]) -> float:
        # CPU time of this process: other processes on the machine do not skew it.
        start = time.process_time()
        function()
        return time.process_time() - start

    posseg_tokens = [taggers.posseg_tokens(text) for text in texts[:1]]  # warm up
    seconds_posseg = timed(lambda: posseg_tokens.extend(taggers.posseg_tokens(t) for t in texts))
    posseg_tokens = posseg_tokens[1:]
    rows = [("jieba.posseg segmentation", seconds_posseg)]
    rows.append(("extraction on posseg tokens", timed(lambda: [
        extractor.extract({"body": t}, {"body": k}) for t, k in zip(texts, posseg_tokens,
                                                                      strict=True)])))
    try:
        rjieba_tokens(texts[0])
    except ImportError:
        rjieba_list = None
    else:
        rjieba_list = []
        rows.append(("rjieba tagging", timed(lambda: rjieba_list.extend(
            rjieba_tokens(t) for t in texts))))
        rows.append(("extraction on rjieba tokens", timed(lambda: [
            extractor.extract({"body": t}, {"body": k}) for t, k in zip(texts, rjieba_list,
                                                                          strict=True)])))
    print(f"\nSpeed on {len(texts)} PFR pages, {chars:,} characters, one process (CPU time)")
    for label, seconds in rows:
        print(f"  {label:<32}{chars / seconds:>12,.0f} chars/s  ({seconds:.1f} s)")
    if rjieba_list is not None:
        total_posseg = rows[0][1] + rows[1][1]
        total_rjieba = rows[2][1] + rows[3][1]
        print(f"  {'posseg + extraction':<32}{chars / total_posseg:>12,.0f} chars/s")
        print(f"  {'rjieba + extraction':<32}{chars / total_rjieba:>12,.0f} chars/s")


# --------------------------------------------------------------------------------- main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", default=None, help="only these days, e.g. 01-10")
    parser.add_argument("--errors", choices=TYPES, action="append", default=[],
                        help="list the commonest errors of ours/posseg for a type")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--no-rjieba", action="store_true")
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--speed-only", action="store_true")
    args = parser.parse_args()
    if not SHARED.is_dir():
        print(f"{SHARED} not found: nothing to measure")
        return 1
    with tempfile.TemporaryDirectory(prefix="eval-entities-") as cache:
        taggers = Taggers(Path(cache))
        if args.speed_only:
            speed_report(taggers, load_pfr((1, 20)))
            return 0
        if not args.no_seed:
            seed_report(taggers)
        runs: dict[str, Tagger] = {"posseg": taggers.posseg, "ours/posseg": taggers.ours_posseg}
        if not args.no_rjieba:
            runs["ours/rjieba"] = taggers.ours_rjieba
        if args.days:
            first, last = (int(part) for part in args.days.split("-"))
            splits = [(f"days {args.days}", (first, last))]
        else:
            splits = [("days 01-10 (tuning)", (1, 10)), ("days 11-20 (held out)", (11, 20))]
        totals = {name: Score() for name in runs}
        for label, days in splits:
            scores = pfr_scores(runs, load_pfr(days))
            print_pfr_table(label, scores)
            for kind in args.errors:
                print_errors(scores["ours/posseg"], kind)
            for name, score in scores.items():
                for kind in TYPES:
                    for index in range(3):
                        totals[name].counts[kind][index] += score.counts[kind][index]
        if len(splits) > 1:
            print_pfr_table("days 01-20 (overall)", totals)
        if not args.no_speed:
            speed_report(taggers, load_pfr((1, 20)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
