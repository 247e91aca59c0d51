"""The Qt binding does not leak references to None or True (PySide6 6.12.0 on Python 3.11 did).

Every article shown makes about 125 such calls; a leak crashed the window with
"Fatal Python error: none_dealloc" after a few hundred articles.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCharFormat


class _Emitter(QObject):
    fired = Signal()


def test_void_calls_and_emits_keep_reference_counts() -> None:
    text_format = QTextCharFormat()
    emitter = _Emitter()
    none_before = sys.getrefcount(None)
    true_before = sys.getrefcount(True)
    for _ in range(1000):
        text_format.setFontItalic(True)
        emitter.fired.emit()
    assert sys.getrefcount(None) - none_before < 50
    assert sys.getrefcount(True) - true_before < 50
