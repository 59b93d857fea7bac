"""Exports against their formats' rules, and the W3C import round trip, via the CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import date
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

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
        self.links: list[dict[str, str | None]] = []  # the attributes of each <a>
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]
        self.hrefs += [v or "" for name, v in attrs if name == "href"]
        if tag == "a":
            self.links.append(dict(attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _inert(scan: _Scan) -> None:
    """No script, frame, image, style sheet or anything else loaded; no handler; a link only
    to a web or mail address, and opened without a referrer."""
    assert not {"script", "img", "iframe", "link", "object", "embed", "base", "form"} & set(
        scan.tags
    )
    assert not any(a.startswith("on") or a in ("src", "srcset", "style") for a in scan.attrs)
    assert all(h.split(":", 1)[0].lower() in ("http", "https", "mailto") for h in scan.hrefs)
    assert all(a.get("rel") == "noopener noreferrer" for a in scan.links)
    assert all(set(a) == {"href", "rel"} for a in scan.links)


def test_html_is_self_contained_and_inert(
    annotated: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _export(annotated, capsys, "--format", "html")
    scan = _Scan()
    scan.feed(out)
    _inert(scan)
    # the source is a link (a web address); the article's file is named, never linked
    assert scan.hrefs == ["https://example.org/record?a=1&b=2"]
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


# -- a fact-checking desk's exports (issue 16, item 10) -------------------------------------------

DESK_ARTICLE = """---
title: Beijing’s line on Moscow 🙂
source: Reuters
date: 2026-03-01
---

Officials met in the capital on Tuesday to discuss the war. But Beijing has refused to join \
countries around the world in imposing sanctions on Moscow, instead blaming the United States \
for fueling the conflict. The ministry said the talks were “a great success 🎉” and would go on.

The article notes that trade rose by a third.
"""
DESK_NOTE = (
    "Contradicted by **the UN record** and _two_ envoys 🙂 — “not so”.\n\n"
    "- first [the record](https://un.example/rec?a=1&b=2)\n"
    "- then [a script](javascript:alert(1)) and [a file](report.html)\n\n"
    "![pixel](https://evil.example/p.png) <b onclick=x>raw</b>\n\n# not a heading"
)
TRUNCATED = (
    "ut Beijing has refused to join countries around the world in imposing sanctions on Moscow"
)


@pytest.fixture
def desk(tmp_path: Path) -> LibraryPaths:
    """A library of one article with its source and date, and three claims on it: one selected
    from the middle of a word, one with curly quotes and an emoji (with the space before it),
    the article's own assertion, and one with no claimant."""
    folder = tmp_path / "desk_in"
    folder.mkdir()
    (folder / "beijing_line.md").write_text(DESK_ARTICLE, encoding="utf-8")
    lib = tmp_path / "lib"
    assert main(["--library", str(lib), "add", "--quiet", str(folder)]) == 0
    where = LibraryPaths(lib, lib / "cache")
    with Library(where.library_db) as library, AnnotationStore(where.annotations_db) as store:
        (row,) = library.browse()
        art = library.get(row["id"])
        assert art is not None
        text = art.text

        def claim(words: str, **body: object) -> None:
            s = text.index(words)
            store.create(art.id, art.uri, text, s, s + len(words), claim=True, **body)

        claim(
            TRUNCATED,
            verdict="Mostly false",
            claimant="the State Department",
            note=DESK_NOTE,
            reviewer="Zoë Ørsted",
            sources=[
                {"url": "https://un.example/record?a=1&b=2", "title": "UN “record” 🗂"},
                {"url": "javascript:alert(5)", "title": "bad"},
                {"url": "file:///etc/passwd", "title": ""},
            ],
        )
        claim(" “a great success 🎉”", verdict="False", claimant="The article")
        claim("trade rose by a third", verdict="Mixed")
    return where


def _inline_text(markdown: str) -> tuple[str, list[str]]:
    """What a CommonMark viewer shows of one line of a report, and the words it shows bold."""
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").renderInline(markdown)
    bold = re.findall(r"<strong>(.*?)</strong>", html)
    return unescape(re.sub(r"<[^>]+>", "", html)), [unescape(b) for b in bold]


def test_markdown_bold_joins_the_words_to_their_context_as_in_the_text(
    desk: LibraryPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _export(desk, capsys, "--format", "md")
    # no space put in before, after or inside the bold: "…B**ut Beijing … Moscow**, instead…"
    assert f"B**{TRUNCATED}**, instead" in out
    assert " **ut" not in out and "Moscow** ," not in out
    # a selection that took the space before the quotation: the space stays outside the bold
    assert "were **“a great success 🎉”** and" in out
    (line,) = [x for x in out.splitlines() if x.startswith("> …") and TRUNCATED in x]
    shown, bold = _inline_text(line[2:])
    assert bold == [TRUNCATED] and "But Beijing has refused to join" in shown
    assert "Moscow, instead blaming" in shown


def test_markdown_bold_renders_wherever_a_selection_starts_and_ends() -> None:
    """Every selection of a text full of marks, emoji and Markdown's own characters: a viewer
    shows the text exactly as it is, with the selected words (or as many as bold can hold
    between marks that touch letters, e.g. ``x“y``) in bold."""
    from reader.export.markdown import marked

    text = "He said:“No—never 🙂.” B*ut_ (x) [y] <z> & 5. «Oui» 'a'b"
    for start in range(len(text)):
        for end in range(start + 1, len(text) + 1):
            before, words, after = text[:start], text[start:end], text[end:]
            line = "…" + marked(before, words, after) + "…"
            shown, bold = _inline_text(line)
            assert shown == f"…{text}…", (start, end, line)
            assert len(bold) <= 1, (start, end, line)
            if bold:
                assert bold[0] in words and bold[0] == bold[0].strip(), (start, end, line)
            if words.strip() and words.strip()[0].isalnum() and words.strip()[-1].isalnum():
                assert bold == [words.strip()], (start, end, line)


def test_markdown_names_the_article_file_as_text_with_source_date_and_identifier(
    desk: LibraryPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = _export(
        desk,
        capsys,
        "--format",
        "md",
        "--title",
        "Desk report “March” 🙂",
        "--author",
        "Zoë Ørsted",
    )
    from reader.export.markdown import escape

    with Library(desk.library_db) as library:
        ((uri, _id),) = library.uris().items()
    assert out.startswith("# Desk report “March” 🙂\n")
    assert f"Made on {date.today().isoformat()} by Zoë Ørsted" in out
    assert "Source: Reuters" in out and "Date: 2026-03-01" in out
    assert f"Identifier: {uri}" in out
    assert f"File: {escape('beijing_line.md')} in {escape(str(tmp_path / 'desk_in'))}" in out
    # no link that resolves nowhere: every link in the report is a web or mail address
    for target in re.findall(r"\]\(([^)\s]*)", out):
        assert target.startswith(("https://", "http://", "mailto:")), target
    # the note stays inert
    for live in ("<b", "](javascript:", "![pixel]("):
        assert live not in out, live
    assert "[the record](https://un.example/rec?a=1&amp;b=2)" in out


def test_html_report_renders_notes_links_and_the_facts_a_desk_needs(
    desk: LibraryPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = _export(
        desk, capsys, "--format", "html", "--title", "Desk “March” 🙂", "--author", "Zoë Ørsted"
    )
    scan = _Scan()
    scan.feed(out)
    _inert(scan)
    text = "".join(scan.text)
    # a header: title, the date it was made, its author
    assert "<title>Desk “March” 🙂</title>" in out and "<h1>Desk “March” 🙂</h1>" in out
    assert f"Made on {date.today().isoformat()} by Zoë Ørsted" in text
    # each article with its source and date, its file named (not linked) with its folder
    assert "Source: Reuters" in text and "Date: 2026-03-01" in text
    assert f"File: beijing_line.md in {tmp_path / 'desk_in'}" in text
    # the note's Markdown rendered: emphasis, lists, links (web only), the rest as text
    assert "<strong>the UN record</strong>" in out and "<em>two</em>" in out
    assert "<li>first <a href=" in out and "🙂 — “not so”" in out
    assert '<a href="https://un.example/rec?a=1&amp;b=2" rel="noopener noreferrer">' in out
    assert "[a script](javascript:alert(1))" in text and "[a file](report.html)" in text
    assert "&lt;b onclick=x&gt;raw&lt;/b&gt;" in out and "# not a heading" in text
    assert "https://evil.example/p.png" in scan.hrefs  # a picture is a link, never loaded
    # sources: a web address is a link; anything else is text
    assert (
        '<a href="https://un.example/record?a=1&amp;b=2" rel="noopener noreferrer">'
        "UN “record” 🗂</a>"
    ) in out
    assert "bad (javascript:alert(5))" in text and "file:///etc/passwd" in text
    assert set(scan.hrefs) == {
        "https://un.example/rec?a=1&b=2",
        "https://evil.example/p.png",
        "https://un.example/record?a=1&b=2",
    }
    assert f"B<mark>{TRUNCATED}</mark>, instead" in out
    assert "were <mark>“a great success 🎉”</mark> and" in out


def _claimreview(
    where: LibraryPaths, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[list[dict[str, Any]], list[str], str]:
    """The reviews, the warnings on stderr, and all of stderr."""
    capsys.readouterr()
    cmd = ["--library", str(where.root), "annotations", "export", "--format", "claimreview"]
    assert main([*cmd, *args]) == 0
    out, err = capsys.readouterr()
    warnings = [x for x in err.splitlines() if x.startswith("warning: ")]
    return (json.loads(out) if out else []), warnings, err


def test_claimreview_warns_of_what_would_go_out_unfit_and_types_its_claimants(
    desk: LibraryPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    reviews, warnings, err = _claimreview(desk, capsys)
    assert len(reviews) == 3 and len(warnings) == 3, err
    no_org, no_address, no_claimant = warnings
    assert "No organisation" in no_org and "“Unnamed organisation”" in no_org
    assert "urn:uuid:" in no_address and "--base-url" in no_address
    assert "1 claim(s) have no claimant" in no_claimant
    assert "“trade rose by a third”" in no_claimant
    with Library(desk.library_db) as library:
        ((uri, _id),) = library.uris().items()
    by_words = {r["claimReviewed"]: r for r in reviews}
    assert set(by_words) == {TRUNCATED, "“a great success 🎉”", "trade rose by a third"}
    assert all(r["url"].startswith("urn:uuid:") for r in reviews)
    assert all(
        r["author"] == {"@type": "Organization", "name": "Unnamed organisation"}
        for r in reviews
        if r["claimReviewed"] != TRUNCATED
    )
    state = by_words[TRUNCATED]["itemReviewed"]
    assert state["author"] == {"@type": "Organization", "name": "the State Department"}
    # the article's own assertion is its publication's, not a person called "The article"
    own = by_words["“a great success 🎉”"]["itemReviewed"]
    assert own["author"] == {"@type": "Organization", "name": "Reuters"}
    assert "author" not in by_words["trade rose by a third"]["itemReviewed"]
    assert state["appearance"] == {
        "@type": "CreativeWork",
        "url": uri,
        "headline": "Beijing’s line on Moscow 🙂",
        "datePublished": "2026-03-01",
        "publisher": {"@type": "Organization", "name": "Reuters"},
    }
    assert state["datePublished"] == "2026-03-01"
    # given the organisation and the address, only the missing claimant is left to tell
    target = tmp_path / "reviews.jsonld"
    _, warnings, err = _claimreview(
        desk,
        capsys,
        "--org",
        "Fact Desk 🙂",
        "--base-url",
        "https://f.example/reviews/",
        "--output",
        str(target),
    )
    assert warnings == [no_claimant] and "3 annotation(s) written" in err
    reviews = json.loads(target.read_text(encoding="utf-8"))
    assert all(r["url"].startswith("https://f.example/reviews/#") for r in reviews)
    mine = next(r for r in reviews if r["claimReviewed"] == TRUNCATED)
    assert mine["author"] == {
        "@type": "Organization",
        "name": "Fact Desk 🙂",
        "member": {"@type": "Person", "name": "Zoë Ørsted"},
    }
    # an address that is no web address is told too
    _, warnings, _err = _claimreview(desk, capsys, "--org", "D", "--base-url", "factdesk")
    assert len(warnings) == 2 and "“factdesk” is not a web address" in warnings[0]


def test_the_workspace_returns_the_warnings_and_a_web_article_appears_by_its_address(
    desk: LibraryPaths,
) -> None:
    from reader.export import collect
    from reader.export.claimreview import check, review
    from reader.workspace import Workspace

    with Workspace(desk) as ws:
        result = ws.export("claimreview", None, {"org": "", "base_url": ""})
        assert len(result.warnings) == 3 and "No organisation" in result.warnings[0]
        assert ws.export("md", None, {"title": "T", "author": "Zoë"}).warnings == []
        with AnnotationStore(desk.annotations_db) as store:
            items = collect(store, ws.library())
    assert check(items, "Desk", "https://f.example") == [result.warnings[2]]
    assert check([i for i in items if i.annotation.claimant], "D", "https://f.example") == []
    highlights = [replace(i, annotation=replace(i.annotation, verdict=None)) for i in items]
    (nothing,) = check(highlights, "D", "https://f.example")
    assert "No claim among these annotations has a verdict" in nothing
    item = items[0]
    assert item.article is not None
    web = replace(item, article=replace(item.article, path="https://news.example/b?id=1"))
    made = review(web, "D", "https://f.example")
    assert made is not None
    assert made["itemReviewed"]["appearance"]["url"] == "https://news.example/b?id=1"


@pytest.mark.parametrize(
    ("claimant", "kind"),
    [
        ("Vassily Nebenzya", "Person"),
        ("Zoë Ørsted", "Person"),
        ("Foreign Ministry spokesman Wang Wenbin", "Person"),
        ("the prime minister", "Person"),
        ("Mr Putin", "Person"),
        ("the State Department", "Organization"),
        ("Reuters", "Organization"),
        ("Ministry of Foreign Affairs", "Organization"),
        ("NATO", "Organization"),
        ("the Kremlin", "Organization"),
        ("US officials", "Organization"),
        ("Acme Holdings", "Organization"),
    ],
)
def test_claimants_are_typed_person_or_organisation(claimant: str, kind: str) -> None:
    from reader.export.claimreview import claimant_type

    assert claimant_type(claimant) == kind


def test_plain_notes_are_set_as_markdown_would_set_them() -> None:
    """Notes of plain sentences skip the Markdown parser: the same HTML, ten times as fast."""
    import random

    from reader.export.html_export import _markdown, note_html

    rng = random.Random(16)
    marks = [*"ab Z.,;:!?'\"“”‘’🙂🎉—-+#=>019()%@/\n\u00a0", "\n\n", "1. ", "- ", "  "]
    for _ in range(3_000):
        note = "".join(rng.choice(marks) for _ in range(rng.randint(0, 30)))
        assert note_html(note) == _markdown().render(note), repr(note)
    plain = "Contradicted by the “UN record” 🙂.\nSee p. 4.\n\nTwo envoys said so."
    assert note_html(plain) == _markdown().render(plain)
