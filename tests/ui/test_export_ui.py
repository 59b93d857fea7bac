"""File ▸ Export Annotations…: the dialog asks each format only for what it uses (a report its
title and author, ClaimReview its organisation and address), remembers the author, and the
window tells what an export's warnings say."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from reader.ui.export_dialog import ExportDialog
from tests.ui.test_window import open_window

FIELDS = ("title", "author", "org", "base_url")


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _open(qtbot: QtBot, settings: QSettings) -> ExportDialog:
    dialog = ExportDialog(settings, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _asked(dialog: ExportDialog) -> set[str]:
    """The fields the dialog shows now, each with its label."""
    shown = set()
    for name in FIELDS:
        field = getattr(dialog, name)
        label = dialog.form.labelForField(field)
        assert field.isVisible() == label.isVisible(), name
        if field.isVisible():
            shown.add(name)
    return shown


def _choose(dialog: ExportDialog, fmt: str) -> None:
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))


def test_each_format_asks_only_for_what_it_uses(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _open(qtbot, _settings(tmp_path))
    assert dialog.format.currentData() == "md"  # the first time
    assert _asked(dialog) == {"title", "author"}  # no organisation for a Markdown report
    for fmt, wanted in [
        ("claimreview", {"org", "base_url"}),
        ("csv", set()),
        ("html", {"title", "author"}),
        ("w3c", set()),
        ("claimreview", {"org", "base_url"}),
        ("md", {"title", "author"}),
    ]:
        _choose(dialog, fmt)
        assert _asked(dialog) == wanted, fmt


def test_the_author_and_the_organisation_are_remembered(qtbot: QtBot, tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    dialog = _open(qtbot, settings)
    _choose(dialog, "html")
    dialog.title.setText("Desk report “March” 🙂")
    dialog.author.setText("  Zoë   Ørsted ")
    dialog.org.setText("not asked for a report")
    fmt, _filters, options = dialog.chosen()
    assert fmt == "html"
    assert options == {
        "title": "Desk report “March” 🙂",
        "author": "Zoë Ørsted",
        "org": "",
        "base_url": "",
    }
    again = _open(qtbot, settings)
    assert again.format.currentData() == "html" and _asked(again) == {"title", "author"}
    assert again.author.text() == "Zoë Ørsted"  # the reviewer's name, the next time
    assert again.title.text() == ""  # a title belongs to one report
    assert again.org.text() == ""  # what was not asked for is not kept
    _choose(again, "claimreview")
    again.org.setText("Fact Desk 🎉")
    again.base_url.setText("https://f.example/")
    _fmt, _filters, options = again.chosen()
    assert options == {
        "title": "",
        "author": "",
        "org": "Fact Desk 🎉",
        "base_url": "https://f.example/",
    }
    third = _open(qtbot, settings)
    assert _asked(third) == {"org", "base_url"}
    assert (third.org.text(), third.base_url.text()) == ("Fact Desk 🎉", "https://f.example/")
    assert third.author.text() == "Zoë Ørsted"


def test_the_window_tells_the_warnings_of_an_export(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Talks\n\nThe minister said the talks were “a great success 🎉” on Tuesday.\n",
        encoding="utf-8",
    )
    window = open_window(qtbot, where, corpus=folder)
    qtbot.waitUntil(lambda: window.annotations.store is not None, timeout=10_000)
    article = window.reading.view.article
    assert article is not None and window.annotations.store is not None
    start = article.text.index("“a great")
    window.annotations.store.create(
        article.id, article.uri, article.text, start, start + 20, claim=True, verdict="False"
    )
    target = tmp_path / "reviews.jsonld"

    def accept(dialog: ExportDialog) -> QDialog.DialogCode:
        _choose(dialog, "claimreview")
        dialog.org.setText("")
        dialog.base_url.setText("")
        return QDialog.DialogCode.Accepted

    told: list[tuple[str, str]] = []
    monkeypatch.setattr(ExportDialog, "exec", accept)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text, *a: told.append((title, text))
    )
    window.annotations.export()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    ((title, text),) = told
    assert target.exists() and "“a great success 🎉”" in target.read_text(encoding="utf-8")
    assert "No organisation" in text and "urn:uuid:" in text and "no claimant" in text
    assert "warning" in title.lower()
