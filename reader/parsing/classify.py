"""What each unit of a page is (headline, byline, credit, body…), and column-break repair."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from reader.parsing.credits import (
    find_markers,
    is_caption,
    read_trailing_credit,
    split_credit_opener,
    split_deck_dashes,
    trailing_annotation,
)
from reader.parsing.lines import (
    NO_START,
    Unit,
    closes_first,
    display_width,
    ends_closed,
    ends_sentence,
    join_lines,
    strip_closers,
    strip_trailing_groups,
    unbalanced_openers,
)
from reader.parsing.masthead import is_editor_line, is_page_number
from reader.parsing.names import ends_with_name, parse_byline
from reader.parsing.script import to_simplified

logger = logging.getLogger(__name__)

WordCheck = Callable[[str], bool]


class Kind(Enum):
    """What a unit of the page is, before articles are formed."""

    FURNITURE = "furniture"  # editor line, page number, masthead line
    MARKER = "marker"  # a continuation marker alone: （下转D5版）
    CAPTION = "caption"  # 图为…, …摄
    TRAIL = "trail"  # a credit alone in parentheses after a text: （张鹏）
    CREDIT = "credit"  # a paragraph opening with 本报讯, 新华社…电
    BYLINE = "byline"  # 杨晓, 本报记者 王楚, 农业部部长 刘某
    DECK = "deck"  # ——副题
    NOTE = "note"  # a note in parentheses under a headline: （附图片１张）
    HEAD = "head"  # a line shaped like a headline or a section heading
    BODY = "body"  # running text


HEAD_KINDS = frozenset({Kind.HEAD, Kind.BYLINE, Kind.DECK, Kind.NOTE})

# Longest line (in full-width cells) still taken for a headline or a heading.
MAX_HEADING_WIDTH = 48
# Numbered items: 一、 （一） １． 第三章.
NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|"
    r"[0-9０-９]{1,2}[、．.·]|第[一二三四五六七八九十0-9０-９]{1,3}[章节部分篇条])"
)
# Numbered or bulleted items.
ENUMERATION = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十0-9０-９]{1,3}[）)]|"
    r"[0-9０-９]{1,2}[、．.·]|第[一二三四五六七八九十0-9０-９]{1,3}[章节部分篇条]|"
    r"[①-⑳⑴-⒇]|[●○◆◇■□★☆▲△▼▽※·•>＞])"
)


def is_numbered(text: str) -> bool:
    """Tell whether a line opens with a number: 一、 （一） １． 第三章 (第三節 too)."""
    return NUMBERED.match(to_simplified(text[:12])) is not None


def is_enumerated(text: str) -> bool:
    """Tell whether a line opens with a number or a bullet (see :func:`is_numbered`, ●, ※)."""
    return ENUMERATION.match(to_simplified(text[:12])) is not None


_PAREN_LINE = re.compile(r"^[（(][^（）()]{1,40}[）)]$")
_PEN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:[\s、，][\u4e00-\u9fff]{2,8}){0,3}$")
# Starts that continue a sentence: a particle or a verb of saying with its colon.
_PARTICLE_START = re.compile(r"^(?:们|[的了着](?!确|解|力|眼|手|重|落|实)|[说道][：:，,])")
# One character then a comma (目，从土地…) is the tail of a word cut by a break,
# unless the character is a conjunction or a pronoun that may open a sentence.
_LONE_CHAR_START = re.compile(r"^[\u4e00-\u9fff][，、]")
_CONJUNCTION_CHARS = frozenset("但而可故却然那这是对呀啊哦嗯唉喂嘿总再又且若如即")


@dataclass(slots=True)
class Item:
    """A unit of the page with its kind."""

    unit: Unit
    kind: Kind

    @property
    def text(self) -> str:
        """The unit's text."""
        return self.unit.text


def heading_core(text: str) -> str:
    """A headline without its trailing note such as （图片） or （附图片１张）."""
    note = trailing_annotation(text)
    return text[: len(text) - len(note)].rstrip() if note else text


def is_heading_like(text: str) -> bool:
    """Tell whether a line could be a headline, kicker, subtitle or section heading.

    Short (at most :data:`MAX_HEADING_WIDTH` cells), with letters, no full stop inside, and
    not ending with the punctuation of a sentence or a clause (a short exclamation or
    question is allowed).
    """
    core = heading_core(text)
    if not core or display_width(core) > MAX_HEADING_WIDTH:
        return False
    if not any(char.isalnum() for char in core):
        return False
    bare = strip_trailing_groups(core)
    if bare != core and ends_sentence(bare):
        return False
    last = strip_closers(core)[-1:] or core[-1]
    if last in "，,、；;：:。．":
        return False
    if last in "！？!?…" and display_width(core) > 20:
        return False
    if "。" in core:
        return False
    return not (core[0] in NO_START and core[0] != "…")


def is_running_text(text: str) -> bool:
    """Tell whether a paragraph's shape says running text (a sentence inside, or long)."""
    inner = strip_closers(text)[:-1]
    if any(mark in inner for mark in "。！？"):
        return True
    return display_width(text) >= 36 and any(mark in text for mark in "，、；：")


def is_trailing_credit_line(text: str) -> bool:
    """A line that is only a credit in parentheses: （张鹏）, （据新华社电）, （某县 某人）."""
    inner = text.strip()[1:-1].strip()
    return (read_trailing_credit(inner) is not None
            or _PEN_NAME.match(to_simplified(inner)) is not None
            or ends_with_name(inner))


def classify(unit: Unit, previous: Item | None) -> Item:
    """Tell what a unit is, from its text and the kind of the unit before it.

    Args:
        unit: the unit.
        previous: the item before it (its kind tells a trailing credit from a headline note).

    Returns:
        The unit with its kind.
    """
    text = unit.text
    markers = find_markers(text)
    if markers and sum(len(marker.raw) for marker in markers) == len(re.sub(r"\s", "", text)):
        return Item(unit, Kind.MARKER)
    if is_editor_line(text) or is_page_number(text):
        return Item(unit, Kind.FURNITURE)
    if is_caption(text):
        return Item(unit, Kind.CAPTION)
    if split_credit_opener(text) is not None:
        return Item(unit, Kind.CREDIT)
    if _PAREN_LINE.match(text):
        return Item(unit, _parenthesised_kind(text, previous))
    deck = split_deck_dashes(text)
    if deck is not None and display_width(deck[1]) <= 60 and not ends_sentence(deck[1]):
        return Item(unit, Kind.DECK)
    if display_width(text) <= 30 and parse_byline(text) is not None:
        return Item(unit, Kind.BYLINE)
    if is_heading_like(text):
        return Item(unit, Kind.HEAD)
    return Item(unit, Kind.BODY)


def _parenthesised_kind(text: str, previous: Item | None) -> Kind:
    if is_enumerated(text):
        return Kind.HEAD  # （一）, （二）: a numbered section
    after_text = previous is not None and previous.kind in (
        Kind.BODY, Kind.CREDIT, Kind.CAPTION, Kind.TRAIL
    )
    if after_text:
        return Kind.TRAIL if is_trailing_credit_line(text) else Kind.BODY
    return Kind.NOTE


# -- column breaks -----------------------------------------------------------------------------


def _split_word(left: str, right: str, is_word: WordCheck) -> bool:
    """Tell whether a dictionary word is cut by the break between two texts (开|发区, 项|目，).

    The word must take the last character of ``left`` and either two or three characters of
    ``right`` or one character followed by punctuation; and ``right`` must not itself start
    with a word of two to four characters (高|新年 is not a cut: 新年 is a word).
    """
    if len(left) < 2 or len(right) < 2:
        return False
    for length in (2, 3, 4):
        start = right[:length]
        if len(start) == length and is_word(start):
            return False
    tail = left[-1]
    if is_word(tail + right[:2]) or is_word(tail + right[:3]):
        return True
    return right[1] in NO_START and is_word(tail + right[0])


def _mid_sentence_start(text: str, left: str) -> bool:
    """Tell whether a paragraph starts in the middle of a sentence (，… 们… 说：…)."""
    if not text or is_enumerated(text):
        return False
    text = to_simplified(text[:4])
    if text[0] in NO_START and not text.startswith("……"):
        # ’９８ is an apostrophe before a year, not a closing quote.
        return not (text[0] in "’'" and text[1:2].isdigit())
    if _PARTICLE_START.match(text):
        return True
    return (_LONE_CHAR_START.match(text) is not None and text[0] not in _CONJUNCTION_CHARS
            and display_width(left) >= 8)


def should_join(left: Item, right: Item, is_word: WordCheck | None, indent_mode: bool) -> bool:
    """Tell whether two units are one paragraph cut by a column break or a stray line break.

    Only a unit that does not end where a paragraph may end is joined to the next, and only
    when the next one starts mid-sentence, closes a bracket or quote left open, completes a
    dictionary word cut at the break, or when both are running text. An indented unit in an
    indented page always starts a paragraph.

    Args:
        left: the earlier unit.
        right: the unit after it.
        is_word: optional dictionary lookup.
        indent_mode: whether the page marks paragraphs by indentation.

    Returns:
        True to join them into one paragraph.
    """
    if left.kind not in (Kind.BODY, Kind.HEAD) or right.kind not in (Kind.BODY, Kind.HEAD):
        return False
    if indent_mode and right.unit.indented:
        return False
    if ends_closed(left.text) or trailing_annotation(left.text):
        return False
    if _mid_sentence_start(right.text, left.text):
        return True
    open_marks = unbalanced_openers(left.text)
    if any(closes_first(right.text, mark) for mark in open_marks):
        return True
    # The dictionary is Simplified: ask it about the folded ends.
    if is_word is not None and _split_word(
        to_simplified(left.text[-8:]), to_simplified(right.text[:8]), is_word
    ):
        return True
    return (
        is_running_text(left.text)
        and right.kind is Kind.BODY
        and (display_width(right.text) >= 16 or ends_sentence(right.text))
        and not is_enumerated(right.text)
    )


def repair_breaks(items: list[Item], is_word: WordCheck | None, indent_mode: bool) -> list[Item]:
    """Join the units that a column break or a stray line break cut in two.

    Args:
        items: the classified units of the page, in order.
        is_word: optional dictionary lookup.
        indent_mode: whether the page marks paragraphs by indentation.

    Returns:
        The items with the cut paragraphs joined (and classified again, as body text).
    """
    out: list[Item] = []
    for item in items:
        if out and should_join(out[-1], item, is_word, indent_mode):
            left = out.pop()
            joined = Unit(join_lines(left.text, item.text), left.unit.line, left.unit.indented,
                          left.unit.after_blank, left.unit.lines + item.unit.lines)
            merged = classify(joined, out[-1] if out else None)
            if merged.kind in HEAD_KINDS:
                merged.kind = Kind.BODY
            out.append(merged)
        else:
            out.append(item)
    return out


def safe_word_check(is_word: WordCheck | None) -> WordCheck | None:
    """Wrap a dictionary lookup with a cache; a lookup that raises counts as "not a word"."""
    if is_word is None:
        return None
    cache: dict[str, bool] = {}

    def check(word: str) -> bool:
        if word not in cache:
            try:
                cache[word] = bool(is_word(word))
            except Exception:  # a broken dictionary must not break parsing
                logger.exception("word check failed for %r", word)
                cache[word] = False
        return cache[word]

    return check
