"""The term index's packed hash buckets write exactly the bytes of Whoosh's own writer."""

from __future__ import annotations

import random
from io import BytesIO

from whoosh.filedb.filetables import HashWriter
from whoosh.filedb.structfile import StructFile

from reader.search.bulk import _Bucket, _write_hashes


class _Unclosed(BytesIO):
    def close(self) -> None:  # keep the bytes readable after the writer closes
        pass


def _tables(entries: list[tuple[int, int]], packed: bool) -> bytes:
    stream = _Unclosed()
    writer = HashWriter(StructFile(stream))
    start = stream.tell()
    if packed:
        writer.buckets = [_Bucket() for _ in range(256)]
        writer._write_hashes = _write_hashes.__get__(writer)
    for keyhash, position in entries:
        writer.buckets[keyhash & 255].append((keyhash, position))
    writer._write_hashes()
    writer._write_directory()
    return stream.getvalue()[start:]


def test_packed_buckets_write_whooshs_hash_tables() -> None:
    rng = random.Random(3)
    entries = [(rng.getrandbits(32), 16 + 40 * number) for number in range(5000)]
    entries += [(entries[7][0], 999_999), (0x100, 123), (0x200, 456)]  # a repeat, collisions
    assert _tables(entries, packed=True) == _tables(entries, packed=False)
    assert _tables([], packed=True) == _tables([], packed=False)


def test_a_bucket_keeps_its_entries_in_order() -> None:
    bucket = _Bucket()
    for entry in ((5, 100), (2**32 - 1, 2**40), (0, 7)):
        bucket.append(entry)
    assert len(bucket) == 3
    assert list(bucket) == [(5, 100), (2**32 - 1, 2**40), (0, 7)]
