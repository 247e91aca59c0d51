"""Checking an archive: database integrity, index consistency, orphans and users' lost links.

What is derived (the search index) is repaired; what is not (the database, users' data) is
only reported, never "fixed" by deleting anything.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from db.models import (
    Annotation,
    Article,
    ArticlePart,
    ArticleTag,
    Bookmark,
    CollectionItem,
    Mention,
    Page,
)
from reader.archive import Archive
from reader.errors import ReaderError
from reader.integrity import integrity_check

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]

#: At most this many ids are listed with one problem.
MAX_IDS = 50


@dataclass(slots=True)
class Problem:
    """One thing found wrong.

    Attributes:
        kind: ``integrity``, ``foreign_key``, ``index``, ``orphan`` or ``user_data``.
        message: what is wrong, for the user.
        count: how many rows (or problems) are concerned.
        ids: some of the row ids concerned (at most :data:`MAX_IDS`).
    """

    kind: str
    message: str
    count: int = 1
    ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data."""
        return asdict(self)

    def __str__(self) -> str:
        return self.message


@dataclass(slots=True)
class CheckReport:
    """The outcome of :func:`check_archive`.

    Attributes:
        problems: what is wrong and was not repaired (the archive is ok when empty).
        repaired: what was wrong with derived data and has been rebuilt.
        counts: a few figures of the archive (articles, pages, index documents …).
    """

    problems: list[Problem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether nothing is left wrong."""
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready data: ``{"ok": …, "problems": […], "repaired": […], "counts": {…}}``."""
        return {
            "ok": self.ok,
            "problems": [problem.to_dict() for problem in self.problems],
            "repaired": list(self.repaired),
            "counts": dict(self.counts),
        }

    def as_text(self) -> str:
        """The report as plain lines of text (the CLI and the window's dialog)."""
        lines = ["ok" if self.ok else f"{len(self.problems)} problem(s) found"]
        lines.extend(f"- {problem.message}" for problem in self.problems)
        lines.extend(f"repaired: {what}" for what in self.repaired)
        return "\n".join(lines)


def _ids(session: Session, query: Any) -> tuple[int, list[int]]:
    ids = list(session.scalars(query))
    return len(ids), ids[:MAX_IDS]


def _database_problems(archive: Archive) -> list[Problem]:
    problems = [
        Problem("integrity", f"database integrity: {message}")
        for message in integrity_check(archive.paths.database, read_only=not archive.writable)
    ]
    if problems:
        return problems
    connection = sqlite3.connect(f"file:{archive.paths.database}?mode=ro", uri=True)
    try:
        rows = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    by_table: dict[tuple[str, str], list[int]] = {}
    for table, rowid, parent, _fk in rows:
        by_table.setdefault((str(table), str(parent)), []).append(int(rowid or 0))
    for (table, parent), rowids in sorted(by_table.items()):
        problems.append(
            Problem(
                "foreign_key",
                f"{len(rowids)} row(s) of {table} point at missing {parent} rows",
                len(rowids),
                rowids[:MAX_IDS],
            )
        )
    return problems


def _orphan_problems(session: Session) -> list[Problem]:
    problems: list[Problem] = []
    has_part = select(ArticlePart.id).where(ArticlePart.article_id == Article.id).exists()
    user_links = [
        select(model.id).where(model.article_id == Article.id).exists()
        for model in (Annotation, Bookmark, ArticleTag, CollectionItem)
    ]
    count, ids = _ids(
        session,
        select(Article.id).where(~has_part, *[~link for link in user_links]).order_by(Article.id),
    )
    if count:
        problems.append(
            Problem("orphan", f"{count} article(s) have no text on any page", count, ids)
        )
    count, ids = _ids(
        session,
        select(ArticlePart.id)
        .outerjoin(Page, Page.id == ArticlePart.page_id)
        .where(Page.id.is_(None))
        .order_by(ArticlePart.id),
    )
    if count:
        problems.append(Problem("orphan", f"{count} article part(s) belong to no page", count, ids))
    count, ids = _ids(
        session,
        select(Mention.id)
        .outerjoin(Article, Article.id == Mention.article_id)
        .where(Article.id.is_(None))
        .order_by(Mention.id),
    )
    if count:
        problems.append(
            Problem("orphan", f"{count} entity mention(s) name a missing article", count, ids)
        )
    count, ids = _ids(
        session,
        select(Mention.id)
        .join(ArticlePart, ArticlePart.id == Mention.part_id)
        .where(ArticlePart.article_id != Mention.article_id)
        .order_by(Mention.id),
    )
    if count:
        problems.append(
            Problem(
                "orphan",
                f"{count} entity mention(s) are filed under another article than their text",
                count,
                ids,
            )
        )
    return problems


def _user_data_problems(session: Session) -> list[Problem]:
    problems: list[Problem] = []
    for model, what in (
        (Annotation, "annotation(s)"),
        (Bookmark, "bookmark(s)"),
        (ArticleTag, "tag assignment(s)"),
        (CollectionItem, "collection item(s)"),
    ):
        count, ids = _ids(
            session, select(model.id).where(model.article_id.is_(None)).order_by(model.id)
        )
        if count:
            problems.append(
                Problem(
                    "user_data",
                    f"{count} {what} belong to an article that is no longer in the archive "
                    "(kept, with where it was)",
                    count,
                    ids,
                )
            )
    count, ids = _ids(
        session,
        select(Annotation.id)
        .where(Annotation.article_id.is_not(None), Annotation.status == "orphaned")
        .order_by(Annotation.id),
    )
    if count:
        problems.append(
            Problem(
                "user_data",
                f"{count} annotation(s) lost their place: the quoted text is no longer in "
                "the article",
                count,
                ids,
            )
        )
    return problems


def _index_problems(
    archive: Archive,
    report: CheckReport,
    *,
    repair: bool,
    progress: ProgressCallback | None,
    cancelled: CancelCheck | None,
) -> list[Problem]:
    from reader.search.index import IndexStatus

    search = archive.search
    articles = report.counts.get("articles", 0)
    try:
        status = search.status()
        if status is IndexStatus.OK:
            if search.open_if_current() is IndexStatus.OK:
                documents = search.index.doc_count
                report.counts["index_documents"] = documents
                if documents != articles:
                    status = IndexStatus.STALE
                    problem = (
                        f"the search index holds {documents} articles, the database {articles}"
                    )
                else:
                    return []
            else:
                status = IndexStatus.BROKEN
                problem = "the search index changed while it was checked"
        else:
            problem = f"the search index is {status.value}"
    except ReaderError:
        raise
    except Exception as error:  # whatever Whoosh raises reading damaged files
        problem = f"the search index cannot be read ({type(error).__name__}: {error})"
    if status is IndexStatus.MISSING and articles == 0:
        return []
    if not repair or not archive.writable:
        return [Problem("index", problem + " (rebuild it: reindex)")]
    count = search.rebuild(progress, cancelled)
    report.counts["index_documents"] = count
    report.repaired.append(f"{problem}: rebuilt from the database ({count} articles)")
    return []


def check_archive(
    archive: Archive,
    repair_index: bool = True,
    *,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
) -> CheckReport:
    """Check an archive from its database file to its users' data.

    The steps: SQLite's full ``integrity_check`` and ``foreign_key_check``; orphan rows
    (articles without text, parts without a page, mentions of missing articles); users'
    rows whose article is gone and annotations whose quote is gone (reported, kept); the
    search index's stamp and document count against the database — a missing, stale,
    broken or miscounted index is rebuilt when ``repair_index`` and the archive is open
    for writing, else reported.

    Args:
        archive: the open archive.
        repair_index: rebuild a search index that does not match the database.
        progress: called with (step, steps, what); the rebuild reports its own progress.
        cancelled: polled during a rebuild.

    Returns:
        The report.
    """
    report = CheckReport()
    steps = 4

    def step(done: int, what: str) -> None:
        if progress is not None:
            progress(done, steps, what)

    step(0, "database integrity")
    report.problems.extend(_database_problems(archive))
    if any(problem.kind == "integrity" for problem in report.problems):
        return report  # the rest would read damaged pages
    step(1, "orphans")
    with archive.db.read() as session:
        report.counts["articles"] = session.scalar(select(func.count(Article.id))) or 0
        report.counts["pages"] = session.scalar(select(func.count(Page.id))) or 0
        report.counts["annotations"] = session.scalar(select(func.count(Annotation.id))) or 0
        report.counts["change_counter"] = int(
            session.execute(
                text("SELECT value FROM archive_meta WHERE key = 'change_counter'")
            ).scalar()
            or 0
        )
        report.problems.extend(_orphan_problems(session))
        step(2, "users' data")
        report.problems.extend(_user_data_problems(session))
    step(3, "search index")
    report.problems.extend(
        _index_problems(
            archive, report, repair=repair_index, progress=progress, cancelled=cancelled
        )
    )
    step(steps, "")
    return report
