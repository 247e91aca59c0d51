"""ZIP archives of page files, read member by member with protection against hostile archives.

Nothing is ever extracted to disk: members are read into memory one at a time, through limits
checked while decompressing (not taken from the headers, which can lie):

- the archive's central directory is checked first (entry count and size, read from its end
  record, ZIP64 included) so that a directory of millions of entries is refused unread;
- a member decompressing to more than ``max_zip_ratio`` times its compressed size, or past
  the per-file limit, is a ZIP bomb and is refused; all members together may not decompress
  to more than ``max_zip_total`` (the rest of the archive is then refused);
- names that leave the archive (``../``, absolute paths, drive letters, backslash separators
  that do), symbolic links (Unix mode in ``external_attr``), encrypted members and unknown
  compression methods are refused with the member's name;
- a ZIP inside a ZIP is not opened (one level only): unpack it and import its files.

Member names: ZIP tools mark UTF-8 names with a flag; names without it are CP437 by the
standard, but archives made on Chinese Windows hold GBK bytes there. Such a name is read as
UTF-8 if it is valid UTF-8, else as GB18030, else left as CP437; an Info-ZIP Unicode path
field (0x7075) wins when its checksum matches.
"""

from __future__ import annotations

import posixpath
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from types import TracebackType

from reader.errors import InputError
from reader.formats.container import Container, megabytes, too_large
from reader.formats.model import Limits

_CHUNK = 1024 * 1024
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"
_UNICODE_PATH_EXTRA = 0x7075
_SUPPORTED_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2,
                                zipfile.ZIP_LZMA})
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini"})


class ZipLimitError(InputError):
    """The whole archive went over a limit: nothing more of it is read."""


def _check_directory(path: Path, limits: Limits, display: str) -> None:
    """Read the end-of-central-directory record and refuse oversized directories."""
    size = path.stat().st_size
    if size > limits.max_zip_bytes:
        raise too_large(display, size, limits.max_zip_bytes, "a ZIP archive")
    with path.open("rb") as handle:
        tail_size = min(size, 65_535 + 22 + 20)
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < 22:
            raise InputError(f"{display}: not a ZIP archive, or a truncated one")
        entries, directory_size = struct.unpack("<HI", tail[at + 10 : at + 16])
        if entries == 0xFFFF or directory_size == 0xFFFFFFFF:
            locator = tail.rfind(_EOCD64_LOCATOR, 0, at)
            if locator >= 0:
                (offset,) = struct.unpack("<Q", tail[locator + 8 : locator + 16])
                if offset < size:
                    handle.seek(offset)
                    record = handle.read(56)
                    if record[:4] == _EOCD64 and len(record) >= 56:
                        entries, directory_size = struct.unpack("<QQ", record[32:48])
    if entries > limits.max_zip_members:
        raise InputError(
            f"{display}: {entries} entries, more than the {limits.max_zip_members} accepted "
            "in one ZIP archive"
        )
    if directory_size > limits.max_zip_directory_bytes:
        raise InputError(
            f"{display}: its directory is {megabytes(directory_size)} MB, more than the "
            f"{megabytes(limits.max_zip_directory_bytes)} MB accepted"
        )


def _unicode_path(info: zipfile.ZipInfo, raw: bytes) -> str | None:
    extra = info.extra
    position = 0
    while position + 4 <= len(extra):
        kind, length = struct.unpack("<HH", extra[position : position + 4])
        body = extra[position + 4 : position + 4 + length]
        position += 4 + length
        if kind != _UNICODE_PATH_EXTRA or len(body) < 5 or body[0] != 1:
            continue
        (crc,) = struct.unpack("<I", body[1:5])
        if crc != zlib.crc32(raw):
            continue
        try:
            return body[5:].decode("utf-8")
        except UnicodeDecodeError:
            return None
    return None


def member_name(info: zipfile.ZipInfo) -> str:
    """The name of a member as its maker meant it (UTF-8 flag, Unicode field, GBK, CP437)."""
    if info.flag_bits & 0x800:
        return info.orig_filename
    try:
        raw = info.orig_filename.encode("cp437")
    except UnicodeEncodeError:
        return info.orig_filename
    unicode_path = _unicode_path(info, raw)
    if unicode_path:
        return unicode_path
    if raw.isascii():
        return info.orig_filename
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.orig_filename


def unsafe_name_reason(name: str) -> str | None:
    """Why a member name is refused (it would leave the archive), or None when it is safe."""
    if "\0" in name:
        return "a name with a NUL character"
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return "an absolute path (it would be written outside the archive's folder)"
    if ".." in unified.split("/"):
        return "a path leaving the archive's folder (../)"
    return None


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def is_junk(name: str) -> bool:
    """Members that are never pages: macOS resource forks, hidden files, Windows thumbnails."""
    parts = name.split("/")
    return (
        parts[0] == "__MACOSX"
        or any(part.startswith(".") for part in parts)
        or parts[-1].lower() in _JUNK_NAMES
    )


class ZipContainer(Container):
    """The members of a ZIP archive on disk, read safely (see the module's notes)."""

    def __init__(self, path: Path, limits: Limits, display: str) -> None:
        """Open an archive after checking its directory.

        Raises:
            InputError: not a ZIP archive, damaged, or over the entry/directory limits.
        """
        self.label = display
        self.limits = limits
        _check_directory(path, limits, display)
        try:
            self._zip = zipfile.ZipFile(path)
        except Exception as error:  # zipfile raises many kinds of errors on damaged files
            raise InputError(f"{display}: damaged ZIP archive ({error})") from None
        self._members: dict[str, zipfile.ZipInfo] = {}
        self.refused: dict[str, str] = {}
        self._folders: dict[str, list[str]] = {}
        self.total = 0
        for info in self._zip.infolist():
            name = member_name(info)
            problem = unsafe_name_reason(name)
            if problem is None and _is_symlink(info):
                problem = "a symbolic link (links are never followed)"
            if problem is not None:
                self.refused[name] = problem
                continue
            if info.is_dir() or name.endswith(("/", "\\")):
                continue
            clean = posixpath.normpath(name.replace("\\", "/"))
            if clean in self._members:
                self.refused[name] = "a second member with the same name"
                continue
            self._members[clean] = info
            folder = posixpath.dirname(clean)
            self._folders.setdefault(folder, []).append(clean)

    def close(self) -> None:
        """Close the archive."""
        self._zip.close()

    def __enter__(self) -> ZipContainer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def names(self) -> list[str]:
        """The names of the members that may be read (files, safe names), sorted."""
        return sorted(self._members)

    def is_file(self, name: str) -> bool:
        """Whether a readable member of that name exists."""
        return name in self._members

    def folder_files(self, folder: str) -> list[str]:
        """The members directly in a folder of the archive, sorted."""
        return sorted(self._folders.get(folder, []))

    def display(self, name: str) -> str:
        """``bundle.zip:member``."""
        return f"{self.label}:{name}"

    def read(self, name: str, limit: int, *, what: str = "one page") -> bytes:
        """Decompress a member, checking every limit while it streams.

        Raises:
            InputError: missing, encrypted, unsupported compression, damaged, too large, or
                a ZIP bomb (ratio); :class:`ZipLimitError` past the archive's total limit.
        """
        display = self.display(name)
        info = self._members.get(name)
        if info is None:
            raise InputError(f"{display}: no such member in the archive")
        if info.flag_bits & 0x1:
            raise InputError(f"{display}: encrypted member (a password is needed), not read")
        if info.compress_type not in _SUPPORTED_METHODS:
            raise InputError(
                f"{display}: compressed with an unsupported method ({info.compress_type})"
            )
        limits = self.limits
        compressed = max(info.compress_size, 1)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as handle:
                while True:
                    chunk = handle.read(_CHUNK)
                    if not chunk:
                        break
                    size += len(chunk)
                    self.total += len(chunk)
                    if size > limit:
                        raise InputError(
                            f"{display}: file too large for {what} (more than "
                            f"{megabytes(limit)} MB once decompressed)"
                        )
                    if size > limits.zip_ratio_floor and size > limits.max_zip_ratio * compressed:
                        raise InputError(
                            f"{display}: decompresses to more than {limits.max_zip_ratio} times "
                            "its compressed size (a ZIP bomb?), not read"
                        )
                    if self.total > limits.max_zip_total:
                        raise ZipLimitError(
                            f"{self.label}: the archive decompresses to more than "
                            f"{megabytes(limits.max_zip_total)} MB; the rest of it is not read"
                        )
                    chunks.append(chunk)
        except InputError:
            raise
        except Exception as error:  # zipfile, zlib, bz2 and lzma errors of a damaged member
            raise InputError(f"{display}: damaged member ({error})") from None
        return b"".join(chunks)
