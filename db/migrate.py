"""Bring an archive's schema to the current version with Alembic, refusing newer ones.

Opening an archive that is already current reads its revision with one query and never
imports Alembic (about 130 ms of start-up); Alembic is loaded only to migrate.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from reader.errors import SchemaTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

#: The newest revision in ``migrations/versions`` (a test checks it against Alembic's head).
HEAD_REVISION = "0003"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the project's migrations (no ini file needed)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def known_revisions() -> set[str]:
    """Every schema revision this program knows."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return {revision.revision for revision in script.walk_revisions()}


def head_revision() -> str:
    """The newest schema revision according to Alembic's scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in a database, or None for a database without one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def is_empty(engine: Engine) -> bool:
    """Tell whether a database has no tables at all."""
    return not inspect(engine).get_table_names()


def needs_upgrade(engine: Engine) -> bool:
    """Tell whether the database is older than this program's schema.

    Raises:
        SchemaTooNewError: the database was written by a newer version of the program.
    """
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return False
    if current is None:
        return True
    if current not in known_revisions():
        raise SchemaTooNewError(
            f"This archive was written by a newer version of the program (schema {current}); "
            "update the program to open it."
        )
    return True


def upgrade(engine: Engine) -> None:
    """Migrate the database to the newest revision (the caller backs it up first)."""
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
