"""ZIP archives: every page file inside imported, hostile members refused by name."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from reader.errors import InputError
from reader.formats.archive_zip import ZipContainer, member_name, unsafe_name_reason
from reader.formats.dispatch import iter_pages
from reader.formats.model import FailedPage, Limits, SourcePage
from tests.fixtures.formats import (
    EPAPER_ARTICLE,
    issue_pdf,
    png_bytes,
    write_gbk_named_zip,
    write_hostile_zip,
    write_mets_issue,
    write_zip,
)

GOOD_PAGE = (
    "河东晚报　2024年5月19日　第C1版\n\n城西菜市场完成改造\n\n"
    "本报讯　城西菜市场改造完工，摊位增至一百二十个。\n"
)


def _bundle(tmp_path: Path) -> Path:
    mets = write_mets_issue(tmp_path / "src")
    members = {
        "epaper/A03.html": EPAPER_ARTICLE.read_bytes(),
        "epaper/A03.png": png_bytes(),
        "issue.pdf": issue_pdf(),
        "河东晚报_2024-05-19_C1.txt": GOOD_PAGE.encode("gb18030"),
        "__MACOSX/._issue.pdf": b"\0\5\26\7",
        ".DS_Store": b"\0\0\0\1Bud1",
    }
    for path in sorted(mets.parent.rglob("*")):
        if path.is_file():
            members[f"mets/{path.relative_to(mets.parent).as_posix()}"] = path.read_bytes()
    return write_zip(tmp_path / "bundle.zip", members)


def test_every_format_inside_a_zip_is_read(tmp_path: Path) -> None:
    outcomes = list(iter_pages(_bundle(tmp_path)))
    assert all(isinstance(outcome, SourcePage) for outcome in outcomes), outcomes
    names = [outcome.name for outcome in outcomes]
    assert names == [
        "bundle.zip:epaper/A03.html",
        "bundle.zip:issue.pdf, page 1",
        "bundle.zip:issue.pdf, page 2",
        "bundle.zip:mets/mets.xml, page 1",
        "bundle.zip:mets/mets.xml, page 2",
        "bundle.zip:河东晚报_2024-05-19_C1.txt",
    ]
    by_name = {outcome.name: outcome for outcome in outcomes if isinstance(outcome, SourcePage)}
    html = by_name["bundle.zip:epaper/A03.html"]
    assert html.part == "epaper/A03.html"
    assert html.data == EPAPER_ARTICLE.read_bytes()  # the member's own bytes
    assert [image.file_name for image in html.images] == ["A03.png"]
    assert by_name["bundle.zip:issue.pdf, page 2"].part == "issue.pdf, page 2"
    assert [image.file_name for image in by_name["bundle.zip:mets/mets.xml, page 1"].images] == [
        "0001.png"
    ]
    text = by_name["bundle.zip:河东晚报_2024-05-19_C1.txt"]
    assert text.from_name.page_label == "C1" and text.encoding == "gb18030"


def test_hostile_members_are_refused_by_name_and_the_rest_is_read(tmp_path: Path) -> None:
    path = write_hostile_zip(tmp_path / "hostile.zip", {"good.txt": GOOD_PAGE.encode()})
    outcomes = list(iter_pages(path))
    failed = {o.part: o.error for o in outcomes if isinstance(o, FailedPage)}
    read = [o.name for o in outcomes if isinstance(o, SourcePage)]
    assert read == ["hostile.zip:good.txt"]
    assert "path leaving the archive" in failed["../../evil.txt"]
    assert "absolute path" in failed["/etc/cron.d/evil.txt"]
    assert "absolute path" in failed["C:/Windows/evil.txt"]
    assert "symbolic link" in failed["link.txt"]
    assert "ZIP bomb" in failed["bomb.txt"]
    assert "encrypted member" in failed["secret.txt"]
    assert "inside a ZIP archive is not opened" in failed["inner.zip"]
    for part, error in failed.items():
        assert error.startswith(f"hostile.zip:{part}: ")
    assert not (tmp_path.parent / "evil.txt").exists()


def test_the_total_size_is_checked_while_reading(tmp_path: Path) -> None:
    members = {f"p{number}.txt": GOOD_PAGE.encode() * 40 for number in range(6)}
    path = write_zip(tmp_path / "many.zip", members)
    limits = Limits(max_zip_total=3 * len(members["p0.txt"]) + 10)
    outcomes = list(iter_pages(path, limits=limits))
    assert [type(o).__name__ for o in outcomes] == ["SourcePage"] * 3 + ["FailedPage"]
    assert "the rest of it is not read" in outcomes[-1].error


def test_too_many_entries_are_refused_before_reading(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "crowd.zip", {f"p{n}.txt": b"x" for n in range(30)})
    (outcome,) = iter_pages(path, limits=Limits(max_zip_members=10))
    assert isinstance(outcome, FailedPage)
    assert "30 entries" in outcome.error


def test_gbk_member_names_from_chinese_windows_are_read(tmp_path: Path) -> None:
    name = "河东晚报_2024-05-19_C1.txt"
    path = write_gbk_named_zip(tmp_path / "gbk.zip", name, GOOD_PAGE.encode())
    with zipfile.ZipFile(path) as archive:
        (info,) = archive.infolist()
        assert not info.flag_bits & 0x800
        assert member_name(info) == "河东晚报_2024-05-19_C1.txt"
    (page,) = iter_pages(path)
    assert isinstance(page, SourcePage)
    assert page.from_name.publication == "河东晚报"


def test_an_empty_or_damaged_zip_is_one_clear_error(tmp_path: Path) -> None:
    empty = write_zip(tmp_path / "empty.zip", {"readme.md": b"# nothing"})
    (outcome,) = iter_pages(empty)
    assert isinstance(outcome, FailedPage) and "no page files" in outcome.error
    broken = tmp_path / "broken.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    (outcome,) = iter_pages(broken)
    assert isinstance(outcome, FailedPage) and outcome.error.startswith("broken.zip: ")


def test_a_corrupted_member_is_reported_not_raised(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "crc.zip", {"a.txt": GOOD_PAGE.encode() * 20})
    data = bytearray(path.read_bytes())
    start = data.index(b"PK\x03\x04") + 30 + len("a.txt") + 5
    data[start] ^= 0xFF  # damage the compressed stream
    path.write_bytes(bytes(data))
    (outcome,) = iter_pages(path)
    assert isinstance(outcome, FailedPage) and "damaged member" in outcome.error


@pytest.mark.parametrize(
    "name", ["../x.txt", "a/../../x.txt", "/abs.txt", "C:\\x.txt", "a\\..\\..\\x.txt", "n\0.txt"]
)
def test_unsafe_names(name: str) -> None:
    assert unsafe_name_reason(name) is not None


def test_safe_names_are_not_refused() -> None:
    for name in ("a.txt", "folder/b.html", "河东晚报/第1版.txt", "a..b.txt"):
        assert unsafe_name_reason(name) is None


def test_a_member_is_never_written_to_disk(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "plain.zip", {"sub/a.txt": GOOD_PAGE.encode()})
    before = {p for p in tmp_path.rglob("*")}
    with ZipContainer(path, Limits(), "plain.zip") as container:
        assert container.read("sub/a.txt", 10_000) == GOOD_PAGE.encode()
        with pytest.raises(InputError, match="too large"):
            container.read("sub/a.txt", 10)
    assert {p for p in tmp_path.rglob("*")} == before
    shutil.rmtree(tmp_path / "plain.zip", ignore_errors=True)
