"""The ``qc`` command: the archive's quality report as a table grouped by kind, or as JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TextIO

from sqlalchemy import select

from db.models import Publication
from reader.archive import Archive
from reader.errors import InputError
from reader.qc import Finding, FindingKind, QualityReport, quality_report
from reader.textwidth import format_table

KIND_TITLES: dict[FindingKind, str] = {
    FindingKind.MISSING_ISSUE: "missing issues",
    FindingKind.MISSING_PAGE: "missing pages",
    FindingKind.LOW_CONFIDENCE: "pages with a doubtful decoding",
    FindingKind.BROKEN_CONTINUATION: "continuations to a missing page",
    FindingKind.UNJOINED_CONTINUATION: "continuations not joined",
    FindingKind.SHORT_ARTICLE: "very short articles",
    FindingKind.LONG_ARTICLE: "very long articles",
    FindingKind.NO_HEADLINE: "articles without a headline",
    FindingKind.SUSPECT_HEADLINE: "suspect headlines",
}
"""The title of each kind's section in the table output."""


def _publication_id(archive: Archive, name: str | None) -> int | None:
    if name is None:
        return None
    with archive.db.read() as session:
        found = session.scalar(select(Publication.id).where(Publication.name == name))
        if found is None:
            known = session.scalars(select(Publication.name).order_by(Publication.name)).all()
    if found is None:
        listed = "、".join(known) if known else "none"
        raise InputError(f"no publication named {name!r} (publications: {listed})")
    return found


def _row(finding: Finding) -> list[str]:
    where = [finding.date.isoformat() if finding.date else "", finding.page_label or ""]
    article = str(finding.article_id) if finding.article_id is not None else ""
    title = str(finding.details.get("title", ""))
    return [finding.severity, finding.publication, *where, article, title, finding.message]


def print_report(report: QualityReport, out: TextIO) -> None:
    """Write the report as plain text: the publications, then one table per kind, then counts.

    Args:
        report: the report.
        out: where to write.
    """
    for publication in report.publications:
        span = (
            f", {publication.first.isoformat()} – {publication.last.isoformat()}"
            if publication.first and publication.last
            else ""
        )
        out.write(
            f"{publication.name}: {publication.rhythm_text()} "
            f"({publication.issues} dated issues{span})\n"
        )
    headers = ["severity", "publication", "date", "page", "article", "title", "finding"]
    for kind, findings in report.by_kind().items():
        out.write(f"\n{KIND_TITLES[kind]} ({len(findings)})\n")
        out.write(format_table(headers, [_row(finding) for finding in findings], max_column=50))
        out.write("\n")
    counts = [[KIND_TITLES[kind], str(count)] for kind, count in report.counts().items()]
    out.write("\n" + format_table(["kind", "findings"], counts) + "\n")
    out.write(f"{len(report.findings)} findings in all\n")


def cmd_qc(args: argparse.Namespace, archive: Archive, out: TextIO) -> int:
    """Print the quality report; the exit status is 0 whatever it finds (a report, not a check)."""
    publication_id = _publication_id(archive, args.publication)
    with archive.db.read() as session:
        report = quality_report(session, publication_id)
    if args.json:
        out.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
        out.write("\n")
    else:
        print_report(report, out)
    return 0


Handler = Callable[[argparse.Namespace, Archive, TextIO], int]

HANDLERS: dict[str, tuple[Handler, bool]] = {"qc": (cmd_qc, False)}
"""The commands of this module: name → (handler, whether it writes to the archive)."""
