"""The reader pane: one article laid out for reading, with highlights by character offset."""
