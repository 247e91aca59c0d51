"""Item models of curation: the revisions of the history pane and the articles to choose from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ui.itemmodels import RowsTableModel
from ui.text import plain_tooltip

if TYPE_CHECKING:
    from reader.curation.history import RevisionInfo

Index = QModelIndex | QPersistentModelIndex


def action_label(action: str) -> str:
    """The name of a revision's action (``split``, ``merge``…) in the window's language."""
    labels = {
        "split": QCoreApplication.translate("CurationLabels", "Split"),
        "merge": QCoreApplication.translate("CurationLabels", "Merge"),
        "move_blocks": QCoreApplication.translate("CurationLabels", "Move paragraphs"),
        "join": QCoreApplication.translate("CurationLabels", "Join continuation"),
        "unjoin": QCoreApplication.translate("CurationLabels", "Unjoin"),
        "move_article": QCoreApplication.translate("CurationLabels", "Move article"),
        "edit_article": QCoreApplication.translate("CurationLabels", "Edit article"),
        "edit_page": QCoreApplication.translate("CurationLabels", "Correct page"),
        "edit_issue": QCoreApplication.translate("CurationLabels", "Correct issue"),
        "revert": QCoreApplication.translate("CurationLabels", "Revert"),
    }
    return labels.get(action, action)


def field_label(name: str) -> str:
    """The name of a field of a diff (``title``, ``body``…) in the window's language."""
    labels = {
        "title": QCoreApplication.translate("CurationLabels", "Headline"),
        "subtitle": QCoreApplication.translate("CurationLabels", "Deck"),
        "kicker": QCoreApplication.translate("CurationLabels", "Kicker"),
        "authors": QCoreApplication.translate("CurationLabels", "Authors"),
        "credit": QCoreApplication.translate("CurationLabels", "Credit"),
        "captions": QCoreApplication.translate("CurationLabels", "Captions"),
        "body": QCoreApplication.translate("CurationLabels", "Text"),
        "page": QCoreApplication.translate("CurationLabels", "Page"),
        "issue": QCoreApplication.translate("CurationLabels", "Issue"),
    }
    return labels.get(name, name)


def local_time(at: str) -> str:
    """A stored UTC time (ISO, naive) as local time to the minute ("2024-01-05 14:03")."""
    try:
        moment = dt.datetime.fromisoformat(at)
    except ValueError:
        return at
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class RevisionRole(IntEnum):
    """Data roles of the revision table."""

    RevisionId = Qt.ItemDataRole.UserRole + 1
    Action = Qt.ItemDataRole.UserRole + 2
    ArticleIds = Qt.ItemDataRole.UserRole + 3
    PageIds = Qt.ItemDataRole.UserRole + 4
    Reverted = Qt.ItemDataRole.UserRole + 5
    Revision = Qt.ItemDataRole.UserRole + 6


class RevisionColumn(IntEnum):
    """Columns of the revision table."""

    WHEN = 0
    ACTION = 1
    SUMMARY = 2
    STATE = 3


class RevisionTableModel(RowsTableModel["RevisionInfo"]):
    """The revisions of the archive, newest first (plain ``RevisionInfo`` data), one per row.

    Summaries come from the archive and are shown as plain text (item views never
    interpret markup; tooltips are escaped). A revision that was reverted is greyed and
    says by which revision.
    """

    columns = len(RevisionColumn)
    roles = RevisionRole

    set_revisions = RowsTableModel.set_rows
    revision = RowsTableModel.row_item

    def row_of(self, revision_id: int) -> int | None:
        """The row of a revision, if listed."""
        return next((row for row, info in enumerate(self._rows) if info.id == revision_id), None)

    def _titles(self) -> list[str]:
        return [self.tr("When"), self.tr("Action"), self.tr("What"), self.tr("State")]

    def state_text(self, info: RevisionInfo) -> str:
        """What the State column says of a revision."""
        if info.reverted_by is not None:
            return self.tr("reverted by #%1").replace("%1", str(info.reverted_by))
        if info.revert_of is not None:
            return self.tr("reverts #%1").replace("%1", str(info.revert_of))
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        info = self._item(index)
        if info is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == RevisionColumn.WHEN:
                return local_time(info.at)
            if column == RevisionColumn.ACTION:
                return action_label(info.action)
            if column == RevisionColumn.SUMMARY:
                return " ".join(info.summary.split())
            if column == RevisionColumn.STATE:
                return self.state_text(info)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [
                f"#{info.id}  {local_time(info.at)}  {info.actor}",
                f"{action_label(info.action)}: {info.summary}",
            ]
            state = self.state_text(info)
            if state:
                lines.append(state)
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.ForegroundRole and info.reverted_by is not None:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if (
            role == Qt.ItemDataRole.FontRole
            and info.reverted_by is not None
            and column == RevisionColumn.SUMMARY
        ):
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == RevisionRole.RevisionId:
            return info.id
        if role == RevisionRole.Action:
            return info.action
        if role == RevisionRole.ArticleIds:
            return list(info.article_ids)
        if role == RevisionRole.PageIds:
            return list(info.page_ids)
        if role == RevisionRole.Reverted:
            return info.reverted_by is not None
        if role == RevisionRole.Revision:
            return info
        return None


@dataclass(frozen=True, slots=True)
class ArticleChoice:
    """An article offered as the target of a move or a join.

    Attributes:
        id: the article's id.
        title: its headline ("" when it has none).
        pages: the labels of its pages.
        note: what makes it a likely choice ("continued from A1"), translated, or "".
        likely: listed first and chosen at first.
    """

    id: int
    title: str
    pages: tuple[str, ...]
    note: str = ""
    likely: bool = False


class ChoiceRole(IntEnum):
    """Data roles of the article choices."""

    ArticleId = Qt.ItemDataRole.UserRole + 1
    Likely = Qt.ItemDataRole.UserRole + 2


class ChoiceColumn(IntEnum):
    """Columns of the article choices."""

    TITLE = 0
    PAGES = 1
    NOTE = 2


class ArticleChoiceModel(RowsTableModel[ArticleChoice]):
    """Articles to choose from (the target of a move, the tail of a join), likely ones bold."""

    columns = len(ChoiceColumn)
    roles = ChoiceRole

    def __init__(
        self, choices: Sequence[ArticleChoice] = (), parent: QObject | None = None
    ) -> None:
        """Create the model.

        Args:
            choices: the articles, in the order shown.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self._rows = list(choices)

    set_choices = RowsTableModel.set_rows
    choice = RowsTableModel.row_item

    def _titles(self) -> list[str]:
        return [self.tr("Headline"), self.tr("Pages"), self.tr("Note")]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a cell for a role."""
        choice = self._item(index)
        if choice is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == ChoiceColumn.TITLE:
                return " ".join(choice.title.split()) or self.tr("(untitled)")
            if column == ChoiceColumn.PAGES:
                return "、".join(choice.pages)
            if column == ChoiceColumn.NOTE:
                return choice.note
            return None
        if role == Qt.ItemDataRole.ToolTipRole and column == ChoiceColumn.TITLE:
            return plain_tooltip(choice.title) if choice.title else None
        if role == Qt.ItemDataRole.FontRole and choice.likely:
            font = QFont()
            font.setBold(True)
            return font
        if role == ChoiceRole.ArticleId:
            return choice.id
        if role == ChoiceRole.Likely:
            return choice.likely
        return None
