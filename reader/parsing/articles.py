"""Forming articles from the classified units of a page: heads, sections, bodies, credits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.parsing.classify import (
    HEAD_KINDS,
    Item,
    Kind,
    is_enumerated,
    is_numbered,
)
from reader.parsing.credits import (
    find_markers,
    read_trailing_credit,
    split_credit_opener,
    split_deck_dashes,
    split_trailing_credit,
    trailing_annotation,
)
from reader.parsing.lines import display_width, ends_closed, strip_closers
from reader.parsing.masthead import MastheadLine, read_masthead_line
from reader.parsing.model import Block, BlockKind, ParsedArticle, ParsedPage
from reader.parsing.names import parse_byline
from reader.parsing.script import to_simplified

# A kicker (引题) above the headline typically ends with a verb of saying or a time clause.
_KICKER_END = re.compile(r"(?:指出|强调|表示|要求|认为|提出|希望|说|时|之际|前夕|期间|[：:])$")
_PICTURE = re.compile(r"图片|摄影|照片|图说|新闻图")
# Usual openings of a news lead: a time expression or a "according to".
_LEAD_START = re.compile(
    r"^(?:近日|日前|最近|目前|今年|去年|明年|近年|近来|本月|上月|今天|昨天|昨日|今日|前不久|"
    r"不久前|新年|元旦|春节|岁末|年初|年底|截至|据(?:统计|了解|悉|介绍|报道)|"
    r"[0-9０-９一二三四五六七八九十]{1,2}月|[0-9０-９]{4}年|[一二三四五六七八九〇]{4}年)"
)

# Weights of the evidence that a run of heading-like lines met inside an article opens a new
# article rather than a section of the current one; a positive sum means a new article.
# Fitted by logistic regression on PFR days 01-10 (bench/fit_head_weights.py) and rounded to
# halves; "open_prev" is a prior (PFR has no column breaks to learn it from).
HEAD_WEIGHTS: dict[str, float] = {
    "bias": 0.0,
    "ended": 2.0,  # the article ended: trailing credit, 下转 marker
    "credit_next": 2.5,  # the next paragraph opens with 本报讯… or （上接…）
    "byline": 1.5,  # a byline under the first line
    "picture": 2.0,  # a caption follows, or the line names a picture
    "note": 0.5,  # （附图片１张） and other headline notes
    "multi": 1.0,  # two lines or more (headline with subtitle, kicker…)
    "art_credit": 1.0,  # the current article is a news item (it had a credit)
    "art_long": 1.0,  # the current article already has eight paragraphs or more
    "caption_prev": 0.5,
    "lead_next": 0.5,  # the next paragraph opens like a news lead (日前, 1月5日…)
    "long_first": 0.5,  # the first line is 14 cells or wider
    "open_prev": -2.0,  # the paragraph before ends mid-sentence
    "enum": -1.5,  # numbered or bulleted: 一、, （二）, ●
    "punct_first": -1.5,  # a comma or colon in the first line
    "art_sections": -1.0,  # the current article already has section headings
    "art_feature": -0.5,  # the current article has a byline and no credit
    "short": -0.5,  # four cells or fewer
    "deck": -0.5,
    "no_body_next": -0.5,  # no running text follows
    "art_untitled": 0.0,
    "prev_short": 0.0,
}


@dataclass(slots=True)
class State:
    """The article being filled while walking down the page."""

    article: ParsedArticle | None = None
    has_body: bool = False
    ended: bool = False
    pending_captions: list[str] = field(default_factory=list)


def opens_with_back_marker(text: str) -> bool:
    """Tell whether a paragraph opens with （上接…）."""
    markers = find_markers(text[:30])
    return bool(markers) and not markers[0].forward and markers[0].start <= 1


def head_features(run: list[Item], previous: Item | None, following: Item | None,
                  state: State) -> dict[str, float]:
    """The evidence about a run of heading-like lines met inside an article.

    Args:
        run: the heading-like items.
        previous: the item before the run.
        following: the item after the run.
        state: the article being read.

    Returns:
        Feature values (0 or 1) by name, as weighted by :data:`HEAD_WEIGHTS`.
    """
    first = run[0]
    article = state.article
    first_width = display_width(first.text)
    has_byline = any(item.kind is Kind.BYLINE for item in run[1:]) or any(
        item.kind is Kind.BYLINE and parse_byline(item.text, require_role=True) is not None
        for item in run
    )
    notes = any(trailing_annotation(item.text) for item in run if item.kind is Kind.HEAD) or any(
        item.kind is Kind.NOTE for item in run
    )
    picture = following is not None and (
        following.kind is Kind.CAPTION or _PICTURE.search(to_simplified(first.text)) is not None
    )
    body_next = following is not None and following.kind in (Kind.BODY, Kind.CREDIT, Kind.CAPTION)
    credit_next = following is not None and (
        following.kind is Kind.CREDIT
        or (following.kind in (Kind.MARKER, Kind.BODY) and opens_with_back_marker(following.text))
    )
    return {
        "bias": 1.0,
        "ended": float(state.ended),
        "credit_next": float(credit_next),
        "byline": float(has_byline),
        "note": float(notes),
        "picture": float(picture),
        "caption_prev": float(previous is not None and previous.kind is Kind.CAPTION),
        "open_prev": float(
            previous is not None and previous.kind in (Kind.BODY, Kind.CREDIT)
            and not ends_closed(previous.text)
        ),
        "enum": float(is_enumerated(first.text)),
        "no_body_next": float(not body_next),
        "art_credit": float(bool(article and article.credit)),
        "art_sections": float(bool(article and article.section_headings)),
        "art_feature": float(bool(article and article.byline and not article.credit)),
        "short": float(first_width <= 4),
        "long_first": float(first_width >= 14),
        "multi": float(len(run) >= 2),
        "deck": float(any(item.kind is Kind.DECK for item in run)),
        "punct_first": float(any(mark in first.text for mark in "，、：:")),
        "art_untitled": float(bool(article and not article.title)),
        "prev_short": float(previous is not None and previous.kind is Kind.BODY
                            and display_width(previous.text) < 40),
        "lead_next": float(following is not None and following.kind is Kind.BODY
                           and _LEAD_START.match(to_simplified(following.text[:8])) is not None),
        "art_long": float(bool(article and len(article.paragraphs) >= 8)),
    }


def head_score(run: list[Item], previous: Item | None, following: Item | None,
               state: State) -> float:
    """Evidence that a run of heading-like lines opens a new article (> 0) or not (≤ 0)."""
    if state.article is None:
        return 10.0
    features = head_features(run, previous, following, state)
    return sum(HEAD_WEIGHTS.get(name, 0.0) * value for name, value in features.items())


def group_runs(items: list[Item]) -> list[list[Item]]:
    """Group the items: consecutive heading-like items form one run, others stand alone.

    A run is cut where a list of numbered lines (一、…, １、…) starts or ends, so that a
    headline printed right after such a list is decided on its own.
    """
    groups: list[list[Item]] = []
    for item in items:
        if item.kind in HEAD_KINDS and groups and groups[-1][-1].kind in HEAD_KINDS:
            last = groups[-1][-1]
            numbered = item.kind is Kind.HEAD and is_numbered(item.text)
            last_numbered = last.kind is Kind.HEAD and is_numbered(last.text)
            if numbered == last_numbered:
                groups[-1].append(item)
                continue
        groups.append([item])
    return groups


def take_masthead(items: list[Item], page: ParsedPage) -> list[Item]:
    """Move the masthead lines at the top of the page into furniture and the page's metadata.

    The top lines are a masthead when they all read as masthead lines and one of them has a
    date, a weekday, a page label or an issue number. Further down, a line holding two of
    publication, date and page label (a running head or foot) is furniture too, and fills
    the masthead fields the top of the page left empty.

    Args:
        items: the classified units of the page.
        page: the page whose masthead and furniture are filled.

    Returns:
        The items left.
    """
    found: list[MastheadLine | None] = []
    for item in items[:8]:
        if item.kind is Kind.FURNITURE:
            found.append(None)
            continue
        line = read_masthead_line(item.text)
        if line is None or (_publication_only(line) and not _may_add_publication(found, line)):
            break  # a headline such as 秋收捷报 under the masthead is no second publication
        found.append(line)
    lines = [line for line in found if line is not None]
    taken = len(found) if any(
        line.date or line.page_label or line.number or line.weekday for line in lines
    ) else 0
    masthead = page.masthead
    for line in lines if taken else []:
        masthead.publication = masthead.publication or line.publication
        masthead.date = masthead.date or line.date
        masthead.page_label = masthead.page_label or line.page_label
        masthead.number = masthead.number or line.number
    page.furniture.extend(item.text for item in items[:taken])
    rest = items[taken:]
    for item in rest:
        if item.kind is Kind.FURNITURE:
            continue
        line = read_masthead_line(item.text)
        if line is not None and sum(
            bool(value) for value in (line.date, line.page_label, line.publication)
        ) >= 2:
            item.kind = Kind.FURNITURE
            # A page without a masthead at the top is dated by its running head or foot.
            masthead.publication = masthead.publication or line.publication
            masthead.date = masthead.date or line.date
            masthead.page_label = masthead.page_label or line.page_label
            masthead.number = masthead.number or line.number
    return rest


_NEWSPAPER_NAME = re.compile(r"(?:日报|晚报|早报|时报|周报|商报|导报|晨报|画报|快报|报社)$")


def _publication_only(line: MastheadLine) -> bool:
    return not (line.date or line.page_label or line.number or line.weekday)


def _may_add_publication(found: list[MastheadLine | None], line: MastheadLine) -> bool:
    """A line holding only a name ending in 报/刊 joins the masthead lines read above it.

    Not after another publication name, and after a date line only with a newspaper's usual
    ending (…日报, …晚报): 秋收捷报 there is a headline.
    """
    above = [previous for previous in found if previous is not None]
    if any(previous.publication for previous in above):
        return False
    return not above or _NEWSPAPER_NAME.search(to_simplified(line.publication or "")) is not None


def _append_line(existing: str | None, text: str) -> str:
    return text if not existing else f"{existing}\n{text}"


def take_markers(article: ParsedArticle, text: str) -> tuple[str, bool]:
    """Take the continuation markers （下转第3版） out of a text into an article.

    Each marker goes to the article's ``consumed`` text; a forward one sets
    ``continues_to``, the first backward one ``continued_from``.

    Returns:
        The text without its markers (stripped when any was found), and whether a
        forward marker was among them.
    """
    markers = find_markers(text)
    if not markers:
        return text, False
    kept: list[str] = []
    position = 0
    forward = False
    for marker in markers:
        kept.append(text[position : marker.start])
        position = marker.end
        article.consumed.append(marker.raw)
        if marker.forward:
            article.continues_to = marker.label
            forward = True
        elif article.continued_from is None:
            article.continued_from = marker.label
    kept.append(text[position:])
    return "".join(kept).strip(), forward


def _add_authors(article: ParsedArticle, names: list[str]) -> None:
    for name in names:
        if name not in article.authors:
            article.authors.append(name)


def _clear_byline(text: str) -> bool:
    """A byline that cannot be a heading: with a role word, or one name, or names apart."""
    if parse_byline(text, require_role=True) is not None:
        return True
    names = parse_byline(text) or []
    stripped = text.strip()
    if len(names) == 1:
        return len(stripped) <= 4
    return len(names) > 1 and any(mark in stripped for mark in " 　、，")


class PageBuilder:
    """Walks down the classified items of a page and fills its articles."""

    def __init__(self, page: ParsedPage) -> None:
        """Start filling a page."""
        self.page = page
        self.state = State()

    def build(self, items: list[Item]) -> None:
        """Place every item of the page (masthead already taken) in an article or furniture."""
        groups = group_runs(items)
        for index, group in enumerate(groups):
            first = group[0]
            if first.kind is Kind.FURNITURE:
                self.page.furniture.append(first.text)
            elif first.kind in HEAD_KINDS:
                previous = groups[index - 1][-1] if index > 0 else None
                following = groups[index + 1][0] if index + 1 < len(groups) else None
                self.add_run(group, previous, following)
            elif first.kind is Kind.MARKER:
                self.add_marker(first.text)
            elif first.kind is Kind.CAPTION:
                self.add_caption(first.text)
            elif first.kind is Kind.TRAIL:
                self.add_trail(first.text)
            elif first.kind is Kind.CREDIT:
                self.add_credit(first.text)
            else:
                self.add_paragraph(first.text)
        self.finish()

    # -- article lifecycle ---------------------------------------------------------------------

    def start(self) -> ParsedArticle:
        """Open a new article (captions waiting for one go to it)."""
        article = ParsedArticle()
        article.captions.extend(self.state.pending_captions)
        self.state.pending_captions.clear()
        self.page.articles.append(article)
        self.state.article = article
        self.state.has_body = False
        self.state.ended = False
        return article

    def body_article(self) -> ParsedArticle:
        """The article that running text goes to (a new untitled one after an ending)."""
        if self.state.article is None or self.state.ended:
            return self.start()
        return self.state.article

    def finish(self) -> None:
        """Place captions still waiting for an article."""
        if self.state.pending_captions:
            if self.page.articles:
                self.page.articles[-1].captions.extend(self.state.pending_captions)
            else:
                self.page.furniture.extend(self.state.pending_captions)
            self.state.pending_captions.clear()

    # -- body pieces ---------------------------------------------------------------------------

    def add_paragraph(self, text: str, kind: BlockKind = BlockKind.PARAGRAPH) -> None:
        """Add a paragraph (or heading block), taking out markers and a trailing credit."""
        if self.state.has_body and opens_with_back_marker(text):
            self.start()  # （上接第一版）… opens the next part of another article
        article = self.body_article()
        text = self._take_markers(article, text)
        trailing = split_trailing_credit(text)
        if trailing is not None:
            text, raw, names = trailing
            article.consumed.append(raw)
            _add_authors(article, names)
            self.state.ended = True
        if text:
            article.blocks.append(Block(kind, text))
            if kind is BlockKind.PARAGRAPH:
                self.state.has_body = True

    def _take_markers(self, article: ParsedArticle, text: str) -> str:
        text, forward = take_markers(article, text)
        if forward:
            self.state.ended = True
        return text

    def add_credit(self, text: str) -> None:
        """Add a paragraph opening with a credit; it opens an untitled item after a body."""
        opener = split_credit_opener(text)
        if opener is None:  # not expected: the unit was classified with the same test
            self.add_paragraph(text)
            return
        state = self.state
        if state.article is None or state.ended or state.has_body or state.article.credit:
            article = self.start()
        else:
            article = state.article
        article.credit = opener.credit
        _add_authors(article, opener.authors)
        if opener.rest.strip():
            self.add_paragraph(opener.rest.strip())

    def add_trail(self, text: str) -> None:
        """Add a credit standing alone in parentheses; it ends the article."""
        article = self.state.article
        if article is None:
            self.page.furniture.append(text)
            return
        article.consumed.append(text)
        _add_authors(article, read_trailing_credit(text.strip()[1:-1]) or [])
        self.state.ended = True

    def add_marker(self, text: str) -> None:
        """Add a continuation marker standing alone on its line."""
        markers = find_markers(text)
        forward = any(marker.forward for marker in markers)
        state = self.state
        if forward or (state.article is not None and not state.has_body and not state.ended):
            article = state.article or self.start()
        else:
            article = self.start()
        rest = self._take_markers(article, text)
        if rest:
            article.consumed.append(rest)

    def add_byline(self, text: str) -> None:
        """Add a byline met after the head (below an introduction, or at the end)."""
        article = self.body_article()
        article.byline = _append_line(article.byline, text)
        _add_authors(article, parse_byline(text) or [])

    def add_caption(self, text: str) -> None:
        """Add a photo caption to the current article (or the next one, at the top)."""
        if self.state.article is not None:
            self.state.article.captions.append(text)
        else:
            self.state.pending_captions.append(text)

    # -- heading runs --------------------------------------------------------------------------

    def add_run(self, run: list[Item], previous: Item | None, following: Item | None) -> None:
        """Decide what a run of heading-like lines is and place it."""
        state = self.state
        run = list(run)
        while (run and run[0].kind is Kind.BYLINE and _clear_byline(run[0].text)
               and state.article is not None and not state.ended and state.has_body
               and len(run) < 6):
            # A byline after the first paragraph(s) (an introduction printed above it) or at
            # the end of a text belongs to the article being read.
            self.add_byline(run.pop(0).text)
        if not run:
            return
        heads = sum(1 for item in run if item.kind is Kind.HEAD)
        if len(run) >= 6 or heads >= 4:
            self._add_verse(run, previous, following)
        elif head_score(run, previous, following, state) > 0:
            self.add_head(run)
        else:
            self.add_section(run)

    def _add_verse(self, run: list[Item], previous: Item | None, following: Item | None) -> None:
        """A long run of short lines is verse or a list; a headline (and byline) may open it."""
        byline_at = next(
            (index for index, item in enumerate(run[:3]) if item.kind is Kind.BYLINE), None
        )
        head_length = byline_at + 1 if byline_at else 1
        while head_length < len(run) and run[head_length].kind in (Kind.DECK, Kind.NOTE):
            head_length += 1
        head = run[:head_length]
        after = run[head_length] if head_length < len(run) else following
        if head[0].kind is not Kind.BYLINE and head_score(head, previous, after, self.state) > 0:
            self.add_head(head)
            run = run[head_length:]
        for item in run:
            self.add_paragraph(item.text)

    def add_head(self, run: list[Item]) -> None:
        """Open a new article with a run of head lines (kicker, title, subtitle, byline)."""
        article = self.start()
        kicker = (len(run) >= 2 and run[0].kind is Kind.HEAD and run[1].kind is Kind.HEAD
                  and _KICKER_END.search(to_simplified(strip_closers(run[0].text))) is not None)
        if kicker:
            article.kicker = run[0].text
            run = run[1:]
        seen_byline = False
        for item in run:
            if item.kind is Kind.NOTE:
                article.consumed.append(item.text)
            elif item.kind is Kind.BYLINE and article.title:
                seen_byline = True
                article.byline = _append_line(article.byline, item.text)
                _add_authors(article, parse_byline(item.text) or [])
            elif item.kind is Kind.DECK:
                dashes, deck = split_deck_dashes(item.text) or ("", item.text)
                article.consumed.append(dashes)
                article.subtitle = _append_line(article.subtitle, deck)
            elif not article.title and not seen_byline:
                text = self._take_markers(article, item.text)
                note = trailing_annotation(text)
                if note and len(note) < len(text):
                    article.consumed.append(note)
                    text = text[: len(text) - len(note)].rstrip()
                article.title = text
            elif seen_byline:
                article.byline = _append_line(article.byline, item.text)  # an affiliation
            else:
                article.subtitle = _append_line(article.subtitle, item.text)

    def add_section(self, run: list[Item]) -> None:
        """Add a section heading (and its decks) to the current article."""
        for index, item in enumerate(run):
            if item.kind is Kind.NOTE:
                self.body_article().consumed.append(item.text)
                continue
            text = item.text
            if item.kind is Kind.DECK:
                dashes, text = split_deck_dashes(text) or ("", text)
                self.body_article().consumed.append(dashes)
            kind = BlockKind.HEADING if index == 0 else BlockKind.HEADING_DECK
            self.add_paragraph(text, kind)
