"""Fixtures of the reliability tests: an archive holding the invented issue, the CLI runner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from main import main
from reader.archive import Archive
from reader.importer import Importer
from reader.segment import Segmenter
from tests.fixtures.pages import write_issue

CliRunner = Callable[..., tuple[int, str, str]]


@pytest.fixture
def filled(archive: Archive, tmp_path: Path, segmenter: Segmenter) -> Archive:
    """The test archive holding the invented two-page issue (three articles, one joined)."""
    archive.segmenter = segmenter
    assert not Importer(archive).run(list(write_issue(tmp_path / "pages"))).failed
    return archive


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> CliRunner:
    """Run ``main.py ARGS…`` in this process: (exit status, stdout, stderr)."""

    def run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run
