"""From raw page text to units: normalised lines, hard-wrapped lines rejoined into paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.parsing.script import to_simplified

# Characters dropped before parsing (and ignored by the no-text-lost check): the byte order
# mark and control characters other than line breaks and tabs.
_DROPPED = re.compile(r"[\ufeff\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")

# Punctuation after which a paragraph may end.
SENTENCE_END = frozenset("。！？!?…")
CLAUSE_END = frozenset("；;：:")
CLOSERS = frozenset("”’」』）)》〉】］]\"'")
OPENERS_FOR = {"”": "“", "’": "‘", "」": "「", "』": "『", "）": "（", ")": "(", "》": "《",
               "〉": "〈", "】": "【", "］": "［"}
# Characters a paragraph cannot start with (they continue the sentence before).
NO_START = frozenset("，,、。．；;：:？?！!）)》〉」』”’】］]…·%％")


def normalise_text(text: str) -> str:
    """Drop the BOM and control characters and turn every line break into a newline.

    Args:
        text: the page text as decoded.

    Returns:
        The text with newline line breaks only (no CR, no Unicode line separators).
    """
    return _LINE_BREAKS.sub("\n", _DROPPED.sub("", text))


def is_ignorable(char: str) -> bool:
    """Tell whether a character carries no text (whitespace, BOM, control characters)."""
    return char.isspace() or _DROPPED.match(char) is not None


def display_width(text: str) -> float:
    """Width of a line in full-width cells: CJK characters count 1, ASCII characters 1/2."""
    return len(text) - 0.5 * len(text.encode("ascii", "ignore"))


def indent_width(line: str) -> float:
    """Width of a line's leading whitespace (an ideographic space counts one cell)."""
    width = 0.0
    for char in line:
        if char == "\u3000":
            width += 1.0
        elif char == "\t":
            width += 2.0
        elif char.isspace():
            width += 0.5
        else:
            break
    return width


def strip_closers(text: str) -> str:
    """The text without its trailing closing quotes and brackets (and trailing spaces)."""
    end = len(text)
    while end > 0 and (text[end - 1] in CLOSERS or text[end - 1].isspace()):
        end -= 1
    return text[:end]


def ends_sentence(text: str) -> bool:
    """Tell whether a paragraph ends with sentence-final punctuation (closers allowed after)."""
    core = strip_closers(text)
    return bool(core) and core[-1] in SENTENCE_END


_TRAILING_GROUP = re.compile(r"\s*[（(][^（）()]{0,40}[）)]\s*$")


_DASHES_END = re.compile(r"[—－–―─-]{2,}$")


def strip_trailing_groups(text: str) -> str:
    """The text without the parenthesised groups at its end, such as （张鹏） or （下转D5版）."""
    while True:
        shorter = _TRAILING_GROUP.sub("", text)
        if shorter == text or not shorter:
            return text
        text = shorter


def ends_closed(text: str) -> bool:
    """Tell whether a paragraph ends where a paragraph may end (。！？… ；： or a dash).

    Parenthesised groups after closing punctuation (…发展。（张鹏）) do not count.
    """
    core = strip_closers(strip_trailing_groups(text[-400:]))
    if not core:
        return bool(text.strip())
    last = core[-1]
    return last in SENTENCE_END or last in CLAUSE_END or _DASHES_END.search(core) is not None


def unbalanced_openers(text: str) -> set[str]:
    """The opening brackets or quotes of a text that are not closed inside it."""
    depth: dict[str, int] = {}
    for char in text:
        if char in OPENERS_FOR.values():
            depth[char] = depth.get(char, 0) + 1
        elif char in OPENERS_FOR:
            opener = OPENERS_FOR[char]
            if depth.get(opener, 0) > 0:
                depth[opener] -= 1
    return {opener for opener, count in depth.items() if count > 0}


def closes_first(text: str, opener: str) -> bool:
    """Tell whether a text closes a bracket opened before it, before opening another."""
    closer = next(close for close, open_ in OPENERS_FOR.items() if open_ == opener)
    for char in text:
        if char == closer:
            return True
        if char == opener:
            return False
    return False


@dataclass(slots=True)
class Unit:
    """A candidate paragraph: one line, or several hard-wrapped lines rejoined.

    Attributes:
        text: the text, stripped, lines joined without a space (a space between ASCII words).
        line: index (0-based) of its first line in the normalised text.
        indented: its first line begins with an indentation (　　 or spaces).
        after_blank: a blank line (or the start of the page) comes before it.
        lines: how many input lines it was built from.
    """

    text: str
    line: int
    indented: bool
    after_blank: bool
    lines: int = 1


def join_lines(left: str, right: str) -> str:
    """Join two lines of one paragraph: no space, except between two ASCII words."""
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() \
            and right[0].isalnum():
        return f"{left} {right}"
    return left + right


_STRUCTURAL_START = re.compile(
    r"^(?:[—－–―─]{2}|-{2}|图为|（?下转|（?上接|本报讯|本刊讯|新华社|据新华社|责任编辑|编辑[：:])"
)


_PHOTO_CREDIT_END = re.compile(r"(?:摄|摄影|供图)\s*[）)]?$")


def _wrap_width(raw_lines: list[str]) -> float | None:
    """The width at which the page was hard-wrapped, or None when it was not.

    Lines followed by an unindented line are the candidates (the places where a paragraph
    may have been cut); the page is taken as wrapped when at least three of them, and at least
    half, are (nearly) as wide as the widest usual one, and most of those end in mid-sentence
    (lines that all end with a full stop are whole paragraphs, not wrapped ones).
    """
    candidates: dict[int, float] = {}
    for index, line in enumerate(raw_lines[:-1]):
        following = raw_lines[index + 1]
        if line.strip() and following.strip() and indent_width(following) < 1:
            candidates[index] = display_width(line.rstrip())
    if len(candidates) < 3:
        return None
    widths = sorted(candidates.values())
    width = widths[int(0.8 * (len(widths) - 1))]
    if width < 4:
        return None
    full = {index for index, value in candidates.items() if value >= width - _tolerance(width)}
    open_ended = {index for index in full if not ends_closed(raw_lines[index].strip())}
    # A paragraph cut over three lines or more: a full line followed by another full line.
    chained = sum(1 for index in open_ended if index + 1 in full)
    if len(full) * 2 < len(candidates) or len(open_ended) * 2 < len(full) or chained < 2:
        return None
    return width


def _tolerance(width: float) -> float:
    return max(1.0, 0.04 * width)


def form_units(text: str) -> list[Unit]:
    """Cut normalised page text into units, rejoining hard-wrapped lines.

    A unit starts after a blank line, at an indented line, or at a line that follows a line
    too short to have been wrapped (or one that ends a paragraph). Column breaks across blank
    lines are not repaired here (see the page parser).

    Args:
        text: text from :func:`normalise_text`.

    Returns:
        The units in order.
    """
    raw_lines = text.split("\n")
    width = _wrap_width(raw_lines)
    indented_lines = sum(1 for line in raw_lines if line.strip() and indent_width(line) >= 1)
    content_lines = sum(1 for line in raw_lines if line.strip())
    indent_mode = indented_lines >= 3 and indented_lines * 5 >= content_lines
    units: list[Unit] = []
    previous_raw: str | None = None
    for index, raw in enumerate(raw_lines):
        stripped = raw.strip()
        if not stripped:
            previous_raw = None
            continue
        indented = indent_width(raw) >= 1
        if previous_raw is not None and units and not indented and width is not None \
                and _continues(previous_raw, stripped, width, indent_mode):
            unit = units[-1]
            unit.text = join_lines(unit.text, stripped)
            unit.lines += 1
        else:
            units.append(Unit(stripped, index, indented, previous_raw is None))
        previous_raw = raw
    return units


def _continues(previous_raw: str, current: str, width: float, indent_mode: bool) -> bool:
    previous = previous_raw.strip()
    # Narrow characters (digits, Latin letters, spaces) make wrapped lines uneven: be lenient.
    if display_width(previous_raw.rstrip()) < width - max(2.5, 0.1 * width):
        return False
    if _STRUCTURAL_START.match(to_simplified(current[:8])) or _PHOTO_CREDIT_END.search(
        to_simplified(previous[-8:])
    ):
        return False
    if not ends_closed(previous):
        return True
    if not indent_mode:
        return False
    # In indented text a full line may end a sentence in mid-paragraph; the next line still
    # continues unless it looks like a heading (no punctuation, not a full line).
    return (ends_closed(current) or display_width(current) >= width - _tolerance(width)
            or any(mark in current for mark in "，。；：、！？"))
