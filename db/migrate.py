"""Bring an archive's schema to the current version with Alembic, refusing newer ones."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from reader.errors import SchemaTooNewError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the project's migrations (no ini file needed)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest schema revision this program knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in a database, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def is_empty(engine: Engine) -> bool:
    """Tell whether a database has no tables at all."""
    return not inspect(engine).get_table_names()


def needs_upgrade(engine: Engine) -> bool:
    """Tell whether the database is older than this program's schema.

    Raises:
        SchemaTooNewError: the database was written by a newer version of the program.
    """
    current = current_revision(engine)
    if current is None:
        return True
    script = ScriptDirectory.from_config(alembic_config())
    known = {revision.revision for revision in script.walk_revisions()}
    if current not in known:
        raise SchemaTooNewError(
            f"This archive was written by a newer version of the program (schema {current}); "
            "update the program to open it."
        )
    return current != script.get_current_head()


def upgrade(engine: Engine) -> None:
    """Migrate the database to the newest revision (the caller backs it up first)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
