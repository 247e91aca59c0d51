"""User corrections: serialisable rules the extractor applies on every run."""

from __future__ import annotations

import json

import pytest

from reader.entities.extract import EntityExtractor
from reader.entities.model import EntityType
from reader.entities.rules import CorrectionRules
from reader.errors import InputError
from reader.segment import Segmenter

TEXT = "镇党委书记葛云川说，泰岳玻纤今年落户沁水县。泰岳玻纤计划明年投产。"


def tagged(extractor: EntityExtractor, text: str = TEXT) -> set[tuple[str, str, str]]:
    return {(m.surface, m.name, m.type.value) for m in extractor.extract({"body": text})}


def with_rules(segmenter: Segmenter, records: list[dict]) -> EntityExtractor:
    return EntityExtractor(segmenter, CorrectionRules.from_records(records))


def test_without_rules(extractor: EntityExtractor) -> None:
    result = tagged(extractor)
    assert ("葛云川", "葛云川", "person") in result
    assert ("沁水县", "沁水县", "place") in result
    assert not any(surface == "泰岳玻纤" for surface, _, _ in result)


def test_never_tag_a_string_as_a_type(segmenter: Segmenter) -> None:
    extractor = with_rules(segmenter, [{"action": "never", "text": "葛云川", "type": "person"}])
    assert not any(surface == "葛云川" for surface, _, _ in tagged(extractor))


def test_never_tag_a_string_at_all(segmenter: Segmenter) -> None:
    extractor = with_rules(segmenter, [{"action": "never", "text": "沁水县"}])
    assert not any(surface == "沁水县" for surface, _, _ in tagged(extractor))


def test_forced_type_tags_every_occurrence(segmenter: Segmenter) -> None:
    extractor = with_rules(
        segmenter, [{"action": "force", "text": "泰岳玻纤", "type": "organization"}]
    )
    mentions = [m for m in extractor.extract({"body": TEXT}) if m.surface == "泰岳玻纤"]
    assert [m.type for m in mentions] == [EntityType.ORGANIZATION] * 2
    assert [TEXT[m.start : m.end] for m in mentions] == ["泰岳玻纤", "泰岳玻纤"]


def test_forced_type_overrides_the_rules(segmenter: Segmenter) -> None:
    extractor = with_rules(
        segmenter, [{"action": "force", "text": "沁水县", "type": "organization"}]
    )
    assert ("沁水县", "沁水县", "organization") in tagged(extractor)
    assert ("沁水县", "沁水县", "place") not in tagged(extractor)


def test_alias_maps_to_a_canonical_name(segmenter: Segmenter) -> None:
    extractor = with_rules(
        segmenter,
        [
            {
                "action": "alias",
                "text": "泰岳玻纤",
                "canonical": "泰岳玻璃纤维股份有限公司",
                "type": "organization",
            }
        ],
    )
    assert ("泰岳玻纤", "泰岳玻璃纤维股份有限公司", "organization") in tagged(extractor)


def test_alias_without_type_renames_found_mentions_only(segmenter: Segmenter) -> None:
    extractor = with_rules(
        segmenter,
        [
            {"action": "alias", "text": "葛云川", "canonical": "葛云川（端氏镇）"},
            {"action": "alias", "text": "泰岳玻纤", "canonical": "泰岳玻璃纤维股份有限公司"},
        ],
    )
    result = tagged(extractor)
    assert ("葛云川", "葛云川（端氏镇）", "person") in result
    assert not any(surface == "泰岳玻纤" for surface, _, _ in result)


def test_rename_changes_a_canonical_name(segmenter: Segmenter) -> None:
    extractor = with_rules(
        segmenter,
        [
            {"action": "force", "text": "泰岳玻纤", "type": "organization"},
            {"action": "alias", "text": "泰岳玻纤", "canonical": "泰岳集团"},
            {"action": "rename", "text": "泰岳集团", "canonical": "泰岳玻纤集团"},
        ],
    )
    assert ("泰岳玻纤", "泰岳玻纤集团", "organization") in tagged(extractor)


def test_rules_round_trip_through_json() -> None:
    records = [
        {"action": "never", "text": "文明", "type": "person"},
        {"action": "never", "text": "东西", "type": None},
        {"action": "force", "text": "泰岳玻纤", "type": "organization"},
        {"action": "alias", "text": "太岳", "canonical": "太岳重工集团", "type": "organization"},
        {"action": "alias", "text": "岳纤", "canonical": "泰岳玻纤"},
        {"action": "rename", "text": "泰岳玻纤", "canonical": "泰岳玻璃纤维"},
    ]
    rules = CorrectionRules.from_records(records)
    again = CorrectionRules.from_records(json.loads(json.dumps(rules.to_records())))
    assert again == rules
    assert sorted(map(json.dumps, rules.to_records())) == sorted(map(json.dumps, records))


def test_later_records_win() -> None:
    rules = CorrectionRules.from_records(
        [
            {"action": "force", "text": "泰岳玻纤", "type": "organization"},
            {"action": "never", "text": "泰岳玻纤", "type": "organization"},
        ]
    )
    assert rules.forced == {}
    assert rules.is_never("泰岳玻纤", EntityType.ORGANIZATION)
    assert not rules.is_never("泰岳玻纤", EntityType.PLACE)


@pytest.mark.parametrize(
    "record",
    [
        {"action": "delete", "text": "文明"},
        {"action": "never", "text": ""},
        {"action": "never", "text": "文明", "type": "animal"},
        {"action": "force", "text": "文明"},
        {"action": "alias", "text": "太重"},
    ],
)
def test_malformed_records_are_refused(record: dict) -> None:
    with pytest.raises(InputError):
        CorrectionRules.from_records([record])


def test_rename_cycles_stop() -> None:
    rules = CorrectionRules.from_records(
        [
            {"action": "rename", "text": "甲", "canonical": "乙"},
            {"action": "rename", "text": "乙", "canonical": "甲"},
        ]
    )
    assert rules.canonical("甲", "甲") in {"甲", "乙"}
