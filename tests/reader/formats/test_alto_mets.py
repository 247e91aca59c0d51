"""METS/ALTO: text in reading order, logical articles, issue metadata, scans, hostile XML."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.formats.alto import parse_alto, reject_entities
from reader.formats.dispatch import drop_companions, iter_pages
from reader.formats.model import FailedPage, SourcePage
from tests.fixtures.formats import BILLION_LAUGHS, XXE_ALTO, write_mets_issue

ALTO_NS = "http://www.loc.gov/standards/alto/ns-v3#"


def _alto(body: str, extra: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><alto xmlns="{ALTO_NS}">{extra}<Layout>'
        f'<Page ID="P1" PRINTED_IMG_NR="3"><PrintSpace>{body}</PrintSpace></Page></Layout></alto>'
    ).encode()


def _pages(path: Path) -> list[SourcePage]:
    outcomes = list(iter_pages(path))
    assert all(isinstance(outcome, SourcePage) for outcome in outcomes), outcomes
    return [outcome for outcome in outcomes if isinstance(outcome, SourcePage)]


def test_strings_lines_and_blocks_become_paragraphs() -> None:
    page = parse_alto(
        _alto(
            '<TextBlock ID="B1"><TextLine><String CONTENT="本报"/><String CONTENT="讯"/><SP/>'
            '<String CONTENT="县里"/></TextLine><TextLine><String CONTENT="新建公园。"/>'
            "</TextLine></TextBlock>"
            '<TextBlock ID="B2"><TextLine><String CONTENT="The"/><SP/><String CONTENT="Hang-"'
            ' SUBS_TYPE="HypPart1" SUBS_CONTENT="Hangzhou"/><HYP CONTENT="-"/></TextLine>'
            '<TextLine><String CONTENT="zhou" SUBS_TYPE="HypPart2" SUBS_CONTENT="Hangzhou"/><SP/>'
            '<String CONTENT="Daily"/></TextLine></TextBlock>'
        ),
        "p.xml",
    )
    assert [block.text for block in page.blocks] == ["本报讯县里新建公园。", "The Hangzhou Daily"]
    assert page.printed_label == "3"


def test_a_reading_order_wins_over_the_file_order() -> None:
    page = parse_alto(
        _alto(
            '<TextBlock ID="B1"><TextLine><String CONTENT="第二段"/></TextLine></TextBlock>'
            '<TextBlock ID="B2"><TextLine><String CONTENT="第一段"/></TextLine></TextBlock>',
            extra='<ReadingOrder><OrderedGroup ID="G"><ElementRef ID="R1" REF="B2"/>'
            '<ElementRef ID="R2" REF="B1"/></OrderedGroup></ReadingOrder>',
        ),
        "p.xml",
    )
    assert [block.text for block in page.blocks] == ["第一段", "第二段"]


def test_a_mets_issue_gives_its_pages_articles_and_metadata(tmp_path: Path) -> None:
    mets = write_mets_issue(tmp_path)
    first, second = _pages(mets)
    assert (first.name, second.name) == ("mets.xml, page 1", "mets.xml, page 2")
    assert first.document.publication == "河东晚报"
    assert first.document.date == dt.date(2024, 5, 17)
    assert first.document.number == "第6120期"
    assert (first.document.page_label, second.document.page_label) == ("A1", "A2")
    titles = [article.title for article in first.parsed.articles]
    assert titles == ["古镇老街焕新颜", "城东工业园新签约项目九个"]
    lead = first.parsed.articles[0]
    assert lead.subtitle == "青石县推进历史街区保护利用纪实"
    assert lead.authors == ["李明", "周婷"]
    assert lead.continues_to == "A2"
    assert lead.paragraphs[0].startswith("清晨六点") and "一千二百米长的老街" in lead.paragraphs[0]
    assert first.parsed.articles[1].credit == "本报讯（记者赵一鸣）"
    # blocks no article claims are kept as page furniture (nothing lost)
    assert any("责任编辑" in line for line in first.parsed.furniture)
    continued = second.parsed.articles[0]
    assert continued.continued_from == "A1" and continued.title == ""
    assert continued.paragraphs[0].startswith("老街上的居民")
    assert second.parsed.articles[1].captions == ["图为小读者在图书馆挑选图书。周婷摄"]
    assert [image.file_name for image in first.images] == ["0001.png"]
    assert first.images[0].media_type == "image/png"
    with zipfile.ZipFile(io.BytesIO(first.data)) as bundle:  # METS + ALTO kept together
        assert sorted(bundle.namelist()) == ["alto/0001.xml", "mets.xml"]


def test_without_a_logical_map_the_page_parser_reads_the_text(tmp_path: Path) -> None:
    mets = write_mets_issue(tmp_path, with_scans=False)
    text = mets.read_text(encoding="utf-8")
    start = text.index('<mets:structMap TYPE="LOGICAL">')
    end = text.index("</mets:structMap>", start) + len("</mets:structMap>")
    mets.write_text(text[:start] + text[end:], encoding="utf-8")
    first, _second = _pages(mets)
    assert first.parsed.articles[0].title == "古镇老街焕新颜"
    assert first.images == []


def test_a_plain_alto_page_goes_through_the_page_parser(tmp_path: Path) -> None:
    mets = write_mets_issue(tmp_path)
    (page,) = _pages(mets.parent / "alto" / "0002.xml")
    assert page.source_format == "alto"
    assert page.name == "0002.xml"
    assert "县图书馆举办读书月活动" in [article.title for article in page.parsed.articles]
    assert page.masthead.page_label == "A2"


def test_the_alto_files_of_a_mets_issue_are_not_imported_twice(tmp_path: Path) -> None:
    mets = write_mets_issue(tmp_path)
    listed = [mets, mets.parent / "alto" / "0001.xml", mets.parent / "alto" / "0002.xml"]
    assert drop_companions(listed) == [mets]


def test_a_missing_alto_file_fails_its_page_only(tmp_path: Path) -> None:
    mets = write_mets_issue(tmp_path)
    (mets.parent / "alto" / "0002.xml").unlink()
    first, second = list(iter_pages(mets))
    assert isinstance(first, SourcePage)
    assert isinstance(second, FailedPage)
    assert "alto/0002.xml" in second.error and "missing" in second.error


@pytest.mark.parametrize("data", [XXE_ALTO, BILLION_LAUGHS], ids=["external-entity", "laughs"])
def test_entity_declarations_are_refused(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "hostile.xml"
    path.write_bytes(data)
    (outcome,) = iter_pages(path)
    assert isinstance(outcome, FailedPage)
    assert outcome.error.startswith("hostile.xml: XML with entity declarations")
    with pytest.raises(InputError):
        reject_entities(data, "x.xml")


def test_an_entity_declared_in_utf16_is_refused_too() -> None:
    data = XXE_ALTO.decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    with pytest.raises(InputError, match="entity declarations"):
        parse_alto(b"\xff\xfe" + data.encode("utf-16-le"), "u.xml")


def test_the_parser_never_expands_entities_even_unchecked() -> None:
    from lxml import etree

    from reader.formats.alto import _safe_options

    data = XXE_ALTO.replace(b'<String CONTENT="&secret;"/>', b"<String>&secret;</String>")
    tree = etree.parse(io.BytesIO(data), etree.XMLParser(**_safe_options()))
    serialised = etree.tostring(tree, encoding="unicode")
    assert "&secret;" in serialised and "root:" not in serialised  # left as a reference


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<alto><Layout><Page>", "not well-formed XML"),
        (b"<rss><channel/></rss>", "neither ALTO nor METS"),
        (b"", "empty"),
    ],
)
def test_broken_or_foreign_xml_is_a_clear_error(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "page.xml"
    path.write_bytes(data)
    (outcome,) = iter_pages(path)
    assert isinstance(outcome, FailedPage)
    assert outcome.error.startswith("page.xml: ") and message in outcome.error
