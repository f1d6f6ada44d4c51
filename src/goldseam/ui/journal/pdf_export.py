"""Render the journal's Markdown export to PDF with Qt's own text layout.

Safe to call off the GUI thread (QTextDocument and QPdfWriter are not widgets). Written to
a temporary name next to the target and renamed into place, never via a temp directory.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from goldseam.vault.atomic_files import fsync_dir, fsync_file, replace_with_retry, temp_path_for


def write_pdf(markdown: str, target: Path, title: str) -> None:
    temp = temp_path_for(target)
    try:
        writer = QPdfWriter(str(temp))
        writer.setTitle(title)
        writer.setCreator("Goldseam")
        writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(18, 18, 18, 18),
                QPageLayout.Unit.Millimeter,
            )
        )
        writer.setResolution(300)
        document = QTextDocument()
        document.setMarkdown(markdown, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
        document.setPageSize(QSizeF(writer.width(), writer.height()))
        document.print_(writer)
        del writer  # flushes and closes the file
        temp.chmod(0o600)  # a readable copy: this user only, like every export
        fsync_file(temp)
        replace_with_retry(temp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
