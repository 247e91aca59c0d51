"""Shared fixtures of the entity tagger tests: one segmenter per session, in a temp cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.entities.extract import EntityExtractor
from reader.segment import Segmenter

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture(scope="session")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return Segmenter(tmp_path_factory.mktemp("jieba-cache"))


@pytest.fixture(scope="session")
def extractor(segmenter: Segmenter) -> EntityExtractor:
    return EntityExtractor(segmenter)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} not found: real-data test skipped")
    return SHARED
