"""Paged article listings: filters, SQL sorting, keyset paging, the light issue tree."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from reader.archive import Archive
from reader.listing import (
    ArticleQuery,
    SortKey,
    count_articles,
    fetch_articles,
    find_page_id,
    has_articles,
    issue_tree,
)
from reader.parsing.model import Block, BlockKind, ParsedArticle, ParsedPage
from reader.store import PageMeta, get_or_create_issue, store_page


def store(
    archive: Archive,
    publication: str,
    date: dt.date | None,
    label: str,
    articles: list[ParsedArticle],
) -> int:
    """Store a hand-made parsed page; return the page id."""
    text = "\n".join(article.title for article in articles) + label + str(date) + publication
    with archive.db.write() as session:
        issue = get_or_create_issue(session, PageMeta(publication, date))
        stored = store_page(
            session,
            issue=issue,
            label=label,
            source_name=f"{publication}_{date}_{label}.txt",
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            encoding="utf-8",
            confidence=1.0,
            text=text,
            source_bytes=text.encode(),
            parsed=ParsedPage(articles=articles),
        )
        return stored.page_id


def article(title: str, *authors: str, subtitle: str | None = None) -> ParsedArticle:
    return ParsedArticle(
        title=title,
        subtitle=subtitle,
        authors=list(authors),
        blocks=[Block(BlockKind.PARAGRAPH, f"{title}的正文。")],
    )


@pytest.fixture
def filled(archive: Archive) -> Archive:
    store(
        archive,
        "东湖周报",
        dt.date(2024, 1, 5),
        "A1",
        [article("春耕备耕正当时", "王海"), article("社区食堂开张", "李青")],
    )
    store(archive, "东湖周报", dt.date(2024, 1, 5), "A2", [article("河道清淤百分百", "赵云")])
    store(archive, "东湖周报", dt.date(2024, 1, 12), "A1", [article("冬季长跑开赛")])
    store(
        archive,
        "北岭日报",
        dt.date(2023, 12, 30),
        "01",
        [article("新年献词", subtitle="写在_2024_之前")],
    )
    store(archive, "北岭日报", None, "03", [article("无日期的版面")])
    return archive


def titles(archive: Archive, query: ArticleQuery, limit: int = 200) -> list[str]:
    with archive.db.read() as session:
        return [row.title for row in fetch_articles(session, query, limit=limit).rows]


def all_titles_paged(archive: Archive, query: ArticleQuery, limit: int) -> list[str]:
    out: list[str] = []
    cursor = None
    with archive.db.read() as session:
        while True:
            batch = fetch_articles(session, query, after=cursor, limit=limit)
            assert len(batch.rows) <= limit
            out.extend(row.title for row in batch.rows)
            if batch.cursor is None:
                return out
            cursor = batch.cursor


def test_archive_order_is_publication_date_page_position(filled: Archive) -> None:
    assert titles(filled, ArticleQuery()) == [
        "春耕备耕正当时",
        "社区食堂开张",
        "河道清淤百分百",
        "冬季长跑开赛",
        "新年献词",
        "无日期的版面",
    ]


def test_rows_carry_plain_data(filled: Archive) -> None:
    with filled.db.read() as session:
        row = fetch_articles(session, ArticleQuery(text="河道")).rows[0]
    assert row.authors == ("赵云",)
    assert row.publication == "东湖周报"
    assert row.date == "2024-01-05"
    assert row.pages == ("A2",)


@pytest.mark.parametrize("descending", [False, True])
def test_keyset_pages_join_into_the_whole_list(filled: Archive, descending: bool) -> None:
    for sort in SortKey:
        query = ArticleQuery(sort=sort, descending=descending)
        whole = titles(filled, query)
        assert len(whole) == 6
        for limit in (1, 2, 4, 6):
            assert all_titles_paged(filled, query, limit) == whole, (sort, limit)


def test_sorting_happens_in_sql(filled: Archive) -> None:
    by_title = titles(filled, ArticleQuery(sort=SortKey.TITLE))
    assert by_title == sorted(by_title)
    by_date = titles(filled, ArticleQuery(sort=SortKey.DATE, descending=True))
    assert by_date[0] == "冬季长跑开赛"
    assert by_date[-1] == "无日期的版面"  # no date sorts first, so last when descending
    by_author = titles(filled, ArticleQuery(sort=SortKey.AUTHORS))
    assert by_author[-3:] == ["社区食堂开张", "春耕备耕正当时", "河道清淤百分百"]  # 李 王 赵


def test_filters_narrow_the_list(filled: Archive) -> None:
    with filled.db.read() as session:
        tree = issue_tree(session)
    weekly = next(p for p in tree if p.name == "东湖周报")
    first_issue = weekly.issues[0]
    page_a2 = first_issue.pages[1]
    assert titles(filled, ArticleQuery(publication_id=weekly.id))[-1] == "冬季长跑开赛"
    assert titles(filled, ArticleQuery(issue_id=first_issue.id)) == [
        "春耕备耕正当时",
        "社区食堂开张",
        "河道清淤百分百",
    ]
    assert titles(filled, ArticleQuery(page_id=page_a2.id)) == ["河道清淤百分百"]
    january = ArticleQuery(date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 1, 10))
    assert len(titles(filled, january)) == 3
    with filled.db.read() as session:
        assert count_articles(session, ArticleQuery(issue_id=first_issue.id)) == 3
        assert count_articles(session, ArticleQuery()) == 6


def test_text_filter_matches_titles_subtitles_and_authors(filled: Archive) -> None:
    assert titles(filled, ArticleQuery(text="食堂")) == ["社区食堂开张"]
    assert titles(filled, ArticleQuery(text="李青")) == ["社区食堂开张"]  # authors are JSON
    assert titles(filled, ArticleQuery(text="_2024_")) == ["新年献词"]
    assert titles(filled, ArticleQuery(text="%")) == []  # LIKE wildcards are literal
    assert titles(filled, ArticleQuery(text="  ")) == titles(filled, ArticleQuery())
    with filled.db.read() as session:
        assert count_articles(session, ArticleQuery(text="李青")) == 1


def test_article_ids_restrict_the_list(filled: Archive) -> None:
    with filled.db.read() as session:
        ids = [row.id for row in fetch_articles(session, ArticleQuery()).rows]
    assert titles(filled, ArticleQuery(article_ids=(ids[4], ids[0]))) == [
        "春耕备耕正当时",
        "新年献词",
    ]


def test_a_foreign_cursor_is_refused(filled: Archive) -> None:
    with filled.db.read() as session, pytest.raises(ValueError):
        fetch_articles(session, ArticleQuery(sort=SortKey.TITLE), after=(1,))


def test_issue_tree_counts_articles_without_page_text(filled: Archive) -> None:
    with filled.db.read() as session:
        tree = issue_tree(session)
        assert has_articles(session)
    assert [p.name for p in tree] == ["东湖周报", "北岭日报"]
    weekly = tree[0]
    assert weekly.articles == 4
    assert [(i.date, i.articles) for i in weekly.issues] == [
        (dt.date(2024, 1, 5), 3),
        (dt.date(2024, 1, 12), 1),
    ]
    assert [(p.label, p.articles) for p in weekly.issues[0].pages] == [("A1", 2), ("A2", 1)]
    assert tree[1].issues[-1].unsorted
    with filled.db.read() as session:
        assert find_page_id(session, weekly.issues[0].id, "A2") == weekly.issues[0].pages[1].id
        assert find_page_id(session, weekly.issues[0].id, "A9") is None


def test_an_empty_archive(archive: Archive) -> None:
    with archive.db.read() as session:
        assert not has_articles(session)
        assert issue_tree(session) == []
        assert fetch_articles(session, ArticleQuery()).rows == []


def test_scrolling_uses_the_kept_order_and_sees_changes(
    filled: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.archive import bump_change_counter
    from reader.listing import ORDER_CACHE, OrderCache

    for sort in SortKey:
        for descending in (False, True):
            query = ArticleQuery(sort=sort, descending=descending)
            kept = all_titles_paged(filled, query, 2)
            with monkeypatch.context() as patch:  # keyset paging only
                patch.setattr(OrderCache, "after", lambda *_args, **_kw: None)
                assert all_titles_paged(filled, query, 2) == kept, (sort, descending)
    query = ArticleQuery()
    before = all_titles_paged(filled, query, 2)
    store(filled, "东湖周报", dt.date(2024, 1, 5), "A3", [article("新增的一篇")])
    with filled.db.write() as session:
        bump_change_counter(session)  # as every writer of articles does
    after = all_titles_paged(filled, query, 2)
    assert after == [*before[:3], "新增的一篇", *before[3:]]
    ORDER_CACHE.clear()
