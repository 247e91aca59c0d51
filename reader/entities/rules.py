"""User corrections of entity tagging, as plain serialisable data the extractor applies.

A correction is one record (a dict) with an ``action``:

- ``never``: ``{"action": "never", "text": "文明", "type": "person"}`` — the string is never
  tagged as that type (``"type": None`` or absent: as no type at all). Matches the printed
  text and the canonical name of a mention.
- ``force``: ``{"action": "force", "text": "泰山玻纤", "type": "organization"}`` — every
  occurrence of the string is tagged with that type, replacing what the rules found there.
- ``alias``: ``{"action": "alias", "text": "青松", "canonical": "青松集团"}`` — a mention printed
  as ``text`` belongs to the entity ``canonical``; with a ``type`` every occurrence of the text
  is also tagged.
- ``rename``: ``{"action": "rename", "text": "青松集团", "canonical": "青松控股"}`` — the entity
  whose canonical name is ``text`` is called ``canonical`` from now on.

Because the extractor consults these rules on every run, corrections survive re-tagging.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reader.entities.model import EntityType
from reader.errors import InputError

_ACTIONS = ("never", "force", "alias", "rename")


def _parse_type(value: Any) -> EntityType | None:
    if value is None or value == "":
        return None
    try:
        return EntityType(value)
    except ValueError:
        raise InputError(f"unknown entity type in a correction: {value!r}") from None


def _text(record: Mapping[str, Any], key: str) -> str:
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InputError(f"a correction needs a non-empty {key!r}: {dict(record)!r}")
    return value.strip()


@dataclass(frozen=True)
class CorrectionRules:
    """User corrections consulted at extraction time.

    Attributes:
        never: ``(text, type)`` pairs never to tag; a ``None`` type means no type at all.
        forced: text → type: every occurrence of the text is tagged with the type.
        aliases: printed text → canonical name.
        alias_types: printed text → type, for aliases whose occurrences are tagged as well.
        renames: canonical name → new canonical name.
    """

    never: frozenset[tuple[str, EntityType | None]] = frozenset()
    forced: Mapping[str, EntityType] = field(default_factory=dict)
    aliases: Mapping[str, str] = field(default_factory=dict)
    alias_types: Mapping[str, EntityType] = field(default_factory=dict)
    renames: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> CorrectionRules:
        """Build rules from correction records (later records win over earlier ones).

        Args:
            records: dicts as described in the module docstring.

        Returns:
            The rules.

        Raises:
            InputError: a record has an unknown action or type, or lacks its text.
        """
        never: set[tuple[str, EntityType | None]] = set()
        forced: dict[str, EntityType] = {}
        aliases: dict[str, str] = {}
        alias_types: dict[str, EntityType] = {}
        renames: dict[str, str] = {}
        for record in records:
            action = record.get("action")
            if action not in _ACTIONS:
                raise InputError(f"unknown correction action: {action!r}")
            text = _text(record, "text")
            kind = _parse_type(record.get("type"))
            if action == "never":
                never.add((text, kind))
                forced.pop(text, None)
            elif action == "force":
                if kind is None:
                    raise InputError(f"a 'force' correction needs a type: {dict(record)!r}")
                forced[text] = kind
                never.discard((text, kind))
                never.discard((text, None))
            elif action == "alias":
                aliases[text] = _text(record, "canonical")
                if kind is not None:
                    alias_types[text] = kind
            else:
                renames[text] = _text(record, "canonical")
        return cls(frozenset(never), forced, aliases, alias_types, renames)

    def to_records(self) -> list[dict[str, Any]]:
        """Serialise the rules back to records that :meth:`from_records` accepts."""
        out: list[dict[str, Any]] = []
        for text, kind in sorted(self.never, key=lambda pair: (pair[0], pair[1] or "")):
            out.append({"action": "never", "text": text, "type": kind.value if kind else None})
        for text, kind in sorted(self.forced.items()):
            out.append({"action": "force", "text": text, "type": kind.value})
        for text, canonical in sorted(self.aliases.items()):
            record: dict[str, Any] = {"action": "alias", "text": text, "canonical": canonical}
            if text in self.alias_types:
                record["type"] = self.alias_types[text].value
            out.append(record)
        for text, canonical in sorted(self.renames.items()):
            out.append({"action": "rename", "text": text, "canonical": canonical})
        return out

    def is_never(self, text: str, kind: EntityType) -> bool:
        """Tell whether a string must not be tagged as the given type."""
        return (text, kind) in self.never or (text, None) in self.never

    def tagged_strings(self) -> dict[str, EntityType]:
        """Strings whose every occurrence is tagged: forced ones and typed aliases."""
        out = dict(self.alias_types)
        out.update(self.forced)
        return out

    def canonical(self, surface: str, name: str) -> str:
        """The canonical name for a mention printed as ``surface`` with rule-given ``name``."""
        result = self.aliases.get(surface, name)
        seen = {result}
        while result in self.renames:
            result = self.renames[result]
            if result in seen:
                break
            seen.add(result)
        return result
