"""Annotations in the window: the reader's highlight layer, the note dialog and the Notes pane."""
