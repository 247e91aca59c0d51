"""Print the table of common Chinese characters used by reader/textio.py to score decodings.

The table is the N most frequent characters of jieba 0.42.1's dictionary (each word's frequency
credited to each of its characters), followed by the Traditional forms of those characters
(OpenCC s2t) that differ from them. Run it and paste the output into reader/textio.py:

    .venv/bin/python bench/make_common_hanzi.py [N]
"""

from __future__ import annotations

import collections
import sys
from pathlib import Path

import jieba
import opencc


def common_hanzi(count: int) -> tuple[str, str]:
    """Return the ``count`` most frequent Simplified characters and their new Traditional forms."""
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    freq: collections.Counter[str] = collections.Counter()
    for line in dictionary.read_text("utf-8").splitlines():
        word, number, *_ = line.split(" ")
        for char in word:
            if "\u4e00" <= char <= "\u9fff":
                freq[char] += int(number)
    simplified = "".join(char for char, _ in freq.most_common(count))
    converter = opencc.OpenCC("s2t")
    seen = set(simplified)
    traditional = []
    for char in simplified:
        trad = converter.convert(char)
        if len(trad) == 1 and trad not in seen:
            seen.add(trad)
            traditional.append(trad)
    return simplified, "".join(traditional)


def main() -> None:
    """Print the table as Python string literals, 50 characters a line."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    simplified, traditional = common_hanzi(count)
    for name, chars in (("_COMMON_SIMPLIFIED", simplified), ("_COMMON_TRADITIONAL", traditional)):
        print(f"{name} = (")
        for start in range(0, len(chars), 40):
            print(f'    "{chars[start : start + 40]}"')
        print(")")
    print(f"# {len(simplified)} + {len(traditional)} characters", file=sys.stderr)


if __name__ == "__main__":
    main()
