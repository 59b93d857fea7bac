"""The timeline under the results: the matching articles per month (undated ones said apart),
a click on a bar narrows the search to its month; an actor's mentions over time from the
Actors tab."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from tests.ui.test_trace_ui import _corpus
from tests.ui.test_window import TIMEOUT, open_window, search


def test_timeline_follows_the_search_and_a_bar_narrows_it(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path
) -> None:
    window = open_window(qtbot, where, _corpus(tmp_path))
    pane = window.search.timeline
    assert not pane.isVisible()
    window.commands["timeline"].trigger()  # View ▸ Show Timeline (Ctrl+T)
    assert pane.isVisible()
    qtbot.waitUntil(lambda: pane.timeline is not None, timeout=TIMEOUT)
    t = pane.timeline
    assert t is not None and t.periods == (("2023-02", 3),) and t.undated == 1
    assert "1 article undated" in pane.note.text()
    # a bar clicked narrows the search to its month
    box = pane.plot.getPlotItem().getViewBox()
    scene = box.mapViewToScene(QPointF(0, 1.5))
    spot = pane.plot.mapFromScene(scene)
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT) as done:
        qtbot.mouseClick(pane.plot.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    assert window.search.edit.text() == "date:2023-02"
    assert done.args[0].total == 3
    # it follows the search: the next search's articles
    window.search.edit.clear()
    search(qtbot, window, "kremlin")
    qtbot.waitUntil(lambda: "kremlin" in pane.title.text(), timeout=TIMEOUT)
    # an actor's mentions over time (the Actors tab's menu)
    window.side.actors.mentionsRequested.emit("Wang Yi")
    qtbot.waitUntil(lambda: pane.title.text() == "Mentions of Wang Yi over time", timeout=TIMEOUT)
    assert pane.timeline is not None and pane.timeline.what == "mentions"
    assert pane.timeline.dated >= 3
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        pane.periodChosen.emit("2023-02")
    assert window.search.edit.text() == 'actor:"Wang Yi" date:2023-02'
    # the choice is remembered
    window.close()
    again = open_window(qtbot, where)
    assert again.commands["timeline"].isChecked() and again.search.timeline.isVisible()


def test_results_by_date_and_the_order_is_remembered(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path
) -> None:
    window = open_window(qtbot, where, _corpus(tmp_path))
    search(qtbot, window, "lavrov")
    box = window.search.sort_box
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        box.setCurrentIndex(box.findData("newest"))
    dates = [h.date for h in window.search.model.hits]
    assert dates == ["2023-02-22", "2023-02-21", "2023-02-20", None]
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        box.setCurrentIndex(box.findData("oldest"))
    assert [h.date for h in window.search.model.hits][:3] == [
        "2023-02-20",
        "2023-02-21",
        "2023-02-22",
    ]
    window.close()
    again = open_window(qtbot, where)
    assert again.search.sort == "oldest"
