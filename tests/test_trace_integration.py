"""Tracing from the places a reader uses it: the import keeps the clusters current, `same:`
in the search box finds the articles that carry a statement (each opening at it), and
`corpus-reader trace` gives the trail — first appearance, repeats, drift, a speaker flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.paths import LibraryPaths
from reader.workspace import Workspace
from tests.test_trace import CORPUS, PEACE, _write


@pytest.fixture
def traced(tmp_path: Path) -> LibraryPaths:
    folder = tmp_path / "in"
    for name, (title, source, date, body) in CORPUS.items():
        _write(folder, name, title, source, date, body)
    where = LibraryPaths(tmp_path / "lib", tmp_path / "lib" / "cache").ensure()
    with Workspace(where) as ws:
        ws.import_paths([str(folder)])  # analysed, then clustered, as the window's import does
    return where


def test_same_finds_every_article_carrying_a_statement_at_it(traced: LibraryPaths) -> None:
    with Workspace(traced) as ws:
        result = ws.search('same:"just and lasting peace in Ukraine"')
        assert result.total == 4 and not result.message
        library = ws.library()
        for hit in result.hits:
            article = library.get(hit.article_id)
            assert article is not None and hit.quote_start is not None and hit.quote_end is not None
            assert "lasting peace" in article.text[hit.quote_start : hit.quote_end]
        (cluster,) = ws.trace_text(PEACE)
        by_id = ws.search(f"same:{cluster.id}")
        assert {h.article_id for h in by_id.hits} == {h.article_id for h in result.hits}
        narrowed = ws.search(f"same:{cluster.id} kremlin welcomed")
        assert 1 <= narrowed.total < 4
        none = ws.search('same:"nothing anyone ever said here"')
        assert none.total == 0 and none.message and "same:" in none.message


def test_trace_on_the_command_line(
    traced: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(traced.root)
    capsys.readouterr()
    assert main(["--library", lib, "trace", "--text", "a just and lasting peace", "--json"]) == 0
    (cluster,) = json.loads(capsys.readouterr().out)
    assert len(cluster["articles"]) == 4
    assert cluster["first"]["status"] == "earliest" and cluster["first"]["date"] == "2023-02-20"
    assert cluster["speaker_flag"] is not None
    assert main(["--library", lib, "trace", cluster["id"]]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"[{cluster['id']}] in 4 article(s)") and "first on 2023-02-20" in out
    assert "⚑ the same words are given to" in out and "Qin Gang" in out
    assert "[-comprehensive,]" in out or "[-comprehensive]" in out  # the drift, shown
    assert "undated" in out  # the Xinhua copy has no date
    assert main(["--library", lib, "trace", "--speaker", "Wang", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["--library", lib, "trace", "ffffffffffff"]) == 1
