"""Chinese full-text search over the archive (Whoosh): analyzer, index, query language, snippets."""

from reader.search.analyzer import ANALYZER_VERSION, fold
from reader.search.document import SearchDocument, SearchHit, SearchResults
from reader.search.index import IndexStatus, IndexWriter, SearchIndex
from reader.search.query import QUERY_HELP

__all__ = [
    "ANALYZER_VERSION",
    "QUERY_HELP",
    "IndexStatus",
    "IndexWriter",
    "SearchDocument",
    "SearchHit",
    "SearchIndex",
    "SearchResults",
    "fold",
]
