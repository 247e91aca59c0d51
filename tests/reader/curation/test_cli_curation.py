"""The curation commands end to end: edit, history, show-revision, revert, page fixes, re-import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main
from tests.fixtures import pages
from tests.reader.curation.conftest import LIBRARY, OLD_TOWN, TEA


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, int]]:
    archive = str(tmp_path / "archive")
    files = [str(path) for path in pages.write_issue(tmp_path / "pages")]
    assert _run(capsys, "--archive", archive, "import", *files)[0] == 0
    status, out, _ = _run(capsys, "--archive", archive, "articles", "--json")
    assert status == 0
    return archive, {row["title"]: row["id"] for row in json.loads(out)["articles"]}


def test_edit_history_show_and_revert(
    cli: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    archive, ids = cli
    run = lambda *argv: _run(capsys, "--archive", archive, *argv)  # noqa: E731
    library = str(ids[LIBRARY])

    status, out, _ = run(
        "edit", library, "--title", "读书月开幕", "--block", "1=活动期间将举办讲座。"
    )
    assert status == 0 and out.startswith("revision 1: ") and LIBRARY in out
    status, out, _ = run("show", library, "--json")
    shown = json.loads(out)
    assert shown["title"] == "读书月开幕" and shown["paragraphs"][1] == "活动期间将举办讲座。"

    status, out, _ = run("history", "--article", library, "--json")
    (revision,) = json.loads(out)["revisions"]
    assert (revision["id"], revision["action"], revision["reverted_by"]) == (
        1,
        "edit_article",
        None,
    )
    status, out, _ = run("show-revision", "1")
    assert status == 0 and f"article {library} title: " in out and "{+" in out and "[-" in out
    status, out, _ = run("show-revision", "1", "--json")
    labels = [diff["label"] for diff in json.loads(out)["diff"]]
    assert labels == ["title", "body"]

    status, out, _ = run("search", "二十多场", "--json")
    assert json.loads(out)["hits"][0]["snippet"].startswith("〔原文〕")

    newer = pages.write_page(
        tmp_path / "newer",
        f"{pages.PUBLICATION}_{pages.DATE}_A3.txt",
        pages.PAGE_A3.replace("众多市民", "许多市民"),
    )
    status, out, _ = run("import", str(newer))
    assert status == 0 and "has your corrections — kept" in out.splitlines()[-1]

    status, out, _ = run("revert", "1")
    assert status == 0 and out.startswith("revision 2: revert: ")
    status, out, _ = run("show", library, "--json")
    assert json.loads(out)["title"] == LIBRARY
    status, _out, err = run("revert", "1")
    assert status == 2 and "already reverted by revision 2" in err
    status, out, _ = run("revert", "2")  # redo
    assert status == 0
    status, out, _ = run("history")
    assert "reverted by 3" in out and "redo: " in out


def test_page_and_issue_corrections_and_refusals(
    cli: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    archive, ids = cli
    run = lambda *argv: _run(capsys, "--archive", archive, *argv)  # noqa: E731
    status, out, _ = run("issues", "--json")
    (publication,) = json.loads(out)["publications"]
    (issue,) = publication["issues"]
    page_ids = {page["label"]: page["id"] for page in issue["pages"]}

    status, _out, err = run("edit-page", str(page_ids["A3"]), "--label", "A1")
    assert status == 2 and "already has a page A1" in err
    status, out, _ = run("edit-page", str(page_ids["A3"]), "--date", "2024-05-18", "--json")
    assert status == 0 and ids[LIBRARY] in json.loads(out)["article_ids"]
    status, out, _ = run("edit-issue", str(issue["id"]), "--number", "第8812期")
    assert status == 0
    status, out, _ = run("history", "--page", str(page_ids["A1"]), "--json")
    assert [row["action"] for row in json.loads(out)["revisions"]] == ["edit_issue"]
    status, _out, err = run("edit", str(ids[TEA]), "--block", "9=x")
    assert status == 2 and "no paragraph 9" in err
    status, _out, err = run("show-revision", "99")
    assert status == 2 and "No revision with id 99" in err


def test_structure_commands_are_wired(
    cli: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    archive, ids = cli
    run = lambda *argv: _run(capsys, "--archive", archive, *argv)  # noqa: E731
    status, out, _ = run("split", str(ids[OLD_TOWN]), "3", "--json")
    assert status == 0
    result = json.loads(out)
    assert result["action"] == "split" and len(result["created_ids"]) == 1
    status, out, _ = run("revert", str(result["revision_id"]))
    assert status == 0 and "removed article(s)" in out
