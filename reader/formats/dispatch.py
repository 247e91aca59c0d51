"""From a file to the pages it holds: dispatch by suffix, confirmed by the content.

The suffix says which reader to use (``.txt`` text, ``.html`` HTML, ``.xml`` ALTO or METS by
its root element, ``.pdf``, ``.zip``); each reader checks the bytes and names the file with
what it found instead (a ``.pdf`` that is a ZIP archive is refused as such). Every outcome is
a page ready to store, a page already stored (same checksum), or a failure naming the page.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.errors import InputError
from reader.formats.alto import mets_companions, read_alto_page, read_mets, sniff_xml_root
from reader.formats.archive_zip import ZipContainer, ZipLimitError, is_junk
from reader.formats.container import DirectoryContainer, normalise_reference
from reader.formats.html import read_html_page
from reader.formats.model import FailedPage, Limits, PageOutcome
from reader.formats.pdf import read_pdf
from reader.formats.scans import IMAGE_SUFFIXES
from reader.formats.source import SourceFile, never_known
from reader.formats.text import read_text_page

WordCheck = Callable[[str], bool]

TEXT_SUFFIXES = frozenset({".txt", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
XML_SUFFIXES = frozenset({".xml", ".alto", ".mets"})
PDF_SUFFIXES = frozenset({".pdf"})
ZIP_SUFFIXES = frozenset({".zip"})
PAGE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | XML_SUFFIXES | PDF_SUFFIXES | ZIP_SUFFIXES
"""Every suffix of a file that holds pages (taken from folders)."""

SUPPORTED_TYPES = "text (.txt), HTML (.html), ALTO/METS (.xml), PDF (.pdf) and ZIP (.zip) files"
_SNIFF_BYTES = 64 * 1024


def kind_of(name: str) -> str | None:
    """The kind of page file a name says (``text``, ``html``, ``xml``, ``pdf``, ``zip``)."""
    suffix = posixpath.splitext(name.replace("\\", "/"))[1].lower()
    for kind, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("xml", XML_SUFFIXES),
        ("pdf", PDF_SUFFIXES),
        ("zip", ZIP_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind
    return None


def unsupported_message(display: str, suffix: str) -> str:
    """The refusal of a file whose type holds no pages."""
    if suffix.lower() in IMAGE_SUFFIXES:
        return (
            f"{display}: a scan, not a page file; it is stored with the page file of the same "
            "name (a1.txt and a1.png) when that is imported"
        )
    return f"{display}: unsupported file type {suffix or '(none)'}; {SUPPORTED_TYPES} are supported"


def read_source(source: SourceFile, is_word: WordCheck | None) -> Iterator[PageOutcome]:
    """The pages of one file (not a ZIP archive) by its kind.

    Raises:
        InputError: the file as a whole cannot be read.
    """
    kind = kind_of(source.name)
    if kind == "text":
        yield from read_text_page(source, is_word)
    elif kind == "html":
        yield from read_html_page(source, is_word)
    elif kind == "xml":
        data = source.read(source.limits.max_xml_bytes, what="an XML file")
        if not data.strip():
            raise InputError(f"{source.display}: empty file")
        root = sniff_xml_root(data, source.display)
        if root == "alto":
            yield from read_alto_page(source, data, is_word)
        elif root == "mets":
            yield from read_mets(source, data, is_word)
        else:
            raise InputError(
                f"{source.display}: XML, but neither ALTO nor METS (root element <{root}>)"
            )
    elif kind == "pdf":
        yield from read_pdf(source, is_word)
    elif kind == "zip":
        raise InputError(
            f"{source.display}: a ZIP archive inside a ZIP archive is not opened; unpack it "
            "and import its files"
        )
    else:
        raise InputError(unsupported_message(source.display, posixpath.splitext(source.name)[1]))


def _zip_companions(container: ZipContainer, names: list[str]) -> set[str]:
    """The members a METS member of the archive reads (its ALTO files): not pages alone."""
    companions: set[str] = set()
    for name in names:
        if kind_of(name) != "xml":
            continue
        try:
            data = container.read(name, container.limits.max_xml_bytes, what="an XML file")
            if sniff_xml_root(data, container.display(name)) != "mets":
                continue
            references = mets_companions(data, container.display(name))
        except ZipLimitError:
            raise
        except InputError:
            continue  # reported when the member itself is read
        for reference in references:
            found = container.find_reference(name, reference)
            if found is not None:
                companions.add(found)
    return companions


def read_zip(
    path: Path, limits: Limits, is_word: WordCheck | None, is_known: Callable[[str], bool]
) -> Iterator[PageOutcome]:
    """The pages of every page file in a ZIP archive, member by member.

    Raises:
        InputError: the archive as a whole cannot be read.
    """
    with ZipContainer(path, limits, path.name) as container:
        for name, problem in sorted(container.refused.items()):
            yield FailedPage(
                name=container.display(name), part=name, error=f"{container.display(name)}: "
                f"refused, {problem}"
            )
        members = [name for name in container.names() if not is_junk(name)]
        try:
            companions = _zip_companions(container, members)
        except ZipLimitError as error:
            yield FailedPage(name=path.name, part=None, error=str(error))
            return
        pages = [
            name for name in members if kind_of(name) is not None and name not in companions
        ]
        if not pages and not container.refused:
            raise InputError(f"{path.name}: no page files in this ZIP archive ({SUPPORTED_TYPES})")
        for name in pages:
            source = SourceFile(container, name, limits, is_known, part=name)
            try:
                yield from read_source(source, is_word)
            except ZipLimitError as error:
                yield FailedPage(name=path.name, part=None, error=str(error))
                return
            except InputError as error:
                yield source.failed(str(error))


def iter_pages(
    path: Path,
    *,
    limits: Limits | None = None,
    is_word: WordCheck | None = None,
    is_known: Callable[[str], bool] = never_known,
) -> Iterator[PageOutcome]:
    """Every page a file holds, read one after the other (nothing is stored here).

    A text or HTML file is one page; a PDF one page per page; a METS file one page per page
    of its physical structure; a ZIP archive the pages of its members. A failure of the file
    as a whole is one :class:`FailedPage` naming the file; a failure of one page names the
    page, and the other pages go on.

    Args:
        path: the file.
        limits: limits for untrusted input (defaults: :class:`Limits`).
        is_word: dictionary look-up for the page parser's column-break repair.
        is_known: tells whether a page checksum is stored already (such pages are not
            parsed: they come back as :class:`~reader.formats.model.KnownPage`).

    Yields:
        One outcome per page.
    """
    limits = limits or Limits()
    try:
        if kind_of(path.name) is None:
            raise InputError(unsupported_message(path.name, path.suffix))
        if kind_of(path.name) == "zip":
            if path.is_dir():
                raise InputError(f"{path}: is a folder, not a page file")
            if not path.exists():
                raise InputError(f"{path}: no such file")
            yield from read_zip(path, limits, is_word, is_known)
            return
        source = SourceFile(DirectoryContainer(path.parent), path.name, limits, is_known)
        yield from read_source(source, is_word)
    except InputError as error:
        yield FailedPage(name=path.name, part=None, error=str(error))


def _sniff_root(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
        return sniff_xml_root(head, path.name)
    except (InputError, OSError):
        return None


def drop_companions(files: Iterable[Path], limits: Limits | None = None) -> list[Path]:
    """Leave out the files that other files of the list read: they are no pages on their own.

    Taken out: ALTO files named by a METS file of the list (imported through it), and scans
    given beside their page file (a1.png with a1.txt, stored with it). A scan given alone
    stays in the list, and its import says why it is not a page.

    Args:
        files: files to import.
        limits: the size limit of a METS file.

    Returns:
        The files that are pages, in their order.
    """
    limits = limits or Limits()
    listed = list(files)
    skipped: set[Path] = set()
    for path in listed:
        if kind_of(path.name) != "xml" or _sniff_root(path) != "mets":
            continue
        try:
            if path.stat().st_size > limits.max_xml_bytes:
                continue
            references = mets_companions(path.read_bytes(), path.name)
        except (InputError, OSError):
            continue
        for reference in references:
            resolved = normalise_reference(path.name, reference)
            if resolved is not None:
                skipped.add((path.parent / resolved).resolve())
    stems = {
        (path.parent.resolve(), path.stem) for path in listed if kind_of(path.name) is not None
    }
    out = []
    for path in listed:
        key = path.resolve()
        if key in skipped:
            continue
        if path.suffix.lower() in IMAGE_SUFFIXES and (key.parent, path.stem) in stems:
            continue
        out.append(path)
    return out
