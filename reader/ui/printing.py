"""Print an article with its highlights and the reader's notes, or an annotation report — on
paper or to PDF, with Qt's own printing support. The printed article carries the layers as they
are shown (actors tinted, quotations coloured, claims underlined, the reader's highlights), so
a printout is what was read."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QSettings
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QFileDialog, QWidget

from reader.annotations import Annotation
from reader.model import ActorMention, Article, ClaimSpan, Layers, QuoteSpan
from reader.ui.layer_words import NOTE_COLOURS, actor_layer
from reader.ui.messages import Messages
from reader.ui.reading_panel import ReadingPanel
from reader.ui.textpos import Utf16Map
from reader.ui.theme import Colours
from reader.wording import count
from reader.workspace import Workspace


def article_document(
    article: Article, layers: Layers, notes: list[Annotation], colours: Colours, shown: set[str]
) -> QTextDocument:
    """The article as a document to print: title and details, the text with the layers that are
    ``shown`` in the window, then the reader's notes on it."""
    doc = QTextDocument()
    doc.setDefaultFont(QFont("serif", 11))
    cursor = QTextCursor(doc)
    title = QTextCharFormat()
    title.setFontPointSize(17)
    title.setFontWeight(QFont.Weight.Bold)
    cursor.insertText(article.display_title, title)
    meta = QTextCharFormat()
    meta.setForeground(QColor("#555555"))
    details = " · ".join(x for x in (article.source, article.byline, article.date) if x)
    cursor.insertBlock()
    cursor.insertText(details or article.path, meta)
    cursor.insertBlock()
    cursor.insertBlock()
    body_start = cursor.position()
    cursor.insertText(article.text, QTextCharFormat())

    positions = Utf16Map(article.text)

    def mark(start: int, end: int, fmt: QTextCharFormat) -> None:
        c = QTextCursor(doc)
        c.setPosition(body_start + positions.to_qt(start))
        c.setPosition(body_start + positions.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        c.mergeCharFormat(fmt)

    for span in layers.all():
        fmt = QTextCharFormat()
        if isinstance(span, ActorMention) and actor_layer(span.type) in shown:
            fmt.setBackground(getattr(colours, actor_layer(span.type), colours.place))
        elif isinstance(span, QuoteSpan) and "quotes" in shown:
            fmt.setForeground(colours.quote)
        elif isinstance(span, ClaimSpan) and "claims" in shown:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(colours.claim)
        else:
            continue
        mark(span.start, span.end, fmt)
    placed = [n for n in notes if not n.orphaned]
    if "notes" in shown:
        for note in placed:
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(NOTE_COLOURS.get(note.colour or "yellow", "#fff176")))
            mark(note.start, note.end, fmt)
    if notes:
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertBlock()
        cursor.insertBlock()
        heading = QTextCharFormat()
        heading.setFontPointSize(14)
        heading.setFontWeight(QFont.Weight.Bold)
        cursor.insertText("Your notes", heading)
        for note in notes:
            cursor.insertBlock()
            kind = "Claim" if note.claim else "Note" if note.note else "Highlight"
            line = f"{kind}{' — ' + note.verdict if note.verdict else ''}: “{note.quote.exact}”"
            bold = QTextCharFormat()
            bold.setFontWeight(QFont.Weight.DemiBold)
            cursor.insertText(line, bold)
            extra = [note.note] if note.note else []
            if note.tags:
                extra.append("Tags: " + ", ".join(note.tags))
            if note.claimant:
                extra.append(f"Claimant: {note.claimant}")
            for text in extra:
                cursor.insertBlock()
                cursor.insertText(text, QTextCharFormat())
    return doc


def report_document(html: str) -> QTextDocument:
    """An annotation report (the HTML export) as a document to print."""
    doc = QTextDocument()
    doc.setDefaultFont(QFont("serif", 11))
    doc.setHtml(html)
    return doc


def save_pdf(doc: QTextDocument, path: Path) -> None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 18, 18, 18),
        )
    )
    doc.print_(printer)


def print_with_dialog(doc: QTextDocument, parent: QWidget) -> bool:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    doc.print_(printer)
    return True


class PrintController(QObject):
    """File ▸ Print Article, Save Article as PDF, Save Annotation Report as PDF."""

    def __init__(
        self,
        workspace: Workspace,
        reading: ReadingPanel,
        settings: QSettings,
        messages: Messages,
        colours: Callable[[], Colours],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.workspace, self.reading, self.settings = workspace, reading, settings
        self.messages, self.colours, self.window = messages, colours, window

    def article_document(self) -> QTextDocument | None:
        """The open article as printed: its text with the layers shown now, then the notes."""
        view = self.reading.view
        if view.article is None:
            self.messages.info("Open an article first.")
            return None
        return article_document(
            view.article, view.analysis, view.notes, self.colours(), set(view.layers)
        )

    def print_article(self) -> None:
        doc = self.article_document()
        if doc is not None and print_with_dialog(doc, self.window):
            self.messages.info("Sent to the printer.")

    def article_pdf(self, target: Path | None = None) -> None:
        doc = self.article_document()
        view = self.reading.view
        if doc is None or view.article is None:
            return
        path = target or self._target(f"{Path(view.article.path).stem}.pdf")
        if path is not None:
            save_pdf(doc, path)
            self.messages.info(f"Saved {path}")

    def report_pdf(self, target: Path | None = None) -> None:
        """Every annotation as a report (the HTML export's content), in a PDF."""
        path = target or self._target("annotations.pdf")
        if path is None:
            return
        result = self.workspace.export("html", options={"title": "Annotations"})
        save_pdf(report_document(result.content), path)
        self.messages.info(f"Saved {path} ({count(result.count, 'annotation')})")

    def _target(self, name: str) -> Path | None:
        start = str(self.settings.value("export/dir", str(Path.home())))
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Save as PDF", str(Path(start) / name), "PDF (*.pdf)"
        )
        if not chosen:
            return None
        self.settings.setValue("export/dir", str(Path(chosen).parent))
        return Path(chosen)
