"""Person names: segmenter tags checked against name shape and the evidence a newspaper gives.

Candidates come from the segmenter's person tags, from surname + given name spans aligned on
word boundaries, and from runs of transliteration characters. A candidate is accepted on
evidence: a title before it (国家主席, 执行董事, 记者), a title or 同志 after it, a byline
position (a line of its own, （张鹏） closing a paragraph, （…摄）), a reporting verb after it
(说, 表示, 介绍), or a list (、) shared with an accepted name.
"""

from __future__ import annotations

from reader.entities.lexicon import Lexicon
from reader.entities.model import EntityType
from reader.entities.view import (
    CLOSE_PARENS,
    NAME_JOINERS,
    OPEN_PARENS,
    PERSON_FLAGS,
    PUNCT_SPACE,
    FieldView,
    Span,
    WordInfo,
    all_cjk,
)

# Priorities of person spans (see extract.resolve: weight = length × priority).
BYLINE = 90  # a name given by the page parser (byline, credit)
STRONG = 66  # a title, a form of address or a byline position around it
TAGGED = 50  # tagged by the segmenter and shaped like a name
LISTED = 47  # in a list of names
PROPAGATED = 46  # another occurrence of a name accepted elsewhere in the article
GUESSED = 43  # a two-character name guessed by the segmenter, with a common surname
WEAK = 42  # shaped like a name, with a reporting verb after it

# Evidence kinds.
TITLE_BEFORE = "title"
TITLE_AFTER = "title_after"
BYLINE_SLOT = "byline"
CUE_AFTER = "cue"
LIST_ITEM = "list"
PLACE_AFTER = "place_after"
COUNTED = "counted"

_STRONG_EVIDENCE = frozenset({TITLE_BEFORE, TITLE_AFTER, BYLINE_SLOT})
# What follows a county or town name, never a person's (张北、尚义等县).
_PLACE_FOLLOWERS = ("等县", "等地", "县", "地区", "一带", "境内", "市", "省", "乡", "镇", "村")
# Characters of numbers: 上万马克, 数百余名 are no names.
_COUNT_CHARS = frozenset("零一二三四五六七八九十百千万亿两几数余多")
# Longest Chinese name (compound surname + two characters).
_MAX_NAME = 4
# Characters that end a list item (punctuation and spaces).
_ITEM_STOPS = frozenset("，。；：！？,.;:!?（）()《》“”\"'‘’\n \t\u3000")
_COMMON_GIVEN = 3000
_COMMON_WORD = 500
_COMMON_HEAD = 300
_COMMON_GIVEN_OTHER = 500
# Last characters of common nouns that the segmenter's guesses tag as names (史诗性, 李宁牌,
# 陈列馆, 乐曲声, 许可证): a name without strong evidence does not end with one.
_NOUN_FINALS = frozenset("性牌馆声证费式型业界化论品物感率度观们")
# Last characters of village and feature names (袁庄, 冯湾, 郭家): not a two-character name.
_PLACE_FINALS = frozenset("家姓庄湾塘屿村寨沟岭寺宫派桥店营堡坪")
# Tags of a surname character standing alone that say it is a function word here (和/c, 向/p).
_FUNCTION_FLAGS = frozenset({"p", "c", "d", "u", "uj", "ul", "uz", "ug", "uv", "ud", "r", "y",
                             "e", "o", "v", "f", "q", "m", "t", "zg"})
_BYLINE_TITLES = frozenset({"记者", "本报记者", "特约记者", "摄影记者", "新华社记者", "通讯员",
                            "首席记者"})


def chinese_name_shape(name: str, lexicon: Lexicon) -> int:
    """Length of the surname if ``name`` looks like surname + given name, else 0."""
    if not all_cjk(name):
        return 0
    if len(name) in (3, 4) and name[:2] in lexicon.compound_surnames:
        surname = 2
    elif len(name) in (2, 3) and name[0] in lexicon.surnames:
        surname = 1
    else:
        return 0
    if any(char in lexicon.given_stop for char in name[surname:]):
        return 0
    return surname


def foreign_name_shape(name: str, lexicon: Lexicon) -> bool:
    """Tell whether ``name`` is made of transliteration characters (parts joined by ·)."""
    parts = [part for part in _split_joined(name)]
    if not parts or any(not part for part in parts):
        return False
    return all(all(char in lexicon.translit for char in part) for part in parts)


def _split_joined(name: str) -> list[str]:
    parts = [name]
    for joiner in NAME_JOINERS:
        parts = [piece for part in parts for piece in part.split(joiner)]
    return parts


def person_evidence(view: FieldView, start: int, end: int, lexicon: Lexicon) -> set[str]:
    """The kinds of evidence that the span ``[start, end)`` of a field is a person's name."""
    text = view.text
    evidence: set[str] = set()
    before = start
    while before > 0 and text[before - 1] in PUNCT_SPACE:
        before -= 1
    if lexicon.title_ending_at(text, before):
        evidence.add(TITLE_BEFORE)
    title_after = lexicon.title_starting_at(text, end)
    if title_after and view.is_boundary(end + len(title_after)):
        evidence.add(TITLE_AFTER)
    after = view.next_char(end)
    if after == "摄" and view.next_char(end + 1) in CLOSE_PARENS | PUNCT_SPACE | {"", "\n"}:
        evidence.add(BYLINE_SLOT)
    if _in_credit_parens(view, start, end):
        evidence.add(BYLINE_SLOT)
    line_start, line_end = view.line_bounds(start)
    line = text[line_start:line_end].strip(" \t\u3000")
    if line == text[start:end] or (
        len(line) <= 16 and all(len(part) <= 4 for part in line.split())
        and text[start:end] in line.split()
    ):
        evidence.add(BYLINE_SLOT)
    cue = lexicon.cue_starting_at(text, end)
    if cue and view.is_boundary(end + len(cue)):
        evidence.add(CUE_AFTER)
    if start > 0 and (text[start - 1].isdigit() or text[start - 1] in _COUNT_CHARS):
        evidence.add(COUNTED)
    if view.prev_char(start) == "、" or after == "、":
        evidence.add(LIST_ITEM)
    if any(text.startswith(follower, end) for follower in _PLACE_FOLLOWERS):
        evidence.add(PLACE_AFTER)
    return evidence


def _in_credit_parens(view: FieldView, start: int, end: int) -> bool:
    """Tell whether a span is one of the names of a credit: （张鹏）, （陈杰 杨颖）, （李舸摄）."""
    text = view.text
    left = text.rfind("\n", 0, start) + 1
    opening = max(text.rfind(char, left, start) for char in OPEN_PARENS)
    if opening < 0 or start - opening > 14:
        return False
    closing = min((position for position in (text.find(char, end, end + 14)
                                              for char in CLOSE_PARENS) if position >= 0),
                  default=-1)
    if closing < 0:
        return False
    inner = text[opening + 1 : closing]
    if inner.endswith("摄"):
        inner = inner[:-1]
    for title in _BYLINE_TITLES_LONGEST:
        if inner.startswith(title):
            # （记者殷立军、祁红梅）: every name of a reporters' credit.
            parts = inner[len(title) :].replace("、", " ").replace("\u3000", " ").split()
            return all(2 <= len(part) <= 4 and all_cjk(part) for part in parts) and (
                text[start:end] in parts
            )
    parts = inner.replace("、", " ").replace("\u3000", " ").split()
    if not parts or not all(all_cjk(part) for part in parts) or sum(map(len, parts)) > 12:
        return False
    closes_paragraph = view.next_char(closing + 1) in ("", "\n")
    if closes_paragraph or text[closing - 1] == "摄":
        return True
    # Inside running text only a credit made of several tagged names counts.
    index = view.token_index_at(opening + 1)
    names = 0
    while index < len(view.tokens) and view.tokens[index].start < closing:
        token = view.tokens[index]
        if token.flag in PERSON_FLAGS:
            names += 1
        elif token.text.strip() and token.text not in "、":
            return False
        index += 1
    return names >= 2


_BYLINE_TITLES_LONGEST = sorted(_BYLINE_TITLES, key=len, reverse=True)


class PersonFinder:
    """Finds person names in one field."""

    def __init__(self, lexicon: Lexicon, info: WordInfo) -> None:
        """Create a finder using the curated lists and the segmenter's dictionary."""
        self.lexicon = lexicon
        self.info = info

    def candidates(self, view: FieldView) -> dict[tuple[int, int], str]:
        """Candidate spans of a field mapped to the rule that proposed them."""
        lexicon = self.lexicon
        text = view.text
        out: dict[tuple[int, int], str] = {}
        tokens = view.tokens
        for index, token in enumerate(tokens):
            word = text[token.start : token.end]
            if token.flag in PERSON_FLAGS and len(word) >= 2:
                self._tagged(view, token.start, token.end, out)
            start = token.start
            # Surname + given name on word boundaries.
            if word[:2] in lexicon.compound_surnames:
                lengths: tuple[int, ...] = (3, 4)
            elif word[0] in lexicon.surnames:
                lengths = (2, 3)
            else:
                lengths = ()
            for length in lengths:
                end = start + length
                if end <= len(text) and view.is_boundary(end) and all_cjk(text[start:end]):
                    out.setdefault((start, end), "surname")
            # Right after a title, a three-character name with a surname not in the list.
            if not lengths and lexicon.title_ending_at(text, start):
                end = start + 3
                if end <= len(text) and view.is_boundary(end) and all_cjk(text[start:end]):
                    out.setdefault((start, end), "titled")
            # 老张, 小李.
            if word[0] in "老小" and len(word) <= 2:
                if len(word) == 2 and lexicon.surnames.get(word[1]) == 1:
                    out.setdefault((start, token.end), "nick")
                elif len(word) == 1 and index + 1 < len(tokens):
                    nxt = tokens[index + 1]
                    if nxt.end - nxt.start == 1 and lexicon.surnames.get(text[nxt.start]) == 1:
                        out.setdefault((start, nxt.end), "nick")
            # Runs of transliteration characters.
            if word[0] in lexicon.translit and (index == 0 or view.prev_char(start) not in
                                                lexicon.translit):
                end = self._translit_run(view, index)
                if end - start >= 2:
                    out.setdefault((start, end), "translit")
            # A foreign name in parts joined by · (威廉/nrt ·/x 佩里/nrt, 让/v ·/x 米奥/nrt).
            if index == 0 or tokens[index - 1].text not in NAME_JOINERS:
                end = self._joined_run(view, index)
                if end > token.end:
                    out[(start, end)] = "joined"
        return out

    def _joined_run(self, view: FieldView, index: int) -> int:
        """End of a name whose parts are joined by · (司马义·艾买提), or the token's end."""
        tokens = view.tokens
        text = view.text
        first = tokens[index]
        if not self._name_part(text[first.start : first.end]):
            return first.end
        end = first.end
        named = first.flag in PERSON_FLAGS
        position = index + 1
        while position + 1 < len(tokens) and tokens[position].text in NAME_JOINERS:
            part = tokens[position + 1]
            word = text[part.start : part.end]
            if not self._name_part(word):
                break
            named = named or part.flag in PERSON_FLAGS or foreign_name_shape(word, self.lexicon)
            end = part.end
            position += 2
        return end if named else first.end

    def _name_part(self, word: str) -> bool:
        return 1 <= len(word) <= 6 and all_cjk(word) and not any(
            char in _COUNT_CHARS or char in "的了是在和与" for char in word
        )

    def _tagged(self, view: FieldView, start: int, end: int, out: dict) -> None:
        text = view.text
        word = text[start:end]
        # A title glued at the end (周总理, 桥本首相): keep the name before it.
        for cut in range(len(word) - 1, 0, -1):
            if word[cut:] in self.lexicon.titles:
                if cut >= 2:
                    out[(start, start + cut)] = "tag-title"
                return
        if len(word) > 3 and not foreign_name_shape(word, self.lexicon):
            # A word glued at the end by the segmenter (周振华介绍, 李舸摄), not a dictionary
            # word such as 邓小平理论: keep the name before it.
            frequency, _ = self.info(word)
            for cut in (3, 2):
                rest = word[cut:]
                glued = frequency == 0
                rest_is_word = rest == "摄" or (len(rest) >= 2 and self.info(rest)[0] > 0)
                if glued and rest_is_word and chinese_name_shape(word[:cut], self.lexicon):
                    out[(start, start + cut)] = "tag-trim"
                    return
            if frequency > 0:
                return
        elif len(word) == 3 and word.endswith("摄") and self.info(word)[0] == 0:
            if chinese_name_shape(word[:2], self.lexicon):
                out[(start, start + 2)] = "tag-trim"
            return
        out[(start, end)] = "tag"

    def _translit_run(self, view: FieldView, index: int) -> int:
        """End of the run of transliteration words that starts with token ``index``."""
        text = view.text
        translit = self.lexicon.translit
        tokens = view.tokens
        end = tokens[index].start
        position = index
        while position < len(tokens):
            word = text[tokens[position].start : tokens[position].end]
            if all(char in translit for char in word):
                end = tokens[position].end
                position += 1
            elif (
                word in NAME_JOINERS
                and end > tokens[index].start
                and position + 1 < len(tokens)
                and text[tokens[position + 1].start] in translit
            ):
                position += 1
            else:
                break
        return end

    def find(self, view: FieldView) -> list[Span]:
        """Accepted person spans of one field (overlaps are resolved later)."""
        lexicon = self.lexicon
        text = view.text
        accepted: dict[tuple[int, int], Span] = {}
        candidates = self.candidates(view)
        for (start, end), source in candidates.items():
            name = text[start:end]
            if lexicon.is_not_name(name, "person") or name in lexicon.places:
                continue
            evidence = person_evidence(view, start, end, lexicon)
            inner = view.flag_of(start + 1, end)
            if inner in PERSON_FLAGS and source == "surname" and (
                view.flag_of(start, start + 1) in _FUNCTION_FLAGS
            ):
                continue  # 和李鹏: the name is the tagged word after the would-be surname.
            if source not in ("joined", "titled") and self._function_surname(
                view, start, evidence
            ):
                continue
            priority = self._decide(name, source, evidence)
            if priority:
                accepted[(start, end)] = Span(
                    start, end, EntityType.PERSON, priority, name, source
                )
        tagged = {span for span, source in candidates.items() if source.startswith("tag")}
        accepted.update(self._listed(view, accepted, tagged))
        return list(accepted.values())

    def _function_surname(self, view: FieldView, start: int, evidence: set[str]) -> bool:
        """Tell whether the would-be surname is a function word here (专家和学者, 向中方)."""
        index = view.starts.get(start)
        if index is None:
            return False
        token = view.tokens[index]
        if token.end - token.start != 1 or token.flag not in _FUNCTION_FLAGS:
            return False
        if evidence & {BYLINE_SLOT, TITLE_AFTER}:
            return False
        if TITLE_BEFORE in evidence:
            before = start
            while before > 0 and view.text[before - 1] in PUNCT_SPACE:
                before -= 1
            title = self.lexicon.title_ending_at(view.text, before)
            return not any(title and title.endswith(t) for t in _BYLINE_TITLES)
        return True

    def _listed(self, view: FieldView, accepted: dict[tuple[int, int], Span],
                tagged: set[tuple[int, int]]) -> dict[tuple[int, int], Span]:
        """Items of a list (、) most of whose items are accepted names (巴金、冰心、曹禺)."""
        text = view.text
        out: dict[tuple[int, int], Span] = {}
        ends_by_start = {start: end for (start, end) in accepted}
        starts_by_end = {end: start for (start, end) in accepted}
        position = text.find("、")
        done = -1
        while position >= 0:
            if position > done:
                items = self._list_items(text, position)
                done = items[-1][1]
                named = 0
                for index, (start, end) in enumerate(items):
                    exact = ends_by_start.get(start) == end or (start, end) in tagged
                    # The first item may carry words before the name, the last words after.
                    head = index == 0 and starts_by_end.get(end, -1) >= start
                    tail = index == len(items) - 1 and ends_by_start.get(start, end + 1) <= end
                    if exact or head or tail:
                        named += 1
                if named >= 2 and 2 * named >= len(items):
                    for index, (start, end) in enumerate(items):
                        name = text[start:end]
                        edge = index in (0, len(items) - 1)
                        if edge and not (chinese_name_shape(name, self.lexicon)
                                         or foreign_name_shape(name, self.lexicon)):
                            continue
                        if (start, end) in accepted or not self._list_name_ok(text[start:end]):
                            continue
                        out[(start, end)] = Span(start, end, EntityType.PERSON, LISTED,
                                                 text[start:end], "list")
            position = text.find("、", position + 1)
        return out

    @staticmethod
    def _list_items(text: str, separator: int) -> list[tuple[int, int]]:
        """The items of the 、-list around the separator at ``separator``."""
        start = separator
        while start > 0 and text[start - 1] not in _ITEM_STOPS:
            start -= 1
        end = separator
        while end < len(text) and text[end] not in _ITEM_STOPS:
            end += 1
        items = []
        offset = start
        for piece in text[start:end].split("、"):
            items.append((offset, offset + len(piece)))
            offset += len(piece) + 1
        return items

    def _list_name_ok(self, name: str) -> bool:
        lexicon = self.lexicon
        if not 2 <= len(name) <= _MAX_NAME or not all_cjk(name):
            return False
        if name in lexicon.places or lexicon.is_not_name(name, "person"):
            return False
        if lexicon.title_ending_at(name, len(name)) or lexicon.title_starting_at(name, 0):
            return False
        if any(char in lexicon.given_stop for char in name[1:]):
            return False
        return not self._common_word(name)

    def _common_word(self, name: str) -> bool:
        frequency, tag = self.info(name)
        if len(name) >= 3 and tag == "t":
            # jieba's dictionary tags some full names as time words (周恩来/t).
            return False
        return frequency > _COMMON_WORD and tag not in PERSON_FLAGS

    def _common_given(self, name: str, surname: int) -> bool:
        given = name[surname:]
        if len(given) < 2:
            return False
        frequency, tag = self.info(given)
        if tag in PERSON_FLAGS or tag in ("nz", "ns"):
            return frequency > _COMMON_GIVEN
        return frequency > _COMMON_GIVEN_OTHER

    def _common_head(self, name: str) -> bool:
        """Tell whether a three-character name starts with a common word (乐曲声, 石油换)."""
        frequency, _tag = self.info(name[:2])
        return len(name) == 3 and frequency > _COMMON_HEAD

    def _surname_tier(self, name: str, surname: int) -> int:
        if surname == 2:
            return self.lexicon.compound_surnames.get(name[:2], 3)
        return self.lexicon.surnames.get(name[0], 3)

    def _decide(self, name: str, source: str, evidence: set[str]) -> int:
        lexicon = self.lexicon
        surname = chinese_name_shape(name, lexicon)
        foreign = foreign_name_shape(name, lexicon)
        strong = evidence & _STRONG_EVIDENCE
        if source == "joined":
            return STRONG if strong else TAGGED
        if source == "titled":
            # 执行董事X晋军介绍: a title before, a reporting verb or punctuation after, and
            # no common word in between.
            name_ok = not any(char in lexicon.given_stop for char in name) and not (
                self.info(name)[0] or self._common_given(name, 1) or self._common_head(name)
            )
            return STRONG if name_ok and TITLE_BEFORE in evidence and CUE_AFTER in evidence else 0
        if not surname and not foreign:
            # A name the segmenter tagged, with a title around it, even if its surname is not
            # in the list (习近平/nrfg 总书记).
            if source == "tag" and strong and 2 <= len(name) <= _MAX_NAME and all_cjk(name) and (
                not any(char in lexicon.given_stop for char in name)
            ):
                return STRONG
            return 0
        if PLACE_AFTER in evidence and not strong:
            return 0
        if COUNTED in evidence and BYLINE_SLOT not in evidence:
            return 0
        if strong == {TITLE_BEFORE} and surname and self._surname_tier(name, surname) >= 3:
            return 0
        tagged = source.startswith("tag")
        if name[-1] in _NOUN_FINALS and BYLINE_SLOT not in evidence:
            return 0
        if strong:
            if self._common_word(name) and not tagged:
                return 0
            return STRONG
        if surname and self._surname_tier(name, surname) >= 3:
            return 0
        given_length = len(name) - surname if surname else 0
        if tagged:
            if surname:
                if given_length >= 2:
                    if self._common_given(name, surname) or self._common_head(name):
                        return 0
                    return TAGGED
                if CUE_AFTER in evidence:
                    return WEAK
                # A two-character name the segmenter guessed (not a dictionary word) with a
                # common surname is right more often than not.
                if self.info(name)[0] == 0 and self._surname_tier(name, surname) == 1 and (
                    name[-1] not in _PLACE_FINALS
                ):
                    return GUESSED
                return 0
            return TAGGED if len(name) >= 3 or CUE_AFTER in evidence else 0
        if source == "nick":
            return WEAK if evidence & {CUE_AFTER, LIST_ITEM} else 0
        if source == "surname":
            if given_length >= 2 and CUE_AFTER in evidence:
                if self._common_word(name) or self._common_given(name, surname):
                    return 0
                return WEAK
            return 0
        if source == "translit" and foreign and CUE_AFTER in evidence and len(name) >= 3:
            return WEAK
        return 0


def byline_names(credit: str | None, authors: list[str] | tuple[str, ...],
                 lexicon: Lexicon) -> set[str]:
    """Person names given by the page parser: the authors and names inside the credit."""
    names = {name.strip() for name in authors if name and name.strip()}
    if credit:
        for chunk in _credit_chunks(credit, lexicon):
            if chinese_name_shape(chunk, lexicon) or (
                len(chunk) >= 2 and foreign_name_shape(chunk, lexicon)
            ):
                names.add(chunk)
    return {name for name in names if 2 <= len(name) <= 12}


def _credit_chunks(credit: str, lexicon: Lexicon) -> list[str]:
    """Words of a credit that follow a title such as 记者 or 通讯员."""
    out = []
    for title in ("记者", "通讯员", "实习生", "摄影", "撰稿", "文/图", "图/文"):
        position = credit.find(title)
        while position >= 0:
            rest = credit[position + len(title) :]
            for piece in rest.replace("、", " ").replace("，", " ").split():
                piece = piece.strip("（）()：:")
                if not piece or not all_cjk(piece):
                    break
                if lexicon.title_starting_at(piece, 0) or piece.endswith(("电", "讯", "报道")):
                    break
                out.append(piece)
            position = credit.find(title, position + 1)
    return out
