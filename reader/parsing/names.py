"""Personal names in bylines and credits: a surname table and a name splitter (no dictionary)."""

from __future__ import annotations

import re

from reader.parsing.script import originals, to_simplified

# Common single-character surnames (general knowledge, in rough order of frequency).
_SINGLE_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史"
    "陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
    "殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游"
    "辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫"
    "费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明"
    "佘池乐匡查钮燕封井尉花都伏谈容栗储廉冀邰谌云郁胥凤宿鞠计贝强苑綦厉晋昌丰茅"
    "虎危帅幸官羊亢习扈郜咸蔺薄逄闻芮蓬练邝郦揭赖阎邸鄢晁衡粟冼"
)
_COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文",
    "司徒", "令狐", "夏侯", "端木", "西门", "南宫", "独孤", "澹台", "呼延", "万俟", "轩辕",
)
SURNAMES = frozenset(_SINGLE_SURNAMES)
COMPOUND_SURNAMES = frozenset(_COMPOUND_SURNAMES)

_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
_NAME_SEPARATORS = re.compile(r"[\s、，,/／;；|·]+")

# Role words printed around names in bylines and credits.
ROLE_PATTERN = (
    r"(?:(?:本报|本刊|本台|本网|新华社|中新社|[\u4e00-\u9fff]{2,8}?(?:日报|晚报|报社|报|电视台|"
    r"广播电台|通讯社))?"
    r"(?:驻[\u4e00-\u9fff]{1,8}?)?"
    r"(?:特约|特派|首席|实习|摄影|见习|资深)?"
    r"(?:记者|通讯员|评论员|实习生|撰稿人|撰稿|编辑|作者))"
)
_ROLE = re.compile(ROLE_PATTERN)
_TRAILING_ROLE = re.compile(r"(?:文|撰文|整理|执笔|报道|报导|供稿|口述)$")
# Where the reporters filed from, before 报道 (报导 in Taiwan): 记者王小明／台北报导,
# 记者 李明 北京报道. After a slash it is always a place; after a space only if no name.
_REPORTED_FROM = re.compile(
    r"(?P<sep>\s*[/／]\s*|\s+)(?P<place>[\u4e00-\u9fff]{2,6})\s*(?:报道|报导)\s*[：:]?$"
)
# A dateline after the names, as in Taiwan's 中央社记者王小明台北12日电.
_DATELINE_END = re.compile(r"\s*[0-9０-９]{1,2}\s*日\s*(?:专电|电)$")
_LEADING_ROLE = re.compile(r"^(?:文|图|图文)[/／:：]")


_NEVER_IN_NAMES = frozenset("的了和与在是着们之其这那个些么吗呢吧啊")


def _strip_reported(text: str) -> str:
    """A byline or credit without its trailing ``／台北报导`` (place of filing and 报道)."""
    match = _REPORTED_FROM.search(text)
    if match is not None and (match["sep"].strip() or _split_names(match["place"]) is None):
        return text[: match.start()]
    return text


def _split_run(run: str) -> list[str] | None:
    """Split a run of Han characters into surname-led names of two to four characters."""
    if not run:
        return []
    best: list[list[str] | None] = [None] * (len(run) + 1)
    best[len(run)] = []
    for start in range(len(run) - 1, -1, -1):
        options: list[list[str]] = []
        for length in (3, 2, 4):
            end = start + length
            tail = best[end] if end <= len(run) else None
            if tail is None:
                continue
            chunk = run[start:end]
            compound = chunk[:2] in COMPOUND_SURNAMES
            if length == 4 and not compound:
                continue
            if not compound and chunk[0] not in SURNAMES:
                continue
            if any(char in _NEVER_IN_NAMES for char in chunk[1:]):
                continue
            options.append([chunk, *tail])
        if options:
            # Fewest names first (each name as long as possible), then prefer 3-character names.
            best[start] = min(options, key=lambda names: (len(names), -len(names[0])))
    return best[0]


def _restored(text: str, key: str, names: list[str] | None) -> list[str] | None:
    """Names read from ``key`` (the folded text) as printed in ``text``."""
    if names is None or key is text:
        return names
    return originals(text, key, names)


def split_names(text: str, *, max_names: int = 6) -> list[str] | None:
    """Split a string of personal names (with or without separators) into names.

    Every name must start with a known surname and be two to four characters long.
    Traditional characters are read as Simplified; the names are returned as printed.

    Args:
        text: e.g. ``"张鹏"``, ``"李明 王芳"``, ``"陈宏林、张东波"`` or ``"潘跃王萍"``.
        max_names: refuse strings holding more names than this.

    Returns:
        The names, or None when the text is not a list of personal names.
    """
    key = to_simplified(text)
    return _restored(text, key, _split_names(key, max_names=max_names))


def _split_names(text: str, *, max_names: int = 6) -> list[str] | None:
    names: list[str] = []
    for part in _NAME_SEPARATORS.split(text.strip()):
        if not part:
            continue
        if not _HAN.match(part):
            return None
        split = _split_run(part)
        if not split:
            return None
        names.extend(split)
    if not names or len(names) > max_names:
        return None
    if len(names) == 1 and len(names[0]) == 2 and names[0][1] in "国省市县州区镇乡村":
        return None
    return names


def parse_byline(text: str, *, require_role: bool = False) -> list[str] | None:
    """Read a byline such as ``杨晓``, ``本报记者 王楚`` or ``本报驻法国记者果永毅``.

    Args:
        text: one line of text (Traditional characters are read as Simplified).
        require_role: accept only bylines with a role word (记者, 通讯员, 评论员…).

    Returns:
        The personal names of the byline as printed (possibly empty for ``本报评论员``), or
        None when the line is not a byline.
    """
    key = to_simplified(text)
    return _restored(text, key, _parse_byline(key, require_role=require_role))


def _parse_byline(text: str, *, require_role: bool = False) -> list[str] | None:
    stripped = text.strip()
    if not stripped or len(stripped) > 40:
        return None
    stripped = _strip_reported(_LEADING_ROLE.sub("", stripped))
    if not require_role:
        titled = _parse_titled_name(stripped)
        if titled is not None:
            return titled
    names: list[str] = []
    had_role = False
    position = 0
    pieces: list[str] = []
    for match in _ROLE.finditer(stripped):
        pieces.append(stripped[position : match.start()])
        position = match.end()
        had_role = True
    pieces.append(stripped[position:])
    if require_role and not had_role:
        return None
    for piece in pieces:
        piece = _TRAILING_ROLE.sub("", piece.strip(" 　、，,/／:："))
        if not piece:
            continue
        found = _split_names(piece)
        if found is None:
            return None
        names.extend(found)
    if not names and not had_role:
        return None
    return names


_TITLES = (
    "部长|局长|司长|厅长|处长|科长|所长|院长|校长|馆长|台长|社长|站长|主任|主席|书记|委员|"
    "研究员|教授|院士|专家|学者|行长|总经理|经理|董事长|总裁|会长|理事长|秘书长|部委|市长|省长|"
    "县长|区长|乡长|镇长|村长|州长|盟长|代表|干部|工程师|经济师|会计师|律师|医师|教师|"
    "总编辑|主编|编审|司令员|政委|军长|师长|团长|特派员|参事|顾问|大使|领事|参赞"
)
_TITLED_NAME = re.compile(
    rf"^(?P<office>[\u4e00-\u9fff（）()·、]{{0,24}}?(?:副|代|常务副|名誉)?(?:{_TITLES}))"
    r"\s*(?P<name>[\u4e00-\u9fff]{2,4})$"
)


_NOT_OFFICE = re.compile(
    r"会见|会谈|接见|指出|强调|表示|出席|访问|考察|视察|看望|慰问|向|在|对|为|时|的"
)
_NOT_NAME = re.compile(r"指出|表示|强调|认为|要求|提出|说|的|了|在|和|与|等")


def parse_titled_name(text: str) -> list[str] | None:
    """Read an author line made of an office and a name (农业部部长 刘某, 某所研究员王某).

    Args:
        text: one line (Traditional characters are read as Simplified).

    Returns:
        The name as printed, as a one-element list, or None.
    """
    key = to_simplified(text)
    return _restored(text, key, _parse_titled_name(key))


def _parse_titled_name(text: str) -> list[str] | None:
    stripped = text.strip()
    if len(stripped) > 40:
        return None
    match = _TITLED_NAME.match(stripped)
    if match is None or _NOT_OFFICE.search(match["office"]) or _NOT_NAME.search(match["name"]):
        return None
    return _split_names(match["name"], max_names=1)


_PLACE_AND_NAME = re.compile(r"^[\u4e00-\u9fff（）()·、\s]{2,30}$")


def ends_with_name(text: str) -> bool:
    """Tell whether a short credit ends with a personal name (某省某县某单位 张三)."""
    stripped = to_simplified(text).strip()
    if not _PLACE_AND_NAME.match(stripped):
        return False
    tail = stripped.split()[-1] if stripped.split() else ""
    for length in (3, 2):
        if len(tail) > length and _split_names(tail[-length:], max_names=1):
            return True
    return len(tail) <= 3 and _split_names(tail, max_names=1) is not None


def names_in_credit(text: str) -> list[str]:
    """Pick the personal names out of a credit's reporter list.

    Args:
        text: e.g. ``记者 李明 通讯员 王芳`` or ``新华社记者胡晓梦、本报记者吴亚明报道``
            (Traditional characters are read as Simplified).

    Returns:
        The names found, as printed (may be empty).
    """
    key = to_simplified(text)
    return _restored(text, key, _names_in_credit(key)) or []


def _names_in_credit(text: str) -> list[str]:
    cleaned = re.sub(r"(?:报道|报导)[：:]?$", "", _strip_reported(text.strip()))
    dated = _DATELINE_END.search(cleaned)
    if dated is not None:
        cleaned = cleaned[: dated.start()]
    names: list[str] = []
    for piece in _ROLE.split(cleaned):
        piece = _TRAILING_ROLE.sub("", piece.strip(" 　、，,/／:：（）()"))
        if not piece:
            continue
        found = _names_before_place(piece) if dated is not None else None
        if found is None:
            found = _split_names(piece)
        if found:
            names.extend(found)
    return names


def _names_before_place(piece: str) -> list[str] | None:
    """Names run into the place of a dateline (王小明台北, 李大同华盛顿): the place is cut off.

    Only the last name may carry the place; it is taken when the rest is one name.
    """
    parts = _NAME_SEPARATORS.split(piece)
    head = parts[:-1]
    names: list[str] = []
    for part in head:
        found = _split_names(part)
        if found is None:
            return None
        names.extend(found)
    last = parts[-1]
    for place in (2, 3, 4):
        found = _split_names(last[:-place], max_names=1) if len(last) > place + 1 else None
        if found:
            return [*names, *found]
    return None
