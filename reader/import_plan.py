"""Planning an import: preview files before storing anything, then import with per-file metadata."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive import Archive
from reader.formats.dispatch import iter_pages
from reader.formats.model import FailedPage, Limits, SourcePage
from reader.importer import (
    DEFAULT_MAX_FILE_BYTES,
    CancelCheck,
    Importer,
    ImportReport,
    ProgressCallback,
    collect_files,
    meta_from_file_name,
)
from reader.parsing.masthead import normalise_page_label
from reader.store import PageMeta

_FIELDS = ("publication", "date", "page_label")


@dataclass(frozen=True, slots=True)
class ArticlePreview:
    """One article as the parser splits it, before anything is stored."""

    title: str
    paragraphs: int
    continues_to: str | None = None
    continued_from: str | None = None


@dataclass(slots=True)
class FilePreview:
    """What importing a file would store, found without touching the archive.

    Attributes:
        path: the file.
        found: the metadata found — given by the document (HTML meta tags, METS) first, then
            printed on the page (masthead), else from the file name
            ``<publication>_<YYYY-MM-DD>_<page>.txt``: what the import uses unless the user
            corrects it. For a file of several pages (a PDF, a METS issue, a ZIP archive)
            only what all its pages share, and never a page label: each page keeps its own.
        sources: for each field of ``found`` (``publication``, ``date``, ``page_label``),
            where it came from: ``document``, ``masthead`` or ``file name``.
        articles: the articles the parser finds (of every page).
        encoding: the encoding the file decodes with.
        doubtful: the decoding is uncertain and should be checked.
        error: why the file cannot be imported (it is still listed, and the import reports
            the same error for it); for a file of several pages, set when none can be.
        pages: the page labels found, one per page that can be imported.
        problems: the errors of the pages that cannot be imported (the others can).
        source_format: what the file is read as (text, html, alto, pdf; several: mixed).
    """

    path: Path
    found: PageMeta = field(default_factory=PageMeta)
    sources: dict[str, str] = field(default_factory=dict)
    articles: list[ArticlePreview] = field(default_factory=list)
    encoding: str | None = None
    doubtful: bool = False
    error: str | None = None
    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    source_format: str | None = None

    @property
    def several(self) -> bool:
        """Whether the file holds several pages (its page label is not editable)."""
        return len(self.pages) + len(self.problems) > 1 or self.path.suffix.lower() == ".zip"


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """A file to import with the metadata the user confirmed (empty fields: as found)."""

    path: Path
    overrides: PageMeta = field(default_factory=PageMeta)


def preview_file(path: Path, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> FilePreview:
    """Read and parse one file to show what importing it would store (nothing is stored).

    Args:
        path: the file (any supported format).
        max_file_bytes: larger text and HTML pages are refused.

    Returns:
        The preview (with ``error`` set when nothing of the file can be imported).
    """
    from_name = meta_from_file_name(path)
    preview = FilePreview(path=path, found=from_name)
    preview.sources = {
        name: "file name" for name in _FIELDS if getattr(from_name, name) is not None
    }
    pages: list[SourcePage] = []
    for outcome in iter_pages(path, limits=Limits(max_page_bytes=max_file_bytes)):
        if isinstance(outcome, FailedPage):
            preview.problems.append(outcome.error)
        elif isinstance(outcome, SourcePage):
            pages.append(outcome)
    if not pages:
        preview.error = preview.problems[0] if preview.problems else f"{path.name}: no pages"
        preview.problems = []
        return preview
    preview.pages = [
        normalise_page_label(page.found_meta().page_label or "") or page.default_label
        for page in pages
    ]
    if preview.several:
        _found_in_all(preview, pages)
    else:
        _found_in_one(preview, pages[0])
    formats = {page.source_format for page in pages}
    preview.source_format = formats.pop() if len(formats) == 1 else "mixed"
    preview.encoding = pages[0].encoding
    preview.doubtful = any(page.doubtful for page in pages)
    preview.articles = [
        ArticlePreview(
            title=article.title,
            paragraphs=len(article.paragraphs),
            continues_to=article.continues_to,
            continued_from=article.continued_from,
        )
        for page in pages
        for article in page.parsed.articles
    ]
    return preview


def _found_in_one(preview: FilePreview, page: SourcePage) -> None:
    preview.found = page.found_meta()
    for origin, meta in (
        ("file name", page.from_name),
        ("masthead", page.masthead),
        ("document", page.document),
    ):
        for name in _FIELDS:
            if getattr(meta, name) is not None:
                preview.sources[name] = origin


def _found_in_all(preview: FilePreview, pages: list[SourcePage]) -> None:
    """Keep the publication and date all pages agree on (per-page fields stay per page)."""
    metas = [page.found_meta() for page in pages]
    publications = {meta.publication for meta in metas}
    dates = {meta.date for meta in metas}
    numbers = {meta.number for meta in metas}
    preview.found = PageMeta(
        publication=publications.pop() if len(publications) == 1 else None,
        date=dates.pop() if len(dates) == 1 else None,
        number=numbers.pop() if len(numbers) == 1 else None,
    )
    preview.sources = {}
    first = pages[0]
    for name in ("publication", "date"):
        if getattr(preview.found, name) is None:
            continue
        for origin, meta in (
            ("document", first.document),
            ("masthead", first.masthead),
            ("file name", first.from_name),
        ):
            if getattr(meta, name) is not None:
                preview.sources[name] = origin
                break


def preview_files(
    paths: Sequence[Path],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> list[FilePreview]:
    """Preview every page file of some files and folders (folders searched recursively).

    Args:
        paths: files and folders chosen by the user.
        progress: called with (files done, files in all, current file name).
        cancelled: polled between files; when it returns True the previews so far are returned.

    Returns:
        One preview per file, in import order.
    """
    files = collect_files(paths)
    previews: list[FilePreview] = []
    for done, path in enumerate(files):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(done, len(files), path.name)
        previews.append(preview_file(path))
    return previews


def run_plan(
    archive: Archive,
    files: Sequence[PlannedFile],
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportReport:
    """Import files, each with its own confirmed metadata; a failing file never stops the rest.

    Args:
        archive: the archive, opened for writing.
        files: the files and their metadata.
        progress: called with (files done, files in all, current file name).
        cancelled: polled between files; files imported before stay imported.

    Returns:
        One report for the whole batch.
    """
    return Importer(archive).run_files(
        [(planned.path, planned.overrides) for planned in files],
        progress=progress,
        cancelled=cancelled,
    )
