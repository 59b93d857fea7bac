"""Correcting the analysis in the window: an actor's type and a merge from the Actors tab's menu
(every article follows), a speaker or a claimant from a card (kept for the article)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from tests.ui.test_window import TIMEOUT, open_window, search


def _open(qtbot: QtBot, window, query: str, part: str) -> None:  # type: ignore[no-untyped-def]
    search(qtbot, window, query)
    row = next(n for n, h in enumerate(window.search.model.hits) if part in h.title)
    window.search.view.setCurrentIndex(window.search.model.index(row))


def _actor_menu(qtbot: QtBot, window, tree, name: str, submenu: str, choice: str) -> None:  # type: ignore[no-untyped-def]
    """Open the Actors tab's menu on ``name`` and choose ``submenu`` ▸ ``choice``, as a reader
    does with the mouse; returns once the library has been analysed again."""
    item = next(
        tree.topLevelItem(n)
        for n in range(tree.topLevelItemCount())
        if tree.topLevelItem(n).text(0) == name
    )
    chosen: dict[str, bool] = {}

    def choose() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, choose)
            return
        inner = next(a.menu() for a in menu.actions() if a.text().startswith(submenu))
        action = next(a for a in inner.actions() if a.text() == choice)
        chosen["ok"] = True
        menu.close()
        action.trigger()

    QTimer.singleShot(0, choose)
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT * 3):
        tree.customContextMenuRequested.emit(tree.visualItemRect(item).center())
    assert chosen == {"ok": True}


def _set_who(qtbot: QtBot, window, pane, pick, answer: str) -> list[tuple[str, list[str], str]]:  # type: ignore[no-untyped-def]
    """Choose the card ``pick`` accepts, answer the who-dialog with ``answer``: what the
    dialog was asked (title, names offered, current)."""
    cards = pane.cards
    row = next(n for n in range(cards.count()) if pick(cards.card(n)))
    cards.setCurrentIndex(cards.cards.index(row))
    asked: list[tuple[str, list[str], str]] = []

    def ask(title: str, names: list[str], current: str) -> str:
        asked.append((title, names, current))
        return answer

    window.correcting.ask = ask
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        pane.who_action.trigger()
    return asked


def test_correct_an_actor_type_from_the_actors_menu(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    _open(qtbot, window, "xinhua", "Xi backs Russian")
    pane = window.side.actors
    window.side.setCurrentWidget(pane)
    tree = pane.tree
    item = next(
        tree.topLevelItem(n)
        for n in range(tree.topLevelItemCount())
        if tree.topLevelItem(n).text(0) == "Xinhua"
    )  # type: ignore[union-attr]
    assert item is not None and item.text(1) != "person"
    _actor_menu(qtbot, window, tree, "Xinhua", "Correct Type", "Person")
    qtbot.waitUntil(
        lambda: any(
            m.name == "Xinhua" and m.type == "person" for m in window.reading.view.analysis.actors
        ),
        timeout=TIMEOUT,
    )
    # the same name is a person in every other article that names it
    library = window.workspace.library()
    for article_id in library.ids():
        article = library.get(article_id)
        assert article is not None
        for m in window.workspace.layers(article).actors:
            if m.name == "Xinhua":
                assert m.type == "person", article.display_title


def test_set_a_speaker_from_a_quote_card(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    pane = window.side.quotes
    asked = _set_who(
        qtbot, window, pane, lambda card: "no other option" in card.body, "Sergey Lavrov 🇷🇺"
    )
    assert asked and asked[0][0] == "Set Speaker" and asked[0][2] == "Vassily Nebenzya"
    assert "Vladimir Putin" in asked[0][1]  # the article's people are offered
    assert "China" in asked[0][1]  # and its countries, after them ("China said")
    assert asked[0][1].index("Vladimir Putin") < asked[0][1].index("China")
    qtbot.waitUntil(
        lambda: any(c.heading == "Sergey Lavrov 🇷🇺" for c in pane.cards.cards.cards),
        timeout=TIMEOUT,
    )
    window.search.edit.clear()
    result = search(qtbot, window, 'speaker:"Sergey Lavrov"')
    assert result is not None and result.total >= 1  # type: ignore[attr-defined]


def test_merge_two_actors_from_the_actors_menu(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    _open(qtbot, window, "xinhua", "Xi backs Russian")
    pane = window.side.actors
    window.side.setCurrentWidget(pane)
    tree = pane.tree
    names = [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())]  # type: ignore[union-attr]
    assert "East Sea" in names and "East China Sea" in names
    _actor_menu(qtbot, window, tree, "East Sea", "Is the Same As", "East China Sea")

    def merged() -> bool:
        shown = [tree.topLevelItem(n).text(0) for n in range(tree.topLevelItemCount())]  # type: ignore[union-attr]
        return "East Sea" not in shown and "East China Sea" in shown

    qtbot.waitUntil(merged, timeout=TIMEOUT)
    # one actor in every article of the library, and the merge is kept for the next analyses
    library = window.workspace.library()
    for article_id in library.ids():
        article = library.get(article_id)
        assert article is not None
        assert all(m.name != "East Sea" for m in window.workspace.layers(article).actors)


def test_set_a_claimant_from_a_claim_card(qtbot: QtBot, where: LibraryPaths) -> None:
    window = open_window(qtbot, where)
    _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    pane = window.side.claims
    window.side.setCurrentWidget(pane)
    asked = _set_who(qtbot, window, pane, lambda card: card.heading == "Images", "Xinhua 📷")
    assert asked and asked[0][0] == "Set Claimant" and asked[0][2] == "Images"
    qtbot.waitUntil(
        lambda: any(c.heading == "Xinhua 📷" for c in pane.cards.cards.cards), timeout=TIMEOUT
    )
    assert all(c.heading != "Images" for c in pane.cards.cards.cards)
