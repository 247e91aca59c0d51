"""Bad input, generic guarantees: a per-file error naming the problem, never a partial row.

The hostile text files themselves live in ``tests/fixtures/badfiles.py`` (tested one by one
in ``tests/reader/test_import_badfiles.py``); the formats added later test their own. Here:
a 50 MB file, every bad file at once with a count of what was tried, a failure in the middle
of storing a page (nothing of it may stay), and random bytes through decode and parse.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader import importer as importer_module
from reader.archive import Archive
from reader.errors import InputError
from reader.importer import Importer, decode_and_parse
from reader.parsing.page import lost_text
from reader.segment import Segmenter
from tests.fixtures.badfiles import SIMPLIFIED_PAGE, VALID, write_bad_files
from tests.fixtures.pages import write_issue

FIFTY_MB = 50 * 1024 * 1024


def table_counts(archive: Archive) -> dict[str, int]:
    """The number of rows of every table (the search index aside)."""
    connection = sqlite3.connect(archive.paths.database)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
            for table in tables
            if table != "archive_meta"
        }
    finally:
        connection.close()


def test_a_fifty_megabyte_file_is_refused_with_its_size(archive: Archive, tmp_path: Path) -> None:
    path = tmp_path / "fifty.txt"
    with path.open("wb") as handle:  # valid text all along: refused for its size alone
        chunk = SIMPLIFIED_PAGE.encode("utf-8") * 64
        while handle.tell() < FIFTY_MB:
            handle.write(chunk)
    before = table_counts(archive)
    (result,) = Importer(archive).run([path]).files
    assert result.status == "failed"
    assert result.error is not None and "fifty.txt" in result.error
    assert "too large" in result.error and "50" in result.error
    assert table_counts(archive) == before


def test_every_bad_file_at_once_gets_its_own_error_and_stores_nothing(
    archive: Archive, tmp_path: Path, segmenter: Segmenter
) -> None:
    archive.segmenter = segmenter
    expected = write_bad_files(tmp_path / "bad", include_huge=True)
    bad = sorted(name for name, keyword in expected.items() if keyword != VALID)
    before = table_counts(archive)
    report = Importer(archive).run([tmp_path / "bad" / name for name in bad])
    assert len(report.files) == len(bad) >= 9
    for result in report.files:
        assert result.status == "failed"
        assert result.error and Path(result.path).name in result.error
        assert "internal error" not in result.error and "Traceback" not in result.error
    assert table_counts(archive) == before
    print(f"bad files tried: {len(bad)} refused, {len(expected) - len(bad)} awkward but valid")


def test_a_failure_while_storing_a_page_leaves_nothing_of_it(
    archive: Archive, tmp_path: Path, segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Publication, issue, page, articles, blocks: one transaction, all or nothing."""
    archive.segmenter = segmenter
    a1, a3 = write_issue(tmp_path / "pages")
    before = table_counts(archive)
    calls = 0
    real = importer_module.replace_mentions

    def failing(*args: object, **kwargs: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:  # half-way through the first file's articles
            raise RuntimeError("disk on fire")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer_module, "replace_mentions", failing)
    report = Importer(archive).run([a1])
    (result,) = report.files
    assert result.status == "failed"
    assert result.error and "internal error" in result.error and "nothing of this" in result.error
    assert table_counts(archive) == before
    monkeypatch.setattr(importer_module, "replace_mentions", real)
    assert [r.status for r in Importer(archive).run([a1, a3]).files] == ["imported", "imported"]


_ENCODED_TEXT = st.builds(
    lambda text, encoding: text.encode(encoding, errors="ignore"),
    st.text(
        alphabet=st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(list("本报讯记者版面　（）。，\n\r\t\x00\ufeff")),
        ),
        max_size=300,
    ),
    st.sampled_from(["utf-8", "gb18030", "big5", "utf-16", "utf-16-le", "latin-1"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600), _ENCODED_TEXT))
def test_any_bytes_are_refused_cleanly_or_parsed_without_loss(data: bytes) -> None:
    try:
        page = decode_and_parse(data, "fuzz.txt")
    except InputError as error:
        assert "fuzz.txt" in str(error)
        return
    assert lost_text(page.text, page.parsed) == ("", "")
