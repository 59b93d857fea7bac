"""The window's defects a fact-checking desk met (issue 16), each driven through the widgets:
annotation searches land on the annotation, the reading place survives theme and text size,
a slow search is shown as such, selections snap to words, a bad query is not shown as "no
results", the note dialog's keys and fields, Esc and search history, undo says what it did,
and README files in a folder are skipped, not reported as problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.model import ImportOutcome
from reader.paths import LibraryPaths
from reader.ui.main_window import MainWindow
from reader.ui.notes import AnnotationDialog
from tests.ui.test_window import TIMEOUT, open_window, search


def _open(qtbot: QtBot, window: MainWindow, query: str, title_part: str) -> str:
    search(qtbot, window, query)
    for row, hit in enumerate(window.search.model.hits):
        if title_part in hit.title:
            window.search.view.setCurrentIndex(window.search.model.index(row))
            break
    article = window.reading.view.article
    assert article is not None and title_part in article.display_title
    return article.text


def test_an_annotation_search_opens_the_article_at_the_annotation(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    window = open_window(qtbot, where)
    text = _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    words = "deepen Russia’s diplomatic isolation"
    start = text.index(words)
    view = window.reading.view
    view.select_range(start, start + len(words))
    window.commands["highlight"].trigger()
    store = window.annotations.store
    assert store is not None
    (ann,) = store.find()
    store.update(ann, tags=["isolation"], verdict="Mixed")
    for query, first in (("tag:isolation", "kishida"), ("verdict:mixed", None)):
        window.search.edit.clear()
        if first:  # from another article, and (the second time) from this one
            _open(qtbot, window, first, "US urges Xi")
            window.search.edit.clear()
        view.verticalScrollBar().setValue(0)
        result = search(qtbot, window, query)
        assert result is not None and result.total == 1  # type: ignore[attr-defined]
        (flash,) = view.painted["flash"]
        assert flash.cursor.selectedText() == words, query
        shown = view.cursorRect(flash.cursor)
        assert 0 <= shown.top() <= view.viewport().height(), query  # on screen


def test_theme_and_text_size_keep_the_reading_place(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    window.resize(1200, 800)
    text = _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    view = window.reading.view
    target = text.index("diplomatic isolation")
    view.scroll_to_offset(target)
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 5)
    before = view.offset_at(QPoint(8, 8))
    assert before is not None and before > 200
    window.commands["theme_dark"].trigger()
    after_theme = view.offset_at(QPoint(8, 8))
    window.set_font_px(view.font_px + 3)
    after_size = view.offset_at(QPoint(8, 8))
    for after in (after_theme, after_size):
        assert after is not None and abs(after - before) < 120, (before, after)
    window.commands["theme_light"].trigger()


def test_a_running_search_is_shown_busy_and_the_old_list_greyed(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    window = open_window(qtbot, where)
    panel = window.search
    panel.edit.setText("sanctions")
    panel._timer.stop()
    with qtbot.waitSignal(panel.searchFinished, timeout=TIMEOUT):
        panel.run()
        assert panel.busy  # from the moment it starts
        panel._show_busy()  # what the short timer shows when it takes a while
        assert not panel.view.isEnabled() and "Searching for sanctions" in panel.count_label.text()
    assert not panel.busy and panel.view.isEnabled() and "result" in panel.count_label.text()


def test_a_selection_snaps_to_whole_words(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    text = _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    words = "diplomatic isolation"
    start = text.index(words)
    view = window.reading.view
    view.select_range(start + 2, start + len(words) - 3)  # "plomatic isolat"
    window.commands["highlight"].trigger()
    store = window.annotations.store
    assert store is not None
    (ann,) = store.find()
    assert ann.quote.exact == words


def test_a_bad_query_says_what_to_fix_and_shows_no_list(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    panel = window.search
    search(qtbot, window, "(china AND")
    assert panel.message_label.isVisible() and "parenthes" in panel.message_label.text()
    assert not panel.empty_label.isVisible()  # not also "No results … try a wildcard"
    panel.edit.clear()
    result = search(qtbot, window, 'date:""')
    assert result is None and panel.message_label.isVisible()
    assert panel.model.rowCount() == 0 and not panel.view.isVisible()


def test_escape_clears_the_search_and_ctrl_up_goes_back_through_history(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    window = open_window(qtbot, where)
    panel = window.search
    search(qtbot, window, "sanctions")
    panel.edit.clear()
    search(qtbot, window, "putin")
    with qtbot.waitSignal(panel.searchFinished, timeout=TIMEOUT):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Escape)
    assert panel.edit.text() == "" and "in the library" in panel.count_label.text()
    with qtbot.waitSignal(panel.searchFinished, timeout=TIMEOUT):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert panel.edit.text() == "putin"
    with qtbot.waitSignal(panel.searchFinished, timeout=TIMEOUT):
        qtbot.keyClick(panel.edit, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert panel.edit.text() == "sanctions"


def test_the_note_dialog_shows_claim_fields_for_claims_and_saves_with_ctrl_enter(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    window = open_window(qtbot, where)
    text = _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    start = text.index("multipolarity")
    window.reading.view.select_range(start, start + len("multipolarity"))
    seen: dict[str, object] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AnnotationDialog):
            QTimer.singleShot(20, answer)
            return
        seen["verdict_shown"] = dialog.form.isRowVisible(dialog.verdict)
        dialog.claim.setChecked(True)
        seen["verdict_after"] = dialog.form.isRowVisible(dialog.verdict)
        dialog.claim.setChecked(False)
        dialog.note.setPlainText("A 😀 note — “quoted”")
        qtbot.keyClick(dialog.note, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(0, answer)
    window.commands["note"].trigger()
    assert seen == {"verdict_shown": False, "verdict_after": True}
    store = window.annotations.store
    assert store is not None
    (ann,) = store.find()
    assert ann.note == "A 😀 note — “quoted”" and not ann.claim
    window.commands["undo"].trigger()
    assert store.count() == 0
    assert window.status_label.text().startswith("Undone")


def test_readme_files_in_a_folder_are_skipped_not_refused(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path
) -> None:
    window = open_window(qtbot, where)
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "README.md").write_text("How this folder is organised.\n", encoding="utf-8")
    (folder / "story.txt").write_text(
        "Bridge reopens\n\nThe bridge reopened on Monday after repairs, the council said.\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(window.imports.importFinished, timeout=TIMEOUT) as blocker:
        window.imports.add([str(folder)])
    report = blocker.args[0]
    assert report.count(ImportOutcome.SKIPPED) == 1 and not report.refused
    assert not window.imports.errors_button.isVisible()
    assert "1 skipped" in window.status_label.text() and "refused" in window.status_label.text()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_claim_colour_stands_apart_from_every_tint(dark: bool) -> None:
    from reader.ui.theme import colours

    c = colours(dark)

    def apart(a: QColor, b: QColor) -> int:
        d = abs(a.hslHue() - b.hslHue()) % 360
        return min(d, 360 - d)

    # the claim underline was vermilion over a peach People tint: one hue, two meanings
    for other in (c.person, c.organisation, c.place, c.hit, c.current_hit, c.quote):
        assert apart(c.claim, other) >= 60, (c.claim.name(), other.name())


def test_a_passing_note_leaves_the_status_bar_unless_replaced(
    qtbot: QtBot, where: LibraryPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.main_window as mw

    monkeypatch.setattr(mw, "STATUS_MS", 200)
    window = open_window(qtbot, where, corpus=None)
    window.messages.info("Imported: 5 added")
    assert window.status_label.text() == "Imported: 5 added"
    qtbot.waitUntil(lambda: window.status_label.text() == "", timeout=TIMEOUT)
    window.messages.info("first")
    qtbot.wait(120)
    window.messages.info("second")  # the first one's timer must not take the second away
    qtbot.wait(120)
    assert window.status_label.text() == "second"
    qtbot.waitUntil(lambda: window.status_label.text() == "", timeout=TIMEOUT)
