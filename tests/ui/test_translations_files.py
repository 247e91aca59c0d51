"""The Chinese translation is complete and compiled: no string of the window is untranslated."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


def test_every_chinese_string_is_translated() -> None:
    tree = ElementTree.parse(TRANSLATIONS / "baokan_zh_CN.ts")
    messages = tree.getroot().iter("message")
    missing = [
        message.findtext("source")
        for message in messages
        if (translation := message.find("translation")) is None
        or translation.get("type") == "unfinished"
        or not "".join(translation.itertext()).strip()
    ]
    assert missing == []


def test_every_translation_is_compiled() -> None:
    for source in TRANSLATIONS.glob("*.ts"):
        compiled = source.with_suffix(".qm")
        assert compiled.is_file(), compiled
        assert compiled.stat().st_size > 0
