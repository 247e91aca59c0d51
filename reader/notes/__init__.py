"""Researchers' own data: bookmarks, annotations, tags, collections and saved searches.

Every write function takes an :class:`reader.archive.Archive` opened for writing, makes its
change in ONE write transaction (with an audit entry and the change counter bumped) and then
brings the search index up to date for the articles whose searchable data changed. Every
destructive write returns what is needed to undo it, and each has a domain function for the
way back, so the window can build its undo commands on top. Nothing here knows about Qt.

User data is never dropped silently: rows that point at an article keep a ``context``
(publication, date, pages, headline) and survive the article's removal with a NULL link;
annotations are re-anchored by their quote when the text changes (:mod:`.relink`).
"""
