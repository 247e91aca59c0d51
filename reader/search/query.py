"""The search query language: a small parser into a syntax tree, compiled to Whoosh queries.

Syntax (a researcher learns it in a minute)::

    乡村 振兴              both words (implicit AND); any substring of an article is found
    "乡村振兴战略"         exact phrase (also “…” and 「…」); punctuation in it matches any
    稻谷 OR 小麦           either word (OR in capitals)
    水库 NOT 旅游, 水库 -旅游   without a word
    (稻谷 OR 小麦) 收购     parentheses group
    title:水库  author:王建国  page:D5  publication:人民日报  entity:青松集团  tag:待核实
    collection:课题A       the user's collections (tag: and collection: include sub-paths)
    note:…                 the user's notes
    date:1998  date:1998-01  date:1998-01-05  date:2023-11-01..2023-12-31  date:..1998-01

Field names also have Chinese aliases (标题 作者 版 报刊 实体 标签 收藏夹 专题 日期 笔记).
A malformed query raises :class:`reader.errors.QuerySyntaxError` with the position of the problem.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.errors import QuerySyntaxError
from reader.search.analyzer import QueryRun, bigram_cover, fold
from reader.segment import fold_width

if TYPE_CHECKING:
    from whoosh.query import Query

    from reader.search.analyzer import Analyzer

#: Help text shown by the app and the CLI (kept short: a researcher learns it in a minute).
QUERY_HELP = """\
乡村 振兴              all the words (any part of a word is found: 光伏 finds 光伏产业园)
"乡村振兴战略"         the exact phrase (“…” and 「…」 work too)
稻谷 OR 小麦           either (OR in capitals)
水库 -旅游   水库 NOT 旅游   without a word
(稻谷 OR 小麦) 收购     group with parentheses
title:水库             in the headline        (标题:)
author:王建国          by an author           (作者:)
page:D5                on a page              (版:)
publication:人民日报    in a publication       (报刊:)
entity:青松集团  tag:待核实  note:核实   tagged names, your tags, your notes
tag:产业  collection:课题A   also what is tagged/filed below them    (标签: 收藏夹:)
date:1998  date:1998-01  date:1998-01-05  date:2023-11-01..2023-12-31  date:..1998-06
Traditional and simplified characters, full- and half-width forms, upper and lower case
all match each other. Results are ranked by relevance (headline words first) or by date."""

MAX_QUERY_LENGTH = 500
MAX_TERMS = 32
MAX_DEPTH = 16

#: Text families: each has a words field, a bigram field and a unigram field in the index.
TEXT_FAMILIES = ("title", "text", "note")
#: Query-time weights: title words count most; n-grams only break ties among n-gram hits.
WORD_BOOST = {"title": 3.0, "text": 1.0, "note": 1.0}
NGRAM_BOOST = 0.2

FIELD_ALIASES = {
    "title": "title",
    "标题": "title",
    "题目": "title",
    "author": "author",
    "authors": "author",
    "作者": "author",
    "page": "page",
    "pages": "page",
    "版": "page",
    "版面": "page",
    "publication": "publication",
    "pub": "publication",
    "报刊": "publication",
    "刊名": "publication",
    "entity": "entity",
    "实体": "entity",
    "tag": "tag",
    "标签": "tag",
    "collection": "collection",
    "收藏夹": "collection",
    "专题": "collection",
    "date": "date",
    "日期": "date",
    "note": "note",
    "notes": "note",
    "笔记": "note",
}
#: Exact-value fields and their index field names.
KEYWORD_FIELDS = {
    "author": "authors",
    "page": "pages",
    "publication": "publication",
    "entity": "entities",
    "tag": "tags",
    "collection": "collections",
}

_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』"}
_OPERATORS = {"OR", "AND", "NOT"}


# ------------------------------------------------------------------------------ syntax tree


@dataclass(slots=True)
class TextNode:
    """Words or a quoted phrase, searched in the default text families or one family."""

    text: str
    phrase: bool
    position: int
    family: str | None = None


@dataclass(slots=True)
class ValueNode:
    """An exact value of a keyword field (author, page, publication, entity, tag)."""

    field: str
    value: str
    position: int


@dataclass(slots=True)
class DateNode:
    """A date range in yyyymmdd numbers, both ends included."""

    start: int
    end: int
    text: str
    position: int


@dataclass(slots=True)
class AndNode:
    """All children must match."""

    children: list[Node]


@dataclass(slots=True)
class OrNode:
    """Any child may match."""

    children: list[Node]


@dataclass(slots=True)
class NotNode:
    """The child must not match."""

    child: Node
    position: int


Node = TextNode | ValueNode | DateNode | AndNode | OrNode | NotNode


# ----------------------------------------------------------------------------------- lexer


@dataclass(slots=True)
class _Tok:
    kind: str  # WORD PHRASE LPAREN RPAREN OR AND NOT MINUS FIELD EOF
    text: str
    position: int


def _error(message: str, position: int | None = None) -> QuerySyntaxError:
    if position is None:
        return QuerySyntaxError(message)
    return QuerySyntaxError(f"{message} (at character {position + 1})")


def _lex(query: str) -> list[_Tok]:
    text = fold_width(query)
    tokens: list[_Tok] = []
    index = 0
    length = len(text)
    while index < length:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        if char == "(":
            tokens.append(_Tok("LPAREN", char, index))
            index += 1
            continue
        if char == ")":
            tokens.append(_Tok("RPAREN", char, index))
            index += 1
            continue
        if char in _QUOTES:
            closer = _QUOTES[char]
            end = text.find(closer, index + 1)
            if closer == "”" and end < 0:
                end = text.find('"', index + 1)
            if end < 0:
                raise _error("the quote is never closed", index)
            tokens.append(_Tok("PHRASE", query[index + 1 : end], index))
            index = end + 1
            continue
        if char == "-" and index + 1 < length and not text[index + 1].isspace():
            tokens.append(_Tok("MINUS", char, index))
            index += 1
            continue
        start = index
        while index < length:
            char = text[index]
            if char.isspace() or char in "()" or char in _QUOTES:
                break
            if char == ":" and text[start:index].lower() in FIELD_ALIASES:
                break
            index += 1
        word = text[start:index]
        if index < length and text[index] == ":" and word.lower() in FIELD_ALIASES:
            tokens.append(_Tok("FIELD", FIELD_ALIASES[word.lower()], start))
            index += 1
            if index >= length or text[index].isspace():
                raise _error(f"“{word}:” needs a value right after the colon", start)
            continue
        if word in _OPERATORS:
            tokens.append(_Tok(word, word, start))
        else:
            tokens.append(_Tok("WORD", query[start:index], start))
    tokens.append(_Tok("EOF", "", length))
    return tokens


# ---------------------------------------------------------------------------------- parser


_DATE_PART = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?$")
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


def _date_bounds(text: str, position: int) -> tuple[int, int]:
    match = _DATE_PART.match(text) or _DATE_COMPACT.match(text)
    if not match:
        raise _error(
            f"“{text}” is not a date: write 1998, 1998-01, 1998-01-05 or a range a..b", position
        )
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not 1 <= year <= 9999:
        raise _error(f"year {year} is out of range", position)
    if month is None:
        return year * 10000 + 101, year * 10000 + 1231
    if not 1 <= month <= 12:
        raise _error(f"month {month} in “{text}” is not a month (1–12)", position)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return year * 10000 + month * 100 + 1, year * 10000 + month * 100 + last
    if not 1 <= day <= last:
        raise _error(f"day {day} does not exist in {year}-{month:02d}", position)
    value = year * 10000 + month * 100 + day
    return value, value


def parse_date_value(text: str, position: int = 0) -> DateNode:
    """Parse the value of ``date:`` (a day, a month, a year, or a range ``a..b``).

    Args:
        text: the value after ``date:``.
        position: where the value starts in the query (for messages).

    Returns:
        The date range, both ends included.

    Raises:
        QuerySyntaxError: the value is not a date or a range of dates.
    """
    value = fold_width(text).strip()
    if ".." in value:
        left, _, right = value.partition("..")
        if not left and not right:
            raise _error("a date range needs at least one end, e.g. date:1998-01..", position)
        start = _date_bounds(left, position)[0] if left else 0
        end = _date_bounds(right, position + len(left) + 2)[1] if right else 99991231
        if start > end:
            raise _error(f"the date range “{text}” ends before it starts", position)
        return DateNode(start, end, text, position)
    start, end = _date_bounds(value, position)
    return DateNode(start, end, text, position)


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.tokens = _lex(query)
        self.index = 0
        self.depth = 0
        self.terms = 0

    def peek(self) -> _Tok:
        return self.tokens[self.index]

    def take(self) -> _Tok:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def parse(self) -> Node:
        if self.peek().kind == "EOF":
            raise _error("the query is empty")
        node = self.parse_or(None)
        token = self.peek()
        if token.kind == "RPAREN":
            raise _error("“)” has no matching “(”", token.position)
        if token.kind != "EOF":  # pragma: no cover - parse_or consumes everything else
            raise _error(f"unexpected “{token.text}”", token.position)
        return node

    def parse_or(self, family: str | None) -> Node:
        first = self.peek()
        if first.kind == "OR":
            raise _error("OR needs something on its left", first.position)
        children = [self.parse_and(family)]
        while self.peek().kind == "OR":
            token = self.take()
            if self.peek().kind in ("EOF", "RPAREN", "OR"):
                raise _error("OR needs something on its right", token.position)
            children.append(self.parse_and(family))
        return children[0] if len(children) == 1 else OrNode(children)

    def parse_and(self, family: str | None) -> Node:
        children: list[Node] = []
        while self.peek().kind not in ("EOF", "RPAREN", "OR"):
            token = self.peek()
            if token.kind == "AND":
                self.take()
                if not children:
                    raise _error("AND needs something on its left", token.position)
                if self.peek().kind in ("EOF", "RPAREN", "OR", "AND"):
                    raise _error("AND needs something on its right", token.position)
                continue
            children.append(self.parse_unary(family))
        if not children:
            token = self.peek()
            if token.kind == "RPAREN":
                raise _error("nothing to search for before “)”", token.position)
            raise _error("nothing to search for", token.position)
        return children[0] if len(children) == 1 else AndNode(children)

    def parse_unary(self, family: str | None) -> Node:
        token = self.peek()
        if token.kind in ("NOT", "MINUS"):
            self.take()
            following = self.peek()
            if following.kind in ("EOF", "RPAREN", "OR", "AND"):
                name = "NOT" if token.kind == "NOT" else "“-”"
                raise _error(f"{name} needs a word, phrase or group after it", token.position)
            if following.kind in ("NOT", "MINUS"):
                raise _error("two negations in a row", following.position)
            return NotNode(self.parse_unary(family), token.position)
        return self.parse_primary(family)

    def _count_term(self, position: int) -> None:
        self.terms += 1
        if self.terms > MAX_TERMS:
            raise _error(f"the query has more than {MAX_TERMS} terms", position)

    def parse_primary(self, family: str | None) -> Node:
        token = self.take()
        if token.kind == "LPAREN":
            self.depth += 1
            if self.depth > MAX_DEPTH:
                raise _error(f"more than {MAX_DEPTH} nested parentheses", token.position)
            node = self.parse_or(family)
            closing = self.take()
            if closing.kind != "RPAREN":
                raise _error("“(” is never closed", token.position)
            self.depth -= 1
            return node
        if token.kind == "PHRASE":
            self._count_term(token.position)
            if not token.text.strip():
                raise _error("the quotes are empty", token.position)
            return TextNode(token.text, True, token.position, family)
        if token.kind == "WORD":
            self._count_term(token.position)
            return TextNode(token.text, False, token.position, family)
        if token.kind == "FIELD":
            return self.parse_field(token, family)
        if token.kind == "RPAREN":
            raise _error("“)” has no matching “(”", token.position)
        raise _error(f"unexpected “{token.text}”", token.position)  # pragma: no cover

    def parse_field(self, token: _Tok, family: str | None) -> Node:
        name = token.text
        if family is not None:
            raise _error(f"“{name}:” inside another field's value", token.position)
        value = self.peek()
        if name in ("title", "note"):
            if value.kind == "LPAREN":
                return self.parse_primary(name)
            if value.kind not in ("WORD", "PHRASE"):
                raise _error(f"“{name}:” needs a value right after the colon", token.position)
            return self.parse_primary(name)
        if value.kind not in ("WORD", "PHRASE"):
            raise _error(f"“{name}:” needs a value right after the colon", token.position)
        self.take()
        self._count_term(value.position)
        if name == "date":
            return parse_date_value(value.text, value.position)
        text = value.text.strip()
        if not text:
            raise _error(f"“{name}:” needs a value", value.position)
        return ValueNode(name, text, value.position)


def parse(query: str) -> Node:
    """Parse a query string into its syntax tree.

    Args:
        query: what the user typed.

    Returns:
        The syntax tree.

    Raises:
        QuerySyntaxError: the query is malformed; the message says what and where.
    """
    if not isinstance(query, str):
        raise QuerySyntaxError("the query must be text")
    if len(query) > MAX_QUERY_LENGTH:
        raise _error(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    return _Parser(query).parse()


# -------------------------------------------------------------------------------- compiler


@dataclass(slots=True)
class CompiledQuery:
    """A parsed query ready to run: the Whoosh query and what to highlight."""

    text: str
    tree: Node
    query: Query
    highlights: dict[str, list[str]] = field(default_factory=dict)

    @property
    def scored(self) -> bool:
        """Whether relevance means anything: the query has words or phrases to match."""
        return any(self.highlights.values())


class QueryCompiler:
    """Turns query strings into Whoosh queries over the index schema.

    Args:
        analyzer: the search analyzer (folding and jieba cuts for the word part).
    """

    def __init__(self, analyzer: Analyzer) -> None:
        self._analyzer = analyzer

    def compile(self, query: str) -> CompiledQuery:
        """Parse and compile a query string.

        Args:
            query: what the user typed.

        Returns:
            The compiled query.

        Raises:
            QuerySyntaxError: the query is malformed.
        """
        tree = parse(query)
        compiled = CompiledQuery(query, tree, None, {"title": [], "body": []})  # type: ignore[arg-type]
        whoosh_query = self._compile(tree, compiled, negated=False)
        if whoosh_query is None:
            raise _error(
                "nothing to search for: the query has no letter, digit or Chinese character"
            )
        compiled.query = whoosh_query
        return compiled

    # -- nodes

    def _compile(self, node: Node, out: CompiledQuery, negated: bool) -> Query | None:
        """Compile a node; None when it has nothing to search for (e.g. only punctuation)."""
        from whoosh import query as wq

        if isinstance(node, TextNode):
            return self._text(node, out, negated)
        if isinstance(node, ValueNode):
            value = fold(node.value).strip()
            if node.field in ("tag", "collection"):  # paths: "产业 / 光伏" is 产业/光伏
                value = "/".join(" ".join(level.split()) for level in value.split("/"))
            return wq.Term(KEYWORD_FIELDS[node.field], value)
        if isinstance(node, DateNode):
            return wq.NumericRange("date", node.start, node.end)
        if isinstance(node, NotNode):
            inner = self._compile(node.child, out, not negated)
            return None if inner is None else wq.AndNot(wq.Every(), inner)
        if isinstance(node, OrNode):
            options = [self._compile(child, out, negated) for child in node.children]
            kept = [option for option in options if option is not None]
            if not kept:
                return None
            return kept[0] if len(kept) == 1 else wq.Or(kept)
        positives = []
        negatives = []
        for child in node.children:
            if isinstance(child, NotNode):
                compiled = self._compile(child.child, out, not negated)
                if compiled is not None:
                    negatives.append(compiled)
            else:
                compiled = self._compile(child, out, negated)
                if compiled is not None:
                    positives.append(compiled)
        if not positives and not negatives:
            return None
        if positives:
            base = positives[0] if len(positives) == 1 else wq.And(positives)
        else:
            base = wq.Every()
        if not negatives:
            return base
        excluded = negatives[0] if len(negatives) == 1 else wq.Or(negatives)
        return wq.AndNot(base, excluded)

    def _text(self, node: TextNode, out: CompiledQuery, negated: bool) -> Query | None:
        from whoosh import query as wq

        runs = self._analyzer.query_runs(node.text)
        if not runs:
            return None
        families = (node.family,) if node.family else TEXT_FAMILIES
        if not negated:
            targets = ("title",) if node.family == "title" else ("note",)
            if node.family is None:
                targets = ("title", "body")
            for target in targets:
                out.highlights.setdefault(target, []).extend(run.text for run in runs)
        groups = [runs] if node.phrase else [[run] for run in runs]
        queries = [self._run_group(group, families) for group in groups]
        return queries[0] if len(queries) == 1 else wq.And(queries)

    def _run_group(self, runs: list[QueryRun], families: tuple[str, ...]) -> Query:
        """Required: the characters (n-grams); optional, for score: the jieba words."""
        from whoosh import query as wq

        from reader.search.engine import BoostedTerm, LazyAndMaybe, OffsetPhrase

        required = []
        optional = []
        for family in families:
            gram_field = f"{family}_ng"
            char_field = f"{family}_ch"
            items: list[tuple[str, int]] = []
            singles: list[str] = []
            for run in runs:
                if len(run.text) == 1:
                    singles.append(run.text)
                    continue
                for offset in bigram_cover(len(run.text)):
                    items.append((run.text[offset : offset + 2], run.char_offset + offset))
            parts: list[Query] = []
            if items:
                base = items[0][1]
                items = [(term, offset - base) for term, offset in items]
                parts.append(OffsetPhrase(gram_field, items, boost=NGRAM_BOOST))
            parts.extend(BoostedTerm(char_field, char, boost=NGRAM_BOOST) for char in singles)
            required.append(parts[0] if len(parts) == 1 else wq.And(parts))

            words = [word for run in runs for word in run.words]
            if words:
                base = words[0][1]
                word_items = [(word, offset - base) for word, offset in words]
                word_field = f"{family}_w"
                boost = WORD_BOOST[family]
                if len(word_items) == 1:
                    optional.append(BoostedTerm(word_field, word_items[0][0], boost=boost))
                else:
                    optional.append(OffsetPhrase(word_field, word_items, boost=boost))
        need = required[0] if len(required) == 1 else wq.Or(required)
        if not optional:
            return need
        maybe = optional[0] if len(optional) == 1 else wq.Or(optional)
        return LazyAndMaybe(need, maybe)

    # -- explain

    def explain(self, query: str) -> str:
        """Describe how a query is segmented and parsed (for ``search --explain``).

        Args:
            query: what the user typed.

        Returns:
            Several lines of text: the syntax tree with each term's folded runs, jieba words
            and the n-grams matched, then the Whoosh query.

        Raises:
            QuerySyntaxError: the query is malformed.
        """
        compiled = self.compile(query)
        lines = [f"query: {query}", "parsed:"]
        self._describe(compiled.tree, lines, 1)
        lines.append(f"index query: {compiled.query}")
        return "\n".join(lines)

    def _describe(self, node: Node, lines: list[str], depth: int) -> None:
        pad = "  " * depth
        if isinstance(node, TextNode):
            where = node.family or "title, text, notes"
            kind = "phrase" if node.phrase else "words"
            lines.append(f"{pad}{kind} “{node.text}” in {where}")
            runs = self._analyzer.query_runs(node.text)
            for run in runs:
                words = " / ".join(word for word, _ in run.words)
                if len(run.text) == 1:
                    grams = f"character {run.text}"
                else:
                    grams = "bigrams " + " ".join(
                        run.text[o : o + 2] for o in bigram_cover(len(run.text))
                    )
                lines.append(f"{pad}  “{run.text}”: jieba words {words}; must contain {grams}")
            if node.phrase and len(runs) > 1:
                lines.append(f"{pad}  (the runs must follow each other, punctuation between)")
            if not runs:
                lines.append(f"{pad}  (nothing searchable: ignored)")
        elif isinstance(node, ValueNode):
            lines.append(f"{pad}{node.field} is exactly “{fold(node.value)}”")
        elif isinstance(node, DateNode):
            start = _format_ymd(node.start)
            end = _format_ymd(node.end)
            lines.append(f"{pad}date from {start} to {end}")
        elif isinstance(node, NotNode):
            lines.append(f"{pad}NOT")
            self._describe(node.child, lines, depth + 1)
        else:
            lines.append(f"{pad}{'AND' if isinstance(node, AndNode) else 'OR'}")
            for child in node.children:
                self._describe(child, lines, depth + 1)


def _format_ymd(value: int) -> str:
    if value <= 0:
        return "the beginning"
    if value >= 99991231:
        return "the end"
    try:
        return dt.date(value // 10000, value // 100 % 100, value % 100).isoformat()
    except ValueError:  # pragma: no cover - bounds come from valid dates
        return str(value)
