"""The article pane: title, source, byline and date above the cleaned text, set for reading.

The body goes into the document as plain text at a known position, so a core offset (code
points) maps to a document position by one conversion (:class:`Utf16Map`). Search hits and the
analysis layers (actors, quotes, claims) are drawn as extra selections, which leave the document
untouched, so toggling a layer costs one repaint and never a re-layout.

Selections are made for the part of the text on screen and a margin around it (``_window``),
and made again as the reader scrolls past the margin: a long article (a 1 MB one names 17,000
actors) opens as fast as a short one, and every repaint goes through hundreds of selections,
not tens of thousands.
"""

from __future__ import annotations

from bisect import bisect_left

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QToolTip, QWidget

from reader.annotations import Annotation
from reader.model import ActorMention, Article, ClaimSpan, Layers, LayerSpan, QuoteSpan
from reader.search import find_terms
from reader.ui.textpos import Utf16Map
from reader.ui.theme import Colours, colours

SERIF = ["Source Serif 4", "Charter", "Georgia", "Noto Serif", "DejaVu Serif", "serif"]
MEASURE_EM = 38  # ~75 characters of body text per line
#: The layers a reader can switch on and off, in drawing order (later ones on top).
LAYERS = ("person", "organisation", "place", "quotes", "claims", "notes", "hits")
LAYER_NAMES = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "quotes": "Quotes",
    "claims": "Claims",
    "notes": "My notes",
    "hits": "Hits",
}
#: Highlight colours users pick from (light backgrounds; the text stays readable in both themes).
NOTE_COLOURS = {
    "yellow": "#fff176",
    "green": "#b9f6ca",
    "blue": "#b3e5fc",
    "pink": "#f8bbd0",
    "orange": "#ffcc80",
}
FLASH_MS = 1400
#: Selections cover the text on screen and this many characters on each side (at least
#: ``WINDOW_MIN`` in all), so scrolling a screen or two needs no new ones.
WINDOW_MARGIN = 6000
WINDOW_MIN = 20000


def actor_layer(actor_type: str) -> str:
    """Countries are drawn as places."""
    return "place" if actor_type == "country" else actor_type


def describe_note(note: Annotation) -> str:
    """A user's annotation, in words, for its tooltip."""
    parts = ["Your claim" if note.claim else "Your note" if note.note else "Your highlight"]
    if note.verdict:
        parts.append(f"verdict: {note.verdict}")
    if note.status:
        parts.append(note.status)
    if note.tags:
        parts.append("tags: " + ", ".join(note.tags))
    text = " · ".join(parts)
    if note.note:
        first = note.note.strip().splitlines()[0]
        text += f"\n{first[:120]}"
    return text


def describe(span: LayerSpan) -> str:
    """What a highlight is, in words, for its tooltip."""
    if isinstance(span, ActorMention):
        text = f"{span.name} — {span.type}"
        if span.description:
            text += f", {span.description}"
        if span.alias and span.alias != span.name:
            text += f" (alias: {span.alias})"
        return text
    if isinstance(span, QuoteSpan):
        if not span.speaker:
            return "Quote — speaker not found"
        how = {
            "pronoun": "from a pronoun",
            "role": "from a role",
            "context": "from the sentence before",
            "continued": "continues the previous quote",
            "embedded": "as reported by another speaker",
        }.get(span.how, "")
        return f"Quote by {span.speaker}" + (f" ({how})" if how else "")
    who = span.claimant or ("the article" if span.kind == "assertion" else "unknown")
    reasons = ", ".join(span.reasons)
    text = f"claim by {who} · score {span.score:.2f}"
    return text + (f" — {reasons}" if reasons else "")


def layer_of(span: LayerSpan) -> str:
    """The legend entry that shows or hides a span."""
    if isinstance(span, ActorMention):
        return actor_layer(span.type)
    return "quotes" if isinstance(span, QuoteSpan) else "claims"


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
        self._span_cache: tuple[object, dict[str, list[QTextEdit.ExtraSelection]]] | None = None
        self.notes: list[Annotation] = []  # the user's annotations on this article
        #: the stretch of the body (code points) whose selections are made: the visible part
        #: and a margin (the rest is made as the reader scrolls there)
        self._window: tuple[int, int] = (0, WINDOW_MIN)
        self._sorted_spans: tuple[object, list[LayerSpan], list[int]] | None = None
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
        shown = set(self._in_window(hits))
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
        top, bottom = self._visible_range()
        start = max(0, top - WINDOW_MARGIN)
        end = max(bottom + WINDOW_MARGIN, start + WINDOW_MIN)
        return start, end

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

    def _in_window(self, spans: list[tuple[int, int]]) -> list[int]:
        """Indexes of the (start-sorted) ``spans`` that touch the window."""
        start, end = self._window
        return [i for i, (s, e) in enumerate(spans) if e > start and s < end]

    def _window_spans(self) -> list[LayerSpan]:
        """The visible layers' spans that touch the window (found by bisection: the spans are
        sorted once per document and set of layers)."""
        key = (self._doc_generation, frozenset(self.layers), self.show_original)
        if self._sorted_spans is None or self._sorted_spans[0] != key:
            spans = self.visible_spans()  # in text order
            self._sorted_spans = (key, spans, [sp.start for sp in spans])
        _key, spans, starts = self._sorted_spans
        start, end = self._window
        # a span starting before the window may reach into it: quotes and claims are long
        first = bisect_left(starts, start - 5000)
        last = bisect_left(starts, end)
        return [sp for sp in spans[first:last] if sp.end > start]

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
