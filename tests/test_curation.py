"""Keeping a library tidy: removing articles or a folder keeps their annotations (and adding
the file again brings them back); duplicates — the same text, or nearly — are found, merged
(annotations moved to the kept one) or hidden, and a hidden file stays out of later imports
until it is shown again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.annotations import AnnotationStore
from reader.curation import FILE_NAME, HiddenStore, find_duplicates
from reader.json_files import JsonFileError
from reader.model import ImportOutcome
from reader.paths import LibraryPaths
from reader.workspace import Workspace

STORY = (
    "Ministers met in Geneva on Tuesday to discuss the grain corridor. The talks lasted six hours"
    " and ended without a joint statement. Officials from both delegations said progress had"
    " been made on inspections, but that shipping insurance remained the main obstacle. A"
    " further round is expected next month, according to a diplomat familiar with the plans."
    " Exporters say the delays have already cost them hundreds of millions of dollars."
    " Port operators in Odesa reported that fewer than forty ships had left in October, against"
    " more than a hundred in the spring. Farmers are storing grain in tents and school gyms."
    " The ministry will publish the full inspection figures on Friday."
)
OTHER = (
    "The city council approved a new budget for its libraries on Monday, adding twelve branch"
    " librarians and extending weekend hours in four districts after a year of complaints."
)


def _annotate(where: LibraryPaths, ws: Workspace, article_id: int, words: str, note: str) -> str:
    article = ws.library().get(article_id)
    assert article is not None
    start = article.text.index(words)
    with AnnotationStore(where.annotations_db) as store:
        ann = store.create(
            article.id, article.uri, article.text, start, start + len(words), note=note
        )
    return ann.id


def _ids_by_name(ws: Workspace) -> dict[str, int]:
    return {Path(path).name: aid for aid, _uri, path, _gone in ws.library().locations()}


def test_removing_an_article_keeps_its_annotations_until_the_file_comes_back(
    where: LibraryPaths, tmp_path: Path
) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / "grain.txt").write_text("Grain talks\n\n" + STORY, encoding="utf-8")
    (folder / "library.txt").write_text("Library budget\n\n" + OTHER, encoding="utf-8")
    with Workspace(where) as ws:
        ws.import_paths([str(folder)])
        ids = _ids_by_name(ws)
        note = _annotate(where, ws, ids["grain.txt"], "shipping insurance", "the real issue")
        assert ws.search("insurance").total == 1
        result = ws.remove_articles([ids["grain.txt"]])
        assert (result.removed, result.annotations_kept) == (1, 1)
        assert ws.library().count() == 1
        assert ws.search("insurance").total == 0  # out of the index too
        with AnnotationStore(where.annotations_db) as store:
            kept = store.get(note)
        assert kept is not None and kept.article_id is None  # kept, on no article
        exported = ws.export("md").content
        assert "the real issue" in exported and "shipping insurance" in exported
        # adding the file again brings the article back, and the note is on its words again
        ws.import_paths([str(folder / "grain.txt")])
        back = _ids_by_name(ws)["grain.txt"]
        with AnnotationStore(where.annotations_db) as store:
            again = store.get(note)
        assert again is not None and again.article_id == back and again.anchor_state == "exact"


def test_remove_everything_imported_from_a_folder(where: LibraryPaths, tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        for n in range(3):
            (tmp_path / name / f"{n}.txt").write_text(f"{name} {n}\n\n{OTHER} {name}{n}")
    with Workspace(where) as ws:
        ws.import_paths([str(tmp_path / "a"), str(tmp_path / "b")])
        folders = {Path(f.path).name: f.articles for f in ws.folders()}
        assert folders == {"a": 3, "b": 3}
        gone = ws.remove_articles(ws_ids_under(ws, "a"))
        assert gone.removed == 3 and ws.library().count() == 3
        assert {Path(f.path).name for f in ws.folders()} == {"b"}


def ws_ids_under(ws: Workspace, name: str) -> list[int]:
    from reader.curation import articles_under

    folder = next(f.path for f in ws.folders() if Path(f.path).name == name)
    return articles_under(ws.library(), folder)


@pytest.fixture
def doubled(where: LibraryPaths, tmp_path: Path) -> tuple[Path, Path]:
    """The same story in two folders, a near copy (one sentence changed) and another story."""
    inbox, archive = tmp_path / "inbox", tmp_path / "archive"
    inbox.mkdir()
    archive.mkdir()
    (inbox / "grain.txt").write_text("Grain talks\n\n" + STORY, encoding="utf-8")
    (archive / "grain-copy.txt").write_text("Grain talks\n\n" + STORY, encoding="utf-8")
    near = STORY.replace("hundreds of millions of dollars", "at least 300 million dollars")
    (archive / "grain-updated.txt").write_text("Grain talks\n\n" + near, encoding="utf-8")
    (archive / "library.txt").write_text("Library budget\n\n" + OTHER, encoding="utf-8")
    return inbox, archive


def test_duplicates_same_or_nearly_the_same_text(
    where: LibraryPaths, doubled: tuple[Path, Path]
) -> None:
    with Workspace(where) as ws:
        ws.import_paths([str(p) for p in doubled])
        ids = _ids_by_name(ws)
        _annotate(where, ws, ids["grain-copy.txt"], "main obstacle", "note")
        (group,) = ws.find_duplicates()
        names = {Path(a.path).name for a in group.articles}
        assert names == {"grain.txt", "grain-copy.txt", "grain-updated.txt"}
        assert 0.8 <= group.similarity < 1.0  # the near copy is the least alike
        assert group.suggested.id == ids["grain-copy.txt"]  # the annotated one
        # the reader says they are not duplicates: they are not proposed again
        ws.not_duplicates([a.id for a in group.articles])
        assert ws.find_duplicates() == []


def test_stories_sharing_a_paragraph_are_not_duplicates(
    where: LibraryPaths, tmp_path: Path
) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    (folder / "one.txt").write_text(f"Grain\n\n{STORY}\n\n{OTHER}", encoding="utf-8")
    other = "Rail strikes closed three lines on Monday. " * 3
    (folder / "two.txt").write_text(f"Rail\n\n{other}\n\n{OTHER}", encoding="utf-8")
    with Workspace(where) as ws:
        ws.import_paths([str(folder)])
        assert find_duplicates(ws.library(), {}) == []


def test_merge_moves_annotations_and_hidden_files_stay_out_of_imports(
    where: LibraryPaths, doubled: tuple[Path, Path]
) -> None:
    inbox, archive = doubled
    with Workspace(where) as ws:
        ws.import_paths([str(inbox), str(archive)])
        ids = _ids_by_name(ws)
        on_copy = _annotate(where, ws, ids["grain-copy.txt"], "main obstacle", "insurers")
        on_near = _annotate(where, ws, ids["grain-updated.txt"], "300 million", "a new figure")
        keep = ids["grain.txt"]
        result = ws.hide_duplicates(
            keep, [ids["grain-copy.txt"], ids["grain-updated.txt"]], merge=True
        )
        assert (result.removed, result.annotations_moved) == (2, 2)
        assert ws.library().count() == 2 and ws.search("grain").total == 1
        kept = ws.library().get(keep)
        assert kept is not None
        with AnnotationStore(where.annotations_db) as store:
            moved = store.get(on_copy)
            figure = store.get(on_near)
        assert moved is not None and moved.article_id == keep and moved.article_uri == kept.uri
        assert kept.text[moved.start : moved.end] == "main obstacle"
        assert moved.anchor_state == "exact"
        # words the kept text does not have: kept, and marked for the reader to look at
        assert figure is not None and figure.article_uri == kept.uri
        assert figure.anchor_state in ("orphaned", "fuzzy")
        # importing the folders again passes the hidden files over, and says why
        again = ws.import_paths([str(inbox), str(archive)])
        skipped = {
            Path(e.path).name: e.reason
            for e in again.report.entries
            if e.outcome == ImportOutcome.SKIPPED
        }
        assert set(skipped) == {"grain-copy.txt", "grain-updated.txt"}
        assert all("merged" in (r or "") for r in skipped.values())
        assert ws.library().count() == 2
        # shown again: back in the library and in searches
        hidden = ws.hidden.hidden()
        assert len(hidden) == 2
        shown, result2 = ws.show_again([h.uri for h in hidden if "copy" in h.path])
        assert len(shown) == 1 and result2 is not None
        assert ws.library().count() == 3 and ws.search("grain").total == 2


def test_hide_without_merging_keeps_annotations_where_they_were(
    where: LibraryPaths, doubled: tuple[Path, Path]
) -> None:
    with Workspace(where) as ws:
        ws.import_paths([str(p) for p in doubled])
        ids = _ids_by_name(ws)
        note = _annotate(where, ws, ids["grain-copy.txt"], "main obstacle", "insurers")
        result = ws.hide_duplicates(ids["grain.txt"], [ids["grain-copy.txt"]], merge=False)
        assert (result.removed, result.annotations_kept, result.annotations_moved) == (1, 1, 0)
        with AnnotationStore(where.annotations_db) as store:
            ann = store.get(note)
        assert ann is not None and ann.article_id is None
        copy_uri = next(h.uri for h in ws.hidden.hidden())
        ws.show_again([copy_uri])
        with AnnotationStore(where.annotations_db) as store:
            ann = store.get(note)
        assert ann is not None and ann.article_id == _ids_by_name(ws)["grain-copy.txt"]


def test_a_damaged_list_of_hidden_articles_is_never_written_over(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text('{"hidden": {"urn:x": {"path": "/a.txt"', encoding="utf-8")
    store = HiddenStore(tmp_path)
    with pytest.raises(JsonFileError, match="hidden articles"):
        store.hidden()
    with pytest.raises(JsonFileError):
        store.hide([("urn:y", "/b.txt", "B")], None)
    assert path.read_text(encoding="utf-8").endswith('"/a.txt"')
    path.write_text(json.dumps({"version": 1, "hidden": {}}), encoding="utf-8")
    store.hide([("urn:y", "/b.txt", "B")], None)
    assert [h.uri for h in store.hidden()] == ["urn:y"]
