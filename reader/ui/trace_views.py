"""Statements across the library in the window (issue 17): the Trace tab (the selected quote or
claim with every article that carries it — first appearance on top, the wording's drift marked,
a flag when the words are given to different people — each opening at the statement) and the
Speaker view (every quotation of one person across the corpus, by statement and date, to filter
by outlet and words)."""

from __future__ import annotations

import html
import textwrap
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reader.model import Article
from reader.trace import Cluster, present
from reader.ui.cards import Card, CardList
from reader.ui.reading_panel import ReadingPanel
from reader.wording import count
from reader.workspace import Workspace

if TYPE_CHECKING:
    from reader.ui.side_panel import SidePanel

INSERT = "#1b7f3b"
DELETE = "#b3261e"


def drift_html(parts: present.Parts) -> str:
    """A member's wording against the reference: added words underlined in green, removed ones
    struck through in red."""
    added, removed = f"<u style='color:{INSERT}'>{{0}}</u>", f"<s style='color:{DELETE}'>{{1}}</s>"
    marks = {
        "insert": added,
        "delete": removed.replace("{1}", "{0}"),
        "replace": removed + " " + added,
    }
    return " ".join(
        marks.get(op, "{0}").format(html.escape(words), html.escape(was))
        for op, words, was in parts
    )


def _bare(text: str) -> str:
    """The words without the quotation marks around them, on one line."""
    return " ".join(text.split()).strip("\"'“”‘’«»„ ,.…")


def member_cards(cluster: Cluster, here: int | None = None) -> list[Card]:
    """Cards for the places that carry the statement; ``here`` is the open article's id."""
    flagged = cluster.speaker_flag is not None
    cards = []
    for m in present.places(cluster):
        where = " · ".join(x for x in (m.date or "undated", m.outlet or "outlet unknown"))
        who = m.speaker or "speaker not found"
        mark = " — first" if m.article_id in present.first_articles(cluster) else ""
        this = " (this article)" if m.article_id == here else ""
        cards.append(
            Card(
                key=(m.article_id, m.start, m.end),
                heading=f"{where}{mark}{this}",
                body=" ".join(m.text.split()),
                body_html=drift_html(present.drift_parts(cluster, m)),
                meta=f"{who} · {m.title or ''}".strip(" ·"),
                flagged=flagged,
                tooltip=f"{m.title or ''}\n{who}\n\n{m.text}",
            )
        )
    return cards


class TracePane(QWidget):
    """The Trace tab: one statement and its trail."""

    memberActivated = Signal(int, int, int)  # article id, start, end

    def __init__(self) -> None:
        super().__init__()
        self.head = QLabel(wordWrap=True)
        self.flag = QLabel(wordWrap=True)
        self.flag.setStyleSheet("color: #b35900")
        self.cards = CardList()
        self.cards.setAccessibleName("Articles that carry the statement")
        self.cards.cardActivated.connect(lambda key: self.memberActivated.emit(*key))
        self.empty = QLabel(
            "Click a quotation or a claim (Quotes and Claims tabs) to see every article that"
            " carries it: who said it first, who repeated it, how the words changed.",
            wordWrap=True,
            alignment=Qt.AlignmentFlag.AlignCenter,
        )
        self.empty.setEnabled(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.addWidget(self.head)
        lay.addWidget(self.flag)
        lay.addWidget(self.cards, 1)
        lay.addWidget(self.empty, 1)
        self.cluster: Cluster | None = None
        self.show_cluster(None)

    def show_cluster(self, cluster: Cluster | None, here: int | None = None) -> None:
        self.cluster = cluster
        shown = cluster is not None
        for w in (self.head, self.cards):
            w.setVisible(shown)
        self.empty.setVisible(not shown)
        if cluster is None:
            self.flag.hide()
            self.cards.set_cards([])
            return
        self.head.setText(
            f"<b>{html.escape(present.first_said(cluster))}</b> <small>id {cluster.id}</small>"
        )
        flag = cluster.speaker_flag
        self.flag.setVisible(flag is not None)
        if flag is not None:
            said = present.who_says(flag)
            self.flag.setText(f"⚑ The same words are given to different people. {said}")
        self.cards.set_cards(member_cards(cluster, here))


class SpeakerView(QDialog):
    """Library ▸ Speaker View: every quotation of one speaker across the corpus, grouped by
    statement, sorted by date; filter by outlet and words; click one to open it."""

    memberActivated = Signal(int, int, int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Speaker View")
        self.workspace = workspace
        self.name = QLineEdit(placeholderText="a speaker, e.g. Wang Yi")
        self.outlet = QComboBox()
        self.outlet.addItem("any outlet", None)
        self.words = QLineEdit(placeholderText="words in the statement (optional)")
        self.counts = QLabel()
        self.cards = CardList()
        self.cards.setAccessibleName("Quotations of the speaker")
        self.cards.cardActivated.connect(self._open)
        bar = QHBoxLayout()
        bar.addWidget(self.name, 2)
        bar.addWidget(self.outlet, 1)
        bar.addWidget(self.words, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.counts)
        lay.addWidget(self.cards, 1)
        self.name.returnPressed.connect(self.refresh)
        self.words.returnPressed.connect(self.refresh)
        self.outlet.activated.connect(lambda _i: self.refresh())
        self.clusters: list[Cluster] = []
        self.resize(820, 620)

    def show_speaker(self, name: str) -> None:
        self.name.setText(name)
        self.refresh()

    def refresh(self) -> None:
        name = self.name.text().strip()
        if not name:
            return
        outlet = self.outlet.currentData()
        words = self.words.text().strip() or None
        self.clusters = self.workspace.trace_speaker(name, outlet, words)
        outlets = sorted({m.outlet for c in self.clusters for m in c.members if m.outlet})
        if outlet is None:
            self.outlet.blockSignals(True)
            self.outlet.clear()
            self.outlet.addItem("any outlet", None)
            for o in outlets:
                self.outlet.addItem(o, o)
            self.outlet.blockSignals(False)
        cards: list[Card] = []
        for cluster in self.clusters:
            head = present.first_said(cluster)
            members = member_cards(cluster)
            cards.append(
                Card(
                    key=None,
                    heading=f"“{textwrap.shorten(_bare(cluster.members[0].text), 90, placeholder=' …')}”",
                    body=head,
                    meta=("⚑ given to different people" if cluster.speaker_flag else ""),
                    flagged=cluster.speaker_flag is not None,
                )
            )
            cards.extend(members)
        self.cards.set_cards(cards)
        quotes = sum(len(present.places(c)) for c in self.clusters)
        self.counts.setText(
            f"{count(len(self.clusters), 'statement')}, {count(quotes, 'quotation')}"
        )

    def _open(self, key: object) -> None:
        if isinstance(key, tuple):
            self.memberActivated.emit(*key)


class TraceController(QObject):
    """The window's side of tracing: badges on the open article's quotes and claims, the Trace
    tab for the one clicked, the Speaker view, and opening an article at a statement."""

    def __init__(
        self, workspace: Workspace, reading: ReadingPanel, side: SidePanel, window: QWidget
    ) -> None:
        super().__init__(window)
        self.workspace, self.reading, self.side, self.window = workspace, reading, side, window
        self.speaker_dialog: SpeakerView | None = None
        for pane in (side.quotes, side.claims):
            pane.spanActivated.connect(self.trace_statement)
        side.trace.memberActivated.connect(self.open_statement)
        side.actors.speakerRequested.connect(self.speaker_view)

    def repeated(self, article: Article | None) -> dict[tuple[int, int], int]:
        """How many other articles carry each of the article's statements (for badges)."""
        out: dict[tuple[int, int], int] = {}
        if article is None:
            return out
        for cluster in self.workspace.repeated_in(article.id):
            for m in cluster.members:
                if m.article_id == article.id:
                    out[(m.start, m.end)] = cluster.n_articles - 1
        return out

    def trace_statement(self, start: int, end: int) -> None:
        """Show the statement at this span of the open article in the Trace tab."""
        article = self.reading.view.article
        if article is not None:
            cluster = self.workspace.cluster_at(article.id, start, end)
            self.side.trace.show_cluster(cluster, article.id)
            self.label(cluster)

    def label(self, cluster: Cluster | None) -> None:
        """The tab says at a glance whether the statement clicked is carried elsewhere."""
        count = cluster.n_articles if cluster is not None else 0
        side = self.side
        side.name_tab(side.trace, f"Trace ({count})" if count > 1 else "Trace")

    def open_statement(self, article_id: int, start: int, end: int) -> None:
        """Open an article at a statement (from the Trace tab or the Speaker view)."""
        window = self.window
        if window.search.open_id != article_id:  # type: ignore[attr-defined]
            window.open_article(article_id)  # type: ignore[attr-defined]
        self.reading.view.flash(start, end)

    def speaker_view(self, name: str = "") -> None:
        """Every quotation of one speaker across the library (non-modal: read on beside it)."""
        view = SpeakerView(self.workspace, self.window)
        view.memberActivated.connect(self.open_statement)
        self.speaker_dialog = view
        view.show()
        if name:
            view.show_speaker(name)
