"""HTML e-paper pages (数字报 / 电子版): articles and page metadata from the markup.

Parsing: ``lxml.html`` with a parser that fetches nothing (``no_network``), keeps no
processing instructions and refuses huge trees; scripts, styles, forms, frames, navigation,
asides and page headers/footers (outside an ``<article>``) are dropped before any text is
read. The page is decoded like a text page (byte-order mark, the declared charset as a
prior, then scoring), so a GB2312 page that declares UTF-8 still reads right.

Articles: each ``<article>`` element is one; Founder e-paper markup (``<founder-title>``,
``<founder-content>`` …) is one; otherwise the headings decide — the level whose headings
(two or more) each open text is where articles start, unless a higher heading itself opens
text (then those are the sections of one article). Headings and lines marked by their class
(``subtitle``, ``author``, ``caption`` …) fill the article's fields; see ``structured``. A
page without headings, meta title or ``<article>`` is rendered as text for the page parser.

Metadata (document metadata, which wins over what the page parser finds in the text and over
the file name): ``<meta>`` tags (publishdate, author, contentsource …), Founder's
``<!--enpproperty …-->`` block, and 版次 lines such as 《河东晚报》（2024年05月17日 第03版）.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reader.errors import InputError
from reader.formats.model import PageOutcome, SourcePage
from reader.formats.source import SourceFile
from reader.formats.structured import ArticleFields, build_article, clean_text
from reader.formats.text import parse_text
from reader.parsing.masthead import (
    is_editor_line,
    normalise_page_label,
    parse_date,
    read_masthead_line,
)
from reader.parsing.model import ParsedPage
from reader.parsing.names import parse_byline
from reader.store import PageMeta
from reader.textio import decode_page_bytes, normalize_text

WordCheck = Callable[[str], bool]


# Dropped with everything inside them.
_DROPPED = (
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "form", "button", "select", "textarea", "input", "svg", "canvas",
    "map", "audio", "video", "nav", "aside", "head", "title", "link", "meta",
)
# Page header and footer: dropped unless they belong to an article.
_PAGE_CHROME = ("header", "footer")
# Classes and ids of page chrome (whole tokens only: ``article-header`` is no page header).
_CHROME_TOKENS = frozenset({
    "header", "footer", "nav", "navbar", "menu", "breadcrumb", "breadcrumbs", "sidebar",
    "copyright", "share", "toolbar", "pagination", "pager", "banner", "topbar", "bottom",
})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "body", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "table", "tbody", "thead", "tfoot", "tr", "td", "th",
    "blockquote", "pre", "figure", "figcaption", "center", "address", "hr", "caption",
    "header", "footer", "font-block",
})
_FOUNDER = {
    "founder-title": ("title", 1),
    "founder-subtitle": ("subtitle", 2),
    "founder-introtitle": ("kicker", 2),
    "founder-author": ("byline", 0),
    "founder-content": ("body", 0),
}
_HINTS = (
    ("subtitle", re.compile(r"sub[-_ ]?title|subhead|\bfbt\b|\bdeck\b|副题")),
    ("kicker", re.compile(r"intro[-_ ]?title|kicker|pre[-_ ]?title|over[-_ ]?title|\byt\b|引题")),
    ("title", re.compile(r"title|headline|\bbt\b|标题")),
    ("byline", re.compile(r"author|byline|writer|reporter|zuozhe|作者")),
    ("caption", re.compile(r"caption|pic[-_ ]?desc|img[-_ ]?desc|photo[-_ ]?text|\btpsm\b|图说")),
    ("info", re.compile(r"\bsec\b|source|\bdate\b|\btime\b|\binfo\b|\bmeta\b|banci|版次|laiyuan")),
)
_PSEUDO_LEVEL = {"title": 1, "subtitle": 2, "kicker": 2}
_META_PUBLICATION = ("newspaper", "publication", "papername", "contentsource", "source",
                     "og:site_name", "sitename", "application-name")
_META_DATE = ("publishdate", "pubdate", "publish_date", "publishtime", "date", "dc.date",
              "dc.date.issued", "article:published_time", "og:article:published_time",
              "releasedate", "created")
_META_PAGE = ("page", "pagenum", "pagename", "banci", "版次", "layout")
_META_AUTHOR = ("author", "dc.creator", "article:author", "byline")
_META_TITLE = ("headline", "articletitle", "title", "og:title")
_META_SUBTITLE = ("subtitle", "subheadline")
_META_KICKER = ("introtitle", "kicker", "pretitle")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ENP = re.compile(r"<!--\s*enpproperty(.*?)/enpproperty\s*-->", re.DOTALL | re.IGNORECASE)
_ENP_FIELD = re.compile(r"<(\w+)>(.*?)</\1>", re.DOTALL)
_PAGE_IN_TEXT = re.compile(r"第\s*([A-Za-z]{0,2}\s*[0-9０-９]{1,3})\s*版")
_E_PAPER_SUFFIX = re.compile(
    r"(?:数字报(?:刊)?(?:平台)?|电子版|电子报|数字版|网络版|官网|官方网站)$"
)
_SPLIT_SITE = re.compile(r"[-－—_|｜·]+")


@dataclass(slots=True)
class _Unit:
    """One line of the page's visible text, with what the markup says about it."""

    text: str
    level: int = 0
    hint: str | None = None
    link: bool = False
    article: int = -1

    @property
    def heading(self) -> bool:
        return self.level > 0

    @property
    def body(self) -> bool:
        """Running text (not a heading, caption, byline, info line or link)."""
        return not self.level and not self.link and self.hint in (None, "body")


@dataclass(slots=True)
class _Context:
    level: int = 0
    hint: str | None = None
    article: int = -1


@dataclass(slots=True)
class _Walker:
    units: list[_Unit] = field(default_factory=list)
    buffer: list[tuple[str, bool]] = field(default_factory=list)
    articles: int = 0

    def flush(self, context: _Context) -> None:
        text = clean_text("".join(piece for piece, _link in self.buffer))
        if text:
            linked = sum(len(piece.strip()) for piece, link in self.buffer if link)
            total = sum(len(piece.strip()) for piece, _link in self.buffer) or 1
            self.units.append(
                _Unit(
                    text=text,
                    level=context.level,
                    hint=context.hint,
                    link=linked / total >= 0.9 and len(text) < 80,
                    article=context.article,
                )
            )
        self.buffer.clear()

    def walk(self, element: Any, context: _Context, in_link: bool) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag == "br":
            self.flush(context)
            return
        block = tag in _BLOCKS or tag in _FOUNDER
        if block:
            self.flush(context)
            context = self._context(element, tag, context)
        link = in_link or tag == "a"
        if tag and element.text:
            self.buffer.append((element.text, link))
        for child in element:
            self.walk(child, context, link)
            if child.tail:
                self.buffer.append((child.tail, in_link or (tag == "a")))
        if block:
            self.flush(context)

    def _context(self, element: Any, tag: str, parent: _Context) -> _Context:
        article = parent.article
        if tag == "article" and parent.article < 0:
            article = self.articles
            self.articles += 1
        if tag in _FOUNDER:
            hint, level = _FOUNDER[tag]
            return _Context(level=level, hint=hint, article=article)
        level = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else 0
        own = _hint_of(element)
        if tag == "figcaption":
            own = "caption"
        inherited = parent.hint if parent.hint in ("byline", "caption", "info", "body") else None
        hint = own or inherited
        if not level and own in _PSEUDO_LEVEL and not _has_block_child(element):
            level = _PSEUDO_LEVEL[own]
        if level and hint in ("info", "body"):
            hint = None
        return _Context(level=level, hint=hint, article=article)


def _has_block_child(element: Any) -> bool:
    return any(
        isinstance(child.tag, str)
        and (child.tag.lower() in _BLOCKS or child.tag.lower() in _FOUNDER)
        for child in element
    )


def _hint_of(element: Any) -> str | None:
    marks = " ".join(
        filter(None, (element.get("class"), element.get("id"), element.get("itemprop")))
    ).lower()
    if not marks:
        return None
    for hint, pattern in _HINTS:
        if pattern.search(marks):
            return hint
    return None


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    match = _XML_ENCODING.match(head) or _CHARSET.search(head)
    if match is None:
        return None
    name = match.group(1).decode("ascii", "replace")
    try:
        codecs.lookup(name)
    except LookupError:
        return None
    return name


def _parse_html(text: str, display: str) -> Any:
    from lxml import etree, html

    parser = html.HTMLParser(
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        recover=True,
        default_doctype=False,
        collect_ids=False,
    )
    try:
        root = html.document_fromstring(_XML_DECLARATION.sub("", text, count=1), parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise InputError(f"{display}: not a readable HTML page ({error})") from None
    return root


def _clean_tree(root: Any) -> dict[str, str]:
    """Collect the meta tags, then drop everything that is not page content."""
    metas: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop")
               or meta.get("http-equiv") or "").strip().lower()
        content = (meta.get("content") or "").strip()
        if key and content and key not in metas:
            metas[key] = content
    doomed = [element for element in root.iter(*_DROPPED)]
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        tokens = set((element.get("class") or "").lower().split())
        tokens.add((element.get("id") or "").lower())
        if (element.tag in _PAGE_CHROME or tokens & _CHROME_TOKENS) and not any(
            ancestor.tag == "article" for ancestor in element.iterancestors()
        ):
            doomed.append(element)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.get("hidden") is not None or element.get("aria-hidden") == "true" or (
            element.get("role") in ("navigation", "banner", "contentinfo", "search")
        ) or re.search(r"display\s*:\s*none", element.get("style") or "", re.IGNORECASE):
            doomed.append(element)
    for element in doomed:
        parent = element.getparent()
        if parent is None:
            continue
        tail = element.tail
        previous = element.getprevious()
        parent.remove(element)
        if tail:  # text after a dropped element stays
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    return metas


def _enp_fields(text: str) -> dict[str, str]:
    match = _ENP.search(text)
    if match is None:
        return {}
    return {
        key.lower(): clean_text(value)
        for key, value in _ENP_FIELD.findall(match.group(1))
        if clean_text(value)
    }


def _first(metas: dict[str, str], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = metas.get(key)
        if value:
            return value
    return None


def _publication_name(value: str | None) -> str | None:
    """A publication's name from a site name (河东晚报数字报 → 河东晚报, 某网－某日报 → 某日报)."""
    if not value:
        return None
    for piece in reversed(_SPLIT_SITE.split(value)):
        piece = _E_PAPER_SUFFIX.sub("", piece.strip()).strip()
        if 2 <= len(piece) <= 24 and re.search(r"(?:报|刊|杂志|画报)$", piece):
            return piece
    return None


def _page_label(value: str | None) -> str | None:
    if not value:
        return None
    match = _PAGE_IN_TEXT.search(value)
    if match is not None:
        return normalise_page_label(match.group(1))
    value = value.strip()
    if re.fullmatch(r"[A-Za-z]{0,2}\s*[0-9]{1,3}", value):
        return normalise_page_label(value)
    return None


def _document_meta(
    metas: dict[str, str], enp: dict[str, str], info_lines: list[str]
) -> PageMeta:
    publication = date = label = number = None
    for line in info_lines:
        found = read_masthead_line(line)
        if found is None:
            found_label = _page_label(line)
            label = label or found_label
            continue
        publication = publication or found.publication
        date = date or found.date
        label = label or found.page_label
        number = number or found.number
    date = date or parse_date(enp.get("date", "")) or parse_date(
        _first(metas, _META_DATE) or ""
    )
    label = label or _page_label(enp.get("nodename")) or _page_label(_first(metas, _META_PAGE))
    if publication is None:
        for key in _META_PUBLICATION:
            publication = _publication_name(metas.get(key))
            if publication:
                break
    if publication:
        publication = publication.strip("《》 ")
    return PageMeta(publication=publication, date=date, page_label=label, number=number)


def _directly_opens_text(units: list[_Unit], index: int, split_level: int | None) -> bool:
    """Whether the heading at ``index`` is followed by running text (its subheads skipped)."""
    level = units[index].level
    for unit in units[index + 1 :]:
        if unit.body:
            return True
        if unit.heading:
            if unit.level <= level or unit.level == split_level:
                return False
            continue
    return False


def _article_starts(units: list[_Unit]) -> list[int] | None:
    """Where articles start (indexes of their headlines), or None for a single article."""
    levels = sorted({unit.level for unit in units if unit.heading})
    split_level = None
    for level in levels:
        opening = [
            index
            for index, unit in enumerate(units)
            if unit.level == level
            and unit.hint not in ("subtitle", "kicker")
            and _directly_opens_text(units, index, None)
        ]
        if len(opening) >= 2:
            split_level = level
            starts = opening
            break
    if split_level is None:
        return None
    for index, unit in enumerate(units):
        if unit.heading and unit.level < split_level and _directly_opens_text(
            units, index, split_level
        ):
            return None  # a headline with its own text above: the others are its sections
    return starts


def _title_index(units: list[_Unit]) -> int | None:
    marked = [i for i, unit in enumerate(units) if unit.heading and unit.hint == "title"]
    if marked:
        return marked[0]
    headings = [i for i, unit in enumerate(units) if unit.heading and unit.hint != "kicker"]
    opening = [i for i in headings if _directly_opens_text(units, i, None)]
    candidates = opening or headings
    if not candidates:
        return None
    top = min(units[i].level for i in candidates)
    return next(i for i in candidates if units[i].level == top)


def _assemble(
    units: list[_Unit], furniture: list[str], defaults: ArticleFields | None
) -> ArticleFields:
    """Fill one article's fields from its units; what is not the article's goes to furniture."""
    fields = ArticleFields()
    title_at = _title_index(units)
    if title_at is None:
        if defaults is not None:
            fields.title = defaults.title
            fields.subtitle = defaults.subtitle
            fields.kicker = defaults.kicker
        start = 0
    else:
        fields.title = units[title_at].text
        start = title_at + 1
        before = units[:title_at]
        if before and before[-1].heading and (
            before[-1].hint == "kicker" or before[-1].level > units[title_at].level
        ):
            fields.kicker = before[-1].text
            before = before[:-1]
        for unit in before:
            if unit.hint == "kicker" and fields.kicker is None:
                fields.kicker = unit.text
            elif unit.hint == "subtitle" and fields.subtitle is None:
                fields.subtitle = unit.text
            elif unit.hint == "byline":
                fields.byline = _join(fields.byline, unit.text)
            else:
                furniture.append(unit.text)
    in_head = True
    for unit in units[start:]:
        if unit.hint == "caption":
            fields.captions.append(unit.text)
        elif unit.hint == "byline" and len(unit.text) <= 60:
            fields.byline = _join(fields.byline, unit.text)
        elif unit.link or unit.hint == "info":
            furniture.append(unit.text)
        elif unit.heading:
            title_level = units[title_at].level if title_at is not None else 0
            if in_head and (unit.hint == "subtitle" or unit.level > title_level):
                fields.subtitle = _join(fields.subtitle, unit.text)
            else:
                fields.headings.add(len(fields.paragraphs))
                fields.paragraphs.append(unit.text)
        elif unit.hint == "subtitle" and in_head:
            fields.subtitle = _join(fields.subtitle, unit.text)
        elif unit.hint == "kicker" and in_head and fields.kicker is None:
            fields.kicker = unit.text
        elif not fields.paragraphs and read_masthead_line(unit.text) is not None:
            furniture.append(unit.text)
        elif in_head and len(unit.text) <= 40 and (
            parse_byline(unit.text, require_role=True) is not None
        ):
            fields.byline = _join(fields.byline, unit.text)
        elif is_editor_line(unit.text):
            furniture.append(unit.text)
        else:
            in_head = False
            fields.paragraphs.append(unit.text)
    if defaults is not None:
        fields.subtitle = fields.subtitle or defaults.subtitle
        fields.kicker = fields.kicker or defaults.kicker
        fields.byline = fields.byline or defaults.byline
    return fields


def _join(existing: str | None, text: str) -> str:
    return text if not existing else f"{existing}\n{text}"


def _defaults(metas: dict[str, str], enp: dict[str, str]) -> ArticleFields:
    """The article fields the page's metadata gives (used where the body does not)."""
    fields = ArticleFields()
    fields.title = enp.get("title") or _first(metas, _META_TITLE) or ""
    fields.subtitle = enp.get("subtitle") or _first(metas, _META_SUBTITLE)
    fields.kicker = enp.get("introtitle") or _first(metas, _META_KICKER)
    fields.byline = enp.get("author") or _first(metas, _META_AUTHOR)
    return fields


def read_html_units(text: str, display: str) -> tuple[list[_Unit], dict[str, str], dict[str, str]]:
    """Parse an HTML page into its visible lines, its meta tags and its Founder properties."""
    enp = _enp_fields(text)
    root = _parse_html(text, display)
    metas = _clean_tree(root)
    body = root.find("body")
    walker = _Walker()
    walker.walk(body if body is not None else root, _Context(), False)
    walker.flush(_Context())
    return walker.units, metas, enp


def html_to_page(text: str, display: str, is_word: WordCheck | None = None) -> tuple[
    ParsedPage, str, PageMeta, PageMeta
]:
    """Read the articles and metadata of an HTML page.

    Args:
        text: the decoded page.
        display: the page's name, for messages.
        is_word: dictionary look-up, used when the page goes through the text parser.

    Returns:
        The parsed page, its visible text, the document's metadata and the masthead's
        (the latter only when the text parser read the page).

    Raises:
        InputError: not HTML, or no article text in the page.
    """
    units, metas, enp = read_html_units(text, display)
    visible = "\n".join(unit.text for unit in units)
    info_lines = [unit.text for unit in units if unit.hint == "info" and len(unit.text) <= 100]
    info_lines += [unit.text for unit in units[:12] if not unit.heading and len(unit.text) <= 80]
    document = _document_meta(metas, enp, info_lines)
    defaults = _defaults(metas, enp)
    if not any(unit.body for unit in units):
        raise InputError(
            f"{display}: no article text in this HTML page (a table of contents or a page "
            "of links?)"
        )
    page = ParsedPage()
    masthead = PageMeta()
    scoped = sorted({unit.article for unit in units if unit.article >= 0})
    groups: list[list[_Unit]]
    if scoped:
        groups = [[unit for unit in units if unit.article == number] for number in scoped]
        page.furniture.extend(unit.text for unit in units if unit.article < 0)
    elif any(unit.heading for unit in units) or defaults.title:
        starts = _article_starts(units)
        if starts is None:
            groups = [units]
        else:
            starts = [_with_kicker(units, start) for start in starts]
            page.furniture.extend(unit.text for unit in units[: starts[0]])
            groups = [
                units[start:end]
                for start, end in zip(starts, [*starts[1:], len(units)], strict=True)
            ]
    else:
        # No structure to go by: the text parser reads the page as printed text.
        parsed, masthead = parse_text("\n\n".join(unit.text for unit in units), is_word)
        return parsed, visible, document, masthead
    single = len(groups) == 1
    for group in groups:
        fields = _assemble(group, page.furniture, defaults if single else None)
        if fields.empty:
            page.furniture.extend(unit.text for unit in group)
            continue
        page.articles.append(build_article(fields))
    if not page.articles:
        raise InputError(f"{display}: no article found in this HTML page")
    return page, visible, document, masthead


def _with_kicker(units: list[_Unit], start: int) -> int:
    if start > 0 and units[start - 1].heading and (
        units[start - 1].hint == "kicker" or units[start - 1].level > units[start].level
    ):
        return start - 1
    return start


def decode_html(data: bytes, display: str) -> tuple[str, str, float, bool]:
    """Decode an HTML page's bytes (its declared charset is a prior, not an order).

    Returns:
        The text, the encoding, the confidence, and whether the decoding is doubtful.
    """
    decoded = decode_page_bytes(data, source=display, declared=_declared_charset(data))
    return normalize_text(decoded.text), decoded.encoding, decoded.confidence, decoded.doubtful


def read_html_page(source: SourceFile, is_word: WordCheck | None) -> list[PageOutcome]:
    """Read an HTML e-paper page (one page of the archive, with its scans).

    Raises:
        InputError: unreadable, too large, not HTML, no article text, or a bad scan.
    """
    data = source.read(source.limits.max_page_bytes)
    images = source.sibling_scans()
    sha = source.page_sha256(data, images)
    if source.is_known(sha):
        return [source.known(sha)]
    text, encoding, confidence, doubtful = decode_html(data, source.display)
    parsed, visible, document, masthead = html_to_page(text, source.display, is_word)
    return [
        SourcePage(
            name=source.display,
            part=source.part,
            source_format="html",
            sha256=sha,
            data=data,
            text=visible,
            parsed=parsed,
            encoding=encoding,
            confidence=confidence,
            doubtful=doubtful,
            document=document,
            masthead=masthead,
            from_name=source.meta_from_name(),
            default_label=source.stem,
            images=images,
            single=source.part is None,
        )
    ]
