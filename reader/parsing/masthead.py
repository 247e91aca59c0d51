"""Page furniture: masthead lines (publication, date, page label), editor lines, page numbers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reader.parsing.script import to_simplified
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
    folded = _key(text).strip()
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
    folded = _key(label).strip()
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
    rf"(?P<roc>(?:中华)?民国\s*)?(?P<year>{_NUM}{{4}}|{_NUM}{{2,3}})\s*年\s*"
    rf"(?P<month>{_NUM}{{1,3}})\s*月\s*(?P<day>{_NUM}{{1,3}})\s*日"
    r"|(?<!\d)(?P<y2>\d{4})\s*[-./]\s*(?P<m2>\d{1,2})\s*[-./]\s*(?P<d2>\d{1,2})(?!\d)"
)
_WEEKDAY = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天]")
# Lunar dates printed beside the calendar date: 农历十月初一, 农历癸卯年八月廿八, 癸卯年腊月廿三.
_LUNAR_DAY = (
    r"(?:初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十[一二三四五六七八九]?"
    r"|廿[一二三四五六七八九]?|三十|卅)"
)
_GANZHI_YEAR = r"[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年"
_LUNAR = re.compile(
    rf"(?:农历|夏历|阴历)\s*(?:{_GANZHI_YEAR}\s*|[鼠牛虎兔龙蛇马羊猴鸡狗猪]年\s*)?"
    rf"(?:闰\s*)?[正一二三四五六七八九十冬腊]{{1,2}}月\s*(?:大|小)?\s*{_LUNAR_DAY}?"
    rf"|(?:农历|夏历|阴历)\s*(?:{_GANZHI_YEAR}|[鼠牛虎兔龙蛇马羊猴鸡狗猪]年)"
    rf"|{_GANZHI_YEAR}(?:\s*(?:闰\s*)?[正一二三四五六七八九十冬腊]{{1,2}}月\s*{_LUNAR_DAY}?)?"
    r"|(?:农历|夏历|阴历)[\u4e00-\u9fff]{2,8}"
)
# How many pages the issue has (今日16版, 本期共8版): not the page's own label.
_PAGE_COUNT = re.compile(
    r"(?:今日|今天|本期|本报今日|本日)\s*(?:共\s*)?[0-9一二三四五六七八九十]{1,3}\s*(?:个)?\s*版"
    r"|共\s*[0-9一二三四五六七八九十]{1,3}\s*版"
)
# Serial and postal numbers: 国内统一连续出版物号 CN11-0065, 邮发代号1-1.
_SERIAL = re.compile(
    r"(?:国内统一(?:连续)?出版物号\s*[:：]?\s*)?CN\s*\d{2}\s*[-－]\s*\d{4}(?:\s*/\s*[A-Z]{1,3})?"
    r"|(?:国际标准连续出版物号\s*[:：]?\s*)?ISSN\s*\d{4}\s*[-－]\s*\d{3}[\dX]"
    r"|邮发代号\s*[:：]?\s*\d{1,3}\s*[-－]\s*\d{1,4}"
)
_PAGE = re.compile(
    r"第\s*[0-9〇零一二三四五六七八九十]{1,4}\s*[版页]"
    r"|(?<![A-Za-z0-9])第?\s*[A-Za-z]{1,2}\s*[0-9]{1,3}\s*版?(?![0-9])"
    r"|(?<![0-9])[0-9]{1,3}\s*版"
    r"|版次?\s*[:：]\s*[A-Za-z]{0,2}[0-9]{1,3}"
)
_NUMBER = re.compile(
    r"(?:总\s*)?第\s*[0-9]{1,6}\s*(?:期|号)(?:\s*[(（]\s*总第?\s*[0-9]{1,7}\s*期?\s*[)）])?"
    r"|[(（]?\s*总\s*第?\s*[0-9]{1,7}\s*期\s*[)）]?"
)
_SECTION_WORD = re.compile(r"^(?:[\u4e00-\u9fff]{2,6}(?:版|专版|周刊|副刊|新闻))$")
# Once a line holds two of date, weekday, page label and issue number, a few short words
# may stand beside them: a section name (要闻, 国际), the weather (晴).
_SHORT_WORD = re.compile(r"^[\u4e00-\u9fff·・]{1,4}$")
_PUBLICATION = re.compile(
    r"^[\u4e00-\u9fff·・•\s]{2,20}(?:报|刊|周刊|导报|日报|晚报|时报|杂志|画报|旬刊|月刊)"
    r"(?:[·・•\s][\u4e00-\u9fff]{2,12})?$"
)
# A short name (明报) is only taken on a line that also has a date or a page label.
_SHORT_PUBLICATION = re.compile(r"^[\u4e00-\u9fff]报$")
_SEPARATORS = r"\s|｜/／,，、\-—－–()（）\[\]【】<>《》〈〉"
_PIECE = re.compile(rf"[^{_SEPARATORS}]+")
_EDITOR = re.compile(
    r"^[（(]?\s*(?:本版|本期)?\s*(?:责任|美术|值班|执行|图片|文字|版面)?\s*"
    r"(?:编辑|主编|责编|校对|审校|审核|版式设计|版式|设计|制图|组版|排版|终审|统筹)"
    r"(?:\s*[：:]|\s+[\u4e00-\u9fff])"
)
_CONTACT = re.compile(r"^(?:电话|传真|邮箱|电子邮箱|E-?mail|邮编|地址|网址)\s*[：:]", re.IGNORECASE)
_PAGE_NUMBER = re.compile(
    r"^[\s\-—－–·•(（\[]*(?:第\s*)?[0-9]{1,3}\s*(?:版|页)?[\s\-—－–·•)）\]]*$"
)


_SENTENCE_MARK = re.compile(r"[。！？；!?;]")


def _key(text: str) -> str:
    """The text as the rules read it: Simplified characters, narrow forms; same length."""
    return fold_width(to_simplified(text))


def parse_date(text: str) -> dt.date | None:
    """The first calendar date written in a text (1998年1月1日, 一九九八年一月一日, 2023-11-15).

    Also read: full-width digits (１９９８年１月１日), dots or slashes (2023.10.12), Traditional
    characters, and years of the Republic of China era (民國112年10月12日, a three-digit year).

    Args:
        text: any text.

    Returns:
        The date, or None when no valid date is written.
    """
    return _date_of(_DATE.search(_key(text)))


def _date_of(match: re.Match[str] | None) -> dt.date | None:
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
    if match["roc"] is not None or (match["year"] is not None and len(match["year"]) == 3):
        year += 1911  # 民国112年, or 112年 as printed in Taiwan
    elif year < 100:
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

    def strong(self) -> bool:
        """Whether the line holds two of date, weekday, page label and issue number."""
        return sum(map(bool, (self.date, self.weekday, self.page_label, self.number))) >= 2


def _blank(text: str, start: int, end: int) -> str:
    """The text with a span replaced by spaces (offsets stay valid)."""
    return text[:start] + " " * (end - start) + text[end:]


def read_masthead_line(text: str) -> MastheadLine | None:
    """Read a line that could belong to a page's masthead.

    A masthead line holds a date, a weekday, a page label (第5版, 第A01版, A1版, 第三版, D4), an
    issue number (第512期, 总第12345期), lunar-date text (农历十月初一) and/or a publication name,
    in any order; nothing else but separators may be left, except a few short words (a
    section name, the weather) on a line that has two of date, weekday, page label and issue
    number. Traditional characters and full-width forms are read too; the publication name
    is cut from the line as printed.

    Args:
        text: one stripped line.

    Returns:
        What the line says, or None when it is not a masthead line.
    """
    if len(text) > 80:
        return None
    key = _key(text)
    if not key.strip() or len(key.strip()) > 60 or _SENTENCE_MARK.search(key) is not None:
        return None
    found = MastheadLine()
    rest = key
    date_match = _DATE.search(rest)
    if date_match is not None:
        found.date = _date_of(date_match)
        if found.date is None:
            return None
        rest = _blank(rest, *date_match.span())
    for match in _WEEKDAY.finditer(rest):
        found.weekday = True
        rest = _blank(rest, *match.span())
    if found.date or found.weekday:
        for match in _LUNAR.finditer(rest):
            rest = _blank(rest, *match.span())
    if "版" in rest:
        for match in _PAGE_COUNT.finditer(rest):
            rest = _blank(rest, *match.span())
    if "CN" in rest or "ISSN" in rest or "代号" in rest:
        for match in _SERIAL.finditer(rest):
            rest = _blank(rest, *match.span())
    numbers = []
    for match in _NUMBER.finditer(rest):
        start, end = match.span()
        while end > start and rest[end - 1].isspace():
            end -= 1  # blanks of a field already read, taken by a trailing \s*
        numbers.append(re.sub(r"\s+", "", fold_width(text[start:end])))
        rest = _blank(rest, start, end)
    if numbers:
        found.number = " ".join(numbers)
    page_match = _PAGE.search(rest)
    if page_match is not None:
        raw = re.sub(r"^版次?\s*[:：]\s*", "", page_match.group(0))
        found.page_label = normalise_page_label(raw)
        rest = _blank(rest, *page_match.span())
    strong = found.strong()
    short_words = 0
    for match in _PIECE.finditer(rest):
        piece = match.group(0)
        if found.publication is None and (
            _PUBLICATION.match(piece)
            or (_SHORT_PUBLICATION.match(piece) and (found.date or found.page_label))
        ):
            found.publication = text[match.start() : match.end()]
        elif _SECTION_WORD.match(piece) and (found.date or found.page_label):
            continue
        elif strong and short_words < 2 and _SHORT_WORD.match(piece):
            short_words += 1
        else:
            return None
    if not (found.date or found.page_label or found.number or found.publication or found.weekday):
        return None
    return found


def is_publication_name(text: str) -> bool:
    """Tell whether a short line looks like a publication's name (…日报, …导报·…周刊)."""
    if len(text.strip()) > 24:
        return False
    return _PUBLICATION.match(_key(text).strip()) is not None


def is_editor_line(text: str) -> bool:
    """Tell whether a line credits the page's editors (责任编辑：…, 版式设计：…) or contacts."""
    if len(text.strip()) > 60:
        return False
    folded = _key(text).strip()
    return _EDITOR.match(folded) is not None or _CONTACT.match(folded) is not None


def is_page_number(text: str) -> bool:
    """Tell whether a line is only a page number (``5``, ``- 5 -``, ``第5版``)."""
    if len(text.strip()) > 12:
        return False
    folded = _key(text).strip()
    return bool(folded) and _PAGE_NUMBER.match(folded) is not None
