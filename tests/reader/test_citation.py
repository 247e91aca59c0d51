"""Citations: GB/T 7714-2015 exactly; RIS, BibTeX and CSL-JSON read back by real libraries."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as csl_formatter
from citeproc.source.json import CiteProcJSON

from main import main
from reader.archive import Archive
from reader.citation import (
    CitationRecord,
    bibtex_key,
    cite,
    format_citations,
    gbt7714,
    records_for,
)
from reader.errors import InputError, NotFoundError
from reader.importer import Importer
from reader.library import list_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from reader.store import PageMeta
from tests.fixtures import notes_pages
from tests.fixtures.pages import write_issue

SEED_META = PageMeta(
    publication="科学导报·开发区建设周刊", date=dt.date(2023, 11, 24), page_label="D1"
)
SEED_CITATION = "张鹏. 抓项目 扩投资 促发展[N]. 科学导报·开发区建设周刊, 2023-11-24(D1)."


def _record(**changes: object) -> CitationRecord:
    values: dict[str, object] = {
        "id": 7,
        "title": "古镇老街焕新颜",
        "subtitle": "青石县推进历史街区保护利用纪实",
        "authors": ["周文涛"],
        "publication": "河东晚报",
        "date": "2024-05-17",
        "pages": ["A1", "A3"],
    }
    values.update(changes)
    return CitationRecord(**values)  # type: ignore[arg-type]


@pytest.fixture
def cite_archive(tmp_path: Path, segmenter: Segmenter) -> Iterator[Archive]:
    with Archive(ArchivePaths(tmp_path / "archive"), write=True) as archive:
        archive.segmenter = segmenter
        Importer(archive).run(list(write_issue(tmp_path / "pages")))
        page = notes_pages.write_page(
            tmp_path / "pages",
            notes_pages.CITE_PAGE,
            f"{notes_pages.CITE_PUBLICATION}_{notes_pages.CITE_DATE}_3.txt",
        )
        Importer(archive).run([page])
        yield archive


def _ids(archive: Archive) -> dict[str, int]:
    with archive.db.read() as session:
        return {summary.title: summary.id for summary in list_articles(session)}


# ------------------------------------------------------------------------------- GB/T 7714


def test_gbt7714_forms() -> None:
    assert gbt7714(_record()) == "周文涛. 古镇老街焕新颜[N]. 河东晚报, 2024-05-17(A1, A3)."
    assert (
        gbt7714(_record(authors=[], pages=["05"])) == "古镇老街焕新颜[N]. 河东晚报, 2024-05-17(5)."
    )
    four = _record(authors=["甲一", "乙二", "丙三", "丁四"], pages=["B2"])
    assert gbt7714(four) == "甲一, 乙二, 丙三, 等. 古镇老街焕新颜[N]. 河东晚报, 2024-05-17(B2)."
    three = _record(authors=["甲一", "乙二", "丙三"], pages=["B2"])
    assert gbt7714(three).startswith("甲一, 乙二, 丙三. 古镇")
    undated = _record(date=None, pages=["A1"])
    assert gbt7714(undated) == "周文涛. 古镇老街焕新颜[N]. 河东晚报, [出版日期不详](A1)."


def test_gbt7714_on_an_invented_page(cite_archive: Archive) -> None:
    ids = _ids(cite_archive)
    with cite_archive.db.read() as session:
        text = cite(
            session,
            [ids["秋收时节稻花香"], ids["丰收节活动周开幕"], ids["古镇老街焕新颜"]],
            "gbt7714",
        )
    assert text.splitlines() == [
        "[1] 陈海生, 林秀英, 郑国栋, 等. 秋收时节稻花香[N]. 岭南农垦报·周末版, 2022-09-16(3).",
        "[2] 丰收节活动周开幕[N]. 岭南农垦报·周末版, 2022-09-16(3).",
        "[3] 周文涛. 古镇老街焕新颜[N]. 河东晚报, 2024-05-17(A1, A3).",
    ]


def test_cite_errors(cite_archive: Archive) -> None:
    with cite_archive.db.read() as session:
        with pytest.raises(NotFoundError):
            records_for(session, [999_999])
        with pytest.raises(InputError, match="style"):
            cite(session, [1], "apa")
    with pytest.raises(InputError):
        format_citations([], "ris")


def test_seed_article_cites_exactly(
    shared_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "seed"
    with Archive(ArchivePaths(root), write=True) as archive:
        report = Importer(archive, overrides=SEED_META).run(
            [shared_dir / "samples" / "seed-page.txt"]
        )
        assert not report.failed
        with archive.db.read() as session:
            (article_id,) = [
                a.id for a in list_articles(session) if a.title == "抓项目 扩投资 促发展"
            ]
    assert main(["--archive", str(root), "cite", str(article_id), "--style", "gbt7714"]) == 0
    assert capsys.readouterr().out == SEED_CITATION + "\n"


# ------------------------------------------------------------------ machine-readable styles


def test_ris_parses_back_with_rispy(cite_archive: Archive) -> None:
    ids = _ids(cite_archive)
    with cite_archive.db.read() as session:
        text = cite(session, [ids["秋收时节稻花香"], ids["古镇老街焕新颜"]], "ris")
    entries = rispy.loads(text)
    assert [entry["type_of_reference"] for entry in entries] == ["NEWS", "NEWS"]
    first, second = entries
    assert first["authors"] == ["陈海生", "林秀英", "郑国栋", "黄志强"]
    assert first["title"] == "秋收时节稻花香"
    assert first["secondary_title"] == "岭南农垦报·周末版"
    assert (first["year"], first["date"]) == ("2022", "2022/09/16/")
    assert first["start_page"] == "3"
    assert second["start_page"] == "A1, A3"
    assert second["id"] == f"baokan-{ids['古镇老街焕新颜']}"


def test_bibtex_parses_back_with_bibtexparser(cite_archive: Archive) -> None:
    ids = _ids(cite_archive)
    with cite_archive.db.read() as session:
        records = records_for(session, [ids["秋收时节稻花香"], ids["丰收节活动周开幕"]])
    tricky = _record(
        id=99, title="“双碳”目标下的{新}路径：100%绿电 & 储能_试点 #1", authors=["欧阳 明"]
    )
    text = format_citations([*records, tricky], "bibtex")
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    keys = [entry.key for entry in library.entries]
    assert len(set(keys)) == 3 and keys[2] == bibtex_key(tricky) == "bk20240517a99"
    first = library.entries[0].fields_dict
    assert first["title"].value == "秋收时节稻花香"
    assert first["journal"].value == "岭南农垦报·周末版"
    assert first["author"].value == "陈海生 and 林秀英 and 郑国栋 and 黄志强"
    assert (first["date"].value, first["year"].value, first["pages"].value) == (
        "2022-09-16",
        "2022",
        "3",
    )
    assert library.entries[0].entry_type == "article"
    assert "author" not in library.entries[1].fields_dict  # no personal author
    assert library.entries[2].fields_dict["title"].value == tricky.title
    assert library.entries[2].fields_dict["author"].value == "欧阳 明"


def test_csl_json_renders_with_citeproc(cite_archive: Archive) -> None:
    ids = _ids(cite_archive)
    with cite_archive.db.read() as session:
        text = cite(session, [ids["秋收时节稻花香"], ids["古镇老街焕新颜"]], "csl-json")
    items = json.loads(text)
    assert {item["type"] for item in items} == {"article-newspaper"}
    assert items[0]["author"][3] == {"literal": "黄志强"}
    assert items[1]["issued"] == {"date-parts": [[2024, 5, 17]]}
    assert items[1]["container-title"] == "河东晚报"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, source, csl_formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert any(
        "周文涛" in line and "古镇老街焕新颜" in line and "河东晚报" in line for line in rendered
    )
    assert any("陈海生" in line and "2022" in line for line in rendered)
