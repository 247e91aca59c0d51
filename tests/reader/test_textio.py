"""Decoding page files: encodings, mojibake, bad files and clear per-file refusals."""

from __future__ import annotations

import codecs
import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import DecodeError, InputError
from reader.textio import (
    _COMMON_SIMPLIFIED,
    DOUBTFUL_CONFIDENCE,
    DecodedText,
    decode_page_bytes,
    normalize_text,
)
from tests.fixtures.badfiles import (
    DECLARED_ENCODINGS,
    SIMPLIFIED_PAGE,
    TRADITIONAL_PAGE,
    VALID,
    write_bad_files,
)

# An invented paragraph in the style of a county newspaper, and its Traditional form.
PARAGRAPH = (
    "本报讯　3月14日，晋南县农业技术推广站在东关镇举办春耕备耕培训会，"
    "邀请省农科院专家讲解小麦病虫害防治和节水灌溉技术，来自全县十二个乡镇的"
    "二百多名种植户参加培训。\n\n"
    "培训结束后，专家们还来到田间地头，现场查看麦苗长势，解答农户提出的问题。"
    "县农业农村局负责人表示，今年将继续组织技术人员下乡服务，帮助农民增产增收。\n"
)
PARAGRAPH_TRADITIONAL = (
    "本報訊　3月14日，晉南縣農業技術推廣站在東關鎮舉辦春耕備耕培訓會，"
    "邀請省農科院專家講解小麥病蟲害防治和節水灌溉技術，來自全縣十二個鄉鎮的"
    "二百多名種植戶參加培訓。\n\n"
    "培訓結束後，專家們還來到田間地頭，現場查看麥苗長勢，解答農戶提出的問題。"
    "縣農業農村局負責人表示，今年將繼續組織技術人員下鄉服務，幫助農民增產增收。\n"
)

CRLF_PARAGRAPH = PARAGRAPH.replace("\n", "\r\n")


def _decode(data: bytes, **kwargs: object) -> DecodedText:
    return decode_page_bytes(data, source="page.txt", **kwargs)  # type: ignore[arg-type]


def _refusal(data: bytes, **kwargs: object) -> str:
    with pytest.raises(DecodeError) as caught:
        decode_page_bytes(data, source="page.txt", **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith("page.txt: ")
    return message


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (PARAGRAPH.encode("utf-8"), PARAGRAPH, "utf-8"),
        (PARAGRAPH.encode("utf-8-sig"), PARAGRAPH, "utf-8-sig"),
        (PARAGRAPH.encode("gb18030"), PARAGRAPH, "gb18030"),
        (PARAGRAPH.encode("gbk"), PARAGRAPH, "gb18030"),
        (PARAGRAPH.encode("gb2312"), PARAGRAPH, "gb18030"),
        (PARAGRAPH_TRADITIONAL.encode("big5"), PARAGRAPH_TRADITIONAL, "big5"),
        (PARAGRAPH_TRADITIONAL.encode("cp950"), PARAGRAPH_TRADITIONAL, "big5"),
        (codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le"), PARAGRAPH, "utf-16-le"),
        (codecs.BOM_UTF16_BE + PARAGRAPH.encode("utf-16-be"), PARAGRAPH, "utf-16-be"),
        (PARAGRAPH.encode("utf-16"), PARAGRAPH, "utf-16-le"),  # Python writes LE with BOM
        (codecs.BOM_UTF32_LE + PARAGRAPH.encode("utf-32-le"), PARAGRAPH, "utf-32-le"),
        (PARAGRAPH.encode("utf-16-le"), PARAGRAPH, "utf-16-le"),  # no BOM: found by NULs
        (PARAGRAPH.encode("utf-16-be"), PARAGRAPH, "utf-16-be"),
        (
            PARAGRAPH.replace("\n", "\r\n").encode("gb18030"),
            PARAGRAPH.replace("\n", "\r\n"),
            "gb18030",
        ),
    ],
    ids=[
        "utf-8",
        "utf-8-sig",
        "gb18030",
        "gbk",
        "gb2312",
        "big5",
        "cp950",
        "utf-16-le-bom",
        "utf-16-be-bom",
        "utf-16",
        "utf-32-le-bom",
        "utf-16-le-no-bom",
        "utf-16-be-no-bom",
        "gb18030-crlf",
    ],
)
def test_supported_encodings_decode_exactly(data: bytes, text: str, encoding: str) -> None:
    decoded = _decode(data)
    assert decoded.text == text
    assert decoded.encoding == encoding
    assert decoded.confidence >= 0.9
    assert not decoded.doubtful


def test_big5_bytes_that_decode_as_gb18030_are_read_as_big5() -> None:
    data = PARAGRAPH_TRADITIONAL.encode("big5")
    mojibake = data.decode("gb18030")  # the pitfall: a strict decode proves nothing
    assert mojibake != PARAGRAPH_TRADITIONAL
    decoded = _decode(data)
    assert decoded.encoding == "big5"
    assert decoded.text == PARAGRAPH_TRADITIONAL


def test_big5_wins_over_a_wrong_declaration_of_gb18030() -> None:
    decoded = _decode(PARAGRAPH_TRADITIONAL.encode("big5"), declared="gb18030")
    assert decoded.encoding == "big5"
    assert decoded.text == PARAGRAPH_TRADITIONAL
    assert any("declared encoding gb18030 ignored" in note for note in decoded.notes)


def test_declared_but_wrong_encoding_falls_back_and_lowers_confidence() -> None:
    data = PARAGRAPH.encode("gb18030")
    plain = _decode(data)
    declared_wrong = _decode(data, declared="big5")
    assert declared_wrong.text == PARAGRAPH
    assert declared_wrong.encoding == "gb18030"
    assert declared_wrong.confidence < plain.confidence
    assert any("big5" in note for note in declared_wrong.notes)


def test_declared_encoding_that_fits_is_used() -> None:
    assert _decode(PARAGRAPH.encode("gbk"), declared="GBK").encoding == "gb18030"
    assert _decode(PARAGRAPH.encode("utf-8"), declared="utf8").encoding == "utf-8"


def test_declared_utf8_on_gb18030_bytes_is_ignored() -> None:
    decoded = _decode(PARAGRAPH.encode("gb18030"), declared="utf-8")
    assert decoded.encoding == "gb18030"
    assert any("not valid utf-8" in note for note in decoded.notes)


def test_byte_order_mark_wins_over_a_declaration() -> None:
    decoded = _decode(PARAGRAPH.encode("utf-8-sig"), declared="gb18030")
    assert decoded.encoding == "utf-8-sig"
    assert decoded.notes


def test_unknown_declared_encoding_is_refused_clearly() -> None:
    assert "unknown encoding 'klingon-8'" in _refusal(b"abc", declared="klingon-8")
    assert "unknown encoding 'base64'" in _refusal(b"abc", declared="base64")


def test_empty_file() -> None:
    assert _refusal(b"") == "page.txt: empty file"
    assert "empty file" in _refusal(b" \r\n\t\n")
    assert "empty file" in _refusal(codecs.BOM_UTF8)
    assert "empty file" in _refusal("\u3000\n".encode("gb18030"))


def test_binary_files() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))
    assert "binary file, not text (it looks like a PNG image)" in _refusal(png)
    assert "binary file" in _refusal(b"%PDF-1.7\n" + PARAGRAPH.encode())


def test_nul_bytes_make_a_binary_file() -> None:
    data = PARAGRAPH.encode("utf-8")
    message = _refusal(data[:30] + b"\x00" + data[30:])
    assert "binary file, not text (NUL byte at byte 30)" in message


def test_control_characters_make_a_binary_file() -> None:
    data = PARAGRAPH.encode("gb18030")
    message = _refusal(data[:40] + b"\x07" + data[40:])
    assert "binary file, not text (control byte 0x07 at byte 40, line 1" in message
    # a C1 control character only exists after decoding
    assert "control character U+0085" in _refusal((PARAGRAPH + "\x85").encode("utf-8"))


def test_dos_end_of_file_mark_is_dropped() -> None:
    decoded = _decode(PARAGRAPH.encode("gb18030") + b"\x1a")
    assert decoded.text == PARAGRAPH


def test_truncated_utf8_names_the_byte() -> None:
    data = PARAGRAPH.encode("utf-8")
    cut = data[:-3]  # "。\n" is E3 80 82 0A: keeps only the first byte of 。
    message = _refusal(cut)
    assert f"truncated or invalid UTF-8 at byte {len(cut) - 1}" in message
    assert "ends in the middle of a character" in message


def test_invalid_byte_inside_utf8_names_the_byte() -> None:
    data = bytearray(PARAGRAPH.encode("utf-8"))
    data[60] = 0xFF
    assert "truncated or invalid UTF-8 at byte 60" in _refusal(bytes(data))


def test_truncated_gb18030_is_reported_as_such() -> None:
    data = PARAGRAPH.encode("gb18030")[:-4]  # "收。\n" is 4+2+1 bytes… keeps half of 收
    assert data[-1] >= 0x81
    assert "truncated or invalid GB18030" in _refusal(data)


def test_invalid_utf16_after_byte_order_mark() -> None:
    data = codecs.BOM_UTF16_LE + PARAGRAPH.encode("utf-16-le") + b"\x41"
    assert "truncated or invalid UTF-16 at byte" in _refusal(data)


def test_file_too_large() -> None:
    data = PARAGRAPH.encode("utf-8") * 4000
    assert 1.75 < len(data) / 2**20 < 1.85
    message = _refusal(data, max_bytes=1024 * 1024)
    assert "file too large (1.8 MB, limit 1 MB)" in message
    assert _decode(data, max_bytes=2 * 1024 * 1024).text == PARAGRAPH * 4000


def test_a_one_megabyte_line_is_valid_text() -> None:
    line = "科技周报" * (1024 * 1024 // 12) + "。"
    data = f"长行测试\n{line}\n".encode()
    assert len(data) > 1024 * 1024
    decoded = _decode(data)
    assert decoded.text.splitlines()[1] == line
    assert not decoded.doubtful


def test_a_line_over_the_limit_is_refused() -> None:
    data = ("第一行\n" + "长" * 1001 + "\n").encode()
    assert "line 2 too long (1,001 characters, limit 1,000)" in _refusal(data, max_line_chars=1000)


def test_latin_looking_garbage_is_refused() -> None:
    # GB18030 bytes read as Latin-1 and saved again as UTF-8: valid UTF-8, not text
    data = PARAGRAPH.encode("gb18030").decode("latin-1").encode("utf-8")
    assert "not readable text" in _refusal(data)


def test_symbol_soup_is_refused() -> None:
    data = ("⌘⌬⍟⎈⏣" * 40 + "\n").encode("utf-8")
    assert "not readable text" in _refusal(data)


def test_utf8_mojibake_of_rare_characters_is_kept_but_doubtful() -> None:
    # UTF-8 bytes read as GB18030 and saved again as UTF-8: valid UTF-8 of rare characters
    mojibake = "".join(_as_gb18030(PARAGRAPH[i : i + 2]) for i in range(0, len(PARAGRAPH), 2))
    assert len(mojibake) > 40
    decoded = _decode(mojibake.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.doubtful
    assert any("common ones" in note for note in decoded.notes)


def _as_gb18030(pair: str) -> str:
    """Two characters' UTF-8 bytes read as GB18030, or "" when they are not valid GB18030."""
    try:
        return pair.encode("utf-8").decode("gb18030")
    except UnicodeDecodeError:
        return ""


def _big5_only(text: str) -> str:
    """The text without the characters Big5 cannot encode."""
    out = []
    for char in text:
        try:
            char.encode("big5")
        except UnicodeEncodeError:
            continue
        out.append(char)
    return "".join(out)


def test_short_legacy_text_is_doubtful() -> None:
    decoded_or_error: DecodedText | DecodeError
    try:
        decoded_or_error = _decode("中文".encode("gb18030"))
    except DecodeError as error:
        decoded_or_error = error
    if isinstance(decoded_or_error, DecodedText):
        assert decoded_or_error.confidence < DOUBTFUL_CONFIDENCE
        assert decoded_or_error.text == "中文"


def test_short_utf8_text_is_sure() -> None:
    decoded = _decode("中文".encode())
    assert decoded.text == "中文"
    assert not decoded.doubtful


def test_ascii_is_utf8_and_sure() -> None:
    decoded = _decode(b"Page 3\n\nNo Chinese on this page.\n")
    assert (decoded.encoding, decoded.confidence) == ("utf-8", 1.0)


def test_accepts_bytearray_and_memoryview() -> None:
    data = PARAGRAPH.encode("gb18030")
    assert _decode(bytearray(data)).text == PARAGRAPH  # type: ignore[arg-type]
    assert _decode(memoryview(data)).text == PARAGRAPH  # type: ignore[arg-type]


def test_decode_error_is_an_input_error() -> None:
    assert issubclass(DecodeError, InputError)


def test_normalize_text() -> None:
    assert normalize_text("\ufeff一\r\n二\r三\n") == "一\n二\n三\n"
    assert normalize_text("甲\n\n乙") == "甲\n\n乙"
    assert normalize_text("") == ""


def test_bad_files_give_their_expected_problem(tmp_path: Path) -> None:
    expected = write_bad_files(tmp_path)
    assert {"empty.txt", "binary.bin", "nul.txt", "truncated_utf8.txt", "big5_page.txt"} <= set(
        expected
    )
    assert {"long_line.txt", "script.txt", "wrong_declared.txt"} <= set(expected)
    for name, keyword in expected.items():
        data = (tmp_path / name).read_bytes()
        declared = DECLARED_ENCODINGS.get(name)
        if keyword == VALID:
            decoded = decode_page_bytes(data, source=name, declared=declared)
            assert decoded.text.strip(), name
        else:
            with pytest.raises(DecodeError) as caught:
                decode_page_bytes(data, source=name, declared=declared)
            assert keyword in str(caught.value), name
            assert str(caught.value).startswith(f"{name}: ")


def test_bad_files_valid_ones_keep_their_text(tmp_path: Path) -> None:
    write_bad_files(tmp_path)
    big5 = decode_page_bytes((tmp_path / "big5_page.txt").read_bytes(), source="big5_page.txt")
    assert (big5.encoding, big5.text) == ("big5", TRADITIONAL_PAGE)
    wrong = decode_page_bytes(
        (tmp_path / "wrong_declared.txt").read_bytes(),
        source="wrong_declared.txt",
        declared=DECLARED_ENCODINGS["wrong_declared.txt"],
    )
    assert (wrong.encoding, wrong.text) == ("gb18030", SIMPLIFIED_PAGE)
    script = decode_page_bytes((tmp_path / "script.txt").read_bytes(), source="script.txt")
    assert "<script>alert(1)</script>" in script.text
    assert '<img src="file:///etc/passwd">' in script.text


def test_huge_file_only_when_asked(tmp_path: Path) -> None:
    assert "huge.txt" not in write_bad_files(tmp_path / "small")
    expected = write_bad_files(tmp_path / "big", include_huge=True)
    data = (tmp_path / "big" / "huge.txt").read_bytes()
    assert len(data) >= 20 * 1024 * 1024
    with pytest.raises(DecodeError) as caught:
        decode_page_bytes(data, source="huge.txt", max_bytes=8 * 1024 * 1024)
    assert expected["huge.txt"] in str(caught.value)
    decoded = decode_page_bytes(data, source="huge.txt")  # valid text under the default limit
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith(SIMPLIFIED_PAGE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_random_bytes_never_raise_anything_but_decode_error(data: bytes) -> None:
    try:
        decoded = decode_page_bytes(data, source="random.bin")
    except DecodeError as error:
        assert str(error).startswith("random.bin: ")
        return
    assert decoded.text.strip()
    assert 0.0 <= decoded.confidence <= 1.0
    assert decoded.text == data.decode(decoded.encoding).removesuffix("\x1a").removeprefix("\ufeff")


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), st.sampled_from(["gb18030", "big5", "utf-8", "latin-1", "utf-16"]))
def test_random_bytes_with_a_declared_encoding_never_crash(data: bytes, declared: str) -> None:
    with contextlib.suppress(DecodeError):
        decode_page_bytes(data, source="random.bin", declared=declared)


_HAN_ALPHABET = _COMMON_SIMPLIFIED[:600]
_TEXT_ALPHABET = _HAN_ALPHABET + "，。、：“”"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=_TEXT_ALPHABET, min_size=1, max_size=200))
def test_any_chinese_text_round_trips_through_utf8(text: str) -> None:
    decoded = _decode(text.encode("utf-8"))
    assert (decoded.text, decoded.encoding) == (text, "utf-8")


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=_HAN_ALPHABET, min_size=30, max_size=300))
def test_longer_chinese_text_round_trips_through_gb18030(text: str) -> None:
    decoded = _decode(text.encode("gb18030"))
    assert (decoded.text, decoded.encoding) == (text, "gb18030")
    assert not decoded.doubtful


def test_real_page_in_three_encodings(shared_dir: Path) -> None:
    opencc = pytest.importorskip("opencc")
    text = (shared_dir / "samples" / "seed-page.txt").read_text("utf-8")
    assert _decode(text.encode("utf-8")).confidence == 1.0
    assert _decode(text.encode("gb18030")).text == text
    traditional = _big5_only(opencc.OpenCC("s2t").convert(text))
    decoded = _decode(traditional.encode("big5"))
    assert (decoded.text, decoded.encoding) == (traditional, "big5")
    assert not decoded.doubtful
