"""The engine-specific JSON expressions run on SQLite and compile for PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, literal, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.types import JSON

from db.portable import first_json_item, json_array_has_like

METADATA = MetaData()
ITEMS = Table("item", METADATA, Column("id", Integer, primary_key=True), Column("names", JSON))


def _engine():
    engine = create_engine("sqlite://")
    METADATA.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            insert(ITEMS),
            [
                {"id": 1, "names": ["王建国", "李明"]},
                {"id": 2, "names": []},
                {"id": 3, "names": ["完成100%"]},
            ],
        )
    return engine


def test_first_json_item_on_sqlite() -> None:
    with _engine().connect() as connection:
        rows = connection.execute(
            select(ITEMS.c.id, first_json_item(ITEMS.c.names)).order_by(ITEMS.c.id)
        ).all()
    assert rows == [(1, "王建国"), (2, None), (3, "完成100%")]


def test_json_array_has_like_on_sqlite() -> None:
    def matching(pattern: str) -> list[int]:
        with _engine().connect() as connection:
            statement = select(ITEMS.c.id).where(
                json_array_has_like(ITEMS.c.names, literal(pattern), "\\")
            )
            return sorted(connection.scalars(statement))

    assert matching("%明%") == [1]
    assert matching("%建%") == [1]
    assert matching("%100\\%%") == [3]
    assert matching("%1000%") == []


def test_postgresql_spelling() -> None:
    statement = select(first_json_item(ITEMS.c.names)).where(
        json_array_has_like(ITEMS.c.names, literal("%明%"), "\\")
    )
    sql = str(statement.compile(dialect=postgresql.dialect()))
    assert "->> 0" in sql
    assert "jsonb_array_elements_text" in sql
    assert "json_each" not in sql and "json_extract" not in sql
