"""Measure reader.textio on real pages re-encoded: right decodings, refusals, doubtful flags.

Reads the real pages from ../shared/corpora/pfr1998/pages (never copied into the project),
cuts snippets of several lengths, encodes them as UTF-8, GB18030, Big5 (Traditional, via
OpenCC) and UTF-16 without BOM, and prints one row per (length, encoding): how often the text
came back exactly, how often it was refused, how often it was flagged doubtful, and the mean
confidence. Run: ``.venv/bin/python bench/textio_eval.py [snippets-per-cell]``.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

import opencc

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reader.errors import DecodeError
from reader.textio import decode_page_bytes

PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "pfr1998" / "pages"
LENGTHS = (4, 10, 30, 100, 1000, 10000)


def main() -> None:
    """Print the table."""
    per_cell = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    if not PAGES.is_dir():
        print(f"{PAGES} not found")
        return
    rng = random.Random(1998)
    texts = [path.read_text("utf-8") for path in sorted(PAGES.glob("*.txt"))]
    to_traditional = opencc.OpenCC("s2t")
    print(
        f"{'chars':>6} {'encoding':<10} {'right':>6} {'wrong':>6} {'refused':>8} "
        f"{'doubtful':>9} {'mean conf':>9} {'ms/file':>8}"
    )
    for length in LENGTHS:
        for encoding in ("utf-8", "gb18030", "big5", "utf-16-le"):
            right = wrong = refused = doubtful = 0
            confidence_sum = 0.0
            elapsed = 0.0
            for _ in range(per_cell):
                text = rng.choice(texts)
                start = rng.randrange(0, max(1, len(text) - length))
                snippet = text[start : start + length]
                if encoding == "big5":
                    snippet = to_traditional.convert(snippet)
                    snippet = snippet.encode("big5", errors="ignore").decode("big5")
                data = snippet.encode(encoding)
                began = time.perf_counter()
                try:
                    decoded = decode_page_bytes(data, source="snippet.txt")
                except DecodeError:
                    refused += 1
                    continue
                finally:
                    elapsed += time.perf_counter() - began
                if decoded.text == snippet:
                    right += 1
                else:
                    wrong += 1
                doubtful += decoded.doubtful
                confidence_sum += decoded.confidence
            decoded_count = right + wrong
            mean = confidence_sum / decoded_count if decoded_count else float("nan")
            print(
                f"{length:>6} {encoding:<10} {right:>6} {wrong:>6} {refused:>8} {doubtful:>9} "
                f"{mean:>9.3f} {1000 * elapsed / per_cell:>8.2f}"
            )

    print()
    print(f"{'garbage':<34} {'bytes':>6} {'accepted':>9} {'doubtful':>9}")
    kinds = {
        "random bytes": lambda n: rng.randbytes(n),
        "random bytes 0x80-0xFF": lambda n: bytes(rng.randrange(0x80, 0x100) for _ in range(n)),
        "UTF-8 page cut mid-character": lambda n: _cut_utf8(rng.choice(texts), n),
        "GB18030 read as Latin-1, saved UTF-8": lambda n: _double_encoded(rng.choice(texts), n),
    }
    for name, make in kinds.items():
        for size in (8, 64, 4096):
            accepted = doubtful = 0
            for _ in range(per_cell):
                try:
                    decoded = decode_page_bytes(make(size), source="garbage.bin")
                except DecodeError:
                    continue
                accepted += 1
                doubtful += decoded.doubtful
            print(f"{name:<34} {size:>6} {accepted:>9} {doubtful:>9}")


def _cut_utf8(text: str, size: int) -> bytes:
    data = text.encode("utf-8")[: size * 3]
    while data and (data[-1] & 0xC0) == 0x80:
        data = data[:-1]
    return data + "中".encode()[:2]


def _double_encoded(text: str, size: int) -> bytes:
    return text[:size].encode("gb18030").decode("latin-1").encode("utf-8")


if __name__ == "__main__":
    main()
