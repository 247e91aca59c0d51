"""The ``page-source`` command: export a page's original file (or one of its scans)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from sqlalchemy import select

from db.models import PageImage
from reader.archive import Archive
from reader.errors import InputError, NotFoundError
from reader.formats.originals import page_original


def cmd_page_source(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Write the original a page was imported from (a PDF page: the whole PDF) to a file.

    With ``--scan N`` the page's N-th scan (from 1) is written instead. The output file must
    not exist yet; without ``--output`` the original's own name is used in the current
    folder.
    """
    with archive.db.read() as session:
        if args.scan is not None:
            image = session.scalar(
                select(PageImage).where(
                    PageImage.page_id == args.page_id, PageImage.seq == args.scan - 1
                )
            )
            if image is None:
                raise NotFoundError(f"page {args.page_id} has no scan number {args.scan}")
            name, media_type, data = image.file_name, image.media_type, bytes(image.data)
        else:
            original = page_original(session, args.page_id)
            name, media_type, data = original.file_name, original.media_type, original.data
    target = Path(args.output) if args.output else Path(Path(name).name or "page")
    if target.exists():
        raise InputError(f"{target} already exists: choose another file (--output)")
    target.write_bytes(data)
    if args.json:
        out.write(
            json.dumps(
                {"file": str(target), "media_type": media_type, "bytes": len(data)},
                ensure_ascii=False,
            )
            + "\n"
        )
    else:
        out.write(f"{target}  ({media_type}, {len(data)} bytes)\n")
    return 0


Handler = Callable[[argparse.Namespace, Archive, TextIO], int]

HANDLERS: dict[str, tuple[Handler, bool]] = {"page-source": (cmd_page_source, False)}
"""The commands of this module: name → (handler, whether it writes to the archive)."""
