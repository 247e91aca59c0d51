"""Turning the text of one newspaper page into articles."""
