"""The one language pass over an article part: jieba segmentation, then entity tagging."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reader.entities.extract import EntityExtractor
from reader.entities.model import Mention
from reader.entities.rules import CorrectionRules
from reader.parsing.model import BODY_SEPARATOR, ParsedArticle
from reader.segment import Segmenter, Token


@dataclass(slots=True)
class PartText:
    """The text fields of one article part, as tagging and indexing see them."""

    title: str = ""
    subtitle: str = ""
    body: str = ""
    authors: list[str] = field(default_factory=list)
    credit: str | None = None

    @classmethod
    def from_parsed(cls, parsed: ParsedArticle) -> PartText:
        """The fields of a freshly parsed article part."""
        return cls.from_blocks(
            parsed.title,
            parsed.subtitle,
            [block.text for block in parsed.blocks],
            parsed.authors,
            parsed.credit,
        )

    @classmethod
    def from_blocks(
        cls,
        title: str,
        subtitle: str | None,
        blocks: Sequence[str],
        authors: Sequence[str],
        credit: str | None,
    ) -> PartText:
        """The fields of a part given its blocks (paragraphs and headings in order)."""
        return cls(
            title=title or "",
            subtitle=subtitle or "",
            body=BODY_SEPARATOR.join(blocks),
            authors=list(authors),
            credit=credit,
        )

    def fields(self) -> dict[str, str]:
        """Field name → text, for the fields that have text."""
        return {
            name: text
            for name, text in (
                ("title", self.title),
                ("subtitle", self.subtitle),
                ("body", self.body),
            )
            if text
        }


@dataclass(slots=True)
class PartAnalysis:
    """The result of the language pass over one part: its tokens and its entity mentions.

    ``search`` holds the part's search index fields when the import prepared them in a
    worker process (see :mod:`reader.import_workers`).
    """

    tokens: dict[str, list[Token]]
    mentions: list[Mention]
    search: dict[str, Any] | None = None


class ArticleAnalyzer:
    """Segments each field of a part once and tags entities on those same tokens."""

    def __init__(self, segmenter: Segmenter, rules: CorrectionRules | None = None) -> None:
        """Create an analyzer.

        Args:
            segmenter: the archive's segmenter.
            rules: the users' entity corrections.
        """
        self.segmenter = segmenter
        self.rules = rules or CorrectionRules()
        self._extractor: EntityExtractor | None = None

    @property
    def extractor(self) -> EntityExtractor:
        """The entity extractor (its dictionaries load on first use)."""
        if self._extractor is None:
            self._extractor = EntityExtractor(self.segmenter, self.rules)
        return self._extractor

    def analyze(self, part: PartText) -> PartAnalysis:
        """Segment the part's fields and find its entity mentions.

        Args:
            part: the part's text.

        Returns:
            Tokens per field and mentions with offsets into the part's fields.
        """
        fields = part.fields()
        tokens = {name: self.segmenter.segment(text) for name, text in fields.items()}
        mentions = self.extractor.extract(
            fields, tokens=tokens, authors=part.authors, credit=part.credit
        )
        return PartAnalysis(tokens=tokens, mentions=mentions)
