"""The annotation store on real SQLite files, and re-anchoring after the text changes — including
property-based tests with random edits around and inside the annotated words."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.anchoring import EXACT, FUZZY, MOVED, ORPHANED, anchor, quote_of
from reader.annotations import (
    SCHEMA_VERSION,
    AnnotationStore,
    AnnotationStoreError,
    Filters,
    Source,
    verdict_scale,
)
from reader.paths import LibraryPaths

TEXT = (
    "Russia’s UN ambassador, Vassily Nebenzya, told the assembly that Moscow had been left with "
    "“no other option” 🇷🇺 but to act. Ukraine and its supporters hope to deepen Russia’s "
    "diplomatic isolation by securing the support of nearly three-quarters of the assembly."
)


def _at(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_create_read_update_delete_survive_reopening(where: LibraryPaths) -> None:
    s, e = _at(TEXT, "no other option")
    with AnnotationStore(where.annotations_db) as store:
        ann = store.create(7, "urn:uuid:a", TEXT, s, e, colour="yellow", note="Check *this*")
        assert ann.quote.exact == "no other option"
        assert ann.quote.prefix.endswith("left with “") and ann.quote.suffix.startswith("” 🇷🇺")
        claim = store.create(
            7,
            "urn:uuid:a",
            TEXT,
            *_at(TEXT, "Moscow had been left"),
            tags=["sanctions", " russia ", "sanctions"],
            verdict="mostly false",
            status="in progress",
            claimant="Vassily Nebenzya",
            sources=[{"url": "https://example.org/un", "title": "UN record"}],
            reviewer="A. Checker",
        )
        assert claim.claim and claim.verdict == "Mostly false"  # the scale's spelling
        assert claim.tags == ("sanctions", "russia")
    with AnnotationStore(where.annotations_db) as store:  # a restart
        assert store.count() == 2
        got = store.get(claim.id)
        assert got == claim
        assert got is not None and got.sources == (Source("https://example.org/un", "UN record"),)
        edited = store.update(got, note="Contradicted by the record", status="checked")
        assert edited.modified >= got.modified and edited.created == got.created
        assert store.get(claim.id) == edited
        store.delete(ann.id)
        assert store.get(ann.id) is None and store.count() == 1
        store.put(ann)  # undo of the delete brings it back as it was
        assert store.get(ann.id) == ann


def test_bodies_are_validated(where: LibraryPaths) -> None:
    with AnnotationStore(where.annotations_db) as store:
        with pytest.raises(ValueError, match="verdict scale"):
            store.create(1, "u", TEXT, 0, 6, verdict="Pants on fire")
        with pytest.raises(ValueError, match="status"):
            store.create(1, "u", TEXT, 0, 6, status="done")
        with pytest.raises(ValueError, match="no text"):
            store.create(1, "u", TEXT, 10, 10_000)
        with pytest.raises(TypeError, match="not an annotation body"):
            store.create(1, "u", TEXT, 0, 6, colour="red", mood="happy")
        assert store.count() == 0  # nothing half-written


def test_filters_and_review_list(where: LibraryPaths) -> None:
    with AnnotationStore(where.annotations_db) as store:
        a = store.create(1, "u1", TEXT, *_at(TEXT, "Ukraine"), tags=["Ukraine"], colour="blue")
        b = store.create(1, "u1", TEXT, *_at(TEXT, "Moscow"), verdict="False", note="kremlin line")
        c = store.create(2, "u2", TEXT, *_at(TEXT, "assembly"), status="to check")
        assert [x.id for x in store.find(Filters(tag="ukraine"))] == [a.id]
        assert [x.id for x in store.find(Filters(verdict="false"))] == [b.id]
        assert [x.id for x in store.find(Filters(text="KREMLIN"))] == [b.id]
        assert [x.id for x in store.find(Filters(colour="blue"))] == [a.id]
        assert [x.id for x in store.find(Filters(status="to check"))] == [c.id]
        assert [x.id for x in store.find(Filters(claims_only=True))] == [b.id]
        assert [x.id for x in store.for_article("u1")] == [b.id, a.id]  # in text order
        assert {x.id for x in store.find(Filters(ids=(a.id, c.id)))} == {a.id, c.id}
        assert store.needing_review() == []


def test_a_newer_schema_is_refused_and_left_untouched(where: LibraryPaths) -> None:
    with AnnotationStore(where.annotations_db) as store:
        store.create(1, "u", TEXT, 0, 6)
    db = sqlite3.connect(where.annotations_db)
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    before = where.annotations_db.read_bytes()
    with pytest.raises(AnnotationStoreError, match="newer Corpus Reader"):
        AnnotationStore(where.annotations_db)
    assert where.annotations_db.read_bytes() == before


def test_an_unreadable_store_is_a_clear_error(where: LibraryPaths) -> None:
    where.annotations_db.parent.mkdir(parents=True, exist_ok=True)
    where.annotations_db.write_bytes(b"this is not a database" * 100)
    with pytest.raises(AnnotationStoreError, match="cannot open the annotations"):
        AnnotationStore(where.annotations_db)
    assert where.annotations_db.read_bytes() == b"this is not a database" * 100


def test_migration_from_an_empty_file_sets_the_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    sqlite3.connect(path).close()
    with AnnotationStore(path):
        pass
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_reanchor_after_edits(where: LibraryPaths) -> None:
    with AnnotationStore(where.annotations_db) as store:
        keep = store.create(1, "u", TEXT, *_at(TEXT, "no other option"))
        moved = store.create(1, "u", TEXT, *_at(TEXT, "diplomatic isolation"))
        fuzzy = store.create(1, "u", TEXT, *_at(TEXT, "support of nearly three-quarters"))
        lost = store.create(1, "u", TEXT, *_at(TEXT, "Ukraine and its supporters"))
        new = (
            TEXT.replace("Russia’s UN ambassador", "UPDATED: Russia’s ambassador to the UN")
            .replace("nearly three-quarters", "almost three quarters")
            .replace("Ukraine and its supporters hope", "Kyiv's allies hope")
        )
        changed = {a.id: a for a in store.reanchor("u", new)}
        got = {a.id: store.get(a.id) for a in (keep, moved, fuzzy, lost)}
        assert got[keep.id].anchor_state == MOVED  # type: ignore[union-attr]
        assert new[got[keep.id].start : got[keep.id].end] == "no other option"  # type: ignore[union-attr]
        assert got[moved.id].anchor_state == MOVED  # type: ignore[union-attr]
        f = got[fuzzy.id]
        assert f is not None and f.anchor_state == FUZZY and 0.72 <= f.anchor_score < 1
        assert "three quarters" in new[f.start : f.end]
        o = got[lost.id]
        assert o is not None and o.anchor_state == ORPHANED and o.quote == lost.quote
        assert store.needing_review() == sorted([f, o], key=lambda a: a.start)
        assert set(changed) == {keep.id, moved.id, fuzzy.id, lost.id}
        assert store.count() == 4  # an orphan is kept


def test_verdict_scale_is_ordered_with_values() -> None:
    scale = verdict_scale()
    labels = [v.label for v in scale.verdicts]
    assert labels == [
        "True",
        "Mostly true",
        "Mixed",
        "Misleading",
        "Mostly false",
        "False",
        "Unverifiable",
    ]
    values = [v.value for v in scale.verdicts if v.value is not None]
    assert values == sorted(values, reverse=True)
    assert all(scale.worst <= v <= scale.best for v in values)
    assert scale.get("unverifiable") is not None and scale.get("unverifiable").value is None  # type: ignore[union-attr]


# -- property-based: random edits around and inside the annotated words ------------------------------

WORDS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), min_codepoint=32, max_codepoint=0x1F9FF),
    min_size=0,
    max_size=40,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    before=WORDS,
    after=WORDS,
    insert_at=st.integers(min_value=0, max_value=len(TEXT)),
    inserted=WORDS,
)
def test_edits_outside_the_quote_keep_it_exactly(
    before: str, after: str, insert_at: int, inserted: str
) -> None:
    s, e = _at(TEXT, "no other option")
    quote = quote_of(TEXT, s, e)
    # an edit anywhere that leaves the annotated words whole
    if s < insert_at < e:
        insert_at = e
    new = before + TEXT[:insert_at] + inserted + TEXT[insert_at:] + after
    found = anchor(new, quote, s, e)
    assert found.state in (EXACT, MOVED)
    assert new[found.start : found.end] == "no other option"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(min_value=0, max_value=12), inserted=WORDS, position=st.floats(0, 1))
def test_edits_inside_the_quote_give_a_valid_anchor_or_an_orphan(
    cut: int, inserted: str, position: float
) -> None:
    s, e = _at(TEXT, "diplomatic isolation by securing the support")
    quote = quote_of(TEXT, s, e)
    at = s + int((e - s) * position)
    new = TEXT[:at] + inserted + TEXT[min(e, at + cut) :]
    found = anchor(new, quote, s, e)
    assert 0 <= found.start <= found.end <= len(new)
    if found.state == ORPHANED:
        assert found.score == 0.0
    else:
        assert found.end > found.start
        assert 0.0 < found.score <= 1.0
        if found.state in (EXACT, MOVED):
            assert new[found.start : found.end] == quote.exact


@settings(max_examples=100, deadline=None)
@given(text=st.text(min_size=0, max_size=300), quote=st.text(min_size=0, max_size=30))
def test_anchoring_any_text_never_fails(text: str, quote: str) -> None:
    from reader.anchoring import TextQuote

    found = anchor(text, TextQuote(quote, "", ""), 0, len(quote))
    assert 0 <= found.start <= found.end <= max(len(text), len(quote))
    if found.state != ORPHANED:
        assert found.end <= len(text)


def test_reimporting_a_changed_file_reanchors_its_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    from reader.cli import main
    from reader.library import Library

    lib = tmp_path / "lib"
    f = tmp_path / "a.txt"
    f.write_text(f"UN vote\n\n{TEXT}\n", encoding="utf-8")
    assert main(["--library", str(lib), "add", str(f)]) == 0
    where = LibraryPaths(lib, lib / "cache")
    with Library(where.library_db) as library:
        (row,) = library.browse()
        article = library.get(row["id"])
        assert article is not None
    with AnnotationStore(where.annotations_db) as store:
        ann = store.create(
            article.id, article.uri, article.text, *_at(article.text, "no other option")
        )
    f.write_text(f"UN vote\n\nUPDATE: the vote was delayed.\n\n{TEXT}\n", encoding="utf-8")
    os.utime(f, ns=(10**9, 10**9))
    capsys.readouterr()
    assert main(["--library", str(lib), "add", str(f)]) == 0
    assert "1 annotation(s) re-anchored" in capsys.readouterr().out
    with Library(where.library_db) as library:
        text = library.get(article.id).text  # type: ignore[union-attr]
    with AnnotationStore(where.annotations_db) as store:
        got = store.get(ann.id)
        assert got is not None and got.anchor_state == MOVED
        assert text[got.start : got.end] == "no other option" and got.start > ann.start
