"""Where an archive keeps its files: one module resolves every path, with an override."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "baokan-reader"
ARCHIVE_ENV_VAR = "BAOKAN_ARCHIVE"


@dataclass(frozen=True, slots=True)
class ArchivePaths:
    """The files and folders of one archive, all below one root folder.

    Everything of an archive (database, search index, backups, caches, lock) lives below
    ``root``, so pointing ``root`` at a temporary folder isolates a test completely.
    """

    root: Path

    @property
    def database(self) -> Path:
        """The SQLite database: the only source of truth."""
        return self.root / "archive.sqlite3"

    @property
    def index_dir(self) -> Path:
        """The Whoosh search index (derived data, rebuilt from the database at will)."""
        return self.root / "index"

    @property
    def backups_dir(self) -> Path:
        """Verified online backups of the database."""
        return self.root / "backups"

    @property
    def cache_dir(self) -> Path:
        """Caches that can be deleted at any time (jieba's dictionary cache among them)."""
        return self.root / "cache"

    @property
    def lock_file(self) -> Path:
        """The lock that gives one process at a time the right to write."""
        return self.root / "writer.lock"

    @property
    def settings_file(self) -> Path:
        """The archive's own settings (JSON)."""
        return self.root / "settings.json"

    def ensure(self) -> ArchivePaths:
        """Create the root and its folders if they do not exist yet.

        Returns:
            self, for chaining.
        """
        for folder in (self.root, self.backups_dir, self.cache_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def default_archive_root() -> Path:
    """The archive folder used when none is given: the user's data folder.

    ``BAOKAN_ARCHIVE`` in the environment overrides it (handy for scripts).

    Returns:
        The archive root folder (not necessarily existing).
    """
    override = os.environ.get(ARCHIVE_ENV_VAR)
    if override:
        return Path(override).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "archive"


def resolve_archive(archive: str | os.PathLike[str] | None) -> ArchivePaths:
    """Resolve the archive folder from an explicit ``--archive DIR`` or the default.

    Args:
        archive: the folder given by the user, or None for the default.

    Returns:
        The archive's paths.
    """
    root = Path(archive).expanduser() if archive else default_archive_root()
    return ArchivePaths(root.resolve())


def resources_dir() -> Path:
    """The folder of the resources shipped with the program (demo, dictionaries, icons)."""
    return Path(__file__).resolve().parent.parent / "resources"
