"""The curated word lists of the entity tagger (resources/entities/), loaded once."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from reader.errors import InternalError

RESOURCE_DIR = Path(__file__).resolve().parents[2] / "resources" / "entities"


def _lines(name: str) -> list[str]:
    path = RESOURCE_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InternalError(f"entity resource missing: {path}") from exc
    return [line.rstrip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _pairs(name: str) -> list[tuple[str, str]]:
    out = []
    for line in _lines(name):
        head, _, tail = line.partition("\t")
        out.append((head.strip(), tail.strip()))
    return out


@dataclass(frozen=True)
class Lexicon:
    """Word lists used by the recognizers.

    Attributes:
        surnames: single-character surname → tier (1 common … 3 rare or also a word).
        compound_surnames: two-character surname → tier.
        titles: positions printed before or after a name (总书记, 执行董事, 记者).
        titles_after: forms of address printed only after a name (同志, 先生, 老人).
        person_cues: words that follow a person's name in reports (说, 表示, 会见).
        places: place name → True when it is also a common word.
        org_suffixes: organization endings → strength, longest first.
        place_suffixes: place endings → strength, longest first.
        facility_suffixes: endings of buildings and sites (…纪念馆, …宾馆), tagged as places.
        abbreviations: (short ending, long ending) pairs such as (经开区, 经济技术开发区).
        translit: characters used in transliterated foreign names.
        not_names: common words that a segmenter tags as names, per type ("*" for all).
        given_stop: characters that never occur inside a Chinese given name in running text.
    """

    surnames: dict[str, int]
    compound_surnames: dict[str, int]
    titles: frozenset[str]
    titles_after: frozenset[str]
    person_cues: frozenset[str]
    places: dict[str, bool]
    org_suffixes: tuple[tuple[str, int], ...]
    place_suffixes: tuple[tuple[str, int], ...]
    facility_suffixes: tuple[tuple[str, int], ...]
    abbreviations: tuple[tuple[str, str], ...]
    translit: frozenset[str]
    not_names: dict[str, frozenset[str]]
    given_stop: frozenset[str]

    @functools.cached_property
    def title_lengths(self) -> tuple[int, ...]:
        """Lengths of the titles, longest first."""
        return tuple(sorted({len(t) for t in self.titles | self.titles_after}, reverse=True))

    @functools.cached_property
    def cue_lengths(self) -> tuple[int, ...]:
        """Lengths of the person cues, longest first."""
        return tuple(sorted({len(t) for t in self.person_cues}, reverse=True))

    @functools.cached_property
    def place_lengths(self) -> tuple[int, ...]:
        """Lengths of the dictionary place names, longest first."""
        return tuple(sorted({len(t) for t in self.places}, reverse=True))

    def title_ending_at(self, text: str, end: int) -> str | None:
        """The longest title that ends at ``end`` in ``text``, if any."""
        for length in self.title_lengths:
            if length <= end and text[end - length : end] in self.titles:
                return text[end - length : end]
        return None

    def title_starting_at(self, text: str, start: int) -> str | None:
        """The longest title or form of address printed after a name, starting at ``start``."""
        for length in self.title_lengths:
            word = text[start : start + length]
            if word in self.titles_after:
                return word
        return None

    def cue_starting_at(self, text: str, start: int) -> str | None:
        """The longest person cue that starts at ``start`` in ``text``, if any."""
        for length in self.cue_lengths:
            if text[start : start + length] in self.person_cues:
                return text[start : start + length]
        return None

    def is_not_name(self, word: str, kind: str) -> bool:
        """Tell whether a word is listed as a common word that is no name of ``kind``."""
        return word in self.not_names.get(kind, ()) or word in self.not_names.get("*", ())


def _not_names() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for word, kinds in _pairs("not_names.txt"):
        for kind in (kinds or "*").split(","):
            out.setdefault(kind.strip(), set()).add(word)
    return {kind: frozenset(words) for kind, words in out.items()}


@functools.cache
def load_lexicon() -> Lexicon:
    """Load the word lists from resources/entities/ (cached for the process)."""
    surnames: dict[str, int] = {}
    compound: dict[str, int] = {}
    for word, tier in _pairs("surnames.txt"):
        target = surnames if len(word) == 1 else compound
        target.setdefault(word, int(tier or 2))
    places: dict[str, bool] = {}
    for word, mark in _pairs("places.txt"):
        places[word] = mark == "?"

    def suffixes(name: str) -> tuple[tuple[str, int], ...]:
        pairs = [(word, int(strength or 1)) for word, strength in _pairs(name)]
        return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

    translit = frozenset("".join(_lines("translit_chars.txt")))
    return Lexicon(
        surnames=surnames,
        compound_surnames=compound,
        titles=frozenset(_lines("titles.txt")),
        titles_after=frozenset(_lines("titles_after.txt")),
        person_cues=frozenset(_lines("person_cues.txt")),
        places=places,
        org_suffixes=suffixes("org_suffixes.txt"),
        place_suffixes=suffixes("place_suffixes.txt"),
        facility_suffixes=suffixes("facility_suffixes.txt"),
        abbreviations=tuple(_pairs("abbreviations.txt")),
        translit=translit,
        not_names=_not_names(),
        given_stop=frozenset("".join(_lines("given_name_stop_chars.txt"))),
    )
