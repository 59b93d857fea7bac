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
from tests.test_trace import CORPUS, PEACE, _corpus, _write


@pytest.fixture
def traced(tmp_path: Path) -> LibraryPaths:
    folder = _corpus(tmp_path / "in", CORPUS)
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


def test_a_big_librarys_clusters_are_built_in_a_process_of_their_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.workspace

    monkeypatch.setattr(reader.workspace, "TRACE_ISOLATE_FROM", 1)  # every library is big
    spawned: list[object] = []
    real = reader.workspace.run_isolated

    def counted(func: object, *args: object, **kwargs: object) -> object:
        spawned.append(func)
        return real(func, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader.workspace, "run_isolated", counted)
    folder = _corpus(tmp_path / "in", CORPUS)
    where = LibraryPaths(tmp_path / "lib", tmp_path / "lib" / "cache").ensure()
    with Workspace(where) as ws:
        ws.import_paths([str(folder)])
        assert spawned == [reader.workspace._trace_in_child]
        # the clusters the child wrote are the ones a search finds
        assert ws.search('same:"just and lasting peace in Ukraine"').total == 4
        assert ws.trace_update() is None  # and current: nothing more to do


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
    assert out.startswith(f"[{cluster['id']}] In 4 articles, 4 outlets. First on 2023-02-20.")
    assert "⚑ the same words are given to different people" in out
    assert "Global Times gives it to Qin Gang" in out
    assert "[-comprehensive,]" in out or "[-comprehensive]" in out  # the drift, shown
    assert "undated" in out  # the Xinhua copy has no date
    assert main(["--library", lib, "trace", "--speaker", "Wang", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
    assert main(["--library", lib, "trace", "ffffffffffff"]) == 1


def test_a_tracked_claims_report_carries_its_trail(traced: LibraryPaths) -> None:
    """Markdown, HTML and CSV reports show where the claim was first seen, every article that
    repeats it and how its words changed; ClaimReview fills appearance and firstAppearance."""
    import csv
    import io

    from reader.annotations import AnnotationStore

    with Workspace(traced) as ws:
        library = ws.library()
        bbc = next(
            library.get(i)
            for i in library.ids()
            if library.get(i).source == "BBC News"  # type: ignore[union-attr]
        )
        assert bbc is not None
        # the reader tracks the claim with a selection a little wider than the quotation
        start = bbc.text.index('"China is ready')
        end = bbc.text.index("Wang Yi said.") + len("Wang Yi said.")
        with AnnotationStore(traced.annotations_db) as store:
            store.create(
                bbc.id,
                bbc.uri,
                bbc.text,
                start,
                end,
                claim=True,
                claimant="Wang Yi",
                verdict="misleading",
            )
            store.create(bbc.id, bbc.uri, bbc.text, 0, 5, note="not a claim")
        md = ws.export("md").content
        assert "Trail: In 4 articles, 4 outlets. First on 2023-02-20." in md
        assert "2023-02-20 · Reuters — first" in md and "2023-02-21 · BBC News — this article" in md
        assert "reach a \\[-comprehensive\\] just" in md  # the BBC's wording, marked
        assert "Global Times gives it to Qin Gang" in md
        assert md.count("Trail:") == 1  # the plain note has none
        page = ws.export("html").content
        assert "<del>comprehensive</del>" in page and "<ins>stands</ins>" in page
        assert "First on 2023-02-20." in page
        rows = list(csv.DictReader(io.StringIO(ws.export("csv").content)))
        claim = next(r for r in rows if r["claim"] == "yes")
        assert claim["first_appearance"].startswith("2023-02-20 · Reuters")
        assert claim["repeated_in"] == "3" and len(claim["statement"]) == 12
        assert next(r for r in rows if r["claim"] != "yes")["repeated_in"] == ""
        (review,) = json.loads(ws.export("claimreview", options={"org": "Desk"}).content)
        item = review["itemReviewed"]
        assert item["firstAppearance"]["publisher"]["name"] == "Reuters"
        assert item["firstAppearance"]["datePublished"] == "2023-02-20"
        assert [w["publisher"]["name"] for w in item["appearance"]] == [
            "Reuters",
            "BBC News",
            "Global Times",
            "Xinhua",
        ]


def test_quoted_in_several_outlets_as_a_facet_and_a_search(traced: LibraryPaths) -> None:
    with Workspace(traced) as ws:
        facets = ws.facets("kremlin OR lavrov")
        # every article carries the peace statement, which four outlets carry
        assert dict(facets["outlets"]) == {"2": 4, "3": 4}
        found = ws.search("outlets:4")
        assert found.total == 4 and not found.message
        library = ws.library()
        for hit in found.hits:  # each opens at the statement
            article = library.get(hit.article_id)
            assert article is not None and hit.quote_start is not None
            assert "lasting peace" in article.text[hit.quote_start : hit.quote_end]
        assert ws.search('outlets:"3" touch').total == 1  # with other words (Xinhua's)
        assert ws.search("outlets:5").total == 0
        assert "5 outlets or more" in (ws.search("outlets:5").message or "")


def test_a_fifth_outlet_counts_at_once_in_the_same_session(
    traced: LibraryPaths, tmp_path: Path
) -> None:
    # the outlets each statement reaches are counted once per change of the library: a new
    # article carrying it must show in the same window, facet and search alike
    with Workspace(traced) as ws:
        assert dict(ws.facets("kremlin OR lavrov")["outlets"]) == {"2": 4, "3": 4}
        assert ws.search("outlets:5").total == 0
        body = f'The Kremlin weighed the plan. "{PEACE}," Wang Yi told reporters 🕊️.'
        _write(tmp_path / "more", "e-ap.md", "Peace plan", "Associated Press", "2023-02-24", body)
        ws.import_paths([str(tmp_path / "more")])
        assert ws.search("outlets:5").total == 5
        assert dict(ws.facets("kremlin OR lavrov")["outlets"]) == {"2": 5, "3": 5, "5": 5}
