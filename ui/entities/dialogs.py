"""The dialogs of entity corrections: rename, merge into…, split, tag a selection by hand."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.entities.browse import EntitySummary
from reader.entities.corrections import MAX_NAME_LENGTH
from ui.entities.kinds import ENTITY_KINDS, kind_label
from ui.entities.model import ArticleMentions
from ui.text import plain_label

CANDIDATE_DELAY_MS = 200
CANDIDATE_LIMIT = 200

CandidateLoader = Callable[[str, Callable[[list[EntitySummary]], None]], None]
"""``load(filter_text, deliver)``: read entities matching a text and hand them to ``deliver``."""


def clean_name(text: str) -> str:
    """A name as the corrections store it: inner runs of spaces made one, ends trimmed."""
    return " ".join(text.split())


def entity_text(name: str, kind: str) -> str:
    """An entity for a list or a message: ``name（kind）``."""
    return f"{name}（{kind_label(kind)}）"


class _Dialog(QDialog):
    """A dialog with OK/Cancel buttons whose OK follows :meth:`valid`."""

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("中") * 26)

    @property
    def ok_button(self) -> QPushButton:
        """The OK button (enabled only when the input is usable)."""
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(button, QPushButton)
        return button

    def valid(self) -> bool:
        """Whether the input can be used."""
        return True

    def update_ok(self) -> None:
        """Enable OK when the input is usable."""
        self.ok_button.setEnabled(self.valid())

    def accept(self) -> None:
        """Close with OK, only when the input is usable."""
        if self.valid():
            super().accept()


class RenameDialog(_Dialog):
    """Asks for the new name of an entity."""

    def __init__(self, name: str, kind: str, parent: QWidget | None = None) -> None:
        """Prepare the dialog for an entity.

        Args:
            name: its current name.
            kind: its kind.
            parent: the parent widget.
        """
        super().__init__(self.tr("Rename entity"), parent)
        self.setObjectName("renameEntityDialog")
        self.old_name = name
        explanation = plain_label(
            self.tr(
                "From now on %1 is called by the new name in every article; if an entity "
                "of that name and kind exists, the two become one."
            ).replace("%1", entity_text(name, kind)),
            self,
        )
        explanation.setWordWrap(True)
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("newEntityName")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.selectAll()
        self.name_edit.textChanged.connect(lambda _text: self.update_ok())
        form = QFormLayout()
        form.addRow(self.tr("New name:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.update_ok()

    def new_name(self) -> str:
        """The name typed (cleaned)."""
        return clean_name(self.name_edit.text())

    def valid(self) -> bool:
        """A non-empty name other than the current one."""
        name = self.new_name()
        return bool(name) and name != self.old_name


class MergeDialog(_Dialog):
    """Chooses the entity another one is merged into, from a filtered list."""

    def __init__(
        self,
        name: str,
        kind: str,
        load_candidates: CandidateLoader,
        parent: QWidget | None = None,
    ) -> None:
        """Prepare the dialog for an entity.

        Args:
            name: the entity merged (it disappears).
            kind: its kind.
            load_candidates: reads entities matching a filter (in the background).
            parent: the parent widget.
        """
        super().__init__(self.tr("Merge entity"), parent)
        self.setObjectName("mergeEntityDialog")
        self.source = (name, kind)
        self._load = load_candidates
        self._generation = 0
        explanation = plain_label(
            self.tr(
                "Choose the entity that %1 really is: its mentions will belong to it, and "
                "the name becomes one of its aliases."
            ).replace("%1", entity_text(name, kind)),
            self,
        )
        explanation.setWordWrap(True)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("mergeFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by name"))
        self.candidates = QListWidget(self)
        self.candidates.setObjectName("mergeCandidates")
        self.candidates.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.candidates.currentRowChanged.connect(lambda _row: self.update_ok())
        self.candidates.itemDoubleClicked.connect(lambda _item: self.accept())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CANDIDATE_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.filter_edit.textChanged.connect(lambda _text: self._timer.start())
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.candidates, 1)
        layout.addWidget(self.buttons)
        self.resize(420, 420)
        self.update_ok()
        self.reload()

    def reload(self) -> None:
        """Read the entities matching the filter (the source itself left out)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        self._load(
            self.filter_edit.text().strip(),
            lambda rows: self._show(generation, rows),
        )

    def _show(self, generation: int, rows: list[EntitySummary]) -> None:
        if generation != self._generation:
            return
        chosen = self.target()
        self.candidates.clear()
        name, kind = self.source
        # Same kind first: merging a person into a person is the usual case.
        ordered = sorted(rows, key=lambda row: (row.type != kind, -row.mentions, row.name))
        for row in ordered:
            if (row.name, row.type) == (name, kind):
                continue
            item = QListWidgetItem(
                self.tr("%1 — %2 mention(s)")
                .replace("%1", entity_text(row.name, row.type))
                .replace("%2", str(row.mentions))
            )
            item.setData(Qt.ItemDataRole.UserRole, (row.name, row.type))
            self.candidates.addItem(item)
            if (row.name, row.type) == chosen:
                self.candidates.setCurrentItem(item)
        self.update_ok()

    def choose(self, name: str, kind: str) -> bool:
        """Make an entity of the list the target (as a click would); False if not listed."""
        for row in range(self.candidates.count()):
            item = self.candidates.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == (name, kind):
                self.candidates.setCurrentItem(item)
                return True
        return False

    def target(self) -> tuple[str, str] | None:
        """The (name, kind) chosen."""
        item = self.candidates.currentItem()
        if item is None or not item.isSelected():
            return None
        value = item.data(Qt.ItemDataRole.UserRole)
        return (str(value[0]), str(value[1])) if value else None

    def valid(self) -> bool:
        """A target is chosen."""
        return self.target() is not None


class SplitDialog(_Dialog):
    """Moves the mentions of some articles to a new entity: its name, and which articles."""

    def __init__(
        self,
        name: str,
        kind: str,
        articles: Sequence[ArticleMentions],
        checked: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        """Prepare the dialog for an entity.

        Args:
            name: the entity split.
            kind: its kind.
            articles: the articles that name it.
            checked: the ids of those to move at first (the selection of the detail view).
            parent: the parent widget.
        """
        super().__init__(self.tr("Split entity"), parent)
        self.setObjectName("splitEntityDialog")
        self.old_name = name
        explanation = plain_label(
            self.tr(
                "In the articles checked, %1 is another entity: give its name. "
                "The other articles keep the name."
            ).replace("%1", entity_text(name, kind)),
            self,
        )
        explanation.setWordWrap(True)
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("splitEntityName")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.setPlaceholderText(self.tr("e.g. %1 (another person)").replace("%1", name))
        self.name_edit.textChanged.connect(lambda _text: self.update_ok())
        self.articles = QListWidget(self)
        self.articles.setObjectName("splitArticles")
        wanted = set(checked)
        for article in articles:
            pieces = (article.date or "", article.title or "", article.snippet)
            text = "　".join(piece for piece in pieces if piece)
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if article.article_id in wanted else Qt.CheckState.Unchecked
            )
            item.setData(Qt.ItemDataRole.UserRole, article.article_id)
            self.articles.addItem(item)
        self.articles.itemChanged.connect(lambda _item: self.update_ok())
        form = QFormLayout()
        form.addRow(self.tr("Name of the new entity:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(plain_label(self.tr("Articles where it is the new entity:"), self))
        layout.addWidget(self.articles, 1)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        self.update_ok()

    def new_name(self) -> str:
        """The name typed (cleaned)."""
        return clean_name(self.name_edit.text())

    def set_checked(self, article_ids: Sequence[int]) -> None:
        """Check exactly these articles."""
        wanted = set(article_ids)
        for row in range(self.articles.count()):
            item = self.articles.item(row)
            state = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if state else Qt.CheckState.Unchecked)

    def article_ids(self) -> list[int]:
        """The ids of the articles checked."""
        return [
            int(item.data(Qt.ItemDataRole.UserRole))
            for row in range(self.articles.count())
            if (item := self.articles.item(row)).checkState() == Qt.CheckState.Checked
        ]

    def valid(self) -> bool:
        """A new name other than the old one, and at least one article."""
        name = self.new_name()
        return bool(name) and name != self.old_name and bool(self.article_ids())


class TagSelectionDialog(_Dialog):
    """Confirms a mention tagged by hand: the kind, and the entity's name (default: the text)."""

    def __init__(self, text: str, kind: str, parent: QWidget | None = None) -> None:
        """Prepare the dialog for a selected text.

        Args:
            text: the selected text.
            kind: the kind chosen in the menu.
            parent: the parent widget.
        """
        super().__init__(self.tr("Tag as entity"), parent)
        self.setObjectName("tagSelectionDialog")
        self.text = text
        shown = plain_label(self.tr("Text: %1").replace("%1", text), self)
        shown.setObjectName("tagSelectionText")
        shown.setWordWrap(True)
        self.kind_combo = QComboBox(self)
        self.kind_combo.setObjectName("tagSelectionKind")
        for value in ENTITY_KINDS:
            self.kind_combo.addItem(kind_label(value), value)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.name_edit = QLineEdit(clean_name(text), self)
        self.name_edit.setObjectName("tagSelectionName")
        self.name_edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_edit.textChanged.connect(lambda _text: self.update_ok())
        hint = plain_label(
            self.tr("The name of the entity it belongs to (another spelling makes it an alias)."),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        form = QFormLayout()
        form.addRow(self.tr("Kind:"), self.kind_combo)
        form.addRow(self.tr("Entity:"), self.name_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(shown)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.update_ok()

    def kind(self) -> str:
        """The kind chosen."""
        return str(self.kind_combo.currentData())

    def name(self) -> str:
        """The entity's name (cleaned)."""
        return clean_name(self.name_edit.text())

    def valid(self) -> bool:
        """A name is given."""
        return bool(self.name())
