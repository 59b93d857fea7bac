"""How a trail is told (the window, the command line and the exports share it)."""

from __future__ import annotations

from pathlib import Path

from reader.paths import LibraryPaths
from reader.trace import Attribution, SpeakerFlag, present
from reader.workspace import Workspace
from tests.test_trace import CORPUS, PEACE, _corpus


def test_the_flag_names_each_speaker_once_with_its_outlets() -> None:
    flag = SpeakerFlag(
        ("Wang Yi", "Qin Gang"),
        tuple(
            Attribution(speaker, f"{n}:0:9:{kind}", n, outlet)
            for n, (speaker, outlet) in enumerate(
                [("Wang Yi", "Reuters"), ("Wang Yi", "BBC News"), ("Qin Gang", "Global Times")]
            )
            for kind in ("quote", "claim")
        ),
    )
    assert present.who_says(flag) == (
        "Reuters and BBC News give it to Wang Yi; Global Times gives it to Qin Gang."
    )


def test_a_trail_told_plainly(tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in", CORPUS)
    where = LibraryPaths(tmp_path / "lib", tmp_path / "lib" / "cache").ensure()
    with Workspace(where) as ws:
        ws.import_paths([str(folder)])
        (cluster,) = ws.trace_text(PEACE)
        assert present.first_said(cluster) == "In 4 articles, 4 outlets. First on 2023-02-20."
        where_ = present.places(cluster)
        # one place per article, though each has a quotation and a claim over the words
        assert len(cluster.members) > 4 and len(where_) == 4
        assert [m.outlet for m in where_] == ["Reuters", "BBC News", "Global Times", "Xinhua"]
        assert all(m.kind == "quote" for m in where_)
        first = present.first_articles(cluster)
        assert {m.outlet for m in where_ if m.article_id in first} == {"Reuters"}
        bbc = next(m for m in where_ if m.outlet == "BBC News")
        assert "reach a [-comprehensive] just" in present.drift_text(cluster, bbc)
        xinhua = next(m for m in where_ if m.outlet == "Xinhua")
        assert "[-is][+stands]" in present.drift_text(cluster, xinhua)
        # a reader's selection wider than the statement finds it all the same
        reuters = where_[0]
        article = ws.library().get(reuters.article_id)
        assert article is not None
        found = present.nearest(ws.repeated_in(article.id), article.id, 0, len(article.text))
        assert found is not None and found.id == cluster.id
