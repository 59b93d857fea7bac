"""Nothing is fetched, ever: pages full of remote references are imported, shown with every layer
and exported while a loopback HTTP server counts requests; the count stays 0."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from pytestqt.qtbot import QtBot

from reader.paths import LibraryPaths
from tests.test_bad_input import hostile_html
from tests.ui.test_window import TIMEOUT, open_window


class _Counter(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Counter.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<p>fetched</p>")

    do_HEAD = do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Counter.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_no_request_while_importing_showing_and_exporting(
    qtbot: QtBot, where: LibraryPaths, tmp_path: Path, server: str
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"page{n}.html").write_text(hostile_html(server + f"/{n}"), encoding="utf-8")
    (folder / "links.md").write_text(
        f"# Bridge closed\n\n![photo]({server}/md.png) The council said the bridge "
        f"[would close]({server}/link) on Tuesday after engineers found cracks in it.\n",
        encoding="utf-8",
    )
    window = open_window(qtbot, where, corpus=folder)
    assert window.workspace.library().count() == 4
    for row in range(window.search.model.rowCount()):
        window.search.view.setCurrentIndex(window.search.model.index(row))
        window.grab()  # paint everything, as on a screen
    text = window.reading.view.toPlainText()
    assert "http" not in text and "SCRIPT-TEXT" not in text
    # exports of the imported pages hold no remote reference either
    from reader.export import collect, render

    assert window.annotations.store is not None
    article = window.reading.view.article
    assert article is not None
    start = article.text.index("bridge")
    window.annotations.store.create(
        article.id, article.uri, article.text, start, start + 6, note="check"
    )
    for fmt in ("html", "md"):
        assert server not in render(
            fmt, collect(window.annotations.store, window.workspace.library())
        )
    qtbot.wait(500)  # time for anything that would load lazily
    assert _Counter.hits == [], _Counter.hits
    qtbot.waitUntil(lambda: not window.runner.busy(), timeout=TIMEOUT)
