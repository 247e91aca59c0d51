"""PDF text layers: one archive page per PDF page, each failing alone; broken PDFs refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.formats.dispatch import iter_pages
from reader.formats.model import FailedPage, KnownPage, SourcePage, sha256_hex
from reader.formats.pdf import pdf_page_sha256, reflow
from tests.fixtures.formats import PDF_PAGE_2, encrypted_pdf, issue_pdf, pdf_bytes


def test_each_pdf_page_is_a_page_with_its_text(tmp_path: Path) -> None:
    path = tmp_path / "河东晚报_2024-05-18.pdf"
    path.write_bytes(issue_pdf())
    first, second = iter_pages(path)
    assert isinstance(first, SourcePage) and isinstance(second, SourcePage)
    assert (first.name, first.part) == ("河东晚报_2024-05-18.pdf, page 1", "page 1")
    assert first.source_format == "pdf" and not first.single
    assert first.masthead.page_label == "B1" and second.masthead.page_label == "B2"
    assert first.from_name.publication == "河东晚报" and first.from_name.page_label is None
    lead = first.parsed.articles[0]
    assert (lead.title, lead.subtitle, lead.authors) == ("春茶开采", "青石县茶农忙采摘", ["周婷"])
    assert lead.continues_to == "B2"
    assert lead.paragraphs[0] == (
        "5月17日，青石县南山茶园迎来春茶采摘高峰，二百多名茶农在山间忙碌，当天采摘鲜叶三千余斤。"
    )
    assert second.parsed.articles[0].continued_from == "B1"
    assert "县文化馆举办书法展" in [article.title for article in second.parsed.articles]
    document_sha = sha256_hex(path.read_bytes())
    assert first.sha256 == pdf_page_sha256(document_sha, 1)
    assert first.shared is not None and first.shared.pages == 2
    assert first.data == path.read_bytes()


def test_known_pages_are_not_read_again(tmp_path: Path) -> None:
    path = tmp_path / "issue.pdf"
    path.write_bytes(issue_pdf())
    document_sha = sha256_hex(path.read_bytes())
    known = {pdf_page_sha256(document_sha, 1)}
    first, second = iter_pages(path, is_known=known.__contains__)
    assert isinstance(first, KnownPage) and isinstance(second, SourcePage)


def test_a_page_without_text_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([[], PDF_PAGE_2]))
    first, second = iter_pages(path)
    assert isinstance(first, FailedPage) and isinstance(second, SourcePage)
    assert first.error.startswith("scan.pdf, page 1: no text layer")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: issue_pdf()[: len(issue_pdf()) // 2], "damaged PDF"),
        (encrypted_pdf, "encrypted PDF"),
        (lambda: b"PK\x03\x04" + b"\0" * 200, "not a PDF (it looks like a ZIP archive)"),
        (lambda: b"%PDF-1.4\n%%EOF\n", "damaged PDF"),
    ],
    ids=["truncated", "encrypted", "zip", "empty"],
)
def test_a_broken_pdf_is_one_clear_error(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    outcomes = list(iter_pages(path))
    assert len(outcomes) == 1
    (outcome,) = outcomes
    assert isinstance(outcome, FailedPage), outcome
    assert outcome.error.startswith("bad.pdf: ") and message in outcome.error
    assert "Traceback" not in outcome.error


def test_a_secured_pdf_with_an_empty_password_is_read(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")  # AES needs it (pypdf[crypto])
    path = tmp_path / "secured.pdf"
    path.write_bytes(encrypted_pdf(user_password="", algorithm="AES-128"))
    (page,) = iter_pages(path)
    assert isinstance(page, SourcePage), page
    assert "县文化馆举办书法展" in [article.title for article in page.parsed.articles]


def test_reflow_rejoins_indented_paragraphs_only() -> None:
    wrapped = "\n".join(
        ["标题", "　　第一段开头的文字比较长一些，", "接着写完。", "　　第二段也很长很长很长很长，",
         "第二段结束。"]
    )
    assert reflow(wrapped) == "\n\n".join(
        ["标题", "第一段开头的文字比较长一些，接着写完。", "第二段也很长很长很长很长，第二段结束。"]
    )
    plain = "标题\n正文第一行\n正文第二行"
    assert reflow(plain) == plain
