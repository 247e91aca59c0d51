"""The researcher-tools CLI: scripts can bookmark, tag, annotate, file, cite and export."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import rispy

from main import main
from tests.fixtures import notes_pages
from tests.fixtures.notes_pages import CITY, FARM, SOLAR


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, dict[str, int]]:
    archive = str(tmp_path / "archive")
    page = notes_pages.write_page(tmp_path / "pages", notes_pages.PAGE_V1)
    assert _run(capsys, "--archive", archive, "import", str(page))[0] == 0
    status, out, _ = _run(capsys, "--archive", archive, "articles", "--json")
    assert status == 0
    return archive, {row["title"]: row["id"] for row in json.loads(out)["articles"]}


def test_tag_annotate_bookmark_and_list(
    cli: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    archive, ids = cli
    solar, farm, city = str(ids[SOLAR]), str(ids[FARM]), str(ids[CITY])
    run = lambda *argv: _run(capsys, "--archive", archive, *argv)  # noqa: E731

    status, out, _ = run("tag", solar, farm, "产业 / 光伏", "--json")
    assert status == 0 and json.loads(out) == {
        "tag": "产业/光伏",
        "tagged": [ids[SOLAR], ids[FARM]],
    }
    status, out, _ = run("tags", "--json")
    assert [(t["path"], t["total"]) for t in json.loads(out)["tags"]] == [
        ("产业", 2),
        ("产业/光伏", 2),
    ]
    status, out, _ = run("untag", farm, "产业/光伏")
    assert status == 0 and "1 article" in out
    status, out, _ = run("tags", "--articles", "产业", "--json")
    assert [a["id"] for a in json.loads(out)["articles"]] == [ids[SOLAR]]

    status, out, _ = run("annotate", solar, "--quote", "储能电站", "--note", "配套", "--json")
    assert status == 0
    made = json.loads(out)
    assert (made["quote"], made["note"], made["status"]) == ("储能电站", "配套", "anchored")
    status, out, _ = run("annotate", city, "--start", "0", "--end", "4", "--color", "blue")
    assert status == 0 and "body 0–4" in out
    status, out, _ = run("annotate", farm, "--article-note", "--note", "专题候选")
    assert status == 0
    status, out, _ = run("annotations", "--json")
    rows = json.loads(out)["annotations"]
    assert len(rows) == 3 and rows[-1]["note"] == "配套"  # newest first
    status, out, _ = run("annotations", "--article", solar)
    assert "储能电站" in out and "配套" in out
    status, out, _ = run("annotation-edit", str(made["id"]), "--note", "已核实", "--json")
    assert json.loads(out)["note"] == "已核实"
    status, out, _ = run("annotations", "--orphaned", "--json")
    assert json.loads(out)["annotations"] == []
    status, out, _ = run("search", "note:已核实", "--json")
    assert [hit["id"] for hit in json.loads(out)["hits"]] == [ids[SOLAR]]
    assert run("annotation-delete", str(made["id"]))[0] == 0

    assert run("bookmark", solar, city)[0] == 0
    status, out, _ = run("bookmark", solar, "--json")
    assert json.loads(out) == {"bookmarked": [], "already": [ids[SOLAR]]}
    assert run("unbookmark", city)[0] == 0
    status, out, _ = run("bookmarks", "--json")
    assert [b["article_id"] for b in json.loads(out)["bookmarks"]] == [ids[SOLAR]]


def test_collections_and_saved_searches(
    cli: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    archive, ids = cli
    run = lambda *argv: _run(capsys, "--archive", archive, *argv)  # noqa: E731
    assert run("collection", "create", "县域经济")[0] == 0
    status, out, _ = run("collection", "create", "第一章", "--parent", "县域经济", "--json")
    assert json.loads(out)["path"] == "县域经济/第一章"
    status, out, _ = run("collection", "add", "第一章", str(ids[SOLAR]), str(ids[CITY]), "--json")
    assert json.loads(out)["added"] == [ids[SOLAR], ids[CITY]]
    status, out, _ = run("collections", "--json")
    assert [(c["path"], c["total"]) for c in json.loads(out)["collections"]] == [
        ("县域经济", 2),
        ("县域经济/第一章", 2),
    ]
    status, out, _ = run("collections", "县域经济")
    assert SOLAR in out and CITY in out
    status, out, _ = run("search", "collection:县域经济", "--json")
    assert sorted(hit["id"] for hit in json.loads(out)["hits"]) == sorted([ids[SOLAR], ids[CITY]])
    assert run("collection", "remove", "县域经济/第一章", str(ids[CITY]))[0] == 0
    assert run("collection", "rename", "第一章", "第1章")[0] == 0
    status, out, _ = run("collection", "list", "--json")
    assert [c["path"] for c in json.loads(out)["collections"]] == ["县域经济", "县域经济/第1章"]
    assert run("collection", "delete", "县域经济")[0] == 0
    status, out, _ = run("collections", "--json")
    assert json.loads(out)["collections"] == []

    assert run("saved-search", "save", "光伏", "光伏 -储能")[0] == 0
    status, out, _ = run("saved-searches", "--json")
    assert [(s["name"], s["query"]) for s in json.loads(out)["saved_searches"]] == [
        ("光伏", "光伏 -储能")
    ]
    status, _out, err = run("saved-search", "save", "坏", '"光伏')
    assert status == 2 and "quote" in err
    assert run("saved-search", "delete", "光伏")[0] == 0


def test_cite_and_export(
    cli: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    archive, ids = cli
    run = lambda *argv: _run(capsys, "--archive", archive, *argv)  # noqa: E731
    status, out, _ = run("cite", str(ids[SOLAR]))
    assert out == "赵明远. 光伏产业园二期开工[N]. 青川晚报, 2024-03-08(A2).\n"
    status, out, _ = run("cite", str(ids[SOLAR]), str(ids[CITY]), "--style", "ris")
    assert [entry["title"] for entry in rispy.loads(out)] == [SOLAR, CITY]
    status, out, _ = run("cite", str(ids[SOLAR]), "--style", "csl-json")
    assert json.loads(out)[0]["type"] == "article-newspaper"
    target = tmp_path / "refs.bib"
    assert run("cite", str(ids[CITY]), "--style", "bibtex", "--out", str(target))[0] == 0
    assert target.read_text(encoding="utf-8").startswith("@article{")

    run("annotate", str(ids[SOLAR]), "--quote", "总投资约十二亿元", "--note", "数据来源")
    run("tag", str(ids[CITY]), "民生")
    status, out, _ = run("export", "notes", "--format", "markdown")
    assert "> 总投资约十二亿元" in out and "数据来源" in out
    csv_path = tmp_path / "articles.csv"
    status, out, _ = run(
        "export", "articles", "--format", "csv", "--tag", "民生", "--out", str(csv_path), "--json"
    )
    assert json.loads(out)["items"] == 1
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        assert [row["title"] for row in csv.DictReader(handle)] == [CITY]
    status, out, _ = run("export", "notes", "--format", "json", "--ids", str(ids[SOLAR]))
    assert status == 0
    assert json.loads(out)["articles"][0]["annotations"][0]["note"] == "数据来源"


@pytest.mark.parametrize(
    "argv",
    [
        ("annotate", "999999", "--quote", "储能"),
        ("annotate", "{solar}", "--quote", "海上风电"),
        ("annotate", "{solar}", "--start", "3"),
        ("tag", "{solar}", "产业//光伏"),
        ("cite", "999999"),
        ("export", "notes", "--collection", "没有这个"),
        ("export", "articles", "--tag", "甲", "--bookmarked"),
        ("collection", "add", "没有这个", "{solar}"),
        ("annotation-delete", "999999"),
    ],
)
def test_bad_input_exits_2_with_a_message(
    cli: tuple[str, dict[str, int]], capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]
) -> None:
    archive, ids = cli
    filled = [arg.replace("{solar}", str(ids[SOLAR])) for arg in argv]
    status, _out, err = _run(capsys, "--archive", archive, *filled)
    assert status == 2
    assert err.startswith("error: ") and "Traceback" not in err
