"""The article pane: title, source, byline and date above the cleaned text, set for reading.

The body goes into the document as plain text at a known position, so a core offset (code
points) maps to a document position by one conversion (:class:`Utf16Map`). Search hits and the
analysis layers (actors, quotes, claims) are drawn as extra selections, which leave the document
untouched, so toggling a layer costs one repaint and never a re-layout.
Selections are made for the text on screen and a margin (:mod:`reader.ui.span_window`),
and made again as the reader scrolls past it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from reader.annotations import Annotation
from reader.model import ActorMention, Article, ClaimSpan, Layers, LayerSpan, QuoteSpan
from reader.search import find_terms
from reader.ui.article_document import article_document
from reader.ui.layer_words import (
    LAYERS,
    NOTE_COLOURS,
    actor_layer,
    describe,
    describe_note,
    layer_of,
)
from reader.ui.span_window import WINDOW_MIN, SortedSpans, indexes_in, window_around
from reader.ui.textpos import Utf16Map
from reader.ui.theme import Colours, colours

MEASURE_EM = 38  # ~75 characters of body text per line
FLASH_MS = 1400


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
        #: spans of the cleaned text marked as hits besides the terms (an actor: search's mentions)
        self.marks: list[tuple[int, int]] = []
        self._body_start = 0
        self._map = Utf16Map("")
        self._hits: list[tuple[int, int]] = []
        self._current = -1
        self.analysis = Layers()
        self.layers: set[str] = set(LAYERS)
        self._flash: tuple[int, int] | None = None
        self.painted: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._doc_generation = 0  # which document the cached selections belong to
        self._own_document: QTextDocument | None = None  # the last one made here, to delete
        self._span_cache: tuple[object, dict[str, list[QTextEdit.ExtraSelection]]] | None = None
        self.notes: list[Annotation] = []  # the user's annotations on this article
        #: the stretch of the body (code points) whose selections are made: the visible part
        #: and a margin (the rest is made as the reader scrolls there)
        self._window: tuple[int, int] = (0, WINDOW_MIN)
        self._sorted_spans: SortedSpans | None = None
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._flash_timer = QTimer(self, singleShot=True, interval=FLASH_MS)
        self._flash_timer.timeout.connect(self._end_flash)
        self._show_empty()

    # -- public -----------------------------------------------------------------------------
    def set_article(
        self,
        article: Article | None,
        terms: list[str] | None = None,
        analysis: Layers | None = None,
        marks: list[tuple[int, int]] | None = None,
    ) -> None:
        self.article = article
        self.terms = list(terms or [])
        self.marks = list(marks or [])
        self.analysis = analysis or Layers()
        self._flash = None
        self._render()
        if self._hits:
            self.scroll_to_offset(self._hits[0][0])

    def set_analysis(self, analysis: Layers, marks: list[tuple[int, int]] | None = None) -> None:
        """The open article's layers, come after its text (a long article's are read, a new
        one's analysed, in the background): highlighted where the reader is, nothing laid out
        again."""
        self.analysis = analysis
        self.marks = list(marks or [])
        self._span_cache = None
        self._sorted_spans = None
        self._find_hits()
        self._paint_hits()

    def set_terms(self, terms: list[str], marks: list[tuple[int, int]] | None = None) -> None:
        self.terms = list(terms)
        self.marks = list(marks or [])
        self._find_hits()
        self._paint_hits()

    def set_layer(self, layer: str, on: bool) -> None:
        if on:
            self.layers.add(layer)
        else:
            self.layers.discard(layer)
        self._paint_hits()

    def visible_spans(self) -> list[LayerSpan]:
        """The analysis spans drawn now (none over the original text: they index the cleaned)."""
        if self.show_original or self.article is None:
            return []
        return [sp for sp in self.analysis.all() if layer_of(sp) in self.layers]

    def flash(self, start: int, end: int) -> None:
        """Scroll to a stretch of the cleaned text and mark it briefly, so the eye finds it."""
        if self.show_original:
            return
        self._flash = (start, end)
        self.scroll_to_offset(start)
        self._paint_hits()
        self._flash_timer.start()

    def _end_flash(self) -> None:
        self._flash = None
        self._paint_hits()

    def set_notes(self, notes: list[Annotation]) -> None:
        self.notes = list(notes)
        self._paint_hits()

    def notes_at(self, offset: int) -> list[Annotation]:
        if self.show_original:
            return []
        return [n for n in self.notes if not n.orphaned and n.start <= offset < n.end]

    def selected_range(self) -> tuple[int, int] | None:
        """The selection in the article's body, as code-point offsets, if there is one."""
        cursor = self.textCursor()
        if not cursor.hasSelection() or self.article is None or self.show_original:
            return None
        lo = cursor.selectionStart() - self._body_start
        hi = cursor.selectionEnd() - self._body_start
        if hi <= 0:
            return None
        start, end = self._map.from_qt(max(lo, 0)), self._map.from_qt(hi)
        text = self.article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def select_range(self, start: int, end: int) -> None:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.doc_position(start))
        cursor.setPosition(self.doc_position(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def spans_at(self, offset: int) -> list[LayerSpan]:
        return [sp for sp in self.visible_spans() if sp.start <= offset < sp.end]

    def offset_at(self, pos: QPoint) -> int | None:
        """The code-point offset in the body under a point of the viewport, if any."""
        if self.article is None:
            return None
        qt = self.cursorForPosition(pos).position() - self._body_start
        if qt < 0:
            return None
        return self._map.from_qt(qt)

    def event(self, e: QEvent) -> bool:
        if e.type() == QEvent.Type.ToolTip and isinstance(e, QHelpEvent):
            offset = self.offset_at(self.viewport().mapFrom(self, e.pos()))
            lines = [describe(sp) for sp in self.spans_at(offset)] if offset is not None else []
            if offset is not None:
                lines = [describe_note(n) for n in self.notes_at(offset)] + lines
            if lines:
                QToolTip.showText(e.globalPos(), "\n".join(lines), self)
            else:
                QToolTip.hideText()
                e.ignore()
            return True
        return super().event(e)

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
        doc, self._body_start, body = article_document(
            self.article, self.show_original, self.font_px, self.font(), self.colours, self
        )
        self._map = Utf16Map(body)
        old = self._own_document
        self.setDocument(doc)
        self._own_document = doc
        if old is not None:
            # the view does not delete a document it was given: each article opened stayed in
            # memory with its layout (a 1 MB article's, 100 MB), and every open grew slower
            old.deleteLater()
        self._doc_generation += 1
        self._window = (0, WINDOW_MIN)
        self._apply_measure()
        self._find_hits()
        self.verticalScrollBar().setValue(0)
        self._window = self._wanted_window()
        self._paint_hits()

    def _find_hits(self) -> None:
        if self.article is None:
            self._hits = []
        else:
            found = find_terms(self.body_text(), self.terms)
            if not self.show_original:  # the marks index the cleaned text
                found = sorted(set(found) | set(self.marks))
            self._hits = found
        self._current = 0 if self._hits else -1

    def _selection(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.doc_position(start))
        cursor.setPosition(self.doc_position(end), QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        sel.format = fmt
        return sel

    def _span_selections(self) -> dict[str, list[QTextEdit.ExtraSelection]]:
        """The analysis layers' selections, made once per document and set of layers: stepping
        between hits or editing a note repaints without remaking thousands of them."""
        key = (
            self._doc_generation,
            frozenset(self.layers),
            id(self.colours),
            self.show_original,
            self._window,
        )
        if self._span_cache is not None and self._span_cache[0] == key:
            return self._span_cache[1]
        c = self.colours
        out: dict[str, list[QTextEdit.ExtraSelection]] = {
            name: [] for name in ("person", "organisation", "place", "quotes", "claims")
        }
        spans = self._window_spans()
        for sp in spans:  # actor tints first, then quotes and claims over them
            if isinstance(sp, ActorMention):
                layer = actor_layer(sp.type)
                fmt = QTextCharFormat()
                fmt.setBackground(getattr(c, layer, c.place))
                out[layer].append(self._selection(sp.start, sp.end, fmt))
        for sp in spans:
            if isinstance(sp, QuoteSpan):
                fmt = QTextCharFormat()
                fmt.setForeground(c.quote)
                out["quotes"].append(self._selection(sp.start, sp.end, fmt))
        for sp in spans:
            if isinstance(sp, ClaimSpan):
                fmt = QTextCharFormat()
                strong = sp.score >= 0.6
                fmt.setUnderlineStyle(
                    QTextCharFormat.UnderlineStyle.SingleUnderline
                    if strong
                    else QTextCharFormat.UnderlineStyle.DotLine
                )
                fmt.setUnderlineColor(c.claim)
                out["claims"].append(self._selection(sp.start, sp.end, fmt))
        self._span_cache = (key, out)
        return out

    def _layer_selections(self) -> None:
        c = self.colours
        for name, selections in self._span_selections().items():
            self.painted[name] = list(selections)
        if "notes" in self.layers and not self.show_original:
            for note in self.notes:
                if note.orphaned:
                    continue  # nowhere in this text; listed in the Notes tab
                fmt = QTextCharFormat()
                fmt.setBackground(QColor(NOTE_COLOURS.get(note.colour or "yellow", "#fff176")))
                fmt.setForeground(QColor("#1f1f1f"))
                if note.claim:
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(c.claim)
                self.painted["notes"].append(self._selection(note.start, note.end, fmt))
        if self._flash is not None:
            fmt = QTextCharFormat()
            fmt.setBackground(c.flash)
            self.painted["flash"].append(self._selection(*self._flash, fmt))

    def _paint_hits(self) -> None:
        #: what is drawn, per layer (tests and the benchmark read it)
        self.painted = {name: [] for name in (*LAYERS, "flash")}
        if self.article is not None:
            self._layer_selections()
        hits = self._hits if "hits" in self.layers else []
        shown = set(indexes_in(hits, self._window))
        for n, (start, end) in enumerate(hits):
            if n not in shown and n != self._current:
                continue  # off screen: made when scrolled to
            fmt = QTextCharFormat()
            current = n == self._current
            fmt.setBackground(self.colours.current_hit if current else self.colours.hit)
            fmt.setForeground(self.colours.hit_text)
            if current:
                fmt.setProperty(QTextFormat.Property.OutlinePen, QColor(self.colours.current_hit))
            self.painted["hits"].append(self._selection(start, end, fmt))
        order = ("person", "organisation", "place", "quotes", "claims", "notes", "flash", "hits")
        self.setExtraSelections([sel for name in order for sel in self.painted[name]])
        self.hitChanged.emit(self._current, len(self._hits))

    def _step(self, delta: int) -> None:
        if not self._hits:
            return
        self._current = (self._current + delta) % len(self._hits)
        self.scroll_to_offset(self._hits[self._current][0])
        self._paint_hits()

    # -- which part of the text has selections ---------------------------------------------------
    def _visible_range(self) -> tuple[int, int]:
        """The body's code points on screen now (an estimate before the first layout)."""
        if self.article is None:
            return (0, 0)
        viewport = self.viewport()
        top = self.cursorForPosition(QPoint(0, 0)).position() - self._body_start
        bottom = (
            self.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
            - self._body_start
        )
        return self._map.from_qt(max(0, top)), self._map.from_qt(max(0, bottom))

    def _wanted_window(self) -> tuple[int, int]:
        return window_around(*self._visible_range())

    def _scrolled(self, _value: int) -> None:
        """Make the selections of what scrolled into view, when it is past the margin."""
        if self.article is None:
            return
        top, bottom = self._visible_range()
        start, end = self._window
        if top >= start and (bottom <= end or end >= len(self.body_text())):
            return
        self._window = self._wanted_window()
        self._paint_hits()

    def _window_spans(self) -> list[LayerSpan]:
        """The visible layers' spans that touch the window."""
        key = (self._doc_generation, frozenset(self.layers), self.show_original)
        if self._sorted_spans is None or self._sorted_spans.key != key:
            self._sorted_spans = SortedSpans(key, self.visible_spans())
        return self._sorted_spans.touching(self._window)

    # -- line length --------------------------------------------------------------------------
    def _apply_measure(self) -> None:
        measure = int(self.font_px * MEASURE_EM)
        side = max(0, (self.width() - measure) // 2)
        self.setViewportMargins(side, 0, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._apply_measure()
        super().resizeEvent(event)
