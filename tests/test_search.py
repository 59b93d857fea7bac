"""The Whoosh index on real files: syntax, stemming, incremental updates, self-repair."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest

from reader.importer import import_paths
from reader.library import Library
from reader.model import SearchHit
from reader.paths import LibraryPaths
from reader.search import QueryError, SearchIndex, find_terms
from tests.conftest import SEEDS


def bold(hit: SearchHit) -> str:
    """The snippet as the result list renders it."""
    return hit.snippet.marked("<b>", "</b>", html.escape)


@pytest.fixture
def stores(where: LibraryPaths):  # type: ignore[no-untyped-def]
    lib = Library(where.library_db)
    import_paths(lib, [SEEDS])
    index = SearchIndex(where.index_dir)
    report = index.sync(lib)
    assert report.added == 5
    yield lib, index
    index.close()
    lib.close()


def _titles(index: SearchIndex, lib: Library, q: str) -> list[str]:
    return [h.title for h in index.search(q, lib).hits]


def test_stemming_finds_other_forms(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    result = index.search("sanction", lib)
    assert result.total == 2
    assert result.terms == ["sanction"]
    assert all("<b>sanctions</b>" in bold(h) for h in result.hits)


def test_later_snippets_are_made_on_demand_and_match_the_first_ones(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    full = index.search("said", lib)
    lazy = index.search("said", lib, snippets=2)
    assert [h.article_id for h in lazy.hits] == [h.article_id for h in full.hits]
    assert [h.snippet_pending for h in lazy.hits] == [False, False] + [True] * (len(full.hits) - 2)
    assert all(not h.snippet for h in lazy.hits[2:])
    filled = index.snippets(lib, lazy.hits[2:], lazy.terms)
    assert not any(h.snippet_pending for h in filled)
    assert all("<b>said</b>" in bold(h) for h in filled)
    # a phrase is marked where it stands, and the text around it is escaped
    phrase = index.search('"State Department"', lib, snippets=0)
    (hit,) = index.snippets(lib, phrase.hits[:1], phrase.terms)
    assert "<b>State</b>" in bold(hit) and "<b>Department</b>" in bold(hit)


def test_phrases_fields_boolean_dates_wildcards_fuzzy(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    assert _titles(index, lib, '"wrong side of history"') == [
        "Chinese President Xi backs Russian ‘sovereignty’ in call with Putin amid war in Ukraine"
    ]
    assert len(_titles(index, lib, "source:reuters")) == 1
    assert len(_titles(index, lib, 'source:"bbc news"')) == 1
    assert len(_titles(index, lib, "byline:moloney")) == 1
    assert _titles(index, lib, "date:2023") == [
        "Wang Yi-Putin Meeting Strengthens China-Russia Ties"
    ]
    assert _titles(index, lib, "date:2023-10-28") == _titles(index, lib, "date:2023")
    assert index.search("kishida OR nebenzya", lib).total == 2
    assert index.search("putin NOT kishida", lib).total == index.search("putin", lib).total - 1
    assert index.search("title:ukraine", lib).total == 4
    assert index.search("matryosh*", lib).total == 0  # a caption, cleaned away
    assert index.search("nebenz*", lib).total == 1
    fuzzy = index.search("nebenzia~", lib)
    assert fuzzy.total == 1 and fuzzy.terms == ["nebenzya"]
    assert index.search("US", lib).total == 4  # no stop list: "US" is a word people search


def test_snippets_escape_article_text(where: LibraryPaths, tmp_path: Path) -> None:
    f = tmp_path / "x.txt"
    f.write_text(
        "Markup test\n\nThe <script>alert(1)</script> tag & friends were found in a "
        "report about markup on Tuesday, officials said."
    )
    with Library(where.library_db) as lib:
        import_paths(lib, [f])
        index = SearchIndex(where.index_dir)
        index.sync(lib)
        (hit,) = index.search("report", lib).hits
        index.close()
    assert "<script>" in hit.snippet.text  # plain text: the front end escapes it
    assert "<script>" not in bold(hit) and "&lt;script&gt;" in bold(hit)
    assert "<b>report</b>" in bold(hit)


@pytest.mark.parametrize(
    ("query", "advice"),
    [
        ("", "Type words"),
        ("date:someday", "date:2023"),
        ('"', "Unclosed quote"),
        ('date:""', "Could not run this query"),  # Whoosh fails inside; the index is fine
    ],
)
def test_malformed_queries_give_advice(stores, query: str, advice: str) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    with pytest.raises(QueryError, match=advice.replace("/", ".").replace("(", ".")):
        index.search(query, lib)


def test_recoverable_query_problems_search_and_say_so(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    result = index.search('"wrong side', lib)
    assert result.total >= 1 and "Unclosed quote" in (result.message or "")
    result = index.search("putin AND", lib)
    assert "AND / OR need a word on each side" in (result.message or "")
    # an unclosed parenthesis is closed, the dangling operator left out: not a search for "and"
    result = index.search("(putin AND", lib)
    assert result.total == index.search("putin", lib).total
    assert "Unbalanced parentheses" in (result.message or "") and "and" not in result.terms
    assert (
        index.search("putin) AND russia", lib).total == index.search("putin AND russia", lib).total
    )
    result = index.search("title: putin", lib)
    assert "title: needs a value" in (result.message or "")
    result = index.search("speakr:putin", lib)
    assert "Unknown field 'speakr'" in (result.message or "")
    # a kept prefix longer than the word ("0~/2") crashed Whoosh; it means the whole word
    assert index.search("putin~/9", lib).total == index.search("putin", lib).total
    result = index.search("nebenzia~7", lib)
    assert result.total == 1 and "at most 2 edits" in (result.message or "")


def test_incremental_update_and_removal(where: LibraryPaths, tmp_path: Path) -> None:
    f = tmp_path / "story.txt"
    f.write_text(
        "Council story\n\nThe council approved the zebra crossing on Tuesday after a long debate."
    )
    with Library(where.library_db) as lib:
        (entry,) = import_paths(lib, [f]).entries
        index = SearchIndex(where.index_dir)
        index.sync(lib)
        assert index.search("zebra", lib).total == 1
        assert not index.sync(lib).changed  # an unchanged library re-indexes nothing
        f.write_text(
            "Council story\n\nThe council approved the giraffe crossing on Tuesday after a long debate."
        )
        import os

        os.utime(f, ns=(5, 5))
        import_paths(lib, [f])
        report = index.sync(lib)
        assert (report.added, report.updated, report.removed) == (0, 1, 0)
        assert index.search("zebra", lib).total == 0
        assert index.search("giraffe", lib).total == 1
        assert entry.article_id is not None
        lib.remove(entry.article_id)
        assert index.sync(lib).removed == 1
        assert index.search("giraffe", lib).total == 0
        assert not index.sync(lib).changed
        index.close()


def test_missing_or_corrupt_index_is_rebuilt_with_a_message(stores, where: LibraryPaths) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    index.close()
    for f in where.index_dir.iterdir():
        if f.suffix in (".toc", ".seg") or f.name.startswith("MAIN"):
            f.write_bytes(b"garbage")
    damaged = SearchIndex(where.index_dir)
    assert not damaged.usable
    report = damaged.sync(lib)
    assert report.rebuilt and report.added == 5
    assert "rebuilt" in (report.message or "")
    assert damaged.search("sanction", lib).total == 2
    damaged.close()

    import shutil

    shutil.rmtree(where.index_dir)
    fresh = SearchIndex(where.index_dir)
    report = fresh.sync(lib)
    assert report.rebuilt and report.added == 5 and report.message is None
    fresh.close()


def test_phrases_highlight_as_a_whole(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    result = index.search('"no other option" OR sovereignty', lib)
    assert result.terms == ["no other option", "sovereignti"]
    text = "There was no option: no other option, said the minister, defending Sovereignty."
    assert [text[s:e] for s, e in find_terms(text, result.terms)] == [
        "no other option",
        "Sovereignty",
    ]


def test_find_terms_offsets_are_code_points() -> None:
    text = "🎉 “Sanctions” hit 😀 sanctioned firms; SANCTION!"
    spans = find_terms(text, ["sanction"])
    assert [text[s:e] for s, e in spans] == ["Sanctions", "sanctioned", "SANCTION"]


def test_actor_field_finds_every_name_an_actor_goes_by(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    by_actor = _titles(index, lib, 'actor:"NATO"')
    assert len(by_actor) >= 3  # "NATO" in some seeds, "Nato" in another
    assert _titles(index, lib, "actor:kishida") == _titles(index, lib, 'actor:"Fumio Kishida"')


def test_speaker_search_lists_quotes_with_their_place(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    result = index.search('speaker:"Vassily Nebenzya"', lib)
    assert result.hits and all(h.speaker == "Vassily Nebenzya" for h in result.hits)
    for hit in result.hits:
        text = lib.get(hit.article_id).text
        quote = text[hit.quote_start : hit.quote_end]
        assert quote and hit.snippet.text[:10] in quote
    narrowed = index.search('speaker:"Vassily Nebenzya" option', lib)
    assert [bold(h) for h in narrowed.hits] == ["no other <b>option</b>"]
    # a plain search lists articles, never the quote documents
    plain = index.search("option", lib)
    assert all(h.speaker is None for h in plain.hits)
    assert len({h.article_id for h in plain.hits}) == len(plain.hits)


def test_facets_count_actors_and_sources_per_article(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    result = index.search("ukraine", lib)
    actors = dict(result.facets["actor"])
    assert actors["Ukraine"] == result.total
    assert sum(dict(result.facets["source"]).values()) <= result.total
    assert result.facets["actor"] == sorted(result.facets["actor"], key=lambda kv: (-kv[1], kv[0]))


def test_only_the_best_are_scored_and_a_large_total_is_estimated(stores, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reader.search

    lib, index = stores
    exact = index.search("said", lib, limit=None)
    assert not exact.total_is_estimate and exact.total == len(exact.hits) >= 3
    top = index.search("said", lib, limit=2)
    assert len(top.hits) == 2 and top.total == exact.total and not top.total_is_estimate
    monkeypatch.setattr(reader.search, "COUNT_QUOTA", 0)  # count no sample one by one
    counted = index.search("said", lib, limit=2)  # few matches: counted while scored
    assert counted.total == exact.total and not counted.total_is_estimate
    monkeypatch.setattr(reader.search, "COUNT_WHILE_SCORING", 0)  # as if "said" were everywhere
    rough = index.search("said", lib, limit=2)
    assert rough.total_is_estimate and rough.total >= 2
    assert [h.article_id for h in rough.hits] == [h.article_id for h in top.hits]
    assert [h.article_id for h in counted.hits] == [h.article_id for h in top.hits]


def test_facets_of_many_matches_come_from_a_sample_and_say_so(stores, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import reader.search

    lib, index = stores
    exact = index.facets("said", lib)
    assert not exact.estimated and exact.sample == index.search("said", lib).total
    assert dict(exact["source"]) and sum(dict(exact["source"]).values()) <= exact.sample
    monkeypatch.setattr(reader.search, "FACET_QUOTA", 0)
    sampled = index.facets("said", lib)
    assert sampled.estimated


def test_actor_and_speaker_searches_say_how_much_is_analysed(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    assert index.search('actor:"NATO"', lib).partial is None
    nato = {h.article_id for h in index.search('actor:"NATO"', lib).hits}
    lib.drop_analysis([min(nato)])  # as if it were still being analysed
    result = index.search('actor:"NATO"', lib)
    assert {h.article_id for h in result.hits} == nato - {min(nato)}
    assert result.partial is not None and "4 of 5 articles" in result.partial
    assert "4 of 5" in (index.search("speaker:putin", lib).partial or "")
    assert index.search("nato", lib).partial is None  # the text is all searchable


def test_speaker_queries_read_the_quotations_words(stores) -> None:  # type: ignore[no-untyped-def]
    lib, index = stores
    every = index.search('speaker:"Vassily Nebenzya"', lib)
    without = index.search('speaker:"Vassily Nebenzya" NOT option', lib)
    assert len(without.hits) == len(every.hits) - 1
    assert all("option" not in h.snippet.text for h in without.hits)
    either = index.search('speaker:"Vassily Nebenzya" (option OR zzyzx)', lib)
    assert [bold(h) for h in either.hits] == ["no other <b>option</b>"]
    assert index.search('speaker:"Vassily Nebenzya" title:option', lib).total == 0
    assert index.search("speaker:nebenz* option", lib).total == 1  # a prefix of a name
    assert index.search("speaker:nebenzia~", lib).total == every.total  # fuzzy


def test_snippets_are_the_ones_whoosh_highlighter_makes(stores) -> None:  # type: ignore[no-untyped-def]
    from whoosh import highlight
    from whoosh.analysis import StemmingAnalyzer

    from reader.search import _analyzer, _near_words, _snippet

    class Bold(highlight.Formatter):  # type: ignore[misc]
        """Whoosh's fragments as the result list shows ours: hits bold, text escaped."""

        between = " … "

        def format_token(self, text: str, token: Any, replace: bool = False) -> str:
            return "<b>" + html.escape(highlight.get_text(text, token, replace)) + "</b>"

        def format_fragment(self, fragment: Any, replace: bool = False) -> str:
            out, at = [], fragment.startchar
            for t in fragment.matches:
                if t.startchar < at:
                    continue
                out.append(html.escape(fragment.text[at : t.startchar]))
                out.append(self.format_token(fragment.text, t, replace))
                at = t.endchar
            out.append(html.escape(fragment.text[at : fragment.endchar]))
            return " ".join("".join(out).split())

    lib, _index = stores
    texts = [lib.get(i).text for i in lib.ids()]  # type: ignore[union-attr]
    fragmenter = highlight.ContextFragmenter(maxchars=220, surround=60)
    for words in (["said"], ["putin", "xi"], ["china", "s"], ["u.s", "sanction"], ["the"]):
        terms = frozenset(words)
        for text in texts:
            whoosh = highlight.highlight(
                text,
                terms,
                StemmingAnalyzer(stoplist=None, minsize=1),
                fragmenter,
                Bold(),
                top=2,
            )
            ours = _snippet(text, terms, _near_words(terms))
            assert ours.marked("<b>", "</b>", html.escape) == whoosh, words
            assert all(w.lower() == w.lower().strip() and w for w in ours.hit_words())
        # the index's analyser makes Whoosh's StemmingAnalyzer's words, in one pass
        for text in texts:
            for how in ({}, {"positions": True, "chars": True}, {"mode": "query"}):
                ours = [_token(t) for t in _analyzer()(text, **how)]
                whoosh_ = StemmingAnalyzer(stoplist=None, minsize=1)(text, **how)
                assert ours == [_token(t) for t in whoosh_]


def _token(t: object) -> tuple[object, ...]:
    return tuple(getattr(t, k, None) for k in ("text", "pos", "startchar", "endchar", "boost"))


def test_snippets_are_plain_text_with_hit_offsets_in_code_points() -> None:
    from reader.model import Snippet
    from reader.search import _near_words, _snippet

    text = "Intro 🙂🙂  “Sanctions”\n\n  were   imposed.  Later,\tmore 😀 sanctions  followed…"
    terms = frozenset({"sanction"})
    snippet = _snippet(text, terms, _near_words(terms))
    assert snippet.text == "Intro 🙂🙂 “Sanctions” were imposed. Later, more 😀 sanctions followed"
    assert snippet.hit_words() == ["Sanctions", "sanctions"]
    assert snippet.marked("[", "]") == (
        "Intro 🙂🙂 “[Sanctions]” were imposed. Later, more 😀 [sanctions] followed"
    )
    assert Snippet.whole("a <i>").marked("<b>", "</b>", html.escape) == "<b>a &lt;i&gt;</b>"
    assert not Snippet() and not Snippet.whole("").hits


def test_facets_after_a_search_reuse_its_matches_and_never_a_stale_index(  # type: ignore[no-untyped-def]
    stores, where: LibraryPaths, tmp_path: Path
) -> None:
    import reader.search

    lib, index = stores
    reader.search._MATCHED[0] = None
    alone = index.facets("said", lib)  # walked on its own
    index.search("said", lib, limit=2)  # counted while scored: its matches are kept
    assert reader.search._MATCHED[0] is not None
    other = SearchIndex(where.index_dir)  # as the window's facet job, on another thread
    reused = other.facets("said", lib)
    assert dict(reused["source"]) == dict(alone["source"]) and reused.sample == alone.sample
    assert dict(reused["actor"]) == dict(alone["actor"])
    # a new article: a new index generation, so the kept matches no longer apply
    extra = tmp_path / "more" / "extra.md"
    extra.parent.mkdir()
    extra.write_text("---\ntitle: Extra\nsource: Extra News\n---\nThe minister said no 😊.\n")
    import_paths(lib, [extra.parent])
    other.sync(lib)
    after = other.facets("said", lib)
    assert after.sample == alone.sample + 1 and ("Extra News", 1) in after["source"]
    other.close()


def test_a_weighted_list_of_articles_keeps_its_largest_weight_and_its_place() -> None:
    # the matcher behind actor: and date: terms: Whoosh asks a union or an intersection for
    # its quality again and again; the largest weight is known once, and a copy keeps its place
    from reader.search.matching import _WeightedList

    m = _WeightedList([2, 5, 9, 14], [1.0, 3.5, 1.0, 2.0])
    assert m.block_max_weight() == 3.5 and m.max_quality() == 3.5
    m.skip_to(9)
    twin = m.copy()
    assert (twin.id(), twin.weight(), twin.block_max_weight()) == (9, 1.0, 3.5)
    twin.next()
    assert m.id() == 9 and twin.id() == 14  # the copy moves on its own
    assert list(m.all_ids()) == [2, 5, 9, 14]


def test_a_search_before_anything_is_indexed_finds_nothing_and_says_so(
    where: LibraryPaths,
) -> None:
    # the window's first run imports the sample corpus in the background: a search typed
    # before its first article is indexed met an empty index ("'NoneType' object has no
    # attribute 'segment_id'")
    lib = Library(where.library_db)
    index = SearchIndex(where.index_dir)
    try:
        assert index.sync(lib).added == 0
        for query in ("said", "econom*", "actor:Japan", "said actor:Japan", 'speaker:"Xi"'):
            result = index.search(query, lib, limit=20)
            assert (result.total, result.hits) == (0, []), query
        assert index.facets("said", lib).sample == 0
        import_paths(lib, [SEEDS])  # and once the import has indexed, the same index finds
        assert index.sync(lib).added == 5
        assert index.search("said", lib, limit=20).total > 0
    finally:
        index.close()
        lib.close()


def test_a_prefix_ranks_by_its_best_word_and_pruning_keeps_the_top(  # type: ignore[no-untyped-def]
    where: LibraryPaths, tmp_path: Path, monkeypatch
) -> None:
    import random

    import reader.search

    words = ["economy", "economic", "economist", "economies", "economical"]
    rng = random.Random(7)
    folder = tmp_path / "many"
    folder.mkdir()
    filler = [
        "the",
        "council",
        "met",
        "on",
        "a",
        "quiet",
        "morning",
        "and",
        "talked",
        "at",
        "length",
        "about",
        "roads",
    ]
    for n in range(600):
        picked = [w for w in words if rng.random() < 0.3] or [rng.choice(words)]
        body = [w for w in picked for _ in range(rng.choice([1, 1, 1, 2, 5]))]
        body += rng.choices(filler, k=rng.randint(5, 200))
        rng.shuffle(body)
        (folder / f"a{n:03}.txt").write_text(f"Report {n}\n\n{' '.join(body)}.", encoding="utf-8")
    # one article about an economist (the word twice), one that names three words once each:
    # by how many times the words stand, the second came first
    (folder / "focused.txt").write_text(
        "Notes\n\nThe economist wrote; the economist spoke at the council on roads.", "utf-8"
    )
    (folder / "scattered.txt").write_text(
        "Memo\n\nAn economist said economic ties help economies and the roads.", "utf-8"
    )
    with Library(where.library_db) as lib:
        import_paths(lib, [folder])
        index = SearchIndex(where.index_dir)
        index.sync(lib)
        every = index.search("econom*", lib, limit=None, with_snippets=False)
        assert every.total == 602
        score = {h.title: h.score for h in every.hits}
        assert score["focused"] > score["scattered"]  # every match weighed the same, before
        ranked = [h.title for h in every.hits]
        assert ranked.index("focused") < ranked.index("scattered")
        monkeypatch.setattr(reader.search, "COUNT_WHILE_SCORING", 0)  # as at 200,000 articles
        for limit in (1, 5, 20, 50):
            top = index.search("econom*", lib, limit=limit, with_snippets=False)
            # the hits Whoosh keeps while it skips postings are the best of all the matches
            assert [round(h.score, 9) for h in top.hits] == [
                round(h.score, 9) for h in every.hits[:limit]
            ]
        index.close()


def test_squeezing_white_space_moves_the_hit_spans_with_it() -> None:
    import random
    import re

    from reader.search import _squeeze

    def slow(text: str, spans: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
        where, out, space = [0] * (len(text) + 1), "", True
        for n, ch in enumerate(text):
            if ch.isspace():
                where[n], space = len(out), True
                continue
            if space and out:
                out += " "
            space, where[n] = False, len(out)
            out += ch
        where[len(text)] = len(out)
        return out, [(where[a], where[b]) for a, b in spans]

    rng = random.Random(5)
    pieces = ["word", "Xi", "🎉", "“quote”", " ", "  ", "\n\n", "\t", "\u00a0", "\u2003 "]
    for _ in range(300):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 30)))
        spans = [m.span() for m in re.finditer(r"\S+", text) if rng.random() < 0.5]
        assert _squeeze(text, spans) == slow(text, spans), repr(text)
