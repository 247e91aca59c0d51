"""Plain data exchanged with the search index: documents in, results out (JSON-friendly)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.segment import Token


@dataclass(slots=True)
class SearchDocument:
    """One article as the search index sees it.

    Attributes:
        id: the article's database id.
        title, subtitle, body: the article's text; the body is indexed but not kept in the
            index (snippets are built from the text loaded from the database).
        authors: personal names of the byline.
        credit: the credit opener (本报讯, 新华社北京12月31日电 …).
        publication: the publication's name.
        date: the issue date, if known.
        pages: page labels the article is printed on (a continued article has several).
        entities, tags: names tagged on the article and the user's tags.
        collections: paths of the user's collections holding the article.
        notes: the user's notes on the article.
        original: the machine's text of the fields and paragraphs the user corrected
            (indexed with the text, so a search finds the original wording too).
        title_tokens, subtitle_tokens, body_tokens: the tokens ``Segmenter.segment`` produced
            for the text at import, so that indexing does not segment again; ``None`` to
            segment here.
        prepared: the title and text index fields, already analyzed and encoded by an
            import worker (``reader.search.index.prepare_text_fields``); ``None`` to
            analyze here.
    """

    id: int
    title: str = ""
    subtitle: str = ""
    body: str = ""
    authors: list[str] = field(default_factory=list)
    credit: str = ""
    publication: str = ""
    date: dt.date | None = None
    pages: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    collections: list[str] = field(default_factory=list)
    notes: str = ""
    original: str = ""
    title_tokens: list[Token] | None = None
    subtitle_tokens: list[Token] | None = None
    body_tokens: list[Token] | None = None
    prepared: dict[str, Any] | None = None


@dataclass(slots=True)
class SearchHit:
    """One article of a result page.

    Attributes:
        id: the article's database id.
        score: relevance (BM25F); 0 when the query has no scored terms.
        title: the stored title.
        date: the issue date, if any.
        pages: page labels.
        publication: the publication's name.
        snippet: a window of the body with matches between the markers (【】 by default).
        snippet_text: the same window without markers.
        snippet_spans: ``(start, end)`` of the matches in ``snippet_text``.
        spans: ``(start, end)`` of the matches in the whole body text.
        title_spans: ``(start, end)`` of the matches in the title.
    """

    id: int
    score: float
    title: str
    date: dt.date | None
    pages: list[str]
    publication: str = ""
    snippet: str = ""
    snippet_text: str = ""
    snippet_spans: list[tuple[int, int]] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    title_spans: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The hit as JSON-friendly data (the CLI contract plus publication and spans)."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat() if self.date else None,
            "pages": list(self.pages),
            "publication": self.publication,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "spans": [list(span) for span in self.snippet_spans],
        }


@dataclass(slots=True)
class SearchResults:
    """One page of results with the total count and the facet counts of all matches.

    Attributes:
        query: the query string as given.
        total: number of matching articles.
        hits: the articles of the requested page, in order.
        facets: ``{"publication": {name: n}, "month": {"1998-01": n}, "year": {"1998": n},
            "page": {label: n}}`` over all matches.
        page, page_size: the page requested (1-based) and its size.
        sort: ``"relevance"`` or ``"date"`` (newest first) or ``"date_asc"``.
    """

    query: str
    total: int
    hits: list[SearchHit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    page: int = 1
    page_size: int = 20
    sort: str = "relevance"

    def to_dict(self) -> dict[str, Any]:
        """The results as JSON-friendly data: ``{"query", "total", "hits", "facets", …}``."""
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "sort": self.sort,
            "hits": [hit.to_dict() for hit in self.hits],
            "facets": {name: dict(counts) for name, counts in self.facets.items()},
        }
