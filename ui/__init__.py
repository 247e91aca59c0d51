"""Qt user interface: the main window, its panes and the background task runner."""
