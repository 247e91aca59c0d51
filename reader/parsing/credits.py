"""Credit openers (本报讯, 新华社…电), trailing credits, continuation markers, captions, decks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.parsing.masthead import normalise_page_label
from reader.parsing.names import names_in_credit, parse_byline, split_names
from reader.parsing.script import originals, to_simplified
from reader.segment import fold_width

_HAN = r"\u4e00-\u9fff"
_NUM = r"[0-9０-９〇零○一二两三四五六七八九十]"
_DATE = rf"(?:{_NUM}{{1,4}}年)?{_NUM}{{1,3}}月(?:{_NUM}{{1,3}}日)?"
_AGENCY = (
    rf"(?:本报|本刊|本台|本网|新华社|中新社|中新网|人民网|新华网|央视网|中央社|中通社|"
    rf"[{_HAN}]{{2,8}}?(?:日报|晚报|早报|导报|时报|商报|周刊|电视台|广播电台|通讯社))"
)
# 本刊讯, 本报讯, 本报北京１月１日讯, 本报苏州１月１日电, 新华社北京12月31日电, 据新华社电,
# 综合本报和新华社电, 本报专电, 科技日报讯.
_OPENER = re.compile(
    rf"^(?:据|综合|综)?{_AGENCY}(?:和{_AGENCY})?"
    rf"(?:(?:驻[{_HAN}]{{1,8}}?记者)?"
    rf"(?:(?P<place1>[{_HAN}]{{1,8}}?)\s*{_DATE}|(?P<place2>[{_HAN}]{{1,4}}?)|{_DATE})?)\s*"
    rf"(?:专电|电|讯|消息)"
)
_PAREN_REPORTERS = re.compile(r"\s*[（(](?P<inner>[^（）()]{1,40})[）)]")
_REPORTED = re.compile(
    r"\s*(?P<inner>[^。！？：:；;，,（）()]{0,50}?记者[^。！？：:；;（）()]{1,60}?)报[道导][：:]"
)
_AFTER_OPENER = re.compile(r"[\s　:：]*")


@dataclass(slots=True)
class CreditOpener:
    """The credit opening a paragraph: its raw text, the rest of the paragraph, the names."""

    credit: str
    rest: str
    authors: list[str] = field(default_factory=list)


# 本报记者 李明 通讯员 王芳报道：… or 本报记者李明 王芳：…
_REPORTER_OPENER = re.compile(
    rf"(?:{_AGENCY})(?:驻[{_HAN}]{{1,8}}?)?(?:特约|特派|首席|实习)?(?:记者|通讯员)"
    r"[^。！？：:，,；;（）()“”]{1,40}?(?:报道|报导)?[：:]"
)
# Taiwan: 记者王小明／台北报导　行政院今天… (reporters, a slash, where they filed from).
_SLASH_REPORTERS = re.compile(
    rf"(?:{_AGENCY})?(?:特约|特派|首席|实习)?记者[^。！？：:，,；;（）()“”/／]{{2,30}}?"
    rf"[/／]\s*[{_HAN}]{{2,8}}?(?:报道|报导)(?:\s*[：:]\s*|[ 　]+)"
)
# A credit in brackets or parentheses before the text: 【本报讯】, 【明报专讯】,
# 〔记者王小明／台北报导〕, （中央社记者王小明台北12日电）.
_BRACKETED = re.compile(
    r"\s*(?P<open>[【〔［\[（(])\s*(?P<inner>[^【】〔〕［］\[\]（）()]{2,40}?)\s*"
    r"(?P<close>[】〕］\]）)])"
)
_CLOSING = {"【": "】", "〔": "〕", "［": "］", "[": "]", "（": "）", "(": ")"}
_NEWS_IN_BRACKETS = re.compile(rf"^[{_HAN}]{{1,8}}?报(?:专讯|讯|专电|电)$")
_AGENCY_FILED = re.compile(
    rf"^(?:{_AGENCY})(?:驻[{_HAN}]{{1,8}}?)?(?:特派|特约)?(?:记者|特派员)?"
    rf"[^【】〔〕［］（）()。，！？]{{0,30}}?(?:专电|电|讯)$"
)
# 本报记者 李明 通讯员 王芳 今年以来，… (names set apart by spaces, then the text)
_SPACED_REPORTERS = re.compile(
    rf"(?:{_AGENCY})(?:记者|通讯员)(?:[ 　]+[{_HAN}]{{2,4}})+"
    rf"(?:[ 　]+(?:记者|通讯员|实习生)(?:[ 　]+[{_HAN}]{{2,4}})+)*[ 　]+"
)


def _bracketed_opener(text: str, folded: str) -> CreditOpener | None:
    """A credit in brackets before the text (【本报讯】, （中央社记者王小明台北12日电））."""
    match = _BRACKETED.match(folded)
    if match is None or _CLOSING[match["open"]] != match["close"]:
        return None
    inner = match["inner"]
    opener = _OPENER.match(inner)
    whole_opener = opener is not None and opener.end() == len(inner)
    paren = match["open"] in "（("
    if paren:
        # In parentheses only an agency's dateline counts, and only with text after it:
        # （新华社北京12月31日电） alone on its line is a trailing credit.
        if not (whole_opener or _AGENCY_FILED.match(inner)) or not folded[match.end() :].strip():
            return None
    elif not (whole_opener or _NEWS_IN_BRACKETS.match(inner) or _AGENCY_FILED.match(inner)
              or (("记者" in inner or "通讯员" in inner) and names_in_credit(inner))):
        return None
    end = match.end()
    gap = _AFTER_OPENER.match(folded, end)
    if gap is not None:
        end = gap.end()
    authors = names_in_credit(text[match.start("inner") : match.end("inner")])
    return CreditOpener(credit=text[:end].rstrip(), rest=text[end:], authors=authors)


def _reporter_opener(text: str, folded: str) -> CreditOpener | None:
    for pattern in (_REPORTER_OPENER, _SLASH_REPORTERS, _SPACED_REPORTERS):
        match = pattern.match(folded)
        if match is None:
            continue
        authors = names_in_credit(text[: match.end()].strip(" 　：:"))
        end = match.end()
        rest = folded[end:]
        if not authors or (pattern is not _REPORTER_OPENER
                           and not re.search(r"[，。！？、]", rest)):
            continue  # names only (a byline), or no running text after them
        return CreditOpener(credit=text[:end].rstrip(), rest=text[end:], authors=authors)
    return None


def split_credit_opener(text: str) -> CreditOpener | None:
    """Split a paragraph that opens with a credit (本报讯, 新华社北京12月31日电（记者 …）).

    Also taken: a reporters' opener such as ``本报记者 李明 通讯员 王芳报道：`` or
    ``本报记者 李明 今年以来，…`` (names set apart by spaces), and the forms of Taiwan and Hong
    Kong papers: ``【本报讯】``, ``【X报专讯】``, ``〔记者王小明／台北报导〕``,
    ``记者王小明／台北报导　…``, ``（中央社记者王小明台北12日电）…``. Traditional characters
    are read as Simplified (本報訊); the credit, the rest and the names are cut from the text
    as printed.

    Args:
        text: a paragraph.

    Returns:
        The credit (with its reporter list and the separator after it), the paragraph text
        after it and the reporters' names; None when the paragraph opens with no credit.
    """
    # The patterns accept full-width digits: only the script is folded.
    folded = to_simplified(text)[:160]
    if folded[:1] in _CLOSING or folded[:1].isspace():
        bracketed = _bracketed_opener(text, folded)
        if bracketed is not None:
            return bracketed
    match = _OPENER.match(folded)
    if match is None:
        return _reporter_opener(text, folded)
    for place in (match["place1"], match["place2"]):
        if place and ("记者" in place or "的" in place or "在" in place):
            return None
    end = match.end()
    authors: list[str] = []
    reporters = _PAREN_REPORTERS.match(folded, end)
    if reporters is not None and (
        "记者" in reporters["inner"] or "通讯员" in reporters["inner"]
        or split_names(reporters["inner"]) is not None
    ):
        authors = names_in_credit(text[reporters.start("inner") : reporters.end("inner")])
        end = reporters.end()
    else:
        reported = _REPORTED.match(folded, end)
        if reported is not None:
            authors = names_in_credit(text[reported.start("inner") : reported.end("inner")])
            end = reported.end()
    gap = _AFTER_OPENER.match(folded, end)
    if gap is not None:
        end = gap.end()
    return CreditOpener(credit=text[:end].rstrip(), rest=text[end:], authors=authors)


# Checked on the text as printed (Traditional forms included) before anything is folded.
_MARKER_HINT = re.compile(r"[转接续轉續]")


_MARKER = re.compile(
    r"[（(]\s*(?P<verb>下转|上接|转接|紧接|转|接|续)\s*(?:第\s*)?"
    r"(?P<label>[A-Za-zＡ-Ｚａ-ｚ]{0,2}\s*[0-9０-９〇零○一二两三四五六七八九十百]{1,4})"
    r"\s*(?:版|页|面)?\s*[）)]"
)


@dataclass(slots=True)
class Marker:
    """A continuation marker found in a text."""

    raw: str
    start: int
    end: int
    forward: bool
    label: str


def find_markers(text: str) -> list[Marker]:
    """Find the continuation markers （下转D5版）, （上接第一版）, （转第4版） in a text.

    Args:
        text: a paragraph (下轉, 上接 in Traditional characters are read too).

    Returns:
        The markers, in order; ``forward`` is True for 下转/转 and False for 上接/接.
    """
    found: list[Marker] = []
    if _MARKER_HINT.search(text) is None:
        return found
    for match in _MARKER.finditer(to_simplified(text)):
        forward = match["verb"] in ("下转", "转")
        label = normalise_page_label(match["label"])
        found.append(Marker(text[match.start() : match.end()], match.start(), match.end(),
                            forward, label))
    return found


_TRAILING_PAREN = re.compile(r"[（(](?P<inner>[^（）()]{1,30})[）)]\s*$")
_CREDIT_INNER = re.compile(
    rf"^(?:据|综合)?(?:{_AGENCY}|[{_HAN}]{{0,8}}(?:社|台|网))[{_HAN}0-9]{{0,12}}(?:专电|电|讯|稿)$"
    r"|^(?:本报|本刊)?(?:专稿|特稿|综合报道|综合|供稿)$"
)
_END_MARK = re.compile(r"^(?:完|全文完|待续|未完待续|续完)$")


def read_trailing_credit(inner: str) -> list[str] | None:
    """Read the inside of a trailing parenthesis as an author or source credit.

    Args:
        inner: e.g. ``张鹏``, ``记者 李明``, ``本报开罗１月５日电``, ``据新华社电``, ``完``.

    Returns:
        The names it gives, as printed (possibly empty), or None when it is no credit.
    """
    key = fold_width(to_simplified(inner))
    folded = key.strip()
    if not folded:
        return None
    if _END_MARK.match(folded) or _CREDIT_INNER.match(folded):
        return []
    byline = parse_byline(folded)
    if byline is not None:
        return originals(inner, key, byline)
    return None


def split_trailing_credit(text: str) -> tuple[str, str, list[str]] | None:
    """Split a trailing credit such as （张鹏） off the end of a paragraph.

    Only a credit that follows the paragraph's closing punctuation is taken.

    Args:
        text: a paragraph.

    Returns:
        (paragraph without the credit, the raw credit, the names), or None.
    """
    match = _TRAILING_PAREN.search(text)
    if match is None or match.start() == 0:
        return None
    before = text[: match.start()].rstrip()
    if not before or before[-1] not in "。！？!?…”’」』":
        return None
    names = read_trailing_credit(match["inner"])
    if names is None:
        return None
    return before, text[match.start() :].strip(), names


_DASH_PREFIX = re.compile(r"^\s*(?:[—－–―─]{1,4}|-{2,4}|－{1,3})\s*")


def split_deck_dashes(text: str) -> tuple[str, str] | None:
    """Split a deck line ``——副题`` into its dashes and its text.

    Args:
        text: a line.

    Returns:
        (dashes, text), or None when the line does not open with a dash.
    """
    match = _DASH_PREFIX.match(text)
    if match is None or match.end() == 0 or match.end() >= len(text):
        return None
    dashes = match.group(0)
    if len(dashes.strip()) < 2 and dashes.strip() not in ("—", "―"):
        return None
    return dashes.strip(), text[match.end() :]


_CAPTION_START = re.compile(
    r"^(?:[（(]?(?:图为|图片为|上图|下图|左图|右图|左上图|右上图|图一|图二|图\s*[0-9０-９一二三四五六]+\s*[：:，,]"
    r"|图\s*[：:]|图片说明|照片说明|说明\s*[：:]|资料图片|题图|图片来源|摄影\s*[：:]|照片\s*[：:]))"
)
_PHOTO_CREDIT = re.compile(
    r"(?:摄影?|供图|图片由[^（）()]{1,20}提供|翻拍|传真照片|资料照片|资料图片)\s*[）)]?\s*"
    r"(?:[（(][^（）()]{1,10}[）)])*\s*$"
)


def is_caption(text: str) -> bool:
    """Tell whether a paragraph is a photo caption (图为…, …摄, （新华社记者 X 摄））.

    Args:
        text: a paragraph.

    Returns:
        True for a caption or a photographer's credit.
    """
    stripped = text.strip()
    if not stripped or len(stripped) > 400:
        return False
    folded = to_simplified(stripped)  # the patterns accept full-width digits
    if _CAPTION_START.match(folded):
        return len(folded) <= 400
    if _PHOTO_CREDIT.search(folded) and (
        len(folded) <= 60 or (len(folded) <= 400 and re.search(r"[（(][^（）()]{0,30}摄", folded))
    ):
        return True
    return len(folded) <= 300 and re.search(r"[。！？]\s*[（(]?图为", folded) is not None


_ANNOTATION = re.compile(
    r"[（(](?:附?图片?[0-9０-９一二三四五六七八九十]*张?|附照片[0-9０-９一二三四五六七八九十]*张?|图文|"
    r"外[一二三四五]首|[^（）()]{0,6}(?:书法|篆刻|油画|国画|版画|漫画|摄影|速写|剪纸|雕塑|图))[）)]\s*$"
)


def trailing_annotation(text: str) -> str | None:
    """The headline annotation at the end of a line, such as （附图片１张） or （图片）."""
    tail = text[-40:]
    match = _ANNOTATION.search(to_simplified(text)[-40:])
    if match is None:
        return None
    return tail[match.start() :]
