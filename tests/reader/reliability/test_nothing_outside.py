"""Nothing outside the archive: no jieba cache in the temp folder, no socket ever opened."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from reader.archive import Archive
from reader.importer import Importer
from reader.segment import Segmenter
from tests.fixtures.pages import write_issue

REPO = Path(__file__).resolve().parents[3]

_FLOW = """
import json, sys, tempfile
from pathlib import Path
from reader.archive import Archive
from reader.importer import Importer
from reader.paths import ArchivePaths
from tests.fixtures.pages import write_issue

root, pages = Path(sys.argv[1]), Path(sys.argv[2])
with Archive(ArchivePaths(root), write=True) as archive:
    Importer(archive).run(list(write_issue(pages)))
    archive.search.ensure_current()
    hits = archive.search.search("老街").total
    import jieba
    state = {"temp": tempfile.gettempdir(), "hits": hits,
             "initialised_by_the_app": bool(jieba.dt.initialized)}
    jieba.lcut("老街上的居民")  # a stray use of jieba's own tokenizer, for the worst case
    state["jieba_cache_dir"] = jieba.dt.tmp_dir
print(json.dumps(state))
"""


def test_a_planted_jieba_cache_in_the_temp_folder_is_never_read_or_written(
    tmp_path: Path,
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    planted = temp / "jieba.cache"
    planted.write_bytes(b"\x00corrupt marshal data that must never be loaded\xff" * 10)
    before = planted.read_bytes()
    root = tmp_path / "archive"
    completed = subprocess.run(
        [sys.executable, "-c", _FLOW, str(root), str(tmp_path / "pages")],
        cwd=REPO,
        env={**os.environ, "TMPDIR": str(temp), "TEMP": str(temp), "TMP": str(temp)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    state = json.loads(completed.stdout.strip().splitlines()[-1])
    assert state["temp"] == str(temp)  # the temp folder really was the planted one
    assert state["hits"] == 1
    assert state["initialised_by_the_app"] is False  # the app never uses jieba's tokenizer
    assert Path(state["jieba_cache_dir"]).is_relative_to(root / "cache")
    assert planted.read_bytes() == before
    assert sorted(path.name for path in temp.iterdir()) == ["jieba.cache"]  # nothing added
    assert (root / "cache" / "jieba" / "jieba.cache").is_file()  # the stray use cached here


class _NoNetwork(socket.socket):
    def __init__(self, *args: object, **kwargs: object) -> None:
        raise AssertionError("a socket was opened")


def forbid_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every way of opening a connection fail loudly."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a network call was made")

    monkeypatch.setattr(socket, "socket", _NoNetwork)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    monkeypatch.setattr(socket, "socketpair", refuse)


def test_import_and_search_open_no_socket(
    archive: Archive, tmp_path: Path, segmenter: Segmenter, monkeypatch: pytest.MonkeyPatch
) -> None:
    forbid_network(monkeypatch)
    archive.segmenter = segmenter
    report = Importer(archive).run(list(write_issue(tmp_path / "pages")))
    assert not report.failed
    archive.search.ensure_current()
    assert archive.search.search("老街").total == 1
    with pytest.raises(AssertionError, match="socket"):  # the guard itself works
        socket.socket()
