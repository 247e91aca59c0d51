"""The entity commands of the CLI: JSON shapes, readable tables, exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from main import main
from reader.segment import Segmenter
from tests.fixtures.entity_pages import write_entity_pages


@pytest.fixture(autouse=True)
def _one_segmenter(monkeypatch: pytest.MonkeyPatch, segmenter: Segmenter) -> None:
    """Every command of these tests shares the session's segmenter (jieba loads once)."""
    monkeypatch.setattr("reader.archive.Segmenter", lambda _cache_dir: segmenter)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _json(capsys: pytest.CaptureFixture[str], archive: str, *argv: str) -> dict:
    status, out, err = _run(capsys, "--archive", archive, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def test_entity_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = str(tmp_path / "arch")
    write_entity_pages(tmp_path / "pages")
    assert _run(capsys, "--archive", archive, "import", str(tmp_path / "pages"))[0] == 0

    listed = _json(capsys, archive, "entities", "--type", "person")["entities"]
    assert set(listed[0]) == {"name", "type", "mentions", "articles"}
    assert {"name": "李秀英", "type": "person", "mentions": 2, "articles": 2} in listed
    assert all(row["type"] == "person" for row in listed)
    filtered = _json(capsys, archive, "entities", "--filter", "秀英")["entities"]
    assert [row["name"] for row in filtered] == ["李秀英"]

    detail = _json(capsys, archive, "entity", "李秀英")
    for key in ("name", "type", "aliases", "mentions", "cooccurring", "timeline"):
        assert key in detail
    assert {"article_id", "title", "snippet"} <= set(detail["mentions"][0])
    assert {"name", "type", "articles"} == set(detail["cooccurring"][0])
    assert detail["timeline"][0] == {"date": "2024-06-03", "count": 1}
    article = detail["mentions"][0]["article_id"]

    shown = _json(capsys, archive, "show", str(article))
    assert any(e["name"] == "李秀英" and e["type"] == "person" for e in shown["entities"])
    for entity in shown["entities"]:
        assert set(entity) == {"name", "type", "field", "start", "end"}
        text = (
            shown["title"]
            if entity["field"] == "title"
            else "\n".join(block["text"] for block in shown["blocks"])
        )
        assert text[entity["start"] : entity["end"]] == entity["name"]

    renamed = _json(capsys, archive, "entity-rename", "李秀英", "李秀瑛", "--type", "person")
    assert set(renamed) == {"audit_id", "rule_id", "action", "subject", "articles", "index_updated"}
    assert renamed["action"] == "rename" and article in renamed["articles"]
    names = {row["name"] for row in _json(capsys, archive, "entities")["entities"]}
    assert "李秀瑛" in names and "李秀英" not in names
    hits = _json(capsys, archive, "search", "entity:李秀瑛")
    assert hits["total"] == 2

    merged = _json(capsys, archive, "entity-merge", "张海涛", "李秀瑛")
    assert merged["action"] == "merge"
    split = _json(capsys, archive, "entity-split", "李秀瑛", "张海涛", "--articles", str(article))
    assert split["articles"] == [article]
    retyped = _json(capsys, archive, "entity-retype", "东山乡", "organization")
    assert retyped["action"] == "retype"
    deleted = _json(capsys, archive, "entity-delete", "河东省教育厅")
    assert deleted["action"] == "delete"
    added = _json(
        capsys, archive, "entity-add", str(article), "--field", "title",
        "--start", "0", "--end", "4", "--type", "organization",
    )  # fmt: skip
    assert added["action"] == "add"

    history = _json(capsys, archive, "entity-history")["history"]
    assert [entry["action"] for entry in history] == [
        "add", "delete", "retype", "split", "merge", "rename",
    ]  # fmt: skip
    assert {"id", "at", "action", "subject", "rule_id", "active", "before", "after"} <= set(
        history[0]
    )
    undone = _json(capsys, archive, "entity-undo")
    assert undone["action"] == "undo" and undone["rule_id"] == added["rule_id"]
    undone = _json(capsys, archive, "entity-undo", str(renamed["rule_id"]))
    assert undone["rule_id"] == renamed["rule_id"]

    status, out, _ = _run(capsys, "--archive", archive, "entity-history")
    assert status == 0 and "undo" in out and "rename" in out
    status, out, _ = _run(capsys, "--archive", archive, "entity", "王建国")
    assert status == 0 and "王建国" in out and "2024-06-03" in out
    status, out, _ = _run(capsys, "--archive", archive, "entities")
    assert status == 0 and out.splitlines()[0].split() == ["name", "type", "mentions", "articles"]


def test_entity_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = str(tmp_path / "arch")
    pages = write_entity_pages(tmp_path / "pages")
    assert _run(capsys, "--archive", archive, "import", str(pages[-1]))[0] == 0
    status, _, err = _run(capsys, "--archive", archive, "entity", "张海")
    assert status == 2 and err.startswith("error:") and "张海涛" in err
    status, _, err = _run(capsys, "--archive", archive, "entity-undo")
    assert status == 2 and "Traceback" not in err
    status, _, err = _run(capsys, "--archive", archive, "entity-rename", "无此人", "某人")
    assert status == 2
    with pytest.raises(SystemExit):
        main(["--archive", archive, "entity-split", "张海涛", "新名", "--articles", "x"])
