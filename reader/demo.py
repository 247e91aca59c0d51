"""The demo archive: a small invented issue shipped in resources/demo, imported on first use."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from reader.archive import Archive
from reader.importer import Importer, ImportReport
from reader.paths import APP_NAME, ArchivePaths, resources_dir


def demo_pages_dir() -> Path:
    """The folder of the demo page files."""
    return resources_dir() / "demo"


def demo_archive_paths() -> ArchivePaths:
    """Where the demo archive lives when no ``--archive`` is given."""
    return ArchivePaths(platformdirs.user_data_path(APP_NAME, appauthor=False) / "demo-archive")


def ensure_demo_imported(archive: Archive) -> ImportReport:
    """Import the demo pages into an archive (files already there are left unchanged).

    Args:
        archive: an archive opened for writing.

    Returns:
        The import report.
    """
    return Importer(archive).run([demo_pages_dir()])
