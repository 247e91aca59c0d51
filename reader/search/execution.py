"""Running a compiled query on one index segment: its matches, then an exact top-k.

Two steps per segment, both exact:

1. :func:`match_set` — the document numbers the query matches, by set algebra on posting
   lists read block by block. The parts of an AND run cheapest first (date ranges from a
   per-segment date index, then the rarest terms), and each later part only checks the
   documents still in the running set: a phrase checks positions on those documents alone
   instead of walking its posting lists. The set gives the total and the facets.
2. :func:`rank_segment` — the best matches by BM25F, without scoring every match. The
   score of a document is a sum of its terms' contributions (a phrase adds its terms'
   scores); each term has a ceiling (Whoosh's maximum quality of its posting list times
   the boosts above it). Terms are taken strongest first: their exact contributions are
   added up for the matches they contain, the few matches with the highest partial sums
   are scored exactly, and as soon as the k-th best exact score beats the sum of the
   ceilings of the terms not taken yet, only the matches whose partial sum plus that
   remainder can still reach it are scored. Scores come from the query's own Whoosh
   matchers (:func:`reader.search.engine.match_score`), so they are the very numbers a
   full iteration gives, and ties are broken by document number (lower first).

Nothing here imports Qt or the database; Whoosh only.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from whoosh import matching
from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.scoring import BM25FScorer, WeightScorer
from whoosh.util.numeric import byte_to_length

from reader.search.engine import (
    LAZY_PHRASES,
    BoostMatcher,
    LazyAndMaybeMatcher,
    OffsetPhrase,
    OffsetPhraseMatcher,
    decode_positions,
    match_score,
)

#: Segments with at most this many matches have every match scored (no bounds needed).
EXHAUSTIVE_LIMIT = 200
#: Bounds are sums taken in another order than the matchers' own: documents within this
#: relative margin of the k-th score are scored exactly, so no tie is lost.
MARGIN = 1e-9
#: A term's postings are checked document by document (instead of read whole) when the
#: running set is this many times smaller than the term's document frequency.
SPARSE_RATIO = 16
#: Checking a phrase's positions on a document costs about this many postings read (the
#: parts of an AND run cheapest first, so phrases check the fewest documents).
POSITIONS_COST = 8
#: Rough costs, for choosing between adding one more term's exact contributions (per
#: posting read) and scoring the remaining candidates exactly (per document).
COST_PER_POSTING = 1.0
COST_PER_DOCUMENT = 60.0
_LAST_DATE = 99991231

Heap = list[tuple[Any, ...]]


class DateIndex:
    """A segment's documents ordered by date, for date ranges by bisection."""

    __slots__ = ("dates", "order")

    def __init__(self, dates: Sequence[int]) -> None:
        """Sort the document numbers by date (missing dates are 0 and come first)."""
        self.order = sorted(range(len(dates)), key=dates.__getitem__)
        self.dates = [dates[docnum] for docnum in self.order]

    def between(self, low: int, high: int) -> list[int]:
        """Document numbers dated from ``low`` to ``high`` (both included; never undated)."""
        start = bisect_left(self.dates, max(low, 1))
        end = bisect_right(self.dates, high)
        return self.order[start:end]

    def count(self, low: int, high: int) -> int:
        """How many documents :meth:`between` returns."""
        return max(0, bisect_right(self.dates, high) - bisect_left(self.dates, max(low, 1)))


# --------------------------------------------------------------------------- match sets


def leaf_ids(matcher: Any) -> list[int]:
    """All document numbers of a term's postings, read block by block (no per-id calls)."""
    if type(matcher) is matching.FilterMatcher and matcher._exclude:
        deleted = matcher._ids
        return [docnum for docnum in leaf_ids(matcher.child) if docnum not in deleted]
    if type(matcher) is not W3LeafMatcher:
        return list(matcher.all_ids()) if matcher.is_active() else []
    ids: list[int] = []
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids.extend(matcher._ids[matcher._i :])
        matcher._next_block()
    return ids


def _ids_within(matcher: Any, wanted: Iterable[int]) -> list[int]:
    """The documents of ``wanted`` (increasing) that a term's postings hold, by skipping."""
    found: list[int] = []
    for docnum in wanted:
        if not matcher.is_active():
            break
        if matcher.id() < docnum:
            matcher.skip_to(docnum)
            if not matcher.is_active():
                break
        if matcher.id() == docnum:
            found.append(docnum)
    return found


def _term_set(
    reader: Any, fieldname: str, text: bytes, within: set[int] | None
) -> set[int] | list[int]:
    """The documents of a term's postings (within ``within``): read whole, or skipped to."""
    postings = reader.postings(fieldname, text)
    if within is not None and len(within) * SPARSE_RATIO < reader.doc_frequency(fieldname, text):
        return _ids_within(postings, sorted(within))
    ids = leaf_ids(postings)
    return ids if within is None else within.intersection(ids)


def _phrase_set(
    query: OffsetPhrase, searcher: Any, within: set[int] | None
) -> list[int] | set[int]:
    """A phrase's documents: those holding every term (rarest first), then positions checked."""
    reader = searcher.reader()
    fieldname = query.fieldname
    field = searcher.schema[fieldname]
    terms = list(dict.fromkeys(field.to_bytes(term) for term, _ in query.items))
    if any((fieldname, term) not in reader for term in terms):
        return []
    terms.sort(key=lambda term: reader.doc_frequency(fieldname, term))
    candidates: set[int] | list[int] | None = within
    for term in terms:
        candidates = _term_set(reader, fieldname, term, candidates)
        if not candidates:
            return []
        candidates = candidates if isinstance(candidates, set) else set(candidates)
    assert candidates is not None  # a phrase has terms
    if len(query.items) == 1:
        return candidates
    return _lined_up(query, reader, sorted(candidates))


def _term_values(reader: Any, fieldname: str, term: bytes, wanted: list[int]) -> dict[int, bytes]:
    """The encoded positions of a term in each of ``wanted`` (increasing) that holds it.

    Blocks without a wanted document are skipped unread (their header says their last id).
    """
    postings = reader.postings(fieldname, term)
    if type(postings) is matching.FilterMatcher:
        postings = postings.child  # deleted documents are not wanted
    values: dict[int, bytes] = {}
    if type(postings) is not W3LeafMatcher:  # a short list kept in the term index
        for docnum in wanted:
            if not postings.is_active():
                break
            if postings.id() < docnum:
                postings.skip_to(docnum)
                if not postings.is_active():
                    break
            if postings.id() == docnum:
                values[docnum] = postings.value()
        return values
    index = 0
    count = len(wanted)
    while index < count and postings.is_active():
        last = postings._maxid
        if last < wanted[index]:
            postings._next_block()
            continue
        end = bisect_right(wanted, last, index)
        postings._read_ids()
        ids = postings._ids
        found = []
        for docnum in wanted[index:end]:
            at = bisect_left(ids, docnum)
            if at < len(ids) and ids[at] == docnum:
                found.append((docnum, at))
        if found:
            postings._read_values()
            block_values = postings._values
            for docnum, at in found:
                values[docnum] = block_values[at]
        index = end
        postings._next_block()
    return values


def _lined_up(query: OffsetPhrase, reader: Any, candidates: list[int]) -> list[int]:
    """The candidates where the phrase's terms sit at their offsets from one common base."""
    grouped: dict[str, list[int]] = {}
    for term, offset in query.items:
        grouped.setdefault(term, []).append(offset)
    fieldname = query.fieldname
    terms = [
        (offsets, _term_values(reader, fieldname, term.encode("utf-8"), candidates))
        for term, offsets in grouped.items()
    ]
    terms.sort(key=lambda item: len(item[1]))
    found = []
    for docnum in candidates:
        bases: set[int] | None = None
        for offsets, values in terms:
            value = values.get(docnum)
            if value is None:
                break
            positions = decode_positions(value)
            for offset in offsets:
                shifted = {position - offset for position in positions}
                bases = shifted if bases is None else bases & shifted
                if not bases:
                    break
            if not bases:
                break
        else:
            found.append(docnum)
    return found


def _live(reader: Any) -> Callable[[Iterable[int]], list[int]]:
    deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
    if not deleted:
        return list
    return lambda docnums: [docnum for docnum in docnums if docnum not in deleted]


def _range_bounds(query: Any) -> tuple[int, int]:
    low = query.start if query.start is not None else 0
    high = query.end if query.end is not None else _LAST_DATE
    return low, high


def estimate(query: Any, reader: Any, dates: DateIndex) -> int:
    """An estimate of how many documents of the segment a query matches (for ordering)."""
    if isinstance(query, wq.Term):
        try:
            return reader.doc_frequency(query.fieldname, query.text)
        except Exception:  # pragma: no cover - a field Whoosh cannot look up
            return reader.doc_count_all()
    if isinstance(query, OffsetPhrase):
        sizes = [reader.doc_frequency(query.fieldname, term) for term, _ in query.items]
        return min(sizes) if sizes else 0
    if isinstance(query, wq.NumericRange) and query.fieldname == "date":
        return dates.count(*_range_bounds(query))
    if isinstance(query, wq.And):
        return min(estimate(sub, reader, dates) for sub in query.subqueries)
    if isinstance(query, wq.Or):
        return sum(estimate(sub, reader, dates) for sub in query.subqueries)
    if isinstance(query, wq.AndMaybe | wq.AndNot):
        return estimate(query.a, reader, dates)
    return reader.doc_count_all()


def cost(query: Any, reader: Any, dates: DateIndex) -> int:
    """A rough cost of :func:`match_set` for a query: postings read, positions weighed more."""
    if isinstance(query, OffsetPhrase):
        size = estimate(query, reader, dates)
        return size * POSITIONS_COST if len(query.items) > 1 else size
    if isinstance(query, wq.And):
        return min(cost(sub, reader, dates) for sub in query.subqueries)
    if isinstance(query, wq.Or):
        return sum(cost(sub, reader, dates) for sub in query.subqueries)
    if isinstance(query, wq.AndMaybe | wq.AndNot):
        return cost(query.a, reader, dates)
    return estimate(query, reader, dates)


def match_set(
    query: Any,
    searcher: Any,
    dates: Sequence[int],
    date_index: DateIndex,
    within: set[int] | None = None,
) -> set[int] | list[int]:
    """The document numbers of a segment that a query matches (within ``within`` if given).

    Equivalent to iterating the query's matcher (deleted documents excluded), by set
    algebra: a term's postings are read in blocks, AND/OR/NOT are set operations, the
    parts of an AND run from the smallest estimate up and each checks only the documents
    still in the running set.

    Args:
        query: a query compiled by :class:`reader.search.query.QueryCompiler`.
        searcher: the segment's searcher.
        dates: the segment's date column (``yyyymmdd`` numbers, 0 when undated).
        date_index: the same dates, sorted (:class:`DateIndex`).
        within: only these documents can be returned (None: the whole segment).

    Returns:
        A set or a list (no duplicates) of document numbers.
    """
    reader = searcher.reader()
    if isinstance(query, wq.Term):
        field = searcher.schema[query.fieldname]
        text = field.to_bytes(query.text)
        if (query.fieldname, text) not in reader:
            return []
        return _term_set(reader, query.fieldname, text, within)
    if isinstance(query, OffsetPhrase):
        return _phrase_set(query, searcher, within)
    if isinstance(query, wq.AndMaybe):
        return match_set(query.a, searcher, dates, date_index, within)
    if isinstance(query, wq.AndNot):
        base = match_set(query.a, searcher, dates, date_index, within)
        if not base:
            return []
        base = base if isinstance(base, set) else set(base)
        excluded = match_set(query.b, searcher, dates, date_index, base)
        return base.difference(excluded)
    if isinstance(query, wq.Every):
        everything = _live(reader)(range(reader.doc_count_all()))
        return everything if within is None else within.intersection(everything)
    if isinstance(query, wq.NumericRange) and query.fieldname == "date":
        low, high = _range_bounds(query)
        if within is not None and len(within) < date_index.count(low, high):
            return [docnum for docnum in within if low <= dates[docnum] <= high and dates[docnum]]
        found = _live(reader)(date_index.between(low, high))
        return found if within is None else within.intersection(found)
    if isinstance(query, wq.And):
        parts = sorted(query.subqueries, key=lambda sub: cost(sub, reader, date_index))
        result = within
        for part in parts:
            found = match_set(part, searcher, dates, date_index, result)
            if not found:
                return []
            result = found if isinstance(found, set) else set(found)
        return result if result is not None else []
    if isinstance(query, wq.Or):
        union: set[int] = set()
        for part in query.subqueries:
            union.update(match_set(part, searcher, dates, date_index, within))
        return union
    matcher = query.matcher(searcher)  # pragma: no cover - every query we build is above
    ids = list(matcher.all_ids()) if matcher.is_active() else []
    return ids if within is None else within.intersection(ids)


# --------------------------------------------------------------------------- top-k


def push(heap: Heap, wanted: int, score: float, docnum: int, offset: int, sub: Any) -> None:
    """Offer a scored document to the heap of the best ``wanted`` (score, then lower number).

    Items are ``((score, -global number), score, global number, searcher, docnum)``; the
    heap's first item is the worst kept, so the result does not depend on the order in
    which documents are offered.
    """
    number = docnum + offset
    item = ((score, -number), score, number, sub, docnum)
    if len(heap) < wanted:
        heapq.heappush(heap, item)
    elif item[0] > heap[0][0]:
        heapq.heapreplace(heap, item)


def score_documents(
    query: Any,
    sub: Any,
    context: Any,
    docnums: Iterable[int],
    heap: Heap,
    wanted: int,
    offset: int,
) -> None:
    """Score documents exactly (increasing numbers) with a fresh matcher; offer them to heap."""
    matcher = query.matcher(sub, context)
    for docnum in docnums:
        score = match_score(matcher, docnum)
        if score is not None:
            push(heap, wanted, score, docnum, offset, sub)


class _Term:
    """A term of the scoring matcher: where it is, how it scores, its ceiling."""

    __slots__ = ("bound", "fieldname", "multiplier", "scorer", "text")

    def __init__(self, matcher: Any, multiplier: float) -> None:
        self.fieldname, self.text = matcher.term()
        self.scorer = getattr(matcher, "scorer", None) or getattr(matcher, "_scorer", None)
        self.multiplier = multiplier
        self.bound = matcher.max_quality() * multiplier


def _terms(matcher: Any, multiplier: float, terms: list[_Term]) -> float:
    """Collect the scoring terms of a matcher tree; return the ceiling of the other parts."""
    kind = type(matcher)
    if kind is matching.NullMatcherClass:
        return 0.0
    if kind in (matching.UnionMatcher, matching.IntersectionMatcher, matching.AndMaybeMatcher):
        return _terms(matcher.a, multiplier, terms) + _terms(matcher.b, multiplier, terms)
    if kind is LazyAndMaybeMatcher:
        return _terms(matcher.a, multiplier, terms) + _terms(matcher.b, multiplier, terms)
    if kind is matching.AndNotMatcher:
        return _terms(matcher.a, multiplier, terms)
    if kind in (matching.WrappingMatcher, BoostMatcher, matching.FilterMatcher):
        return _terms(matcher.child, multiplier * matcher.boost, terms)
    if kind is OffsetPhraseMatcher:
        return sum(_terms(sub, multiplier * matcher._boost, terms) for sub in matcher._matchers)
    if not matcher.is_active():
        return 0.0
    scorer = getattr(matcher, "scorer", None) or getattr(matcher, "_scorer", None)
    if matcher.is_leaf() and type(scorer) in (BM25FScorer, WeightScorer):
        terms.append(_Term(matcher, multiplier))
        return 0.0
    return matcher.max_quality() * multiplier  # pragma: no cover - no such part is built


def _term_scorer(term: _Term, reader: Any) -> Callable[[float, int], float]:
    """``score(weight, docnum)`` as the term's scorer computes it (same operations)."""
    scorer = term.scorer
    if type(scorer) is WeightScorer:
        return lambda weight, _docnum: weight
    idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
    reader.doc_field_length(0, term.fieldname, 1)  # reads the length column once
    perdoc = getattr(reader, "_perdoc", None)
    lengths = getattr(perdoc, "_baokan_lengths", {}).get(term.fieldname) if perdoc else None
    if not lengths:
        dfl = scorer.dfl
        return lambda weight, docnum: (
            idf * ((weight * (k1 + 1)) / (weight + k1 * ((1 - b) + b * dfl(docnum) / avgfl)))
        )
    norm = [k1 * ((1 - b) + b * byte_to_length(byte) / avgfl) for byte in range(256)]
    factor = k1 + 1
    return lambda weight, docnum: idf * ((weight * factor) / (weight + norm[lengths[docnum]]))


def _add_term_scores(
    term: _Term, reader: Any, documents: set[int], partial: dict[int, float]
) -> None:
    """Add the term's contribution to the partial score of each of ``documents`` it holds."""
    postings = reader.postings(term.fieldname, term.text)
    if type(postings) is matching.FilterMatcher:
        postings = postings.child  # deleted documents are not in ``documents``
    score = _term_scorer(term, reader)
    multiplier = term.multiplier
    get = partial.get
    if type(postings) is W3LeafMatcher:
        while postings.is_active():
            postings._read_ids()
            postings._read_weights()
            for docnum, weight in zip(postings._ids, postings._weights, strict=False):
                if docnum in documents:
                    partial[docnum] = get(docnum, 0.0) + multiplier * score(weight, docnum)
            postings._next_block()
        return
    while postings.is_active():
        docnum = postings.id()
        if docnum in documents:
            partial[docnum] = get(docnum, 0.0) + multiplier * score(postings.weight(), docnum)
        postings.next()


def rank_segment(
    query: Any,
    sub: Any,
    context: Any,
    matched: set[int] | list[int],
    heap: Heap,
    wanted: int,
    offset: int,
) -> None:
    """Put the best of a segment's matches into ``heap`` (exact top-``wanted``).

    Args:
        query: the scoring query (it matches every document of ``matched``).
        sub: the segment's searcher.
        context: the search context (the weighting).
        matched: the documents to rank (the full query's matches in this segment).
        heap: the best documents so far (see :func:`push`), across segments.
        wanted: how many documents the heap keeps.
        offset: the segment's first global document number.
    """
    if not matched:
        return
    context = context.set(**{LAZY_PHRASES: True})
    if len(matched) <= EXHAUSTIVE_LIMIT:
        score_documents(query, sub, context, sorted(matched), heap, wanted, offset)
        return
    documents = matched if isinstance(matched, set) else set(matched)
    terms: list[_Term] = []
    other = _terms(query.matcher(sub, context), 1.0, terms)
    terms.sort(key=lambda term: term.bound, reverse=True)
    reader = sub.reader()
    partial: dict[int, float] = {}
    scored: set[int] = set()
    for taken, term in enumerate(terms, 1):
        _add_term_scores(term, reader, documents, partial)
        remaining = other + sum(later.bound for later in terms[taken:])
        if len(heap) < wanted or heap[0][1] <= remaining:
            # Score the best partial sums exactly: a k-th score to beat.
            best = heapq.nlargest(
                wanted, (d for d in partial if d not in scored), key=partial.__getitem__
            )
            score_documents(query, sub, context, sorted(best), heap, wanted, offset)
            scored.update(best)
        if len(heap) < wanted:
            continue
        kth = heap[0][1]
        floor = kth - MARGIN * max(1.0, abs(kth))
        if remaining >= floor:
            continue  # a match holding none of the terms taken could still rank
        candidates = [
            docnum
            for docnum, value in partial.items()
            if value + remaining >= floor and docnum not in scored
        ]
        if taken < len(terms):
            following = terms[taken]
            postings = reader.doc_frequency(following.fieldname, following.text)
            if len(candidates) * COST_PER_DOCUMENT > postings * COST_PER_POSTING:
                continue  # the next term's contributions narrow the candidates more cheaply
        candidates.sort()
        score_documents(query, sub, context, candidates, heap, wanted, offset)
        return
    score_documents(query, sub, context, sorted(documents - scored), heap, wanted, offset)
