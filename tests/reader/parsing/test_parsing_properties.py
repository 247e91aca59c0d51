"""Property tests: the parser never raises and never loses or duplicates a character."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.parsing.page import lost_text, parse_page

# PARSER_FUZZ_SCALE=20 runs twenty times more examples (a longer fuzzing session).
_SCALE = max(1, int(os.environ.get("PARSER_FUZZ_SCALE", "1") or 1))


def _examples(count: int) -> int:
    return count * _SCALE


SHARED_PFR = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "pfr1998"


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _no_parser_errors() -> Iterator[None]:
    """Fail when the parser had to fall back (it logs the bug instead of raising)."""
    handler = _Errors()
    logger = logging.getLogger("reader.parsing.page")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    assert not handler.records, [record.getMessage() for record in handler.records]


def _check(text: str, is_word=None) -> None:
    with _no_parser_errors():
        page = parse_page(text, is_word=is_word)
    assert lost_text(text, page) == ("", "")


# -- arbitrary text ---------------------------------------------------------------------------

_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("　\n\r\t\ufeff\x00（）()《》“”——…。，、：；！？")),
        st.sampled_from(list("本报讯下转上接版图为摄第五D5")),
    ),
    max_size=400,
)


@settings(max_examples=_examples(300), deadline=None)
@given(_ANY_TEXT)
def test_arbitrary_text(text: str) -> None:
    _check(text)


@settings(max_examples=_examples(60), deadline=None)
@given(st.text(alphabet=st.sampled_from(list("。，！？（）《》“”——…、：；　 \n")), max_size=300))
def test_only_punctuation(text: str) -> None:
    _check(text)


@settings(max_examples=_examples(10), deadline=None)
@given(st.sampled_from(["园区", "（", "。", "a", "本报讯", "——", "\x00"]),
       st.integers(min_value=10_000, max_value=200_000))
def test_huge_lines(piece: str, count: int) -> None:
    _check(piece * (count // len(piece)))


# -- generated pages ----------------------------------------------------------------------------

_WORDS = ["园区", "项目", "企业", "发展", "建设", "服务", "招商", "改革", "创新", "产业", "投资",
          "高质量", "开发区", "新能源", "数字经济", "营商环境", "基础设施", "人才", "政策", "市场"]
_PUNCT = ["，", "、", "。", "；", "：", "！", "？", "……", "“", "”", "《", "》", "（", "）"]
_NAMES = ["张伟", "王芳", "李明", "刘洋", "陈静", "杨帆", "赵磊", "周雪", "吴昊", "郑欣"]


def _phrase(draw: st.DrawFn, low: int, high: int, punct: bool) -> str:
    pool = _WORDS + (_PUNCT if punct else [])
    return "".join(draw(st.lists(st.sampled_from(pool), min_size=low, max_size=high)))


@st.composite
def _article(draw: st.DrawFn) -> list[str]:
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(_phrase(draw, 3, 8, punct=False))
        if draw(st.booleans()):
            lines.append("——" + _phrase(draw, 3, 8, punct=True))
        if draw(st.booleans()):
            lines.append(" ".join(draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3))))
    opener = draw(st.sampled_from(["", "本报讯 ", "本刊讯", "新华社北京12月31日电（记者 李明）",
                                   "（上接第一版）"]))
    for index in range(draw(st.integers(min_value=1, max_value=5))):
        paragraph = _phrase(draw, 2, 30, punct=True) + draw(st.sampled_from(["。", "", "！"]))
        if index == 0:
            paragraph = opener + paragraph
        lines.append(paragraph)
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            lines.append(_phrase(draw, 1, 3, punct=False))  # a section heading
        if draw(st.integers(min_value=0, max_value=9)) == 0:
            lines.append("图为" + _phrase(draw, 2, 6, punct=False) + "。（本报记者 王芳 摄）")
    tail = draw(st.sampled_from(["", "（张伟）", "（下转D5版）", "（下转第五版）"]))
    lines[-1] += tail
    return lines


@st.composite
def _page(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["城乡导报", "2023年11月15日 星期三 第A3版"]
    for article in draw(st.lists(_article(), min_size=1, max_size=5)):
        lines += article
    if draw(st.booleans()):
        lines.append("责任编辑：王芳")
    layout = draw(st.sampled_from(["blank", "indent", "wrapped", "packed"]))
    if layout == "blank":
        text = "\n\n".join(lines)
    elif layout == "indent":
        text = "\n".join("\u3000\u3000" + line for line in lines)
    elif layout == "wrapped":
        width = draw(st.integers(min_value=8, max_value=40))
        out: list[str] = []
        for line in lines:
            body = "\u3000\u3000" + line
            out.extend(body[start : start + width] for start in range(0, len(body), width))
        text = "\n".join(out)
    else:
        text = "\n".join(lines)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    if draw(st.booleans()):
        text = "\ufeff" + text
    return text


@settings(max_examples=_examples(200), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_page(), st.booleans())
def test_generated_pages(text: str, with_words: bool) -> None:
    words = {"开发", "开发区", "项目", "发展", "建设"}
    _check(text, words.__contains__ if with_words else None)


# -- real pages, sampled and reshaped -----------------------------------------------------------


_NO_PFR = "../shared/corpora/pfr1998 not found: real-data test skipped"


def _real_pages() -> list[Path]:
    pages = SHARED_PFR / "pages"
    return sorted(pages.glob("*.txt")) if pages.is_dir() else []


@pytest.mark.skipif(not _real_pages(), reason=_NO_PFR)
@settings(max_examples=_examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(_real_pages() or [Path("missing")]),
    st.sampled_from(["as-is", "crlf-bom", "indent", "wrapped", "packed"]),
    st.integers(min_value=6, max_value=40),
    st.integers(min_value=0, max_value=10_000),
)
def test_real_pages_reshaped(path: Path, shape: str, width: int, cut: int) -> None:
    text = path.read_text(encoding="utf-8")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if shape == "crlf-bom":
        text = "\ufeff" + text.replace("\n", "\r\n")
    elif shape == "indent":
        text = "\n".join("\u3000\u3000" + line for line in lines)
    elif shape == "wrapped":
        out: list[str] = []
        for line in lines:
            body = "\u3000\u3000" + line
            out.extend(body[start : start + width] for start in range(0, len(body), width))
        text = "\n".join(out)
    elif shape == "packed":
        text = "\n".join(lines)
    # Cut the page anywhere, as a truncated file would be.
    text = text[: len(text) - cut % max(1, len(text) // 3)]
    _check(text)


@pytest.mark.skipif(not _real_pages(), reason=_NO_PFR)
def test_line_endings_and_bom_do_not_change_the_parse() -> None:
    for path in _real_pages()[::15]:
        text = path.read_text(encoding="utf-8")
        plain = parse_page(text)
        other = parse_page("\ufeff" + text.replace("\n", "\r\n"))
        assert [a.title for a in plain.articles] == [a.title for a in other.articles]
        assert [a.blocks for a in plain.articles] == [a.blocks for a in other.articles]


# -- generated pages whose split is known ------------------------------------------------------


@st.composite
def _credited_page(draw: st.DrawFn) -> tuple[list[str], str]:
    """Articles that each have a headline, maybe a deck, and a credit-led first paragraph."""
    titles: list[str] = []
    lines: list[str] = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        title = _phrase(draw, 3, 8, punct=False)
        titles.append(title)
        article = [title]
        if draw(st.booleans()):
            article.append("——" + _phrase(draw, 3, 8, punct=False))
        opener = draw(st.sampled_from(
            ["本报讯 ", "新华社北京12月31日电（记者 李明）", "本报北京1月4日讯 "]
        ))
        for index in range(draw(st.integers(min_value=1, max_value=4))):
            body = _phrase(draw, 4, 30, punct=False) + "。"
            article.append((opener if index == 0 else "\u3000\u3000") + body)
        lines += article
    if draw(st.booleans()):
        text = "\n\n".join(line.lstrip("\u3000") for line in lines)
    else:
        text = "\n".join(line if line.startswith("——") or line in titles else "\u3000\u3000" + line
                         for line in lines)
    return titles, text


@settings(max_examples=_examples(150), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_credited_page())
def test_generated_headlines_are_found(case: tuple[list[str], str]) -> None:
    titles, text = case
    page = parse_page(text)
    assert [article.title for article in page.articles] == titles
    assert lost_text(text, page) == ("", "")
