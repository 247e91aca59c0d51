"""Fast Whoosh segments: new documents and merges written straight into Whoosh's file format.

Whoosh's own writer sends every posting through a sorting pool (pickled to disk when it
fills) and then through a chain of per-posting Python calls; for this app's pre-analyzed
documents (about 800 postings per newspaper article) that costs 10–12 ms per article. Here
postings are collected per term in memory (arrays) while documents are added, and written
term by term, 128 postings per block, with Whoosh's own codec objects: the files are those
of Whoosh's ``W3Codec`` and any Whoosh reader opens them. Segments are merged the same way,
block by block instead of posting by posting.

This module is imported when Whoosh unpickles the index's table of contents only through
the codec it names (Whoosh's own), so it imports nothing but Whoosh and the standard library.
"""

from __future__ import annotations

import heapq
import struct
import zlib
from array import array
from collections.abc import Iterator, Sequence
from io import BytesIO
from itertools import accumulate, pairwise
from pickle import Unpickler, dumps, loads
from typing import Any
from zlib import crc32

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, W3Codec, W3TermInfo
from whoosh.filedb.filetables import HashWriter, OrderedHashWriter
from whoosh.filedb.filetables import _lengths as _RECORD_LENGTHS
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.util.numlists import GrowableArray

#: Postings per block, as Whoosh writes them.
BLOCK = 128
#: Terms with at most this many postings in a segment are kept in the term index itself.
INLINE_LIMIT = 2
#: zlib level of posting blocks: none (Whoosh's default is 3, but most blocks here hold a
#: few postings, and compressing them costs more time than the bytes it saves).
COMPRESSION = 0
_TERMINFO = W3TermInfo._struct
_MAGIC = WHOOSH3_HEADER_MAGIC
_INT = struct.Struct("!i")
_DOC_FREQUENCY = struct.Struct("!I")  # in a term info: after the flags byte and the weight
_OFFSET_LENGTH = struct.Struct("!qi")
_FLUSH_BYTES = 8 << 20  # postings kept in memory before they are written
_CRC_HASH = 1  # whoosh.filedb.filetables hash type: crc32(key) & 0xFFFFFFFF


def codec() -> W3Codec:
    """The codec of the segments written here and by the app's Whoosh writers."""
    return W3Codec(compression=COMPRESSION)


#: While a segment is built, each term's postings are one flat list: ``[doc, weight, value,
#: doc, weight, value, …]`` for fields whose postings carry encoded values (positions),
#: ``[doc, weight, …]`` for the others (a ``Frequency`` value is the weight, as an integer).
#: One list per term and one ``append`` per number: the cheapest layout in pure Python.
_STRIDE = {"bytes": 3, "counts": 2, "none": 2}


def _value_mode(field: Any) -> str:
    """How a field's posting values are kept while a segment is built."""
    from whoosh.formats import Frequency

    fixed = field.format.fixed_value_size()
    if fixed == 0:
        return "none"
    if type(field.format) is Frequency and field.format.field_boost == 1.0:
        return "counts"  # the value is the frequency, which is the weight
    return "bytes"


#: Rough memory per posting and per distinct term while a segment is built (bytes).
_POSTING_BYTES = 24
_TERM_BYTES = 360


class SegmentBuilder:
    """Writes one new segment from whole documents (values as for ``writer.add_document``).

    Args:
        storage: the index's storage.
        indexname: the index's name.
        schema: the index's schema.
    """

    def __init__(self, storage: Any, indexname: str, schema: Any) -> None:
        self._storage = storage
        self._schema = schema
        self._codec = codec()
        self.segment = self._codec.new_segment(storage, indexname)
        self._perdoc = self._codec.per_document_writer(storage, self.segment)
        self._terms: dict[str, dict[bytes, list[Any]]] = {}
        self._modes: dict[str, str] = {}
        self._lengths: dict[str, array] = {}
        self._postings = 0
        self._value_bytes = 0
        self._term_count = 0
        self.doc_count = 0
        self._closed = False

    @property
    def estimated_bytes(self) -> int:
        """About how much memory the postings added so far take."""
        return self._postings * _POSTING_BYTES + self._value_bytes + self._term_count * _TERM_BYTES

    def add(self, fields: dict[str, Any]) -> None:
        """Add one document (field name → value; ``None`` values are skipped)."""
        schema = self._schema
        perdoc = self._perdoc
        docnum = self.doc_count
        perdoc.start_doc(docnum)
        for name, value in fields.items():
            if value is None or name.startswith("_"):
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                length = self._add_postings(name, field, value, docnum)
                if field.scorable and length:
                    lengths = self._lengths.get(name)
                    if lengths is None:
                        lengths = self._lengths[name] = array("B")
                    if len(lengths) < docnum:
                        lengths.extend(bytes(docnum - len(lengths)))
                    lengths.append(length_to_byte(length))
                else:
                    length = 0
            perdoc.add_field(name, field, None, length)
            column = field.column_type
            if column is not None:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.doc_count += 1

    def _add_postings(self, name: str, field: Any, value: Any, docnum: int) -> int:
        """Add a field's postings for one document; return the field's length (terms)."""
        from reader.search.engine import PreparedPostings

        terms = self._terms.get(name)
        if terms is None:
            terms = self._terms[name] = {}
            self._modes[name] = _value_mode(field)
        mode = self._modes[name]
        new_terms = len(terms)
        get = terms.get
        if type(value) is PreparedPostings and field.format.field_boost == 1.0:
            counts = value.counts
            if mode == "bytes":
                encoded_values = value.values
                if encoded_values is None:
                    encoded_values = [pack_uint(count) for count in counts]
                for term, count, encoded in zip(value.terms, counts, encoded_values, strict=True):
                    postings = get(term)
                    if postings is None:
                        terms[term] = [docnum, count, encoded]
                    else:
                        postings.append(docnum)
                        postings.append(count)
                        postings.append(encoded)
                self._value_bytes += sum(map(len, encoded_values)) + 33 * len(encoded_values)
            else:
                for term, count in zip(value.terms, counts, strict=True):
                    postings = get(term)
                    if postings is None:
                        terms[term] = [docnum, count]
                    else:
                        postings.append(docnum)
                        postings.append(count)
            length = sum(counts)
            self._postings += len(counts)
        else:
            length = 0
            for tbytes, freq, weight, vbytes in field.index(value):
                item = (docnum, weight, vbytes) if mode == "bytes" else (docnum, weight)
                postings = get(tbytes)
                if postings is None:
                    terms[tbytes] = list(item)
                else:
                    postings.extend(item)
                if mode == "bytes":
                    self._value_bytes += len(vbytes) + 33
                length += freq
                self._postings += 1
        self._term_count += len(terms) - new_terms
        return length

    def finish(self) -> Any:
        """Write the segment's files; return the segment (to be listed in a new TOC)."""
        self._closed = True
        writer = _TermWriter(self._storage, self.segment, self._codec)
        for name in sorted(self._terms):
            lengths = self._lengths.get(name)
            if lengths is not None and len(lengths) < self.doc_count:
                lengths.extend(bytes(self.doc_count - len(lengths)))
            terms = self._terms[name]
            mode = self._modes[name]
            stride = _STRIDE[mode]
            write = writer.write_term
            writer.start_field(name, self._schema[name])
            for tbytes in sorted(terms):
                postings = terms[tbytes]
                weights = postings[1::stride]
                if mode == "bytes":
                    values: Any = postings[2::3]
                elif mode == "counts":
                    values = array("I", map(int, weights))
                else:
                    values = None
                write(tbytes, postings[0::stride], weights, values, lengths)
            writer.finish_field()
            terms.clear()
        writer.close()
        self._terms.clear()
        self._perdoc.close()
        self.segment.set_doc_count(self.doc_count)
        return self.segment

    def cancel(self) -> None:
        """Drop what was added (files already created are removed by the next commit)."""
        if not self._closed:
            self._closed = True
            self._terms.clear()
            if not self._perdoc.is_closed:
                self._perdoc.close()


class _Bucket:
    """One of the term index's 256 hash buckets: key hashes and record positions, packed.

    Whoosh keeps a list of ``(hash, position)`` tuples per bucket: ≈ 110 bytes a term, most
    of the merge's memory for a segment of millions of terms; two arrays take 12.
    """

    __slots__ = ("hashes", "positions")

    def __init__(self) -> None:
        self.hashes = array("I")
        self.positions = array("Q")

    def append(self, entry: tuple[int, int]) -> None:
        """Add a ``(hash, position)`` entry (Whoosh's list interface)."""
        self.hashes.append(entry[0])
        self.positions.append(entry[1])

    def __len__(self) -> int:
        return len(self.hashes)

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return zip(self.hashes, self.positions, strict=True)


_POINTER = struct.Struct("!Iq")  # a hash table slot, as Whoosh's ``filetables._pointer``


def _write_hashes(self: Any) -> None:
    """``HashWriter._write_hashes`` for :class:`_Bucket` buckets: the same bytes, one write each.

    Each bucket becomes an open-addressing table of twice its size (slot: hash >> 8, then
    the next free one; ``(0, 0)`` is empty), written after the records.
    """
    dbfile = self.dbfile
    for bucket in self.buckets:
        start = dbfile.tell()
        slots = 2 * len(bucket)
        self.directory.append((start, slots))
        hashes = [0] * slots
        positions = [0] * slots
        for keyhash, position in bucket:
            slot = (keyhash >> 8) % slots
            while hashes[slot] or positions[slot]:
                slot = (slot + 1) % slots
            hashes[slot] = keyhash
            positions[slot] = position
        if slots:
            dbfile.write(b"".join(map(_POINTER.pack, hashes, positions)))


class _TermWriter:
    """Writes terms and their posting blocks in Whoosh's W3 layout (fields in name order).

    The posting file holds what ``W3PostingsWriter`` writes and the term file is Whoosh's
    ordered hash file (``OrderedHashWriter``, with CRC-32 key hashes, one of the hash types
    its reader knows); records are assembled in memory and written in large pieces.
    """

    def __init__(self, storage: Any, segment: Any, codec_: W3Codec) -> None:
        self._postfile = segment.create_file(storage, W3Codec.POSTS_EXT)
        self._termfile = segment.create_file(storage, W3Codec.TERMS_EXT)
        self._tindex = OrderedHashWriter.__new__(OrderedHashWriter)
        HashWriter.__init__(self._tindex, self._termfile, hashtype=_CRC_HASH)
        self._tindex.buckets = [_Bucket() for _ in range(256)]
        self._tindex._write_hashes = _write_hashes.__get__(self._tindex)
        self._tindex.index = GrowableArray("H")
        self._tindex.lastkey = b""
        self._fieldmap: dict[str, int] = {}
        self._tindex.extras["fieldmap"] = self._fieldmap
        self._prefix = b""
        self._fixed: int | None = None
        self._compression = codec_._compression
        self._post_position = self._postfile.tell()
        self._post_flushed = self._post_position
        self._post_pieces: list[bytes] = []
        self._term_position = self._termfile.tell()
        self._term_pieces: list[bytes] = []
        self._positions = array("Q")
        self._pending = 0

    def start_field(self, name: str, field: Any) -> None:
        """Begin the terms of a field (fields in name order)."""
        self._fieldmap[name] = len(self._fieldmap)
        self._prefix = pack_ushort(self._fieldmap[name])
        self._fixed = field.format.fixed_value_size()

    def finish_field(self) -> None:
        """End the terms of the current field."""
        self._flush()

    def _flush(self) -> None:
        self._post_flushed = self._post_position
        if self._post_pieces:
            self._postfile.write(b"".join(self._post_pieces))
            self._post_pieces.clear()
        if self._term_pieces:
            self._termfile.write(b"".join(self._term_pieces))
            self._term_pieces.clear()
        self._pending = 0

    def write_term(
        self,
        tbytes: bytes,
        ids: Sequence[int],
        weights: Sequence[float],
        values: Sequence[Any] | None,
        lengths: Sequence[int] | None,
    ) -> None:
        """Write one term's postings (ids ascending) and its entry in the term index.

        ``lengths`` are the field's length bytes per document (None: the field has none).
        """
        count = len(ids)
        if count <= INLINE_LIMIT:
            self._write_inlined(tbytes, ids, weights, values, lengths)
            return
        if count <= BLOCK:
            max_weight = float(max(weights))
            total_weight = sum(weights)
            if lengths is not None:
                found = [lengths[doc] for doc in ids]
                min_byte = min(found)
                max_byte = max(found)
            else:
                min_byte = max_byte = 0
            data = _MAGIC + self._block(
                ids, weights, values, max_weight, min_byte, max_byte, last=True
            )
        else:
            pieces = [_MAGIC]
            min_byte = max_byte = 0
            max_weight = total_weight = 0.0
            for begin in range(0, count, BLOCK):
                end = begin + BLOCK
                block_ids = ids[begin:end]
                block_weights = weights[begin:end]
                block_max = float(max(block_weights))
                total_weight += sum(block_weights)
                if block_max > max_weight:
                    max_weight = block_max
                if lengths is not None:
                    found = [lengths[doc] for doc in block_ids]
                    low = min(found)
                    high = max(found)
                    if low and (not min_byte or low < min_byte):
                        min_byte = low
                    if high > max_byte:
                        max_byte = high
                else:
                    low = high = 0
                pieces.append(
                    self._block(
                        block_ids,
                        block_weights,
                        None if values is None else values[begin:end],
                        block_max,
                        low,
                        high,
                        last=end >= count,
                    )
                )
            data = b"".join(pieces)
        start = self._post_position
        self._post_pieces.append(data)
        self._post_position += len(data)
        value = (
            _TERMINFO.pack(0, total_weight, count, min_byte, max_byte, max_weight, ids[0], ids[-1])
            + pack_long(start)
            + pack_int(len(data))
        )
        self._add_record(self._prefix + tbytes, value)

    def _write_inlined(
        self,
        tbytes: bytes,
        ids: Sequence[int],
        weights: Sequence[float],
        values: Sequence[Any] | None,
        lengths: Sequence[int] | None,
    ) -> None:
        """Write a rare term's postings into its term index entry (no posting block).

        This is Whoosh's own "inlined" layout (``W3TermInfo.set_inlined``): the reader
        serves such a term from the term index. Most bigrams of a newspaper archive
        occur in one or two articles of a segment; inlining halves what they cost.
        """
        fixed = self._fixed
        if fixed == 0 or values is None:
            inline_values: tuple[Any, ...] = ()
        elif isinstance(values, array):  # frequencies, as ``formats.Frequency`` encodes them
            inline_values = tuple(pack_uint(value) for value in values)
        else:
            inline_values = tuple(values)
        float_weights = tuple(map(float, weights))
        if lengths is not None:
            found = [lengths[doc] for doc in ids]
            low = min(found)
            high = max(found)
        else:
            low = high = 0
        value = _TERMINFO.pack(
            1, sum(float_weights), len(ids), low, high, max(float_weights), ids[0], ids[-1]
        ) + dumps((tuple(ids), float_weights, inline_values), 2)
        self._add_record(self._prefix + tbytes, value)

    def _add_record(self, key: bytes, value: bytes) -> None:
        """Append a term's entry to the term index (written in large pieces)."""
        record = _RECORD_LENGTHS.pack(len(key), len(value)) + key + value
        position = self._term_position
        self._positions.append(position)
        self._term_pieces.append(record)
        self._term_position = position + len(record)
        keyhash = crc32(key) & 0xFFFFFFFF
        bucket = self._tindex.buckets[keyhash & 255]
        bucket.hashes.append(keyhash)
        bucket.positions.append(position)
        self._pending += 1
        if self._pending >= 20_000 or self._post_position - self._post_flushed > _FLUSH_BYTES:
            self._flush()

    def copy_term(self, tbytes: bytes, sources: Sequence[tuple[Any, bytes, int]]) -> None:
        """Write one term by copying its posting blocks from segments without deletions.

        Args:
            tbytes: the term.
            sources: ``(posting file bytes, term info bytes, document number offset)`` of
                each segment holding the term, in index order. Blocks are copied as they
                are (a block's ids shifted by the offset), so a merged list holds one short
                block per source segment at most; Whoosh's reader takes blocks of any size.
        """
        pieces = [_MAGIC]
        total_weight = 0.0
        count = 0
        min_byte = 0
        max_byte = 0
        max_weight = 0.0
        first_id = last_id = 0
        final_source = len(sources) - 1
        for number, (postings, info, offset) in enumerate(sources):
            _, weight, df, low, high, top, low_id, high_id = _TERMINFO.unpack_from(info)
            total_weight += weight
            count += df
            if low and (not min_byte or low < min_byte):
                min_byte = low
            max_byte = max(max_byte, high)
            max_weight = max(max_weight, top)
            if number == 0:
                first_id = low_id + offset
            last_id = high_id + offset
            raw = _posting_bytes(postings, info)
            position = 4
            while True:
                block_length = _INT.unpack_from(raw, position)[0]
                position += 4
                end = position + abs(block_length)
                body = raw[position:end]
                if offset:
                    body = _shift_block(body, offset)
                last = block_length < 0
                final = last and number == final_source
                pieces.append(pack_int(-len(body) if final else len(body)) + body)
                position = end
                if last:
                    break
        data = b"".join(pieces)
        start = self._post_position
        self._post_pieces.append(data)
        self._post_position += len(data)
        value = (
            _TERMINFO.pack(
                0, total_weight, count, min_byte, max_byte, max_weight, first_id, last_id
            )
            + pack_long(start)
            + pack_int(len(data))
        )
        self._add_record(self._prefix + tbytes, value)

    def _block(
        self,
        ids: Sequence[int],
        weights: Sequence[float],
        values: Sequence[Any] | None,
        max_weight: float,
        low_byte: int,
        high_byte: int,
        *,
        last: bool,
    ) -> bytes:
        if len(ids) == 1:
            deltas: tuple[int, ...] = (ids[0],)
            weight = weights[0]
            mini_weights: Any = None if weight == 1.0 else float(weight)
        else:
            deltas = (ids[0], *[b - a for a, b in pairwise(ids)])
            first = weights[0]
            if all(w == first for w in weights):
                mini_weights = None if first == 1.0 else float(first)
            else:
                mini_weights = tuple(map(float, weights))
        fixed = self._fixed
        if fixed is None or fixed < 0:
            mini_values: Any = tuple(values)
        elif fixed == 0 or values is None:
            mini_values = None
        elif isinstance(values, array):  # frequencies, as ``formats.Frequency`` encodes them
            mini_values = struct.pack(f"!{len(values)}I", *values)
        else:
            mini_values = b"".join(values)  # type: ignore[arg-type]
        data = dumps((deltas, mini_weights, mini_values), 2)
        if self._compression:
            data = zlib.compress(data, self._compression)
        info = dumps((len(ids), ids[-1], max_weight, self._compression, low_byte, high_byte), 2)
        length = len(info) + len(data)
        return pack_int(-length if last else length) + info + data

    def close(self) -> None:
        """Write the hash tables and close the term index and postings files."""
        self._flush()
        positions = self._positions
        top = positions[-1] if positions else 0
        typecode = "H" if top < 2**16 else "i" if top < 2**31 else "I" if top < 2**32 else "q"
        self._tindex.index.array = array(typecode, positions)
        self._tindex.close()
        self._postfile.close()


# ------------------------------------------------------------------------------ merging


def _shift_block(body: bytes, offset: int) -> bytes:
    """A posting block (info and data, without its length) with its ids moved by ``offset``."""
    stream = BytesIO(body)
    count, last_id, max_weight, compression, low, high = Unpickler(stream).load()
    data = body[stream.tell() :]
    if compression:
        data = zlib.decompress(data)
    deltas, weights, values = loads(data)
    data = dumps(((deltas[0] + offset, *deltas[1:]), weights, values), 2)
    if compression:
        data = zlib.compress(data, compression)
    return dumps((count, last_id + offset, max_weight, compression, low, high), 2) + data


class _Sequential:
    """A segment file read front to back in large pieces (merges read terms in file order).

    ``get(offset, length)`` answers from the piece in memory and reads the next piece when
    the request leaves it; requests further back are read directly.
    """

    def __init__(self, handle: Any, piece: int = 1 << 20) -> None:
        self._handle = handle
        self._piece = piece
        self._data = b""
        self._start = 0

    def get(self, offset: int, length: int) -> bytes:
        """``length`` bytes from ``offset``."""
        start = offset - self._start
        if start < 0 or start + length > len(self._data):
            self._data = self._handle.get(offset, max(length, self._piece))
            self._start = offset
            start = 0
        return self._data[start : start + length]

    def close(self) -> None:
        """Close the file."""
        self._handle.close()


def _open_file(storage: Any, segment: Any, ext: str) -> _Sequential:
    """A segment file opened for reading front to back."""
    return _Sequential(storage.open_file(segment.make_filename(ext)))


def _doc_frequency(info: bytes) -> int:
    """The number of postings a term info records."""
    return _DOC_FREQUENCY.unpack_from(info, 5)[0]


def _posting_bytes(postings: Any, info: bytes) -> bytes:
    """The bytes of a term's posting list (header and blocks) from its term info."""
    offset, length = _OFFSET_LENGTH.unpack_from(info, _TERMINFO.size)
    raw = postings.get(offset, length)
    if raw[:4] != WHOOSH3_HEADER_MAGIC:
        raise ValueError("not a Whoosh posting list")
    return raw


def _segment_terms(reader: Any, termfile: Any) -> Iterator[tuple[str, bytes, bytes]]:
    """(field name, term bytes, term info bytes) of a segment, in file order.

    ``termfile`` is the segment's term file, read record by record (not through Whoosh's
    reader, which would look every term up in the hash tables).
    """
    tindex = reader._terms._tindex
    names = {number: name for name, number in tindex.extras["fieldmap"].items()}
    position = tindex.startofdata
    end = tindex.endofdata
    step = _RECORD_LENGTHS.size
    unpack = _RECORD_LENGTHS.unpack
    get = termfile.get
    while position < end:
        keylen, datalen = unpack(get(position, step))
        record = get(position + step, keylen + datalen)
        position += step + keylen + datalen
        yield names[(record[0] << 8) | record[1]], record[2:keylen], record[keylen:]


def _read_postings(
    postings: Any, info: bytes, fixed: int | None
) -> tuple[list[int], list[float], list[Any]]:
    """All postings of a term in one segment from its term info: ids, weights, values.

    ``postings`` holds the segment's posting file.
    """
    size = _TERMINFO.size
    if info[0]:  # inlined in the term index
        ids, weights, values = loads(info[size:])
        if len(values) != len(ids):  # a format without values stores none
            values = [None] * len(ids)
        return list(ids), list(weights), list(values)
    raw = _posting_bytes(postings, info)
    ids: list[int] = []
    weights: list[float] = []
    values: list[Any] = []
    position = 4
    while True:
        block_length = _INT.unpack_from(raw, position)[0]
        position += 4
        end = position + abs(block_length)
        block = raw[position:end]
        stream = BytesIO(block)
        count, _, _, compression, _, _ = Unpickler(stream).load()
        data = block[stream.tell() :]
        if compression:
            data = zlib.decompress(data)
        deltas, mini_weights, mini_values = loads(data)
        ids.extend(accumulate(deltas))  # each block starts from an absolute id
        if mini_weights is None:
            weights.extend([1.0] * count)
        elif isinstance(mini_weights, float):
            weights.extend([mini_weights] * count)
        else:
            weights.extend(mini_weights)
        if fixed is None or fixed < 0:
            values.extend(mini_values)
        elif fixed == 0:
            values.extend([None] * count)
        else:
            values.extend(mini_values[i : i + fixed] for i in range(0, len(mini_values), fixed))
        position = end
        if block_length < 0:
            return ids, weights, values


def merge_segments(storage: Any, indexname: str, schema: Any, readers: Sequence[Any]) -> Any:
    """Write one segment holding the live documents of several segments, in their order.

    Deleted documents are dropped and the others renumbered; postings are read and
    written block by block.

    Args:
        storage: the index's storage.
        indexname: the index's name.
        schema: the index's schema.
        readers: Whoosh ``SegmentReader`` objects of the segments, in index order.

    Returns:
        The new segment (to replace the merged ones in a new TOC).
    """
    codec_ = codec()
    segment = codec_.new_segment(storage, indexname)
    perdoc = codec_.per_document_writer(storage, segment)
    names = list(schema.names())
    column_fields = [name for name in names if schema[name].column_type is not None]
    length_fields = [name for name in names if schema[name].scorable]
    lengths: dict[str, array] = {name: array("B") for name in length_fields}
    totals: dict[str, int] = dict.fromkeys(length_fields, 0)
    maps: list[array | None] = []
    offsets: list[int] = []
    base = 0
    for reader in readers:
        count = reader.doc_count_all()
        deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
        mapping = array("i", [-1]) * count if deleted else None
        offsets.append(base)
        per = reader._perdoc
        columns = {
            name: per.column_reader(name, schema[name].column_type)
            for name in column_fields
            if per.has_column(name)
        }
        length_columns = {
            name: per._cached_reader(f"_{name}_len", LENGTHS_COLUMN) for name in length_fields
        }
        live_bytes = dict.fromkeys(length_fields, 0)  # byte-precision lengths of live docs
        all_bytes = dict.fromkeys(length_fields, 0)
        for docnum in range(count):
            if docnum in deleted:
                for name in length_fields:
                    column = length_columns[name]
                    if column is not None and column[docnum]:
                        all_bytes[name] += byte_to_length(column[docnum])
                continue
            if mapping is not None:
                mapping[docnum] = base
            perdoc.start_doc(base)
            for name in length_fields:
                column = length_columns[name]
                byte = column[docnum] if column is not None else 0
                lengths[name].append(byte)
                if byte:
                    length = byte_to_length(byte)
                    perdoc.add_field(name, schema[name], None, length)
                    if deleted:
                        live_bytes[name] += length
                        all_bytes[name] += length
            for name, column in columns.items():
                perdoc.add_column_value(name, schema[name].column_type, column[docnum])
            perdoc.finish_doc()
            base += 1
        for name in length_fields:
            exact = reader.field_length(name)
            if not deleted:
                totals[name] += exact
            elif all_bytes[name]:
                # Lengths are stored to a byte's precision: scale the live documents' share.
                totals[name] += round(exact * live_bytes[name] / all_bytes[name])
        maps.append(mapping)

    termfiles = [_open_file(storage, reader.segment(), W3Codec.TERMS_EXT) for reader in readers]
    postfiles = [_open_file(storage, reader.segment(), W3Codec.POSTS_EXT) for reader in readers]
    writer = _TermWriter(storage, segment, codec_)
    current: str | None = None
    fixed: int | None = None
    for name, tbytes, sources in _merged_terms(readers, termfiles):
        if name not in schema:
            continue
        if name != current:
            if current is not None:
                writer.finish_field()
            field = schema[name]
            writer.start_field(name, field)
            fixed = field.format.fixed_value_size()
            current = name
        if len(sources) > 1 and all(
            maps[index] is None and not info[0] and _doc_frequency(info) > BLOCK
            for index, info in sources
        ):
            writer.copy_term(
                tbytes, [(postfiles[index], info, offsets[index]) for index, info in sources]
            )
            continue
        all_ids: list[int] = []
        all_weights: list[float] = []
        all_values: list[Any] = []
        for index, info in sources:
            ids, weights, values = _read_postings(postfiles[index], info, fixed)
            mapping = maps[index]
            if mapping is None:
                offset = offsets[index]
                all_ids.extend([doc + offset for doc in ids] if offset else ids)
                all_weights.extend(weights)
                all_values.extend(values)
            else:
                for doc, weight, value in zip(ids, weights, values, strict=True):
                    new = mapping[doc]
                    if new >= 0:
                        all_ids.append(new)
                        all_weights.append(weight)
                        all_values.append(value)
        if all_ids:
            writer.write_term(tbytes, all_ids, all_weights, all_values, lengths.get(name))
    if current is not None:
        writer.finish_field()
    writer.close()
    perdoc.close()
    for opened in (*termfiles, *postfiles):
        opened.close()
    segment._fieldlengths = {name: total for name, total in totals.items() if total}
    segment.set_doc_count(base)
    return segment


def _merged_terms(
    readers: Sequence[Any], termfiles: Sequence[Any]
) -> Iterator[tuple[str, bytes, list[tuple[int, bytes]]]]:
    """Union of the segments' terms in (field, term) order, with each segment's term info."""

    def stream(index: int, reader: Any) -> Iterator[tuple[str, bytes, int, bytes]]:
        for name, tbytes, info in _segment_terms(reader, termfiles[index]):
            yield name, tbytes, index, info

    current: tuple[str, bytes] | None = None
    sources: list[tuple[int, bytes]] = []
    merged = heapq.merge(*(stream(i, r) for i, r in enumerate(readers)))
    for name, tbytes, index, info in merged:
        if current is None or name != current[0] or tbytes != current[1]:
            if current is not None:
                yield current[0], current[1], sources
            current = (name, tbytes)
            sources = []
        sources.append((index, info))
    if current is not None:
        yield current[0], current[1], sources


# ------------------------------------------------------------------------ merge policy

#: A merge joins this many neighbouring segments of one size level.
MERGE_FACTOR = 8
#: Segments below this many documents are all of the lowest level. Kept small so that the
#: one-article segment of a user's edit never joins the level of an import's batches.
MERGE_FLOOR = 10
#: A segment with this share of deleted documents is rewritten without them.
MAX_DELETED_SHARE = 0.3


def _level(count: int) -> int:
    level = 0
    limit = MERGE_FLOOR * MERGE_FACTOR
    while count >= limit:
        level += 1
        limit *= MERGE_FACTOR
    return level


def merge_plan(
    counts: Sequence[int], deleted: Sequence[int] | None = None, max_docs: int | None = None
) -> list[range]:
    """Which neighbouring segments to merge (a logarithmic policy, like Lucene's).

    ``MERGE_FACTOR`` neighbours of one size level are merged into one segment of the next
    level, so each document is rewritten about once per level (a few times in all) and an
    archive of N documents keeps O(MERGE_FACTOR · log N) segments. A segment whose deleted
    documents exceed ``MAX_DELETED_SHARE`` is rewritten on its own.

    Args:
        counts: documents per segment (deleted ones included), in index order.
        deleted: deleted documents per segment.
        max_docs: leave out merges writing more documents than this (they wait for a
            large import or an explicit optimize; None: no limit).

    Returns:
        Ranges of segment positions to merge, none overlapping, in index order.
    """
    levels = [_level(count) for count in counts]
    plans: list[range] = []
    end = len(counts)
    while end > 0:
        start = end
        while start > 0 and levels[start - 1] == levels[end - 1]:
            start -= 1
        if end - start >= MERGE_FACTOR:
            plans.append(range(end - MERGE_FACTOR, end))
            end -= MERGE_FACTOR
        else:
            end = start
    if deleted is not None:
        taken = {index for plan in plans for index in plan}
        for index, (count, gone) in enumerate(zip(counts, deleted, strict=True)):
            if index not in taken and count and gone / count > MAX_DELETED_SHARE:
                plans.append(range(index, index + 1))
    if max_docs is not None:
        plans = [plan for plan in plans if sum(counts[i] for i in plan) <= max_docs]
    return sorted(plans, key=lambda plan: plan.start)


def merge_policy(new: Sequence[Any], *, optimize: bool = False, max_docs: int | None = None) -> Any:
    """A Whoosh ``mergetype`` function: list the new segments, then merge as planned.

    Args:
        new: segments written by :class:`SegmentBuilder` for this commit.
        optimize: merge everything into one segment.
        max_docs: the largest merge allowed (see :func:`merge_plan`).

    Returns:
        ``policy(writer, segments) -> final segments`` for ``SegmentWriter.commit``.
    """

    def policy(writer: Any, segments: Sequence[Any]) -> list[Any]:
        from whoosh.reading import SegmentReader

        final = [segment for segment in segments if segment.doc_count() > 0]
        final.extend(new)
        while True:
            if optimize:
                needs = len(final) > 1 or any(segment.has_deletions() for segment in final)
                plans = [range(0, len(final))] if needs else []
            else:
                plans = merge_plan(
                    [segment.doc_count_all() for segment in final],
                    [segment.deleted_count() for segment in final],
                    max_docs,
                )
            if not plans:
                return final
            for plan in reversed(plans):
                readers = [
                    SegmentReader(writer.storage, writer.schema, segment)
                    for segment in final[plan.start : plan.stop]
                ]
                try:
                    merged = merge_segments(
                        writer.storage, writer.indexname, writer.schema, readers
                    )
                finally:
                    for reader in readers:
                        reader.close()
                final[plan.start : plan.stop] = [merged] if merged.doc_count_all() else []
            if optimize:
                return final

    return policy
