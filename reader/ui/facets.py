"""Facet counts under the results: the actors and sources of the matching articles, and how
many carry a statement quoted in several outlets.

Clicking one narrows the search to it (``actor:"…"``, ``source:"…"``, ``date:2023``, ``outlets:3``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

FACETS = (
    ("actor", "Actors"),
    ("source", "Sources"),
    ("year", "Years"),
    ("outlets", "Quoted in"),
)
SHOWN = 8  # per facet; the most frequent first


class FacetsPane(QTreeWidget):
    facetChosen = Signal(str, str)  # field, value

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.setColumnCount(2)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setAccessibleName("Facets")
        self.setToolTip("Click to narrow the search to an actor, a source or a reach")
        self.itemClicked.connect(self._clicked)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.setMaximumHeight(190)
        self.hide()

    def show(self, facets: dict[str, list[tuple[str, int]]]) -> None:  # type: ignore[override]
        self.clear()
        any_shown = False
        for field, title in FACETS:
            values = facets.get(field) or []
            if not values:
                continue
            any_shown = True
            top = QTreeWidgetItem([title, ""])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.addTopLevelItem(top)
            for value, count in values[:SHOWN]:
                label = f"{value} outlets or more" if field == "outlets" else value
                item = QTreeWidgetItem([label, f"{count:,}"])
                item.setData(0, Qt.ItemDataRole.UserRole, (field, value))
                item.setTextAlignment(
                    1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                top.addChild(item)
            top.setExpanded(True)
        self.setVisible(any_shown)

    def _clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data:
            self.facetChosen.emit(*data)
