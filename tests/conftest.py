"""Shared fixtures: temporary archives, the real data folder, a segmenter, offscreen Qt."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Imports of many files run in this process (no worker processes to start) unless a test
# asks for workers; also for the app started by a test in a subprocess.
os.environ.setdefault("BAOKAN_IMPORT_WORKERS", "0")

from reader.archive import Archive
from reader.paths import ArchivePaths
from reader.segment import Segmenter

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only real data folder beside the repository; tests skip without it."""
    if not (SHARED_DIR / "samples" / "seed-page.txt").is_file():
        pytest.skip(f"{SHARED_DIR} not found: real-data test skipped (only in a full checkout)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    """One jieba segmenter for the whole session, its cache in a temporary folder."""
    return Segmenter(tmp_path_factory.mktemp("jieba-cache"))


@pytest.fixture
def archive_paths(tmp_path: Path) -> ArchivePaths:
    """The paths of a fresh archive in a temporary folder."""
    return ArchivePaths(tmp_path / "archive")


@pytest.fixture
def archive(archive_paths: ArchivePaths) -> Iterator[Archive]:
    """A fresh archive opened for writing, closed after the test."""
    with Archive(archive_paths, write=True) as opened:
        yield opened
