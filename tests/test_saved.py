"""Saved searches and collections: kept beside the annotations, by article URI, and searched
with in:"…" alone or with other words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.json_files import JsonFileError
from reader.paths import LibraryPaths
from reader.saved import FILE_NAME, SavedError, SavedStore, split_in
from reader.search import QueryError
from reader.workspace import Workspace
from tests.test_curation import OTHER, STORY


def test_split_in() -> None:
    assert split_in('in:"Ukraine desk" grain') == (["Ukraine desk"], "grain")
    assert split_in("in:inbox OR in:x") == (["inbox", "x"], "OR")
    assert split_in('"in:x" grain') == ([], '"in:x" grain')
    assert split_in("grain") == ([], "grain")


def test_saved_searches_and_their_names(tmp_path: Path) -> None:
    store = SavedStore(tmp_path)
    store.save_search("Grain", "grain  corridor")
    store.save_search("grain", "grain OR wheat")  # the same name (any case) is replaced
    assert store.searches()[0].query == "grain OR wheat" and len(store.searches()) == 1
    store.save_search("Budgets", "budget")
    store.rename_search("Budgets", "Council budgets")
    with pytest.raises(SavedError, match="already"):
        store.rename_search("Council budgets", "GRAIN")
    with pytest.raises(SavedError):
        store.save_search("  ", "x")
    with pytest.raises(SavedError):
        store.save_search('a "b"', "x")
    store.delete_search("grain")
    assert [s.name for s in store.searches()] == ["Council budgets"]


def test_a_damaged_saved_file_is_never_written_over(tmp_path: Path) -> None:
    (tmp_path / FILE_NAME).write_text("{not json", encoding="utf-8")
    store = SavedStore(tmp_path)
    with pytest.raises(JsonFileError, match="saved searches"):
        store.save_search("x", "y")
    assert (tmp_path / FILE_NAME).read_text(encoding="utf-8") == "{not json"


def test_collections_are_searched_with_in(where: LibraryPaths, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "grain.txt").write_text("Grain talks\n\n" + STORY, encoding="utf-8")
    (folder / "budget.txt").write_text("Library budget\n\n" + OTHER, encoding="utf-8")
    (folder / "wheat.txt").write_text("Wheat\n\nWheat prices rose in Geneva.", encoding="utf-8")
    with Workspace(where) as ws:
        ws.import_paths([str(folder)])
        library = ws.library()
        uri = {Path(p).name: u for _i, u, p, _g in library.locations()}
        coll, new = ws.saved.add_to("Ukraine desk", [uri["grain.txt"], uri["wheat.txt"]])
        assert new == 2 and coll.query == 'in:"Ukraine desk"'
        assert ws.saved.add_to("ukraine DESK", [uri["grain.txt"]])[1] == 0  # already in it
        alone = ws.search('in:"Ukraine desk"')
        assert alone.total == 2 and {h.title for h in alone.hits} == {"grain", "wheat"}
        narrowed = ws.search('in:"ukraine desk" geneva')
        assert narrowed.total == 2 and narrowed.terms
        assert all(h.snippet.hits for h in narrowed.hits)  # snippets around the words
        assert ws.search('in:"Ukraine desk" insurance').total == 1
        assert ws.search('in:"Ukraine desk" council').total == 0
        with pytest.raises(QueryError, match="Ukraine desk"):  # refused, naming the real ones
            ws.search('in:"Nowhere"')
        facets = ws.facets('in:"Ukraine desk"')
        assert facets.sample == 2
        # the collection holds articles by URI: a rebuilt library finds them again
        ws.saved.remove_from("Ukraine desk", [uri["wheat.txt"]])
        assert ws.search('in:"Ukraine desk"').total == 1
        ws.saved.save_search("Desk grain", 'in:"Ukraine desk" grain')
        ws.saved.rename_collection("Ukraine desk", "Grain desk")
        assert ws.saved.searches()[0].query == 'in:"Grain desk" grain'
        assert ws.search('in:"Grain desk"').total == 1
        ws.saved.delete_collection("Grain desk")
        assert ws.saved.collections() == [] and ws.library().count() == 3
    data = json.loads((where.root / FILE_NAME).read_text(encoding="utf-8"))
    assert data["version"] == 1


def test_results_by_date_newest_or_oldest_of_all(where: LibraryPaths, tmp_path: Path) -> None:
    from tests.test_trace import _write

    folder = tmp_path / "dated"
    for n, date in enumerate(["2021-05-01", None, "2023-02-20", "2022-11-30", "2020-01-15"]):
        _write(folder, f"{n}.md", f"Grain {n}", "Wire", date, f"Grain corridor report {n}.")
    with Workspace(where) as ws:
        ws.import_paths([str(folder)])
        newest = ws.search("grain", sort="newest", limit=3, snippets=2)
        assert [h.date for h in newest.hits] == ["2023-02-20", "2022-11-30", "2021-05-01"]
        assert newest.total == 5
        assert [h.snippet_pending for h in newest.hits] == [False, False, True]
        oldest = ws.search("grain", sort="oldest")
        assert [h.date for h in oldest.hits] == [
            "2020-01-15",
            "2021-05-01",
            "2022-11-30",
            "2023-02-20",
            None,  # undated last, either way
        ]
        assert ws.search("", sort="newest").hits[0].date == "2023-02-20"
