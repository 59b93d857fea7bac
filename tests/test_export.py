"""Exports against their formats' rules, and the W3C import round trip, via the CLI."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reader.annotations import AnnotationStore
from reader.cli import main
from reader.export.csv_export import COLUMNS
from reader.library import Library
from reader.paths import LibraryPaths
from tests.conftest import SEEDS

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> =HYPERLINK("http://x") # *no*'


@pytest.fixture
def annotated(tmp_path: Path) -> LibraryPaths:
    lib = tmp_path / "lib"
    assert main(["--library", str(lib), "add", "--quiet", str(SEEDS)]) == 0
    where = LibraryPaths(lib, lib / "cache")
    with Library(where.library_db) as library, AnnotationStore(where.annotations_db) as store:
        for row in library.browse():
            art = library.get(row["id"])
            assert art is not None
            if "no other option" in art.text:
                s = art.text.index("no other option")
                store.create(
                    art.id,
                    art.uri,
                    art.text,
                    s,
                    s + len("no other option"),
                    verdict="Mostly false",
                    status="checked",
                    claimant="Vassily Nebenzya",
                    tags=["russia", "un"],
                    note=f"Contradicted. {HOSTILE}",
                    reviewer="A. Checker",
                    sources=[{"url": "https://example.org/record?a=1&b=2", "title": "UN <record>"}],
                )
            if "Kishida" in art.text:
                s = art.text.index("Kishida")
                store.create(art.id, art.uri, art.text, s, s + 7, colour="green", tags=["-2+3"])
    return where


def _export(where: LibraryPaths, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["--library", str(where.root), "annotations", "export", *args]) == 0
    return capsys.readouterr().out


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        self.hrefs += [v or "" for name, v in attrs if name == "href"]


def test_html_is_self_contained_and_inert(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _export(annotated, capsys, "--format", "html")
    scan = _Scan()
    scan.feed(out)
    assert "script" not in scan.tags and "img" not in scan.tags and "iframe" not in scan.tags
    assert not any(a.startswith("on") or a == "src" for a in scan.attrs)
    # the only links are to the article files by name: relative, no scheme
    assert scan.hrefs and all(":" not in h and not h.startswith(("/", "//")) for h in scan.hrefs)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<mark>no other option</mark>" in out and "Mostly false" in out


def test_markdown_report_escapes_what_would_change_its_structure(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _export(annotated, capsys, "--format", "md")
    assert out.startswith("# Annotations")
    assert "**no other option**" in out
    assert "### Claim — Mostly false" in out
    # the user's note is quoted, so its content cannot add headings or lists to the report
    note_lines = [line for line in out.splitlines() if "Contradicted" in line]
    assert note_lines and all(line.startswith("> ") for line in note_lines)
    assert "Tags: russia, un" in out


def test_csv_parses_back_with_every_field_and_no_formulas(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    _export(annotated, capsys, "--format", "csv", "--output", str(target))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == COLUMNS and len(rows) == 2
    claim = next(r for r in rows if r["verdict"])
    assert claim["exact"] == "no other option" and claim["claimant"] == "Vassily Nebenzya"
    assert json.loads(claim["sources"])[0]["url"] == "https://example.org/record?a=1&b=2"
    for row in rows:
        for value in row.values():
            assert value[:1] not in ("=", "+", "-", "@"), value
    other = next(r for r in rows if not r["verdict"])
    assert other["tags"] == "'-2+3"


def test_w3c_export_conforms_and_round_trips(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    first = _export(annotated, capsys, "--format", "w3c")
    data = json.loads(first)
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 2
    items = data["first"]["items"]
    with Library(annotated.library_db) as library:
        uris = library.uris()
    for a in items:
        assert a["type"] == "Annotation" and a["id"].startswith("urn:uuid:")
        assert a["motivation"] in ("highlighting", "commenting", "tagging", "assessing")
        assert a["target"]["source"] in uris
        kinds = {s["type"] for s in a["target"]["selector"]}
        assert kinds == {"TextQuoteSelector", "TextPositionSelector"}
        assert a["created"] and a["modified"]
    claim = next(a for a in items if a["motivation"] == "assessing")
    purposes = {b.get("purpose") for b in claim["body"]}
    assert purposes == {"commenting", "tagging", "assessing", "linking"}
    assert claim["creator"] == {"type": "Person", "name": "A. Checker"}
    # import into a fresh store of the same library, then export again: the same document
    saved = tmp_path / "w3c.jsonld"
    saved.write_text(first, encoding="utf-8")
    annotated.annotations_db.unlink()
    capsys.readouterr()
    assert main(["--library", str(annotated.root), "annotations", "import", str(saved)]) == 0
    assert "2 added, 0 updated, 0 unchanged, 0 kept (newer here), 0 skipped" in (
        capsys.readouterr().out
    )
    assert _export(annotated, capsys, "--format", "w3c") == first


def test_import_of_another_tools_annotations_and_of_unknown_articles(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with Library(annotated.library_db) as library:
        uri, aid = next(iter(library.uris().items()))
        text = library.get(aid).text  # type: ignore[union-attr]
    words = text.split()[5]
    lines = [
        {  # a minimal annotation as another tool writes it: a quote, no position, a string body
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "http://example.org/anno/1",
            "type": "Annotation",
            "body": "Interesting",
            "target": {"source": uri, "selector": {"type": "TextQuoteSelector", "exact": words}},
        },
        {
            "id": "http://example.org/anno/2",
            "type": "Annotation",
            "target": {
                "source": "urn:uuid:not-here",
                "selector": {"type": "TextQuoteSelector", "exact": "x"},
            },
        },
    ]
    f = tmp_path / "other.jsonl"
    f.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    capsys.readouterr()
    assert main(["--library", str(annotated.root), "annotations", "import", str(f)]) == 0
    out = capsys.readouterr().out
    assert "1 added, 0 updated, 0 unchanged, 0 kept (newer here), 1 skipped" in out
    assert "not in the library" in out
    with AnnotationStore(annotated.annotations_db) as store:
        mine = [a for a in store.for_article(uri) if a.note == "Interesting"]
        assert len(mine) == 1 and text[mine[0].start : mine[0].end] == words


def test_claimreview_for_claims_with_a_verdict(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _export(
        annotated,
        capsys,
        "--format",
        "claimreview",
        "--org",
        "Fact Desk",
        "--base-url",
        "https://f.example/",
    )
    (review,) = json.loads(out)
    assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "no other option"
    rating = review["reviewRating"]
    assert rating == {
        "@type": "Rating",
        "alternateName": "Mostly false",
        "ratingValue": 2,
        "bestRating": 6.0,
        "worstRating": 1.0,
    }
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Vassily Nebenzya"}
    assert review["itemReviewed"]["appearance"]["url"].startswith("urn:uuid:")
    assert review["author"]["name"] == "Fact Desk" and review["url"].startswith(
        "https://f.example/#"
    )
    assert len(review["datePublished"]) == 10


def test_export_never_changes_the_store_and_writes_atomically(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    before = annotated.annotations_db.read_bytes()
    target = tmp_path / "report.md"
    target.write_text("old report", encoding="utf-8")
    _export(annotated, capsys, "--format", "md", "--output", str(target))
    assert target.read_text(encoding="utf-8").startswith("# Annotations")
    assert not list(tmp_path.glob(".report.md.*"))  # no temporary file left behind
    assert annotated.annotations_db.read_bytes() == before
    capsys.readouterr()
    code = main(
        [
            "--library",
            str(annotated.root),
            "annotations",
            "export",
            "--format",
            "md",
            "--output",
            str(tmp_path / "missing-dir" / "r.md"),
        ]
    )
    assert code == 2 and "cannot write" in capsys.readouterr().err


def test_annotations_are_searchable_from_the_main_search(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    def titles(query: str) -> list[str]:
        capsys.readouterr()
        assert main(["--library", str(annotated.root), "search", query, "--json"]) == 0
        return [h["title"] for h in json.loads(capsys.readouterr().out)]

    wang = titles('verdict:"mostly false"')
    assert len(wang) == 1 and "Wang Yi" in wang[0]
    assert titles("tag:russia") == wang
    assert titles("note:contradicted") == wang
    assert titles('status:"checked" nebenzya') == wang
    assert titles("tag:russia kishida") == []  # the words must match the same article
    kishida = titles("colour:green")
    assert len(kishida) == 1 and kishida != wang
    assert titles("verdict:true") == []
