"""Search analyzer: folding, jieba words with token positions, and character n-grams.

Every text is turned into three streams of index terms:

* **words** — jieba words (search mode: a long word also yields its dictionary sub-words at
  the same position), positions counted in tokens;
* **bigrams** — every pair of adjacent searchable characters, positioned by character;
* **unigrams** — every searchable character (no positions), for one-character queries.

A *searchable* character is one for which ``str.isalnum()`` holds (Han characters, letters,
digits). Any run of other characters (punctuation, spaces) is a *break*: it adds exactly one
empty position to the word and character streams, so a phrase never matches across a break
unless the query has a break there too, and any break in the query matches any break in the
text. Because the n-grams cover every character, any substring of an article is found
whatever jieba did with it (recall 100%); words only add score.

Folding is one character to one character (full-width → half-width, lower case, Traditional →
Simplified character by character with OpenCC), so offsets into folded text are offsets into
the original text — the snippet builder relies on that.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.segment import fold_width

if TYPE_CHECKING:
    from reader.segment import Segmenter, Token

#: Bump whenever indexing output changes: indexes stamped with another version are stale.
ANALYZER_VERSION = "baokan-search-analyzer/1"

#: Position gap inserted between the parts of a multi-part field (subtitle, body, credit…).
PART_GAP = 50

_MIN_SUBWORD = 2


class _FoldTable(dict):
    """A lazy ``str.translate`` table: full-width → half-width, lower case, T → S per char."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._converter = None

    def _convert(self, char: str) -> str:
        if self._converter is None:
            with self._lock:
                if self._converter is None:
                    import opencc

                    self._converter = opencc.OpenCC("t2s")
        return self._converter.convert(char)

    def __missing__(self, code: int) -> int:
        char = fold_width(chr(code))
        lowered = char.lower()
        if len(lowered) == 1:
            char = lowered
        if code >= 0x2E80:
            simplified = self._convert(char)
            if len(simplified) == 1:
                char = simplified
        result = ord(char)
        self[code] = result
        return result


_FOLD_TABLE = _FoldTable()
for _code in range(0x80):
    _FOLD_TABLE[_code] = ord(chr(_code).lower())


def fold(text: str) -> str:
    """Fold a text for matching: full-width → half-width, lower case, Traditional → Simplified.

    The mapping is one character to one character (always the same for a given character,
    whatever surrounds it), so the result has the length of ``text`` and the same offsets.

    Args:
        text: any text.

    Returns:
        The folded text.
    """
    return text.translate(_FOLD_TABLE)


def is_searchable(char: str) -> bool:
    """Tell whether a (folded) character is indexed: letters, digits and Han characters."""
    return char.isalnum()


def split_runs(text: str) -> list[tuple[int, str]]:
    """Split a folded text into runs of searchable characters.

    Args:
        text: folded text.

    Returns:
        ``(offset, run)`` pairs in order; everything between runs is a break.
    """
    runs: list[tuple[int, str]] = []
    start = -1
    for index, char in enumerate(text):
        if char.isalnum():
            if start < 0:
                start = index
        elif start >= 0:
            runs.append((start, text[start:index]))
            start = -1
    if start >= 0:
        runs.append((start, text[start:]))
    return runs


@dataclass(slots=True)
class AnalyzedText:
    """The index terms of one field: term → positions (words, bigrams), term → count (chars)."""

    words: dict[str, list[int]] = field(default_factory=dict)
    bigrams: dict[str, list[int]] = field(default_factory=dict)
    chars: dict[str, int] = field(default_factory=dict)
    word_count: int = 0
    char_count: int = 0


def _char_streams(folded: str, out: AnalyzedText, base: int) -> int:
    """Add the bigrams and unigrams of a folded text; return the next free char position."""
    bigrams = out.bigrams
    chars = out.chars
    position = base
    previous = ""
    for char in folded:
        if char.isalnum():
            chars[char] = chars.get(char, 0) + 1
            if previous:
                gram = previous + char
                positions = bigrams.get(gram)
                if positions is None:
                    bigrams[gram] = [position - 1]
                else:
                    positions.append(position - 1)
            previous = char
            position += 1
        elif previous:
            previous = ""
            position += 1
    return position


@dataclass(frozen=True, slots=True)
class QueryRun:
    """One run of searchable characters of a query with its word cut and its offsets."""

    text: str
    char_offset: int
    words: tuple[tuple[str, int], ...]


class Analyzer:
    """Turns texts into index terms and query strings into runs; thread-safe after loading.

    Args:
        segmenter: the app's segmenter; used for texts given without pre-computed tokens,
            for the dictionary look-ups of search-mode sub-words, and for queries.
    """

    def __init__(self, segmenter: Segmenter) -> None:
        self._segmenter = segmenter
        self._subword_cache: dict[str, tuple[str, ...]] = {}

    @property
    def segmenter(self) -> Segmenter:
        """The segmenter used for plain texts and queries."""
        return self._segmenter

    # ----------------------------------------------------------------- indexing

    def _subwords(self, word: str) -> tuple[str, ...]:
        """Dictionary 2- and 3-character words inside a longer word (jieba's search mode)."""
        cached = self._subword_cache.get(word)
        if cached is not None:
            return cached
        found: list[str] = []
        in_dictionary = self._segmenter.in_dictionary
        for size in (2, 3):
            if len(word) > size:
                for start in range(len(word) - size + 1):
                    piece = word[start : start + size]
                    if piece not in found and in_dictionary(piece):
                        found.append(piece)
        result = tuple(found)
        if len(self._subword_cache) < 500_000:
            self._subword_cache[word] = result
        return result

    def _word_stream(
        self, text: str, folded: str, tokens: Sequence[Token] | None, out: AnalyzedText, base: int
    ) -> int:
        """Add the words of a text; return the next free word position."""
        if tokens is None:
            spans: Iterable[tuple[int, int]] = _spans_of(self._segmenter.cut(folded))
        else:
            spans = ((token.start, token.end) for token in tokens)
        words = out.words
        position = base
        last_end = 0
        started = False
        for start, end in spans:
            word = folded[start:end]
            if not any(char.isalnum() for char in word):
                continue
            if started and _has_break(folded, last_end, start):
                position += 1
            started = True
            last_end = end
            if not word.isalnum():
                word = "".join(char for char in word if char.isalnum())
            _append(words, word, position)
            if len(word) > _MIN_SUBWORD:
                for sub in self._subwords(word):
                    _append(words, sub, position)
            position += 1
        return position

    def analyze(self, parts: Sequence[tuple[str, Sequence[Token] | None]]) -> AnalyzedText:
        """Analyze the parts of one field (e.g. subtitle, body, credit) into index terms.

        Args:
            parts: ``(text, tokens)`` pairs; ``tokens`` are the pre-computed tokens of that
                text from ``Segmenter.segment`` (offsets into the text), or ``None`` to cut
                the text here.

        Returns:
            The words, bigrams and unigrams of the field; parts are ``PART_GAP`` positions
            apart so that no phrase spans two parts.
        """
        out = AnalyzedText()
        word_position = 0
        char_position = 0
        for text, tokens in parts:
            if not text:
                continue
            folded = fold(text)
            if tokens is not None and tokens and tokens[-1].end > len(text):
                tokens = None  # tokens of another text: ignore them rather than mis-index
            word_position = self._word_stream(text, folded, tokens, out, word_position)
            char_position = _char_streams(folded, out, char_position)
            word_position += PART_GAP
            char_position += PART_GAP
        out.word_count = word_position
        out.char_count = char_position
        return out

    # ------------------------------------------------------------------ queries

    def query_runs(self, text: str) -> list[QueryRun]:
        """Fold a query string and split it into runs, each cut into words.

        Offsets (characters and words) count a break between runs as one position, the way
        the index does, so the runs of a quoted phrase can be matched as one phrase.

        Args:
            text: raw query text (one term or one quoted phrase).

        Returns:
            The runs; empty when the text has no searchable character.
        """
        folded = fold(text)
        result: list[QueryRun] = []
        char_offset = 0
        word_offset = 0
        for _, run in split_runs(folded):
            words: list[tuple[str, int]] = []
            for word in self._segmenter.cut(run):
                if word.isalnum():
                    words.append((word, word_offset))
                    word_offset += 1
            result.append(QueryRun(run, char_offset, tuple(words)))
            char_offset += len(run) + 1
            word_offset += 1
        return result


def _spans_of(words: Iterable[str]) -> Iterable[tuple[int, int]]:
    position = 0
    for word in words:
        end = position + len(word)
        yield position, end
        position = end


def _has_break(folded: str, start: int, end: int) -> bool:
    return start < end or (start > 0 and not folded[start - 1].isalnum())


def _append(table: dict[str, list[int]], term: str, position: int) -> None:
    positions = table.get(term)
    if positions is None:
        table[term] = [position]
    elif positions[-1] != position:
        positions.append(position)


def bigram_cover(length: int) -> list[int]:
    """Offsets of the bigrams that pin down a run of ``length`` (≥ 2) characters.

    Non-overlapping bigrams at 0, 2, 4, … plus one ending at the last character are enough:
    positions jump over breaks, so bigrams at offsets ``p`` and ``p + 2`` prove the four
    characters are adjacent in one run.

    Args:
        length: the run's length in characters.

    Returns:
        Sorted offsets of the bigrams to query.
    """
    offsets = list(range(0, length - 1, 2))
    if offsets[-1] != length - 2:
        offsets.append(length - 2)
    return offsets
