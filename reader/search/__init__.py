"""Chinese full-text search over the archive (Whoosh)."""
