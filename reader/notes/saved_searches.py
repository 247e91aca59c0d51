"""Saved searches: queries kept under a name, run again from the pane or the CLI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import SavedSearch, utcnow
from reader.archive import Archive
from reader.errors import InputError, NotFoundError
from reader.notes.common import Done, iso, write, write_value
from reader.search.query import MAX_QUERY_LENGTH, parse

MAX_NAME_LENGTH = 200


@dataclass(slots=True)
class SavedSearchInfo:
    """A saved search."""

    id: int
    name: str
    query: str
    created_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return {
            "id": self.id,
            "name": self.name,
            "query": self.query,
            "created_at": iso(self.created_at),
        }


def _info(row: SavedSearch) -> SavedSearchInfo:
    return SavedSearchInfo(id=row.id, name=row.name, query=row.query, created_at=row.created_at)


def _clean_name(name: str) -> str:
    clean = " ".join((name or "").split())
    if not clean:
        raise InputError("the saved search needs a name")
    if len(clean) > MAX_NAME_LENGTH:
        raise InputError(f"the name is longer than {MAX_NAME_LENGTH} characters")
    return clean


def _clean_query(query: str) -> str:
    text = (query or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise InputError(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    parse(text)  # QuerySyntaxError (an InputError) says what is wrong and where
    return text


def _row(session: Session, name: str) -> SavedSearch:
    row = session.scalar(select(SavedSearch).where(SavedSearch.name == _clean_name(name)))
    if row is None:
        raise NotFoundError(f"No saved search called {name}.")
    return row


def list_saved_searches(session: Session) -> list[SavedSearchInfo]:
    """Every saved search, by name."""
    return [_info(row) for row in session.scalars(select(SavedSearch).order_by(SavedSearch.name))]


def get_saved_search(session: Session, name: str) -> SavedSearchInfo:
    """One saved search by name.

    Raises:
        NotFoundError: no such saved search.
    """
    return _info(_row(session, name))


def save_search(
    archive: Archive, name: str, query: str, *, actor: str = "user"
) -> SavedSearchInfo | None:
    """Save a query under a name, replacing one of the same name.

    Undo: :func:`delete_saved_search` when None was returned, else
    :func:`restore_saved_search` with the returned previous state.

    Returns:
        The saved search it replaced (its state before), or None if the name was new.

    Raises:
        InputError: empty name, or a malformed query (QuerySyntaxError).
    """
    clean = _clean_name(name)
    text = _clean_query(query)

    def work(session: Session) -> Done[SavedSearchInfo | None]:
        row = session.scalar(select(SavedSearch).where(SavedSearch.name == clean))
        if row is None:
            session.add(SavedSearch(name=clean, query=text, created_at=utcnow()))
            return Done(None, after={"query": text})
        previous = _info(row)
        row.query = text
        return Done(previous, before={"query": previous.query}, after={"query": text})

    return write_value(archive, "search.save", clean, work, actor=actor)


def rename_saved_search(archive: Archive, name: str, new_name: str, *, actor: str = "user") -> None:
    """Rename a saved search (undo: rename it back).

    Raises:
        NotFoundError: no such saved search.
        InputError: the new name is empty or taken.
    """
    clean = _clean_name(new_name)

    def work(session: Session) -> Done[None]:
        row = _row(session, name)
        other = session.scalar(select(SavedSearch).where(SavedSearch.name == clean))
        if other is not None and other.id != row.id:
            raise InputError(f"there is already a saved search called {clean}")
        before = row.name
        row.name = clean
        return Done(None, before={"name": before}, after={"name": clean})

    write(archive, "search.rename", clean, work, actor=actor)


def delete_saved_search(archive: Archive, name: str, *, actor: str = "user") -> SavedSearchInfo:
    """Delete a saved search (undo: :func:`restore_saved_search`).

    Raises:
        NotFoundError: no such saved search.
    """

    def work(session: Session) -> Done[SavedSearchInfo]:
        row = _row(session, name)
        info = _info(row)
        session.delete(row)
        return Done(info, before={"query": info.query})

    return write_value(archive, "search.delete", name, work, actor=actor)


def restore_saved_search(archive: Archive, info: SavedSearchInfo, *, actor: str = "user") -> None:
    """Put a saved search back as it was (same id, name, query and date)."""

    def work(session: Session) -> Done[None]:
        row = session.get(SavedSearch, info.id)
        clash = session.scalar(select(SavedSearch).where(SavedSearch.name == info.name))
        if clash is not None and (row is None or clash.id != row.id):
            raise InputError(f"there is already another saved search called {info.name}")
        if row is None:
            row = SavedSearch(id=info.id)
            session.add(row)
        row.name = info.name
        row.query = info.query
        row.created_at = info.created_at
        return Done(None, after={"query": info.query})

    write(archive, "search.restore", info.name, work, actor=actor)
