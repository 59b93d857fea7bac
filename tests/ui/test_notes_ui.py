"""Annotating in the window: select → highlight → note → restart → still there; undo and redo;
a claim from the analysis tracked in one click, keeping its claimant."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from reader.ui.main_window import MainWindow
from reader.ui.notes import AnnotationDialog
from tests.ui.test_window import open_window, search


def _open_wang_yi(qtbot: QtBot, window: MainWindow) -> str:
    search(qtbot, window, "nebenzya")
    window.search.view.setCurrentIndex(window.search.model.index(0))
    article = window.reading.view.article
    assert article is not None and "no other option" in article.text
    return article.text


def _fill_dialog(note: str, tags: str = "", verdict: str | None = None) -> None:
    """Answer the next annotation dialog as a user would, then press Save."""

    tries = [0]

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, AnnotationDialog):
            tries[0] += 1
            if tries[0] < 250:  # the dialog may open a moment later (after a click)
                QTimer.singleShot(20, answer)
            return
        dialog.note.setPlainText(note)
        dialog.tags.setText(tags)
        if verdict is not None:
            dialog.verdict.setCurrentIndex(dialog.verdict.findData(verdict))
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_select_highlight_note_restart_still_there(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    text = _open_wang_yi(qtbot, window)
    view = window.reading.view
    start = text.index("no other option")
    view.select_range(start, start + len("no other option"))
    assert view.selected_range() == (start, start + len("no other option"))
    # the Annotate menu's shortcut highlights the selection
    qtbot.keyClick(
        view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    (highlight,) = view.painted["notes"]
    assert highlight.cursor.selectedText() == "no other option"
    # a note on other words, through the dialog
    s2 = text.index("multipolarity")
    view.select_range(s2, s2 + len("multipolarity"))
    _fill_dialog("Check *against* the Kremlin readout", tags="russia, china")
    window.commands["note"].trigger()
    assert len(view.painted["notes"]) == 2
    assert window.side.notes.cards.count() == 2
    assert window.side.tabText(window.side.indexOf(window.side.notes)) == "Notes (2)"
    article_id = view.article.id  # type: ignore[union-attr]
    window.close()
    # a restart: a new window on the same library shows them again
    again = open_window(qtbot, where)
    _open_wang_yi(qtbot, again)
    assert again.reading.view.article.id == article_id  # type: ignore[union-attr]
    notes = again.annotations.store.for_article(again.reading.view.article.uri)  # type: ignore[union-attr]
    assert [n.quote.exact for n in notes] == ["no other option", "multipolarity"] or [
        n.quote.exact for n in notes
    ] == ["multipolarity", "no other option"]
    noted = next(n for n in notes if n.note)
    assert noted.note == "Check *against* the Kremlin readout" and noted.tags == ("russia", "china")
    assert len(again.reading.view.painted["notes"]) == 2
    # hovering the highlight says it is the user's note
    from reader.ui.layer_words import describe_note

    assert describe_note(noted).startswith("Your note")


def test_undo_and_redo_create_edit_delete(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    text = _open_wang_yi(qtbot, window)
    view = window.reading.view
    start = text.index("no other option")
    view.select_range(start, start + len("no other option"))
    window.commands["highlight"].trigger()
    store = window.annotations.store
    assert store is not None and store.count() == 1
    (ann,) = store.find()
    window.commands["undo"].trigger()
    assert store.count() == 0 and view.painted["notes"] == []
    window.commands["redo"].trigger()
    assert store.get(ann.id) == ann and len(view.painted["notes"]) == 1
    # edit through the dialog (a click on the highlight opens it), then undo the edit
    _fill_dialog("A second look", verdict="False")
    window.annotations.edit(ann.id)
    edited = store.get(ann.id)
    assert edited is not None and edited.note == "A second look" and edited.verdict == "False"
    assert edited.claim  # a verdict makes it a tracked claim
    window.commands["undo"].trigger()
    assert store.get(ann.id) == ann
    # delete from the Notes tab, then undo: it comes back whole
    window.annotations.delete(ann.id)
    assert store.count() == 0
    window.commands["undo"].trigger()
    assert store.get(ann.id) == ann


def test_track_a_claim_from_the_analysis(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    _open_wang_yi(qtbot, window)
    pane = window.side.claims
    window.side.setCurrentWidget(pane)  # a hidden tab is drawn when it is shown
    pane.score_box.setCurrentIndex(pane.score_box.findData(0.0))  # every claim
    cards = pane.cards
    row = next(n for n in range(cards.count()) if not cards.card(n).muted)
    card = cards.card(row)
    cards.setCurrentIndex(cards.cards.index(row))
    # the claim dialog opens, with its claimant, to give a verdict
    _fill_dialog("Checked against the ministry's own figures")
    pane.track_action.trigger()
    store = window.annotations.store
    assert store is not None
    (claim,) = store.find()
    assert claim.claim and claim.status == "to check"
    assert claim.claimant == card.heading and "ministry" in claim.note
    start, end, _claimant, _score = card.key
    assert (claim.start, claim.end) == (start, end)


def test_library_wide_view_filters_counts_and_opens(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    text = _open_wang_yi(qtbot, window)
    view = window.reading.view
    s = text.index("no other option")
    view.select_range(s, s + len("no other option"))
    window.commands["highlight"].trigger()
    s2 = text.index("Vassily Nebenzya")
    view.select_range(s2, s2 + len("Vassily Nebenzya"))
    _fill_dialog("the ambassador", tags="un", verdict="Misleading")
    window.commands["claim"].trigger()
    window.commands["all_annotations"].trigger()
    dialog = window.annotations.all_view
    assert dialog.tree.topLevelItemCount() == 2
    assert (
        dialog.counts.text().startswith("2 annotations · 1 claim ·")
        or dialog.counts.text() == "2 annotations · 1 claim"
    )
    dialog.tag.setCurrentIndex(dialog.tag.findData("un"))
    assert dialog.tree.topLevelItemCount() == 1
    dialog.tag.setCurrentIndex(0)
    dialog.actor.setText("Nebenzya")  # an actor inside the annotated words
    assert [a.quote.exact for a in dialog.shown] == ["Vassily Nebenzya"]
    dialog.actor.setText("")
    dialog.review.setChecked(True)
    assert dialog.tree.topLevelItemCount() == 0 and "0 annotations" in dialog.counts.text()
    dialog.review.setChecked(False)
    # undo in the window updates the view
    window.commands["undo"].trigger()
    assert dialog.tree.topLevelItemCount() == 1
    # double-clicking opens the article at the annotation
    item = dialog.tree.topLevelItem(0)
    assert item is not None
    dialog.tree.itemDoubleClicked.emit(item, 0)
    (flash,) = view.painted["flash"]
    assert flash.cursor.selectedText() == "no other option"
    dialog.close()


def test_clicking_a_highlight_opens_it_for_editing(qtbot: QtBot, where: LibraryPaths) -> None:
    from PySide6.QtGui import QTextCursor

    window = open_window(qtbot, where)
    text = _open_wang_yi(qtbot, window)
    view = window.reading.view
    s = text.index("no other option")
    view.select_range(s, s + len("no other option"))
    window.commands["highlight"].trigger()
    (ann,) = window.annotations.store.find()  # type: ignore[union-attr]
    view.scroll_to_offset(s)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.doc_position(s + 3))
    view.setTextCursor(cursor)  # no selection: a plain click
    point = view.cursorRect(cursor).center()
    _fill_dialog("Opened by a click")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(
        lambda: window.annotations.store.get(ann.id).note == "Opened by a click",  # type: ignore[union-attr]
        timeout=5000,
    )
