"""Place names: a curated dictionary, the segmenter's place tags, and place-name endings."""

from __future__ import annotations

from reader.entities.lexicon import Lexicon
from reader.entities.model import EntityType
from reader.entities.view import PERSON_FLAGS, FieldView, Span, WordInfo, all_cjk, is_cjk

# Priorities of place spans (see extract.resolve: weight = length × priority).
DICTIONARY = 60  # in the curated place list
SUFFIXED = 52  # an administrative or feature ending after a proper stem (沁水县, 长江路)
TAGGED = 45  # tagged ns by the segmenter, with a place cue or a feature ending

_PROPER_FLAGS = frozenset({"ns", "nz", "j", "nt"}) | PERSON_FLAGS
# Words before a place name (在北京, 赴美, 抵达开罗) and after it (北京时间 is no cue).
_CUES_BEFORE = ("在", "赴", "到", "抵达", "抵", "前往", "来自", "位于", "途经", "飞抵", "离开",
                "返回", "访问", "从", "经", "于", "至", "往")
_CUES_AFTER = ("举行", "召开", "境内", "地区", "当地", "一带", "等地", "市", "省", "县", "人",
               "时间", "首都", "各地", "之行", "出发")
# Single-character short forms of countries and provinces: words made only of these
# (中美, 欧美, 京津) name relations or groups, not one place.
_SHORT_FORMS = frozenset("中美英法德日俄苏韩朝越印巴以伊埃欧亚非澳加意西葡荷比瑞挪丹芬波捷匈"
                         "罗保希土京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀贵黔云滇藏"
                         "陕秦甘陇青宁新港澳台")
_COMMON_PLACE_WORD = 500
_RARE_WORD = 100
_COMMON_STEM_WORD = 1000
# Last characters of the names of rivers, lakes, mountains and towns.
_FEATURE_FINALS = frozenset("江河湖海山岭峰岛湾川城关陵州")
# Tags of idioms and phrases: 发人深省 and 异国他乡 end like places but are not.
_PHRASE_TAGS = frozenset({"i", "l", "v", "a", "d", "vn", "ad"})
# First characters of qualified common nouns (大城市, 各省, 该县, 新区): no place name.
_GENERIC_HEADS = frozenset("大小各该本此这那每全新老外邻")
_STEM_WORD = 500
# Administrative endings whose stem is used alone as the same place (张北县 → 张北).
ADMIN_ENDINGS = ("自治县", "自治州", "县", "市", "镇", "乡")
# 两国, 各国, 第三国, 大国: counted or qualified countries, not a country.
_COUNTING = frozenset("一二三四五六七八九十两几多各诸邻大小本我他外全第列")


class PlaceFinder:
    """Finds place names in one field."""

    def __init__(self, lexicon: Lexicon, info: WordInfo) -> None:
        """Create a finder using the curated lists and the segmenter's dictionary."""
        self.lexicon = lexicon
        self.info = info
        self._first: dict[str, tuple[int, ...]] = {}
        lengths: dict[str, set[int]] = {}
        for name in lexicon.places:
            lengths.setdefault(name[0], set()).add(len(name))
        self._first = {char: tuple(sorted(ls, reverse=True)) for char, ls in lengths.items()}
        self._suffixes = dict(lexicon.place_suffixes)
        self._suffix_lengths = sorted({len(s) for s in self._suffixes}, reverse=True)
        self._suffix_finals = frozenset(s[-1] for s in self._suffixes)

    def has_cue(self, view: FieldView, start: int, end: int) -> bool:
        """Tell whether words around ``[start, end)`` show a place (在…, …境内)."""
        text = view.text
        before = any(text.endswith(cue, 0, start) for cue in _CUES_BEFORE)
        after = any(text.startswith(cue, end) for cue in _CUES_AFTER)
        return before or after

    def proper_stem(self, stem: str) -> bool:
        """Tell whether a stem before a place ending names something (not a common word)."""
        if not all_cjk(stem) or self.lexicon.is_not_name(stem, "place"):
            return False
        if stem[0] in _GENERIC_HEADS:
            return False
        if stem in self.lexicon.places:
            return True
        frequency, tag = self.info(stem)
        if frequency == 0:
            return len(stem) >= 2
        return tag in _PROPER_FLAGS and frequency < _COMMON_PLACE_WORD * 4

    def find(self, view: FieldView) -> list[Span]:
        """Accepted place spans of one field (overlaps are resolved later)."""
        text = view.text
        lexicon = self.lexicon
        out: list[Span] = []
        for index, token in enumerate(view.tokens):
            start = token.start
            word = text[start : token.end]
            # Dictionary names on word boundaries, or heading a word whose rest is a common
            # noun (中国人民, 北京时间).
            for length in self._first.get(word[0], ()):
                end = start + length
                name = text[start:end]
                if end > len(text) or name not in lexicon.places:
                    continue
                if not view.is_boundary(end) and not self._heads(word, name, token.flag):
                    rest = word[length:] if word.startswith(name) else ""
                    if rest in lexicon.places and not lexicon.places[rest]:
                        # Two places written as one word (广西南宁).
                        out.append(Span(start, end, EntityType.PLACE, DICTIONARY, name, "dict"))
                        out.append(Span(end, token.end, EntityType.PLACE, DICTIONARY, rest,
                                        "dict"))
                        break
                    continue
                if lexicon.places[name] and not self.has_cue(view, start, end):
                    continue
                out.append(Span(start, end, EntityType.PLACE, DICTIONARY, name, "dict"))
                break
            if len(word) < 2 or not all_cjk(word):
                continue
            # The segmenter's place tag, when the words around show a place.
            if token.flag == "ns" and self._tag_ok(word) and (
                self.has_cue(view, start, token.end) or self._feature_name(word)
            ):
                out.append(Span(start, token.end, EntityType.PLACE, TAGGED, word, "tag"))
            # A place ending inside the word (西营镇, 张家口市) or as the next word.
            suffixed = self._suffixed(view, index)
            if suffixed:
                out.append(self._joined_district(view, suffixed))
        return out

    def _feature_name(self, word: str) -> bool:
        """A rare word ending like a river, lake or mountain (漓江, 洱海, 苍山): a place."""
        return word[-1] in _FEATURE_FINALS and self.info(word)[0] < _RARE_WORD

    def _heads(self, word: str, name: str, flag: str) -> bool:
        """Tell whether a dictionary place heads a word made of it and a common noun."""
        if len(word) <= len(name) or not word.startswith(name) or flag == "nt":
            return False
        rest = word[len(name) :]
        if rest[0] in "省市县区州人" or len(rest) < 2:
            return False
        frequency, tag = self.info(rest)
        return frequency > 0 and tag in ("n", "vn", "nz", "t", "v")

    def _tag_ok(self, word: str) -> bool:
        lexicon = self.lexicon
        if lexicon.is_not_name(word, "place") or word in lexicon.places:
            return False
        if all(char in _SHORT_FORMS for char in word):
            return False
        if word[-1] == "国" and word[0] in _COUNTING:
            return False
        frequency, _ = self.info(word)
        return frequency < _COMMON_PLACE_WORD

    def _suffixed(self, view: FieldView, index: int) -> Span | None:
        text = view.text
        token = view.tokens[index]
        word = text[token.start : token.end]
        if word[-1] not in self._suffix_finals:
            return None
        for length in self._suffix_lengths:
            suffix = word[-length:]
            if length > len(word) or suffix not in self._suffixes:
                continue
            strength = self._suffixes[suffix]
            if len(word) > length:
                stem = word[:-length]
                if self._stem_ok(stem, strength, token.flag, word):
                    return Span(token.start, token.end, EntityType.PLACE, SUFFIXED, word,
                                "suffix")
                return None
            if index > 0:
                previous = view.tokens[index - 1]
                stem = text[previous.start : previous.end]
                if previous.end == token.start and self._stem_ok(
                    stem, strength, previous.flag, stem + suffix
                ):
                    name = stem + suffix
                    return Span(previous.start, token.end, EntityType.PLACE, SUFFIXED, name,
                                "suffix")
            return None
        return None

    def _stem_ok(self, stem: str, strength: int, flag: str, word: str) -> bool:
        lexicon = self.lexicon
        frequency, tag = self.info(word)
        if len(stem) < 2:
            # 滑县, 蔚县: a one-character county the segmenter knows as a place.
            return stem in lexicon.places or (
                flag == "ns" and word[-1] in "县市" and is_cjk(stem)
                and stem not in _GENERIC_HEADS and frequency < _RARE_WORD
            )
        if stem in lexicon.places:
            return True
        if stem[0] in _COUNTING or (frequency > 0 and tag in _PHRASE_TAGS):
            return False  # 五地市, 发人深省, 异国他乡
        tail_frequency, tail_tag = self.info(word[-2:])
        if len(word) > 2 and tail_frequency > _COMMON_PLACE_WORD and tail_tag != "ns" and (
            word[-2:] not in lexicon.places
        ):
            return False  # 文明城市, 香港股市: a common noun at the end
        if strength >= 2:
            # A word the dictionary does not know (大河乡, 海流图乡) is a name.
            return self.proper_stem(stem) or (
                frequency == 0 and all_cjk(stem) and self.info(stem)[0] < _COMMON_STEM_WORD
            )
        return (flag == "ns" or frequency == 0) and self.proper_stem(stem)

    def _joined_district(self, view: FieldView, span: Span) -> Span:
        """河北省张家口地区: a 地区 name joined to the province or country written before it."""
        index = view.starts.get(span.start)
        if not span.name.endswith("地区") or not index:
            return span
        previous = view.tokens[index - 1]
        word = view.text[previous.start : previous.end]
        if word in self.lexicon.places or (previous.flag == "ns" and word[-1] in "省国"):
            name = word + span.name
            return Span(previous.start, span.end, EntityType.PLACE, span.priority, name,
                        "suffix")
        return span


def place_short_forms(names: set[str], lexicon: Lexicon, info: WordInfo) -> dict[str, str]:
    """Map the stems of administrative place names to them (张北县 → 张北).

    Args:
        names: place names found in one article.
        lexicon: the curated word lists.
        info: the segmenter's dictionary.

    Returns:
        Stem → full name, for stems of two or more characters that are not common words.
    """
    out: dict[str, str] = {}
    for name in names:
        for ending in ADMIN_ENDINGS:
            if name.endswith(ending) and len(name) - len(ending) >= 2:
                stem = name[: -len(ending)]
                frequency, tag = info(stem)
                if frequency < _STEM_WORD or tag == "ns" or stem in lexicon.places:
                    out.setdefault(stem, name)
                break
    return out
