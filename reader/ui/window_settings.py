"""What the window remembers between sessions, and the view settings the reader changes: the
window's size and panes, the theme, the text size, the layers shown, the claims underlined,
the timeline and the order of the results (QSettings, per library)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from reader.ui import theme
from reader.ui.actions import Actions
from reader.ui.layer_words import LAYERS
from reader.ui.messages import Messages
from reader.ui.panes import Panes
from reader.ui.reading_panel import ReadingPanel
from reader.ui.search_panel import SearchPanel
from reader.ui.side_panel import SidePanel


class WindowSettings(QMainWindow):
    """The main window's remembering half (a mixin: the window makes the parts it names)."""

    settings: QSettings
    commands: Actions
    splitter: Panes
    reading: ReadingPanel
    search: SearchPanel
    side: SidePanel
    messages: Messages
    colours: theme.Colours

    def _restore_settings(self) -> None:
        s = self.settings
        geometry = s.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1360, int(screen.width() * 0.92)), min(860, int(screen.height() * 0.9)))
        self.splitter.remember(s.value("window/splitter"))
        self.reading.view.font_px = int(str(s.value("view/font_px", 17)))
        self.set_theme(str(s.value("view/theme", "system")), save=False)
        self.commands["original"].setChecked(s.value("view/original", "false") in (True, "true"))
        hidden = str(s.value("view/hidden_layers", "") or "")
        for layer in filter(None, hidden.split(",")):
            if layer in LAYERS:
                self.reading.view.set_layer(layer, False)
        self.reading.legend.set_state(self.reading.view.layers)
        self.side.claims.set_threshold(float(str(s.value("view/claim_threshold", 0.5))))
        self.commands["timeline"].setChecked(s.value("view/timeline", "false") in (True, "true"))
        self.search.sort_box.blockSignals(True)
        self.search.set_sort(str(s.value("search/sort", "relevance")))
        self.search.sort_box.blockSignals(False)

    def save_settings(self) -> None:
        s = self.settings
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/splitter", self.splitter.saveState())
        s.setValue("view/font_px", self.reading.view.font_px)
        s.setValue("view/original", self.commands["original"].isChecked())
        s.setValue("search/sort", self.search.sort)
        s.sync()

    def set_theme(self, name: str, save: bool = True) -> None:
        name = name if name in theme.THEMES else "system"
        self.commands[f"theme_{name}"].setChecked(True)
        self.colours = theme.apply(name)
        self.reading.keeping_place(lambda: self.reading.view.set_colours(self.colours))
        self.reading.legend.set_colours(self.colours)
        self.search.timeline.set_colours(self.colours)
        self.side.actors.colours = self.colours
        if save:
            self.settings.setValue("view/theme", name)

    def set_font_px(self, px: int) -> None:
        view = self.reading.view
        self.reading.keeping_place(lambda: view.set_font_px(px))
        self.settings.setValue("view/font_px", view.font_px)
        self.messages.info(f"Text size {view.font_px} px")
