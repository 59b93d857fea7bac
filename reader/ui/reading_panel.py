"""The centre of the window: the article, the bar above it (hits, Original) and the legend
strip under it that shows and hides its layers."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from reader.ui.article_view import ArticleView
from reader.ui.legend import Legend


def tool_button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    return button


class ReadingPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.view = ArticleView()
        self.view.hitChanged.connect(self._on_hit_changed)
        self.hit_prev = tool_button("▲", "Previous hit (Shift+F3)")
        self.hit_next = tool_button("▼", "Next hit (F3)")
        self.hit_prev.clicked.connect(self.view.previous_hit)
        self.hit_next.clicked.connect(self.view.next_hit)
        self.hit_label = QLabel()
        self.hit_label.setMinimumWidth(64)
        self.original_button = tool_button(
            "Original", "Show the text as imported, before cleaning (Ctrl+U)"
        )
        self.original_button.setCheckable(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 8, 0)
        bar.addWidget(self.hit_prev)
        bar.addWidget(self.hit_next)
        bar.addWidget(self.hit_label)
        bar.addStretch(1)
        bar.addWidget(self.original_button)
        # the legend of the article's layers: each entry toggles its layer
        self.legend = Legend()
        legend_bar = QHBoxLayout()
        legend_bar.setContentsMargins(8, 0, 8, 2)
        shown = QLabel("Show:")
        shown.setEnabled(False)
        legend_bar.addWidget(shown)
        legend_bar.addWidget(self.legend, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        lay.addLayout(legend_bar)

    def _on_hit_changed(self, current: int, total: int) -> None:
        has = total > 0
        self.hit_prev.setEnabled(has)
        self.hit_next.setEnabled(has)
        if self.view.article is None or not (self.view.terms or self.view.marks):
            self.hit_label.setText("")
        elif has:
            self.hit_label.setText(f"{current + 1} of {total}")
        else:
            self.hit_label.setText("No hits here")

    def keeping_place(self, change: Callable[[], None]) -> None:
        """Make ``change`` (new colours, a new text size) without losing the reader's place:
        the words at the top of the article view are at its top again afterwards."""
        view = self.view
        offset = view.offset_at(QPoint(8, 8)) if view.article is not None else None
        change()
        if offset is not None:
            cursor = QTextCursor(view.document())
            cursor.setPosition(view.doc_position(offset))
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + view.cursorRect(cursor).top() - 8)
