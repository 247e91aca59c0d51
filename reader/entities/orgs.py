"""Organization names: an ending (…公司, …委员会, …局) grown leftwards over name words.

From the ending, the name grows left over the words that can be part of a name (places,
proper nouns, unknown words, nouns, a parenthesised place) and stops at verbs, function words
and punctuation. The name must start with a proper word (a place, a proper noun, a word the
dictionary does not know, a national prefix such as 中国 or 全国): 商业银行 alone is no name.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.entities.lexicon import Lexicon
from reader.entities.model import EntityType
from reader.entities.view import (
    CLOSE_PARENS,
    OPEN_PARENS,
    PERSON_FLAGS,
    FieldView,
    Span,
    WordInfo,
    all_cjk,
    is_cjk,
)

# Priorities of organization spans (see extract.resolve: weight = length × priority).
STRONG = 70  # grown from a strong ending (…公司, …委员会), or a short form of such a name
TAGGED = 58  # tagged nt by the segmenter
WEAK = 54  # grown from a weak ending (…局, …队), or a ministry word such as 公安部
FACILITY = 53  # a building or site (…纪念馆, …宾馆), typed as a place
LISTED = 50  # an item ending like an organization in a list with an organization

_MAX_LENGTH = 24
_MAX_PARTS = 8
_PROPER_FLAGS = frozenset({"ns", "nz", "nt", "j", "eng"}) | PERSON_FLAGS
_PART_FLAGS = _PROPER_FLAGS | frozenset({"n", "vn", "an", "b", "l", "ng", "g", "nrfg", "m", "s"})
_NATIONAL = frozenset({"中国", "中华", "中央", "中共", "国家", "全国", "国际", "世界", "国务院",
                       "人民", "解放军", "共青团"})
_STOP_WORDS = frozenset({"的", "和", "与", "及", "或", "等", "是", "在", "各", "该", "本", "这",
                         "那", "每", "有关", "相关", "所属", "下属", "各级", "各地", "各个",
                         "这个", "那个", "这家", "那家", "一家", "其", "我", "我们", "全",
                         "原", "新", "老", "大", "小", "了", "为", "由", "向", "对", "把", "被",
                         "日电", "日讯", "电", "讯", "本报讯", "本报", "记者", "通讯员", "代表",
                         "经", "之", "据", "将"})
# Dictionary frequencies: a proper word more common than _COMMON_STEM is no name part; a word
# ending in a weak ending that is a dictionary word more common than _COMMON_PAIR (干部, 全局)
# is no ending; a lone noun rarer than _RARE_STEM may name a body (青松集团); a word rarer than
# _RARE_WORD counts as unknown.
_COMMON_STEM = 8000
_COMMON_PAIR = 20
_RARE_STEM = 1000
_RARE_WORD = 10
_FUNCTION_FLAGS = frozenset({"v", "d", "p", "c", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r",
                             "y", "e", "o", "f", "q", "t", "x", "ad", "vd"})
_PLACE_ENDING_CHARS = frozenset("省市县区镇乡村州园场站")
# Endings of common phrases that the segmenter tags as organizations (中美关系, 新进展).
_NOT_ORG_ENDINGS = ("关系", "进展", "开展", "安排", "化", "学", "文化", "公报", "机关", "有关",
                    "格局", "舞台", "观众", "空气", "场所", "交通", "事业", "工作", "建设",
                    "和政府", "财政", "组织", "产业")
# Weak endings that are also common words (精心组织, 结成联盟): a proper name must come right
# before them.
_WORDY_ENDINGS = frozenset({"组织", "联盟", "中心"})
# Characters of ordinals and counts before a one-character ending (首台, 一台, 两所): no name.
_COUNTERS = frozenset("首一二两三四五六七八九十几每各数多")


@dataclass(slots=True)
class _Part:
    start: int
    end: int
    proper: bool
    national: bool


class OrgFinder:
    """Finds organization names in one field."""

    def __init__(self, lexicon: Lexicon, info: WordInfo) -> None:
        """Create a finder using the curated lists and the segmenter's dictionary."""
        self.lexicon = lexicon
        self.info = info
        self._suffixes = dict(lexicon.org_suffixes)
        self._facilities = dict(lexicon.facility_suffixes)
        self._suffix_lengths = sorted({len(s) for s in self._suffixes}, reverse=True)
        self._facility_lengths = sorted({len(s) for s in self._facilities}, reverse=True)
        self._suffix_finals = frozenset(s[-1] for s in self._suffixes)
        self._facility_finals = frozenset(s[-1] for s in self._facilities)

    def suffix_at(self, text: str, end: int) -> tuple[str, int] | None:
        """The longest organization ending that ends at ``end``, with its strength."""
        if end <= 0 or text[end - 1] not in self._suffix_finals:
            return None
        for length in self._suffix_lengths:
            if length <= end and text[end - length : end] in self._suffixes:
                suffix = text[end - length : end]
                return suffix, self._suffixes[suffix]
        return None

    def facility_at(self, text: str, end: int) -> tuple[str, int] | None:
        """The longest building or site ending (…纪念馆, …宾馆) that ends at ``end``."""
        if end <= 0 or text[end - 1] not in self._facility_finals:
            return None
        for length in self._facility_lengths:
            if length <= end and text[end - length : end] in self._facilities:
                suffix = text[end - length : end]
                return suffix, self._facilities[suffix]
        return None

    def is_proper(self, word: str, flag: str | None) -> bool:
        """Tell whether a word can start a name: a place, proper noun or unknown word."""
        lexicon = self.lexicon
        if lexicon.is_not_name(word, "organization"):
            return False
        if word in lexicon.places or word in _NATIONAL:
            return True
        if word.isascii() and word.isalnum() and any(c.isalpha() for c in word):
            return True
        if not all_cjk(word):
            return False
        frequency, tag = self.info(word)
        if frequency < _RARE_WORD and (flag or tag) not in _FUNCTION_FLAGS:
            return len(word) >= 2
        if (flag or tag) in _PROPER_FLAGS:
            return frequency < _COMMON_STEM
        return False

    def find(self, view: FieldView) -> list[Span]:
        """Accepted organization spans of one field (overlaps are resolved later)."""
        text = view.text
        out: list[Span] = []
        for token in view.tokens:
            word = text[token.start : token.end]
            if token.flag == "nt" and len(word) >= 2 and self._tag_ok(word):
                out.append(Span(token.start, token.end, EntityType.ORGANIZATION, TAGGED, word,
                                "tag"))
            elif self._ministry(word, token.flag):
                out.append(Span(token.start, token.end, EntityType.ORGANIZATION, WEAK, word,
                                "ministry"))
            for kind, found in ((EntityType.ORGANIZATION, self.suffix_at(text, token.end)),
                                (EntityType.PLACE, self.facility_at(text, token.end))):
                if found is None:
                    continue
                suffix, strength = found
                if not self._suffix_stands(view, token.end - len(suffix), strength):
                    continue
                span = self._grow(view, token.end - len(suffix), token.end, strength)
                if span is not None:
                    span.type = kind
                    if kind is EntityType.PLACE:
                        span.priority = FACILITY
                    out.append(span)
        return out

    def _ministry(self, word: str, flag: str) -> bool:
        """A dictionary word such as 公安部 or 林业部: a field of government and 部/委/署."""
        if len(word) != 3 or word[-1] not in "部委署" or flag not in ("n", "nt", "j"):
            return False
        if self.lexicon.is_not_name(word, "organization"):
            return False
        frequency, _ = self.info(word)
        stem_frequency, stem_tag = self.info(word[:2])
        return frequency > 0 and stem_frequency > 0 and stem_tag in ("n", "vn", "nz")

    def _suffix_stands(self, view: FieldView, start: int, strength: int) -> bool:
        """A weak ending inside a common word (干部, 东部, 全局, 实处) is no ending."""
        if strength >= 2 or view.is_boundary(start) or start == 0:
            return True
        token = view.tokens[view.token_index_at(start)]
        if token.flag in ("nt", "nz", "j"):
            return True
        if view.text[start - 1] in _COUNTERS:
            return False
        pair = view.text[start - 1 : start + 1]
        frequency, tag = self.info(pair)
        return frequency < _COMMON_PAIR or tag == "nt"

    def _tag_ok(self, word: str) -> bool:
        if self.lexicon.is_not_name(word, "organization") or word in self._suffixes:
            return False
        if word.endswith(_NOT_ORG_ENDINGS):
            return False
        # A tagged word with a strong organization ending is judged by that ending (商业银行
        # needs a name before 银行); a short one with a weak ending (外交部, 国务院) stands.
        found = self.suffix_at(word, len(word))
        return found is None or (found[1] < 2 and len(word) <= 4)

    def _parts_before(self, view: FieldView, position: int) -> list[_Part]:
        """Name words right before ``position``, nearest first."""
        text = view.text
        parts: list[_Part] = []
        length = 0
        index = view.token_index_at(position - 1) if position > 0 else -1
        if index >= 0 and view.tokens[index].start < position < view.tokens[index].end:
            # The ending is inside a word (技术开发区): its head is a name word.
            token = view.tokens[index]
            head = text[token.start : position]
            if not all_cjk(head) or head in _STOP_WORDS:
                return parts
            parts.append(self._part(head, token.start, position, None))
            length += len(head)
            index -= 1
        while index >= 0 and len(parts) < _MAX_PARTS:
            token = view.tokens[index]
            word = text[token.start : token.end]
            if word and word[-1] in CLOSE_PARENS:
                group = self._paren_group(view, token.end)
                if group is None:
                    break
                parts.append(_Part(group, token.end, False, False))
                length += token.end - group
                index = view.token_index_at(group) - 1
                continue
            if not self._part_ok(word, token.flag):
                break
            length += len(word)
            if length > _MAX_LENGTH:
                break
            parts.append(self._part(word, token.start, token.end, token.flag))
            index -= 1
        return parts

    def _part(self, word: str, start: int, end: int, flag: str | None) -> _Part:
        return _Part(start, end, self.is_proper(word, flag), word in _NATIONAL)

    def _part_ok(self, word: str, flag: str) -> bool:
        if word in _STOP_WORDS or word[0] in "各该这那每其":
            return False
        if word.isascii():
            return word.isalnum() and any(c.isalpha() for c in word)
        if not all_cjk(word):
            return False
        if flag == "m":
            return word.startswith("第") or word in ("一", "二", "三")
        if len(word) == 2 and self.info(word)[1] == "v":
            return False  # a verb of the sentence (命名, 引进), whatever its tag here
        return flag in _PART_FLAGS or (
            self.info(word)[0] < _RARE_WORD and flag not in _FUNCTION_FLAGS and len(word) >= 2
        )

    def _paren_group(self, view: FieldView, end: int) -> int | None:
        """Start of a parenthesised place such as （运城） that ends at ``end``."""
        text = view.text
        for start in range(end - 2, max(-1, end - 8), -1):
            if text[start] in OPEN_PARENS:
                inner = text[start + 1 : end - 1]
                if inner in self.lexicon.places or (
                    inner and all(is_cjk(char) for char in inner)
                    and self.info(inner)[1] == "ns"
                ):
                    return start
                return None
        return None

    def _grow(self, view: FieldView, suffix_start: int, end: int, strength: int) -> Span | None:
        text = view.text
        parts = self._parts_before(view, suffix_start)
        if not parts:
            return None
        # The leftmost part that can start a name.
        chosen = None
        for position, part in enumerate(parts):
            if part.proper or part.national:
                chosen = position
        if chosen is None:
            if strength >= 2 and len(parts) == 1 and self._lone_stem_ok(text[parts[0].start :
                                                                              parts[0].end]):
                chosen = 0
            else:
                return None
        if chosen == len(parts) - 2 and parts[-1].end - parts[-1].start == 1:
            # A lone character before the name, after a stop (的亚/新科…): part of the name.
            chosen += 1
        start = parts[chosen].start
        stem = text[start:suffix_start]
        if strength < 2 and not self._stem_ok_for_weak(parts[: chosen + 1], text):
            return None
        suffix = text[suffix_start:end]
        if suffix in _WORDY_ENDINGS and not (parts[0].proper or parts[0].national):
            return None
        if self.lexicon.is_not_name(text[start:end], "organization"):
            return None
        priority = STRONG if strength >= 2 else WEAK
        if len(stem) < 2:
            return None
        return Span(start, end, EntityType.ORGANIZATION, priority, text[start:end], "suffix")

    def _lone_stem_ok(self, stem: str) -> bool:
        """A rare noun alone before a strong ending names the body (青松集团, not 企业集团)."""
        if len(stem) < 2 or not all_cjk(stem) or stem in _STOP_WORDS:
            return False
        if self.suffix_at(stem, len(stem)) or stem[-1] in _PLACE_ENDING_CHARS:
            return False  # 园区公司, 分局党委: a generic body, not a name.
        frequency, tag = self.info(stem)
        return frequency < _RARE_STEM and tag in ("n", "nz", "ng", "j", "nr", "ns", None)

    def _stem_ok_for_weak(self, parts: list[_Part], text: str) -> bool:
        """A one-character ending (局, 部, 队) needs more than one common word before it."""
        if len(parts) >= 2:
            return True
        only = parts[0]
        word = text[only.start : only.end]
        return only.proper and len(word) >= 2

    def listed(self, view: FieldView, accepted: list[Span]) -> list[Span]:
        """Items ending like an organization in a list (、) next to an accepted one."""
        text = view.text
        starts = {span.start: span for span in accepted}
        ends = {span.end: span for span in accepted}
        out: list[Span] = []
        for token in view.tokens:
            found = self.suffix_at(text, token.end)
            if found is None:
                continue
            suffix, _ = found
            index = view.starts.get(token.start)
            if index is None:
                continue
            start = token.start
            if token.end - start <= len(suffix):
                if index == 0:
                    continue
                start = view.tokens[index - 1].start
            name = text[start : token.end]
            if not all_cjk(name) or len(name) - len(suffix) < 1 or len(name) > 8:
                continue
            before = text[start - 1] if start > 0 else ""
            after = text[token.end] if token.end < len(text) else ""
            after_named = after == "、" and token.end + 1 in starts
            if (before == "、" and start - 1 in ends) or after_named:
                out.append(Span(start, token.end, EntityType.ORGANIZATION, LISTED, name, "list"))
        return out
