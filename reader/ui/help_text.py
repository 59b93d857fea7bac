"""Help the window shows: the search syntax, and what the app is."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

SYNTAX_HELP = """
<h3>Search syntax</h3>
<table cellspacing=6>
<tr><td><code>china russia</code></td>
<td>articles with both words (and their forms: <i>sanction</i> finds <i>sanctions</i>)</td></tr>
<tr><td><code>"wrong side of history"</code></td><td>an exact phrase</td></tr>
<tr><td><code>xi OR putin</code>, <code>xi NOT putin</code></td><td>either word; exclude a word</td></tr>
<tr><td><code>(china OR beijing) AND sanctions</code></td><td>grouping</td></tr>
<tr><td><code>title:ukraine</code>, <code>source:reuters</code>, <code>byline:moloney</code></td>
<td>search one field</td></tr>
<tr><td><code>actor:"Wang Yi"</code></td><td>articles that mention an actor (any name it goes by)</td></tr>
<tr><td><code>speaker:"Wang Yi" sovereignty</code></td>
<td>quotations by a speaker; each result opens the article at the quote</td></tr>
<tr><td><code>verdict:false</code>, <code>tag:sanctions</code>, <code>note:kremlin</code>,
<code>status:"to check"</code></td><td>articles with your annotations that match</td></tr>
<tr><td><code>date:2023</code>, <code>date:2023-10-28</code>, <code>date:[2022 to 2023]</code></td>
<td>by date (where the article gives one)</td></tr>
<tr><td><code>same:"a just and lasting peace"</code>, <code>same:0121e0da60bf</code></td>
<td>the articles that carry a statement (its words, or its id from the Trace tab), each
opening at it, earliest first</td></tr>
<tr><td><code>outlets:3</code></td>
<td>articles carrying a statement that 3 outlets or more carry</td></tr>
<tr><td><code>sanct*</code>, <code>wom?n</code></td><td>wildcards</td></tr>
<tr><td><code>kremlim~</code>, <code>kremlim~2</code></td><td>fuzzy: up to 1 (or 2) letters different</td></tr>
</table>
<p>An empty search lists every article. F3 / Shift+F3 move between hits in the article.</p>
"""


def show_syntax(parent: QWidget) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("Search syntax")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(SYNTAX_HELP)
    box.open()


def show_about(parent: QWidget, library: Path) -> None:
    from reader import __version__

    QMessageBox.about(
        parent,
        "About Corpus Reader",
        f"<b>Corpus Reader</b> {__version__}<br>Read, search and annotate news offline.<br>"
        f"Library: {html.escape(str(library))}",
    )
