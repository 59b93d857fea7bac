"""The window's three panes side by side — search, article, side tabs — sharing a narrower
window in proportion, so the article is never squeezed to a strip between two panes that keep
their width, and the side keeps every tab in view when the window has room for it."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QSplitter

from reader.ui.reading_panel import ReadingPanel
from reader.ui.search_panel import SearchPanel
from reader.ui.side_panel import SidePanel

#: The share of a new window's width each pane starts with.
SHARES = (0.21, 0.49, 0.30)
#: A window narrower than this lets the side tabs scroll rather than squeeze the article.
TABS_WHOLE_FROM = 1000


class Panes(QSplitter):
    def __init__(self, search: SearchPanel, reading: ReadingPanel, side: SidePanel) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.side = side
        for pane, stretch, least in ((search, 1, 170), (reading, 3, 300), (side, 1, 200)):
            self.addWidget(pane)
            self.setStretchFactor(self.indexOf(pane), stretch)
            pane.setMinimumWidth(least)
        self.setSizes([330, 760, 350])
        self.setChildrenCollapsible(False)
        self._saved: QByteArray | None = None
        self._sized = False

    def remember(self, state: object) -> None:
        """The sizes the reader left (applied once the window has its size, or the layout
        would redistribute them)."""
        self._saved = state if isinstance(state, QByteArray) else None

    def settle(self, width: int) -> None:
        """On the window's first showing: the reader's sizes, else the shares of ``width``."""
        if self._saved is not None:
            self.restoreState(self._saved)
            self._saved = None
        elif not self._sized:
            self.setSizes([int(width * share) for share in SHARES])
        self._sized = True

    def fit(self, width: int) -> None:
        """For a window ``width`` pixels wide: the side's tabs whole when there is room."""
        whole = width >= TABS_WHOLE_FROM
        self.side.setMinimumWidth(self.side.tabs_width() if whole else 200)
