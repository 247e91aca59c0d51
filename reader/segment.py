"""One jieba segmentation pass per text, shared by search indexing and entity tagging."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.errors import InternalError

_FULLWIDTH_OFFSET = 0xFEE0
_FULLWIDTH_TABLE = {code: code - _FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH_TABLE[0x3000] = 0x20


def fold_width(text: str) -> str:
    """Map full-width ASCII (１９９８, ＡＢＣ) and the ideographic space to their narrow forms.

    The mapping is one character to one character, so offsets into the folded text are
    offsets into the original text too.

    Args:
        text: any text.

    Returns:
        The text with full-width forms replaced, of the same length.
    """
    return text.translate(_FULLWIDTH_TABLE)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a segmented text with its part-of-speech flag and character offsets."""

    text: str
    flag: str
    start: int
    end: int


class Segmenter:
    """A private jieba tokenizer whose dictionary cache lives in the app's cache folder.

    jieba's module-level tokenizer keeps its cache in the system temp folder, shared between
    users; this class never touches it. The dictionary loads lazily on first use (≈ 0.5 s),
    under a lock, so construct it anywhere and call it from a worker thread.
    """

    def __init__(self, cache_dir: Path, user_dicts: tuple[Path, ...] = ()) -> None:
        """Create a segmenter.

        Args:
            cache_dir: folder for jieba's dictionary cache (never the system temp folder).
            user_dicts: extra jieba dictionaries (word [freq] [tag] per line) loaded after the
                main one.
        """
        self._cache_dir = cache_dir
        self._user_dicts = user_dicts
        self._lock = threading.Lock()
        self._tokenizer = None
        self._pos_tokenizer = None

    def _ensure_loaded(self) -> None:
        if self._pos_tokenizer is not None:
            return
        with self._lock:
            if self._pos_tokenizer is not None:
                return
            import jieba
            import jieba.posseg

            logging.getLogger("jieba").setLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            tokenizer.tmp_dir = str(self._cache_dir)
            tokenizer.cache_file = "jieba.cache"
            tokenizer.initialize()
            for path in self._user_dicts:
                tokenizer.load_userdict(str(path))
            self._tokenizer = tokenizer
            self._pos_tokenizer = jieba.posseg.POSTokenizer(tokenizer)

    @property
    def tokenizer(self) -> Any:
        """The underlying ``jieba.Tokenizer`` (loaded on first access)."""
        self._ensure_loaded()
        return self._tokenizer

    def segment(self, text: str) -> list[Token]:
        """Segment a text into words with part-of-speech flags and offsets.

        Full-width letters and digits are folded before segmentation so that ``１９９８年``
        is one number; offsets still point into ``text``.

        Args:
            text: the text to segment.

        Returns:
            Tokens covering the whole text, in order, whitespace included (flag ``x``).
        """
        self._ensure_loaded()
        tokens: list[Token] = []
        position = 0
        for pair in self._pos_tokenizer.cut(fold_width(text), HMM=True):
            word = pair.word
            end = position + len(word)
            tokens.append(Token(text[position:end], pair.flag, position, end))
            position = end
        if position != len(text):
            raise InternalError("jieba lost characters while segmenting")
        return tokens

    def cut(self, text: str) -> list[str]:
        """Cut a short text (a query) into words without part-of-speech tagging.

        Args:
            text: the text to cut.

        Returns:
            The words, whitespace included.
        """
        self._ensure_loaded()
        return list(self._tokenizer.cut(fold_width(text), HMM=True))

    def in_dictionary(self, word: str) -> bool:
        """Tell whether a word is in the loaded dictionary with a positive frequency."""
        self._ensure_loaded()
        return bool(self._tokenizer.FREQ.get(word))
