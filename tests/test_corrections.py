"""Corrections that teach: an actor's type and a merge go into the user's gazetteer and hold in
every article; a quotation's speaker and a claim's claimant hold for their article over every
later analysis; all through the workspace (the window's and the CLI's one way in)."""

from __future__ import annotations

from pathlib import Path

import pytest

import reader.analysis
from reader.corrections import CorrectionError
from reader.paths import LibraryPaths
from reader.workspace import Workspace

ONE = (
    "Rovers win again\n\nHarrow Rovers beat Leeds 2-1 on Saturday. “We were brilliant,” said "
    "the manager after the game. Rovers now lead the table 🎉.\n"
)
TWO = (
    "Cup draw\n\nHarrow Rovers will play Bristol in the cup, the club said on Monday. The"
    " Bellway Trust and Bellway Holdings, its owner, both declined to comment.\n"
)


def _workspace(tmp_path: Path) -> tuple[Workspace, dict[str, int]]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.txt").write_text(ONE, encoding="utf-8")
    (folder / "two.txt").write_text(TWO, encoding="utf-8")
    ws = Workspace(LibraryPaths(tmp_path / "lib", tmp_path / "lib" / "cache").ensure())
    ws.import_paths([str(folder)])
    ids = {Path(r["path"]).name: r["id"] for r in ws.library().browse()}
    return ws, ids


def _types(ws: Workspace, article_id: int, name: str) -> set[str]:
    article = ws.library().get(article_id)
    assert article is not None
    return {m.type for m in ws.layers(article).actors if m.name == name}


def test_a_corrected_type_holds_in_every_article(tmp_path: Path) -> None:
    ws, ids = _workspace(tmp_path)
    with ws:
        before = _types(ws, ids["one.txt"], "Harrow Rovers")
        assert before, "the analysis finds the club"
        other = "place" if "organisation" in before else "organisation"
        ws.correct_type("Harrow Rovers", other)
        for name in ("one.txt", "two.txt"):
            assert _types(ws, ids[name], "Harrow Rovers") == {other}, name
        assert ws.corrections.actors()[0] == {"name": "Harrow Rovers", "type": other, "aliases": []}
        with pytest.raises(CorrectionError, match="type must be"):
            ws.correct_type("Harrow Rovers", "club")


def test_two_actors_merged_are_one_everywhere(tmp_path: Path) -> None:
    ws, ids = _workspace(tmp_path)
    with ws:
        article = ws.library().get(ids["two.txt"])
        assert article is not None
        names = {m.name for m in ws.layers(article).actors}
        assert {"Bellway Trust", "Bellway Holdings"} <= names  # two actors to the analysis
        ws.merge_actors("Bellway Trust", "Bellway Holdings", "organisation")
        pairs = {(article.text[m.start : m.end], m.name) for m in ws.layers(article).actors}
        assert ("Bellway Trust", "Bellway Holdings") in pairs
        assert "Bellway Trust" not in {m.name for m in ws.layers(article).actors}
        hits = ws.search('actor:"Bellway Holdings"').hits
        assert [h.article_id for h in hits] == [article.id]


def test_a_speaker_set_by_the_reader_survives_reanalysis_and_is_searchable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws, ids = _workspace(tmp_path)
    with ws:
        article = ws.library().get(ids["one.txt"])
        assert article is not None
        (quote,) = ws.layers(article).quotes
        assert article.text[quote.start : quote.end].startswith("We were brilliant")
        ws.correct_who(article, "quote", quote.start, quote.end, "Mark Jones 😀")
        (fixed,) = ws.layers(article).quotes
        assert fixed.speaker == "Mark Jones 😀" and fixed.how == "corrected"
        assert [h.article_id for h in ws.search('speaker:"Mark Jones"').hits] == [article.id]
        # a newer analyser analyses everything again: the reader's speaker stays
        monkeypatch.setattr(
            reader.analysis, "ANALYZER_VERSION", reader.analysis.ANALYZER_VERSION + 7
        )
        assert ws.library().cached_spans(article.id) is None
        ws.analyse(ws.library().ids())
        (again,) = ws.layers(article).quotes
        assert again.speaker == "Mark Jones 😀"
        # and a claimant set to "the text does not say"
        claims = ws.layers(article).claims
        if claims:
            c = claims[0]
            ws.correct_who(article, "claim", c.start, c.end, None)
            assert next(x for x in ws.layers(article).claims if x.start == c.start).claimant is None


def test_corrections_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli import main

    ws, ids = _workspace(tmp_path)
    ws.close()
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "correct", "type", "Leeds", "organisation"]) == 0
    assert (
        main(
            [
                "--library",
                lib,
                "correct",
                "speaker",
                str(ids["one.txt"]),
                "were brilliant",
                "Mark Jones",
            ]
        )
        == 0
    )
    # the statement clusters follow the correction at once (the text and the analyser's
    # version are as they were, so nothing else would tell the trace the article changed)
    capsys.readouterr()
    assert main(["--library", lib, "trace", "--speaker", "Mark Jones"]) == 0
    assert "were brilliant" in capsys.readouterr().out
    assert main(["--library", lib, "correct", "merge", "Bellway Trust", "Bellway Holdings"]) == 0
    capsys.readouterr()
    assert main(["--library", lib, "correct", "list"]) == 0
    out = capsys.readouterr().out
    assert (
        "Leeds (organisation)" in out and "Bellway Holdings (organisation) ← Bellway Trust" in out
    )
    assert "were brilliant" in out and "Mark Jones" in out
    assert main(["--library", lib, "show", str(ids["one.txt"]), "--json"]) == 0
    import json

    shown = json.loads(capsys.readouterr().out)
    assert {"name": "Leeds", "type": "organisation"}.items() <= next(
        a for a in shown["actors"] if a["name"] == "Leeds"
    ).items()
    quote = next(s for s in shown["spans"] if s["kind"] == "quote")
    assert quote["attrs"]["speaker"] == "Mark Jones" and quote["attrs"]["how"] == "corrected"
    assert (
        main(["--library", lib, "correct", "speaker", str(ids["one.txt"]), "no such words", "X"])
        == 1
    )


def test_a_speaker_set_on_a_quotation_holds_for_its_continuations_and_its_claims(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.txt").write_text(
        "China’s peace plan\n\n"
        "China’s plan does not call for Russia’s withdrawal from Ukraine.\n\n"
        "Instead, it spoke of “respecting the sovereignty of all countries” 🕊️, saying that "
        "“all parties should be rational and exercise restraint” and “gradually de-escalate "
        "the situation”.\n",
        encoding="utf-8",
    )
    ws = Workspace(LibraryPaths(tmp_path / "lib", tmp_path / "lib" / "cache").ensure())
    with ws:
        ws.import_paths([str(folder)])
        (article,) = (ws.library().get(i) for i in ws.library().ids())
        assert article is not None
        quotes = ws.layers(article).quotes
        assert [q.speaker for q in quotes] == [None, None, None]
        assert [q.how for q in quotes][1:] == ["continued", "continued"]
        first = quotes[0]
        ws.correct_who(article, "quote", first.start, first.end, "China")
        layers = ws.layers(article)
        assert [q.speaker for q in layers.quotes] == ["China", "China", "China"]
        assert [q.how for q in layers.quotes] == ["corrected", "continued", "continued"]
        quoted = [
            c
            for c in layers.claims
            if any(c.start < q.end and q.start < c.end for q in layers.quotes)
        ]
        assert quoted and all(c.claimant == "China" for c in quoted), quoted
