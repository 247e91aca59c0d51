"""SQL that differs between database engines, kept here: JSON access used by the app's queries.

The app's queries are SQLAlchemy constructs that compile for SQLite (today) and
PostgreSQL (a team archive, see ``docs/scaling.md``). The few expressions that have no
common SQL spelling are defined here, each compiled per dialect.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import Boolean, String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.sql.visitors import InternalTraversal


class first_json_item(FunctionElement[str]):
    """The first element of a JSON array column, as text (NULL for an empty array)."""

    type = String()
    inherit_cache = True
    name = "first_json_item"


@compiles(first_json_item)
def _first_json_item_sqlite(element: first_json_item, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"json_extract({compiler.process(column, **kw)}, '$[0]')"


@compiles(first_json_item, "postgresql")
def _first_json_item_postgresql(element: first_json_item, compiler: Any, **kw: Any) -> str:
    (column,) = element.clauses
    return f"(CAST({compiler.process(column, **kw)} AS JSONB) ->> 0)"


class json_array_has_like(ColumnElement[bool]):
    """True when some text element of a JSON array column matches a LIKE pattern."""

    type = Boolean()
    inherit_cache = True

    def __init__(self, column: ColumnElement[Any], pattern: ColumnElement[str], escape: str):
        """Match ``column``'s elements against ``pattern`` (LIKE with ``escape``)."""
        self.column = column
        self.pattern = pattern
        self.escape = escape

    _traverse_internals: ClassVar[list[tuple[str, Any]]] = [
        ("column", InternalTraversal.dp_clauseelement),
        ("pattern", InternalTraversal.dp_clauseelement),
        ("escape", InternalTraversal.dp_string),
    ]

    @property
    def _from_objects(self) -> list[Any]:
        return self.column._from_objects


def _escape_literal(escape: str) -> str:
    if len(escape) != 1 or escape == "'":
        raise ValueError("the LIKE escape must be one character other than a quote")
    return escape


@compiles(json_array_has_like)
def _json_array_has_like_sqlite(element: json_array_has_like, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    pattern = compiler.process(element.pattern, **kw)
    escape = _escape_literal(element.escape)
    return (
        f"EXISTS (SELECT 1 FROM json_each({column}) AS item "
        f"WHERE item.value LIKE {pattern} ESCAPE '{escape}')"
    )


@compiles(json_array_has_like, "postgresql")
def _json_array_has_like_postgresql(element: json_array_has_like, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.column, **kw)
    pattern = compiler.process(element.pattern, **kw)
    escape = _escape_literal(element.escape)
    return (
        f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(CAST({column} AS JSONB)) "
        f"AS item(value) WHERE item.value LIKE {pattern} ESCAPE '{escape}')"
    )
