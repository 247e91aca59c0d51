"""Database layer: SQLAlchemy models, the engine and Alembic migrations."""
