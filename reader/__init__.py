"""Domain code of the archive reader: parsing, import, entities, search, notes, export (no Qt)."""
