"""Saved searches and collections from the window: Library ▸ Save Search lists the query above
the results with its count, a click runs it; Add to Collection puts the open article (or every
result) in a named set that in:"…" searches; rename and delete from the list's menu."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from tests.ui.test_trace_ui import _corpus
from tests.ui.test_window import TIMEOUT, open_window, search


def _rows(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    tree = window.search.saved
    out = {}
    for n in range(tree.topLevelItemCount()):
        top = tree.topLevelItem(n)
        for i in range(top.childCount()):
            out[top.child(i).text(0)] = top.child(i).text(1)
    return out


def test_saved_searches_and_collections(qtbot: QtBot, where: LibraryPaths, tmp_path: Path) -> None:
    window = open_window(qtbot, where, _corpus(tmp_path))
    answers: list[str | None] = []
    window.saved.ask = lambda title, label, choices, default: answers.pop(0)
    pane = window.search.saved
    assert not pane.isVisible()  # nothing saved yet

    search(qtbot, window, "lavrov")
    answers.append("Lavrov")
    window.commands["save_search"].trigger()  # Ctrl+S
    qtbot.waitUntil(lambda: _rows(window) == {"Lavrov": "4"}, timeout=TIMEOUT)
    assert pane.isVisible()

    # the open article into a new collection, then every result of another search
    window.search.view.setCurrentIndex(window.search.model.index(0))
    answers.append("Peace desk")
    window.commands["add_to_collection"].trigger()
    qtbot.waitUntil(lambda: _rows(window).get("Peace desk") == "1", timeout=TIMEOUT)
    window.search.edit.clear()
    search(qtbot, window, "kremlin")
    answers.append("Peace desk")
    window.commands["add_results_to_collection"].trigger()
    qtbot.waitUntil(lambda: _rows(window).get("Peace desk") == "4", timeout=TIMEOUT)

    # a click on the collection runs in:"Peace desk"
    top = next(
        pane.topLevelItem(n)
        for n in range(pane.topLevelItemCount())
        if pane.topLevelItem(n).text(0) == "Collections"
    )  # type: ignore[union-attr]
    item = top.child(0)  # type: ignore[union-attr]
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT) as done:
        pane.itemClicked.emit(item, 0)
    assert window.search.edit.text() == 'in:"Peace desk"' and done.args[0].total == 4

    # take the open article out of the collection searched for: the list follows
    window.search.view.setCurrentIndex(window.search.model.index(0))
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT) as done:
        window.commands["remove_from_collection"].trigger()
    assert done.args[0].total == 3
    qtbot.waitUntil(lambda: _rows(window).get("Peace desk") == "3", timeout=TIMEOUT)

    # rename and delete from the list's menu
    answers.append("Ukraine peace")
    pane.renameRequested.emit("collection", "Peace desk")
    qtbot.waitUntil(lambda: "Ukraine peace" in _rows(window), timeout=TIMEOUT)
    pane.deleteRequested.emit("search", "Lavrov")
    qtbot.waitUntil(lambda: "Lavrov" not in _rows(window), timeout=TIMEOUT)
    assert window.workspace.library().count() == 4
    # a new start lists them again, with their counts
    window.close()
    again = open_window(qtbot, where)
    qtbot.waitUntil(lambda: _rows(again) == {"Ukraine peace": "3"}, timeout=TIMEOUT)
