"""The quality report in the window: a pane of findings that lead to the places to fix."""
