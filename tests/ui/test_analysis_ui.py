"""Actors, quotes and claims in the window: the layers, their legend, the side tabs, facets and
quote search, driven through the widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTreeWidget
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from reader.ui.main_window import MainWindow
from tests.ui.test_window import TIMEOUT, open_window, search


@pytest.fixture
def window(qtbot: QtBot, where: LibraryPaths) -> MainWindow:
    return open_window(qtbot, where)


def _open(qtbot: QtBot, window: MainWindow, query: str, title_part: str) -> None:
    search(qtbot, window, query)
    for row, hit in enumerate(window.search.model.hits):
        if title_part in hit.title:
            window.search.view.setCurrentIndex(window.search.model.index(row))
            break
    view = window.reading.view
    assert view.article is not None and title_part in view.article.display_title


def _row(tree: QTreeWidget, column: int, text: str) -> QPoint:
    for n in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(n)
        if item is not None and item.text(column) == text:
            tree.scrollToItem(item)
            rect = tree.visualItemRect(item)  # the whole row, wider than the viewport
            return QPoint(tree.columnViewportPosition(column) + 10, rect.center().y())
    raise AssertionError(f"no row with {text!r}; rows: {tree.topLevelItemCount()}")


def test_clicking_a_quote_scrolls_to_it_and_flashes_it(qtbot: QtBot, window: MainWindow) -> None:
    _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    pane = window.side.quotes
    window.side.setCurrentWidget(pane)
    speakers = [pane.cards.card(n).heading for n in range(pane.cards.count())]
    assert "Vassily Nebenzya" in speakers and "Vladimir Putin" in speakers
    view = window.reading.view
    view.verticalScrollBar().setValue(0)
    cards = pane.cards
    row = speakers.index("Vassily Nebenzya")
    cards.scrollTo(cards.cards.index(row))
    qtbot.mouseClick(cards.viewport(), Qt.MouseButton.LeftButton, pos=cards.row_rect(row).center())
    (flash,) = view.painted["flash"]
    assert flash.cursor.selectedText() == "no other option"
    assert view.textCursor().position() == flash.cursor.selectionStart()
    assert view.verticalScrollBar().value() > 0  # the quote is further down the article
    qtbot.waitUntil(lambda: not view.painted["flash"], timeout=TIMEOUT)


def test_key_quotes_after_an_interview_name_the_interviewee(
    qtbot: QtBot, window: MainWindow
) -> None:
    _open(qtbot, window, "cleverly", "UN General Assembly")
    pane = window.side.quotes
    window.side.setCurrentWidget(pane)
    cards = [pane.cards.card(n) for n in range(pane.cards.count())]
    key = [c for c in cards if c.body.startswith(("We know that President Xi", "China has made"))]
    assert len(key) == 2, [c.body[:40] for c in cards]
    for card in key:
        assert card.heading == "James Cleverly" and not card.muted
        assert "interviewed" in card.meta


def test_filter_quotes_by_speaker(qtbot: QtBot, window: MainWindow) -> None:
    _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    pane = window.side.quotes
    box = pane.speaker_box
    index = next(n for n in range(box.count()) if box.itemData(n) == "Vassily Nebenzya")
    box.setCurrentIndex(index)
    shown = [card.heading for card in pane.cards.visible()]
    assert shown and set(shown) == {"Vassily Nebenzya"}


def test_toggling_a_layer_hides_its_highlights_and_is_remembered(
    qtbot: QtBot, window: MainWindow, where: LibraryPaths
) -> None:
    _open(qtbot, window, "kishida", "US urges Xi")
    view = window.reading.view
    people = [s.cursor.selectedText() for s in view.painted["person"]]
    assert "Kishida" in " ".join(people)
    assert view.painted["organisation"] and view.painted["claims"]
    before = len(view.extraSelections())
    window.reading.legend.toggles["person"].click()
    assert view.painted["person"] == []
    assert len(view.extraSelections()) == before - len(people)
    assert view.painted["organisation"]  # the other layers stay
    window.close()
    again = open_window(qtbot, where)
    assert "person" not in again.reading.view.layers
    assert not again.reading.legend.toggles["person"].isChecked()


def test_hovering_a_highlight_says_what_it_is(qtbot: QtBot, window: MainWindow) -> None:
    _open(qtbot, window, "cleverly", "UN General Assembly")
    view = window.reading.view
    text = view.article.text if view.article else ""
    at = text.index("Wang Yi")
    assert view.spans_at(at)
    from reader.ui.layer_words import describe

    tips = [describe(s) for s in view.spans_at(at)]
    assert any(t.startswith("Wang Yi — person") for t in tips), tips
    # the point under the name maps back to the same offset (UTF-16 aware)
    rect = view.cursorRect(_cursor_at(view, at + 2))
    assert view.offset_at(rect.center()) in (at + 2, at + 3)
    claim_at = text.index("no limits")
    assert any(
        "claim by" in describe(s) and "score" in describe(s) for s in view.spans_at(claim_at)
    )


def _cursor_at(view, offset: int):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextCursor

    cursor = QTextCursor(view.document())
    cursor.setPosition(view.doc_position(offset))
    return cursor


def test_clicking_an_actor_lists_the_articles_that_mention_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    _open(qtbot, window, "cleverly", "UN General Assembly")
    pane = window.side.actors
    window.side.setCurrentWidget(pane)
    qtbot.waitExposed(pane.tree)
    tree = pane.tree
    with (
        qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT),
        qtbot.waitSignal(window.search.facetsFinished, timeout=TIMEOUT) as facets,
    ):
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=_row(tree, 0, "NATO"))
    assert window.search.edit.text() == 'actor:"NATO"'
    ids = {h.article_id for h in window.search.model.hits}
    assert len(ids) == window.search.model.rowCount() >= 2
    library = window.workspace.library()
    layers = {
        h.article_id: window.workspace.layers(library.get(h.article_id))  # type: ignore[arg-type]
        for h in window.search.model.hits
    }
    for found in layers.values():  # each mentions it, under any of its names
        assert any(m.name == "NATO" for m in found.actors)
    written = {m.alias for found in layers.values() for m in found.actors if m.name == "NATO"}
    assert written == {"NATO", "Nato"}
    # the facet list beside the results counts actors and sources of what matched (it follows
    # the results in a job of its own)
    assert window.search.facets.isVisible()
    actors = dict(facets.args[0]["actor"])
    assert actors["NATO"] == len(ids)
    # an article opened from the list marks the actor's mentions as its hits ("Nato" too)
    hit = window.search.model.hits[0]
    window.search.view.setCurrentIndex(window.search.model.index(0))
    view = window.reading.view
    qtbot.waitUntil(lambda: view.article is not None and view.article.id == hit.article_id)
    mentions = {(m.start, m.end) for m in layers[hit.article_id].actors if m.name == "NATO"}
    qtbot.waitUntil(lambda: set(view._hits) == mentions, timeout=TIMEOUT)
    assert mentions and "of" in window.reading.hit_label.text()


def test_speaker_search_lists_quotes_and_opens_at_the_quote(
    qtbot: QtBot, window: MainWindow
) -> None:
    result = search(qtbot, window, 'speaker:"Vassily Nebenzya"')
    assert result is not None
    hits = window.search.model.hits
    assert hits and all(h.speaker == "Vassily Nebenzya" for h in hits)
    view = window.reading.view
    first = hits[0]
    assert first.quote_start is not None and first.quote_end is not None
    window.search.view.setCurrentIndex(window.search.model.index(0))
    (flash,) = view.painted["flash"]
    text = view.article.text if view.article else ""
    assert flash.cursor.selectedText() == text[first.quote_start : first.quote_end]
    # a word narrows to what the speaker said about it
    search(qtbot, window, " option")
    assert window.search.edit.text() == 'speaker:"Vassily Nebenzya" option'
    assert [h.snippet.marked("[", "]") for h in window.search.model.hits] == ["no other [option]"]


def test_the_claims_filter_decides_which_claims_the_article_underlines(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    window = open_window(qtbot, where)
    _open(qtbot, window, "Britain urges China", "Britain urges China")
    view, pane = window.reading.view, window.side.claims
    everything = window._layers.claims
    assert {c.score >= 0.5 for c in everything} == {True, False}  # a mixed article

    def underlined() -> set[tuple[int, int]]:
        return {(c.start, c.end) for c in view.analysis.claims}

    # by default only claims scored 0.5 or more are underlined, as the tab lists them
    assert pane.threshold == 0.5
    assert underlined() == {(c.start, c.end) for c in everything if c.score >= 0.5}
    place = view.verticalScrollBar().value()
    pane.score_box.setCurrentIndex(pane.score_box.findData(0.0))
    assert underlined() == {(c.start, c.end) for c in everything}
    assert view.verticalScrollBar().value() == place  # the reading place is kept
    pane.score_box.setCurrentIndex(pane.score_box.findData(0.7))
    assert underlined() == {(c.start, c.end) for c in everything if c.score >= 0.7}
    # the choice is remembered
    window.close()
    again = open_window(qtbot, where)
    assert again.side.claims.threshold == 0.7


def test_a_hidden_tab_is_drawn_when_shown_and_never_shows_another_article(
    qtbot: QtBot, where: LibraryPaths
) -> None:
    window = open_window(qtbot, where)
    window.side.setCurrentWidget(window.side.quotes)
    _open(qtbot, window, "cleverly", "UN General Assembly")
    actors = window.side.actors
    first = {actors.tree.topLevelItem(n).text(0) for n in range(actors.tree.topLevelItemCount())}
    assert "UN General Assembly" not in first  # not drawn while its tab is hidden
    window.side.setCurrentWidget(actors)  # drawn now, for the article that is open
    drawn = {actors.tree.topLevelItem(n).text(0) for n in range(actors.tree.topLevelItemCount())}
    assert drawn and drawn != first and "UN General Assembly" in drawn
    window.side.setCurrentWidget(window.side.quotes)
    library = window.workspace.library()
    (other,) = [i for i, m in library.summaries().items() if "Wang Yi-Putin" in m["title"]]
    window.open_article(other)
    window.side.setCurrentWidget(actors)
    again = {actors.tree.topLevelItem(n).text(0) for n in range(actors.tree.topLevelItemCount())}
    assert again and again != drawn and "Vassily Nebenzya" in again


def test_a_long_articles_text_comes_first_and_its_layers_after(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.main_window

    monkeypatch.setattr(reader.ui.main_window, "LONG_ARTICLE", 100)  # every sample is long
    library = window.workspace.library()
    (wang,) = [i for i, m in library.summaries().items() if "Wang Yi-Putin" in m["title"]]
    window.side.setCurrentWidget(window.side.quotes)
    window.open_article(wang)
    view = window.reading.view
    assert view.article is not None and view.article.id == wang
    assert "Nebenzya" in view.toPlainText()  # the text at once
    assert not view.analysis.quotes  # its layers are read in the background
    # meanwhile the empty pane says they are coming, not that there are none
    assert window.side.quotes.empty.text() == "Analysing this article…"
    qtbot.waitUntil(lambda: bool(view.analysis.quotes), timeout=TIMEOUT)
    assert not window.side.quotes.empty.isVisibleTo(window.side.quotes)
    assert view.painted["quotes"]  # highlighted where the reader is, with no new layout
    pane = window.side.quotes
    speakers = {pane.cards.card(n).heading for n in range(pane.cards.count())}
    assert "Vassily Nebenzya" in speakers


def test_a_long_article_reopened_shows_its_layers_at_once_until_they_change(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.main_window

    monkeypatch.setattr(reader.ui.main_window, "LONG_ARTICLE", 100)
    library = window.workspace.library()
    titles = library.summaries().items()
    (wang,) = [i for i, m in titles if "Wang Yi-Putin" in m["title"]]
    other = next(i for i, m in titles if i != wang)
    view = window.reading.view
    window.open_article(wang)
    qtbot.waitUntil(lambda: not window.layers_pending, timeout=TIMEOUT)
    first = window._layers
    window.open_article(other)
    qtbot.waitUntil(lambda: not window.layers_pending, timeout=TIMEOUT)
    window.open_article(wang)  # kept in memory: drawn with the text, nothing to wait for
    assert not window.layers_pending and window._layers is first and view.painted["quotes"]
    # an analysis written again (a correction, another analyser) is read again
    article = library.get(wang)
    assert article is not None
    spans = library.cached_spans(wang)
    assert spans is not None
    library.store_analyses([(wang, spans)], library.analysis_version())
    window.open_article(wang)
    assert window.layers_pending
    qtbot.waitUntil(lambda: not window.layers_pending, timeout=TIMEOUT)
    assert window._layers is not first and window._layers == first


def test_articles_opened_one_after_another_leave_no_documents_behind(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QTextDocument

    view = window.reading.view
    for article_id in list(window.workspace.library().summaries())[:4]:
        window.open_article(article_id)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    # each article's document (its text and layout) used to stay in memory for the session
    assert len(view.findChildren(QTextDocument)) <= 2


def test_an_analysis_that_fails_leaves_no_pane_saying_it_is_coming(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.ui.main_window

    def broken(_article: object) -> object:
        raise RuntimeError("the analysers failed")

    from PySide6.QtWidgets import QMessageBox

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text, *a: told.append(text))
    monkeypatch.setattr(reader.ui.main_window, "LONG_ARTICLE", 100)
    monkeypatch.setattr(window.workspace, "layers", broken)
    library = window.workspace.library()
    (wang,) = [i for i, m in library.summaries().items() if "Wang Yi-Putin" in m["title"]]
    window.side.setCurrentWidget(window.side.quotes)
    with qtbot.waitSignal(window.messages.error, timeout=TIMEOUT):
        window.open_article(wang)
    qtbot.waitUntil(
        lambda: window.side.quotes.empty.text() == "No quotations in this article.",
        timeout=TIMEOUT,
    )
    assert told and "the analysers failed" in told[0]


def test_a_claim_the_article_repeats_is_listed_once_with_how_often(
    qtbot: QtBot, window: MainWindow
) -> None:
    _open(qtbot, window, "nebenzya", "Wang Yi-Putin")
    pane = window.side.claims
    window.side.setCurrentWidget(pane)
    cards = pane.cards.cards.cards
    repeated = [c for c in cards if c.body.startswith("Chinese-Russian relations are not directed")]
    assert len(repeated) == 1, [c.body[:40] for c in cards]
    assert "twice in this article" in repeated[0].meta
    # the analysis keeps both places (the article underlines each)
    article = window.reading.view.article
    assert article is not None
    spans = [
        c
        for c in window.workspace.layers(article).claims
        if article.text[c.start : c.end].startswith("Chinese-Russian relations are not directed")
    ]
    assert len(spans) == 2
