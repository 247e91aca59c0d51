"""Undoable edits of bookmarks, tags, collections and saved searches (the domain's do and undo)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reader.notes import bookmarks, collections, saved_searches, tags
from ui.undo import Affects, EditCommand, Editor, State, shorten

TITLE_SHOWN = 24


def short_title(title: str) -> str:
    """An article's headline shortened for the Edit menu ("undo bookmark “…”")."""
    return shorten(title, TITLE_SHOWN)


class LibraryEditor(Editor):
    """Makes the library's edits as undoable commands (each step a writing task).

    Every method pushes one command on the window's undo stack through ``edits``; the
    command's first run makes the edit, and undo and redo call the domain's undo
    functions (snapshots put back with their ids, so a redo after an undo restores the
    same rows).
    """

    # ----- bookmarks

    def set_bookmarked(self, article_id: int, title: str, on: bool) -> EditCommand:
        """Star an article or take its star away.

        When the article already is (or is not) bookmarked, the command changes nothing,
        nor does its undo.
        """
        archive = self.archive

        def add(state: State) -> object:
            if state.get("unchanged"):
                return None
            snapshot = state.pop("snapshot", None)
            if snapshot is not None:
                return bookmarks.restore_bookmark(archive, snapshot)
            info = bookmarks.add_bookmark(archive, article_id)
            state["unchanged"] = info is None
            return info

        def remove(state: State) -> object:
            if state.get("unchanged"):
                return None
            state["snapshot"] = bookmarks.remove_bookmark(archive, article_id)
            state["unchanged"] = state["snapshot"] is None
            return state["snapshot"]

        quoted = short_title(title)
        if on:
            text = self.tr("bookmark “%1”").replace("%1", quoted)
            return self.edits.push(text, add, remove, Affects.BOOKMARKS)
        text = self.tr("remove the bookmark of “%1”").replace("%1", quoted)
        return self.edits.push(text, remove, add, Affects.BOOKMARKS)

    # ----- tags

    def tag(self, article_ids: Sequence[int], path: str, title: str = "") -> EditCommand:
        """Put a tag (产业/光伏) on articles."""
        archive = self.archive
        ids = list(article_ids)

        def do() -> object:
            return tags.tag_articles(archive, ids, path)

        def undo(change: Any) -> object:
            return tags.undo_tag_articles(archive, change)

        text = self._tag_text(self.tr("tag %1 with %2"), ids, path, title)
        return self.edits.push_kept(text, do, undo, Affects.TAGS)

    def untag(self, article_ids: Sequence[int], path: str, title: str = "") -> EditCommand:
        """Take a tag off articles."""
        archive = self.archive
        ids = list(article_ids)

        def do() -> object:
            return tags.untag_articles(archive, ids, path)

        def undo(snapshot: Any) -> object:
            return tags.restore_tags(archive, snapshot)

        text = self._tag_text(self.tr("untag %1 from %2"), ids, path, title)
        return self.edits.push_kept(text, do, undo, Affects.TAGS)

    def _tag_text(self, template: str, ids: Sequence[int], path: str, title: str) -> str:
        what = (
            f"“{short_title(title)}”"
            if len(ids) == 1 and title
            else self.tr("%n article(s)", "", len(ids))
        )
        return template.replace("%1", what).replace("%2", path)

    def rename_tag(self, path: str, new_path: str) -> EditCommand:
        """Rename a tag (its sub-tags move with it)."""
        archive = self.archive

        def do() -> object:
            return tags.rename_tag(archive, path, new_path)

        def undo(snapshot: Any) -> object:
            return tags.restore_tags(archive, snapshot)

        text = self.tr("rename tag %1 to %2").replace("%1", path).replace("%2", new_path)
        return self.edits.push_kept(text, do, undo, Affects.TAGS)

    def delete_tag(self, path: str) -> EditCommand:
        """Delete a tag, its sub-tags and their links to articles."""
        archive = self.archive

        def do() -> object:
            return tags.delete_tag(archive, path)

        def undo(snapshot: Any) -> object:
            return tags.restore_tags(archive, snapshot)

        text = self.tr("delete tag %1").replace("%1", path)
        return self.edits.push_kept(text, do, undo, Affects.TAGS)

    # ----- collections

    def create_collection(self, name: str, parent_id: int | None = None) -> EditCommand:
        """Make a collection (at the top, or inside another)."""
        archive = self.archive

        def do(state: State) -> object:
            snapshot = state.pop("snapshot", None)
            if snapshot is not None:
                collections.restore_collections(archive, snapshot)
                return state["id"]
            state["id"] = collections.create_collection(archive, name, parent_id).id
            return state["id"]

        def undo(state: State) -> object:
            state["snapshot"] = collections.delete_collection(archive, state["id"])
            return state["snapshot"]

        text = self.tr("new collection %1").replace("%1", name)
        return self.edits.push(text, do, undo, Affects.COLLECTIONS)

    def rename_collection(self, collection_id: int, name: str, new_name: str) -> EditCommand:
        """Rename a collection."""
        archive = self.archive

        def do() -> object:
            return collections.rename_collection(archive, collection_id, new_name)

        def undo(old: Any) -> object:
            return collections.rename_collection(archive, collection_id, old)

        text = self.tr("rename collection %1 to %2").replace("%1", name).replace("%2", new_name)
        return self.edits.push_kept(text, do, undo, Affects.COLLECTIONS)

    def move_collection(
        self, collection_id: int, name: str, new_parent_id: int | None, position: int | None = None
    ) -> EditCommand:
        """Move a collection into another one (None: to the top level)."""
        archive = self.archive

        def do() -> object:
            return collections.move_collection(archive, collection_id, new_parent_id, position)

        def undo(old: Any) -> object:
            parent, old_position = old
            return collections.move_collection(archive, collection_id, parent, old_position)

        text = self.tr("move collection %1").replace("%1", name)
        return self.edits.push_kept(text, do, undo, Affects.COLLECTIONS)

    def delete_collection(self, collection_id: int, name: str) -> EditCommand:
        """Delete a collection, its sub-collections and their items (undo puts all back)."""
        archive = self.archive

        def do() -> object:
            return collections.delete_collection(archive, collection_id)

        def undo(snapshot: Any) -> object:
            return collections.restore_collections(archive, snapshot)

        text = self.tr("delete collection %1").replace("%1", name)
        return self.edits.push_kept(text, do, undo, Affects.COLLECTIONS)

    def add_to_collection(
        self, collection_id: int, name: str, article_ids: Sequence[int], title: str = ""
    ) -> EditCommand:
        """File articles in a collection."""
        archive = self.archive
        ids = list(article_ids)

        def do() -> object:
            return collections.add_to_collection(archive, collection_id, ids)

        def undo(added: Any) -> object:
            return collections.remove_from_collection(archive, collection_id, added)

        text = self._tag_text(self.tr("add %1 to %2"), ids, name, title)
        return self.edits.push_kept(text, do, undo, Affects.COLLECTIONS)

    def remove_from_collection(
        self, collection_id: int, name: str, article_ids: Sequence[int], title: str = ""
    ) -> EditCommand:
        """Take articles out of a collection."""
        archive = self.archive
        ids = list(article_ids)

        def do() -> object:
            return collections.remove_from_collection(archive, collection_id, ids)

        def undo(snapshot: Any) -> object:
            return collections.restore_collections(archive, snapshot)

        text = self._tag_text(self.tr("remove %1 from %2"), ids, name, title)
        return self.edits.push_kept(text, do, undo, Affects.COLLECTIONS)

    # ----- saved searches

    def save_search(self, name: str, query: str) -> EditCommand:
        """Save a query under a name (replacing a saved search of that name)."""
        archive = self.archive

        def do() -> object:
            return saved_searches.save_search(archive, name, query)

        def undo(previous: Any) -> object:
            if previous is None:
                return saved_searches.delete_saved_search(archive, name)
            return saved_searches.restore_saved_search(archive, previous)

        text = self.tr("save search %1").replace("%1", name)
        return self.edits.push_kept(text, do, undo, Affects.SEARCHES)

    def rename_search(self, name: str, new_name: str) -> EditCommand:
        """Rename a saved search."""
        archive = self.archive

        def do(_state: State) -> object:
            return saved_searches.rename_saved_search(archive, name, new_name)

        def undo(_state: State) -> object:
            return saved_searches.rename_saved_search(archive, new_name, name)

        text = self.tr("rename search %1 to %2").replace("%1", name).replace("%2", new_name)
        return self.edits.push(text, do, undo, Affects.SEARCHES)

    def delete_search(self, name: str) -> EditCommand:
        """Delete a saved search."""
        archive = self.archive

        def do() -> object:
            return saved_searches.delete_saved_search(archive, name)

        def undo(info: Any) -> object:
            return saved_searches.restore_saved_search(archive, info)

        text = self.tr("delete search %1").replace("%1", name)
        return self.edits.push_kept(text, do, undo, Affects.SEARCHES)
