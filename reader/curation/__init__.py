"""Curation: users' corrections of articles' text, structure and pages, versioned and undoable.

* :mod:`.history` is the engine: every correction runs through :func:`~.history.curate`,
  which snapshots the rows it changes, keeps users' data and entity mentions with the
  text, and stores a :class:`db.models.Revision` that :func:`~.history.revert_revision`
  can undo (and a revert, redo).
* :mod:`.edits` edits an article's text and fields, a page's or an issue's metadata.
* :mod:`.structure` splits, merges, joins and moves articles.

Nothing here knows about Qt.
"""

from __future__ import annotations

from reader.curation.history import (
    ACTIONS,
    CurationChange,
    CurationResult,
    FieldDiff,
    RevisionInfo,
    curate,
    list_revisions,
    revert_revision,
    revision_diff,
    revision_info,
)

__all__ = [
    "ACTIONS",
    "CurationChange",
    "CurationResult",
    "FieldDiff",
    "RevisionInfo",
    "curate",
    "list_revisions",
    "revert_revision",
    "revision_diff",
    "revision_info",
]
