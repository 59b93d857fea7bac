"""Tracing in the window: a quotation carried by other articles says so on its card; clicking
it fills the Trace tab (first appearance, every article, the drift, the speaker flag); a member
opens its article at the statement; the Speaker view lists one person's quotations by
statement and filters by outlet."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from tests.test_trace import CORPUS, _write
from tests.ui.test_window import TIMEOUT, open_window, search


def _corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    for name, (title, source, date, body) in CORPUS.items():
        _write(folder, name, title, source, date, body)
    return folder


def test_trace_tab_and_speaker_view(qtbot: QtBot, where: LibraryPaths, tmp_path: Path) -> None:
    window = open_window(qtbot, where, _corpus(tmp_path))
    search(qtbot, window, "lasting peace")
    row = next(n for n, h in enumerate(window.search.model.hits) if h.source == "Reuters")
    window.search.view.setCurrentIndex(window.search.model.index(row))
    qtbot.waitUntil(lambda: window.reading.view.article is not None, timeout=TIMEOUT)
    article = window.reading.view.article
    assert article is not None and article.source == "Reuters"

    # the quotation's card says the statement is in three other articles
    quotes = window.side.quotes.cards
    peace = next(c for c in quotes.cards.cards if "lasting peace" in c.body)
    assert "also in 3 other articles" in peace.meta

    # clicking it shows the trail: Reuters first, four articles, the flag, the drift
    trace = window.side.trace
    assert trace.cluster is None and trace.empty.isVisibleTo(trace)
    window.side.quotes.spanActivated.emit(*peace.key)
    assert trace.cluster is not None and trace.cluster.n_articles == 4
    assert window.side.tabText(window.side.indexOf(trace)) == "Trace (4)"
    window.side.setCurrentWidget(trace)
    head = trace.head.text()
    assert "In 4 articles, 4 outlets" in head and "First on 2023-02-20" in head
    assert trace.flag.isVisibleTo(window) and "Qin Gang" in trace.flag.text()
    members = trace.cards.cards.cards
    assert len(members) == 4
    assert sum("(this article)" in m.heading for m in members) == 1
    assert any("— first" in m.heading and "Reuters" in m.heading for m in members)
    assert any(m.body_html and "<s style" in m.body_html for m in members)  # a removed word
    assert all(m.flagged for m in members)

    # a member from another article opens it at the statement
    other = next(m for m in members if "(this article)" not in m.heading)
    article_id, start, end = other.key
    trace.memberActivated.emit(article_id, start, end)
    qtbot.waitUntil(
        lambda: (
            window.reading.view.article is not None and window.reading.view.article.id == article_id
        ),
        timeout=TIMEOUT,
    )
    opened = window.reading.view.article
    assert opened is not None and "lasting peace" in opened.text[start:end]

    # the Speaker view: Wang Yi's quotations, by statement, filtered by outlet
    window.tracing.speaker_view("Wang Yi")
    view = window.tracing.speaker_dialog
    assert view is not None and view.isVisible()
    assert view.counts.text() == "1 statement, 4 quotations"
    assert view.outlet.count() > 1
    outlet = view.outlet.itemData(1)
    view.outlet.setCurrentIndex(1)
    view.refresh()
    assert view.clusters
    assert all(any(m.outlet == outlet for m in c.members) for c in view.clusters), (
        "the outlet filter keeps statements that outlet carries"
    )
    view.close()


def test_the_quoted_in_facet_narrows_the_search(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path
) -> None:
    window = open_window(qtbot, where, _corpus(tmp_path))
    with qtbot.waitSignal(window.search.facetsFinished, timeout=TIMEOUT) as got:
        search(qtbot, window, "lavrov")
    assert dict(got.args[0]["outlets"]) == {"2": 4, "3": 4}
    pane = window.search.facets
    top = next(
        pane.topLevelItem(n)
        for n in range(pane.topLevelItemCount())
        if pane.topLevelItem(n).text(0) == "Quoted in"  # type: ignore[union-attr]
    )
    assert top is not None
    item = next(
        top.child(n) for n in range(top.childCount()) if top.child(n).text(0).startswith("3")
    )  # type: ignore[union-attr]
    assert item is not None and item.text(0) == "3 outlets or more"
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT) as done:
        pane.itemClicked.emit(item, 0)
    assert window.search.edit.text() == "lavrov outlets:3"
    assert done.args[0].total == 4
