"""The article pane: title, source, byline and date above the cleaned text, set for reading.

The body goes into the document as plain text at a known position, so a core offset (code
points) maps to a document position by one conversion (:class:`Utf16Map`). Search hits are drawn
as extra selections, which leave the document untouched and cost nothing to replace.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.model import Article
from reader.search import find_terms
from reader.ui.textpos import Utf16Map
from reader.ui.theme import Colours, colours

SERIF = ["Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"]
MEASURE_EM = 38  # ~75 characters of body text per line


class ArticleView(QTextBrowser):
    """Shows one article; emits ``hitChanged(current, total)`` as the reader moves between hits."""

    hitChanged = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.font_px = 17
        self.colours: Colours = colours(False)
        self.article: Article | None = None
        self.show_original = False
        self.terms: list[str] = []
        self._body_start = 0
        self._map = Utf16Map("")
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        self._show_empty()

    # -- public -----------------------------------------------------------------------------
    def set_article(self, article: Article | None, terms: list[str] | None = None) -> None:
        self.article = article
        self.terms = list(terms or [])
        self._render()
        if self._hits:
            self.scroll_to_offset(self._hits[0][0])

    def set_terms(self, terms: list[str]) -> None:
        self.terms = list(terms)
        self._find_hits()
        self._paint_hits()

    def set_show_original(self, on: bool) -> None:
        self.show_original = on
        self._render()

    def set_colours(self, value: Colours) -> None:
        self.colours = value
        self._render()

    def set_font_px(self, px: int) -> None:
        self.font_px = max(11, min(32, px))
        self._render()

    @property
    def hit_count(self) -> int:
        return len(self._hits)

    @property
    def current_hit(self) -> int:
        return self._current

    def body_text(self) -> str:
        if self.article is None:
            return ""
        return self.article.original if self.show_original else self.article.text

    def next_hit(self) -> None:
        self._step(1)

    def previous_hit(self) -> None:
        self._step(-1)

    def doc_position(self, offset: int) -> int:
        """Document position of code-point ``offset`` in the body text."""
        return self._body_start + self._map.to_qt(offset)

    def scroll_to_offset(self, offset: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.doc_position(offset))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        # Keep some context above the target rather than pinning it to the edge.
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self.viewport().height() // 3)

    # -- rendering ----------------------------------------------------------------------------
    def _show_empty(self) -> None:
        self.document().clear()
        self.setHtml(
            "<div style='margin-top:30%; text-align:center; color:gray'>"
            "<p style='font-size:large'>No article open</p>"
            "<p>Search on the left, or pick a result.</p></div>"
        )
        self._hits, self._current = [], -1

    def _render(self) -> None:
        if self.article is None:
            self._show_empty()
            self.hitChanged.emit(-1, 0)
            return
        a = self.article
        doc = QTextDocument(self)
        doc.setDocumentMargin(28)
        base = QFont(SERIF[0])
        base.setFamilies(SERIF)
        base.setPixelSize(self.font_px)
        doc.setDefaultFont(base)
        cursor = QTextCursor(doc)

        title_block = QTextBlockFormat()
        title_block.setBottomMargin(self.font_px * 0.6)
        title_block.setLineHeight(120, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        title_char = QTextCharFormat()
        title_font = QFont(self.font())
        title_font.setPixelSize(round(self.font_px * 1.65))
        title_font.setWeight(QFont.Weight.Bold)
        title_char.setFont(title_font)
        title_char.setForeground(self.colours.text)
        cursor.setBlockFormat(title_block)
        cursor.insertText(a.display_title, title_char)

        details = [x for x in (a.source, a.byline and f"By {a.byline}", _nice_date(a.date)) if x]
        if self.show_original:
            details.append("original text, as imported")
        meta_block = QTextBlockFormat()
        meta_block.setBottomMargin(self.font_px * 1.4)
        meta_char = QTextCharFormat()
        meta_font = QFont(self.font())
        meta_font.setPixelSize(round(self.font_px * 0.85))
        meta_char.setFont(meta_font)
        meta_char.setForeground(self.colours.muted)
        cursor.insertBlock(meta_block, meta_char)
        cursor.insertText("  ·  ".join(details) if details else "No source, byline or date found")

        body_block = QTextBlockFormat()
        body_block.setLineHeight(150, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        body_char = QTextCharFormat()
        body_char.setFont(base)
        body_char.setForeground(self.colours.text)
        cursor.insertBlock(body_block, body_char)
        self._body_start = cursor.position()
        body = self.body_text()
        self._map = Utf16Map(body)
        cursor.insertText(body, body_char)

        self.setDocument(doc)
        self._apply_measure()
        self._find_hits()
        self._paint_hits()
        self.verticalScrollBar().setValue(0)

    def _find_hits(self) -> None:
        self._hits = find_terms(self.body_text(), self.terms) if self.article else []
        self._current = 0 if self._hits else -1

    def _paint_hits(self) -> None:
        selections = []
        for n, (start, end) in enumerate(self._hits):
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.doc_position(start))
            cursor.setPosition(self.doc_position(end), QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            current = n == self._current
            fmt.setBackground(self.colours.current_hit if current else self.colours.hit)
            fmt.setForeground(self.colours.hit_text)
            if current:
                fmt.setProperty(QTextFormat.Property.OutlinePen, QColor(self.colours.current_hit))
            sel.format = fmt
            selections.append(sel)
        self.setExtraSelections(selections)
        self.hitChanged.emit(self._current, len(self._hits))

    def _step(self, delta: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + delta) % len(self._hits)
        self._paint_hits()
        self.scroll_to_offset(self._hits[self._current][0])

    # -- line length --------------------------------------------------------------------------
    def _apply_measure(self) -> None:
        measure = int(self.font_px * MEASURE_EM)
        side = max(0, (self.width() - measure) // 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._apply_measure()
        super().resizeEvent(event)


def _nice_date(iso: str | None) -> str | None:
    if not iso:
        return None
    from datetime import date

    try:
        return date.fromisoformat(iso).strftime("%-d %B %Y")
    except ValueError:
        return iso
