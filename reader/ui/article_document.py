"""The article as a document set for reading: title, a line of source, byline and date, then
the body as plain text at a known position, so a core offset maps to a document position by
one conversion."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QTextBlockFormat, QTextCharFormat, QTextCursor, QTextDocument

from reader.model import Article
from reader.ui.theme import Colours

SERIF = ["Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"]


def article_document(
    article: Article,
    show_original: bool,
    font_px: int,
    ui_font: QFont,
    colours: Colours,
    parent: QObject,
) -> tuple[QTextDocument, int, str]:
    """The document, where the body starts in it (Qt positions) and the body's text (the
    cleaned text, or the file as imported with ``show_original``)."""
    doc = QTextDocument(parent)
    doc.setDocumentMargin(28)
    base = QFont(SERIF[0])
    base.setFamilies(SERIF)
    base.setPixelSize(font_px)
    doc.setDefaultFont(base)
    cursor = QTextCursor(doc)

    title_block = QTextBlockFormat()
    title_block.setBottomMargin(font_px * 0.6)
    title_block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    title_char = QTextCharFormat()
    title_font = QFont(ui_font)
    title_font.setPixelSize(round(font_px * 1.65))
    title_font.setWeight(QFont.Weight.Bold)
    title_char.setFont(title_font)
    title_char.setForeground(colours.text)
    cursor.setBlockFormat(title_block)
    cursor.insertText(article.display_title, title_char)

    a = article
    details = [x for x in (a.source, a.byline and f"By {a.byline}", nice_date(a.date)) if x]
    if show_original:
        details.append("original text, as imported")
    meta_block = QTextBlockFormat()
    meta_block.setBottomMargin(font_px * 1.4)
    meta_char = QTextCharFormat()
    meta_font = QFont(ui_font)
    meta_font.setPixelSize(round(font_px * 0.85))
    meta_char.setFont(meta_font)
    meta_char.setForeground(colours.muted)
    cursor.insertBlock(meta_block, meta_char)
    cursor.insertText("  ·  ".join(details) if details else "No source, byline or date found")

    body_block = QTextBlockFormat()
    body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
    body_char = QTextCharFormat()
    body_char.setFont(base)
    body_char.setForeground(colours.text)
    cursor.insertBlock(body_block, body_char)
    body_start = cursor.position()
    body = article.original if show_original else article.text
    cursor.insertText(body, body_char)
    return doc, body_start, body


def nice_date(iso: str | None) -> str | None:
    """An ISO date as people write it ("3 March 2024"); anything else as it is."""
    if not iso:
        return None
    try:
        return date.fromisoformat(iso).strftime("%-d %B %Y")
    except ValueError:
        return iso
