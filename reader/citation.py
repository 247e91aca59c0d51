"""Citations of newspaper articles: GB/T 7714-2015, RIS, BibTeX and CSL-JSON (Zotero imports all).

**GB/T 7714-2015**, newspaper article (报纸文章, type code [N])::

    主要责任者. 题名[N]. 报纸名, 出版日期(版次).
    周文涛. 古镇老街焕新颜[N]. 河东晚报, 2024-05-17(A1, A3).

* Authors are separated by ", "; more than three → the first three then ", 等" (the
  standard's rule for Chinese names). No personal author → the entry starts with the title.
* The title is the headline; the deck (subtitle, 其他题名信息) is left out, as the standard
  allows and as researchers usually cite newspapers.
* The date is YYYY-MM-DD; an issue without a date gets "[出版日期不详]".
* 版次 is the page label as printed (D1, 4 — the archive's zero-padded "04" is cited as
  "4"); an article continued on other pages lists them all in reading order, separated by
  ", " (A1, A4).
* Several citations are numbered "[1] …", one per line; a single one is not numbered.

**RIS** (``TY  - NEWS``): AU per author, TI, T2 (newspaper), PY, DA (YYYY/MM/DD/), SP (the
page labels as above), LA, ID, ER. **BibTeX**: Zotero's and BibTeX's nearest type is
``@article`` with ``journal`` (biblatex and pandoc read ``entrysubtype = {newspaper}`` as a
newspaper article; Zotero imports it as a journal article — use RIS or CSL-JSON to get
Zotero's "Newspaper Article" type); keys ``bk<yyyymmdd>a<id>`` are unique per article; each
author is braced as one literal name ({张鹏}); TeX specials are escaped. **CSL-JSON**: a
list of ``"type": "article-newspaper"`` items with ``container-title``, ``issued``
date-parts, ``page`` and authors as ``{"literal": "张鹏"}`` (Chinese names are not split
into family and given names).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from db.batching import in_batches
from reader.errors import InputError, NotFoundError
from reader.library import list_articles

STYLES = ("gbt7714", "ris", "bibtex", "csl-json")
FILE_SUFFIXES = {"gbt7714": ".txt", "ris": ".ris", "bibtex": ".bib", "csl-json": ".json"}
MAX_AUTHORS_GBT = 3
NO_DATE_GBT = "[出版日期不详]"
UNTITLED = "无题"


@dataclass(slots=True)
class CitationRecord:
    """What a citation says about one article."""

    id: int
    title: str
    subtitle: str | None
    authors: list[str] = field(default_factory=list)
    publication: str = ""
    date: str | None = None
    pages: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return asdict(self)

    @property
    def page_text(self) -> str:
        """The page labels as printed, in reading order, separated by ", "."""
        return ", ".join(cited_page(label) for label in self.pages)


def cited_page(label: str) -> str:
    """A page label as a citation gives it: the archive's zero-padded "05" is cited as "5"."""
    return str(int(label)) if label.isdigit() else label


def records_for(session: Session, article_ids: Sequence[int]) -> list[CitationRecord]:
    """Citation records of articles, in the order given (an id given twice is cited twice).

    Raises:
        NotFoundError: an article does not exist.
    """
    wanted = [int(i) for i in article_ids]
    found: dict[int, CitationRecord] = {}
    for chunk in in_batches(sorted(set(wanted))):
        for summary in list_articles(session, article_ids=chunk):
            found[summary.id] = CitationRecord(
                id=summary.id,
                title=summary.title,
                subtitle=summary.subtitle,
                authors=list(summary.authors),
                publication=summary.publication,
                date=summary.date,
                pages=list(summary.pages),
            )
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise NotFoundError(f"No article with id {', '.join(missing[:10])}.")
    return [found[i] for i in wanted]


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


# ----------------------------------------------------------------------------- GB/T 7714


def gbt7714(record: CitationRecord) -> str:
    """One GB/T 7714-2015 newspaper reference (see the module's description)."""
    authors = [_one_line(name) for name in record.authors if _one_line(name)]
    head = ", ".join(authors[:MAX_AUTHORS_GBT])
    if len(authors) > MAX_AUTHORS_GBT:
        head += ", 等"
    title = _one_line(record.title) or UNTITLED
    date = record.date or NO_DATE_GBT
    pages = f"({record.page_text})" if record.pages else ""
    body = f"{title}[N]. {_one_line(record.publication)}, {date}{pages}."
    return f"{head}. {body}" if head else body


def _gbt_list(records: Sequence[CitationRecord]) -> str:
    if len(records) == 1:
        return gbt7714(records[0]) + "\n"
    return "".join(f"[{n}] {gbt7714(record)}\n" for n, record in enumerate(records, 1))


# ----------------------------------------------------------------------------------- RIS


def _ris_value(text: str) -> str:
    return _one_line(text)


def ris_entry(record: CitationRecord) -> str:
    """One RIS record (``TY  - NEWS`` … ``ER  - ``), one line per tag."""
    lines = ["TY  - NEWS"]
    lines.extend(f"AU  - {_ris_value(name)}" for name in record.authors if _ris_value(name))
    lines.append(f"TI  - {_ris_value(record.title) or UNTITLED}")
    if record.publication:
        lines.append(f"T2  - {_ris_value(record.publication)}")
    if record.date:
        year, month, day = record.date.split("-")
        lines.append(f"PY  - {year}")
        lines.append(f"DA  - {year}/{month}/{day}/")
    if record.pages:
        lines.append(f"SP  - {_ris_value(record.page_text)}")
    lines.append("LA  - zh")
    lines.append(f"ID  - baokan-{record.id}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


# -------------------------------------------------------------------------------- BibTeX

_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def escape_bibtex(text: str) -> str:
    """Escape TeX's special characters so braces stay balanced and nothing is a command."""
    return "".join(_TEX_SPECIALS.get(char, char) for char in _one_line(text))


def bibtex_key(record: CitationRecord) -> str:
    """A key unique per article and readable: ``bk<yyyymmdd>a<id>`` (``bk0a<id>`` undated)."""
    stamp = record.date.replace("-", "") if record.date else "0"
    return f"bk{stamp}a{record.id}"


def bibtex_entry(record: CitationRecord) -> str:
    """One BibTeX entry (see the module's description)."""
    fields: list[tuple[str, str]] = []
    authors = [escape_bibtex(name) for name in record.authors if _one_line(name)]
    if authors:
        fields.append(("author", " and ".join(f"{{{name}}}" for name in authors)))
    fields.append(("title", escape_bibtex(record.title) or UNTITLED))
    fields.append(("journal", escape_bibtex(record.publication)))
    if record.date:
        fields.append(("date", record.date))
        fields.append(("year", record.date[:4]))
    if record.pages:
        fields.append(("pages", escape_bibtex(record.page_text)))
    fields.append(("entrysubtype", "newspaper"))
    fields.append(("language", "chinese"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{bibtex_key(record)},\n{body}\n}}\n"


# ------------------------------------------------------------------------------ CSL-JSON


def csl_item(record: CitationRecord) -> dict[str, Any]:
    """One CSL-JSON item (``article-newspaper``)."""
    item: dict[str, Any] = {
        "id": f"baokan-{record.id}",
        "type": "article-newspaper",
        "title": _one_line(record.title) or UNTITLED,
        "container-title": _one_line(record.publication),
        "language": "zh-CN",
    }
    authors = [{"literal": _one_line(name)} for name in record.authors if _one_line(name)]
    if authors:
        item["author"] = authors
    if record.date:
        year, month, day = (int(part) for part in record.date.split("-"))
        item["issued"] = {"date-parts": [[year, month, day]]}
    if record.pages:
        item["page"] = record.page_text
    return item


# ----------------------------------------------------------------------------------- all


def format_citations(records: Sequence[CitationRecord], style: str) -> str:
    """The citations of several articles in one style, as the text of a file or clipboard.

    Raises:
        InputError: unknown style, or no article.
    """
    if style not in STYLES:
        raise InputError(f"unknown citation style {style!r}: use one of {', '.join(STYLES)}")
    if not records:
        raise InputError("give at least one article to cite")
    if style == "gbt7714":
        return _gbt_list(records)
    if style == "ris":
        return "\n".join(ris_entry(record) for record in records)
    if style == "bibtex":
        return "\n".join(bibtex_entry(record) for record in records)
    return json.dumps([csl_item(record) for record in records], ensure_ascii=False, indent=2) + "\n"


def cite(session: Session, article_ids: Sequence[int], style: str) -> str:
    """Cite articles in a style (see :func:`format_citations`).

    Raises:
        InputError: unknown style or no article; NotFoundError: an article does not exist.
    """
    if style not in STYLES:
        raise InputError(f"unknown citation style {style!r}: use one of {', '.join(STYLES)}")
    return format_citations(records_for(session, article_ids), style)
