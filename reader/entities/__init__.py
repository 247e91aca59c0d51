"""People, places and organizations: extraction, storage and corrections."""
