"""SQLite engines of an archive: WAL, foreign keys, busy timeout, IMMEDIATE write transactions."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

BUSY_TIMEOUT_MS = 10_000


def _configure_connection(dbapi_connection: sqlite3.Connection, *, synchronous: str) -> None:
    # Autocommit at the driver level: SQLAlchemy's "begin" hook below issues BEGIN itself,
    # which is the only way to get BEGIN IMMEDIATE through pysqlite.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA synchronous = {synchronous}")
    cursor.close()


def make_engine(path: Path, *, write: bool) -> Engine:
    """Create an engine on an SQLite file with the archive's connection settings.

    Args:
        path: the database file.
        write: True for the writer's engine, whose transactions begin IMMEDIATE (so a
            transaction that writes never fails half-way with "database is locked")
            and commit with ``synchronous=FULL``; False for readers (deferred BEGIN).

    Returns:
        The engine.
    """
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})
    synchronous = "FULL" if write else "NORMAL"
    begin_statement = "BEGIN IMMEDIATE" if write else "BEGIN"

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        _configure_connection(dbapi_connection, synchronous=synchronous)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        connection.exec_driver_sql(begin_statement)  # type: ignore[attr-defined]

    return engine


class Database:
    """The reader and writer engines of one archive database, with session factories."""

    def __init__(self, path: Path) -> None:
        """Open engines on the database file (created on first connection).

        Args:
            path: the SQLite database file.
        """
        self.path = path
        self.write_engine = make_engine(path, write=True)
        self.read_engine = make_engine(path, write=False)
        self._write_sessions = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction (BEGIN IMMEDIATE): committed on success, rolled back on error.

        Yields:
            The session of the transaction.
        """
        with self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session on a consistent snapshot.

        Yields:
            The session; anything it changes is rolled back.
        """
        with self._read_sessions() as session:
            try:
                yield session
            finally:
                session.rollback()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.write_engine.dispose()
        self.read_engine.dispose()
