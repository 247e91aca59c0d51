"""One writer per archive, across processes: refused by name, readers alongside, gone on kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.archive import Archive
from tests.reader.reliability.conftest import CliRunner

REPO = Path(__file__).resolve().parents[3]

_HOLDER = """
import sys, time
from pathlib import Path
from reader.archive import Archive
from reader.paths import ArchivePaths
archive = Archive(ArchivePaths(Path(sys.argv[1])), write=True)
print("holding", flush=True)
time.sleep(120)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_another_process_holding_the_archive_is_named_and_its_death_frees_it(
    filled: Archive, cli: CliRunner
) -> None:
    root = filled.root
    filled.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(root)], stdout=subprocess.PIPE, text=True, cwd=REPO
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        status, _out, err = cli("--archive", str(root), "reindex")
        assert status == 1
        assert f"process {holder.pid}" in err and "read-only commands still work" in err
        status, _out, err = cli("--archive", str(root), "restore", "latest")
        assert status != 0 and ("no backups" in err or f"process {holder.pid}" in err)
        status, out, _err = cli("--archive", str(root), "articles")
        assert status == 0 and "古镇老街焕新颜" in out  # a reader runs alongside
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    status, _out, _err = cli("--archive", str(root), "backup")
    assert status == 0
    status, out, err = cli("--archive", str(root), "restore", "latest")
    assert status == 0, err  # the killed holder left no lock behind
    assert "restored" in out
