"""Stored corrections as the extractor and the post pass see them (no database needed)."""

from __future__ import annotations

from typing import Any

from db.models import EntityRule
from reader.entities.applying import PostPass, extractor_records
from reader.entities.rules import CorrectionRules


def rule(
    rule_id: int, action: str, name: str, type: str | None = "person", **fields: Any
) -> EntityRule:
    return EntityRule(
        id=rule_id,
        action=action,
        name=name,
        type=type,
        target=fields.get("target"),
        target_type=fields.get("target_type", type),
        payload=fields.get("payload", {}),
        active=True,
    )


def test_corrections_apply_in_the_order_they_were_made() -> None:
    post = PostPass.from_rules(
        [
            rule(3, "merge", "王二", target="王大", target_type="person"),
            rule(1, "rename", "王建国", target="王二"),
            rule(2, "split", "李明", target="李明（记者）", payload={"articles": [7]}),
            rule(4, "rename", "李明（记者）", target="李鸣"),
        ]
    )
    assert post.apply("王建国", "person", 1) == ("王大", "person")  # renamed, then merged
    assert post.apply("王建国", "place", 1) == ("王建国", "place")  # other type untouched
    assert post.apply("李明", "person", 7) == ("李鸣", "person")  # split, then renamed
    assert post.apply("李明", "person", 8) == ("李明", "person")  # not in the split articles


def test_a_later_deletion_drops_and_an_earlier_one_does_not_touch_a_later_addition() -> None:
    post = PostPass.from_rules(
        [
            rule(1, "never", "东山", type="place"),
            rule(
                2,
                "add",
                "东山",
                type="place",
                payload={
                    "article_id": 1,
                    "part_id": 5,
                    "field": "body",
                    "start": 0,
                    "end": 2,
                    "surface": "东山",
                },
            ),
            rule(3, "retype", "东山", type="place", target="东山", target_type="organization"),
        ]
    )
    assert post.apply("东山", "place", 1) is None
    add = post.adds_of_part(5)[0]
    assert post.apply(add.name, add.type, 1, after=add.rule_id) == ("东山", "organization")
    assert post.adds_of_part(6) == []


def test_retype_and_delete_become_extractor_records() -> None:
    records = [
        record
        for row in [
            rule(1, "retype", "青石", type="place", target="青石", target_type="organization"),
            rule(2, "never", "河东", type="place"),
            rule(3, "rename", "甲", target="乙"),
        ]
        for record in extractor_records(row)
    ]
    rules = CorrectionRules.from_records(records)
    assert rules.is_never("青石", "place") and rules.is_never("河东", "place")
    assert rules.tagged_strings() == {"青石": "organization"}
    assert rules.renames == {}
