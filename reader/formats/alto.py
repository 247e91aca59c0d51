"""METS/ALTO, the library standard for digitized newspapers: ALTO page text, METS issues.

Safety: every XML file is parsed with ``resolve_entities=False, no_network=True,
load_dtd=False`` and without ``huge_tree``; a document type with entity declarations (the
"billion laughs", or an external entity naming ``file:///etc/passwd``) is refused with a clear
message before anything is read. ALTO files are streamed (``iterparse``, each block freed once
read), so a large page does not build a large tree.

ALTO: ``String`` elements (``CONTENT``; hyphenated halves through ``SUBS_CONTENT``) are joined
into lines — with a space where the file has ``SP`` between Latin words, without one between
Chinese characters — and lines into one paragraph per ``TextBlock``, in the file's order or in
the order of its ``ReadingOrder`` when it has one. A plain ALTO page goes to the page parser
as text (one paragraph per block); its scan is the file its ``sourceImageInformation/fileName``
names, or an image beside it with the same stem.

METS: each page of the physical structure map is one page of the archive, read from its ALTO
file, with its scan from the image file group; the issue's title, date and number come from
the MODS record. Articles of the logical structure map (``ARTICLE`` divisions whose typed
parts — TITLE, SUBHEADLINE, AUTHOR, PARAGRAPH, CAPTION … — point at ALTO blocks) are built
straight into the article model; an article on several pages becomes one part per page,
linked like a 下转/上接 continuation. Blocks no article claims are kept as page furniture.
Without logical articles a METS page goes to the page parser like a plain ALTO page.

Originals: an ALTO page keeps its file; a METS page keeps a small ZIP holding the METS file and
its ALTO file (both needed to read it again).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.errors import InputError
from reader.formats.model import (
    PageOutcome,
    ScanImage,
    SourcePage,
    combined_sha256,
    sha256_hex,
)
from reader.formats.scans import IMAGE_SUFFIXES, is_image_name, read_scan
from reader.formats.source import SourceFile
from reader.formats.structured import ArticleFields, build_article, clean_text
from reader.formats.text import parse_text
from reader.parsing.masthead import normalise_page_label, parse_date
from reader.parsing.model import ParsedArticle, ParsedPage
from reader.store import PageMeta

WordCheck = Callable[[str], bool]

_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
_DISPLAYABLE = ("image/png", "image/jpeg", "image/jpg", "image/tiff", "image/tif")
_IMAGE_GROUPS = ("IMAGE", "IMAGES", "MASTER", "DEFAULT", "PRESENTATION", "BEST", "SCAN", "MAX",
                 "DISPLAY", "REFERENCE")
_TEXT_GROUPS = ("ALTO", "FULLTEXT", "TEXT", "OCR", "ALTO4", "ALTO3", "ALTO2")
_ARTICLE_TYPES = frozenset({"ARTICLE", "STORY", "NEWS_ARTICLE", "ADVERTISEMENT"})
_ROLES = {
    "TITLE": "title", "HEADLINE": "title", "MAIN_TITLE": "title", "MAINTITLE": "title",
    "HEADING": "title", "HEADER": "title",
    "SUBHEADLINE": "subtitle", "SUBTITLE": "subtitle", "SUB_HEADLINE": "subtitle",
    "SUBHEADING": "subtitle", "DECK": "subtitle",
    "KICKER": "kicker", "OVERLINE": "kicker", "PRETITLE": "kicker", "ROOFLINE": "kicker",
    "SUPERTITLE": "kicker",
    "AUTHOR": "byline", "BYLINE": "byline",
    "CAPTION": "caption", "ILLUSTRATION": "caption", "PICTURE": "caption", "FIGURE": "caption",
    "INTERTITLE": "heading", "CROSSHEAD": "heading", "SECTION_HEAD": "heading",
}
_MAX_REFERENCE_ENTRIES = 100_000


# ----- safe XML


def _needles(text: str) -> tuple[bytes, ...]:
    return tuple(text.encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))


_DOCTYPE = _needles("<!DOCTYPE")
_ENTITY = _needles("<!ENTITY")


def reject_entities(data: bytes, display: str) -> None:
    """Refuse an XML file whose document type declares entities.

    Raises:
        InputError: naming the file (entity declarations are how the "billion laughs" and
            external-entity attacks work; ALTO and METS never need them).
    """
    head = data[:4096]
    if any(needle in head for needle in _DOCTYPE) and any(
        needle in data for needle in _ENTITY
    ):
        raise InputError(
            f"{display}: XML with entity declarations in its document type is refused "
            "(entity expansion or external entities could read local files or exhaust memory)"
        )


def _safe_options() -> dict[str, Any]:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "huge_tree": False,
        "remove_comments": True,
        "remove_pis": True,
    }


def _check_docinfo(element: Any, display: str) -> None:
    dtd = element.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _entity in dtd.iterentities()):
        raise InputError(
            f"{display}: XML with entity declarations in its document type is refused "
            "(entity expansion or external entities could read local files or exhaust memory)"
        )


def _xml_error(display: str, error: Exception) -> InputError:
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    return InputError(f"{display}: not well-formed XML ({message})")


def _local(tag: Any) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def sniff_xml_root(data: bytes, display: str) -> str:
    """The local name of an XML file's root element (``alto``, ``mets``), lower case.

    Raises:
        InputError: not well-formed XML, or entity declarations.
    """
    from lxml import etree

    reject_entities(data, display)
    try:
        for _event, element in etree.iterparse(
            io.BytesIO(data), events=("start",), **_safe_options()
        ):
            _check_docinfo(element, display)
            return _local(element.tag).lower()
    except etree.XMLSyntaxError as error:
        raise _xml_error(display, error) from None
    raise InputError(f"{display}: empty XML file")


# ----- ALTO


@dataclass(slots=True)
class AltoBlock:
    """A text block of an ALTO page: its id and its text (one paragraph)."""

    id: str
    text: str


@dataclass(slots=True)
class AltoPage:
    """What an ALTO file holds: its blocks in reading order and what it says of its page."""

    blocks: list[AltoBlock] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    image_names: list[str] = field(default_factory=list)
    printed_label: str | None = None
    physical_number: str | None = None

    def text_of(self, element_id: str) -> str | None:
        """The text of a block, composed block or line by its id."""
        if element_id in self.groups:
            texts = [self.parts.get(member, "") for member in self.groups[element_id]]
            return "\n".join(text for text in texts if text) or None
        return self.parts.get(element_id)

    def ids_between(self, begin: str, end: str | None) -> list[str]:
        """The block ids from ``begin`` to ``end`` (inclusive) in reading order."""
        order = [block.id for block in self.blocks]
        if end is None or end == begin or begin not in order or end not in order:
            return [begin]
        first, last = order.index(begin), order.index(end)
        if last < first:
            first, last = last, first
        return order[first : last + 1]


def _join_words(words: list[tuple[str, bool]]) -> str:
    """Join a line's strings: a space where the file has one, unless both sides are CJK."""
    out = ""
    for text, spaced in words:
        if out and spaced and not (_CJK.match(out[-1]) and _CJK.match(text[:1])):
            out += " "
        out += text
    return out


def _join_lines(lines: list[tuple[str, bool]]) -> str:
    """Join a block's lines: no space after a hyphen (``HYP``) or next to a CJK character."""
    out = ""
    glue = False
    for text, hyphenated in lines:
        if not text:
            continue
        if out and not glue and not (_CJK.match(out[-1]) or _CJK.match(text[0])):
            out += " "
        out += text
        glue = hyphenated
    return out


def parse_alto(data: bytes, display: str) -> AltoPage:
    """Read an ALTO file's text blocks in reading order (streamed).

    Raises:
        InputError: not well-formed XML, entity declarations, or not ALTO.
    """
    from lxml import etree

    reject_entities(data, display)
    page = AltoPage()
    order_refs: list[str] = []
    words: list[tuple[str, bool]] = []
    lines: list[tuple[str, bool]] = []
    spaced = False
    hyphen_pending = False
    skip_second_half = False
    composed: list[str] = []
    block_id: str | None = None
    in_reading_order = 0
    in_image_info = False
    root_checked = False
    try:
        for event, element in etree.iterparse(
            io.BytesIO(data), events=("start", "end"), **_safe_options()
        ):
            name = _local(element.tag)
            if not root_checked:
                _check_docinfo(element, display)
                if name.lower() != "alto":
                    raise InputError(f"{display}: not an ALTO file (root element <{name}>)")
                root_checked = True
            if event == "start":
                if name == "ReadingOrder":
                    in_reading_order += 1
                elif name == "sourceImageInformation":
                    in_image_info = True
                elif name == "ComposedBlock" and element.get("ID"):
                    composed.append(element.get("ID"))
                    page.groups.setdefault(element.get("ID"), [])
                elif name == "TextBlock":
                    block_id = element.get("ID") or f"_block{len(page.blocks)}"
                    lines = []
                elif name == "TextLine":
                    words, spaced, hyphen_pending = [], False, False
                elif name == "Page":
                    page.printed_label = element.get("PRINTED_IMG_NR") or None
                    page.physical_number = element.get("PHYSICAL_IMG_NR") or None
                continue
            if in_reading_order and name.endswith("Ref") and element.get("REF"):
                order_refs.append(element.get("REF"))
            if name == "ReadingOrder":
                in_reading_order -= 1
            elif name == "fileName" and in_image_info and element.text:
                page.image_names.append(element.text.strip())
            elif name == "sourceImageInformation":
                in_image_info = False
            elif name == "String":
                content = element.get("CONTENT") or ""
                subs_type = element.get("SUBS_TYPE")
                if subs_type == "HypPart1" and element.get("SUBS_CONTENT"):
                    content = element.get("SUBS_CONTENT") or content
                    skip_second_half = True
                elif subs_type == "HypPart2" and skip_second_half:
                    content = ""
                    skip_second_half = False
                if content:
                    words.append((content, spaced))
                spaced = False
            elif name == "SP":
                spaced = True
            elif name == "HYP":
                hyphen_pending = not skip_second_half
            elif name == "TextLine":
                line_text = _join_words(words)
                if element.get("ID"):
                    page.parts[element.get("ID")] = line_text
                lines.append((line_text, hyphen_pending))
                element.clear(keep_tail=True)
            elif name == "TextBlock":
                text = clean_text(_join_lines(lines)) if lines else ""
                identifier = block_id or f"_block{len(page.blocks)}"
                page.blocks.append(AltoBlock(identifier, text))
                page.parts[identifier] = text
                for group in composed:
                    page.groups[group].append(identifier)
                block_id = None
                element.clear(keep_tail=True)
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]  # blocks read before this one are freed
            elif name == "ComposedBlock" and composed and composed[-1] == element.get("ID"):
                composed.pop()
    except etree.XMLSyntaxError as error:
        raise _xml_error(display, error) from None
    if not root_checked:
        raise InputError(f"{display}: empty XML file")
    if order_refs:
        page.blocks = _in_reading_order(page, order_refs)
    return page


def _in_reading_order(page: AltoPage, refs: list[str]) -> list[AltoBlock]:
    by_id = {block.id: block for block in page.blocks}
    ordered: list[AltoBlock] = []
    seen: set[str] = set()
    for ref in refs:
        for member in page.groups.get(ref, [ref]):
            block = by_id.get(member)
            if block is not None and member not in seen:
                seen.add(member)
                ordered.append(block)
    ordered.extend(block for block in page.blocks if block.id not in seen)
    return ordered


def _alto_text(page: AltoPage) -> str:
    return "\n\n".join(block.text for block in page.blocks if block.text)


def _alto_scans(
    source: SourceFile, alto_name: str, alto: AltoPage, page_name: str
) -> list[ScanImage]:
    """The scans an ALTO file names (those present and displayable), else beside it."""
    found: list[str] = []
    for reference in alto.image_names:
        name = source.container.find_reference(alto_name, reference)
        if name is not None and is_image_name(name) and name not in found:
            found.append(name)
    if not found:
        found = source.container.siblings_with_stem(alto_name, IMAGE_SUFFIXES)
    return [read_scan(source.container, name, page_name, source.limits) for name in found]


def read_alto_page(
    source: SourceFile, data: bytes, is_word: WordCheck | None
) -> list[PageOutcome]:
    """Read a plain ALTO file (no METS) as one page, its text through the page parser.

    Raises:
        InputError: unsafe or broken XML, no text, or a bad scan.
    """
    alto = parse_alto(data, source.display)
    images = _alto_scans(source, source.name, alto, source.display)
    sha = source.page_sha256(data, images)
    if source.is_known(sha):
        return [source.known(sha)]
    text = _alto_text(alto)
    if not text.strip():
        raise InputError(f"{source.display}: no text in this ALTO file")
    parsed, masthead = parse_text(text, is_word)
    label = alto.printed_label
    return [
        SourcePage(
            name=source.display,
            part=source.part,
            source_format="alto",
            sha256=sha,
            data=data,
            text=text,
            parsed=parsed,
            encoding="utf-8",
            confidence=1.0,
            document=PageMeta(page_label=normalise_page_label(label) if label else None),
            masthead=masthead,
            from_name=source.meta_from_name(),
            default_label=source.stem,
            images=images,
            single=source.part is None,
        )
    ]


# ----- METS


@dataclass(slots=True)
class MetsFile:
    """A file of a METS file section."""

    id: str
    href: str
    mimetype: str
    group: str


@dataclass(slots=True)
class MetsPage:
    """A page of the physical structure map."""

    order: int
    label: str | None
    file_ids: list[str]


@dataclass(slots=True)
class MetsArea:
    """A part of a logical division on a page: an ALTO file and block ids."""

    file_id: str
    begin: str
    end: str | None


@dataclass(slots=True)
class MetsPart:
    """A typed piece of an article (title, byline, paragraph …) and where it is printed."""

    role: str
    areas: list[MetsArea]


@dataclass(slots=True)
class MetsArticle:
    """A logical article: its typed pieces in order, and its MODS title if any."""

    id: str
    parts: list[MetsPart]
    title: str | None = None


@dataclass(slots=True)
class Mets:
    """What a METS file says about an issue."""

    files: dict[str, MetsFile] = field(default_factory=dict)
    pages: list[MetsPage] = field(default_factory=list)
    articles: list[MetsArticle] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)


_METS_NS = "http://www.loc.gov/METS/"
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _mods_meta(mods: Any) -> tuple[str | None, str | None, str | None]:
    """Title, date issued and issue number of a MODS record."""
    title = date = number = None
    for element in mods.iter():
        name = _local(element.tag)
        text = clean_text(element.text)
        if not text:
            continue
        if name == "title" and title is None and _local(element.getparent().tag) == "titleInfo":
            title = text
        elif name == "dateIssued" and date is None:
            date = text
        elif name == "number" and number is None:
            detail = element.getparent()
            if _local(detail.tag) == "detail" and (detail.get("type") or "issue").lower() in (
                "issue", "number", "no"
            ):
                number = text
    return title, date, number


def parse_mets(data: bytes, display: str) -> Mets:
    """Read a METS file: its files, physical pages, logical articles and issue metadata.

    Raises:
        InputError: unsafe or broken XML, or not METS.
    """
    from lxml import etree

    reject_entities(data, display)
    parser = etree.XMLParser(**_safe_options())
    try:
        root = etree.parse(io.BytesIO(data), parser).getroot()
    except etree.XMLSyntaxError as error:
        raise _xml_error(display, error) from None
    _check_docinfo(root, display)
    if _local(root.tag).lower() != "mets":
        raise InputError(f"{display}: not a METS file (root element <{_local(root.tag)}>)")
    ns = _namespace(root.tag) or _METS_NS
    q = f"{{{ns}}}" if ns else ""
    mets = Mets()
    dmd: dict[str, tuple[str | None, str | None, str | None]] = {}
    for section in root.iter(f"{q}dmdSec"):
        dmd[section.get("ID") or ""] = _mods_meta(section)
    for group in root.iter(f"{q}fileGrp"):
        use = (group.get("USE") or group.get("ID") or "").upper()
        for file_element in group.iter(f"{q}file"):
            location = file_element.find(f"{q}FLocat")
            href = location.get(_XLINK_HREF) if location is not None else None
            if not href or not file_element.get("ID"):
                continue
            mets.files[file_element.get("ID")] = MetsFile(
                id=file_element.get("ID"),
                href=href,
                mimetype=(file_element.get("MIMETYPE") or "").lower(),
                group=use,
            )
    issue_dmd: str | None = None
    for struct_map in root.iter(f"{q}structMap"):
        kind = (struct_map.get("TYPE") or "").upper()
        if kind == "PHYSICAL":
            for div in struct_map.iter(f"{q}div"):
                pointers = [fptr.get("FILEID") for fptr in div.findall(f"{q}fptr")]
                pointers = [pointer for pointer in pointers if pointer]
                if not pointers:
                    continue
                try:
                    order = int(div.get("ORDER") or len(mets.pages) + 1)
                except ValueError:
                    order = len(mets.pages) + 1
                label = div.get("ORDERLABEL") or div.get("LABEL") or None
                mets.pages.append(MetsPage(order=order, label=label, file_ids=pointers))
        elif kind == "LOGICAL":
            for div in struct_map.iter(f"{q}div"):
                div_type = (div.get("TYPE") or "").upper()
                if div_type in ("ISSUE", "NEWSPAPER_ISSUE") and div.get("DMDID"):
                    issue_dmd = issue_dmd or div.get("DMDID").split()[0]
                if div_type in _ARTICLE_TYPES and not any(
                    (ancestor.get("TYPE") or "").upper() in _ARTICLE_TYPES
                    for ancestor in div.iterancestors(f"{q}div")
                ):
                    article = _mets_article(div, q)
                    if div.get("DMDID"):
                        article.title = dmd.get(div.get("DMDID").split()[0], (None,))[0]
                    mets.articles.append(article)
    mets.pages.sort(key=lambda page: page.order)
    title, date, number = dmd.get(issue_dmd or "", (None, None, None))
    if title is None and date is None:
        for values in dmd.values():  # the first record with a date describes the issue
            if values[1]:
                title, date, number = values
                break
    mets.meta = PageMeta(
        publication=title,
        date=parse_date(date) if date else None,
        number=number,
    )
    return mets


def _areas(element: Any, q: str) -> list[MetsArea]:
    """The areas (ALTO file and block ids) a division points at directly."""
    return [
        MetsArea(area.get("FILEID"), area.get("BEGIN"), area.get("END"))
        for fptr in element.findall(f"{q}fptr")
        for area in fptr.iter(f"{q}area")
        if area.get("FILEID") and area.get("BEGIN")
    ]


def _mets_article(div: Any, q: str) -> MetsArticle:
    """An article division: its typed pieces in document order (untyped ones are body)."""
    parts: list[MetsPart] = []

    def walk(element: Any, role: str) -> None:
        role = _ROLES.get((element.get("TYPE") or "").upper()) or role
        areas = _areas(element, q)
        if areas:
            parts.append(MetsPart(role=role, areas=areas))
        for child in element.findall(f"{q}div"):
            walk(child, role)

    own = _areas(div, q)  # an article pointing at its blocks itself: all body
    if own:
        parts.append(MetsPart(role="body", areas=own))
    for child in div.findall(f"{q}div"):
        walk(child, "body")
    return MetsArticle(id=div.get("ID") or "", parts=parts)


def _page_label(page: MetsPage, alto: AltoPage | None) -> str:
    raw = page.label or (alto.printed_label if alto is not None else None) or str(page.order)
    return normalise_page_label(raw)


def _text_file(mets: Mets, page: MetsPage) -> MetsFile | None:
    candidates = [mets.files[file_id] for file_id in page.file_ids if file_id in mets.files]
    for candidate in candidates:
        if candidate.group in _TEXT_GROUPS:
            return candidate
    for candidate in candidates:
        if "xml" in candidate.mimetype or candidate.href.lower().endswith(".xml"):
            return candidate
    return None


def _image_files(mets: Mets, page: MetsPage) -> list[MetsFile]:
    candidates = [
        mets.files[file_id]
        for file_id in page.file_ids
        if file_id in mets.files
        and (mets.files[file_id].group in _IMAGE_GROUPS
             or mets.files[file_id].mimetype.startswith("image/"))
    ]
    shown = [c for c in candidates if c.mimetype in _DISPLAYABLE or is_image_name(c.href)]
    return shown[:1]


def mets_companions(data: bytes, display: str) -> list[str]:
    """The references a METS file makes to its ALTO and image files (as written).

    Raises:
        InputError: unsafe or broken XML, or not METS.
    """
    mets = parse_mets(data, display)
    return [file.href for file in mets.files.values()][:_MAX_REFERENCE_ENTRIES]


def _bundle(entries: list[tuple[str, bytes]]) -> bytes:
    """A small deterministic ZIP of the original files a page was read from."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            bundle.writestr(info, data)
    return buffer.getvalue()


def _article_part(
    article: MetsArticle,
    file_id: str,
    alto: AltoPage,
    labels: dict[str, str],
    sequence: list[str],
    claimed: set[str],
) -> ParsedArticle | None:
    """The part of a logical article printed on the page of ALTO file ``file_id``."""
    fields = ArticleFields()
    here = False
    for part in article.parts:
        for area in part.areas:
            if area.file_id != file_id:
                continue
            for element_id in alto.ids_between(area.begin, area.end):
                text = alto.text_of(element_id)
                claimed.add(element_id)
                claimed.update(alto.groups.get(element_id, []))
                if not text:
                    continue
                here = True
                _add_piece(fields, part.role, text)
    if not here:
        return None
    pages = [file for file in sequence if any(
        area.file_id == file for part in article.parts for area in part.areas
    )]
    first = pages.index(file_id) == 0
    if first and not fields.title and article.title:
        fields.title = article.title
    built = build_article(fields)
    position = pages.index(file_id)
    if position + 1 < len(pages):
        built.continues_to = labels.get(pages[position + 1])
    if position > 0:
        built.continued_from = labels.get(pages[position - 1])
    return built


def _add_piece(fields: ArticleFields, role: str, text: str) -> None:
    if role == "title":
        if not fields.title:
            fields.title = text
        elif fields.paragraphs:
            fields.headings.add(len(fields.paragraphs))
            fields.paragraphs.append(text)
        else:
            fields.subtitle = text if not fields.subtitle else f"{fields.subtitle}\n{text}"
    elif role == "subtitle":
        fields.subtitle = text if not fields.subtitle else f"{fields.subtitle}\n{text}"
    elif role == "kicker":
        fields.kicker = text if not fields.kicker else f"{fields.kicker}\n{text}"
    elif role == "byline":
        fields.byline = text if not fields.byline else f"{fields.byline}\n{text}"
    elif role == "caption":
        fields.captions.append(text)
    elif role == "heading":
        fields.headings.add(len(fields.paragraphs))
        fields.paragraphs.append(text)
    else:
        fields.paragraphs.extend(piece for piece in text.split("\n") if piece.strip())


def read_mets(
    source: SourceFile, data: bytes, is_word: WordCheck | None
) -> Iterator[PageOutcome]:
    """Read the pages of a METS issue, one outcome per physical page.

    Raises:
        InputError: the METS file itself is unsafe, broken, or lists no page.
    """
    mets = parse_mets(data, source.display)
    if not mets.pages:
        raise InputError(f"{source.display}: this METS file lists no page with a text file")
    mets_sha = sha256_hex(data)
    altos: dict[str, tuple[str, bytes, AltoPage] | InputError] = {}
    sequence: list[str] = []
    labels: dict[str, str] = {}
    for page in mets.pages:  # every ALTO file is read once to know all page labels
        text_file = _text_file(mets, page)
        if text_file is None:
            continue
        sequence.append(text_file.id)
        try:
            name = source.container.find_reference(source.name, text_file.href)
            if name is None:
                raise InputError(
                    f"{source.display}: the ALTO file {text_file.href} of page "
                    f"{page.label or page.order} is missing"
                )
            alto_data = source.container.read(name, source.limits.max_xml_bytes, what="ALTO")
            alto = parse_alto(alto_data, source.container.display(name))
            altos[text_file.id] = (name, alto_data, alto)
            labels[text_file.id] = _page_label(page, alto)
        except InputError as error:
            altos[text_file.id] = error
            labels[text_file.id] = _page_label(page, None)
    for number, page in enumerate(mets.pages, start=1):
        text_file = _text_file(mets, page)
        if text_file is None:
            yield source.failed(f"{source.display}, page {number}: no ALTO file listed", number)
            continue
        entry = altos[text_file.id]
        if isinstance(entry, InputError):
            yield source.failed(str(entry), number)
            continue
        try:
            yield _mets_page(source, mets, mets_sha, data, page, number, entry, labels,
                             sequence, text_file.id, is_word)
        except InputError as error:
            yield source.failed(str(error), number)


def _mets_page(
    source: SourceFile,
    mets: Mets,
    mets_sha: str,
    mets_data: bytes,
    page: MetsPage,
    number: int,
    entry: tuple[str, bytes, AltoPage],
    labels: dict[str, str],
    sequence: list[str],
    file_id: str,
    is_word: WordCheck | None,
) -> PageOutcome:
    alto_name, alto_data, alto = entry
    part, page_name = source.numbered(number)
    image_names: list[str] = []
    for image in _image_files(mets, page):
        found = source.container.find_reference(source.name, image.href)
        if found is not None and found not in image_names:
            image_names.append(found)
    images = [read_scan(source.container, name, page_name, source.limits) for name in image_names]
    if not images:
        images = _alto_scans(source, alto_name, alto, page_name)
    sha = combined_sha256(
        "mets-page", mets_sha, str(number), sha256_hex(alto_data),
        *(image.sha256 for image in images),
    )
    if source.is_known(sha):
        return source.known(sha, number)
    label = labels[file_id]
    parsed = ParsedPage()
    masthead = PageMeta()
    claimed: set[str] = set()
    for article in mets.articles:
        built = _article_part(article, file_id, alto, labels, sequence, claimed)
        if built is not None:
            parsed.articles.append(built)
    text = _alto_text(alto)
    if parsed.articles:
        parsed.furniture = [
            block.text for block in alto.blocks if block.text and block.id not in claimed
        ]
    else:
        if not text.strip():
            raise InputError(f"{page_name}: no text in its ALTO file")
        parsed, masthead = parse_text(text, is_word)
    original = _bundle([
        (posixpath.basename(source.name), mets_data),
        (alto_name if not alto_name.startswith("../") else posixpath.basename(alto_name),
         alto_data),
    ])
    return SourcePage(
        name=page_name,
        part=part,
        source_format="alto",
        sha256=sha,
        data=original,
        text=text,
        parsed=parsed,
        encoding="utf-8",
        confidence=1.0,
        document=PageMeta(
            publication=mets.meta.publication,
            date=mets.meta.date,
            number=mets.meta.number,
            page_label=label,
        ),
        masthead=masthead,
        from_name=PageMeta(),
        default_label=label,
        images=images,
        single=len(mets.pages) == 1 and source.part is None,
    )
