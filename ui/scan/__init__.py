"""Page scans beside the text: an image viewer with zoom, in a dock toggled from the View menu."""
