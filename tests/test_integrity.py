"""Annotations never on the wrong words: the paths that once moved, reverted or hid a user's work
(a library rebuilt in another order, an interrupted re-anchor, an older import, odd folder names,
two imports at once, a damaged index or library, hostile imports), each as it was found."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader import annotations as annotations_module
from reader import backup
from reader.anchoring import EXACT, FUZZY, MOVED, ORPHANED, anchor, quote_of
from reader.annotations import AnnotationStore, new_annotation
from reader.cli import main
from reader.library import Library
from reader.paths import LibraryPaths
from reader.search import SearchIndex
from tests.conftest import SEEDS, write_stories

ROOT = Path(__file__).resolve().parent.parent


def _where(lib: Path) -> LibraryPaths:
    return LibraryPaths(lib, lib / "cache")


def _cli(lib: Path, *args: str) -> int:
    return main(["--library", str(lib), *args])


def _articles(lib: Path) -> dict[str, tuple[int, str, str]]:
    """Each article's file name → (id, uri, text)."""
    with Library(_where(lib).library_db) as library:
        out = {}
        for row in library.browse():
            art = library.get(row["id"])
            assert art is not None
            out[Path(art.path).name] = (art.id, art.uri, art.text)
        return out


def _annotate(lib: Path, name: str, words: str, note: str) -> str:
    """An annotation made as the window makes it (with the article's content hash)."""
    with Library(_where(lib).library_db) as library:
        (article,) = [library.get(i) for i in library.ids_of([_articles(lib)[name][1]]).values()]
    assert article is not None
    start = article.text.index(words)
    ann = new_annotation(
        article.id,
        article.uri,
        article.text,
        start,
        start + len(words),
        article_hash=article.content_hash,
        note=note,
    )
    with AnnotationStore(_where(lib).annotations_db) as store:
        store.put(ann)
    return ann.id


def _exported(lib: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, str]]:
    """The annotations as the CSV export gives them (title, words and position, note)."""
    import csv
    import io

    capsys.readouterr()
    assert _cli(lib, "annotations", "export", "--format", "csv") == 0
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def _edit(path: Path) -> None:
    """An edit before the annotated words, in the article's own first paragraph."""
    text = path.read_text(encoding="utf-8")
    old = "Chinese President Xi Jinping declared"
    assert old in text
    path.write_text(text.replace(old, "Officials said on Thursday that " + old, 1), "utf-8")


BRITAIN = "000_adaefb50daeaf693_britain-urges-china-on-ukraine.txt"
XI = "001_420fdd421839ce49_xi-backs-russian-sovereignty.txt"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(SEEDS, folder)
    return folder


# 1. a library rebuilt by importing the files again, in another order ------------------------------


def test_a_rebuilt_library_puts_annotations_back_on_their_own_articles(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    britain_words = _articles(lib)[BRITAIN][2].split("\n")[-1].split(".")[0][:40].strip()
    xi_words = _articles(lib)[XI][2][200:240].strip()
    _annotate(lib, BRITAIN, britain_words, "on Britain")
    _annotate(lib, XI, xi_words, "on Xi")
    before = {r["note"]: r for r in _exported(lib, capsys)}
    for f in lib.glob("library.sqlite3*"):
        f.unlink()
    # the order of the repro: the ids now point at other articles
    assert _cli(lib, "add", "--quiet", str(next(corpus.glob("004_*")))) == 0
    assert _cli(lib, "add", "--quiet", str(next(corpus.glob("003_*")))) == 0
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    after = {r["note"]: r for r in _exported(lib, capsys)}
    assert after["on Britain"]["article_title"] == before["on Britain"]["article_title"]
    assert after["on Xi"]["article_title"] == before["on Xi"]["article_title"]
    assert after["on Britain"]["article_id"] != before["on Britain"]["article_id"]  # moved ids
    for note, words, name in (("on Britain", britain_words, BRITAIN), ("on Xi", xi_words, XI)):
        row = after[note]
        text = _articles(lib)[name][2]
        assert row["exact"] == words and row["anchor_state"] == EXACT
        assert text[int(row["start"]) : int(row["end"])] == words
        assert row["article_id"] == str(_articles(lib)[name][0])


def test_before_the_articles_are_imported_again_annotations_are_on_no_article(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _annotate(lib, BRITAIN, "Britain", "on Britain")
    for f in lib.glob("library.sqlite3*"):
        f.unlink()
    assert _cli(lib, "add", "--quiet", str(next(corpus.glob("004_*")))) == 0  # now id 1
    (row,) = _exported(lib, capsys)
    assert row["article_title"] == "" and row["article_id"] == ""  # not on the other article
    capsys.readouterr()
    assert _cli(lib, "annotations", "export", "--format", "md") == 0
    out = capsys.readouterr().out
    assert "no longer in the library" in out and "Britain" in out
    assert _cli(lib, "search", "verdict:true") == 0


def test_a_moved_or_renamed_file_is_the_same_article_with_its_annotations(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    article_id = _articles(lib)[BRITAIN][0]
    _annotate(lib, BRITAIN, "Britain", "moved along")
    elsewhere = tmp_path / "archive"
    elsewhere.mkdir()
    (corpus / BRITAIN).rename(elsewhere / "renamed.txt")
    capsys.readouterr()
    assert _cli(lib, "add", str(elsewhere)) == 0
    assert "1 moved" in capsys.readouterr().out
    assert _cli(lib, "add", str(corpus)) == 0  # the old folder again: nothing deleted
    arts = _articles(lib)
    assert arts["renamed.txt"][0] == article_id and BRITAIN not in arts and len(arts) == 5
    (row,) = _exported(lib, capsys)
    assert row["article_id"] == str(article_id) and row["exact"] == "Britain"


def test_a_renamed_and_edited_file_keeps_its_annotations_re_anchored(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    article_id = _articles(lib)[XI][0]
    words = "Chinese President Xi Jinping"
    assert words in _articles(lib)[XI][2]
    _annotate(lib, XI, words, "edited")
    new = tmp_path / "new"
    new.mkdir()
    text = (corpus / XI).read_text(encoding="utf-8")
    (new / XI).write_text(text.replace(words, "Xi, China’s leader 🇨🇳, and " + words, 1))
    (corpus / XI).unlink()
    assert _cli(lib, "add", str(new)) == 0
    arts = _articles(lib)
    assert arts[XI][0] == article_id and len(arts) == 5
    (row,) = _exported(lib, capsys)
    assert row["anchor_state"] == MOVED
    assert arts[XI][2][int(row["start"]) : int(row["end"])] == words


def test_a_moved_file_in_a_rebuilt_library_is_found_by_its_content(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _annotate(lib, BRITAIN, "Britain", "found by content")
    for f in lib.glob("library.sqlite3*"):
        f.unlink()
    moved = tmp_path / "moved"
    shutil.move(corpus, moved)
    assert _cli(lib, "add", "--quiet", str(moved)) == 0
    (row,) = _exported(lib, capsys)
    assert row["article_id"] == str(_articles(lib)[BRITAIN][0])
    assert row["article_uri"] == _articles(lib)[BRITAIN][1] and row["exact"] == "Britain"


def test_a_deleted_file_is_marked_missing_not_searched_its_annotations_kept(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _annotate(lib, BRITAIN, "Britain", "kept")
    saved = (corpus / BRITAIN).read_bytes()
    (corpus / BRITAIN).unlink()
    capsys.readouterr()
    assert _cli(lib, "add", str(corpus)) == 0
    assert "1 missing" in capsys.readouterr().out
    with Library(_where(lib).library_db) as library:
        index = SearchIndex(_where(lib).index_dir)
        assert library.count() == 4 and library.count(include_missing=True) == 5
        hits = index.search('"Britain urges China"', library).hits
        assert all("Britain urges" not in h.title for h in hits)
        index.close()
    (row,) = _exported(lib, capsys)
    assert row["article_title"] and row["exact"] == "Britain"  # still with its article
    (corpus / BRITAIN).write_bytes(saved)
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    with Library(_where(lib).library_db) as library:
        assert library.count() == 5


# 2. a re-anchor interrupted by a lock or a kill is done by the next run --------------------------


def test_an_interrupted_re_anchor_is_finished_by_the_next_run(
    tmp_path: Path,
    corpus: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    words = "Chinese President Xi Jinping"
    _annotate(lib, XI, words, "follows")
    _edit(corpus / XI)
    monkeypatch.setattr(annotations_module, "LOCK_WAIT", 0.2)
    other = sqlite3.connect(_where(lib).annotations_db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process writing: the store is locked
    try:
        capsys.readouterr()
        assert _cli(lib, "add", str(corpus)) == 0
        err = capsys.readouterr().err
        assert "nothing is lost" in err and "Traceback" not in err
    finally:
        other.execute("ROLLBACK")
        other.close()
    with AnnotationStore(_where(lib).annotations_db) as store:
        (stale,) = store.find()
    text = _articles(lib)[XI][2]
    assert text[stale.start : stale.end] != words  # not done yet, and recorded as not done
    capsys.readouterr()
    assert _cli(lib, "add", str(corpus)) == 0  # the file is unchanged now …
    assert "1 annotation(s) re-anchored" in capsys.readouterr().out  # … the re-anchor is done
    (row,) = _exported(lib, capsys)
    assert text[int(row["start"]) : int(row["end"])] == words and row["anchor_state"] == MOVED


def test_a_killed_import_leaves_the_re_anchor_recorded_as_to_do(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The state a SIGKILL between storing the new text and re-anchoring leaves (the crash
    test kills at random moments; this one is the moment that used to be lost for good)."""
    from reader.importer import import_paths

    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    words = "Chinese President Xi Jinping"
    _annotate(lib, XI, words, "follows")
    _edit(corpus / XI)
    with Library(_where(lib).library_db) as library:
        import_paths(library, [corpus])  # the new text stored; the process "dies" here
    capsys.readouterr()
    assert _cli(lib, "add", str(corpus)) == 0
    out = capsys.readouterr().out
    assert "0 updated" in out and "1 annotation(s) re-anchored" in out
    (row,) = _exported(lib, capsys)
    text = _articles(lib)[XI][2]
    assert text[int(row["start"]) : int(row["end"])] == words


def test_the_window_places_annotations_in_the_current_text_even_before_a_reconcile(
    tmp_path: Path, corpus: Path
) -> None:
    from reader.importer import import_paths

    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    words = "Chinese President Xi Jinping"
    _annotate(lib, XI, words, "follows")
    _edit(corpus / XI)
    with Library(_where(lib).library_db) as library:
        import_paths(library, [corpus])
    _id, uri, text = _articles(lib)[XI]
    with AnnotationStore(_where(lib).annotations_db) as store:
        (ann,) = store.for_article(uri, text)
        assert text[ann.start : ann.end] == words
        (saved,) = store.find()
        assert saved == ann  # and saved


# 3. an older export imported over newer edits --------------------------------------------------


def test_importing_an_older_export_never_reverts_newer_edits(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _id, uri, text = _articles(lib)[BRITAIN]
    db = _where(lib).annotations_db
    with AnnotationStore(db) as store:
        anns = [
            store.create(_id, uri, text, i * 10, i * 10 + 5, note=f"first {i}", verdict="Mixed")
            for i in range(12)
        ]
    old = tmp_path / "old.jsonld"
    capsys.readouterr()
    assert _cli(lib, "annotations", "export", "--format", "w3c", "--output", str(old)) == 0
    with AnnotationStore(db) as store:
        for a in anns:
            edited = store.update(a, note=f"second {a.note}", verdict="False")
            # a later edit: the clock resolves seconds
            store.put(edited.__class__(**{**edited.__dict__, "modified": "2099-01-01T00:00:00Z"}))
    capsys.readouterr()
    assert _cli(lib, "annotations", "import", str(old)) == 0
    out = capsys.readouterr().out
    assert "0 added, 0 updated, 0 unchanged, 12 kept (newer here)" in out
    assert out.count("conflict:") == 12 and "newer" in out
    with AnnotationStore(db) as store:
        assert all(a.note.startswith("second") and a.verdict == "False" for a in store.find())
    # a newer copy does replace an older one; the same copy again changes nothing
    newer = json.loads(old.read_text(encoding="utf-8"))
    for item in newer["first"]["items"]:
        item["modified"] = "2100-01-01T00:00:00Z"
        item["body"] = [b for b in item["body"] if b.get("purpose") != "commenting"]
    old.write_text(json.dumps(newer), encoding="utf-8")
    capsys.readouterr()
    assert _cli(lib, "annotations", "import", str(old)) == 0
    assert "0 added, 12 updated" in capsys.readouterr().out
    assert _cli(lib, "annotations", "import", str(old)) == 0
    assert "0 added, 0 updated, 12 unchanged" in capsys.readouterr().out
    with AnnotationStore(db) as store:
        assert all(a.note == "" and a.verdict == "Mixed" for a in store.find())


# 4. a library folder whose name SQLite URIs give a meaning to ----------------------------------


@pytest.mark.parametrize("name", ["news #2", "what?mode=rw", "50%41 off", "a%2Fb#c?d"])
def test_a_library_path_with_uri_characters_is_checked_and_backed_up(
    tmp_path: Path, name: str
) -> None:
    lib = tmp_path / name
    where = _where(lib).ensure()
    with AnnotationStore(where.annotations_db) as store:
        for i in range(3):
            store.create(1, "urn:uuid:a", "Some words to annotate here.", i, i + 4, note=str(i))
    found = backup.health(where.annotations_db)
    assert found.state == "intact" and found.annotations == 3
    opened = backup.open_checked(where.annotations_db)
    assert opened.damaged is None and opened.store is not None and opened.store.count() == 3
    opened.store.close()
    (copy,) = backup.list_backups(where.annotations_db)
    assert copy.annotations == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no stray file beside it


# 6. two imports at once --------------------------------------------------------------------------


def test_two_imports_at_once_index_each_article_once(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    a = write_stories(tmp_path / "a", 150, lambda n: f"Story A{n}\n\nThe council met on {n}.\n")
    b = write_stories(tmp_path / "b", 150, lambda n: f"Story B{n}\n\nThe council voted {n}.\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "reader", "--library", str(lib), "add", "--quiet"]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    runs = [
        subprocess.Popen([*cmd, str(a), str(b)], env=env, **pipes),
        subprocess.Popen([*cmd, str(b), str(a)], env=env, **pipes),
    ]
    for run in runs:
        _out, err = run.communicate(timeout=300)
        assert run.returncode == 0, err
    with Library(_where(lib).library_db) as library:
        index = SearchIndex(_where(lib).index_dir)
        result = index.search("council", library, limit=None, with_snippets=False)
        ids = [h.article_id for h in result.hits]
        assert library.count() == 300 and len(ids) == len(set(ids)) == result.total == 300
        assert index.sync(library).changed is False  # and nothing left to do
        index.close()


# 7. a damaged index is damage, not the query's fault ---------------------------------------------


def test_a_damaged_index_is_rebuilt_not_blamed_on_the_query(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    # a segment's postings: one compound file (.seg) or a file of its own (.pst)
    segments = sorted(
        (p for p in _where(lib).index_dir.iterdir() if p.suffix in (".seg", ".pst")),
        key=lambda p: p.stat().st_size,
    )
    seg = segments[-1]
    data = bytearray(seg.read_bytes())
    # scramble the middle of the segment (postings and stored fields), keep its size
    for i in range(len(data) // 4, len(data) * 3 // 4, 7):
        data[i] = (data[i] * 31 + 17) % 256
    seg.write_bytes(bytes(data))
    words = ["china", "russia", "ukraine", "putin", "xi", "wang", "sovereignty", "war", "said"]
    words += ["talks", "peace", "united", "nations", "beijing", "moscow", "security", "foreign"]
    for word in words:
        capsys.readouterr()
        assert _cli(lib, "search", word) == 0, word
        captured = capsys.readouterr()
        assert "Could not run this query" not in captured.err + captured.out, word
    assert _cli(lib, "search", "sovereignty") == 0
    assert "result" in capsys.readouterr().out


# 8. exports safe by construction ---------------------------------------------------------------


def test_imported_notes_come_out_of_a_markdown_export_inert(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _id, uri, _text = _articles(lib)[BRITAIN]
    hostile = (
        "<script>alert(1)</script> ![x](https://evil.example/pixel.png) "
        '<iframe src="https://evil.example"></iframe> <img src=x onerror="alert(2)"> '
        "[click](javascript:alert(3)) [ok](https://fine.example)\n[r]: javascript:alert(4)"
    )

    def item(n: int, **extra: object) -> dict[str, object]:
        return {
            "id": f"urn:uuid:00000000-0000-4000-8000-00000000000{n}",
            "type": "Annotation",
            "created": "2026-11-01T10:00:00Z",
            "modified": "2026-11-01T10:00:00Z",
            "body": [{"type": "TextualBody", "value": hostile, "purpose": "commenting"}],
            "target": {
                "source": uri,
                "selector": {"type": "TextQuoteSelector", "exact": "Britain"},
            },
            **extra,
        }

    items = [
        item(1),
        item(
            2,
            body=[
                {"type": "SpecificResource", "source": "javascript:alert(5)", "purpose": "linking"}
            ],
        ),
        item(3, modified="</script><script>alert(6)</script>"),
    ]
    f = tmp_path / "hostile.jsonl"
    f.write_text("\n".join(json.dumps(x) for x in items), encoding="utf-8")
    capsys.readouterr()
    assert _cli(lib, "annotations", "import", str(f)) == 0
    out = capsys.readouterr().out
    assert "2 added" in out and "modified is not a date" in out  # the third refused at the door
    capsys.readouterr()
    assert _cli(lib, "annotations", "export", "--format", "md") == 0
    md = capsys.readouterr().out
    for live in ("<script", "<iframe", "<img", "](javascript:", "<javascript:", "![x]("):
        assert live not in md, live
    assert "> \\[r]: javascript" in md  # a reference to a script is shown, not defined
    assert "[ok](https://fine.example)" in md  # a web link stays a link
    assert "Source: javascript:alert\\(5\\)" in md  # the source is shown, as text


def test_exports_get_the_usual_permissions_and_keep_a_replaced_files(
    tmp_path: Path, corpus: Path
) -> None:
    from reader.export import write_atomic

    target = tmp_path / "report.md"
    old = os.umask(0o022)
    try:
        write_atomic(target, "one")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o640)
        write_atomic(target, "two")
        assert target.stat().st_mode & 0o777 == 0o640 and target.read_text() == "two"
    finally:
        os.umask(old)


def test_bidirectional_controls_in_a_file_name_are_dropped_from_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    folder = tmp_path / "in"
    folder.mkdir()
    name = "report\u202etxt.exe"
    (folder / f"{name}.txt").write_text("Ministers met in London on Monday.\n", encoding="utf-8")
    assert _cli(lib, "add", "--quiet", str(folder)) == 0
    ((_n, (article_id, uri, text)),) = _articles(lib).items()
    with AnnotationStore(_where(lib).annotations_db) as store:
        store.create(article_id, uri, text, 0, 9, note="n")
    for fmt in ("md", "html", "csv"):
        capsys.readouterr()
        assert _cli(lib, "annotations", "export", "--format", fmt) == 0
        out = capsys.readouterr().out
        assert "\u202e" not in out and "reporttxt.exe" in out, fmt


# 9. a damaged library still lets the annotations out ---------------------------------------------


@pytest.mark.parametrize("where_damaged", ["header", "pages"])
def test_a_damaged_library_still_exports_the_annotations_and_says_what_to_do(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str], where_damaged: str
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _annotate(lib, BRITAIN, "Britain", "still mine")
    db = _where(lib).library_db
    data = bytearray(db.read_bytes())
    if where_damaged == "header":
        data[:16] = b"not a database!!"
    else:
        for i in range(4096, len(data), 3):
            data[i] = 0xA5
    db.write_bytes(bytes(data))
    for f in lib.glob("library.sqlite3-*"):
        f.unlink()
    capsys.readouterr()
    assert _cli(lib, "annotations", "export", "--format", "md") == 0
    captured = capsys.readouterr()
    assert "still mine" in captured.out and "Britain" in captured.out
    assert "add your files and folders again" in captured.err
    code = _cli(lib, "search", "china")
    captured = capsys.readouterr()
    assert code == 2 and "damaged" in captured.err and "add your files" in captured.err


# 10. and 11. what an import may hold ----------------------------------------------------------------


def test_an_annotation_import_is_validated_item_by_item(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _id, uri, _text = _articles(lib)[BRITAIN]

    def item(n: int, **fields: object) -> dict[str, object]:
        out: dict[str, object] = {
            "id": f"urn:uuid:10000000-0000-4000-8000-0000000000{n:02}",
            "type": "Annotation",
            "created": "2026-11-01T10:00:00Z",
            "target": {
                "source": uri,
                "selector": {"type": "TextQuoteSelector", "exact": "Britain"},
            },
        }
        out.update(fields)
        return out

    good = item(0, body="fine")
    bad = [
        item(1, body=[{"type": "TextualBody", "value": "x" * 200_000}]),  # a huge note
        item(2, target={"source": uri, "selector": ["foo", 1]}),
        item(3, body=[1, 2]),
        item(4, **{"cr:colour": "javascript:alert(1)"}),
        item(5, **{"cr:status": "done!"}),
        item(6, body=[{"type": "TextualBody", "value": "Pants on fire", "purpose": "assessing"}]),
        item(7, created="yesterday"),
        item(8, target={"source": uri, "selector": {"type": "TextPositionSelector", "start": 1}}),
        item(9, **{"cr:claimant": {"name": "not text"}}),
    ]
    lines = [json.dumps(x) for x in [good, *bad]]
    lines.append(
        '{"id": "urn:uuid:x", "type": "Annotation", "target": {"source": "'
        + uri
        + '", "selector": {"type": "TextPositionSelector", "start": Infinity, "end": 5}}}'
    )
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(lines[:-1]), encoding="utf-8")
    capsys.readouterr()
    assert _cli(lib, "annotations", "import", str(f)) == 0
    out = capsys.readouterr().out
    assert "1 added" in out and f"{len(bad)} skipped" in out and "Traceback" not in out
    for reason in (
        "over 100,000",
        "no TextQuoteSelector",
        "neither text",
        "colour must be",
        "status must be",
        "verdict scale",
        "created is not",
        "must be text",
    ):
        assert reason in out, reason
    # JSON that is no annotation at all: one clear error, nothing imported
    for content in ("[" * 100_000 + "]" * 100_000, lines[-1]):
        f.write_text(content, encoding="utf-8")
        capsys.readouterr()
        assert _cli(lib, "annotations", "import", str(f)) == 2
        err = capsys.readouterr().err
        assert err.startswith("error:") and "Traceback" not in err
    with AnnotationStore(_where(lib).annotations_db) as store:
        assert store.count() == 1


def test_an_oversized_annotation_file_is_refused_unread(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.export.w3c import MAX_IMPORT_BYTES

    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    f = tmp_path / "huge.jsonld"
    with open(f, "wb") as out:
        out.truncate(MAX_IMPORT_BYTES + 1)  # sparse: no need to write it
    capsys.readouterr()
    assert _cli(lib, "annotations", "import", str(f)) == 2
    assert "over 64 MB" in capsys.readouterr().err


def test_the_same_words_in_another_sentence_are_not_an_exact_anchor() -> None:
    text = "The minister said the plan would work. Critics said the plan would fail badly."
    start = text.index("said the plan")
    quote = quote_of(text, start, start + len("said the plan"))
    rewritten = "Officials insist that a review said the plan was costly, and unions agreed today."
    found = anchor(rewritten, quote, start, start + len("said the plan"))
    assert rewritten[start : start + 13] != "said the plan" or found.state != EXACT
    assert found.state in (FUZZY, ORPHANED)
    # an edit on one side only still anchors exactly
    one_side = text.replace("The minister", "The finance minister, Jo Bloggs,")
    assert anchor(one_side, quote, start, start + 13).state in (EXACT, MOVED)


def test_an_empty_annotations_file_is_damage_and_never_backed_up(where: LibraryPaths) -> None:
    db = where.annotations_db
    with AnnotationStore(db) as store:
        store.create(1, "urn:uuid:a", "Some words here.", 0, 4)
    assert backup.daily_backup(db) is not None
    db.write_bytes(b"")  # truncated by something outside the app
    for f in db.parent.glob("annotations.sqlite3-*"):
        f.unlink()
    assert backup.health(db).state == "damaged" and "empty" in (backup.check(db) or "")
    opened = backup.open_checked(db)
    assert opened.damaged is not None and opened.store is None


def test_backups_of_a_nearly_emptied_store_never_push_the_last_full_one_out(
    where: LibraryPaths,
) -> None:
    from datetime import date, timedelta

    db = where.annotations_db
    with AnnotationStore(db) as store:
        anns = [store.create(1, "urn:uuid:a", "Some words here.", 0, 4) for _ in range(20)]
    day = date(2026, 1, 1)
    backup.daily_backup(db, day)
    with AnnotationStore(db) as store:
        for a in anns[1:]:
            store.delete(a.id)
    for n in range(1, 10):
        backup.daily_backup(db, day + timedelta(days=n))
    kept = backup.list_backups(db)
    assert len(kept) == 8 and kept[-1].day == day and kept[-1].annotations == 20
    assert all(b.annotations == 1 for b in kept[:-1])
    assert sorted(p.suffix for p in backup.backups_dir(db).iterdir()) == [".sqlite3"] * 8


def test_an_empty_store_is_not_backed_up(where: LibraryPaths) -> None:
    with AnnotationStore(where.annotations_db):
        pass
    assert backup.daily_backup(where.annotations_db) is None
    assert backup.list_backups(where.annotations_db) == []


def test_a_file_where_the_index_folder_should_be_is_replaced(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = tmp_path / "lib"
    where = _where(lib).ensure()
    where.index_dir.write_text("not an index")
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    capsys.readouterr()
    assert _cli(lib, "search", "china") == 0
    assert "results for china" in capsys.readouterr().out


def test_a_user_gazetteer_nested_too_deeply_is_ignored_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from reader.analysis import analyze

    user = tmp_path / "gazetteer.json"
    user.write_text('{"actors": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    spans = analyze("Prime Minister Tony Blair met the BBC in London.", user).spans()
    assert any(s.label == "Tony Blair" for s in spans)  # the built-in names still work
    assert "ignoring the user gazetteer" in caplog.text


@pytest.mark.slow
def test_ten_annotation_imports_and_two_article_imports_at_once_lose_nothing(
    tmp_path: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Concurrency as a desk has it: ten colleagues' exports imported at the same moment as two
    folders are added. Every annotation is stored once, every article indexed once."""
    lib = tmp_path / "lib"
    assert _cli(lib, "add", "--quiet", str(corpus)) == 0
    _id, uri, text = _articles(lib)[BRITAIN]
    files = []
    for n in range(10):
        items = [
            {
                "id": f"urn:uuid:{n:08x}-0000-4000-8000-{k:012x}",
                "type": "Annotation",
                "created": "2026-11-01T10:00:00Z",
                "body": f"colleague {n} note {k}",
                "target": {
                    "source": uri,
                    "selector": {"type": "TextPositionSelector", "start": k, "end": k + 5},
                },
            }
            for k in range(300)
        ]
        f = tmp_path / f"colleague{n}.jsonl"
        f.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
        files.append(f)
    more = [
        write_stories(tmp_path / f"more{m}", 200, lambda n, m=m: f"Wire {m}.{n}\n\nMarkets rose.\n")
        for m in range(2)
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    base = [sys.executable, "-m", "reader", "--library", str(lib)]
    pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
    runs = [
        subprocess.Popen([*base, "annotations", "import", str(f)], env=env, **pipes) for f in files
    ]
    runs += [subprocess.Popen([*base, "add", "--quiet", str(m)], env=env, **pipes) for m in more]
    for run in runs:
        _out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
    with AnnotationStore(_where(lib).annotations_db) as store:
        assert store.count() == 3000
        assert all(text[a.start : a.end] == a.quote.exact for a in store.find())
    with Library(_where(lib).library_db) as library:
        index = SearchIndex(_where(lib).index_dir)
        result = index.search("markets", library, limit=None, with_snippets=False)
        ids = [h.article_id for h in result.hits]
        assert library.count() == 405 and len(ids) == len(set(ids)) == 400
        index.close()
