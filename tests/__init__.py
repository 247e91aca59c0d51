"""Test suite; mirrors the packages of the project."""
