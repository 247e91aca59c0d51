"""Editing articles' text and fields: originals kept, every edit undone and redone, data kept."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import Annotation, ArticlePart, Bookmark, Mention, Page, Revision, TextBlock
from reader.archive import Archive
from reader.curation import edits, history
from reader.entities import corrections
from reader.errors import InputError, NotFoundError
from reader.library import get_article
from reader.notes import annotations, bookmarks, tags
from tests.reader.curation.conftest import LIBRARY, OLD_TOWN, TEA

Ids = Callable[[str], int]


def _body(archive: Archive, article_id: int) -> list[str]:
    with archive.db.read() as session:
        return [block.text for block in get_article(session, article_id).blocks]


def _rows(archive: Archive) -> dict[str, Any]:
    """Every part and block row, for comparing states (mentions by place)."""
    with archive.db.read() as session:
        parts = {
            row.id: (row.article_id, row.page_id, row.position, row.title, row.original)
            for row in session.scalars(select(ArticlePart))
        }
        blocks = {
            row.id: (row.part_id, row.seq, row.kind, row.text, row.original)
            for row in session.scalars(select(TextBlock))
        }
        mentions = sorted(
            (row.article_id, row.part_id, row.field, row.start, row.end, row.surface, row.manual)
            for row in session.scalars(select(Mention))
        )
    return {"parts": parts, "blocks": blocks, "mentions": mentions}


def test_editing_the_headline_keeps_the_original_and_reverts_and_redoes(
    issue_archive: Archive, by_title: Ids
) -> None:
    article_id = by_title(TEA)
    state = _rows(issue_archive)
    result = edits.edit_article(issue_archive, article_id, fields={"title": "春茶开采 茶农增收"})
    assert result.action == "edit_article" and result.article_ids == [article_id]
    with issue_archive.db.read() as session:
        assert get_article(session, article_id).title == "春茶开采 茶农增收"
        assert edits.original_text(session, article_id).title == TEA
        part = session.scalars(
            select(ArticlePart).where(ArticlePart.article_id == article_id)
        ).one()
        assert part.original == {"title": TEA}
        assert session.get(Page, part.page_id).corrected is True

    undo = history.revert_revision(issue_archive, result.revision_id)
    assert undo.action == "revert"
    assert _rows(issue_archive) == state
    with issue_archive.db.read() as session:
        assert get_article(session, article_id).title == TEA
        assert not any(page.corrected for page in session.scalars(select(Page)))
        reverted = history.revision_info(session, result.revision_id)
        assert reverted.reverted_by == undo.revision_id and not reverted.effective

    redo = history.revert_revision(issue_archive, undo.revision_id)
    with issue_archive.db.read() as session:
        assert get_article(session, article_id).title == "春茶开采 茶农增收"
        assert history.revision_info(session, result.revision_id).effective
        assert history.revision_info(session, undo.revision_id).reverted_by == redo.revision_id
        assert any(page.corrected for page in session.scalars(select(Page)))


def test_editing_a_paragraph_keeps_the_machine_text_on_first_edit_only(
    issue_archive: Archive, by_title: Ids
) -> None:
    article_id = by_title(LIBRARY)
    with issue_archive.db.read() as session:
        text = edits.article_text(session, article_id)
    (part,) = text.parts
    machine = part.blocks[1][1]
    first = [part.blocks[0], ("paragraph", machine.replace("二十多场", "三十多场"))]
    edits.edit_article(issue_archive, article_id, parts={part.part_id: first})
    second = [part.blocks[0], ("paragraph", machine.replace("二十多场", "四十多场"))]
    edits.edit_article(issue_archive, article_id, parts={part.part_id: second})
    with issue_archive.db.read() as session:
        assert edits.article_text(session, article_id).parts[0].blocks[1][1] == second[1][1]
        assert edits.original_text(session, article_id).parts[0].blocks[1][1] == machine
        originals = list(session.scalars(select(TextBlock.original).where(TextBlock.seq == 1)))
    assert machine in originals


def test_removing_and_joining_paragraphs_keeps_the_machine_text_and_reverts(
    issue_archive: Archive, by_title: Ids
) -> None:
    article_id = by_title(OLD_TOWN)
    state = _rows(issue_archive)
    with issue_archive.db.read() as session:
        text = edits.article_text(session, article_id)
    first, second = text.parts
    joined = [("paragraph", first.blocks[0][1] + first.blocks[1][1]), first.blocks[2]]
    result = edits.edit_article(
        issue_archive, article_id, parts={first.part_id: joined, second.part_id: []}
    )
    with issue_archive.db.read() as session:
        machine = edits.original_text(session, article_id)
    machine_text = "\n".join(text for part in machine.parts for _kind, text in part.blocks)
    for _kind, paragraph in first.blocks + second.blocks:
        assert paragraph in machine_text  # nothing of the machine's text is lost
    assert len(_body(issue_archive, article_id)) == 2
    history.revert_revision(issue_archive, result.revision_id)
    assert _rows(issue_archive) == state


def test_authors_captions_and_credit_are_stored_on_the_first_part(
    issue_archive: Archive, by_title: Ids
) -> None:
    article_id = by_title(LIBRARY)
    edits.edit_article(
        issue_archive,
        article_id,
        fields={"authors": ["陈思远"], "captions": ["读书月开幕式现场"], "credit": ""},
    )
    with issue_archive.db.read() as session:
        detail = get_article(session, article_id)
        assert (detail.authors, detail.captions, detail.credit) == (
            ["陈思远"],
            ["读书月开幕式现场"],
            None,
        )
        machine = edits.original_text(session, article_id)
    assert machine.authors == ["陈思远", "刘敏"] and machine.captions == []
    assert machine.credit.startswith("本报讯")


def test_refused_edits_change_nothing(issue_archive: Archive, by_title: Ids) -> None:
    article_id = by_title(TEA)
    with pytest.raises(InputError, match="nothing to change"):
        edits.edit_article(issue_archive, article_id, fields={"title": TEA})
    with pytest.raises(InputError, match="unknown article field 'headline'"):
        edits.edit_article(issue_archive, article_id, fields={"headline": "x"})
    other_part = _rows(issue_archive)["parts"]
    foreign = next(pid for pid, row in other_part.items() if row[0] != article_id)
    with pytest.raises(InputError, match=f"Part {foreign} is not a part of article"):
        edits.edit_article(issue_archive, article_id, parts={foreign: [("paragraph", "x")]})
    with pytest.raises(NotFoundError, match="No article with id 999"):
        edits.edit_article(issue_archive, 999, fields={"title": "x"})
    with issue_archive.db.read() as session:
        assert session.scalar(select(func.count(Revision.id))) == 0


def test_annotations_follow_an_edited_paragraph_or_are_flagged_never_deleted(
    issue_archive: Archive, by_title: Ids
) -> None:
    article_id = by_title(TEA)
    kept = annotations.create_annotation(issue_archive, article_id, quote="八千亩", note="面积")
    gone = annotations.create_annotation(
        issue_archive, article_id, quote="抢抓晴好天气", note="天气"
    )
    bookmarks.add_bookmark(issue_archive, article_id)
    tags.tag_articles(issue_archive, [article_id], "农业/茶叶")
    with issue_archive.db.read() as session:
        (part,) = edits.article_text(session, article_id).parts
    new = [
        ("paragraph", "连日来，青石县东山乡的茶园里一派繁忙景象，茶农们采摘春茶。"),
        ("paragraph", "今年东山乡" + part.blocks[1][1].removeprefix("东山乡")),
    ]
    result = edits.edit_article(issue_archive, article_id, parts={part.part_id: new})
    assert result.reanchored.orphaned == 1 and "no longer found" in result.message
    with issue_archive.db.read() as session:
        rows = {
            row.id: (row.status, row.article_id, row.start, row.end)
            for row in session.scalars(select(Annotation))
        }
        body = get_article(session, article_id).body
        assert session.scalar(select(Bookmark.article_id)) == article_id
        assert tags.tags_of_article(session, article_id) == ["农业/茶叶"]
    assert rows[kept.id][0] != "orphaned"
    assert body[rows[kept.id][2] : rows[kept.id][3]] == "八千亩"
    assert rows[gone.id][:2] == ("orphaned", article_id)

    history.revert_revision(issue_archive, result.revision_id)
    with issue_archive.db.read() as session:
        status = session.scalar(select(Annotation.status).where(Annotation.id == gone.id))
    assert status in ("anchored", "moved")


def test_a_hand_added_mention_is_re_anchored_after_an_edit(
    issue_archive: Archive, by_title: Ids
) -> None:
    article_id = by_title(TEA)
    with issue_archive.db.read() as session:
        body = get_article(session, article_id).body
    start = body.index("东山乡")
    corrections.add_mention(issue_archive, article_id, "body", start, start + 3, "place")
    with issue_archive.db.read() as session:
        (part,) = edits.article_text(session, article_id).parts
    edits.edit_article(
        issue_archive,
        article_id,
        parts={part.part_id: [("paragraph", "据悉，" + part.blocks[0][1]), part.blocks[1]]},
    )
    with issue_archive.db.read() as session:
        manual = session.execute(
            select(Mention.start, Mention.end).where(Mention.manual.is_(True))
        ).one()
        body = get_article(session, article_id).body
    assert tuple(manual) == (start + 3, start + 6)  # part offsets: one part, body offsets
    assert body[manual[0] : manual[1]] == "东山乡"


def test_a_revert_is_refused_after_a_later_overlapping_revision(
    issue_archive: Archive, by_title: Ids
) -> None:
    article_id = by_title(TEA)
    first = edits.edit_article(issue_archive, article_id, fields={"title": "春茶开采"})
    second = edits.edit_article(issue_archive, article_id, fields={"subtitle": "东山乡见闻"})
    other = edits.edit_article(issue_archive, by_title(LIBRARY), fields={"title": "读书月开幕"})
    with pytest.raises(InputError, match=rf"changed since by revision {second.revision_id}"):
        history.revert_revision(issue_archive, first.revision_id)
    history.revert_revision(issue_archive, other.revision_id)  # another article: fine
    history.revert_revision(issue_archive, second.revision_id)
    history.revert_revision(issue_archive, first.revision_id)
    with pytest.raises(InputError, match="already reverted"):
        history.revert_revision(issue_archive, first.revision_id)
    with issue_archive.db.read() as session:
        assert get_article(session, article_id).title == TEA
        assert get_article(session, article_id).subtitle is None


def test_history_lists_and_diffs_revisions(issue_archive: Archive, by_title: Ids) -> None:
    article_id = by_title(LIBRARY)
    result = edits.edit_article(issue_archive, article_id, fields={"title": "县图书馆读书月开幕"})
    edits.edit_article(issue_archive, by_title(TEA), fields={"title": "春茶开采"})
    with issue_archive.db.read() as session:
        all_revisions = history.list_revisions(session)
        mine = history.list_revisions(session, article_id=article_id)
        diffs = history.revision_diff(session, result.revision_id)
    assert [info.id for info in all_revisions][::-1] == sorted(info.id for info in all_revisions)
    assert [info.id for info in mine] == [result.revision_id]
    assert [(diff.article_id, diff.label) for diff in diffs] == [(article_id, "title")]
    ops = diffs[0].ops()
    assert ops[0] == ("equal", "县图书馆", "县图书馆")
    assert {tag for tag, _before, _after in ops} <= {"equal", "insert", "delete", "replace"}
    assert "".join(before for _tag, before, _after in ops) == LIBRARY
    assert "".join(after for _tag, _before, after in ops) == "县图书馆读书月开幕"


def test_a_revision_names_who_made_it(
    issue_archive: Archive, by_title: Callable[[str], int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(history.getpass, "getuser", lambda: "archivist-li")
    result = edits.edit_article(issue_archive, by_title(TEA), fields={"title": "春茶开采"})
    undo = history.revert_revision(issue_archive, result.revision_id)
    with issue_archive.db.read() as session:
        assert history.revision_info(session, result.revision_id).actor == "archivist-li"
        assert history.revision_info(session, undo.revision_id).actor == "archivist-li"
