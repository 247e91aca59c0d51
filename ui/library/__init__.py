"""The Library pane: bookmarks, tags, collections and saved searches as a tree."""
