"""Page furniture: masthead lines (publication, date, page label), editor lines, page numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.segment import fold_width

_CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = "〇零○一二两三四五六七八九十百"


def number_value(text: str) -> int | None:
    """The value of a number written in Arabic digits or Chinese numerals.

    ``一九九八`` is read digit by digit (1998); ``十二`` and ``一百零五`` positionally.

    Args:
        text: the number, e.g. ``12``, ``１２``, ``十二``, ``一九九八``.

    Returns:
        The value, or None when the text is not a number.
    """
    folded = fold_width(text).strip()
    if not folded:
        return None
    if folded.isascii() and folded.isdigit():
        return int(folded)
    if any(char not in _CN_NUMBER for char in folded):
        return None
    if "十" not in folded and "百" not in folded:
        value = 0
        for char in folded:
            value = value * 10 + _CN_DIGITS[char]
        return value
    total = 0
    current = 0
    for char in folded:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:  # 百
            total += (current or 1) * 100
            current = 0
    return total + current


_LABEL = re.compile(
    r"^\s*(?:第\s*)?(?P<letter>[A-Za-z]{0,2})\s*(?P<number>[0-9〇零○一二两三四五六七八九十百]{1,6})"
    r"\s*(?:版|页|面|版面)?\s*$"
)


def normalise_page_label(label: str) -> str:
    """Bring a page label to one canonical form, so that labels from any source compare.

    Full-width forms are folded, Chinese numerals become digits, 第/版 are dropped; a pure
    number is zero-padded to two digits (第五版 → ``05``, ``5`` → ``05``, ``１２`` → ``12``);
    a lettered label keeps its letter upper-cased and loses leading zeros (``d05`` → ``D5``).
    Anything else is returned folded and stripped.

    Args:
        label: e.g. ``D5版``, ``第五版``, ``第4版``, ``05``.

    Returns:
        The canonical label.
    """
    folded = fold_width(label).strip()
    match = _LABEL.match(folded)
    if match is None:
        return folded
    value = number_value(match["number"])
    if value is None:
        return folded
    letter = match["letter"].upper()
    if letter:
        return f"{letter}{value}"
    return f"{value:02d}"


_NUM = r"[0-9〇零○一二两三四五六七八九十]"
_DATE = re.compile(
    rf"(?P<year>{_NUM}{{4}}|{_NUM}{{2}})\s*年\s*(?P<month>{_NUM}{{1,3}})\s*月\s*"
    rf"(?P<day>{_NUM}{{1,3}})\s*日"
    r"|(?P<y2>\d{4})\s*[-./]\s*(?P<m2>\d{1,2})\s*[-./]\s*(?P<d2>\d{1,2})(?!\d)"
)
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天]")
_PAGE = re.compile(
    r"第\s*[0-9〇零一二三四五六七八九十]{1,4}\s*版"
    r"|(?<![A-Za-z0-9])第?\s*[A-Za-z]{1,2}\s*[0-9]{1,3}\s*版?(?![0-9])"
    r"|(?<![0-9])[0-9]{1,3}\s*版"
    r"|版次?\s*[:：]\s*[A-Za-z]{0,2}[0-9]{1,3}"
)
_NUMBER = re.compile(
    r"(?:总\s*)?第\s*[0-9]{1,6}\s*(?:期|号)(?:\s*[(（]\s*总第?\s*[0-9]{1,7}\s*期?\s*[)）])?"
    r"|[(（]?\s*总\s*第?\s*[0-9]{1,7}\s*期\s*[)）]?"
)
_SECTION_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}(?:版|专版|周刊|副刊|新闻))$")
_PUBLICATION = re.compile(
    r"^[\u4e00-\u9fff·・•\s]{2,20}(?:报|刊|周刊|导报|日报|晚报|时报|杂志|画报|旬刊|月刊)"
    r"(?:[·・•\s][\u4e00-\u9fff]{2,12})?$"
)
_EDITOR = re.compile(
    r"^[（(]?\s*(?:本版|本期)?\s*(?:责任|美术|值班|执行|图片|文字|版面)?\s*"
    r"(?:编辑|主编|责编|校对|审校|审核|版式设计|版式|设计|制图|组版|排版|终审|统筹)"
    r"(?:\s*[：:]|\s+[\u4e00-\u9fff])"
)
_CONTACT = re.compile(r"^(?:电话|传真|邮箱|电子邮箱|E-?mail|邮编|地址|网址)\s*[：:]", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^[\s\-—－–·•(（\[]*(?:第\s*)?[0-9]{1,3}\s*(?:版|页)?[\s\-—－–·•)）\]]*$"
)


def parse_date(text: str) -> dt.date | None:
    """The first calendar date written in a text (1998年1月1日, 一九九八年一月一日, 2023-11-15).

    Args:
        text: any text.

    Returns:
        The date, or None when no valid date is written.
    """
    match = _DATE.search(fold_width(text))
    if match is None:
        return None
    if match["year"] is not None:
        year = number_value(match["year"])
        month = number_value(match["month"])
        day = number_value(match["day"])
    else:
        year, month, day = int(match["y2"]), int(match["m2"]), int(match["d2"])
    if year is None or month is None or day is None:
        return None
    if year < 100:
        year += 1900 if year >= 50 else 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(slots=True)
class MastheadLine:
    """What one masthead line says (any field may be missing)."""

    publication: str | None = None
    date: dt.date | None = None
    page_label: str | None = None
    number: str | None = None
    weekday: bool = False


def read_masthead_line(text: str) -> MastheadLine | None:
    """Read a line that could belong to a page's masthead.

    A masthead line holds a date, a weekday, a page label (第5版, D4, A12版), an issue
    number (第12345期) and/or a publication name; nothing else but separators may be left.

    Args:
        text: one stripped line.

    Returns:
        What the line says, or None when it is not a masthead line.
    """
    if len(text) > 80:
        return None
    folded = fold_width(text).strip()
    if not folded or len(folded) > 60:
        return None
    found = MastheadLine()
    rest = folded
    date_match = _DATE.search(rest)
    if date_match is not None:
        found.date = parse_date(date_match.group(0))
        if found.date is None:
            return None
        rest = rest[: date_match.start()] + " " + rest[date_match.end() :]
    rest, weekdays = _WEEKDAY.subn(" ", rest)
    found.weekday = weekdays > 0
    rest = re.sub(r"农历[\u4e00-\u9fff]{2,8}", " ", rest) if found.date or found.weekday else rest
    number_match = _NUMBER.search(rest)
    if number_match is not None:
        found.number = re.sub(r"\s+", "", number_match.group(0))
        rest = rest[: number_match.start()] + " " + rest[number_match.end() :]
    page_match = _PAGE.search(rest)
    if page_match is not None:
        raw = page_match.group(0)
        raw = re.sub(r"^版次?\s*[:：]\s*", "", raw)
        found.page_label = normalise_page_label(raw)
        rest = rest[: page_match.start()] + " " + rest[page_match.end() :]
    pieces = [piece for piece in re.split(r"[\s|｜/／,，、\-—－–()（）\[\]【】]+", rest) if piece]
    leftovers: list[str] = []
    for piece in pieces:
        if _PUBLICATION.match(piece) and found.publication is None:
            found.publication = piece
        elif _SECTION_WORD.match(piece) and (found.date or found.page_label):
            continue
        else:
            leftovers.append(piece)
    if leftovers:
        return None
    if not (found.date or found.page_label or found.number or found.publication or found.weekday):
        return None
    return found


def is_publication_name(text: str) -> bool:
    """Tell whether a short line looks like a publication's name (…日报, …导报·…周刊)."""
    if len(text.strip()) > 24:
        return False
    return _PUBLICATION.match(fold_width(text).strip()) is not None


def is_editor_line(text: str) -> bool:
    """Tell whether a line credits the page's editors (责任编辑：…, 版式设计：…) or contacts."""
    if len(text.strip()) > 60:
        return False
    folded = fold_width(text).strip()
    return _EDITOR.match(folded) is not None or _CONTACT.match(folded) is not None


def is_page_number(text: str) -> bool:
    """Tell whether a line is only a page number (``5``, ``- 5 -``, ``第5版``)."""
    if len(text.strip()) > 12:
        return False
    folded = fold_width(text).strip()
    return bool(folded) and _PAGE_NUMBER.match(folded) is not None
