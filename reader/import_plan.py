"""Planning an import: preview files before storing anything, then import with per-file metadata."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.archive import Archive
from reader.errors import InputError
from reader.importer import (
    DEFAULT_MAX_FILE_BYTES,
    CancelCheck,
    Importer,
    ImportReport,
    ProgressCallback,
    check_page_suffix,
    collect_files,
    decode_and_parse,
    meta_from_file_name,
    read_page_bytes,
)
from reader.store import PageMeta


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
        found: the metadata found, printed on the page (masthead) first, else from the file
            name ``<publication>_<YYYY-MM-DD>_<page>.txt``: what the import uses unless
            the user corrects it.
        sources: for each field of ``found`` (``publication``, ``date``, ``page_label``),
            where it came from: ``masthead`` or ``file name``.
        articles: the articles the parser finds.
        encoding: the encoding the file decodes with.
        doubtful: the decoding is uncertain and should be checked.
        error: why the file cannot be imported (it is still listed, and the import reports
            the same error for it).
    """

    path: Path
    found: PageMeta = field(default_factory=PageMeta)
    sources: dict[str, str] = field(default_factory=dict)
    articles: list[ArticlePreview] = field(default_factory=list)
    encoding: str | None = None
    doubtful: bool = False
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """A file to import with the metadata the user confirmed (empty fields: as found)."""

    path: Path
    overrides: PageMeta = field(default_factory=PageMeta)


def preview_file(path: Path, *, max_file_bytes: int = DEFAULT_MAX_FILE_BYTES) -> FilePreview:
    """Decode and parse one file to show what importing it would store.

    Args:
        path: the page file.
        max_file_bytes: larger files are refused.

    Returns:
        The preview (with ``error`` set when the file cannot be imported).
    """
    from_name = meta_from_file_name(path)
    preview = FilePreview(path=path, found=from_name)
    preview.sources = {
        name: "file name"
        for name in ("publication", "date", "page_label")
        if getattr(from_name, name) is not None
    }
    try:
        check_page_suffix(path)
        page = decode_and_parse(read_page_bytes(path, max_file_bytes), path.name)
    except InputError as error:
        preview.error = str(error)
        return preview
    decoded, parsed, masthead = page.decoded, page.parsed, page.masthead
    preview.found = masthead.merged_over(from_name)
    for name in ("publication", "date", "page_label"):
        if getattr(masthead, name) is not None:
            preview.sources[name] = "masthead"
    preview.encoding = decoded.encoding
    preview.doubtful = decoded.doubtful
    preview.articles = [
        ArticlePreview(
            title=article.title,
            paragraphs=len(article.paragraphs),
            continues_to=article.continues_to,
            continued_from=article.continued_from,
        )
        for article in parsed.articles
    ]
    return preview


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
