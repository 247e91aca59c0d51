"""One entity in detail: kind and counts, aliases, mentions over time, articles, neighbours."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.entities.browse import EntityDetail
from ui.entities.chart import TimelineChart
from ui.entities.kinds import kind_label
from ui.entities.model import CoEntityModel, MentionArticlesModel, Role, group_by_article
from ui.text import plain_label


def _table(parent: QWidget, name: str) -> QTableView:
    table = QTableView(parent)
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.horizontalHeader().setHighlightSections(False)
    return table


class EntityDetailView(QWidget):
    """The details of the entity chosen in the tree (every string shown as plain text).

    Signals:
        entityActivated(name, kind): the user chose a co-occurring entity.
        articleActivated(article_id): the user chose one of the entity's articles.
    """

    entityActivated = Signal(str, str)
    articleActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        """Create an empty detail view."""
        super().__init__(parent)
        self.setObjectName("entityDetail")
        self._detail: EntityDetail | None = None

        self.placeholder = plain_label(self.tr("Choose an entity to see where it is named."), self)
        self.placeholder.setObjectName("entityDetailPlaceholder")
        self.placeholder.setWordWrap(True)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)

        self.name_label = plain_label("", self)
        self.name_label.setObjectName("entityName")
        self.name_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.name_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.name_label.setFont(font)
        self.meta_label = plain_label("", self)
        self.meta_label.setObjectName("entityMeta")
        self.meta_label.setWordWrap(True)
        self.aliases_label = plain_label("", self)
        self.aliases_label.setObjectName("entityAliases")
        self.aliases_label.setWordWrap(True)
        self.aliases_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = TimelineChart(self)
        self.undated_label = plain_label("", self)
        self.undated_label.setObjectName("entityUndated")
        self.undated_label.setEnabled(False)

        self.articles_model = MentionArticlesModel(self)
        self.articles_view = _table(self, "entityArticles")
        self.articles_view.setModel(self.articles_model)
        self.articles_view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        header = self.articles_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        metrics = self.fontMetrics()
        self.articles_view.setColumnWidth(0, metrics.horizontalAdvance("0000-00-00") + 16)
        self.articles_view.setColumnWidth(1, metrics.horizontalAdvance("中" * 12))
        mentions_title = str(self.articles_model.headerData(2, Qt.Orientation.Horizontal))
        widest = max(metrics.horizontalAdvance("0000"), metrics.horizontalAdvance(mentions_title))
        self.articles_view.setColumnWidth(2, widest + 20)
        self.articles_view.clicked.connect(self._on_article)
        self.articles_view.activated.connect(self._on_article)

        self.neighbours_model = CoEntityModel(self)
        self.neighbours_view = _table(self, "entityNeighbours")
        self.neighbours_view.setModel(self.neighbours_model)
        self.neighbours_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.neighbours_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.neighbours_view.clicked.connect(self._on_neighbour)
        self.neighbours_view.activated.connect(self._on_neighbour)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("entityTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.articles_view, "")
        self.tabs.addTab(self.neighbours_view, "")

        self.content = QWidget(self)
        content_layout = QVBoxLayout(self.content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(4)
        content_layout.addWidget(self.name_label)
        content_layout.addWidget(self.meta_label)
        content_layout.addWidget(self.aliases_label)
        content_layout.addWidget(self.chart)
        content_layout.addWidget(self.undated_label)
        content_layout.addWidget(self.tabs, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 4, 2, 2)
        layout.addWidget(self.placeholder, 1)
        layout.addWidget(self.content, 1)
        self.show_detail(None)

    @property
    def detail(self) -> EntityDetail | None:
        """The entity shown."""
        return self._detail

    def show_detail(self, detail: EntityDetail | None) -> None:
        """Show an entity's details (None: the placeholder)."""
        self._detail = detail
        self.placeholder.setVisible(detail is None)
        self.content.setVisible(detail is not None)
        if detail is None:
            self.articles_model.set_rows([])
            self.neighbours_model.set_rows([])
            self.chart.set_timeline([])
            return
        self.name_label.setText(detail.name)
        meta = self.tr("%1 · %2 mention(s) in %3 article(s)")
        meta = (
            meta.replace("%1", kind_label(detail.type))
            .replace("%2", str(detail.mention_count))
            .replace("%3", str(detail.article_count))
        )
        if detail.other_types:
            others = "、".join(kind_label(kind) for kind in detail.other_types)
            meta += " · " + self.tr("also tagged as %1").replace("%1", others)
        self.meta_label.setText(meta)
        self.aliases_label.setText(
            self.tr("Also printed as: %1").replace("%1", "、".join(detail.aliases))
        )
        self.aliases_label.setVisible(bool(detail.aliases))
        self.chart.set_timeline(detail.timeline)
        self.undated_label.setText(self.tr("%n undated mention(s) not shown", "", detail.undated))
        self.undated_label.setVisible(detail.undated > 0)
        articles = group_by_article(detail.mentions)
        self.articles_model.set_rows(articles)
        self.neighbours_model.set_rows(detail.cooccurring)
        listed = len(articles)
        articles_title = self.tr("Articles (%1)").replace("%1", str(detail.article_count))
        if listed < detail.article_count:
            articles_title = (
                self.tr("Articles (first %1 of %2)")
                .replace("%1", str(listed))
                .replace("%2", str(detail.article_count))
            )
        self.tabs.setTabText(0, articles_title)
        self.tabs.setTabText(
            1, self.tr("Named with (%1)").replace("%1", str(len(detail.cooccurring)))
        )

    def selected_article_ids(self) -> list[int]:
        """The ids of the articles selected in the list of the entity's articles."""
        rows = sorted(index.row() for index in self.articles_view.selectionModel().selectedRows())
        return [
            row_data.article_id
            for row in rows
            if (row_data := self.articles_model.row_data(row)) is not None
        ]

    def _on_article(self, index: QModelIndex) -> None:
        article_id = index.data(Role.ArticleId)
        if article_id is not None:
            self.articleActivated.emit(int(article_id))

    def _on_neighbour(self, index: QModelIndex) -> None:
        other = self.neighbours_model.neighbour(index.row())
        if other is not None:
            self.entityActivated.emit(other.name, other.type)
