"""Keeping the archive safe from the window: backups (also when idle), restore, check, export."""
