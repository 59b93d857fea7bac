"""Printing: the open article with its highlights and the reader's notes, and the annotation
report, saved as PDF from the File menu's actions (the print dialog's own work is Qt's)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QTextCursor
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from reader.ui.layer_words import NOTE_COLOURS
from tests.ui.test_window import open_window, search


def test_an_article_prints_with_its_highlights_and_notes(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path
) -> None:
    window = open_window(qtbot, where)
    search(qtbot, window, "nebenzya")
    window.search.view.setCurrentIndex(window.search.model.index(0))
    view = window.reading.view
    text = view.article.text  # type: ignore[union-attr]
    start = text.index("no other option")
    view.select_range(start, start + len("no other option"))
    window.commands["highlight"].trigger()
    store = window.annotations.store
    assert store is not None
    (ann,) = store.find()
    store.update(ann, note="Compare with the 😀 UN record", tags=["un"])
    window.annotations.refresh()
    doc = window.printing.article_document()
    assert doc is not None
    printed = doc.toPlainText()
    assert printed.startswith(view.article.display_title)  # type: ignore[union-attr]
    assert "Your notes" in printed and "Compare with the 😀 UN record" in printed
    # the highlight is in the printed text, in its colour
    at = printed.index("no other option")
    cursor = QTextCursor(doc)
    cursor.setPosition(at + 1)
    assert cursor.charFormat().background().color() == QColor(NOTE_COLOURS["yellow"])
    pdf = tmp_path / "article.pdf"
    window.printing.article_pdf(pdf)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and b"/Type /Page" in data and len(data) > 5_000
    report = tmp_path / "report.pdf"
    window.printing.report_pdf(report)
    assert report.read_bytes().startswith(b"%PDF")
    assert "1 annotation" in window.status_label.text()
    for name in ("print_article", "article_pdf", "report_pdf"):
        assert window.commands[name] in window.menus["file"].actions()
