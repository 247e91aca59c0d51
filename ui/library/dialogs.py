"""Dialogs of the library: tags of an article, choosing a collection, asking for a name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.notes.collections import CollectionInfo
from ui.text import plain_label


def ask_text(
    parent: QWidget,
    title: str,
    label: str,
    accepted: Callable[[str], None],
    text: str = "",
    object_name: str = "askTextDialog",
) -> QInputDialog:
    """Ask for a line of text without blocking; ``accepted`` gets it (stripped, non-empty).

    Returns:
        The dialog, opened (tests accept it with ``setTextValue`` and ``accept``).
    """
    dialog = QInputDialog(parent)
    dialog.setObjectName(object_name)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)

    def done(value: str) -> None:
        if value.strip():
            accepted(value.strip())

    dialog.textValueSelected.connect(done)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class TagDialog(QDialog):
    """The tags of an article: untick one to take it off, type a path (产业/光伏) to add one."""

    def __init__(
        self,
        title: str,
        current: Sequence[str],
        known: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        """Create the dialog.

        Args:
            title: the article's headline (shown as plain text).
            current: the tags the article has.
            known: every tag path of the archive (completion).
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("tagDialog")
        self.setWindowTitle(self.tr("Tags"))
        self._current = list(current)
        heading = plain_label(title or self.tr("(untitled)"), self)
        heading.setWordWrap(True)
        self.tag_list = QListWidget(self)
        self.tag_list.setObjectName("tagList")
        for path in self._current:
            item = QListWidgetItem(path, self.tag_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.new_edit = QLineEdit(self)
        self.new_edit.setObjectName("newTag")
        self.new_edit.setPlaceholderText(self.tr("New tag, levels split by / (产业/光伏)"))
        completer = QCompleter(list(known), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.new_edit.setCompleter(completer)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(plain_label(self.tr("Tags of this article:"), self))
        layout.addWidget(self.tag_list)
        layout.addWidget(self.new_edit)
        layout.addWidget(buttons)
        self.resize(380, 320)
        self.new_edit.setFocus()

    def added(self) -> list[str]:
        """The tags to add (the path typed, if any)."""
        text = self.new_edit.text().strip()
        return [text] if text and text not in self._current else []

    def removed(self) -> list[str]:
        """The tags unticked."""
        return [
            item.text()
            for row in range(self.tag_list.count())
            if (item := self.tag_list.item(row)).checkState() != Qt.CheckState.Checked
        ]


class CollectionDialog(QDialog):
    """Choose a collection (to add articles to, or to export); a new one can be made."""

    def __init__(
        self,
        title: str,
        collections: Sequence[CollectionInfo],
        create: Callable[[str, int | None], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Create the dialog.

        Args:
            title: the window title.
            collections: the collections, in tree order.
            create: makes a collection ``create(name, parent_id)``; the window then calls
                :meth:`set_collections` (None: no "New collection" button).
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("collectionDialog")
        self.setWindowTitle(title)
        self._create = create
        self._new_path: str | None = None
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("collectionTree")
        self.tree.setHeaderHidden(True)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        row = QHBoxLayout()
        if create is not None:
            new = QPushButton(self.tr("&New collection…"), self)
            new.setObjectName("newCollectionButton")
            new.clicked.connect(self._ask_new)
            row.addWidget(new)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(row)
        self.tree.currentItemChanged.connect(lambda *_args: self._update())
        self.set_collections(collections)
        self.resize(360, 360)

    def set_collections(self, collections: Sequence[CollectionInfo]) -> None:
        """Show another list of collections (keeping the choice when it is still there)."""
        chosen = self.collection_id()
        self.tree.clear()
        items: dict[int, QTreeWidgetItem] = {}
        select: QTreeWidgetItem | None = None
        for info in collections:
            parent = items.get(info.parent_id) if info.parent_id is not None else None
            item = QTreeWidgetItem()
            item.setText(0, info.name)
            item.setData(0, Qt.ItemDataRole.UserRole, info.id)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            items[info.id] = item
            if info.id == chosen or (self._new_path is not None and info.path == self._new_path):
                select = item
        self.tree.expandAll()
        if select is not None:
            self.tree.setCurrentItem(select)
        self._update()

    def select(self, collection_id: int) -> bool:
        """Choose a collection; False when it is not listed."""
        for item in self._items():
            if item.data(0, Qt.ItemDataRole.UserRole) == collection_id:
                self.tree.setCurrentItem(item)
                return True
        return False

    def collection_id(self) -> int | None:
        """The collection chosen."""
        item = self.tree.currentItem()
        value = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        return int(value) if value is not None else None

    def _items(self) -> list[QTreeWidgetItem]:
        found: list[QTreeWidgetItem] = []
        stack = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        while stack:
            item = stack.pop()
            found.append(item)
            stack.extend(item.child(i) for i in range(item.childCount()))
        return found

    def _update(self) -> None:
        self.ok_button.setEnabled(self.collection_id() is not None)

    def _ask_new(self) -> None:
        def create(name: str) -> None:
            if self._create is not None:
                self._new_path = name  # chosen once it is listed
                self._create(name, None)

        ask_text(
            self,
            self.tr("New collection"),
            self.tr("Name of the new collection:"),
            create,
            object_name="newCollectionDialog",
        )
