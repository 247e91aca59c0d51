"""Entity types and mentions: what the tagger finds, with offsets into the field text."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

FIELDS = ("title", "subtitle", "body")


class EntityType(StrEnum):
    """The kinds of named entity the tagger knows."""

    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in one field of an article.

    Attributes:
        name: the canonical name of the entity (an alias such as 青松 carries 青松集团 here).
        surface: the text exactly as printed, ``field_text[start:end]``.
        type: the kind of entity.
        field: the field the text is in: "title", "subtitle" or "body".
        start: offset of the first character in the field's text.
        end: offset just past the last character.
    """

    name: str
    surface: str
    type: EntityType
    field: str
    start: int
    end: int
