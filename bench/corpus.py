"""A deterministic page corpus of any size from the real PFR month, for the speed benchmarks.

The 179 real pages of ``../shared/corpora/pfr1998/pages`` (2,012 articles, 1.22 M characters)
are written again and again: copy *k* of the month is dated *k* months later (the day of the
month kept; PFR days are 1–20), is filed under one of four publication names in turn, and
carries two small perturbations so that the importer's de-duplication (by checksum) and the
search index see different pages: every full-width digit is rotated by *k* (１ → ２ for copy 1,
lengths unchanged), and in articles of five paragraphs or more the paragraphs after the
third (headline, deck or byline and the lead stay in place) are rotated by *k*; copies 10,
20, … end with one more blank line per ten copies (so that no two copies have the same
bytes, even for pages whose articles are all short). Headlines,
bylines and paragraph lengths stay real. Pages are added in order until the gold article
count reaches the size asked for.

The text is read from ``../shared`` at run time (never copied into the repository); the
corpus goes to a folder outside it (``/work/bench-data/corpus-<N>`` by default) and is reused
when its manifest matches.

    .venv/bin/python bench/corpus.py --articles 100000 [--out DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PFR = SHARED / "corpora" / "pfr1998"
DEFAULT_DATA = REPO.parent / "bench-data"
MANIFEST = "corpus.json"
BUILDER_VERSION = 4
PUBLICATIONS = ("人民日报", "人民日报海外版", "经济日报", "光明日报")  # as bench_search.py
_DIGITS = "０１２３４５６７８９"


@dataclass(slots=True)
class CorpusInfo:
    """What a corpus folder holds (also its ``corpus.json``)."""

    builder: int
    articles_asked: int
    articles: int  # gold articles of the pages written
    pages: int
    characters: int
    copies: int
    seconds: float = 0.0


def require_shared() -> None:
    """Exit with a clear message when the real data folder is not there."""
    if not (PFR / "gold.jsonl").is_file():
        raise SystemExit(
            f"{PFR} not found: the benchmarks read the real PFR month from ../shared "
            "(beside the repository); it is not part of the repository"
        )


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later."""
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)


def _rotate_digits(text: str, copy: int) -> str:
    shift = copy % 10
    if not shift:
        return text
    table = {ord(d): _DIGITS[(i + shift) % 10] for i, d in enumerate(_DIGITS)}
    return text.translate(table)


def _perturb_page(text: str, article_sizes: list[int], copy: int) -> str:
    """Copy ``copy`` of a page: digits rotated, long articles' later paragraphs rotated."""
    if copy == 0:
        return text
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    out: list[str] = []
    index = 0
    for size in article_sizes:
        article = paragraphs[index : index + size]
        index += size
        if len(article) >= 5:
            tail = article[3:]
            shift = copy % len(tail)
            article = article[:3] + tail[shift:] + tail[:shift]
        out.extend(article)
    out.extend(paragraphs[index:])
    # Copies 10, 20, … rotate the digits like copy 0: one more blank line per ten copies at
    # the end keeps every copy's bytes apart (the parser ignores it).
    return _rotate_digits("\n\n".join(out) + "\n" * (1 + copy // 10), copy)


def iter_pages(articles: int) -> Iterator[tuple[str, str, int]]:
    """Yield ``(file name, text, gold articles)`` until ``articles`` gold articles are reached."""
    require_shared()
    gold = [json.loads(line) for line in (PFR / "gold.jsonl").read_text("utf-8").splitlines()]
    gold.sort(key=lambda page: page["file"])
    sources = {page["file"]: (PFR / "pages" / page["file"]).read_text("utf-8") for page in gold}
    produced = 0
    copy = 0
    while produced < articles:
        publication = PUBLICATIONS[copy % len(PUBLICATIONS)]
        for page in gold:
            if produced >= articles:
                return
            sizes = [article["paragraphs"] for article in page["articles"]]
            day = add_months(dt.date.fromisoformat(page["date"]), copy)
            name = f"{publication}_{day.isoformat()}_{page['page']}.txt"
            yield name, _perturb_page(sources[page["file"]], sizes, copy), len(sizes)
            produced += len(sizes)
        copy += 1


def corpus_dir(articles: int, data: Path = DEFAULT_DATA) -> Path:
    """The default folder of a corpus of ``articles`` articles."""
    return data / f"corpus-{articles}"


def read_info(folder: Path) -> CorpusInfo | None:
    """The manifest of a corpus folder, if it has a current one."""
    try:
        info = CorpusInfo(**json.loads((folder / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    return info if info.builder == BUILDER_VERSION else None


def ensure_corpus(folder: Path, articles: int, log: object = print) -> CorpusInfo:
    """Build the corpus in ``folder``, or reuse it when its manifest matches.

    Raises:
        SystemExit: ``../shared`` is missing, or ``folder`` holds something else.
    """
    info = read_info(folder)
    if info is not None and info.articles_asked == articles:
        return info
    if (folder / MANIFEST).is_file():  # a corpus of another size or builder: write it anew
        for page in folder.glob("*.txt"):
            page.unlink()
        (folder / MANIFEST).unlink()
    if folder.exists() and any(folder.iterdir()):
        raise SystemExit(f"{folder} is not empty and not a corpus of {articles} articles")
    require_shared()
    started = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    pages = produced = characters = 0
    copies: set[str] = set()
    for name, text, count in iter_pages(articles):
        (folder / name).write_text(text, encoding="utf-8")
        pages += 1
        produced += count
        characters += len(text)
        copies.add(name.split("_")[1][:7])
    info = CorpusInfo(
        builder=BUILDER_VERSION,
        articles_asked=articles,
        articles=produced,
        pages=pages,
        characters=characters,
        copies=len(copies),
        seconds=round(time.perf_counter() - started, 1),
    )
    (folder / MANIFEST).write_text(json.dumps(asdict(info), indent=1), encoding="utf-8")
    if callable(log):
        log(f"corpus: {pages} pages, {produced} articles, {characters} characters in {folder}")
    return info


def main(argv: list[str] | None = None) -> int:
    """Build (or reuse) a corpus and print its manifest."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--out", type=Path, default=None, help="default: ../bench-data/corpus-N")
    options = parser.parse_args(argv)
    folder = options.out or corpus_dir(options.articles)
    print(json.dumps(asdict(ensure_corpus(folder, options.articles)), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
