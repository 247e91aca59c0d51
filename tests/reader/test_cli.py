"""The command-line contract: commands, --json shapes, exit statuses, readable tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main
from reader.textwidth import display_width, format_table
from tests.fixtures.pages import write_issue, write_page


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_import_issues_articles_show_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = str(tmp_path / "arch")
    write_issue(tmp_path / "pages")
    status, out, _ = _run(capsys, "--archive", archive, "import", str(tmp_path / "pages"), "--json")
    assert status == 0
    report = json.loads(out)
    assert [f["status"] for f in report["files"]] == ["imported", "imported"]
    assert {"path", "status", "articles", "error"} <= set(report["files"][0])
    assert "河东晚报" in out  # UTF-8, not ASCII-escaped

    status, out, _ = _run(capsys, "--archive", archive, "issues", "--json")
    data = json.loads(out)
    issue = data["publications"][0]["issues"][0]
    assert issue["date"] == "2024-05-17"
    assert [page["label"] for page in issue["pages"]] == ["A1", "A3"]

    status, out, _ = _run(capsys, "--archive", archive, "articles", "--json")
    articles = json.loads(out)["articles"]
    expected = {"id", "title", "subtitle", "authors", "credit", "publication", "date", "pages"}
    assert expected | {"paragraph_count"} <= set(articles[0])
    joined = next(a for a in articles if a["title"] == "古镇老街焕新颜")
    assert joined["pages"] == ["A1", "A3"]

    status, out, _ = _run(capsys, "--archive", archive, "show", str(joined["id"]), "--json")
    shown = json.loads(out)
    for key in ("section_headings", "paragraphs", "captions", "continues_to", "continued_from"):
        assert key in shown
    assert shown["paragraphs"][0].startswith("清晨")


def test_import_exit_status_is_1_when_a_file_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, _ = write_issue(tmp_path)
    bad = write_page(tmp_path, "empty.txt", "")
    status, out, _ = _run(capsys, "--archive", str(tmp_path / "a"), "import", str(good), str(bad))
    assert status == 1
    assert "empty.txt" in out and "imported" in out


def test_show_of_an_unknown_id_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good, _ = write_issue(tmp_path)
    _run(capsys, "--archive", str(tmp_path / "a"), "import", str(good))
    status, _, err = _run(capsys, "--archive", str(tmp_path / "a"), "show", "999")
    assert status == 2
    assert "999" in err and "Traceback" not in err


def test_reading_a_missing_archive_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "--archive", str(tmp_path / "none"), "articles")
    assert status == 1
    assert "No archive" in err


def test_human_tables_align_chinese_text() -> None:
    table = format_table(["名称", "n"], [["古镇老街", "1"], ["abc", "22"]])
    lines = table.splitlines()
    assert display_width("古镇老街") == 8
    last_column_starts = {display_width(line.rstrip()) - len(line.split()[-1]) for line in lines}
    assert last_column_starts == {10}
    assert lines[2].startswith("古镇老街  1")
