"""Researcher tools in the window: article actions (bookmark, tag, file, cite, export, print)."""
