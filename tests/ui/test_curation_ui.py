"""Keeping the library tidy from the window: remove the open article (told first what happens
to its annotations), find duplicates and merge them, show a hidden article again, remove a
folder's worth."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reader.annotations import AnnotationStore
from reader.paths import LibraryPaths
from reader.ui.results import MetaRole
from tests.test_curation import OTHER, STORY
from tests.test_trace import _write
from tests.ui.test_window import TIMEOUT, open_window, search


def _folders(tmp_path: Path) -> Path:
    root = tmp_path / "desk"
    inbox, archive = root / "inbox", root / "archive"
    _write(inbox, "grain.md", "Grain talks", "Wire", "2024-10-01", STORY)
    _write(archive, "grain-copy.md", "Grain talks", "Wire", "2024-10-01", STORY)
    _write(archive, "library.md", "Library budget", None, None, OTHER)
    _write(
        inbox, "rail.md", "Rail strikes", None, None, "Rail strikes closed three lines on Monday."
    )
    return root


def test_remove_merge_show_again_and_remove_a_folder(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path
) -> None:
    root = _folders(tmp_path)
    window = open_window(qtbot, where, corpus=root)
    ws = window.workspace
    assert ws.library().count() == 4
    asked: list[str] = []
    window.curating.confirm = lambda title, text: asked.append(text) or True

    # the results say which folder each of two same-titled articles is in
    search(qtbot, window, "grain")
    model = window.search.model
    assert [h.title for h in model.hits] == ["Grain talks", "Grain talks"]
    metas = {model.data(model.index(n), Qt.ItemDataRole.ToolTipRole) for n in range(2)}
    assert any("archive" in m for m in metas) and any("inbox" in m for m in metas)
    lines = {model.data(model.index(n), MetaRole) for n in range(2)}
    assert lines == {"Wire  ·  2024-10-01  ·  archive/", "Wire  ·  2024-10-01  ·  inbox/"}

    # remove the open article: the note on it is kept, and the reader was told so first
    row = next(n for n, h in enumerate(model.hits) if "copy" in ws.library().get(h.article_id).path)  # type: ignore[union-attr]
    window.search.view.setCurrentIndex(model.index(row))
    copy = window.reading.view.article
    assert copy is not None
    with AnnotationStore(where.annotations_db) as store:
        start = copy.text.index("main obstacle")
        store.create(copy.id, copy.uri, copy.text, start, start + 13, note="insurers")
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        window.commands["remove_article"].trigger()
    assert "1 annotation" in asked[-1] and "stay" in asked[-1]
    assert ws.library().count() == 3
    shown = window.reading.view.article  # the next result is open, as after deleting a mail
    assert shown is None or shown.id != copy.id
    assert window.search.model.rowCount() == 1

    # bring it back (the file added again): its note returns with it
    ws.import_paths([str(root / "archive")])
    # find duplicates: one group of two, the annotated copy ticked to keep; merge
    window.commands["find_duplicates"].trigger()
    qtbot.waitUntil(lambda: window.curating.duplicates is not None, timeout=TIMEOUT)
    dialog = window.curating.duplicates
    assert dialog is not None and len(dialog.groups) == 1
    (group,) = dialog.groups
    assert dialog.kept(0) == group.suggested.id
    assert "copy" in next(a.path for a in group.articles if a.id == group.suggested.id)
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(0))
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        dialog.merge_button.click()
    assert "hide" in asked[-1].lower() and ws.library().count() == 3
    assert dialog.groups == [] and "No duplicates" in dialog.summary.text()
    (hidden,) = ws.hidden.hidden()
    assert hidden.path.endswith("grain.md")
    dialog.close()

    # shown again from Hidden Articles
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT * 2):
        window.curating.show_again([hidden.uri])
    assert ws.library().count() == 4 and ws.hidden.hidden() == []

    # remove everything imported from the archive folder
    archive = next(f.path for f in ws.folders() if f.path.endswith("archive"))
    with qtbot.waitSignal(window.search.searchFinished, timeout=TIMEOUT):
        window.curating.remove_under(archive)
    assert "2 articles" in asked[-1]
    assert {Path(f.path).name for f in ws.folders()} == {"inbox"}
