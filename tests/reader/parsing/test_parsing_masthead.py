"""Masthead lines in their many printed forms, and where the parser looks for them on a page."""

from __future__ import annotations

import datetime as dt

import pytest

from reader.parsing.masthead import normalise_page_label, parse_date, read_masthead_line
from reader.parsing.page import lost_text, parse_page

D = dt.date(2023, 10, 12)


@pytest.mark.parametrize(
    ("line", "publication", "date", "label", "number"),
    [
        ("柏岩日报　2023年10月12日　星期四　第3版", "柏岩日报", D, "03", None),
        ("柏岩日報　2023年10月12日　星期四　第3版", "柏岩日報", D, "03", None),
        ("2023年10月12日 星期四 第A1版", None, D, "A1", None),
        ("第A01版　2023年10月12日", None, D, "A1", None),
        ("A1版　2023-10-12　柏岩日报", "柏岩日报", D, "A1", None),
        ("2023.10.12　周四　3版　第512期", None, D, "03", "第512期"),
        ("2023/10/12 第三版", None, D, "03", None),
        ("柏岩晚报 二〇二三年十月十二日 星期四 第十二版", "柏岩晚报", D, "12", None),
        ("１９９８年１月１日　星期四　第１版", None, dt.date(1998, 1, 1), "01", None),
        ("２０２３年１０月１２日　第Ａ１版", None, D, "A1", None),
        ("2023年10月12日 星期四 农历八月廿八 第3版", None, D, "03", None),
        ("柏岩日报 2023年10月12日 农历癸卯年八月廿八 星期四", "柏岩日报", D, None, None),
        ("2023年10月12日 癸卯年八月廿八 星期四 第3版", None, D, "03", None),
        ("第512期（总第12345期）　2023年10月12日", None, D, None, "第512期(总第12345期)"),
        ("第512期　总第12345期　2023年10月12日", None, D, None, "第512期 总第12345期"),
        ("總第12345期　2023年10月12日　星期四", None, D, None, "總第12345期"),
        ("2023年10月12日（星期四）　柏岩時報　A3版", "柏岩時報", D, "A3", None),
        ("中華民國112年10月12日　星期四", None, D, None, None),
        ("民國一一二年十月十二日　星期四", None, D, None, None),
        # Furniture around the fields: a section name, the weather, the number of pages,
        # serial numbers.
        ("2023年10月12日 星期四 第3版 要闻", None, D, "03", None),
        ("2023年10月12日　星期四　晴转多云　第3版", None, D, "03", None),
        ("柏岩日报 2023年10月12日 星期四 今日16版", "柏岩日报", D, None, None),
        ("国内统一连续出版物号 CN11-0065　2023年10月12日　第5版", None, D, "05", None),
        ("岩报　2023年10月12日", "岩报", D, None, None),
    ],
)
def test_masthead_lines(line: str, publication: str | None, date: dt.date, label: str | None,
                        number: str | None) -> None:
    found = read_masthead_line(line)
    assert found is not None
    assert (found.publication, found.date, found.page_label, found.number) == (
        publication, date, label, number
    )


@pytest.mark.parametrize(
    "line",
    [
        "园区工业产值创新高",
        "1月5日，园区召开大会。",
        "2023年10月12日，园区召开秋粮收购工作会议",
        "2023年10月12日 星期四 园区召开秋粮收购会议",
        "2023年2月30日 星期四 第3版",  # no such day
        "十月十二日　星期四　秋高气爽好时节",
    ],
)
def test_not_masthead_lines(line: str) -> None:
    assert read_masthead_line(line) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023.10.12", D), ("2023/10/12", D), ("２０２３年１０月１２日", D),
        ("二〇二三年十月十二日", D), ("二○二三年十月十二日", D), ("民國112年10月12日", D),
        ("中华民国三十七年一月一日", dt.date(1948, 1, 1)), ("98年1月1日", dt.date(1998, 1, 1)),
        ("12023.10.12", None), ("2023年13月1日", None),
    ],
)
def test_dates(text: str, expected: dt.date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [("第A01版", "A1"), ("A1版", "A1"), ("第3版", "03"), ("第三版", "03"), ("3版", "03"),
     ("第Ａ１版", "A1"), ("第十二版", "12"), ("第二十版", "20")],
)
def test_page_labels(label: str, expected: str) -> None:
    assert normalise_page_label(label) == expected


def test_a_headline_ending_in_bao_under_the_masthead_stays_a_headline() -> None:
    text = "\n\n".join([
        "柏岩日报",
        "2023年10月12日　星期四　第3版",
        "秋收捷报",
        "本报讯　全县秋粮收购工作进展顺利，已收购新粮三万吨。",
    ])
    page = parse_page(text)
    assert page.furniture == ["柏岩日报", "2023年10月12日　星期四　第3版"]
    assert page.masthead.publication == "柏岩日报"
    assert [article.title for article in page.articles] == ["秋收捷报"]


def test_a_publication_line_under_the_date_line_joins_the_masthead() -> None:
    text = "\n\n".join([
        "2023年10月12日　星期四　第3版",
        "柏岩日报",
        "秋粮满仓",
        "本报讯　全县秋粮收购工作进展顺利，已收购新粮三万吨。",
    ])
    page = parse_page(text)
    assert page.masthead.publication == "柏岩日报"
    assert [article.title for article in page.articles] == ["秋粮满仓"]


def test_a_page_without_a_masthead_is_dated_by_its_running_foot() -> None:
    text = "\n\n".join([
        "秋粮满仓",
        "本报讯　全县秋粮收购工作进展顺利，已收购新粮三万吨。",
        "柏岩日报　2023年10月12日",
    ])
    page = parse_page(text)
    assert lost_text(text, page) == ("", "")
    assert page.furniture == ["柏岩日报　2023年10月12日"]
    assert (page.masthead.publication, page.masthead.date) == ("柏岩日报", D)


def test_the_top_masthead_wins_over_a_running_foot() -> None:
    text = "\n\n".join([
        "柏岩日报　2023年10月12日　第3版",
        "秋粮满仓",
        "本报讯　全县秋粮收购工作进展顺利，已收购新粮三万吨。",
        "柏岩晚报　2023年10月13日　第5版",
    ])
    page = parse_page(text)
    head = page.masthead
    assert (head.publication, head.date, head.page_label) == ("柏岩日报", D, "03")
