"""Curation dialogs: edit an article's text, choose an article or a page, correct page details."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.listing import PublicationEntry
from ui.curation.model import ArticleChoice, ArticleChoiceModel, ChoiceColumn, ChoiceRole
from ui.text import plain_label, plain_tooltip

if TYPE_CHECKING:
    from reader.curation.edits import ArticleText

HEADING_MARK = "# "
DECK_MARK = "## "
ESCAPE = "\\"
AUTHOR_SEPARATORS = re.compile(r"[、,，;；\n]+")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
TEXT_FIELDS = ("kicker", "title", "subtitle", "authors", "credit", "captions")


def blocks_to_text(blocks: Sequence[tuple[str, str]]) -> str:
    r"""The blocks of a part as editable plain text.

    Blocks are separated by an empty line; a heading starts with ``# ``, the deck of a
    heading with ``## ``; a paragraph that would look like either starts with ``\``.
    """
    chunks: list[str] = []
    for kind, text in blocks:
        if kind == "heading":
            chunks.append(HEADING_MARK + text)
        elif kind == "heading_deck":
            chunks.append(DECK_MARK + text)
        elif text.startswith(("#", ESCAPE)):
            chunks.append(ESCAPE + text)
        else:
            chunks.append(text)
    return "\n\n".join(chunks)


def text_to_blocks(text: str) -> list[tuple[str, str]]:
    """The blocks written in a part's plain text (the inverse of :func:`blocks_to_text`)."""
    blocks: list[tuple[str, str]] = []
    for chunk in PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")):
        chunk = chunk.strip("\n")
        if not chunk.strip():
            continue
        if chunk.startswith(DECK_MARK):
            blocks.append(("heading_deck", chunk[len(DECK_MARK) :]))
        elif chunk.startswith(HEADING_MARK):
            blocks.append(("heading", chunk[len(HEADING_MARK) :]))
        elif chunk.startswith(ESCAPE):
            blocks.append(("paragraph", chunk[len(ESCAPE) :]))
        else:
            blocks.append(("paragraph", chunk))
    return blocks


def authors_text(authors: Sequence[str]) -> str:
    """Authors on one line, split by 、."""
    return "、".join(authors)


def parse_authors(text: str) -> list[str]:
    """The authors typed (split by 、 , ， ; or new lines)."""
    return [name.strip() for name in AUTHOR_SEPARATORS.split(text) if name.strip()]


def parse_captions(text: str) -> list[str]:
    """The captions typed, one per line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def field_text(article: ArticleText, name: str) -> str:
    """The value of a field of an article as the dialog shows it."""
    value = getattr(article, name)
    if name == "authors":
        return authors_text(value or [])
    if name == "captions":
        return "\n".join(value or [])
    return value or ""


class _FieldRow(QWidget):
    """An editor with an "edited" marker and a button putting the original value back."""

    def __init__(self, editor: QLineEdit | QPlainTextEdit, parent: QWidget) -> None:
        super().__init__(parent)
        self.editor = editor
        self.marker = plain_label("", self)
        self.marker.setObjectName("editedMarker")
        font = QFont(self.marker.font())
        font.setItalic(True)
        self.marker.setFont(font)
        self.restore = QToolButton(self)
        self.restore.setObjectName("restoreOriginal")
        self.restore.setText(self.tr("Original"))
        # Hidden or shown, the marker and the button keep their room: the editors line up.
        self.marker.setMinimumWidth(
            self.marker.fontMetrics().horizontalAdvance(self.tr("edited")) + 4
        )
        policy = self.restore.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.restore.setSizePolicy(policy)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(editor, 1)
        row.addWidget(self.marker, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.restore, 0, Qt.AlignmentFlag.AlignTop)


class ArticleEditDialog(QDialog):
    """Edit the headline, deck, kicker, authors, credit, captions and text of an article.

    Everything is plain text (``QLineEdit`` and ``QPlainTextEdit``: markup in the archive
    stays characters). The text of each page is edited in a tab: paragraphs separated by
    an empty line, ``# `` before a heading. A field that differs from the machine's
    original says "edited" and has a button that puts the original back; OK is enabled
    once something changed.
    """

    def __init__(
        self, current: ArticleText, original: ArticleText, parent: QWidget | None = None
    ) -> None:
        """Create the dialog.

        Args:
            current: the article's values now.
            original: the machine's values (as imported).
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("articleEditDialog")
        self.setWindowTitle(self.tr("Edit article"))
        self.article_id = current.article_id
        self._current = current
        self._original = original
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        self._rows: dict[str, _FieldRow] = {}
        self._initial: dict[str, str] = {}
        self._originals: dict[str, str] = {}

        form = QFormLayout()
        labels = {
            "kicker": self.tr("&Kicker:"),
            "title": self.tr("&Headline:"),
            "subtitle": self.tr("&Deck:"),
            "authors": self.tr("&Authors:"),
            "credit": self.tr("C&redit:"),
            "captions": self.tr("&Captions:"),
        }
        for name in TEXT_FIELDS:
            editor: QLineEdit | QPlainTextEdit
            if name == "captions":
                editor = QPlainTextEdit(self)
                editor.setTabChangesFocus(True)
                editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 4 + 12)
                editor.setPlaceholderText(self.tr("One caption per line"))
            else:
                editor = QLineEdit(self)
                if name == "authors":
                    editor.setPlaceholderText(self.tr("Names split by 、"))
            editor.setObjectName(f"edit_{name}")
            self._set_text(editor, field_text(current, name))
            self._initial[name] = self._text(editor)
            self._originals[name] = field_text(original, name)
            self.editors[name] = editor
            row = _FieldRow(editor, self)
            row.restore.clicked.connect(lambda _checked=False, n=name: self.restore_original(n))
            self._rows[name] = row
            label = QLabel(labels[name], self)
            label.setBuddy(editor)
            form.addRow(label, row)
            self._watch(editor)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("partTabs")
        originals = {part.part_id: part for part in original.parts}
        self.part_ids: list[int] = []
        for part in current.parts:
            editor = QPlainTextEdit(self)
            editor.setObjectName(f"edit_part_{part.part_id}")
            editor.setTabChangesFocus(True)
            key = self._part_key(part.part_id)
            self._set_text(editor, blocks_to_text(part.blocks))
            self._initial[key] = self._text(editor)
            machine = originals.get(part.part_id)
            self._originals[key] = (
                blocks_to_text(machine.blocks) if machine is not None else self._initial[key]
            )
            self.editors[key] = editor
            self.part_ids.append(part.part_id)
            self.tabs.addTab(editor, self._tab_title(part.page_label, False))
            self._watch(editor)
        self._labels = {part.part_id: part.page_label for part in current.parts}
        self.restore_text_button = QPushButton(self.tr("Original text of this page"), self)
        self.restore_text_button.setObjectName("restoreOriginalText")
        self.restore_text_button.clicked.connect(self._restore_current_part)
        self.tabs.currentChanged.connect(lambda _index: self._update())

        hint = plain_label(
            self.tr(
                "Paragraphs are separated by an empty line; a heading starts with “# ”, "
                "the deck of a heading with “## ”."
            ),
            self,
        )
        hint.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.restore_text_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)
        layout.addLayout(bottom)
        self.resize(760, 640)
        self._update()

    @staticmethod
    def _part_key(part_id: int) -> str:
        return f"part:{part_id}"

    def _tab_title(self, label: str, edited: bool) -> str:
        title = self.tr("Page %1").replace("%1", label)
        return title + " •" if edited else title

    @staticmethod
    def _text(editor: QLineEdit | QPlainTextEdit) -> str:
        return editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()

    @staticmethod
    def _set_text(editor: QLineEdit | QPlainTextEdit, text: str) -> None:
        if isinstance(editor, QLineEdit):
            editor.setText(text)
        else:
            editor.setPlainText(text)

    def _watch(self, editor: QLineEdit | QPlainTextEdit) -> None:
        editor.textChanged.connect(lambda *_args: self._update())

    def text_of(self, name: str) -> str:
        """The text in a field's editor (``title``… or ``part:<id>``)."""
        return self._text(self.editors[name])

    def set_text(self, name: str, text: str) -> None:
        """Put text in a field's editor (``title``… or ``part:<id>``)."""
        self._set_text(self.editors[name], text)

    def set_part_text(self, part_id: int, text: str) -> None:
        """Put text in the editor of a part."""
        self.set_text(self._part_key(part_id), text)

    def differs_from_original(self, name: str) -> bool:
        """Whether a field's editor differs from the machine's original value."""
        return self.text_of(name) != self._originals[name]

    def restore_original(self, name: str) -> None:
        """Put the machine's original value back in a field's editor."""
        self.set_text(name, self._originals[name])

    def _restore_current_part(self) -> None:
        index = self.tabs.currentIndex()
        if 0 <= index < len(self.part_ids):
            self.restore_original(self._part_key(self.part_ids[index]))

    def _update(self) -> None:
        for name, row in self._rows.items():
            edited = self.differs_from_original(name)
            row.marker.setText(self.tr("edited") if edited else "")
            row.restore.setVisible(edited)
            tip = self._originals[name] or self.tr("(empty)")
            row.marker.setToolTip(plain_tooltip(self.tr("Original: %1").replace("%1", tip)))
            row.restore.setToolTip(row.marker.toolTip())
        for index, part_id in enumerate(self.part_ids):
            key = self._part_key(part_id)
            self.tabs.setTabText(
                index, self._tab_title(self._labels[part_id], self.differs_from_original(key))
            )
        index = self.tabs.currentIndex()
        self.restore_text_button.setEnabled(
            0 <= index < len(self.part_ids)
            and self.differs_from_original(self._part_key(self.part_ids[index]))
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.changed_fields() or self.changed_parts()))

    def changed_fields(self) -> dict[str, Any]:
        """The fields changed in the dialog, as ``edit_article`` takes them."""
        changed: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            text = self.text_of(name)
            if text == self._initial[name]:
                continue
            if name == "authors":
                changed[name] = parse_authors(text)
            elif name == "captions":
                changed[name] = parse_captions(text)
            else:
                changed[name] = text.strip()
        return changed

    def changed_parts(self) -> dict[int, list[tuple[str, str]]]:
        """The parts whose text changed: part id → its (kind, text) blocks."""
        return {
            part_id: text_to_blocks(self.text_of(self._part_key(part_id)))
            for part_id in self.part_ids
            if self.text_of(self._part_key(part_id)) != self._initial[self._part_key(part_id)]
        }


class ArticleChoiceDialog(QDialog):
    """Choose an article (the target of a move, the tail of a join); likely ones come first."""

    def __init__(
        self,
        title: str,
        prompt: str,
        choices: Sequence[ArticleChoice],
        parent: QWidget | None = None,
        *,
        with_place: bool = False,
    ) -> None:
        """Create the dialog.

        Args:
            title: the window title.
            prompt: what to choose (plain text).
            choices: the articles, in order; the first likely one is chosen at first.
            parent: the parent window.
            with_place: ask whether to put the paragraphs at the start or the end.
        """
        super().__init__(parent)
        self.setObjectName("articleChoiceDialog")
        self.setWindowTitle(title)
        self.model = ArticleChoiceModel(choices, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("choiceFilter")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setPlaceholderText(self.tr("Filter by headline or page"))
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView(self)
        self.table.setObjectName("choiceTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ChoiceColumn.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ChoiceColumn.PAGES, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ChoiceColumn.NOTE, QHeaderView.ResizeMode.ResizeToContents)
        self.table.doubleClicked.connect(lambda _index: self._accept_if_chosen())
        self.at_end = QRadioButton(self.tr("At the &end"), self)
        self.at_end.setObjectName("placeAtEnd")
        self.at_end.setChecked(True)
        self.at_start = QRadioButton(self.tr("At the &start"), self)
        self.at_start.setObjectName("placeAtStart")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept_if_chosen)
        self.buttons.rejected.connect(self.reject)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update())

        heading = plain_label(prompt, self)
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        if with_place:
            place = QHBoxLayout()
            place.addWidget(plain_label(self.tr("Put them:"), self))
            place.addWidget(self.at_end)
            place.addWidget(self.at_start)
            place.addStretch(1)
            layout.addLayout(place)
        else:
            self.at_end.hide()
            self.at_start.hide()
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        if choices:
            first = next((row for row, c in enumerate(choices) if c.likely), 0)
            self.table.selectRow(self.proxy.mapFromSource(self.model.index(first, 0)).row())
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.choice() is not None)

    def _accept_if_chosen(self) -> None:
        if self.choice() is not None:
            self.accept()

    def choice(self) -> ArticleChoice | None:
        """The article chosen."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.choice(self.proxy.mapToSource(rows[0]).row())

    def article_id(self) -> int | None:
        """The id of the article chosen."""
        choice = self.choice()
        return choice.id if choice is not None else None

    def place(self) -> Literal["start", "end"]:
        """Where the moved paragraphs go in the target."""
        return "start" if self.at_start.isChecked() else "end"

    def select_article(self, article_id: int) -> bool:
        """Choose an article by id (False when it is not offered or filtered out)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ChoiceRole.ArticleId) == article_id:
                self.table.selectRow(row)
                return True
        return False


def issue_text(publication: str, date: dt.date | None, number: str | None) -> str:
    """An issue as the user knows it ("测试周报 2024-01-05 第12期")."""
    parts = [publication, date.isoformat() if date else "—"]
    if number:
        parts.append(number)
    return " ".join(parts)


class PageChoiceDialog(QDialog):
    """Choose a page: a publication, one of its issues, one of its pages."""

    def __init__(
        self,
        publications: Sequence[PublicationEntry],
        current_page_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """Create the dialog.

        Args:
            publications: the issue tree (``reader.listing.issue_tree``).
            current_page_id: the page chosen at first.
            parent: the parent window.
        """
        super().__init__(parent)
        self.setObjectName("pageChoiceDialog")
        self.setWindowTitle(self.tr("Move article to page"))
        self._publications = list(publications)
        self.publication_combo = QComboBox(self)
        self.publication_combo.setObjectName("choosePublication")
        self.issue_combo = QComboBox(self)
        self.issue_combo.setObjectName("chooseIssue")
        self.page_combo = QComboBox(self)
        self.page_combo.setObjectName("choosePage")
        for publication in self._publications:
            self.publication_combo.addItem(publication.name, publication.id)
        self.publication_combo.currentIndexChanged.connect(self._fill_issues)
        self.issue_combo.currentIndexChanged.connect(self._fill_pages)
        self.page_combo.currentIndexChanged.connect(lambda _index: self._update())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        for text, combo in (
            (self.tr("&Publication:"), self.publication_combo),
            (self.tr("&Issue:"), self.issue_combo),
            (self.tr("P&age:"), self.page_combo),
        ):
            label = QLabel(text, self)
            label.setBuddy(combo)
            form.addRow(label, combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._fill_issues()
        if current_page_id is not None:
            self.select_page(current_page_id)
        self._update()

    def _publication(self) -> PublicationEntry | None:
        index = self.publication_combo.currentIndex()
        return self._publications[index] if 0 <= index < len(self._publications) else None

    def _fill_issues(self) -> None:
        publication = self._publication()
        self.issue_combo.blockSignals(True)
        self.issue_combo.clear()
        for issue in publication.issues if publication is not None else []:
            self.issue_combo.addItem(issue_text("", issue.date, issue.number).strip(), issue.id)
        self.issue_combo.blockSignals(False)
        self._fill_pages()

    def _fill_pages(self) -> None:
        publication = self._publication()
        index = self.issue_combo.currentIndex()
        self.page_combo.blockSignals(True)
        self.page_combo.clear()
        if publication is not None and 0 <= index < len(publication.issues):
            for page in publication.issues[index].pages:
                self.page_combo.addItem(page.label, page.id)
        self.page_combo.blockSignals(False)
        self._update()

    def _update(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            self.page_id() is not None
        )

    def page_id(self) -> int | None:
        """The page chosen."""
        value = self.page_combo.currentData()
        return int(value) if value is not None else None

    def page_text(self) -> str:
        """The page chosen as the user knows it ("测试周报 2024-01-05 A2")."""
        publication = self._publication()
        return " ".join(
            filter(
                None,
                (
                    publication.name if publication else "",
                    self.issue_combo.currentText(),
                    self.page_combo.currentText(),
                ),
            )
        )

    def select_page(self, page_id: int) -> bool:
        """Choose a page by id (False when it is not in the tree)."""
        for p_row, publication in enumerate(self._publications):
            for i_row, issue in enumerate(publication.issues):
                for g_row, page in enumerate(issue.pages):
                    if page.id == page_id:
                        self.publication_combo.setCurrentIndex(p_row)
                        self.issue_combo.setCurrentIndex(i_row)
                        self.page_combo.setCurrentIndex(g_row)
                        return True
        return False


class DetailsDialog(QDialog):
    """Correct the publication, date, issue number (and label) of a page or a whole issue."""

    def __init__(
        self,
        kind: Literal["page", "issue"],
        publication: str,
        date: dt.date | None,
        number: str | None,
        label: str | None,
        publications: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        """Create the dialog with the values now.

        Args:
            kind: ``page`` (with a label) or ``issue``.
            publication: the publication's name.
            date: the issue's date (None: undated).
            number: the issue's number.
            label: the page's label (pages only).
            publications: the names of the archive's publications (offered).
            parent: the parent window.
        """
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("pageDetailsDialog" if kind == "page" else "issueDetailsDialog")
        self.setWindowTitle(
            self.tr("Correct page details") if kind == "page" else self.tr("Correct issue details")
        )
        self._publication = publication
        self._date = date
        self._number = number or ""
        self._label = label or ""
        self.publication_edit = QComboBox(self)
        self.publication_edit.setObjectName("detailsPublication")
        self.publication_edit.setEditable(True)
        self.publication_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        names = list(dict.fromkeys([publication, *publications]))
        self.publication_edit.addItems(names)
        self.publication_edit.setCurrentText(publication)
        self.date_check = QCheckBox(self.tr("&Dated"), self)
        self.date_check.setObjectName("detailsDated")
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("detailsDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(_qdate(date or dt.date.today()))
        self.date_check.setChecked(date is not None)
        self.date_check.setEnabled(date is None)  # a date can be corrected, not removed
        self.date_edit.setEnabled(date is not None)
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        self.number_edit = QLineEdit(self._number, self)
        self.number_edit.setObjectName("detailsNumber")
        self.label_edit = QLineEdit(self._label, self)
        self.label_edit.setObjectName("detailsLabel")
        for signal in (
            self.publication_edit.currentTextChanged,
            self.number_edit.textChanged,
            self.label_edit.textChanged,
        ):
            signal.connect(lambda _text: self._update())
        self.date_edit.dateChanged.connect(lambda _date: self._update())
        self.date_check.toggled.connect(lambda _on: self._update())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        date_row = QHBoxLayout()
        date_row.addWidget(self.date_check)
        date_row.addWidget(self.date_edit, 1)
        form = QFormLayout()
        publication_label = QLabel(self.tr("&Publication:"), self)
        publication_label.setBuddy(self.publication_edit)
        form.addRow(publication_label, self.publication_edit)
        form.addRow(plain_label(self.tr("Date:"), self), date_row)
        number_label = QLabel(self.tr("Issue &number:"), self)
        number_label.setBuddy(self.number_edit)
        form.addRow(number_label, self.number_edit)
        if kind == "page":
            label_label = QLabel(self.tr("Page &label:"), self)
            label_label.setBuddy(self.label_edit)
            form.addRow(label_label, self.label_edit)
        else:
            self.label_edit.hide()
        note = plain_label(
            self.tr("The page and its articles move to the issue of this publication and date.")
            if kind == "page"
            else self.tr("Every page of the issue moves with it."),
            self,
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        valid = bool(self.publication_edit.currentText().strip()) and (
            self.kind != "page" or bool(self.label_edit.text().strip())
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            valid and bool(self.changes())
        )

    def chosen_date(self) -> dt.date | None:
        """The date in the dialog (None: undated)."""
        if not self.date_check.isChecked():
            return None
        value = self.date_edit.date()
        return dt.date(value.year(), value.month(), value.day())

    def changes(self) -> dict[str, Any]:
        """The values changed, as ``edit_page`` / ``edit_issue`` take them."""
        changes: dict[str, Any] = {}
        publication = self.publication_edit.currentText().strip()
        if publication and publication != self._publication:
            changes["publication"] = publication
        date = self.chosen_date()
        if date is not None and date != self._date:
            changes["date"] = date
        number = self.number_edit.text().strip()
        if number != self._number:
            changes["number"] = number
        label = self.label_edit.text().strip()
        if self.kind == "page" and label and label != self._label:
            changes["label"] = label
        return changes


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
