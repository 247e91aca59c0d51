"""Archivist curation in the window: edit and restructure articles, correct pages, history."""
