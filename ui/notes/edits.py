"""Undoable edits of annotations: highlight, note, colour, remove (the domain's do and undo)."""

from __future__ import annotations

from typing import Any

from reader.notes import annotations
from reader.notes.annotations import AnnotationInfo
from ui.notes.anchors import AnnotationTarget
from ui.undo import Affects, EditCommand, Editor, State, shorten

QUOTE_SHOWN = 16


def short_quote(text: str) -> str:
    """A passage shortened for the Edit menu ("undo highlight “…”")."""
    return shorten(text, QUOTE_SHOWN)


class AnnotationEditor(Editor):
    """Makes annotation edits as undoable commands (each step a writing task).

    Undoing a new annotation deletes it and keeps its snapshot; redoing puts the same row
    back (same id), so later commands that name it still find it.
    """

    def create(
        self,
        article_id: int,
        target: AnnotationTarget | None,
        colour: str,
        note: str = "",
    ) -> EditCommand:
        """Annotate a passage (or, with no target, the whole article).

        Args:
            article_id: the article.
            target: the passage (field and offsets in the article's reading text).
            colour: the highlight colour.
            note: the note ("" for a bare highlight).
        """
        archive = self.archive

        def do(state: State) -> object:
            snapshot = state.pop("snapshot", None)
            if snapshot is not None:
                return annotations.restore_annotation(archive, snapshot)
            if target is None:
                info = annotations.create_annotation(
                    archive, article_id, field="article", note=note, color=colour
                )
            else:
                info = annotations.create_annotation(
                    archive,
                    article_id,
                    field=target.field,
                    start=target.start,
                    end=target.end,
                    note=note,
                    color=colour,
                )
            state["id"] = info.id
            return info

        def undo(state: State) -> object:
            state["snapshot"] = annotations.delete_annotation(archive, state["id"])
            return state["snapshot"]

        if target is None:
            text = self.tr("note on the article")
        elif note:
            text = self.tr("note on “%1”").replace("%1", short_quote(target.quote))
        else:
            text = self.tr("highlight “%1”").replace("%1", short_quote(target.quote))
        return self.edits.push(text, do, undo, Affects.ANNOTATIONS)

    def update(self, annotation: AnnotationInfo, note: str, colour: str) -> EditCommand | None:
        """Change the note or the colour of an annotation (None when nothing changes)."""
        if note == annotation.note and colour == annotation.color:
            return None
        archive = self.archive
        annotation_id = annotation.id

        def do() -> object:
            return annotations.update_annotation(archive, annotation_id, note=note, color=colour)

        def undo(before: Any) -> object:
            return annotations.restore_annotation(archive, before)

        what = short_quote(annotation.quote) if annotation.quote else self.tr("the article")
        if note != annotation.note:
            text = self.tr("edit the note on “%1”").replace("%1", what)
        else:
            text = self.tr("recolour “%1”").replace("%1", what)
        return self.edits.push_kept(text, do, undo, Affects.ANNOTATIONS)

    def remove(self, annotation: AnnotationInfo) -> EditCommand:
        """Remove an annotation (undo puts it back, same id)."""
        archive = self.archive
        annotation_id = annotation.id

        def do() -> object:
            return annotations.delete_annotation(archive, annotation_id)

        def undo(snapshot: Any) -> object:
            return annotations.restore_annotation(archive, snapshot)

        what = short_quote(annotation.quote) if annotation.quote else self.tr("the article")
        text = self.tr("remove the annotation on “%1”").replace("%1", what)
        return self.edits.push_kept(text, do, undo, Affects.ANNOTATIONS)
