"""The articles pane: the lazy, SQL-sorted article list of the current selection."""
