"""Short forms of organization names found in the same text (青松 → 青松集团).

Derived generically from the full names found in an article, never from a list of names:

- the name without a legal or group ending (青松集团 → 青松, 岚河光电股份有限公司 → 岚河光电);
- the name without a leading place (临江省高新示范区 → 高新示范区) when what is left still has
  a word of its own before its ending;
- the name with a standard short ending (阳城经济技术开发区 → 阳城经开区).
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.entities.lexicon import Lexicon
from reader.entities.view import WordInfo, all_cjk

# Endings whose removal leaves the name a company is called by.
_LEGAL_ENDINGS = ("股份有限公司", "有限责任公司", "有限公司", "集团有限公司", "集团公司",
                  "集团", "总公司", "公司", "控股")
_COMMON_STEM = 1000


def derive_aliases(names: Iterable[str], lexicon: Lexicon, info: WordInfo,
                   org_suffix_at: callable) -> dict[str, str]:
    """Map short forms of organization names to the full names.

    Args:
        names: full organization names found in one article.
        lexicon: the curated word lists.
        info: the segmenter's dictionary (frequency and tag of a word).
        org_suffix_at: ``(text, end) -> (ending, strength) | None``, the organization endings.

    Returns:
        Short form → full name; a short form claimed by two names is left out.
    """
    out: dict[str, str] = {}
    clashes: set[str] = set()

    def add(short: str, full: str) -> None:
        if short == full or len(short) < 2 or short in lexicon.places:
            return
        if short in out and out[short] != full:
            clashes.add(short)
        out.setdefault(short, full)

    full_names = sorted(set(names), key=len, reverse=True)
    for full in full_names:
        for ending in _LEGAL_ENDINGS:
            if full.endswith(ending):
                stem = full[: -len(ending)]
                if _distinctive(stem, info):
                    add(stem, full)
                break
        for length in range(min(len(full) - 3, 12), 1, -1):
            head, rest = full[:length], full[length:]
            if head in lexicon.places:
                found = org_suffix_at(rest, len(rest))
                if found and found[1] >= 2:
                    core = rest[: -len(found[0])]
                    if _distinctive(core, info):
                        add(rest, full)
                break
        for short, long in lexicon.abbreviations:
            if full.endswith(long) and len(full) > len(long):
                add(full[: -len(long)] + short, full)
    for short in clashes:
        out.pop(short, None)
    return out


def _distinctive(stem: str, info: WordInfo) -> bool:
    """Tell whether a stem names something on its own (岚河光电, 青松; not 经济技术)."""
    if len(stem) < 2 or not all_cjk(stem.replace("(", "").replace(")", "")):
        return False
    if "(" in stem or "（" in stem or stem[-1] in "省市县区镇乡村州园场站部局厅处":
        return False
    frequency, tag = info(stem)
    if frequency == 0:
        return True
    return frequency < _COMMON_STEM and tag not in ("v", "vn", "a", "d", "m", "t")
