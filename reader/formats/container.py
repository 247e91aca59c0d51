"""Where source files are read from: a folder on disk or a ZIP archive, with the same rules.

Names inside a container are POSIX-style relative paths (``alto/0001.xml``). A file may
name another one (an ALTO file its scan, a METS file its ALTO pages): the reference is
resolved against the folder of the file that names it and must stay inside the container's
root (the folder of the file imported, or the ZIP archive); a reference that leaves it, or an
absolute one (scanning stations write Windows paths such as ``C:/scans/0001.tif``), is looked
up by its base name beside the naming file instead. Nothing outside the root is ever read
through a reference.
"""

from __future__ import annotations

import os
import posixpath
import re
from abc import ABC, abstractmethod
from pathlib import Path

from reader.errors import InputError

_DRIVE = re.compile(r"^[A-Za-z]:")


def megabytes(size: int) -> str:
    """A size in MB for messages (one decimal below 10 MB)."""
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def too_large(display: str, size: int, limit: int, what: str) -> InputError:
    """The error for a file over its size limit."""
    return InputError(
        f"{display}: file too large for {what} ({megabytes(size)} MB; "
        f"the limit is {megabytes(limit)} MB)"
    )


def read_file_bytes(path: Path, limit: int, *, display: str, what: str = "one page") -> bytes:
    """Read a file from disk, refusing one larger than ``limit`` without reading it all.

    Args:
        path: the file.
        limit: the most bytes accepted.
        display: how the file is named in messages.
        what: what the file is, for the "too large" message.

    Raises:
        InputError: the file is missing, unreadable, a folder, or too large.
    """
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a page file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise too_large(display, path.stat().st_size, limit, what)
    return data


def normalise_reference(base: str, reference: str) -> str | None:
    """Resolve a file reference made by ``base`` inside a container.

    Args:
        base: the name of the file that makes the reference.
        reference: a relative path (``../images/0001.png``), a ``file:`` URL, or an absolute
            or Windows path.

    Returns:
        The container name it points to, or None when it is absolute or leaves the
        container (the caller then looks for the base name beside ``base``).
    """
    ref = reference.strip()
    if ref.lower().startswith("file:"):
        ref = ref[5:]
    ref = ref.replace("\\", "/")
    if not ref or ref.startswith("/") or _DRIVE.match(ref) or "\0" in ref:
        return None
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", ref):
        return None  # a URL: nothing is fetched
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), ref))
    if joined.startswith("../") or joined == ".." or joined.startswith("/"):
        return None
    return joined


def base_name(reference: str) -> str:
    """The last component of a reference, whatever its separators."""
    return reference.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


class Container(ABC):
    """A set of named files: a folder on disk or a ZIP archive."""

    @abstractmethod
    def read(self, name: str, limit: int, *, what: str = "one page") -> bytes:
        """The bytes of a file, refusing more than ``limit``.

        Raises:
            InputError: the file is missing, unreadable, hostile or too large.
        """

    @abstractmethod
    def is_file(self, name: str) -> bool:
        """Whether a file of that name exists (and may be read)."""

    @abstractmethod
    def folder_files(self, folder: str) -> list[str]:
        """The names of the files directly in a folder (``""``: the root), sorted."""

    @abstractmethod
    def display(self, name: str) -> str:
        """How a file is named in messages and stored as a page's source."""

    def find_reference(self, base: str, reference: str) -> str | None:
        """The file a reference made by ``base`` names, if it exists in the container.

        A reference leaving the container, or absolute, is looked up by its base name in
        the folder of ``base``.
        """
        resolved = normalise_reference(base, reference)
        if resolved is not None and self.is_file(resolved):
            return resolved
        name = base_name(reference)
        if not name or name in (".", ".."):
            return None
        beside = posixpath.join(posixpath.dirname(base), name)
        return beside if self.is_file(beside) else None

    def siblings_with_stem(self, name: str, suffixes: frozenset[str]) -> list[str]:
        """Files of the same folder with the same stem and one of ``suffixes`` (a1.txt → a1.png).

        Args:
            name: the file whose siblings are wanted.
            suffixes: lower-case suffixes with their dot; matched in any case.
        """
        folder, file_name = posixpath.split(name)
        stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
        out = []
        for other in self.folder_files(folder):
            other_name = posixpath.basename(other)
            if other_name == file_name or "." not in other_name:
                continue
            other_stem, _, suffix = other_name.rpartition(".")
            if other_stem == stem and f".{suffix.lower()}" in suffixes:
                out.append(other)
        return out


class DirectoryContainer(Container):
    """The files of a folder on disk (and below it)."""

    def __init__(self, root: Path) -> None:
        """Use ``root`` as the container's root folder."""
        self.root = root

    def path(self, name: str) -> Path:
        """The path of a file of the container."""
        return self.root.joinpath(*name.split("/"))

    def read(self, name: str, limit: int, *, what: str = "one page") -> bytes:
        """The bytes of a file, refusing more than ``limit``."""
        return read_file_bytes(self.path(name), limit, display=self.display(name), what=what)

    def is_file(self, name: str) -> bool:
        """Whether a regular file of that name exists."""
        return self.path(name).is_file()

    def folder_files(self, folder: str) -> list[str]:
        """The files directly in a folder (hidden ones skipped), sorted."""
        directory = self.path(folder) if folder else self.root
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:
            return []
        return [
            posixpath.join(folder, entry.name) if folder else entry.name
            for entry in entries
            if not entry.name.startswith(".") and entry.is_file()
        ]

    def display(self, name: str) -> str:
        """The relative name itself (the file's name for a file beside the one imported)."""
        return name

    def siblings_with_stem(self, name: str, suffixes: frozenset[str]) -> list[str]:
        """Files beside ``name`` with its stem and one of ``suffixes``, probed by name.

        Probing a few names (each suffix in lower and upper case) keeps a folder of ten
        thousand pages from being listed once per page.
        """
        folder, file_name = posixpath.split(name)
        stem = file_name.rsplit(".", 1)[0] if "." in file_name else file_name
        found: dict[str, str] = {}
        for suffix in sorted(suffixes):
            for variant in (suffix, suffix.upper()):
                candidate = posixpath.join(folder, stem + variant) if folder else stem + variant
                if candidate != name and self.is_file(candidate):
                    key = str(self.path(candidate).resolve()).lower()
                    found.setdefault(key, candidate)  # one file on a case-blind disk
        return sorted(found.values())
