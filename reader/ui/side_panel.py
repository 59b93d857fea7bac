"""The side of the window: the open article's Quotes, Claims, Actors, the user's Notes on it, the
Trace of a statement across the library, and (from the button by the tabs) the Details of
where the article came from."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTabWidget,
    QToolButton,
    QWidget,
)

from reader.annotations import Annotation
from reader.model import Article, Layers
from reader.ui.analysis_panes import ActorsPane, ClaimsPane, QuotesPane
from reader.ui.notes import NotesPane
from reader.ui.theme import CompactTabs
from reader.ui.trace_views import TracePane


def short_path(path: str) -> str:
    """The path relative to the working folder, or with the home folder as ~, for display."""
    p = Path(path)
    for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
        try:
            return prefix + p.resolve().relative_to(base).as_posix()
        except ValueError:
            continue
    return path


class SidePanel(QTabWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setDocumentMode(True)
        tab_bar = self.tabBar()
        # a tab's name is never cut ("Quo… Clai…"): in a narrow pane the bar scrolls instead
        tab_bar.setUsesScrollButtons(True)
        tab_bar.setElideMode(Qt.TextElideMode.ElideNone)
        tab_bar.setExpanding(False)
        self._tab_style = CompactTabs("Fusion")  # kept: the bar does not own its style
        tab_bar.setStyle(self._tab_style)
        self.quotes = QuotesPane()
        self.claims = ClaimsPane()
        self.actors = ActorsPane()
        self.notes = NotesPane()
        self.trace = TracePane()
        self.addTab(self.quotes, "Quotes")
        self.addTab(self.claims, "Claims")
        self.addTab(self.actors, "Actors")
        self.addTab(self.notes, "Notes")
        self.addTab(self.trace, "Trace")
        #: panes the open article has not been drawn in yet: a hidden tab is filled when it
        #: is shown (the Actors of a 1 MB article took 0.4 s to list)
        self._pending: dict[QWidget, Callable[[], None]] = {}
        self.currentChanged.connect(lambda _n: self.ready(self.currentWidget()))
        # where the article came from is looked at now and then, not read beside it: a popup
        # from a button by the tabs, so that five tabs fit a narrow pane without scrolling
        self.details = DetailsPane(self)
        self.details_button = QToolButton(autoRaise=True)
        self.details_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogInfoView)
        )
        self.details_button.setToolTip("Details: where the article came from, how it was cleaned")
        self.details_button.setAccessibleName("Article details")
        self.details_button.clicked.connect(self.show_details)
        self.setCornerWidget(self.details_button, Qt.Corner.TopRightCorner)

    def tabs_width(self) -> int:
        """The width that shows every tab whole (with room for a count: "Notes (12)")."""
        bar = self.tabBar()
        extra = bar.fontMetrics().horizontalAdvance(" (00)")
        tabs = sum(bar.tabSizeHint(n).width() for n in range(bar.count()))
        return tabs + extra + self.details_button.sizeHint().width() + 8

    def show_details(self) -> None:
        """Open the Details popup under its button, inside the screen."""
        pane, button = self.details, self.details_button
        pane.adjustSize()
        width = max(320, min(460, self.width()))
        pane.resize(width, pane.sizeHint().height())
        corner = button.mapToGlobal(QPoint(button.width(), button.height()))
        pane.move(corner - QPoint(width, 0))
        pane.show()
        pane.activateWindow()

    def show_article(
        self,
        article: Article | None,
        layers: Layers,
        repeated: dict[tuple[int, int], int] | None = None,
        analysing: bool = False,
    ) -> None:
        """The article's panes; ``repeated``: how many other articles carry each statement;
        ``analysing``: its layers are still to come (an empty pane says so, not "none")."""
        text = article.text if article else ""
        self._pending = {
            self.quotes: partial(self.quotes.show, text, layers, repeated or {}, analysing),
            self.claims: partial(self.claims.show, text, layers, repeated or {}, analysing),
            self.actors: partial(self.actors.show, text, layers, analysing),
        }
        self.ready(self.currentWidget())
        self.ready(self.quotes)  # the article's quotations are found through it
        self.details.show_article(article)

    def ready(self, pane: QWidget | None = None) -> None:
        """Draw the open article in ``pane`` (every pane when ``None``) if not done yet."""
        panes = list(self._pending) if pane is None else [pane]
        for p in panes:
            draw = self._pending.pop(p, None)
            if draw is not None:
                draw()

    def show_notes(self, text: str, notes: list[Annotation]) -> None:
        self.notes.show_notes(text, notes)
        self.name_tab(self.notes, f"Notes ({len(notes)})" if notes else "Notes")

    def name_tab(self, pane: QWidget, text: str) -> None:
        """A tab's name, set only when it changes: setting it lays the tab bar out again (a
        hundred of the style's metric queries, each a call into Python), and every article
        opened set two."""
        at = self.indexOf(pane)
        if self.tabText(at) != text:
            self.setTabText(at, text)


class DetailsPane(QFrame):
    """Where the open article came from and what the importer made of it (a popup)."""

    #: the reader wants to see (and change) what was removed as page furniture
    reviewRequested = Signal()

    FIELDS = (
        "Title",
        "Source",
        "Byline",
        "Date",
        "File",
        "Format",
        "Encoding",
        "Words",
        "Identifier",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(10, 10, 10, 10)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for name in self.FIELDS:
            label = QLabel(wordWrap=True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setTextFormat(Qt.TextFormat.PlainText)
            # long unbreakable values (paths, URNs) must not widen the side pane
            label.setMinimumWidth(60)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.values[name] = label
            self.form.addRow(name, label)
        self.review = QPushButton("Review Cleaning…")
        self.review.setToolTip(
            "Every block of the file as imported: bring back what was removed, or remove more"
            " (Ctrl+Shift+K)"
        )
        self.review.clicked.connect(self.close)
        self.review.clicked.connect(self.reviewRequested)
        self.form.addRow("", self.review)
        self.show_article(None)

    def show_article(self, article: Article | None) -> None:
        self.review.setEnabled(article is not None)
        if article is None:
            for label in self.values.values():
                label.setText("—")
            return
        words = len(article.text.split())
        original = len(article.original.split())
        dropped = max(0, original - words)
        values = {
            "Title": article.title or "(not found)",
            "Source": article.source or "(not found)",
            "Byline": article.byline or "(not found)",
            "Date": article.date or "(not found)",
            "File": short_path(article.path)
            + (
                f" — deleted (found missing {article.missing_since[:10]}); kept with its"
                " annotations, not searched"
                if article.missing_since
                else ""
            ),
            "Format": article.format,
            "Encoding": article.encoding,
            "Words": f"{words:,} ({dropped:,} words of page furniture removed)"
            if dropped
            else f"{words:,}",
            "Identifier": article.uri,
        }
        for name, value in values.items():
            self.values[name].setText(value)
        self.values["File"].setToolTip(article.path)
