"""One source file being read: where it lives, its limits, its name in messages, its scans."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.formats.container import Container
from reader.formats.model import FailedPage, KnownPage, Limits, ScanImage, page_sha256, sha256_hex
from reader.formats.scans import sibling_scans
from reader.store import PageMeta

FILE_NAME_PATTERN = re.compile(
    r"^(?P<publication>.+?)_(?P<date>\d{4}-\d{2}-\d{2})(?:_(?P<page>[^_]+))?$"
)
"""``<publication>_<YYYY-MM-DD>_<page>`` (the file's stem); a whole issue's file (a PDF, a
ZIP archive) may leave out ``_<page>``."""


def meta_from_stem(stem: str) -> PageMeta:
    """Read ``<publication>_<YYYY-MM-DD>[_<page>]`` metadata from a file's stem.

    Returns:
        The metadata found (fields missing when the stem does not follow the pattern).
    """
    match = FILE_NAME_PATTERN.match(stem)
    if match is None:
        return PageMeta()
    try:
        date = dt.date.fromisoformat(match["date"])
    except ValueError:
        return PageMeta()
    return PageMeta(publication=match["publication"], date=date, page_label=match["page"])


def never_known(_sha256: str) -> bool:
    """The default check: no page is stored yet."""
    return False


@dataclass(slots=True)
class SourceFile:
    """A file to read pages from: a file on disk, or a member of a ZIP archive.

    Attributes:
        container: where it is.
        name: its name in the container.
        limits: the limits for untrusted input.
        is_known: tells whether a page with that checksum is stored already.
        part: the member name inside a ZIP archive (None for a file on disk).
    """

    container: Container
    name: str
    limits: Limits
    is_known: Callable[[str], bool] = never_known
    part: str | None = None

    @property
    def display(self) -> str:
        """How the file is named in messages: ``a1.txt`` or ``bundle.zip:a1.txt``."""
        return self.container.display(self.name)

    @property
    def file_name(self) -> str:
        """The file's own name, without folders."""
        return posixpath.basename(self.name)

    @property
    def stem(self) -> str:
        """The file name without its suffix."""
        name = self.file_name
        return name.rsplit(".", 1)[0] if "." in name else name

    @property
    def suffix(self) -> str:
        """The suffix, lower case, with its dot (``.html``)."""
        return posixpath.splitext(self.file_name)[1].lower()

    def read(self, limit: int, *, what: str = "one page") -> bytes:
        """The file's bytes (refused beyond ``limit``)."""
        return self.container.read(self.name, limit, what=what)

    def sibling_scans(self) -> list[ScanImage]:
        """The scans beside the file (same stem, image suffix), checked."""
        return sibling_scans(self.container, self.name, self.display, self.limits)

    def page_sha256(self, data: bytes, images: list[ScanImage]) -> str:
        """The checksum identifying a one-page file with its scans."""
        return page_sha256(sha256_hex(data), images)

    def numbered(self, number: int | None) -> tuple[str | None, str]:
        """The part and the name of page ``number`` of this file (None: the file is one page).

        Page 3 of ``paper.pdf`` is part ``page 3`` named ``paper.pdf, page 3``; inside a ZIP
        archive, part ``paper.pdf, page 3`` named ``bundle.zip:paper.pdf, page 3``.
        """
        if number is None:
            return self.part, self.display
        label = f"page {number}"
        part = f"{self.part}, {label}" if self.part else label
        return part, f"{self.display}, {label}"

    def known(self, sha256: str, number: int | None = None) -> KnownPage:
        """The outcome for a page already stored."""
        part, name = self.numbered(number)
        return KnownPage(name=name, part=part, sha256=sha256)

    def failed(self, error: str, number: int | None = None) -> FailedPage:
        """The outcome for a page that cannot be imported."""
        part, name = self.numbered(number)
        return FailedPage(name=name, part=part, error=error)

    def meta_from_name(self) -> PageMeta:
        """Metadata read from the file name (``河东晚报_2024-05-17_A1.html``)."""
        return meta_from_stem(self.stem)
