"""The quality pane: the archive's quality report as a tree of kinds and findings."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from db.engine import Database
from reader.qc import FindingKind, PublicationSummary, QcStep, QualityReport, quality_report
from ui.panes import Pane
from ui.quality.model import Column, QualityTreeModel
from ui.tasks import TaskHandle, TaskRunner
from ui.text import plain_label, plain_tooltip

logger = logging.getLogger(__name__)

EXPAND_AT_MOST = 50
"""On the first load, kinds with at most this many findings are shown expanded."""

ProgressFn = Callable[[int, int, str], None]
CancelledFn = Callable[[], bool]


def run_quality_report(
    db: Database, progress: ProgressFn, cancelled: CancelledFn, steps: dict[str, str]
) -> QualityReport:
    """Make the report in a session of its own (runs on a worker thread).

    Args:
        db: the archive database.
        progress: the task's progress callback.
        cancelled: the task's cancel check.
        steps: the words shown for each step (:class:`reader.qc.QcStep` values).

    Returns:
        The report.
    """
    with db.read() as session:
        return quality_report(
            session,
            progress=lambda done, total, step: progress(done, total, steps.get(step, "")),
            cancel=cancelled,
        )


class QualityPane(Pane):
    """What looks lost or wrong in the archive, by kind; each finding leads to its place.

    The report is made on the task runner when the pane is shown (again after every
    change of the archive, or with the Check again button); while the pane is hidden,
    changes only mark it out of date, so a hidden pane costs nothing.

    Signals:
        findingActivated(finding): the user double-clicked (or pressed Enter on) a finding.
        loaded(): a report was loaded.
    """

    pane_id = "quality"
    default_area = Qt.DockWidgetArea.RightDockWidgetArea
    findingActivated = Signal(object)
    loaded = Signal()

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        """Create the pane (empty until it is shown or :meth:`run` is called).

        Args:
            db: the archive database.
            runner: the task runner (the report is made off the GUI thread).
            parent: the parent widget.
        """
        super().__init__(parent)
        self.setObjectName("qualityPane")
        self._db = db
        self._runner = runner
        self._stale = True
        self._generation = 0
        self._handle: TaskHandle | None = None
        self._loaded_once = False
        self.report: QualityReport | None = None

        self.model = QualityTreeModel(self)
        self.tree = QTreeView(self)
        self.tree.setObjectName("qualityTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setExpandsOnDoubleClick(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.FINDING, QHeaderView.ResizeMode.Stretch)
        for column in (Column.PUBLICATION, Column.DATE, Column.PAGE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Activation is a double-click (or a single one, where the platform says so) or Enter.
        self.tree.activated.connect(self._on_activated)

        self.summary = plain_label("", self)
        self.summary.setObjectName("qualitySummary")
        self.summary.setWordWrap(True)
        self.refresh_button = QPushButton(self.tr("Check again"), self)
        self.refresh_button.setObjectName("qualityRefresh")
        self.refresh_button.setToolTip(self.tr("Make the quality report again"))
        self.refresh_button.clicked.connect(self.run)

        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)

    def title(self) -> str:
        """The dock title."""
        return self.tr("Quality")

    def refresh(self) -> None:
        """The archive changed: make the report again now if shown, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.run()

    def showEvent(self, event: QShowEvent) -> None:
        """Make the report when the pane is shown out of date."""
        super().showEvent(event)
        if self._stale:
            self.run()

    def _step_words(self) -> dict[str, str]:
        return {
            QcStep.ISSUES: self.tr("issue dates"),
            QcStep.PAGES: self.tr("pages"),
            QcStep.ARTICLES: self.tr("articles"),
            QcStep.CONTINUATIONS: self.tr("continuations"),
        }

    def run(self) -> TaskHandle:
        """Make the report in the background (a report still being made is cancelled).

        Returns:
            The task's handle.
        """
        self._stale = False
        self._generation += 1
        generation = self._generation
        if self._handle is not None and not self._handle.done:
            self._handle.cancel()
        self.summary.setText(self.tr("Checking the archive…"))
        self.refresh_button.setEnabled(False)
        db = self._db
        steps = {str(key): words for key, words in self._step_words().items()}
        handle = self._runner.submit(
            self.tr("Checking the archive"),
            lambda progress, cancelled: run_quality_report(db, progress, cancelled, steps),
            on_finished=lambda report: self._on_loaded(generation, report),
            on_failed=lambda error: self._on_failed(generation, error),
            on_cancelled=lambda: self._on_cancelled(generation),
        )
        if generation == self._generation and not handle.done:
            self._handle = handle
        return handle

    def _on_loaded(self, generation: int, report: QualityReport) -> None:
        if generation != self._generation:
            return
        self._handle = None
        expanded = {
            kind for kind in self.model.kinds() if self.tree.isExpanded(self.model.kind_index(kind))
        }
        self.report = report
        self.model.set_report(report)
        self.tree.setColumnHidden(Column.PUBLICATION, len(report.publications) <= 1)
        for kind in self.model.kinds():
            count = len(report.by_kind()[kind]) if kind in report.by_kind() else 0
            expand = kind in expanded if self._loaded_once else count <= EXPAND_AT_MOST
            self.tree.setExpanded(self.model.kind_index(kind), expand)
        self._loaded_once = True
        self.refresh_button.setEnabled(True)
        self._show_summary(report)
        self.loaded.emit()

    def _show_summary(self, report: QualityReport) -> None:
        count = len(report.findings)
        if count == 0:
            text = self.tr("Nothing to report: no gap and no suspect article found.")
        else:
            text = self.tr("%n finding(s); double-click one to go to its place.", "", count)
        self.summary.setText(text)
        lines = [
            self.tr("%1: %2")
            .replace("%1", publication.name)
            .replace("%2", self.rhythm_text(publication))
            for publication in report.publications
        ]
        self.summary.setToolTip(plain_tooltip("\n".join(lines)) if lines else "")

    def rhythm_text(self, publication: PublicationSummary) -> str:
        """A publication's rhythm in words, in the window's language."""
        step = publication.step_days
        if step is None:
            return self.tr("irregular: no issue is expected")
        if step == 1:
            if len(publication.weekdays) == 7:
                return self.tr("daily")
            return self.tr("daily, %n day(s) a week", "", len(publication.weekdays))
        if step == 7:
            return self.tr("weekly")
        return self.tr("every %n day(s)", "", step)

    def _on_failed(self, generation: int, error: object) -> None:
        if generation != self._generation:
            return
        self._handle = None
        self.refresh_button.setEnabled(True)
        self.summary.setText(self.tr("The report could not be made: %1").replace("%1", str(error)))

    def _on_cancelled(self, generation: int) -> None:
        if generation != self._generation:
            return
        self._handle = None
        self._stale = True
        self.refresh_button.setEnabled(True)
        self.summary.setText(self.tr("The report was cancelled."))

    def _on_activated(self, index: QModelIndex) -> None:
        finding = self.model.finding(index)
        if finding is not None:
            self.findingActivated.emit(finding)

    def kind_count(self, kind: FindingKind) -> int:
        """How many findings of a kind the pane shows."""
        index = self.model.kind_index(kind)
        return self.model.rowCount(index) if index.isValid() else 0
