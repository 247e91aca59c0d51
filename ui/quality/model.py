"""The model of the quality pane: the kinds of findings and their findings, in the UI language."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QStyle

from reader.qc import Finding, FindingKind, QualityReport, Severity
from ui.itemmodels import SELECTABLE, column_title, with_role_names
from ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
_GROUP = 0  # internal id of the kind rows; finding rows carry their kind's row + 1


class Role(IntEnum):
    """Data roles of the quality tree."""

    Kind = Qt.ItemDataRole.UserRole + 1
    IsGroup = Qt.ItemDataRole.UserRole + 2
    Severity = Qt.ItemDataRole.UserRole + 3
    PublicationId = Qt.ItemDataRole.UserRole + 4
    IssueId = Qt.ItemDataRole.UserRole + 5
    PageId = Qt.ItemDataRole.UserRole + 6
    PageLabel = Qt.ItemDataRole.UserRole + 7
    ArticleId = Qt.ItemDataRole.UserRole + 8
    Date = Qt.ItemDataRole.UserRole + 9
    Finding = Qt.ItemDataRole.UserRole + 10
    Count = Qt.ItemDataRole.UserRole + 11


class Column(IntEnum):
    """Columns of the quality tree."""

    FINDING = 0
    PUBLICATION = 1
    DATE = 2
    PAGE = 3


_SEVERITY_ICONS = {
    Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
    Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
    Severity.INFO: QStyle.StandardPixmap.SP_MessageBoxInformation,
}


class QualityTreeModel(QAbstractItemModel):
    """The report's kinds (with their counts) and, under each, its findings.

    Findings are worded here, in the window's language, from their kind and details;
    the report's English messages are for the command line.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        """Create an empty tree (fill it with :meth:`set_report`)."""
        super().__init__(parent)
        self._groups: list[tuple[FindingKind, list[Finding]]] = []
        self._icons: dict[Severity, Any] = {}

    # ----- content

    def set_report(self, report: QualityReport | None) -> None:
        """Show a report (None: nothing)."""
        self.beginResetModel()
        self._groups = list(report.by_kind().items()) if report is not None else []
        self.endResetModel()

    def kinds(self) -> list[FindingKind]:
        """The kinds shown, in order."""
        return [kind for kind, _findings in self._groups]

    def kind_index(self, kind: FindingKind) -> QModelIndex:
        """The row of a kind (invalid when the report has no finding of that kind)."""
        for row, (group_kind, _findings) in enumerate(self._groups):
            if group_kind is kind:
                return self.createIndex(row, 0, _GROUP)
        return QModelIndex()

    def finding_count(self) -> int:
        """How many findings the tree holds."""
        return sum(len(findings) for _kind, findings in self._groups)

    def finding(self, index: Index) -> Finding | None:
        """The finding of a row (None for a kind row)."""
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        group = index.internalId() - 1
        if group >= len(self._groups):
            return None
        findings = self._groups[group][1]
        return findings[index.row()] if index.row() < len(findings) else None

    # ----- words

    def kind_title(self, kind: FindingKind) -> str:
        """The translated title of a kind."""
        titles = {
            FindingKind.MISSING_ISSUE: self.tr("Missing issues"),
            FindingKind.MISSING_PAGE: self.tr("Missing pages"),
            FindingKind.LOW_CONFIDENCE: self.tr("Pages with a doubtful decoding"),
            FindingKind.BROKEN_CONTINUATION: self.tr("Continued on a missing page"),
            FindingKind.UNJOINED_CONTINUATION: self.tr("Continuations not joined"),
            FindingKind.SHORT_ARTICLE: self.tr("Very short articles"),
            FindingKind.LONG_ARTICLE: self.tr("Very long articles"),
            FindingKind.NO_HEADLINE: self.tr("Articles without a headline"),
            FindingKind.SUSPECT_HEADLINE: self.tr("Suspect headlines"),
        }
        return titles[kind]

    def _title(self, finding: Finding) -> str:
        title = str(finding.details.get("title") or "")
        if title:
            return title
        opening = str(finding.details.get("opening") or "")
        return f"{opening}…" if opening else self.tr("(no headline)")

    def finding_text(self, finding: Finding) -> str:
        """A finding in words, in the window's language."""
        details = finding.details
        kind = finding.kind
        if kind is FindingKind.MISSING_ISSUE:
            count = int(details.get("count", 1))
            if count == 1:
                return self.tr("Issue of %1 missing").replace("%1", str(details.get("first")))
            return (
                self.tr("%n issues missing: %1 – %2", "", count)
                .replace("%1", str(details.get("first")))
                .replace("%2", str(details.get("last")))
            )
        if kind is FindingKind.MISSING_PAGE:
            return self.tr("Page %1 missing").replace("%1", finding.page_label or "")
        if kind is FindingKind.LOW_CONFIDENCE:
            return (
                self.tr("Page %1 decoded as %2 with confidence %3: check its text")
                .replace("%1", finding.page_label or "")
                .replace("%2", str(details.get("encoding", "")))
                .replace("%3", f"{float(details.get('confidence', 0.0)):.2f}")
            )
        if kind in (FindingKind.BROKEN_CONTINUATION, FindingKind.UNJOINED_CONTINUATION):
            return self._continuation_text(finding)
        chars = int(details.get("chars", 0))
        if kind is FindingKind.SHORT_ARTICLE:
            text = self.tr("%1: very short (%n characters)", "", chars)
            return text.replace("%1", self._title(finding))
        if kind is FindingKind.LONG_ARTICLE:
            text = self.tr("%1: very long (%n characters)", "", chars)
            return text.replace("%1", self._title(finding))
        if kind is FindingKind.NO_HEADLINE:
            return self.tr("No headline: %1").replace("%1", self._title(finding))
        if details.get("reason") == "ending":
            return self.tr("%1: the headline ends like a sentence").replace(
                "%1", self._title(finding)
            )
        text = self.tr("%1: a headline of %n characters", "", chars)
        return text.replace("%1", self._title(finding))

    def _continuation_text(self, finding: Finding) -> str:
        forward = finding.details.get("direction") == "to"
        if finding.kind is FindingKind.BROKEN_CONTINUATION:
            text = (
                self.tr("%1 continues on page %2, which is not in this issue")
                if forward
                else self.tr("%1 is continued from page %2, which is not in this issue")
            )
        else:
            text = (
                self.tr("%1 continues on page %2, but its other part was not found there")
                if forward
                else self.tr("%1 is continued from page %2, but its first part was not found there")
            )
        return text.replace("%1", self._title(finding)).replace(
            "%2", str(finding.details.get("target", ""))
        )

    def severity_text(self, severity: Severity) -> str:
        """The translated name of a severity."""
        names = {
            Severity.ERROR: self.tr("Error"),
            Severity.WARNING: self.tr("Warning"),
            Severity.INFO: self.tr("To check"),
        }
        return names[severity]

    def _icon(self, severity: Severity) -> Any:
        icon = self._icons.get(severity)
        if icon is None:
            icon = self._icons[severity] = QApplication.style().standardIcon(
                _SEVERITY_ICONS[severity]
            )
        return icon

    # ----- QAbstractItemModel

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        """The index of a row."""
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _GROUP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        """The kind row of a finding (none for a kind row)."""
        if not index.isValid() or index.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Kinds at the top, findings under their kind."""
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _GROUP:
            return 0
        return len(self._groups[parent.row()][1]) if parent.row() < len(self._groups) else 0

    def columnCount(self, _parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Finding, publication, date, page."""
        return len(Column)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Every row can be selected."""
        return SELECTABLE if index.isValid() else Qt.ItemFlag.NoItemFlags

    def _titles(self) -> list[str]:
        return [self.tr("Finding"), self.tr("Publication"), self.tr("Date"), self.tr("Page")]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        return column_title(self._titles, section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The data of a row for a role."""
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            if index.row() >= len(self._groups):
                return None
            kind, findings = self._groups[index.row()]
            return self._group_data(kind, findings, index.column(), role)
        finding = self.finding(index)
        if finding is None:
            return None
        return self._finding_data(finding, index.column(), role)

    def _group_data(
        self, kind: FindingKind, findings: list[Finding], column: int, role: int
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == Column.FINDING:
            return f"{self.kind_title(kind)} ({len(findings)})"
        if role == Qt.ItemDataRole.FontRole and column == Column.FINDING:
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.Kind:
            return str(kind)
        if role == Role.IsGroup:
            return True
        if role == Role.Count:
            return len(findings)
        return None

    def _finding_data(self, finding: Finding, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.FINDING:
                return self.finding_text(finding)
            if column == Column.PUBLICATION:
                return finding.publication
            if column == Column.DATE:
                return finding.date.isoformat() if finding.date else ""
            if column == Column.PAGE:
                return finding.page_label or ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(
                f"{self.severity_text(finding.severity)}: {self.finding_text(finding)}"
            )
        if role == Qt.ItemDataRole.DecorationRole and column == Column.FINDING:
            return self._icon(finding.severity)
        if role < Role.Kind:
            return None
        roles = {
            Role.Kind: str(finding.kind),
            Role.IsGroup: False,
            Role.Severity: str(finding.severity),
            Role.PublicationId: finding.publication_id,
            Role.IssueId: finding.issue_id,
            Role.PageId: finding.page_id,
            Role.PageLabel: finding.page_label,
            Role.ArticleId: finding.article_id,
            Role.Date: finding.date.isoformat() if finding.date else None,
            Role.Finding: finding,
        }
        return roles.get(role)  # type: ignore[call-overload]

    def roleNames(self) -> dict[int, bytes]:
        """Role names (for QML and debugging)."""
        return with_role_names(super().roleNames(), Role)
