"""Reopening where the reader was, and switching libraries from the File menu."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths, resolve
from reader.ui.session import library_command
from tests.ui.test_window import TIMEOUT, open_window, search


def test_reopening_resumes_the_search_the_article_and_the_place(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    window = open_window(qtbot, where)
    window.resize(1100, 760)
    search(qtbot, window, "said")
    rows = window.search.model.hits
    row = len(rows) - 1  # not the best match, which a search opens by itself
    assert row > 0
    window.search.view.setCurrentIndex(window.search.model.index(row))
    view = window.reading.view
    text = view.article.text  # type: ignore[union-attr]
    view.scroll_to_offset(text.index(" ", len(text) // 2))
    place = view.offset_at(QPoint(8, 8))
    uri = view.article.uri  # type: ignore[union-attr]
    window.close()
    again = open_window(qtbot, where, corpus=None)
    again.resize(1100, 760)
    with qtbot.waitSignal(again.search.searchFinished, timeout=TIMEOUT):
        again.start()
    qtbot.waitUntil(lambda: again.reading.view.article is not None, timeout=TIMEOUT)
    assert again.search.edit.text() == "said"
    assert again.reading.view.article.uri == uri  # type: ignore[union-attr]
    now = again.reading.view.offset_at(QPoint(8, 8))
    assert place is not None and now is not None and abs(now - place) < 150
    # the list marks the article on screen, not the best match it would otherwise open
    current = again.search.view.currentIndex()
    assert current.isValid()
    assert again.search.model.hits[current.row()].article_id == again.reading.view.article.id  # type: ignore[union-attr]


def test_open_recent_lists_libraries_and_switches_to_one(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path
) -> None:
    other = resolve(tmp_path / "other desk").ensure()
    first = open_window(qtbot, other, corpus=None)
    first.close()
    window = open_window(qtbot, where, corpus=None)
    menu = window.menus["file/recent"]
    menu.aboutToShow.emit()
    entries = {a.text(): a for a in menu.actions()}
    assert str(other.root) in entries and entries[str(other.root)].isEnabled()
    assert not entries[str(where.root.resolve())].isEnabled()  # the one open now
    started: list[tuple[str, list[str]]] = []
    window.session.launcher = lambda program, args: started.append((program, args))
    entries[str(other.root)].trigger()
    assert started == [library_command(other.root)]
    assert started[0][1][-2:] == ["--library", str(other.root)]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=TIMEOUT)
