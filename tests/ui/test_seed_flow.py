"""The window on the real seed page (read from ../shared): the researcher's path end to end."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.archive import Archive
from reader.importer import Importer
from reader.library import list_publications
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from reader.store import PageMeta
from ui.entities.dialogs import RenameDialog
from ui.main_window import MainWindow

SEED_META = PageMeta(
    publication="科学导报·开发区建设周刊", date=dt.date(2023, 11, 24), page_label="D1"
)


@pytest.fixture(scope="module")
def seed_template(
    shared_dir: Path, tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter
) -> Path:
    root = tmp_path_factory.mktemp("seed-window") / "archive"
    with Archive(ArchivePaths(root), write=True) as archive:
        archive.segmenter = segmenter
        report = Importer(archive, overrides=SEED_META).run(
            [shared_dir / "samples" / "seed-page.txt"]
        )
    assert not report.failed
    return root


@pytest.fixture
def archive(
    archive_paths: ArchivePaths, segmenter: Segmenter, seed_template: Path
) -> Iterator[Archive]:
    shutil.copytree(seed_template, archive_paths.root)
    with Archive(archive_paths, write=True) as opened:
        opened.segmenter = segmenter
        yield opened


def test_issue_article_search_entity_correction_and_zoom(window: MainWindow) -> None:
    with window.archive.db.read() as session:
        ((publication,),) = [list_publications(session)]
    (issue,) = publication.issues
    assert window.issues.select_issue(issue.id)
    titles = [window.articles.model.index(row, 0).data() for row in range(5)]
    assert "使命牵引 向光而行" in titles

    article = window.open_article(
        window.articles.model.article_id(titles.index("使命牵引 向光而行"))
    )
    assert article is not None and "一根根桩基" in window.reader.text()

    pane = window.search
    pane.query_edit.setText("晶科能源")
    pane.query_edit.returnPressed.emit()
    hit = pane.model.hit(0)
    assert hit is not None and hit.title == "使命牵引 向光而行"
    window.open_search_hit(hit)
    assert window.reader.article is not None and window.reader.article.id == hit.id

    entities = window.entities.pane
    index = entities.model.index_of("陕晋军", "person")
    assert index.isValid()
    entities.tree.setCurrentIndex(index)
    entities.rename_action.trigger()
    dialog = entities.dialog
    assert isinstance(dialog, RenameDialog)
    dialog.name_edit.setText("陕晋君")
    dialog.accept()
    assert entities.model.index_of("陕晋君", "person").isValid()
    window.entities.controller.undo_action.trigger()
    assert entities.model.index_of("陕晋军", "person").isValid()
    assert not entities.model.index_of("陕晋君", "person").isValid()

    size = window.reader.font_size
    window.zoom_in_action.trigger()
    assert window.reader.font_size > size
