"""The preferences dialog: language, theme and reader font size."""
