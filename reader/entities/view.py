"""A field's text with its tokens, indexed for the recognizers, and candidate spans."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.entities.model import EntityType
from reader.segment import Token, fold_width

# A word's dictionary frequency and tag, (0, None) when it is not in the dictionary.
WordInfo = Callable[[str], tuple[int, "str | None"]]

PERSON_FLAGS = frozenset({"nr", "nrfg", "nrt"})
PUNCT_SPACE = frozenset(" \t\u3000")
LIST_SEPARATORS = frozenset("、，,和与及")
OPEN_PARENS = frozenset("(（")
CLOSE_PARENS = frozenset(")）")
NAME_JOINERS = frozenset("·•．-－—")


def is_cjk(char: str) -> bool:
    """Tell whether a character is a CJK ideograph (the basic block and extension A)."""
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def all_cjk(text: str) -> bool:
    """Tell whether a non-empty text is made of CJK ideographs only."""
    return bool(text) and all(is_cjk(char) for char in text)


@dataclass(slots=True)
class Span:
    """A candidate entity: a range of a field's text with a type and a confidence.

    Attributes:
        start: offset of the first character.
        end: offset past the last character.
        type: the entity type.
        priority: higher wins when candidates overlap (see ``extract``).
        name: the canonical name (the folded surface unless an alias maps it).
        source: which rule found it, for debugging and measurement.
    """

    start: int
    end: int
    type: EntityType
    priority: int
    name: str
    source: str

    @property
    def length(self) -> int:
        """Number of characters covered."""
        return self.end - self.start


@dataclass
class FieldView:
    """The folded text of one field with its tokens and boundary indexes.

    Attributes:
        field: "title", "subtitle" or "body".
        original: the text as given.
        text: the text with full-width letters and digits folded (same length).
        tokens: the segmenter's words covering the text.
    """

    field: str
    original: str
    text: str
    tokens: list[Token]
    starts: dict[int, int] = field(init=False)
    ends: dict[int, int] = field(init=False)
    _token_starts: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self.starts = {token.start: index for index, token in enumerate(self.tokens)}
        self.ends = {token.end: index for index, token in enumerate(self.tokens)}
        self._token_starts = [token.start for token in self.tokens]

    @classmethod
    def build(cls, field_name: str, text: str, tokens: list[Token]) -> FieldView:
        """Index a field's text and tokens."""
        return cls(field_name, text, fold_width(text), tokens)

    def is_boundary(self, offset: int) -> bool:
        """Tell whether a token starts or ends at ``offset`` (text edges count)."""
        return offset in self.starts or offset in self.ends or offset in (0, len(self.text))

    def token_index_at(self, offset: int) -> int:
        """Index of the token that contains the character at ``offset``."""
        return max(0, bisect_right(self._token_starts, offset) - 1)

    def flag_of(self, start: int, end: int) -> str | None:
        """The tag of the token that is exactly ``[start, end)``, if there is one."""
        index = self.starts.get(start)
        if index is None or self.tokens[index].end != end:
            return None
        return self.tokens[index].flag

    def prev_char(self, offset: int, skip_space: bool = False) -> str:
        """The character before ``offset`` ("" at the start), optionally skipping spaces."""
        offset -= 1
        while skip_space and offset >= 0 and self.text[offset] in PUNCT_SPACE:
            offset -= 1
        return self.text[offset] if offset >= 0 else ""

    def next_char(self, offset: int, skip_space: bool = False) -> str:
        """The character at ``offset`` ("" at the end), optionally skipping spaces."""
        while skip_space and offset < len(self.text) and self.text[offset] in PUNCT_SPACE:
            offset += 1
        return self.text[offset] if offset < len(self.text) else ""

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """The start and end offsets of the line that contains ``offset``."""
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    def find_all(self, needle: str) -> list[int]:
        """Offsets of every occurrence of ``needle`` in the folded text."""
        out = []
        position = self.text.find(needle)
        while position >= 0:
            out.append(position)
            position = self.text.find(needle, position + 1)
        return out
