"""Reviewing how an article was cleaned, in the window: the blocks of the file with what was
left out and why; bringing one back makes it part of the article, shown, searchable, and kept
when the window is opened again."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from tests.ui.test_window import TIMEOUT, open_window, search

PLACEHOLDER = "Placeholder while loading article actions"


def test_a_removed_block_is_brought_back_from_the_review(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    search(qtbot, window, "sovereignty")
    rows = window.search.model.hits
    row = next(n for n, h in enumerate(rows) if "Xi backs Russian" in h.title)
    window.search.view.setCurrentIndex(window.search.model.index(row))
    article = window.reading.view.article
    assert article is not None and PLACEHOLDER not in article.text

    seen: dict[str, object] = {}

    def review() -> None:
        dialog = window.cleaning.dialog
        items = [dialog.list.item(n) for n in range(dialog.list.count())]
        (item,) = [i for i in items if i.text().startswith(PLACEHOLDER)]
        seen["unchecked"] = item.checkState() == Qt.CheckState.Unchecked
        seen["why"] = item.text().split("\n")[-1]
        item.setCheckState(Qt.CheckState.Checked)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Apply).click()

    QTimer.singleShot(0, review)
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        window.commands["review_cleaning"].trigger()
    assert seen == {"unchecked": True, "why": seen["why"]} and "left out" in str(seen["why"])
    qtbot.waitUntil(
        lambda: (
            PLACEHOLDER in (window.reading.view.article.text if window.reading.view.article else "")
        ),
        timeout=TIMEOUT,
    )
    assert PLACEHOLDER in window.reading.view.toPlainText()
    window.close()
    again = open_window(qtbot, where)
    result = search(qtbot, again, '"while loading article actions"')
    assert result is not None and result.total == 1  # type: ignore[attr-defined]
