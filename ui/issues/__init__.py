"""The issues pane: the tree of publications, years, issues and pages, with gaps shown."""
