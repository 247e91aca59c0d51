"""Fixtures of the search tests: one segmenter per session and small invented articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.search.document import SearchDocument
from reader.search.index import SearchIndex
from reader.segment import Segmenter

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


@pytest.fixture(scope="session")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return Segmenter(tmp_path_factory.mktemp("jieba-cache"))


def fixture_articles() -> list[SearchDocument]:
    """Invented articles in the style of a Chinese newspaper (no text from ../shared)."""
    return [
        SearchDocument(
            id=1,
            title="综改示范区光伏项目开工建设",
            subtitle="园区服务跑出加速度",
            body=(
                "本报讯 近日，综改示范区光伏产业园内机器轰鸣，一派繁忙景象。\n\n"
                "该项目从签约到开工仅用两个月时间，实现了“拿地即开工”。"
                "园区负责人表示，下一步将持续优化营商环境，为企业提供全流程服务。"
            ),
            authors=["李明远"],
            credit="本报讯",
            publication="开发区周刊",
            date=dt.date(2023, 11, 8),
            pages=["D1", "D5"],
            entities=["综改示范区"],
            tags=["产业"],
        ),
        SearchDocument(
            id=2,
            title="首都各界隆重庆祝国庆",
            body=(
                "本报北京10月1日电 首都各界群众今天在广场集会，庆祝中华人民共和国成立四十九周年。"
                "\n\n活动现场彩旗飘扬，歌声嘹亮。"
            ),
            authors=["赵雪"],
            publication="晨报",
            date=dt.date(1998, 10, 1),
            pages=["1"],
        ),
        SearchDocument(
            id=3,
            title="京城老字号迎来新顾客",
            body="京城的老字号店铺近来顾客盈门。不少年轻人专程前来品尝传统小吃。",
            publication="晨报",
            date=dt.date(1998, 1, 15),
            pages=["2"],
            tags=["民生"],
        ),
        SearchDocument(
            id=4,
            title="北京城区交通改善",
            body=(
                "北京城区新开通三条公交线路。北京城区的早高峰拥堵有所缓解。"
                "市民认为北京城区出行更加便捷。"
            ),
            publication="晨报",
            date=dt.date(1998, 1, 20),
            pages=["2"],
            notes="数据待核实",
        ),
        SearchDocument(
            id=5,
            title="綜改示範區管委會召開座談會",
            body="座談會上，企業代表暢談發展思路。綜改示範區將進一步優化服務。",
            authors=["陳志"],
            publication="港澳通讯",
            date=dt.date(2023, 12, 5),
            pages=["A3"],
        ),
        SearchDocument(
            id=6,
            title="加强基层组织建设",
            body="全面加强党的基层组织建设，推动各项工作落到实处。",
            publication="晨报",
            date=dt.date(1998, 2, 3),
            pages=["4"],
        ),
        SearchDocument(
            id=7,
            title="春运首日客流平稳",
            body="春运首日，火车站客流平稳有序。铁路部门增开临时列车，保障旅客出行。",
            authors=["赵雪"],
            publication="晨报",
            date=dt.date(1998, 1, 15),
            pages=["3"],
            entities=["铁路部门"],
            tags=["交通"],
        ),
    ]


@pytest.fixture()
def articles() -> list[SearchDocument]:
    return fixture_articles()


@pytest.fixture()
def index(
    tmp_path: Path, segmenter: Segmenter, articles: list[SearchDocument]
) -> Iterator[SearchIndex]:
    search_index = SearchIndex(tmp_path / "index", segmenter)
    search_index.create(change_counter=0)
    for article in articles[:3]:
        article.body_tokens = segmenter.segment(article.body)
        article.title_tokens = segmenter.segment(article.title)
    search_index.update(articles, change_counter=7)
    yield search_index
    search_index.close()


@pytest.fixture()
def bodies(articles: list[SearchDocument]):
    texts = {article.id: article.body for article in articles}

    def load(ids: list[int]) -> dict[int, str]:
        return {i: texts[i] for i in ids if i in texts}

    return load
