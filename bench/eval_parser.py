"""Evaluate the page parser: the seed page's expected split and headline recall/precision on PFR.

Usage: ``python bench/eval_parser.py [--no-dict] [--errors N] [--days 01-10] [--no-traditional]``

Reads ``../shared`` (never copied into the project). Matching of PFR headlines: an article
produced by the parser matches a gold article when its first head line (the kicker if one was
found, else the title) equals the gold ``first_line`` after removing whitespace and a trailing
headline note such as （图片） or （附图片１张）. Gold articles whose first line is not a
headline (it opens with a credit such as 本报讯, or holds a full stop) are "headless": they are
left out of headline recall and counted in boundary recall (an article, titled or not, must
start at that line).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from reader.parsing.credits import split_credit_opener, trailing_annotation  # noqa: E402
from reader.parsing.model import ParsedPage  # noqa: E402
from reader.parsing.page import lost_text, parse_page  # noqa: E402

SHARED_DIR = REPO_ROOT.parent / "shared"
PFR_DIR = SHARED_DIR / "corpora" / "pfr1998"
SEED_PAGE = SHARED_DIR / "samples" / "seed-page.txt"
SEED_EXPECTED = SHARED_DIR / "samples" / "seed-page.expected.json"


def norm_head(text: str) -> str:
    """A headline for matching: no whitespace, no trailing note such as （图片）."""
    note = trailing_annotation(text)
    if note and len(note) < len(text):
        text = text[: len(text) - len(note)]
    return re.sub(r"\s+", "", text)


def is_headless(first_line: str) -> bool:
    """A gold article that starts with body text (a credit opener or a full sentence)."""
    return split_credit_opener(first_line) is not None or "。" in first_line


@dataclass
class PfrScore:
    """Counts of one PFR evaluation."""

    pages: int = 0
    gold_headlines: int = 0
    found_headlines: int = 0
    gold_boundaries: int = 0
    found_boundaries: int = 0
    titles: int = 0
    true_titles: int = 0
    chars: int = 0
    seconds: float = 0.0
    lost_pages: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)
    false_titles: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        """Share of gold headlines (multi-paragraph articles) produced as titles."""
        return self.found_headlines / self.gold_headlines if self.gold_headlines else 0.0

    @property
    def precision(self) -> float:
        """Share of produced titles that are gold headlines."""
        return self.true_titles / self.titles if self.titles else 0.0

    @property
    def boundary_recall(self) -> float:
        """Share of gold article starts (headless ones included) where an article starts."""
        return self.found_boundaries / self.gold_boundaries if self.gold_boundaries else 0.0


def first_head(article) -> str:
    """The first head line printed for an article: its kicker, else its title."""
    return article.kicker or article.title


def _first_text(article) -> str:
    if article.credit:
        return article.credit
    for block in article.blocks:
        return block.text
    return ""


def score_pfr_page(text: str, gold: dict, parsed: ParsedPage, score: PfrScore) -> None:
    """Add one page's counts to a score."""
    produced = Counter(norm_head(first_head(a)) for a in parsed.articles if a.title or a.kicker)
    gold_heads = Counter(
        norm_head(a["first_line"]) for a in gold["articles"] if not is_headless(a["first_line"])
    )
    remaining = produced.copy()
    starts = [re.sub(r"\s+", "", _first_text(a))[:12] for a in parsed.articles if not a.title]
    for article in gold["articles"]:
        line = article["first_line"]
        if article["paragraphs"] < 2:
            continue
        score.gold_boundaries += 1
        if is_headless(line):
            key = re.sub(r"\s+", "", line)[:12]
            if key in starts:
                score.found_boundaries += 1
            continue
        score.gold_headlines += 1
        head = norm_head(line)
        if remaining[head] > 0:
            remaining[head] -= 1
            score.found_headlines += 1
            score.found_boundaries += 1
        else:
            score.misses.append((gold["file"], line))
    for head, count in produced.items():
        score.titles += count
        good = min(count, gold_heads[head])
        score.true_titles += good
        score.false_titles.extend([(gold["file"], head)] * (count - good))


def hard_wrap(text: str, gold: dict, width: int = 30) -> str:
    """The page as a hard-wrapped text file, to test the parser on that layout too.

    No blank lines; paragraphs indented with two ideographic spaces and cut every ``width``
    characters; headlines (the gold first lines) stay unindented and whole, as they would in
    a text export of the layout.
    """
    heads = {article["first_line"] for article in gold["articles"]
             if not is_headless(article["first_line"])}
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if line in heads:
            out.append(line)
            continue
        body = "\u3000\u3000" + line
        out.extend(body[start : start + width] for start in range(0, len(body), width))
    return "\n".join(out) + "\n"


def _traditional():
    """OpenCC's Simplified-to-Traditional conversion (phrases included), as a function."""
    import opencc

    return opencc.OpenCC("s2t").convert


def evaluate_pfr(days: tuple[int, int] = (1, 31), is_word=None,
                 wrap: int | None = None, convert=None) -> PfrScore:
    """Parse the PFR pages of the given days (inclusive) and score them.

    Args:
        days: first and last day of January 1998 to use.
        is_word: optional dictionary lookup passed to the parser.
        wrap: if given, first turn each page into hard-wrapped text of this width.
        convert: if given, a conversion applied to each page and to its gold lines first
            (``_traditional()``: the page as a Traditional reprint).
    """
    score = PfrScore()
    with open(PFR_DIR / "gold.jsonl", encoding="utf-8") as handle:
        golds = [json.loads(line) for line in handle]
    for gold in golds:
        day = int(gold["date"][-2:])
        if not days[0] <= day <= days[1]:
            continue
        text = (PFR_DIR / "pages" / gold["file"]).read_text(encoding="utf-8")
        if convert is not None:
            text = convert(text)
            gold = {**gold, "articles": [{**article, "first_line": convert(article["first_line"])}
                                         for article in gold["articles"]]}
        if wrap is not None:
            text = hard_wrap(text, gold, wrap)
        started = time.perf_counter()
        parsed = parse_page(text, is_word=is_word)
        score.seconds += time.perf_counter() - started
        score.chars += len(text)
        score.pages += 1
        if lost_text(text, parsed) != ("", ""):
            score.lost_pages += 1
        score_pfr_page(text, gold, parsed, score)
    return score


# (article index, key) of the expected file that the page itself contradicts: the second
# article's "body_ends_with" is the end of its second paragraph, not of its last one. For it
# the check is "some paragraph ends with it" (tests/reader/parsing/test_parsing_seed.py
# verifies that the entry really is an erratum).
SEED_ERRATA = {(1, "body_ends_with")}


def check_seed(is_word=None) -> list[tuple[str, bool, str]]:
    """Check the seed page against its expected split: (article, passed, problems)."""
    text = SEED_PAGE.read_text(encoding="utf-8")
    expected = json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["articles"]
    parsed = parse_page(text, is_word=is_word)
    results: list[tuple[str, bool, str]] = []
    by_title = {article.title: article for article in parsed.articles}
    for index, want in enumerate(expected):
        errata = {key for number, key in SEED_ERRATA if number == index}
        problems = seed_problems(want, by_title.get(want["title"]), errata)
        note = "; ".join(problems)
        if not problems and errata:
            note = f"(relaxed: {', '.join(sorted(errata))}, an erratum of the expected file)"
        results.append((want["title"], not problems, note))
    extra = [a.title or "(untitled)" for a in parsed.articles
             if a.title not in {want["title"] for want in expected}]
    results.append(("no extra articles", not extra, ", ".join(extra)))
    lost = lost_text(text, parsed)
    results.append(("no text lost", lost == ("", ""), repr(lost) if lost != ("", "") else ""))
    return results


def seed_problems(
    want: dict, article, errata: frozenset[str] | set[str] = frozenset()
) -> list[str]:
    """What differs between an expected seed article and the parsed one."""
    if article is None:
        return ["article not found"]
    problems: list[str] = []
    for key in ("subtitle", "credit", "continues_to"):
        if key in want and getattr(article, key) != want[key]:
            problems.append(f"{key}={getattr(article, key)!r}")
    if "authors" in want and article.authors != want["authors"]:
        problems.append(f"authors={article.authors!r}")
    if "section_headings" in want and article.section_headings != want["section_headings"]:
        problems.append(f"sections={article.section_headings!r}")
    paragraphs = article.paragraphs
    low, high = want["paragraphs"]
    if not low <= len(paragraphs) <= high:
        problems.append(f"{len(paragraphs)} paragraphs, want {low}-{high}")
    if "body_starts_with" in want and not (paragraphs and paragraphs[0].startswith(
            want["body_starts_with"])):
        problems.append("body start")
    if "body_ends_with" in want:
        ending = want["body_ends_with"]
        if "body_ends_with" in errata:
            ok = any(paragraph.endswith(ending) for paragraph in paragraphs)
        else:
            ok = bool(paragraphs) and paragraphs[-1].endswith(ending)
        if not ok:
            problems.append("body end")
    for needle in want.get("must_contain", []):
        if not any(needle in paragraph for paragraph in paragraphs):
            problems.append(f"not in one paragraph: {needle[:12]}…")
    for needle in want.get("must_not_contain", []):
        if any(needle in paragraph for paragraph in paragraphs):
            problems.append(f"body contains {needle}")
    return problems


def _dictionary():
    import tempfile

    from reader.segment import Segmenter

    segmenter = Segmenter(Path(tempfile.mkdtemp(prefix="jieba-eval-")))
    segmenter.in_dictionary("测试")
    return segmenter.in_dictionary


def speed_table(pages: int = 20) -> None:
    """Print parse speed next to jieba's on the same PFR pages (one core)."""
    import tempfile

    from reader.segment import Segmenter

    files = sorted((PFR_DIR / "pages").glob("*.txt"))[:pages]
    texts = [path.read_text(encoding="utf-8") for path in files]
    chars = sum(len(text) for text in texts)
    segmenter = Segmenter(Path(tempfile.mkdtemp(prefix="jieba-speed-")))
    segmenter.in_dictionary("测试")  # load the dictionary outside the timings
    runs = [
        ("parse_page, no dictionary", lambda text: parse_page(text)),
        ("parse_page, is_word=in_dictionary",
         lambda text: parse_page(text, is_word=segmenter.in_dictionary)),
        ("jieba cut (Segmenter.cut)", segmenter.cut),
        ("jieba posseg (Segmenter.segment)", segmenter.segment),
    ]
    print(f"\nspeed on {len(texts)} PFR pages ({chars:,} chars)")
    for name, run in runs:
        started = time.perf_counter()
        for text in texts:
            run(text)
        seconds = time.perf_counter() - started
        print(f"  {name:<36} {chars / seconds:>12,.0f} chars/s")


def main() -> None:
    """Print the evaluation tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-dict", action="store_true", help="parse without a dictionary")
    parser.add_argument("--errors", type=int, default=0, help="print up to N errors of each kind")
    parser.add_argument("--days", default=None, help="only these days, e.g. 01-10")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed table")
    parser.add_argument("--no-traditional", action="store_true",
                        help="skip the run on the pages converted to Traditional characters")
    args = parser.parse_args()
    if not SEED_PAGE.is_file():
        sys.exit(f"{SHARED_DIR} not found")
    settings = [("no dictionary", None)]
    if not args.no_dict:
        settings.append(("jieba dictionary", _dictionary()))
    for name, is_word in settings:
        print(f"\n=== {name} ===")
        print("seed page")
        for title, passed, problems in check_seed(is_word):
            print(f"  {'PASS' if passed else 'FAIL'}  {title[:30]:<30}  {problems}")
        print(f"{'PFR days':<10} {'pages':>5} {'recall':>7} {'precis.':>7} {'bound.':>7} "
              f"{'gold':>5} {'titles':>6} {'lost':>4} {'chars/s':>10}")
        spans = [(1, 10), (11, 20), (1, 31)]
        if args.days:
            low, high = (int(part) for part in args.days.split("-"))
            spans = [(low, high)]
        for span in spans:
            score = evaluate_pfr(span, is_word)
            label = f"{span[0]:02d}-{span[1]:02d}" if span != (1, 31) else "all"
            print(f"{label:<10} {score.pages:>5} {score.recall:>7.3f} {score.precision:>7.3f} "
                  f"{score.boundary_recall:>7.3f} {score.gold_headlines:>5} {score.titles:>6} "
                  f"{score.lost_pages:>4} {score.chars / score.seconds:>10,.0f}")
            if span == (1, 31):
                variants = [("all, hard-wrapped", {"wrap": 30})]
                if not args.no_traditional:
                    variants.append(("all, Traditional (s2t)", {"convert": _traditional()}))
                for label, options in variants:
                    other = evaluate_pfr(span, is_word, **options)
                    print(f"{label:<10} {other.pages:>5} {other.recall:>7.3f} "
                          f"{other.precision:>7.3f} {other.boundary_recall:>7.3f} "
                          f"{other.gold_headlines:>5} {other.titles:>6} {other.lost_pages:>4} "
                          f"{other.chars / other.seconds:>10,.0f}")
            if args.errors:
                print("  missed headlines:")
                for file, line in score.misses[: args.errors]:
                    print(f"    {file[9:22]}  {line[:40]}")
                print("  false titles:")
                for file, line in score.false_titles[: args.errors]:
                    print(f"    {file[9:22]}  {line[:40]}")
    if not args.no_speed:
        speed_table()


if __name__ == "__main__":
    main()
