"""The legend under the article: one toggle per layer (people, organisations, places, quotes,
claims, notes, hits) in its colour — a hollow swatch when the layer is off — wrapping onto
more lines in a narrow window."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QToolButton,
    QWidget,
)

from reader.ui.flow import FlowLayout, wrapping
from reader.ui.layer_words import LAYER_NAMES, LAYERS
from reader.ui.theme import Colours


def swatch(colour: QColor, size: int = 12) -> QIcon:
    pix = QPixmap(size, size)
    pix.fill(colour)
    return QIcon(pix)


class Legend(QWidget):
    """One toggle per layer, each with its colour, under the article. The toggles wrap onto a
    second line in a narrow window (none is ever cut off), and a layer that is off looks off:
    an empty swatch and muted words."""

    toggled = Signal(str, bool)

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("Layers shown in the article")
        flow = FlowLayout(self, spacing=4)
        self.toggles: dict[str, QToolButton] = {}
        self.fills: dict[str, QColor] = {}
        for layer in LAYERS:
            button = QToolButton(self)
            button.setText(LAYER_NAMES[layer])
            button.setCheckable(True)
            button.setChecked(True)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIconSize(QSize(12, 12))
            button.setToolTip(f"Show or hide {LAYER_NAMES[layer].lower()} in the article")
            button.toggled.connect(lambda on, name=layer: self._toggled(name, on))
            flow.addWidget(button)
            self.toggles[layer] = button
        wrapping(self)

    def _toggled(self, layer: str, on: bool) -> None:
        self._look(layer)
        self.toggled.emit(layer, on)

    def _look(self, layer: str) -> None:
        button = self.toggles[layer]
        fill = self.fills.get(layer, QColor("gray"))
        on = button.isChecked()
        button.setIcon(swatch(fill) if on else hollow(fill))
        button.setStyleSheet("" if on else "QToolButton { color: palette(placeholder-text); }")
        button.setAccessibleDescription("shown" if on else "hidden")

    def set_colours(self, c: Colours) -> None:
        self.fills = {
            "person": c.person,
            "organisation": c.organisation,
            "place": c.place,
            "quotes": c.quote,
            "claims": c.claim,
            "notes": QColor("#fff176"),
            "hits": c.hit,
        }
        for layer in self.toggles:
            self._look(layer)

    def set_state(self, shown: set[str]) -> None:
        for layer, button in self.toggles.items():
            button.blockSignals(True)
            button.setChecked(layer in shown)
            button.blockSignals(False)
            self._look(layer)


def hollow(colour: QColor, size: int = 12) -> QIcon:
    """An empty swatch: the layer's colour as an outline only (the layer is hidden)."""
    pix = QPixmap(size, size)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    pen = QPen(colour)
    pen.setWidth(2)
    painter.setPen(pen)
    painter.drawRect(1, 1, size - 3, size - 3)
    painter.end()
    return QIcon(pix)
