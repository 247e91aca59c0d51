"""Stored user corrections applied to tagging: records for the extractor, then a post pass.

Each correction is one :class:`db.models.EntityRule` row. Corrections that change what the
extractor finds in the text (``never``, ``retype``, ``force``, ``alias``) become
:class:`~reader.entities.rules.CorrectionRules` records; corrections that change which entity
a found mention belongs to (``rename``, ``merge``, ``split``, ``retype``, ``never``) are also
applied after extraction by :class:`PostPass`, in the order they were made, keyed by the
entity's canonical name and type. Because both run on every tagging (import and re-tagging),
corrections survive both. ``add`` rows describe mentions added by hand (see
:mod:`reader.entities.store`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from db.models import EntityRule

#: The corrections users make through the program, one rule row each.
CORRECTION_ACTIONS = ("rename", "merge", "split", "retype", "never", "add")
#: Row actions that become records for the extractor.
EXTRACTOR_ACTIONS = ("never", "force", "alias", "retype")
#: Row actions applied after extraction.
POST_ACTIONS = ("never", "rename", "merge", "split", "retype")


def extractor_records(rule: EntityRule) -> list[dict[str, Any]]:
    """The extractor's correction records for one stored rule (none for post-pass actions).

    Args:
        rule: an active rule row.

    Returns:
        Records as :meth:`CorrectionRules.from_records` reads them.
    """
    if rule.action in ("never", "force"):
        return [{"action": rule.action, "text": rule.name, "type": rule.type}]
    if rule.action == "alias":
        return [{"action": "alias", "text": rule.name, "canonical": rule.target, "type": rule.type}]
    if rule.action == "retype":
        return [
            {"action": "never", "text": rule.name, "type": rule.type},
            {"action": "force", "text": rule.name, "type": rule.target_type},
        ]
    return []


@dataclass(frozen=True, slots=True)
class Step:
    """One post-extraction correction: which mentions it matches and what it makes of them."""

    rule_id: int
    action: str
    name: str
    type: str | None
    target: str | None
    target_type: str | None
    articles: frozenset[int] = frozenset()

    def matches(self, kind: str, article_id: int) -> bool:
        """Tell whether a mention of this step's name, of type ``kind``, is concerned."""
        if self.type is not None and self.type != kind:
            return False
        return self.action != "split" or article_id in self.articles

    def apply(self, kind: str) -> tuple[str, str] | None:
        """The (name, type) a matching mention gets; None when it is no longer tagged."""
        if self.action == "never":
            return None
        if self.action == "retype":
            return self.name, self.target_type or kind
        return self.target or self.name, self.target_type or kind


@dataclass(frozen=True, slots=True)
class AddRule:
    """A mention added by hand: its entity and where it was put (part-level offsets)."""

    rule_id: int
    name: str
    type: str
    article_id: int
    part_id: int
    field: str
    start: int
    end: int
    surface: str


def _int_set(values: Any) -> frozenset[int]:
    if not isinstance(values, list):
        return frozenset()
    return frozenset(int(value) for value in values if isinstance(value, int))


@dataclass
class PostPass:
    """The post-extraction corrections of an archive, with its mentions added by hand."""

    steps: Mapping[str, list[Step]] = field(default_factory=dict)
    adds: Mapping[int, AddRule] = field(default_factory=dict)
    _by_part: dict[int, list[AddRule]] | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_rules(cls, rules: Iterable[EntityRule]) -> PostPass:
        """Build the pass from active rule rows (any order; they are applied by id)."""
        steps: dict[str, list[Step]] = {}
        adds: dict[int, AddRule] = {}
        for rule in sorted(rules, key=lambda row: row.id):
            payload = rule.payload or {}
            if rule.action in POST_ACTIONS:
                steps.setdefault(rule.name, []).append(
                    Step(
                        rule_id=rule.id,
                        action=rule.action,
                        name=rule.name,
                        type=rule.type,
                        target=rule.target,
                        target_type=rule.target_type,
                        articles=_int_set(payload.get("articles")),
                    )
                )
            elif rule.action == "add" and rule.type:
                try:
                    adds[rule.id] = AddRule(
                        rule_id=rule.id,
                        name=rule.name,
                        type=rule.type,
                        article_id=int(payload["article_id"]),
                        part_id=int(payload["part_id"]),
                        field=str(payload["field"]),
                        start=int(payload["start"]),
                        end=int(payload["end"]),
                        surface=str(payload["surface"]),
                    )
                except (KeyError, TypeError, ValueError):
                    continue  # a malformed record adds nothing; it stays in the history
        return cls(steps, adds)

    def apply(
        self, name: str, kind: str, article_id: int, *, after: int = 0
    ) -> tuple[str, str] | None:
        """The (name, type) of a mention once the corrections are applied, or None if dropped.

        Args:
            name: the canonical name the extractor (or the user) gave.
            kind: its type.
            article_id: the article the mention is in (for splits).
            after: apply only corrections made after this rule id (for mentions added by
                hand, whose own rule is the starting point).

        Returns:
            The corrected name and type, or None when a correction removes the mention.
        """
        cursor = after
        while True:  # each round moves past a later rule, so this ends
            step = next(
                (
                    candidate
                    for candidate in self.steps.get(name, ())
                    if candidate.rule_id > cursor and candidate.matches(kind, article_id)
                ),
                None,
            )
            if step is None:
                break
            cursor = step.rule_id
            result = step.apply(kind)
            if result is None:
                return None
            name, kind = result
        return name, kind

    def adds_of_part(self, part_id: int) -> list[AddRule]:
        """The active mentions added by hand to one article part."""
        if self._by_part is None:
            self._by_part = {}
            for add in self.adds.values():
                self._by_part.setdefault(add.part_id, []).append(add)
        return self._by_part.get(part_id, [])
