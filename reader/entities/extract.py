"""Tag people, places and organizations in an article's fields, from the import's tokens.

The extractor never segments text that comes with tokens: the words of the one segmentation
pass done at import (shared with the search index) are enough. For each field it gathers
candidate spans from the person, place and organization recognizers, resolves overlaps
(a longer, surer span wins: 中国政府 over 中国, 青松集团 over 青松), then spreads the names it
accepted to their other occurrences in the article and maps short forms of organizations to
the full name found in the same article. User corrections (:class:`CorrectionRules`) are
applied on every run, so they survive re-tagging.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence

from reader.entities import orgs, persons, places
from reader.entities.aliases import derive_aliases
from reader.entities.lexicon import Lexicon, load_lexicon
from reader.entities.model import EntityType, Mention
from reader.entities.orgs import OrgFinder
from reader.entities.persons import PersonFinder, byline_names
from reader.entities.places import PlaceFinder
from reader.entities.rules import CorrectionRules
from reader.entities.view import FieldView, Span, WordInfo, is_cjk
from reader.errors import InputError
from reader.segment import Segmenter, Token

__all__ = ["CorrectionRules", "EntityExtractor", "EntityType", "Mention"]

FORCED = 100
_FIELD_ORDER = ("title", "subtitle", "body")


def resolve(spans: Iterable[Span]) -> list[Span]:
    """Choose non-overlapping spans of greatest total weight (length × priority).

    A longer span that contains shorter ones of similar confidence wins (中国政府 over 中国),
    while a sure short span beats a doubtful long one that crosses it.

    Args:
        spans: candidate spans of one field, overlapping freely.

    Returns:
        The chosen spans, in text order.
    """
    unique: dict[tuple[int, int, EntityType], Span] = {}
    for span in spans:
        key = (span.start, span.end, span.type)
        if key not in unique or unique[key].priority < span.priority:
            unique[key] = span
    ordered = sorted(unique.values(), key=lambda span: (span.end, span.start))
    # A name that extends a surer name of its own type is as sure (沈阳军区队 ⊃ 沈阳军区).
    by_start = sorted(ordered, key=lambda span: span.start)
    starts = [span.start for span in by_start]
    weights: dict[int, int] = {}
    for span in ordered:
        priority = span.priority
        index = bisect_left(starts, span.start)
        while index < len(by_start) and by_start[index].start < span.end:
            inner = by_start[index]
            if (
                inner.type is span.type
                and priority < inner.priority < FORCED
                and inner.end <= span.end
                and inner.length < span.length
            ):
                priority = inner.priority
            index += 1
        weights[id(span)] = span.length * priority
    ends = [span.end for span in ordered]
    best = [0] * (len(ordered) + 1)
    take = [False] * (len(ordered) + 1)
    for index, span in enumerate(ordered, start=1):
        previous = bisect_right(ends, span.start, 0, index - 1)
        with_it = best[previous] + weights[id(span)]
        if with_it > best[index - 1]:
            best[index] = with_it
            take[index] = True
        else:
            best[index] = best[index - 1]
    chosen: list[Span] = []
    index = len(ordered)
    while index > 0:
        if take[index]:
            span = ordered[index - 1]
            chosen.append(span)
            index = bisect_right(ends, span.start, 0, index - 1)
        else:
            index -= 1
    chosen.reverse()
    return chosen


class EntityExtractor:
    """Finds person, place and organization mentions in the fields of an article."""

    def __init__(self, segmenter: Segmenter, rules: CorrectionRules | None = None) -> None:
        """Create an extractor.

        Args:
            segmenter: the segmenter whose dictionary the recognizers consult (and which
                segments fields that come without tokens).
            rules: user corrections applied on every extraction.
        """
        self.segmenter = segmenter
        self.rules = rules or CorrectionRules()
        self.lexicon: Lexicon = load_lexicon()
        self._info_cache: dict[str, tuple[int, str | None]] = {}
        self.persons = PersonFinder(self.lexicon, self._info)
        self.places = PlaceFinder(self.lexicon, self._info)
        self.orgs = OrgFinder(self.lexicon, self._info)

    def _info(self, word: str) -> tuple[int, str | None]:
        cached = self._info_cache.get(word)
        if cached is None:
            cached = self.segmenter.dictionary_entry(word)
            if len(self._info_cache) > 200_000:
                self._info_cache.clear()
            self._info_cache[word] = cached
        return cached

    @property
    def info(self) -> WordInfo:
        """The dictionary lookup used by the recognizers."""
        return self._info

    def extract(
        self,
        fields: Mapping[str, str],
        tokens: Mapping[str, Sequence[Token]] | None = None,
        authors: Sequence[str] = (),
        credit: str | None = None,
    ) -> list[Mention]:
        r"""Find the entity mentions of an article.

        Args:
            fields: field name ("title", "subtitle", "body") → text; the body is the article's
                blocks joined with "\n".
            tokens: field name → the words of that field from the import's segmentation pass;
                a field without tokens is segmented here.
            authors: names from the byline or a trailing credit such as （张鹏）.
            credit: the credit opener (本报讯, 新华社北京12月31日电, 本报记者 李明 …).

        Returns:
            Mentions ordered by field (title, subtitle, body) and offset.

        Raises:
            InputError: tokens given for a field do not cover its text.
        """
        views = [self._view(name, text, tokens) for name, text in fields.items() if text]
        bylines = byline_names(credit, authors, self.lexicon)
        forced = self.rules.tagged_strings()

        candidates = {view.field: self._candidates(view, bylines, forced) for view in views}
        chosen = {view.field: resolve(candidates[view.field]) for view in views}
        # Spread accepted names to their other occurrences; map short forms of organizations.
        person_names = {s.name for spans in chosen.values() for s in spans
                        if s.type is EntityType.PERSON}
        org_names = {s.name for spans in chosen.values() for s in spans
                     if s.type is EntityType.ORGANIZATION and s.priority < FORCED}
        aliases = derive_aliases(org_names, self.lexicon, self._info, self.orgs.suffix_at)
        place_names = {s.name for spans in chosen.values() for s in spans
                       if s.type is EntityType.PLACE}
        place_stems = places.place_short_forms(place_names, self.lexicon, self._info)
        for view in views:
            extra = self._spread(view, person_names, org_names, aliases, place_stems)
            if extra:
                candidates[view.field].extend(extra)
                chosen[view.field] = resolve(candidates[view.field])
        mentions: list[Mention] = []
        order = {name: index for index, name in enumerate(_FIELD_ORDER)}
        for view in sorted(views, key=lambda v: order.get(v.field, len(order))):
            for span in chosen[view.field]:
                mention = self._mention(view, span, aliases)
                if mention is not None:
                    mentions.append(mention)
        return mentions

    def _view(self, name: str, text: str, tokens: Mapping[str, Sequence[Token]] | None
              ) -> FieldView:
        field_tokens = list(tokens[name]) if tokens and name in tokens else None
        if field_tokens is None:
            field_tokens = self.segmenter.segment(text)
        elif field_tokens and (field_tokens[0].start != 0 or field_tokens[-1].end != len(text)):
            raise InputError(f"the tokens of field {name!r} do not cover its text")
        return FieldView.build(name, text, field_tokens)

    def _candidates(self, view: FieldView, bylines: set[str],
                    forced: Mapping[str, EntityType]) -> list[Span]:
        spans: list[Span] = []
        spans.extend(self.persons.find(view))
        spans.extend(self.places.find(view))
        found_orgs = self.orgs.find(view)
        spans.extend(found_orgs)
        spans.extend(self.orgs.listed(view, found_orgs))
        for name in bylines:
            for start in view.find_all(name):
                if self._occurrence_ok(view, start, start + len(name)):
                    spans.append(Span(start, start + len(name), EntityType.PERSON,
                                      persons.BYLINE, name, "byline"))
        for text, kind in forced.items():
            for start in view.find_all(text):
                spans.append(Span(start, start + len(text), kind, FORCED, text, "forced"))
        return [span for span in spans if not self._vetoed(view, span)]

    def _vetoed(self, view: FieldView, span: Span) -> bool:
        if span.priority >= FORCED:
            return False
        surface = view.text[span.start : span.end]
        return self.rules.is_never(surface, span.type) or self.rules.is_never(
            view.original[span.start : span.end], span.type
        )

    def _occurrence_ok(self, view: FieldView, start: int, end: int) -> bool:
        """Tell whether an occurrence of a known name stands on its own in the text."""
        text = view.text
        lexicon = self.lexicon
        start_ok = (
            view.is_boundary(start)
            or not is_cjk(text[start - 1])
            or lexicon.title_ending_at(text, start) is not None
        )
        end_ok = (
            view.is_boundary(end)
            or not is_cjk(text[end])
            or lexicon.title_starting_at(text, end) is not None
            or lexicon.cue_starting_at(text, end) is not None
        )
        return start_ok and end_ok

    def _spread(self, view: FieldView, person_names: set[str], org_names: set[str],
                aliases: Mapping[str, str], place_stems: Mapping[str, str]) -> list[Span]:
        out: list[Span] = []
        for name in person_names:
            for start in view.find_all(name):
                end = start + len(name)
                if self._occurrence_ok(view, start, end):
                    out.append(Span(start, end, EntityType.PERSON, persons.PROPAGATED, name,
                                    "spread"))
        for name in org_names:
            for start in view.find_all(name):
                end = start + len(name)
                if self._occurrence_ok(view, start, end):
                    out.append(Span(start, end, EntityType.ORGANIZATION, orgs.WEAK, name,
                                    "spread"))
        for short, full in aliases.items():
            for start in view.find_all(short):
                end = start + len(short)
                if view.is_boundary(start) and view.is_boundary(end):
                    out.append(Span(start, end, EntityType.ORGANIZATION, orgs.STRONG, full,
                                    "alias"))
        for stem in place_stems:
            for start in view.find_all(stem):
                end = start + len(stem)
                if view.is_boundary(start) and view.is_boundary(end):
                    out.append(Span(start, end, EntityType.PLACE, places.SUFFIXED, stem,
                                    "spread"))
        return [span for span in out if not self._vetoed(view, span)]

    def _mention(self, view: FieldView, span: Span, aliases: Mapping[str, str]
                 ) -> Mention | None:
        surface = view.original[span.start : span.end]
        name = span.name
        if span.type is EntityType.ORGANIZATION and span.source != "forced":
            name = aliases.get(name, name)
        name = self.rules.canonical(surface, name)
        if self.rules.is_never(name, span.type) and span.priority < FORCED:
            return None
        return Mention(name, surface, span.type, view.field, span.start, span.end)

