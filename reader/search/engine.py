"""Whoosh building blocks of the search index: a pre-analyzed field type and an offset phrase.

This module is imported when Whoosh unpickles the index's table of contents, so it imports
nothing but Whoosh (no jieba, no OpenCC).
"""

from __future__ import annotations

import contextlib
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate
from pickle import loads
from typing import Any, NamedTuple

from whoosh import formats, matching
from whoosh.codec.whoosh3 import (
    LENGTHS_COLUMN,
    W3LeafMatcher,
    W3PerDocReader,
    W3TermInfo,
    W3TermsReader,
)
from whoosh.fields import FieldType
from whoosh.query import AndMaybe, qcore
from whoosh.query.terms import Term
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE, pack_uint
from whoosh.util.numeric import byte_to_length


def _and_maybe_skip_to(self: Any, id: int) -> bool:
    """``AndMaybeMatcher.skip_to`` that keeps the optional side on the required side's doc.

    Whoosh 2.7 moves the optional matcher to the *target* id, so when the required matcher
    lands past the target, the optional side lags and its score is lost for that document
    (wrong scores in any AND of AND-MAYBE queries). This moves it to ``a.id()``.
    """
    if not self.a.is_active():
        raise matching.ReadTooFar
    moved_a = self.a.skip_to(id)
    moved_b = False
    if self.a.is_active() and self.b.is_active():
        moved_b = self.b.skip_to(self.a.id())
    return bool(moved_a or moved_b)


matching.AndMaybeMatcher.skip_to = _and_maybe_skip_to
_POSITIONS = formats.Positions()


def _leaf_skip_to(self: Any, targetid: int) -> None:
    """``W3LeafMatcher.skip_to`` with a binary search inside the block.

    Whoosh steps through a block's ids one ``next()`` at a time (up to 128 Python calls per
    skip); intersections and phrases skip constantly, so this is most of their time.
    """
    if not self.is_active():
        raise matching.ReadTooFar
    if self._ids is None:
        self._read_ids()
    if targetid <= self._ids[self._i]:
        return
    if targetid > self._maxid:
        self._skip_to_block(lambda: targetid > self._maxid)
        if not self.is_active():
            return
        if self._ids is None:
            self._read_ids()
    self._i = bisect_left(self._ids, targetid, self._i, self._blocklength)
    if self._i >= self._blocklength:  # pragma: no cover - targetid <= the block's max id
        self._next_block()


W3LeafMatcher.skip_to = _leaf_skip_to


#: Decoded posting blocks kept (a block: 128 postings' ids, weights and positions, unpickled).
#: A query reads the same blocks several times (its matches, then the scores of the best
#: ones, its phrases' positions); segment files never change, so blocks are shared by all
#: searches. Oldest first out when full.
BLOCK_CACHE_SIZE = 3000
_BLOCKS: dict[tuple[str, int], Any] = {}
#: A block decoded without its positions (third item of the data tuple).
_NO_VALUES = object()
#: Where a block's tuple of positions starts in its pickle (protocol 2 pickles each bytes
#: value through ``_codecs.encode``, and that global is written once, at the first value).
_VALUES_START = b"(c_codecs\nencode\n"
_LIGHT_END = b")\x87."  # empty tuple, three-item tuple, stop


#: Block headers kept (where a block ends, its last id, length and weight bounds): moving
#: through a long posting list reads one header per block skipped.
HEADER_CACHE_SIZE = 100_000
_HEADERS: dict[tuple[str, int], tuple[Any, ...]] = {}


def _postings_path(self: Any) -> str | None:
    """The path of a matcher's postings file (None: not a plain file; nothing is cached)."""
    try:
        return self.__dict__["_baokan_path"]
    except KeyError:
        path = getattr(getattr(self._postfile, "file", None), "name", None)
        path = path if isinstance(path, str) else None
        self.__dict__["_baokan_path"] = path
        return path


def _block_key(self: Any) -> tuple[str, int] | None:
    path = _postings_path(self)
    return (path, self._dataoffset) if path is not None else None


def _leaf_goto(self: Any, position: int) -> None:
    """``W3LeafMatcher._goto`` (move to the block at ``position``) through a header cache."""
    path = _postings_path(self)
    key = (path, position) if path is not None else None
    header = _HEADERS.get(key) if key is not None else None
    if header is None:
        postfile = self._postfile
        postfile.seek(position)
        length = postfile.read_int()
        last = length < 0
        if last:
            length = -length
        count, maxid, maxweight, compression, low, high = postfile.read_pickle()
        header = (
            last,
            position + _INT_SIZE + length,
            postfile.tell(),
            count,
            maxid,
            maxweight,
            compression,
            byte_to_length(low),
            byte_to_length(high),
        )
        if key is not None:
            if len(_HEADERS) >= HEADER_CACHE_SIZE:
                with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                    del _HEADERS[next(iter(_HEADERS))]
            _HEADERS[key] = header
    self._data = None
    self._ids = None
    self._weights = None
    self._values = None
    self._i = 0
    (
        last,
        self._nextoffset,
        self._dataoffset,
        self._blocklength,
        self._maxid,
        self._maxweight,
        self._compression,
        self._minlength,
        self._maxlength,
    ) = header
    if last:
        self._lastblock = True


W3LeafMatcher._goto = _leaf_goto


def _decode_block(self: Any, light: bool) -> tuple[Any, ...]:
    """Unpickle a block; ``light``: without the positions when the layout allows (16× faster).

    Decoding the positions is most of a block's cost (one ``_codecs.encode`` call per
    posting), and only phrase checks need them: a light block has ``_NO_VALUES`` instead.
    """
    raw = self._postfile.get(self._dataoffset, self._nextoffset - self._dataoffset)
    if self._compression:
        raw = zlib.decompress(raw)
    if light:
        cut = raw.find(_VALUES_START)
        if cut > 0:
            try:
                ids, weights, _empty = loads(raw[:cut] + _LIGHT_END)
            except Exception:  # not that layout: decode it whole
                pass
            else:
                if isinstance(ids, tuple | list) and len(ids) == self._blocklength:
                    return (ids, weights, _NO_VALUES)
    return loads(raw)


def _leaf_read_data(self: Any) -> None:
    """``W3LeafMatcher._read_data`` through a cache of decoded blocks (see ``_BLOCKS``)."""
    key = _block_key(self)
    data = _BLOCKS.get(key) if key is not None else None
    if data is None:
        data = _decode_block(self, light=True)
        _keep_block(key, data)
    self._data = data


def _keep_block(key: tuple[str, int] | None, data: tuple[Any, ...]) -> None:
    if key is None:
        return
    if len(_BLOCKS) >= BLOCK_CACHE_SIZE:
        with contextlib.suppress(KeyError, RuntimeError, StopIteration):
            del _BLOCKS[next(iter(_BLOCKS))]
    _BLOCKS[key] = data


_whoosh_read_values = W3LeafMatcher._read_values


def _leaf_read_values(self: Any) -> None:
    """``W3LeafMatcher._read_values``, decoding the positions of a light block first."""
    if self._data is None:
        self._read_data()
    if self._data[2] is _NO_VALUES:
        self._data = _decode_block(self, light=False)
        _keep_block(_block_key(self), self._data)
    _whoosh_read_values(self)


def clear_block_cache() -> None:
    """Forget every decoded block and header (e.g. before timing a query on a cold cache)."""
    _BLOCKS.clear()
    _HEADERS.clear()


W3LeafMatcher._read_data = _leaf_read_data
W3LeafMatcher._read_values = _leaf_read_values


def _leaf_read_ids(self: Any) -> None:
    """``W3LeafMatcher._read_ids`` decoding the block's id deltas with ``accumulate`` (in C)."""
    if self._data is None:
        self._read_data()
    ids = self._data[0]
    self._ids = ids if self._byteids else tuple(accumulate(ids))


W3LeafMatcher._read_ids = _leaf_read_ids


def _doc_field_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> int | None:
    """``W3PerDocReader.doc_field_length`` from a copy of the length column in memory.

    BM25 asks for the field length of every document it scores; Whoosh reads one byte
    from the file each time (a seek and a read). This reads the column once per segment
    and field (one byte per document) and answers exactly as Whoosh does.
    """
    cache = self.__dict__.get("_baokan_lengths")
    if cache is None:
        cache = self._baokan_lengths = {}
    data = cache.get(fieldname)
    if data is None:
        reader = self._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if reader is None:
            data = b""
        elif getattr(reader, "_fixedlen", None) == 1 and hasattr(reader, "_count"):
            data = reader._dbfile.get(reader._basepos, reader._count)  # one byte per doc
            data += bytes([reader._default]) * (self._doccount - len(data))
        else:  # pragma: no cover - another column layout: read it value by value
            data = bytes(reader[i] for i in range(self._doccount))
        cache[fieldname] = data
    if not data:
        return default
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    byte = data[docnum]
    return byte_to_length(byte) if byte else None


W3PerDocReader.doc_field_length = _doc_field_length

#: Term infos kept per segment reader (a query asks for each term's info three to four
#: times: membership, document frequency, term info, postings; each is a hash look-up
#: with several reads in the term file).
_TERM_INFO_CACHE = 50_000


def _cached_term_info(self: Any, fieldname: str, tbytes: bytes) -> W3TermInfo | None:
    cache = self.__dict__.get("_baokan_infos")
    if cache is None:
        cache = self._baokan_infos = {}
    key = (fieldname, tbytes)
    try:
        return cache[key]
    except KeyError:
        pass
    try:
        info = W3TermInfo.from_bytes(self._tindex[self._keycoder(fieldname, tbytes)])
    except KeyError:
        info = None
    if len(cache) >= _TERM_INFO_CACHE:
        cache.clear()
    cache[key] = info
    return info


def _terms_contains(self: Any, term: tuple[str, bytes]) -> bool:
    return _cached_term_info(self, *term) is not None


def _terms_term_info(self: Any, fieldname: str, tbytes: bytes) -> W3TermInfo:
    info = _cached_term_info(self, fieldname, tbytes)
    if info is None:
        raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
    return info


def _terms_doc_frequency(self: Any, fieldname: str, tbytes: bytes) -> int:
    info = _cached_term_info(self, fieldname, tbytes)
    if info is None:
        raise KeyError(tbytes)
    return info.doc_frequency()


def _terms_frequency(self: Any, fieldname: str, tbytes: bytes) -> float:
    info = _cached_term_info(self, fieldname, tbytes)
    if info is None:
        raise KeyError(tbytes)
    return info.weight()


# One decoded term info per (segment, term), however often a query asks (see above).
W3TermsReader.__contains__ = _terms_contains
W3TermsReader.term_info = _terms_term_info
W3TermsReader.doc_frequency = _terms_doc_frequency
W3TermsReader.frequency = _terms_frequency


def decode_positions(value: bytes) -> list[int]:
    """Positions of a posting of the ``Positions`` format (``formats.Positions``'s layout)."""
    body = value[_INT_SIZE:]
    if not body.endswith(b"."):
        body += b"."
    return list(accumulate(loads(body)))


class PreparedPostings(NamedTuple):
    """A field's terms already encoded for the index (computed where the text was analyzed).

    Plain lists, cheap to send from a worker process: ``terms`` are the UTF-8 terms,
    ``counts`` their frequencies, ``values`` the encoded positions
    (``formats.Positions.encode``), or ``None`` for a field without positions.
    """

    terms: list[bytes]
    counts: array
    values: list[bytes] | None

    def items(self) -> Iterator[tuple[bytes, int, bytes | None]]:
        """``(term bytes, count, encoded positions or None)`` for each term."""
        if self.values is None:
            for term, count in zip(self.terms, self.counts, strict=True):
                yield term, count, None
        else:
            yield from zip(self.terms, self.counts, self.values, strict=True)


def prepare_postings(table: dict[str, Any], positions: bool) -> PreparedPostings:
    """Encode ``{term: positions}`` (or ``{term: count}``) the way :class:`PreAnalyzedField` does.

    Args:
        table: the terms of one field of one document.
        positions: the field keeps positions.

    Returns:
        The same terms, ready for ``PreAnalyzedField.index``.
    """
    terms = [term.encode("utf-8") for term in table]
    if not positions:
        return PreparedPostings(terms, array("I", table.values()), None)
    encode = _POSITIONS.encode
    lists = table.values()
    return PreparedPostings(terms, array("I", [len(p) for p in lists]), [encode(p) for p in lists])


class PreAnalyzedField(FieldType):
    """A field whose values arrive already analyzed: ``{term: positions}`` or ``{term: count}``.

    The index never runs an analyzer: the search module computes terms once per article
    (from the tokens jieba produced at import) and hands them over as a dict.
    """

    def __init__(self, positions: bool, field_boost: float = 1.0, scorable: bool = True) -> None:
        """Create the field type.

        Args:
            positions: store positions (phrase queries) rather than only frequencies.
            field_boost: weight multiplier of every posting of the field.
            scorable: store field lengths for BM25F length normalisation.
        """
        if positions:
            self.format = formats.Positions(field_boost=field_boost)
        else:
            self.format = formats.Frequency(field_boost=field_boost)
        self.analyzer = None
        self.scorable = scorable
        self.stored = False
        self.unique = False
        self.vector = None
        self.column_type = None
        self._positions = positions

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        """Yield ``(term bytes, frequency, weight, encoded value)`` for each term of a value."""
        boost = self.format.field_boost
        if isinstance(value, PreparedPostings):
            for term, count, encoded in value.items():
                yield term, count, count * boost, pack_uint(count) if encoded is None else encoded
            return
        if self._positions:
            encode = self.format.encode
            for term, positions in value.items():
                count = len(positions)
                yield term.encode("utf-8"), count, count * boost, encode(positions)
        else:
            for term, count in value.items():
                yield term.encode("utf-8"), count, count * boost, pack_uint(count)

    def tokenize(self, value: Any, **kwargs: Any) -> Iterator[Any]:
        """Not supported: values are analyzed before they reach the index."""
        raise TypeError("PreAnalyzedField values are analyzed by reader.search.analyzer")

    def process_text(self, qstring: str, mode: str = "", **kwargs: Any) -> Iterator[str]:
        """Return the query text unchanged (the search module folds it beforehand)."""
        yield qstring

    def self_parsing(self) -> bool:
        """Tell Whoosh this field is never parsed by its query parser."""
        return False

    def has_morph(self) -> bool:
        """No stemming or other morphology."""
        return False


class BoostMatcher(matching.WrappingMatcher):
    """Whoosh's boosting wrapper with a correct ``replace``.

    ``WrappingMatcher.replace`` passes the minimum quality to its child without dividing by
    the boost, so block-max pruning drops boosted (title) terms that could still enter the
    top results. This class divides.
    """

    def replace(self, minquality: float = 0) -> matching.Matcher:
        """Replace the child with a pruned version able to reach ``minquality``."""
        if not self.is_active():
            return matching.NullMatcher()
        scaled = minquality / self.boost if self.boost else minquality
        child = self.child.replace(scaled)
        if not child.is_active():
            return matching.NullMatcher()
        return self if child is self.child else BoostMatcher(child, self.boost)


class BoostedTerm(Term):
    """A term query whose boost goes through :class:`BoostMatcher`."""

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        """The term's postings, boosted."""
        plain = Term(self.fieldname, self.text).matcher(searcher, context)
        if self.boost == 1.0 or not plain.is_active():
            return plain
        return BoostMatcher(plain, self.boost)


class OffsetPhrase(qcore.Query):
    """Documents where each term occurs at ``base + offset`` for one common ``base``.

    Unlike Whoosh's ``Phrase`` the offsets need not be consecutive, so a run of characters is
    pinned down with non-overlapping bigrams, and runs separated by a break are one phrase.
    The score is the sum of the terms' scores.
    """

    def __init__(self, fieldname: str, items: list[tuple[str, int]], boost: float = 1.0) -> None:
        """Create the query.

        Args:
            fieldname: a field with positions.
            items: ``(term, offset)`` pairs; offsets relative to the first term's position.
            boost: score multiplier.
        """
        self.fieldname = fieldname
        self.items = list(items)
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, OffsetPhrase)
            and self.fieldname == other.fieldname
            and self.items == other.items
            and self.boost == other.boost
        )

    def __hash__(self) -> int:
        return hash((self.fieldname, tuple(self.items), self.boost))

    def __repr__(self) -> str:
        return f"OffsetPhrase({self.fieldname!r}, {self.items!r}, boost={self.boost})"

    def __unicode__(self) -> str:
        return "{}:<{}>".format(self.fieldname, " ".join(f"{t}@{o}" for t, o in self.items))

    __str__ = __unicode__

    def has_terms(self) -> bool:
        """This query matches terms."""
        return True

    def terms(self, phrases: bool = True) -> Iterator[tuple[str, str]]:
        """Yield the ``(field, term)`` pairs of the phrase."""
        for term, _ in self.items:
            yield self.fieldname, term

    def tokens(self, boost: float = 1.0, exreader: Any = None) -> Iterator[Any]:
        """No token objects (not used by this application)."""
        return iter(())

    def normalize(self) -> qcore.Query:
        """Return the query itself (already minimal)."""
        return self

    def estimate_size(self, ixreader: Any) -> int:
        """Estimate the number of matches as the rarest term's document frequency."""
        sizes = [ixreader.doc_frequency(self.fieldname, term) for term, _ in self.items]
        return min(sizes) if sizes else 0

    def estimate_min_size(self, ixreader: Any) -> int:
        """A lower bound is zero (positions may never line up)."""
        return 0

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        """Build the matcher: a leap-frog intersection of the terms with a position check."""
        grouped: dict[str, list[int]] = {}
        for term, offset in self.items:
            grouped.setdefault(term, []).append(offset)
        reader = searcher.reader()
        parts = []
        for term, offsets in grouped.items():
            if (self.fieldname, term) not in reader:
                return matching.NullMatcher()
            sub = Term(self.fieldname, term).matcher(searcher, context)
            if not sub.is_active():
                return matching.NullMatcher()
            parts.append((reader.doc_frequency(self.fieldname, term), sub, offsets))
        if len(parts) == 1 and len(parts[0][2]) == 1:
            sub = parts[0][1]
            return BoostMatcher(sub, self.boost) if self.boost != 1.0 else sub
        parts.sort(key=lambda part: part[0])
        return OffsetPhraseMatcher(
            [part[1] for part in parts],
            [part[2] for part in parts],
            self.boost,
            lazy=bool(getattr(context, LAZY_PHRASES, False)),
        )


#: A search context attribute: phrases look for their first match only when asked (a phrase
#: that is only scored on other parts' documents never searches forward on its own).
LAZY_PHRASES = "baokan_lazy_phrases"


class OffsetPhraseMatcher(matching.Matcher):
    """Leap-frog intersection of term matchers, keeping documents where positions line up.

    A *lazy* matcher does not look for its first match when it is built: it does so when
    asked where it is (``is_active``, ``id``, moving), while :meth:`match_score` and
    :meth:`score_at` check one document without it.
    """

    def __init__(
        self,
        matchers: list[matching.Matcher],
        offsets: list[list[int]],
        boost: float = 1.0,
        lazy: bool = False,
    ) -> None:
        """Create the matcher (matchers sorted rarest first, each with its offsets)."""
        self._matchers = matchers
        self._offsets = offsets
        self._boost = boost
        self._active = True
        start = self._matchers[0].id() if matchers[0].is_active() else None
        self._pending: int | None = None
        if lazy and start is not None:
            self._pending = start
        else:
            self._find(start)

    def _resolve(self) -> None:
        """Find the first match a lazy matcher put off finding."""
        if self._pending is not None:
            target, self._pending = self._pending, None
            self._find(target)

    def _align(self, target: int) -> int | None:
        """Move all matchers to the first common document ≥ target; None when exhausted."""
        matchers = self._matchers
        while True:
            for matcher in matchers:
                if not matcher.is_active():
                    return None
                if matcher.id() < target:
                    matcher.skip_to(target)
                    if not matcher.is_active():
                        return None
                current = matcher.id()
                if current > target:
                    target = current
                    break
            else:
                return target

    def _lines_up(self) -> bool:
        bases: set[int] | None = None
        for matcher, term_offsets in zip(self._matchers, self._offsets, strict=True):
            positions = decode_positions(matcher.value())
            for offset in term_offsets:
                shifted = {p - offset for p in positions}
                bases = shifted if bases is None else bases & shifted
                if not bases:
                    return False
        return True

    def _find(self, target: int | None) -> None:
        while target is not None:
            target = self._align(target)
            if target is None:
                break
            if self._lines_up():
                self._id = target
                return
            target += 1
        self._active = False

    def is_active(self) -> bool:
        """Whether the matcher is on a matching document."""
        if self._pending is not None:
            self._resolve()
        return self._active

    def id(self) -> int:
        """The current document number."""
        if self._pending is not None:
            self._resolve()
        return self._id

    def next(self) -> None:
        """Move to the next matching document."""
        if self._pending is not None:
            self._resolve()
        self._find(self._id + 1)

    def skip_to(self, id: int) -> None:
        """Move to the first matching document at or after ``id``."""
        if self._pending is not None:
            self._resolve()
        if self._active and id > self._id:
            self._find(id)

    def score(self) -> float:
        """The sum of the terms' scores for the current document."""
        if self._pending is not None:
            self._resolve()
        return self._boost * sum(matcher.score() for matcher in self._matchers)

    def weight(self) -> float:
        """The sum of the terms' weights for the current document."""
        return sum(matcher.weight() for matcher in self._matchers)

    def supports_block_quality(self) -> bool:
        """No block skipping: positions decide, and blocks of the terms do not line up."""
        return False

    def max_quality(self) -> float:
        """An upper bound of the score: the sum of the terms' bounds."""
        return self._boost * sum(matcher.max_quality() for matcher in self._matchers)

    def replace(self, minquality: float = 0) -> matching.Matcher:
        """This matcher, or a null matcher once exhausted."""
        return self if self._active else matching.NullMatcher()

    def supports(self, astype: str) -> bool:
        """No per-posting values."""
        return False

    def copy(self) -> OffsetPhraseMatcher:
        """A copy positioned on the same document."""
        copied = OffsetPhraseMatcher.__new__(OffsetPhraseMatcher)
        copied._matchers = [matcher.copy() for matcher in self._matchers]
        copied._offsets = self._offsets
        copied._boost = self._boost
        copied._active = self._active
        copied._pending = self._pending
        if self._active and self._pending is None:
            copied._id = self._id
        return copied

    def matches_at(self, docnum: int) -> bool:
        """Whether ``docnum`` matches; never moves past ``docnum`` (increasing calls)."""
        if not self._active:
            return False
        if self._pending is None and self._id >= docnum:
            return self._id == docnum
        for matcher in self._matchers:
            if not matcher.is_active():
                return False
            if matcher.id() < docnum:
                matcher.skip_to(docnum)
                if not matcher.is_active():
                    return False
            if matcher.id() != docnum:
                return False
        if not self._lines_up():
            return False
        self._pending = None
        self._id = docnum
        return True

    def match_score(self, docnum: int) -> float | None:
        """The score of ``docnum``, or None when it does not match (see :meth:`matches_at`)."""
        if not self.matches_at(docnum):
            return None
        return self._boost * sum(matcher.score() for matcher in self._matchers)

    def score_at(self, docnum: int) -> float:
        """The score of ``docnum`` if it matches, else 0; never moves past ``docnum``."""
        score = self.match_score(docnum)
        return 0.0 if score is None else score

    def all_ids(self) -> Iterator[int]:
        """Yield the remaining matching document numbers."""
        if self._pending is not None:
            self._resolve()
        while self._active:
            yield self._id
            self.next()

    def children(self) -> list[matching.Matcher]:
        """The term matchers."""
        return list(self._matchers)

    def term_matchers(self) -> Iterator[matching.Matcher]:
        """The leaf term matchers."""
        for matcher in self._matchers:
            yield from matcher.term_matchers()


def match_score(matcher: matching.Matcher, docnum: int) -> float | None:
    """The score ``matcher`` gives document ``docnum``, or None when it does not match it.

    Moves the matcher forward to ``docnum`` at most, never past a match it would need later,
    so it can be called with increasing document numbers. Compound matchers ask their parts
    about that document only (a phrase checks positions there instead of searching for its
    next match) and add the parts' scores in the order the matchers' own ``score`` does, so
    the result is the very number iterating the matcher gives.
    """
    kind = type(matcher)
    if kind is OffsetPhraseMatcher:
        return matcher.match_score(docnum)
    if kind is matching.UnionMatcher:
        a = match_score(matcher.a, docnum)
        b = match_score(matcher.b, docnum)
        if a is None:
            return b
        return a if b is None else a + b
    if kind is matching.IntersectionMatcher:
        a = match_score(matcher.a, docnum)
        if a is None:
            return None
        b = match_score(matcher.b, docnum)
        return None if b is None else a + b
    if kind is LazyAndMaybeMatcher or kind is matching.AndMaybeMatcher:
        a = match_score(matcher.a, docnum)
        if a is None:
            return None
        b = match_score(matcher.b, docnum)
        return a if b is None else a + b
    if kind is matching.AndNotMatcher:
        a = match_score(matcher.a, docnum)
        if a is None or match_score(matcher.b, docnum) is not None:
            return None
        return a
    if kind is matching.WrappingMatcher or kind is BoostMatcher:
        child = match_score(matcher.child, docnum)
        return None if child is None else child * matcher.boost
    if kind is matching.FilterMatcher:
        if (docnum in matcher._ids) == bool(matcher._exclude):
            return None
        child = match_score(matcher.child, docnum)
        return None if child is None else child * matcher.boost
    if not matcher.is_active():
        return None
    if matcher.id() < docnum:
        matcher.skip_to(docnum)
        if not matcher.is_active():
            return None
    return matcher.score() if matcher.id() == docnum else None


def score_at(matcher: matching.Matcher, docnum: int) -> float:
    """The score ``matcher`` gives document ``docnum`` (0 if it does not match it).

    See :func:`match_score` (increasing document numbers, never moves past a match).
    """
    score = match_score(matcher, docnum)
    return 0.0 if score is None else score


class LazyAndMaybeMatcher(matching.AndMaybeMatcher):
    """AND-MAYBE whose optional side is only asked about the required side's documents.

    Whoosh's version moves the optional matcher with ``skip_to``, so an optional phrase
    searches forward for its next match after every required document; here the optional
    side is scored with :func:`score_at` on the required side's current document only.
    """

    def _first_b(self) -> None:
        return None

    def next(self) -> bool:
        """Move the required side."""
        return self.a.next()

    def skip_to(self, id: int) -> bool:
        """Move the required side."""
        return self.a.skip_to(id)

    def score(self) -> float:
        """The required side's score plus the optional side's score on this document."""
        return self.a.score() + score_at(self.b, self.a.id())

    def supports_block_quality(self) -> bool:
        """No block skipping (the optional side's blocks are not followed)."""
        return False

    def replace(self, minquality: float = 0) -> matching.Matcher:
        """Drop or require the optional side when the k-th score allows it (exact)."""
        a = self.a
        b = self.b
        if not a.is_active():
            return matching.NullMatcher()
        if not b.is_active():
            return a.replace(minquality)
        if minquality:
            if a.max_quality() + b.max_quality() < minquality:
                return matching.NullMatcher()
            if a.max_quality() < minquality:
                if b.id() < a.id():
                    b.skip_to(a.id())
                    if not b.is_active():
                        return matching.NullMatcher()
                return matching.IntersectionMatcher(a, b)
        return self

    def weight(self) -> float:
        """The required side's weight."""
        return self.a.weight()


class LazyAndMaybe(AndMaybe):
    """``AndMaybe`` with :class:`LazyAndMaybeMatcher`; phrases of the optional side are lazy."""

    matcherclass = LazyAndMaybeMatcher

    def matcher(self, searcher: Any, context: Any = None) -> matching.Matcher:
        """The required side's matcher and the optional side's, whose phrases never search."""
        base = context if context is not None else searcher.context(needs_current=True)
        lazy = base.set(**{LAZY_PHRASES: True})
        return self.matcherclass(self.a.matcher(searcher, context), self.b.matcher(searcher, lazy))
