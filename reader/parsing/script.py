"""Traditional Chinese read as Simplified: a one-for-one character fold that keeps offsets.

The parser's keywords (本报讯, 记者, 责任编辑, 下转…) and its surname table are written in
Simplified characters. Every rule matches on ``to_simplified(text)`` — the same text with each
Traditional character replaced by its Simplified form, of the same length — and cuts what it
keeps from the original text at the same offsets, so stored text stays as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from reader.parsing.t2s_table import SIMPLIFIED, TRADITIONAL

_TABLE = str.maketrans(TRADITIONAL, SIMPLIFIED)
# A fast test first: most pages are Simplified and must not pay for a translation.
_BMP_KEYS = "".join(sorted(char for char in TRADITIONAL if ord(char) < 0x10000))
_HINT = re.compile(f"[{re.escape(_BMP_KEYS)}\U00020000-\U0003ffff]")


def to_simplified(text: str) -> str:
    """The text with Traditional characters folded to Simplified ones, one for one.

    Results for lines are cached: the rules fold the same line several times, so they fold
    whole lines (and slice the result) rather than long pieces of them.

    Args:
        text: any text.

    Returns:
        A text of the same length; ``text`` itself when it holds no Traditional character.
    """
    if len(text) > 24:
        return _cached_fold(text)
    if _HINT.search(text) is None:
        return text
    return text.translate(_TABLE)


@lru_cache(maxsize=256)
def _cached_fold(text: str) -> str:
    if _HINT.search(text) is None:
        return text
    return text.translate(_TABLE)


def originals(text: str, key: str, parts: list[str]) -> list[str]:
    """The spans of ``text`` that a rule found as ``parts`` in ``key``, its folded form.

    ``key`` must have the same length as ``text`` and agree with it position by position (a
    one-for-one fold such as :func:`to_simplified` or ``fold_width``); ``parts`` are substrings
    of ``key`` in left-to-right order (names read from a byline, for instance).

    Args:
        text: the original text.
        key: its folded form.
        parts: substrings of ``key``, in order.

    Returns:
        The same substrings cut from ``text`` (a part not found in ``key`` is kept as given).
    """
    if key == text or len(key) != len(text):
        return list(parts)
    out: list[str] = []
    position = 0
    for part in parts:
        at = key.find(part, position)
        if at < 0:
            out.append(part)
            continue
        out.append(text[at : at + len(part)])
        position = at + len(part)
    return out


def original_span(text: str, key: str, part: str) -> str:
    """The span of ``text`` that a rule found as ``part`` in ``key`` (see :func:`originals`)."""
    return originals(text, key, [part])[0]
