"""Scans: type sniffed from the bytes, size from the header, bombs and non-images refused."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from reader.formats.dispatch import drop_companions, iter_pages
from reader.formats.model import FailedPage, Limits, SourcePage
from reader.formats.scans import check_scan, read_image_header
from tests.fixtures.formats import huge_png_header, png_bytes

PAGE = "县城新添口袋公园\n\n本报讯　城西的一片空地改建成了口袋公园。\n"


def _jpeg(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0\1\1\0\0\1\0\1\0\0"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\1\x11\0"
    return b"\xff\xd8" + app0 + sof + b"\xff\xd9"


def _tiff(width: int, height: int, order: str = "<") -> bytes:
    magic = b"II*\0" if order == "<" else b"MM\0*"
    entries = [(256, 3, 1, width), (257, 4, 1, height), (258, 3, 1, 8)]
    body = struct.pack(order + "H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack(order + "H", value) + b"\0\0" if kind == 3 else struct.pack(
            order + "I", value
        )
        body += struct.pack(order + "HHI", tag, kind, count) + packed
    return magic + struct.pack(order + "I", 8) + body + b"\0\0\0\0"


def test_headers_are_read_without_decoding() -> None:
    assert read_image_header(png_bytes(24, 32)).media_type == "image/png"
    png = read_image_header(png_bytes(24, 32))
    assert (png.width, png.height) == (24, 32)
    jpeg = read_image_header(_jpeg(1800, 2600))
    assert (jpeg.media_type, jpeg.width, jpeg.height) == ("image/jpeg", 1800, 2600)
    for order in "<>":
        tiff = read_image_header(_tiff(3000, 4200, order))
        assert (tiff.media_type, tiff.width, tiff.height) == ("image/tiff", 3000, 4200)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"hello, I am text", "not a PNG, JPEG or TIFF image"),
        (b"%PDF-1.4 ...", "a PDF document"),
        (b"\x00\x00\x00\x0cjP  \r\n\x87\n....", "JPEG 2000"),
        (b"\x89PNG\r\n\x1a\n\0\0", "truncated"),
        (b"", "empty"),
    ],
)
def test_what_is_not_an_image_is_named(data: bytes, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_image_header(data)


def test_a_decompression_bomb_is_refused_from_its_header() -> None:
    with pytest.raises(ValueError, match="decompression bomb"):
        check_scan(huge_png_header(), "bomb.png", Limits())
    scan = check_scan(png_bytes(10, 10), "ok.png", Limits())
    assert (scan.width, scan.height, scan.media_type) == (10, 10, "image/png")


def test_a_scan_beside_its_page_is_stored_with_it(tmp_path: Path) -> None:
    page = tmp_path / "a1.txt"
    page.write_text(PAGE, encoding="utf-8")
    (tmp_path / "a1.PNG").write_bytes(png_bytes(30, 40))
    (tmp_path / "a1.jpg").write_bytes(_jpeg(300, 400))
    (tmp_path / "a10.png").write_bytes(png_bytes())  # another stem: not this page's
    (outcome,) = iter_pages(page)
    assert isinstance(outcome, SourcePage)
    assert [(i.file_name, i.media_type) for i in outcome.images] == [
        ("a1.PNG", "image/png"),
        ("a1.jpg", "image/jpeg"),
    ]
    without = tmp_path / "other" / "a1.txt"
    without.parent.mkdir()
    without.write_text(PAGE, encoding="utf-8")
    (alone,) = iter_pages(without)
    assert isinstance(alone, SourcePage)
    assert alone.sha256 != outcome.sha256  # the scans are part of the page's identity


@pytest.mark.parametrize(
    ("image", "message"),
    [(b"not an image at all", "not a PNG, JPEG or TIFF"), (None, "decompression bomb")],
)
def test_a_bad_scan_fails_its_page_with_a_clear_message(
    tmp_path: Path, image: bytes | None, message: str
) -> None:
    page = tmp_path / "a1.txt"
    page.write_text(PAGE, encoding="utf-8")
    (tmp_path / "a1.png").write_bytes(image if image is not None else huge_png_header())
    (outcome,) = iter_pages(page)
    assert isinstance(outcome, FailedPage)
    assert outcome.error.startswith("a1.txt: scan a1.png") and message in outcome.error


def test_a_scan_given_alone_is_no_page_and_beside_its_page_is_dropped(tmp_path: Path) -> None:
    page = tmp_path / "a1.txt"
    page.write_text(PAGE, encoding="utf-8")
    scan = tmp_path / "a1.png"
    scan.write_bytes(png_bytes())
    assert drop_companions([page, scan]) == [page]
    assert drop_companions([scan]) == [scan]
    (outcome,) = iter_pages(scan)
    assert isinstance(outcome, FailedPage) and "a scan, not a page file" in outcome.error
