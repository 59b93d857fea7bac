"""Our matchers and scorer against Whoosh's own: the same documents, the same scores, and the
same top hits when Whoosh skips what cannot reach them."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from whoosh import index as whoosh_index
from whoosh import query as wq

from reader.importer import import_paths
from reader.library import Library
from reader.paths import LibraryPaths
from reader.search import SearchIndex
from reader.search.matching import Bm25, _AdjacentPhrase

WORDS = [
    "interest",
    "rates",
    "rise",
    "the",
    "bank",
    "said",
    "rates",
    "interest",
    "cut",
    "prime",
    "minister",
]
# as the index holds them (stemmed)
PHRASES = [
    ["interest", "rate"],
    ["rate", "interest"],
    ["the", "the"],
    ["bank", "said", "rate"],
    ["prime", "minist"],
    ["interest", "rate", "interest"],
    ["absent", "rate"],
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> LibraryPaths:
    """A text index of 500 articles made of few words (so that phrases stand both together
    and apart), in two segments, the first with deleted documents (articles changed since);
    made once for the module, which only reads it."""
    from reader import paths

    root = tmp_path_factory.mktemp("matching")
    where = paths.resolve(root / "library").ensure()
    rng = random.Random(11)
    folder = root / "wire"
    folder.mkdir()

    def write(n: int) -> None:
        title = " ".join(rng.choices(WORDS, k=rng.randint(2, 6)))
        body = " ".join(rng.choices(WORDS + ["filler"] * 6, k=rng.randint(3, 300)))
        (folder / f"a{n:03}.txt").write_text(f"{title}\n\n{body}.", encoding="utf-8")

    for n in range(500):
        write(n)
    with Library(where.library_db) as lib:
        import_paths(lib, [folder])
        index = SearchIndex(where.index_dir)
        index.sync(lib)
        for n in range(0, 500, 7):
            write(n)
        import_paths(lib, [folder])
        assert index.sync(lib).updated > 50
        index.close()
    return where


@pytest.fixture
def index_dir(built: LibraryPaths) -> Path:
    return built.index_dir


def _scores(searcher: Any, q: wq.Query) -> dict[int, float]:
    return {hit.docnum: hit.score for hit in searcher.search(q, limit=None)}


def test_adjacent_phrases_match_and_score_as_whoosh_phrases(index_dir: Path) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as s:
        assert len(s.leaf_searchers()) == 2 and s.reader().has_deletions()
        for words in PHRASES:
            for field in ("title", "body"):
                stock = _scores(s, wq.Phrase(field, words))
                ours = _scores(s, _AdjacentPhrase(field, words))
                assert ours.keys() == stock.keys(), (field, words)
                assert ours == pytest.approx(stock), (field, words)
        assert _scores(s, wq.Phrase("body", ["interest", "rate"]))  # not vacuous
        assert _scores(s, wq.Phrase("body", ["bank", "said", "rate"]))
        # a boost and a phrase with slop are honoured (the latter by Whoosh's matcher)
        boosted = _scores(s, _AdjacentPhrase("body", ["interest", "rate"], boost=2.0))
        plain = _scores(s, wq.Phrase("body", ["interest", "rate"]))
        assert boosted == pytest.approx({d: 2 * v for d, v in plain.items()})
        loose = _AdjacentPhrase("body", ["interest", "rise"], slop=3)
        assert _scores(s, loose) == _scores(s, wq.Phrase("body", ["interest", "rise"], slop=3))
        # articles with both words, apart
        together = set(_scores(s, _AdjacentPhrase("body", ["interest", "rate"])))
        apart = set(_scores(s, wq.And([wq.Term("body", "interest"), wq.Term("body", "rate")])))
        assert together < apart


def test_pruned_top_phrase_hits_are_the_best_of_all(index_dir: Path) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    with ix.searcher() as s:
        for words in PHRASES[:2] + PHRASES[3:5]:
            q = wq.Or([_AdjacentPhrase("title", words, boost=2.0), _AdjacentPhrase("body", words)])
            every = sorted(_scores(s, q).values(), reverse=True)
            for limit in (1, 5, 20):
                top = [hit.score for hit in s.search(q, limit=limit)]
                assert top == pytest.approx(every[:limit]), (words, limit)


def test_bm25_reads_field_lengths_once_and_scores_as_whoosh(index_dir: Path) -> None:
    ix = whoosh_index.open_dir(str(index_dir))
    queries = [
        wq.Term("body", "rate"),
        wq.Or([wq.Term("title", "bank"), wq.Term("body", "bank")]),
        wq.And([wq.Term("body", "prime"), wq.Term("body", "cut")]),
        _AdjacentPhrase("body", ["prime", "minist"]),
    ]
    with ix.searcher() as stock, ix.searcher(weighting=Bm25()) as ours:
        for q in queries:
            expected = _scores(stock, q)
            assert expected and _scores(ours, q) == pytest.approx(expected, rel=1e-12), q
            assert [h.docnum for h in ours.search(q, limit=10)] == [
                h.docnum for h in stock.search(q, limit=10)
            ]


def test_a_phrase_search_finds_the_articles_where_the_words_stand_together(
    built: LibraryPaths,
) -> None:
    with Library(built.library_db) as lib:
        index = SearchIndex(built.index_dir)
        found = index.search('"prime minister"', lib, limit=None, with_snippets=False)
        texts = lib.texts([h.article_id for h in found.hits])
        assert found.total == len(found.hits) > 0
        # in the title or in the text (which does not repeat the title)
        assert all("prime minister" in f"{h.title}\n{texts[h.article_id]}" for h in found.hits)
        assert any("prime minister" not in h.title for h in found.hits)
        index.close()
