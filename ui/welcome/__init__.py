"""The welcome panel shown in place of the reader while the archive is empty."""
