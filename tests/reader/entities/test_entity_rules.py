"""Each recognition rule of the entity tagger on small invented newspaper text."""

from __future__ import annotations

import pytest

from reader.entities.extract import EntityExtractor, resolve
from reader.entities.model import EntityType, Mention
from reader.entities.view import Span
from reader.errors import InputError
from reader.segment import Segmenter, Token

PERSON = EntityType.PERSON
PLACE = EntityType.PLACE
ORG = EntityType.ORGANIZATION


def found(mentions: list[Mention], kind: EntityType) -> set[str]:
    return {mention.surface for mention in mentions if mention.type is kind}


def names(mentions: list[Mention], kind: EntityType) -> set[str]:
    return {mention.name for mention in mentions if mention.type is kind}


def body(extractor: EntityExtractor, text: str, **kwargs) -> list[Mention]:
    return extractor.extract({"body": text}, **kwargs)


# ------------------------------------------------------------------------ persons


def test_title_before_a_name_is_not_part_of_it(extractor: EntityExtractor) -> None:
    mentions = body(extractor, "公司执行董事郝志远介绍说，项目进展顺利。")
    assert found(mentions, PERSON) == {"郝志远"}


def test_a_title_and_a_verb_frame_a_name_with_a_rare_surname(
    extractor: EntityExtractor,
) -> None:
    assert found(body(extractor, "公司执行董事佴晓军介绍说，项目进展顺利。"), PERSON) == {
        "佴晓军"
    }
    assert found(body(extractor, "佴晓军介绍说，项目进展顺利。"), PERSON) == set()
    assert found(body(extractor, "公司执行董事会议介绍说，项目进展顺利。"), PERSON) == set()


def test_title_after_a_name_is_not_part_of_it(extractor: EntityExtractor) -> None:
    mentions = body(extractor, "吕振邦总经理表示，今年的订单已经排到了明年。")
    assert found(mentions, PERSON) == {"吕振邦"}


def test_name_glued_to_a_verb_is_cut_before_the_verb(extractor: EntityExtractor) -> None:
    mentions = body(extractor, "党工委副书记蔺晓菲代表管委会致辞，祝贺项目投产。")
    persons = found(mentions, PERSON)
    assert persons == {"蔺晓菲"}
    assert not any("代表" in name for name in persons)


def test_common_words_tagged_as_names_are_rejected(extractor: EntityExtractor) -> None:
    text = "今天下午，市民在广场上欢度新春佳节，到处洋溢着文明祥和的气氛。"
    assert found(body(extractor, text), PERSON) == set()


def test_names_listed_with_known_names_are_names(extractor: EntityExtractor) -> None:
    text = "座谈会上，郭沫若、老舍、巴金、叶圣陶的作品被一一提及。"
    assert found(body(extractor, text), PERSON) == {"郭沫若", "老舍", "巴金", "叶圣陶"}
    alone = "座谈会上，老舍的作品被一一提及。"
    assert found(body(extractor, alone), PERSON) == set()


def test_trailing_credit_in_parentheses_is_a_name(extractor: EntityExtractor) -> None:
    text = "记者在现场看到，工人们正在浇筑。（郝春生）"
    assert found(body(extractor, text), PERSON) == {"郝春生"}


def test_byline_line_of_its_own_is_a_name(extractor: EntityExtractor) -> None:
    text = "开放的新高地\n乔慕白\n走进园区，一排排厂房拔地而起。"
    assert "乔慕白" in found(body(extractor, text), PERSON)


def test_reporter_credit_names_are_names(extractor: EntityExtractor) -> None:
    text = "本报太原５月３日电（记者殷立军、祁红梅）全省春播工作全面展开。"
    assert {"殷立军", "祁红梅"} <= found(body(extractor, text), PERSON)


def test_authors_from_the_parser_are_names_in_the_text(extractor: EntityExtractor) -> None:
    text = "甘霖在采访中了解到，该村已经通了公路。"
    assert found(body(extractor, text), PERSON) == set()
    with_author = body(extractor, text, authors=["甘霖"])
    assert found(with_author, PERSON) == {"甘霖"}


def test_names_in_the_credit_count_as_authors(extractor: EntityExtractor) -> None:
    text = "甘霖在采访中了解到，该村已经通了公路。"
    mentions = body(extractor, text, credit="本报记者 甘霖")
    assert found(mentions, PERSON) == {"甘霖"}


def test_a_name_found_once_is_tagged_everywhere(extractor: EntityExtractor) -> None:
    text = "镇党委书记葛云川说，今年要修三条路。葛云川还说，明年再建一所学校。"
    mentions = [m for m in body(extractor, text) if m.type is PERSON]
    assert [m.surface for m in mentions] == ["葛云川", "葛云川"]


# ------------------------------------------------------------------ places, orgs


def test_place_suffixes(extractor: EntityExtractor) -> None:
    text = "该项目位于沁水县端氏镇，紧邻太原和晋中两市。"
    places = found(body(extractor, text), PLACE)
    assert {"沁水县", "端氏镇", "太原", "晋中"} <= places


def test_organization_suffixes(extractor: EntityExtractor) -> None:
    text = "瑞丰达科技有限公司与江淮师范学院签约，共建实验室。"
    assert found(body(extractor, text), ORG) == {"瑞丰达科技有限公司", "江淮师范学院"}


def test_an_organization_containing_a_place_wins_over_the_place(
    extractor: EntityExtractor,
) -> None:
    text = "日本政府和中国政府都表示欢迎。"
    mentions = body(extractor, text)
    assert found(mentions, ORG) == {"日本政府", "中国政府"}
    assert found(mentions, PLACE) == set()


def test_weak_endings_inside_common_words_make_no_organization(
    extractor: EntityExtractor,
) -> None:
    text = "广大干部要顾全大局，把各项工作落到实处。"
    assert found(body(extractor, text), ORG) == set()


# ---------------------------------------------------------------------- aliases


def test_alias_without_a_group_ending(extractor: EntityExtractor) -> None:
    text = "恒岳重工集团落户园区。恒岳重工今年产值突破十亿元。"
    mentions = [m for m in body(extractor, text) if m.type is ORG]
    assert [(m.surface, m.name) for m in mentions] == [
        ("恒岳重工集团", "恒岳重工集团"),
        ("恒岳重工", "恒岳重工集团"),
    ]


def test_alias_without_a_leading_place(extractor: EntityExtractor) -> None:
    text = "山东蓝湾综改示范区成立五年来，蓝湾综改示范区累计引进项目百余个。"
    mentions = [m for m in body(extractor, text) if m.type is ORG]
    assert {m.name for m in mentions} == {"山东蓝湾综改示范区"}
    assert [m.surface for m in mentions] == ["山东蓝湾综改示范区", "蓝湾综改示范区"]


def test_alias_with_a_short_ending(extractor: EntityExtractor) -> None:
    text = "潞安经济技术开发区持续优化营商环境。潞安经开区今年新签约项目二十个。"
    assert names(body(extractor, text), ORG) == {"潞安经济技术开发区"}


def test_short_form_alone_keeps_its_own_name(extractor: EntityExtractor) -> None:
    text = "潞安经开区今年新签约项目二十个。"
    assert names(body(extractor, text), ORG) == {"潞安经开区"}


# -------------------------------------------------------------- fields, offsets


def test_offsets_point_into_each_field(extractor: EntityExtractor) -> None:
    fields = {
        "title": "葛云川：让山村通上公路",
        "subtitle": "记沁水县端氏镇党委书记葛云川",
        "body": "全镇３２个村。\n葛云川说，路通了，日子就好过了。",
    }
    mentions = extractor.extract(fields)
    assert {m.field for m in mentions} == {"title", "subtitle", "body"}
    for mention in mentions:
        assert fields[mention.field][mention.start : mention.end] == mention.surface
    assert [m.field for m in mentions] == sorted(
        (m.field for m in mentions), key=["title", "subtitle", "body"].index
    )


def test_full_width_text_keeps_its_own_characters(extractor: EntityExtractor) -> None:
    text = "ＴＣＬ集团与沁水县签约。"
    mention = next(m for m in body(extractor, text) if m.type is ORG)
    assert mention.surface == "ＴＣＬ集团"
    assert mention.name == "TCL集团"


class CountingSegmenter(Segmenter):
    """A segmenter that counts how often it segments."""

    calls = 0

    def segment(self, text: str) -> list[Token]:
        CountingSegmenter.calls += 1
        return super().segment(text)


def test_given_tokens_are_used_without_segmenting_again(tmp_path) -> None:
    segmenter = CountingSegmenter(tmp_path)
    extractor = EntityExtractor(segmenter)
    text = "镇党委书记葛云川说，今年要修三条路。"
    tokens = {"body": segmenter.segment(text)}
    calls = CountingSegmenter.calls
    mentions = extractor.extract({"body": text}, tokens)
    assert CountingSegmenter.calls == calls
    assert found(mentions, PERSON) == {"葛云川"}
    extractor.extract({"body": text})
    assert CountingSegmenter.calls == calls + 1


def test_tokens_that_do_not_cover_the_field_are_refused(
    extractor: EntityExtractor, segmenter: Segmenter
) -> None:
    tokens = {"body": segmenter.segment("葛云川说")}
    with pytest.raises(InputError):
        extractor.extract({"body": "镇党委书记葛云川说"}, tokens)


def test_empty_fields_give_no_mentions(extractor: EntityExtractor) -> None:
    assert extractor.extract({"title": "", "body": ""}) == []


def test_resolve_prefers_the_longer_sure_span() -> None:
    inner = Span(0, 2, PLACE, 60, "中国", "dict")
    outer = Span(0, 4, ORG, 70, "中国政府", "suffix")
    crossing = Span(3, 6, PERSON, 40, "府某某", "surname")
    assert resolve([inner, outer, crossing]) == [outer]
