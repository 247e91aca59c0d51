"""Build a large archive fast and deterministically from the real PFR month, for window benchmarks.

The month's pages (``../shared/corpora/pfr1998/pages``) are decoded, parsed and tagged once,
exactly as the importer does it (``parse_page`` with the dictionary check, then the one
language pass of ``ArticleAnalyzer``); their continuation parts are joined the way
``reader.store.link_continuations`` joins them. The result is then written many times over
with SQLAlchemy core ``insert()`` — copy *k* of the month is dated *k* months later and its
headlines carry a copy mark — until the archive holds the number of articles asked for.
No search index is built: the window finds it missing and rebuilds it in the background.

Usage as a library: ``ensure_archive(root, articles)``; as a script:
``.venv/bin/python bench/big_archive.py DIR [ARTICLES]``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from sqlalchemy import Connection, insert  # noqa: E402

from db.models import (  # noqa: E402
    Article,
    ArticlePart,
    Entity,
    Issue,
    Mention,
    Page,
    Publication,
    TextBlock,
)
from reader.analysis import ArticleAnalyzer, PartText  # noqa: E402
from reader.archive import Archive, bump_change_counter  # noqa: E402
from reader.importer import meta_from_file_name  # noqa: E402
from reader.parsing.masthead import normalise_page_label  # noqa: E402
from reader.parsing.model import ParsedArticle  # noqa: E402
from reader.parsing.page import parse_page  # noqa: E402
from reader.paths import ArchivePaths  # noqa: E402
from reader.store import UNSORTED_PUBLICATION  # noqa: E402
from reader.textio import decode_page_bytes, normalize_text  # noqa: E402

SHARED = REPO.parent / "shared"
PFR_PAGES = SHARED / "corpora" / "pfr1998" / "pages"
MARKER_NAME = "bench-archive.json"
BUILDER_VERSION = 1
FIXED_TIME = dt.datetime(2024, 1, 1, 12, 0, 0)


@dataclass(slots=True)
class TemplatePage:
    """One real page, decoded, parsed and tagged once."""

    source_name: str
    publication: str
    date: dt.date
    label: str
    data: bytes
    text: str
    encoding: str
    confidence: float
    furniture: list[str]
    parts: list[ParsedArticle]
    mentions: list[list[tuple[str, str, str, int, int, str]]]  # per part: name, type, field…


@dataclass(slots=True)
class TemplateArticle:
    """A logical article of the month: its parts as (page index, position) in reading order."""

    parts: list[tuple[int, int]] = field(default_factory=list)


@dataclass(slots=True)
class Template:
    """The parsed month: pages, logical articles (continuations joined), entity names."""

    pages: list[TemplatePage]
    articles: list[TemplateArticle]
    entities: list[tuple[str, str]]
    seconds: float = 0.0


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later (PFR days are 1–20: always valid)."""
    index = day.month - 1 + months
    return day.replace(year=day.year + index // 12, month=index % 12 + 1)


def load_template(archive: Archive) -> Template:
    """Decode, parse and tag every page of the PFR month once (as the importer would).

    Raises:
        SystemExit: the shared corpus is not there.
    """
    if not PFR_PAGES.is_dir():
        raise SystemExit(f"{PFR_PAGES} not found: the benchmark needs ../shared")
    started = time.perf_counter()
    analyzer = ArticleAnalyzer(archive.segmenter)
    pages: list[TemplatePage] = []
    for path in sorted(PFR_PAGES.glob("*.txt")):
        data = path.read_bytes()
        decoded = decode_page_bytes(data, source=path.name)
        text = normalize_text(decoded.text)
        parsed = parse_page(text, is_word=archive.segmenter.in_dictionary)
        meta = meta_from_file_name(path)
        if meta.date is None:
            raise SystemExit(f"{path.name}: no date in the file name")
        label = normalise_page_label(meta.page_label) if meta.page_label else path.stem
        mentions = []
        for article in parsed.articles:
            found = analyzer.analyze(PartText.from_parsed(article)).mentions
            mentions.append(
                [(m.name, str(m.type), m.field, m.start, m.end, m.surface) for m in found]
            )
        pages.append(
            TemplatePage(
                source_name=path.name,
                publication=meta.publication or UNSORTED_PUBLICATION,
                date=meta.date,
                label=label,
                data=data,
                text=text,
                encoding=decoded.encoding,
                confidence=decoded.confidence,
                furniture=list(parsed.furniture),
                parts=list(parsed.articles),
                mentions=mentions,
            )
        )
    articles = _join_continuations(pages)
    entities = sorted({(m[0], m[1]) for page in pages for part in page.mentions for m in part})
    return Template(pages, articles, entities, time.perf_counter() - started)


def _join_continuations(pages: list[TemplatePage]) -> list[TemplateArticle]:
    """Logical articles in page order, 下转/上接 parts joined as ``link_continuations`` does."""
    by_issue_label = {(page.publication, page.date, page.label): i for i, page in enumerate(pages)}
    owner: dict[tuple[int, int], TemplateArticle] = {}
    articles: list[TemplateArticle] = []
    for page_index, page in enumerate(pages):
        for position, part in enumerate(page.parts):
            key = (page_index, position)
            if key in owner:
                continue
            article = TemplateArticle([key])
            owner[key] = article
            articles.append(article)
            current = part
            current_page = page_index
            while current.continues_to:
                target = by_issue_label.get(
                    (page.publication, page.date, normalise_page_label(current.continues_to))
                )
                if target is None:
                    break
                label = pages[current_page].label
                candidates = [
                    (target, pos)
                    for pos, other in enumerate(pages[target].parts)
                    if other.continued_from
                    and normalise_page_label(other.continued_from) == label
                    and (target, pos) not in owner
                ]
                if not candidates:
                    break
                chosen = next(
                    (
                        c
                        for c in candidates
                        if current.title and pages[c[0]].parts[c[1]].title == current.title
                    ),
                    candidates[0],
                )
                article.parts.append(chosen)
                owner[chosen] = article
                current_page, current = chosen[0], pages[chosen[0]].parts[chosen[1]]
    return articles


def _perturbed(title: str, copy: int) -> str:
    """The headline of copy ``copy`` of an article: copies 1… carry a mark at the end."""
    if not title or copy == 0:
        return title
    return f"{title}（{copy}）"


def _rows_of_copy(
    template: Template,
    copy: int,
    budget: int,
    ids: dict[str, int],
    publication_ids: dict[str, int],
    entity_ids: dict[tuple[str, str], int],
) -> Iterator[tuple[str, dict[str, Any]]]:
    """The rows of one copy of the month (at most ``budget`` articles), table by table.

    ``ids`` holds the last id used per table and is advanced here.
    """
    issue_of: dict[tuple[str, dt.date], int] = {}
    page_ids: dict[int, int] = {}
    needed_pages: set[int] = set()
    articles = template.articles[:budget]
    for article in articles:
        needed_pages.update(page_index for page_index, _ in article.parts)
    for page_index, page in enumerate(template.pages):
        if page_index not in needed_pages:
            continue
        day = add_months(page.date, copy)
        issue_key = (page.publication, day)
        if issue_key not in issue_of:
            ids["issue"] += 1
            issue_of[issue_key] = ids["issue"]
            yield (
                "issue",
                {
                    "id": ids["issue"],
                    "publication_id": publication_ids[page.publication],
                    "date": day,
                    "number": None,
                    "unsorted": False,
                },
            )
        ids["page"] += 1
        page_ids[page_index] = ids["page"]
        digest = hashlib.sha256(page.data + f"\0copy {copy}".encode()).hexdigest()
        yield (
            "page",
            {
                "id": ids["page"],
                "issue_id": issue_of[issue_key],
                "label": page.label,
                "source_name": page.source_name.replace(
                    page.date.isoformat(), add_months(page.date, copy).isoformat()
                ),
                "sha256": digest,
                "encoding": page.encoding,
                "encoding_confidence": page.confidence,
                "imported_at": FIXED_TIME,
                "text": page.text,
                "source_bytes": page.data,
                "furniture": page.furniture,
            },
        )
    for article in articles:
        ids["article"] += 1
        article_id = ids["article"]
        first_page = template.pages[article.parts[0][0]]
        first = first_page.parts[article.parts[0][1]]
        authors: list[str] = []
        for page_index, position in article.parts:
            for name in template.pages[page_index].parts[position].authors:
                if name not in authors:
                    authors.append(name)
        yield (
            "article",
            {
                "id": article_id,
                "issue_id": issue_of[(first_page.publication, add_months(first_page.date, copy))],
                "title": _perturbed(first.title, copy),
                "subtitle": first.subtitle,
                "kicker": first.kicker,
                "authors": authors,
                "credit": first.credit,
                "continues_to": first.continues_to,  # as reader.store.refresh_article does
                "continued_from": first.continued_from,
                "created_at": FIXED_TIME,
                "updated_at": FIXED_TIME,
            },
        )
        for part_no, (page_index, position) in enumerate(article.parts):
            page = template.pages[page_index]
            part = page.parts[position]
            ids["article_part"] += 1
            part_id = ids["article_part"]
            yield (
                "article_part",
                {
                    "id": part_id,
                    "article_id": article_id,
                    "page_id": page_ids[page_index],
                    "part_no": part_no,
                    "position": position,
                    "title": _perturbed(part.title, copy),
                    "subtitle": part.subtitle,
                    "kicker": part.kicker,
                    "byline": part.byline,
                    "authors": list(part.authors),
                    "credit": part.credit,
                    "continues_to": part.continues_to,
                    "continued_from": part.continued_from,
                    "captions": list(part.captions),
                    "consumed": list(part.consumed),
                },
            )
            for seq, block in enumerate(part.blocks):
                ids["text_block"] += 1
                yield (
                    "text_block",
                    {
                        "id": ids["text_block"],
                        "part_id": part_id,
                        "seq": seq,
                        "kind": str(block.kind),
                        "text": block.text,
                    },
                )
            for name, kind, field_name, start, end, surface in page.mentions[position]:
                ids["mention"] += 1
                yield (
                    "mention",
                    {
                        "id": ids["mention"],
                        "entity_id": entity_ids[(name, kind)],
                        "article_id": article_id,
                        "part_id": part_id,
                        "field": field_name,
                        "start": start,
                        "end": end,
                        "surface": surface,
                        "manual": False,
                        "rule_id": None,
                    },
                )


TABLES = {
    "issue": Issue.__table__,
    "page": Page.__table__,
    "article": Article.__table__,
    "article_part": ArticlePart.__table__,
    "text_block": TextBlock.__table__,
    "mention": Mention.__table__,
}
ORDER = ("issue", "page", "article", "article_part", "text_block", "mention")


def _flush(connection: Connection, pending: dict[str, list[dict[str, Any]]]) -> None:
    for name in ORDER:
        rows = pending[name]
        if rows:
            connection.execute(insert(TABLES[name]), rows)
            rows.clear()


def build_archive(root: Path, articles: int, *, log: Any = print) -> dict[str, Any]:
    """Create an archive of ``articles`` articles at ``root`` (which must not hold one).

    Returns:
        What was built (counts and seconds), also written to ``root/bench-archive.json``.
    """
    started = time.perf_counter()
    with Archive(ArchivePaths(root), write=True) as archive:
        log(f"parsing and tagging the PFR month once (jieba dictionary, {PFR_PAGES.name}/) …")
        template = load_template(archive)
        per_copy = len(template.articles)
        copies = -(-articles // per_copy)
        log(
            f"  {len(template.pages)} pages, {per_copy} articles, "
            f"{len(template.entities)} entities in {template.seconds:.1f} s; "
            f"writing {copies} copies …"
        )
        ids = dict.fromkeys(ORDER, 0)
        publication_ids: dict[str, int] = {}
        entity_ids: dict[tuple[str, str], int] = {}
        with archive.db.write_engine.begin() as connection:
            names = sorted({page.publication for page in template.pages})
            for number, name in enumerate(names, start=1):
                publication_ids[name] = number
            connection.execute(
                insert(Publication.__table__),
                [
                    {"id": number, "name": name, "created_at": FIXED_TIME}
                    for name, number in publication_ids.items()
                ],
            )
            for number, key in enumerate(template.entities, start=1):
                entity_ids[key] = number
            if entity_ids:
                connection.execute(
                    insert(Entity.__table__),
                    [{"id": i, "name": k[0], "type": k[1]} for k, i in entity_ids.items()],
                )
        remaining = articles
        copy = 0
        while remaining > 0:
            pending: dict[str, list[dict[str, Any]]] = {name: [] for name in ORDER}
            with archive.db.write_engine.begin() as connection:
                for table, row in _rows_of_copy(
                    template, copy, remaining, ids, publication_ids, entity_ids
                ):
                    pending[table].append(row)
                _flush(connection, pending)
            remaining -= min(per_copy, remaining)
            copy += 1
            if copy % 10 == 0 or remaining <= 0:
                log(
                    f"  copy {copy}/{copies}: {ids['article']} articles, "
                    f"{time.perf_counter() - started:.0f} s"
                )
        with archive.db.write() as session:
            counter = bump_change_counter(session)
    info = {
        "builder": BUILDER_VERSION,
        "articles": ids["article"],
        "parts": ids["article_part"],
        "blocks": ids["text_block"],
        "mentions": ids["mention"],
        "entities": len(entity_ids),
        "issues": ids["issue"],
        "pages": ids["page"],
        "copies": copy,
        "change_counter": counter,
        "seconds": round(time.perf_counter() - started, 1),
        "database_mb": round((root / "archive.sqlite3").stat().st_size / 1e6, 1),
    }
    (root / MARKER_NAME).write_text(json.dumps(info, indent=1), encoding="utf-8")
    return info


def ensure_archive(root: Path, articles: int, *, log: Any = print) -> dict[str, Any]:
    """Reuse the benchmark archive at ``root`` if it was built for ``articles``, else build it.

    Raises:
        SystemExit: ``root`` holds something else (never deleted here).
    """
    marker = root / MARKER_NAME
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
        if info.get("articles") != articles or info.get("builder") != BUILDER_VERSION:
            raise SystemExit(
                f"{root} holds a benchmark archive of {info.get('articles')} articles "
                f"(builder {info.get('builder')}); give another --archive folder"
            )
        return info
    if root.exists() and any(root.iterdir()):
        raise SystemExit(f"{root} is not empty and not a benchmark archive; give another folder")
    return build_archive(root, articles, log=log)


def main(argv: list[str]) -> int:
    """Build (or reuse) an archive: ``big_archive.py DIR [ARTICLES]``."""
    if not argv:
        print(__doc__)
        return 2
    root = Path(argv[0]).expanduser().resolve()
    count = int(argv[1]) if len(argv) > 1 else 100_000
    print(json.dumps(ensure_archive(root, count), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
