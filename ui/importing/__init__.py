"""Importing page files from the window: preview, correct metadata, progress, results."""
