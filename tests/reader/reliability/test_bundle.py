"""The portable bundle: export → import into an empty archive gives back the same archive."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.models import (
    Annotation,
    Article,
    ArticleTag,
    AuditEntry,
    Bookmark,
    Collection,
    CollectionItem,
    Entity,
    EntityRule,
    Mention,
    Page,
    PageImage,
    SavedSearch,
    Tag,
)
from reader.archive import Archive
from reader.bundle import MANIFEST, export_archive, import_archive, verify_bundle
from reader.entities import corrections
from reader.errors import InputError
from reader.importer import Importer
from reader.library import list_articles
from reader.paths import ArchivePaths
from reader.segment import Segmenter
from tests.fixtures.entity_pages import write_entity_pages
from tests.fixtures.pages import write_issue
from tests.reader.reliability.conftest import CliRunner

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _article(session: Any, title: str) -> int:
    article_id = session.scalar(select(Article.id).where(Article.title == title))
    assert article_id is not None, title
    return article_id


def _body_offsets(archive: Archive, article_id: int, word: str) -> tuple[int, int]:
    from reader.library import get_article

    with archive.db.read() as session:
        body = "\n".join(block.text for block in get_article(session, article_id).blocks)
    start = body.index(word)
    return start, start + len(word)


def make_users_data(archive: Archive) -> None:
    """Everything a researcher makes: corrections, notes, tags, collections, searches."""
    with archive.db.read() as session:
        library = _article(session, "青石集团捐建图书馆")
        market = _article(session, "安平县茶叶市场开工")
        old_street = _article(session, "古镇老街焕新颜")
    corrections.split(archive, "王建国", [library], "王建国（青石集团）", type="person")
    corrections.rename(archive, "李秀英", "李秀英（教育厅）", type="person")
    start, end = _body_offsets(archive, market, "茶叶市场")
    corrections.add_mention(archive, market, "body", start, end, "organization")
    deleted = corrections.delete_entity(archive, "东山乡", type="place")
    corrections.undo(archive, deleted.rule_id)
    with archive.db.write() as session:
        tea = Tag(path="产业/茶叶")
        people = Tag(path="人物")
        session.add_all([tea, people])
        topic = Collection(name="专题", position=0)
        session.add(topic)
        session.flush()
        child = Collection(name="茶产业", parent_id=topic.id, position=1)
        session.add(child)
        session.flush()
        session.add_all(
            [
                ArticleTag(
                    tag_id=tea.id, article_id=market, context={"title": "安平县茶叶市场开工"}
                ),
                ArticleTag(tag_id=people.id, article_id=library, context={}),
                CollectionItem(collection_id=child.id, article_id=market, position=0),
                CollectionItem(collection_id=topic.id, article_id=old_street, position=3),
                Bookmark(article_id=old_street, context={"title": "古镇老街焕新颜"}),
                Annotation(
                    article_id=old_street,
                    field="body",
                    start=5,
                    end=9,
                    quote="老街上的",
                    prefix="清晨，青石",
                    suffix="木门",
                    color="green",
                    note="<b>注意</b>：修缮前后对比",
                    context={"title": "古镇老街焕新颜"},
                ),
                Annotation(
                    article_id=None,
                    quote="已删除文章里的一句话",
                    status="orphaned",
                    context={"title": "一篇已不在档案里的文章", "pages": ["A9"]},
                ),
                SavedSearch(name="茶叶新闻", query="茶叶 OR 采茶"),
            ]
        )
        page = session.scalar(select(Page).order_by(Page.id))
        assert page is not None
        session.add(
            PageImage(
                page_id=page.id,
                seq=0,
                file_name="a1.png",
                media_type="image/png",
                sha256="x",
                width=16,
                height=16,
                data=PNG,
            )
        )


def snapshot(archive: Archive) -> dict[str, Any]:
    """The archive as users see it, with article ids replaced by headline and pages."""
    with archive.db.read() as session:
        names = {
            article.id: (article.title, tuple(article.pages)) for article in list_articles(session)
        }

        def rows(model: Any) -> list[dict[str, Any]]:
            result = []
            for row in session.scalars(select(model).order_by(model.id)):
                data = {c.key: getattr(row, c.key) for c in model.__table__.columns}
                if "article_id" in data:
                    data["article_id"] = names.get(data["article_id"])
                result.append(data)
            return result

        rules = rows(EntityRule)
        for rule in rules:
            payload = dict(rule["payload"])
            if "article_id" in payload:
                payload["article_id"] = names.get(payload["article_id"])
            payload.pop("part_id", None)  # a part's id, checked through the mentions
            if "articles" in payload:
                payload["articles"] = [names.get(item) for item in payload["articles"]]
            rule["payload"] = payload
        mentions = sorted(
            (names[m.article_id], name, kind, m.field, m.start, m.end, m.manual, m.rule_id)
            for m, name, kind in session.execute(
                select(Mention, Entity.name, Entity.type).join(Entity)
            )
        )
        pages = sorted(
            (p.label, p.source_name, p.sha256, p.source_format, p.imported_at)
            for p in session.scalars(select(Page))
        )
        images = [(i.file_name, i.data) for i in session.scalars(select(PageImage))]
        return {
            "articles": sorted(names.values()),
            "pages": pages,
            "images": images,
            "mentions": mentions,
            "rules": rules,
            "bookmarks": rows(Bookmark),
            "annotations": rows(Annotation),
            "tags": rows(Tag),
            "article_tags": rows(ArticleTag),
            "collections": rows(Collection),
            "collection_items": rows(CollectionItem),
            "saved_searches": rows(SavedSearch),
            "audit": rows(AuditEntry),
        }


@pytest.fixture(scope="module")
def source_template(tmp_path_factory: pytest.TempPathFactory, segmenter: Segmenter) -> Path:
    """An archive with pages and every kind of users' data, made once per module."""
    root = tmp_path_factory.mktemp("bundle-source")
    with Archive(ArchivePaths(root / "archive"), write=True) as archive:
        archive.segmenter = segmenter
        files = [*write_issue(root / "pages"), *write_entity_pages(root / "pages")]
        assert not Importer(archive).run(files).failed
        make_users_data(archive)
    return root / "archive"


@pytest.fixture
def source(source_template: Path, tmp_path: Path, segmenter: Segmenter) -> Iterator[Archive]:
    shutil.copytree(source_template, tmp_path / "source")
    with Archive(ArchivePaths(tmp_path / "source"), write=True) as archive:
        archive.segmenter = segmenter
        yield archive


def new_archive(tmp_path: Path, segmenter: Segmenter, name: str = "copy") -> Archive:
    archive = Archive(ArchivePaths(tmp_path / name), write=True)
    archive.segmenter = segmenter
    return archive


@pytest.mark.parametrize("kind", ["bundle.zip", "bundle-folder"])
def test_export_then_import_into_an_empty_archive_is_lossless(
    source: Archive, tmp_path: Path, segmenter: Segmenter, kind: str
) -> None:
    before = snapshot(source)
    assert before["mentions"] and len(before["rules"]) == 4 and before["audit"]
    target_path = tmp_path / kind
    seen: list[int] = []
    exported = export_archive(source, target_path, progress=lambda done, _t, _w: seen.append(done))
    assert exported.pages == 5 and exported.images == 1 and seen[-1] == 5
    assert exported.rows["annotations"] == 2 and exported.rows["entity_rules"] == 4
    assert target_path.exists() and not Path(f"{target_path}.partial").exists()
    with new_archive(tmp_path, segmenter) as copy:
        report = import_archive(copy, target_path)
        assert report.ok, report.to_dict()
        assert report.pages == 5 and report.rows["collections"] == 2
        after = snapshot(copy)
        for key in before:
            assert after[key] == before[key], key
        assert copy.search.search("老街").total >= 1  # the index is current


def test_the_bundle_lists_every_member_with_its_checksum(source: Archive, tmp_path: Path) -> None:
    export_archive(source, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as bundle:
        manifest = json.loads(bundle.read(MANIFEST))
        names = set(bundle.namelist())
        users = json.loads(bundle.read("users.json"))
    assert manifest["format"] == "baokan-reader archive bundle" and manifest["version"] == 1
    assert names == set(manifest["files"]) | {MANIFEST}
    assert sum(name.startswith("pages/") for name in names) == 5
    annotation = next(row for row in users["annotations"] if row["article"])
    assert annotation["article"]["title"] == "古镇老街焕新颜"
    assert annotation["article"]["page"] == "A1" and "article_id" not in annotation
    assert verify_bundle(tmp_path / "b.zip")["counts"]["pages"] == 5


def _rewrite_zip(path: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as bundle:
        members = {name: bundle.read(name) for name in bundle.namelist()}
    members.update(change)
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)


def test_a_tampered_bundle_is_refused_before_anything_is_written(
    source: Archive, tmp_path: Path, segmenter: Segmenter
) -> None:
    export_archive(source, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as bundle:
        page = next(name for name in bundle.namelist() if name.startswith("pages/"))
        data = bundle.read(page)
    _rewrite_zip(tmp_path / "b.zip", {page: data.replace("老街".encode(), "新街".encode())})
    with new_archive(tmp_path, segmenter) as copy:
        with pytest.raises(InputError, match=r"does not match its checksum"):
            import_archive(copy, tmp_path / "b.zip")
        with copy.db.read() as session:
            assert session.scalar(select(Page.id)) is None


def test_extra_or_unsafe_members_are_refused(
    source: Archive, tmp_path: Path, segmenter: Segmenter
) -> None:
    export_archive(source, tmp_path / "folder")
    (tmp_path / "folder" / "pages" / "extra.txt").write_text("夹带", encoding="utf-8")
    with pytest.raises(InputError, match="does not list"):
        verify_bundle(tmp_path / "folder")
    export_archive(source, tmp_path / "b.zip")
    with zipfile.ZipFile(tmp_path / "b.zip") as bundle:
        manifest = json.loads(bundle.read(MANIFEST))
    manifest["files"]["../../outside.txt"] = {"sha256": "0" * 64, "size": 1}
    _rewrite_zip(tmp_path / "b.zip", {MANIFEST: json.dumps(manifest).encode()})
    with new_archive(tmp_path, segmenter) as copy, pytest.raises(InputError):
        import_archive(copy, tmp_path / "b.zip")
    assert not (tmp_path / "outside.txt").exists()


def test_only_an_empty_archive_takes_a_bundle(source: Archive, tmp_path: Path) -> None:
    export_archive(source, tmp_path / "b.zip")
    with pytest.raises(InputError, match="not empty"):
        import_archive(source, tmp_path / "b.zip")


def test_export_never_overwrites(source: Archive, tmp_path: Path) -> None:
    (tmp_path / "b.zip").write_bytes(b"mine")
    with pytest.raises(InputError, match="already exists"):
        export_archive(source, tmp_path / "b.zip")
    assert (tmp_path / "b.zip").read_bytes() == b"mine"


def test_a_cancelled_export_leaves_nothing(source: Archive, tmp_path: Path) -> None:
    from reader.errors import CancelledError

    with pytest.raises(CancelledError):
        export_archive(source, tmp_path / "b.zip", cancel=lambda: True)
    assert list(tmp_path.glob("b.zip*")) == []


def test_not_a_bundle_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "x.zip").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="not a bundle"):
        verify_bundle(tmp_path / "x.zip")
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / MANIFEST).write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(InputError, match="not an archive bundle"):
        verify_bundle(tmp_path / "other")


def test_the_cli_exports_and_imports(source: Archive, tmp_path: Path, cli: CliRunner) -> None:
    source.close()
    root = str(source.root)
    status, out, _ = cli("--archive", root, "export-archive", str(tmp_path / "b.zip"), "--json")
    assert status == 0 and json.loads(out)["pages"] == 5
    status, out, _ = cli(
        "--archive", str(tmp_path / "new"), "import-archive", str(tmp_path / "b.zip")
    )
    assert status == 0, out
    assert "imported 5 pages" in out and "annotations: 2" in out
    status, _out, err = cli("--archive", root, "import-archive", str(tmp_path / "b.zip"))
    assert status == 2 and "not empty" in err


def test_pages_of_pdf_zip_and_mets_files_come_back_too(
    archive: Archive, tmp_path: Path, segmenter: Segmenter
) -> None:
    from tests.fixtures.formats import EPAPER_ARTICLE, issue_pdf, write_mets_issue, write_zip

    archive.segmenter = segmenter
    (tmp_path / "in").mkdir()
    pdf = tmp_path / "in" / "issue.pdf"
    pdf.write_bytes(issue_pdf())
    bundle_zip = write_zip(
        tmp_path / "in" / "epaper.zip", {"a01.html": EPAPER_ARTICLE.read_bytes()}
    )
    mets = write_mets_issue(tmp_path / "mets")
    report = Importer(archive).run([pdf, bundle_zip, mets])
    assert not report.failed, report.to_dict()
    with archive.db.write() as session:
        article_id = session.scalar(select(Article.id).order_by(Article.id.desc()))
        session.add(Annotation(article_id=article_id, quote="", note="最后一篇"))
    before = snapshot(archive)
    assert len(before["pages"]) >= 4 and before["images"]
    export_archive(archive, tmp_path / "b.zip")
    with new_archive(tmp_path, segmenter) as copy:
        result = import_archive(copy, tmp_path / "b.zip")
        assert result.ok, result.to_dict()
        after = snapshot(copy)
    for key in before:
        assert after[key] == before[key], key
