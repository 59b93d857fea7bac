"""Property-based checks on arbitrary Unicode: cleaning, the analysers and the search box never
raise, and every offset they give is inside the text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.analysis import analyze
from reader.importer import import_paths
from reader.ingest import IngestError, clean, load
from reader.library import Library
from reader.search import QueryError, SearchIndex
from tests.conftest import SEEDS

#: News-like pieces, so that generated texts reach the quote, speaker and claim rules.
PIECES = [
    "“",
    "”",
    '"',
    "‘",
    "’",
    "'",
    " said ",
    " says ",
    " told ",
    " according to ",
    "Mr ",
    "President ",
    "the spokesman",
    " he ",
    " she ",
    " that ",
    "Moscow",
    "Xi",
    "NATO",
    "Kishida",
    "Wang Yi",
    "Reuters",
    ". ",
    ", ",
    "\n\n",
    "\n",
    ":",
    "🎉",
    "🇷🇺",
    "é",
    "\u200b",
    "3%",
    "£12m",
    " US ",
    " claimed ",
    " denied ",
    "—",
    "…",
    "Sign in",
    "#news",
    " ",
]
NEWSY = st.lists(
    st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=8)), max_size=60
).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=400), NEWSY)
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text=ANY_TEXT)
def test_cleaning_never_raises_and_keeps_text(text: str) -> None:
    cleaned, metadata = clean(text)
    assert isinstance(cleaned, str)
    assert metadata.title is None or isinstance(metadata.title, str)


@FAST
@given(data=st.binary(max_size=600), fmt=st.sampled_from(["text", "markdown", "html"]))
def test_loading_any_bytes_gives_an_article_or_a_reason(data: bytes, fmt: str) -> None:
    try:
        doc = load(data, fmt)
    except IngestError as exc:
        assert str(exc)
    else:
        assert doc.text.strip()


@FAST
@given(text=ANY_TEXT)
def test_analysis_offsets_are_always_inside_the_text(text: str) -> None:
    for span in analyze(text).spans():
        assert 0 <= span.start < span.end <= len(text), span
        assert span.kind in {"actor", "quote", "claim"}
        if span.kind == "claim":
            assert 0.0 <= float(span.attrs["score"]) <= 1.0


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Library, SearchIndex]]:
    root: Path = tmp_path_factory.mktemp("props")
    lib = Library(root / "library.sqlite3")
    import_paths(lib, [SEEDS])
    index = SearchIndex(root / "index")
    index.sync(lib)
    yield lib, index
    index.close()
    lib.close()


QUERY_PIECES = [
    '"',
    "(",
    ")",
    "AND",
    "OR",
    "NOT",
    "*",
    "?",
    "~",
    "^",
    ":",
    "title:",
    "date:",
    "speaker:",
    "actor:",
    "[",
    "]",
    "{",
    "}",
    " to ",
    "-",
    "+",
    "\\",
    "/",
    "2023",
    "russia",
    "UN",
    " ",
    "verdict:",
    "tag:",
    "🎉",
    "<",
    ">",
    "=",
    "'",
]
QUERIES = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(query=QUERIES)
def test_any_query_gives_results_or_a_message(
    seeded: tuple[Library, SearchIndex], query: str
) -> None:
    lib, index = seeded
    try:
        result = index.search(query, lib, limit=20)
    except QueryError as exc:
        assert str(exc)  # shown to the user in place of results
    else:
        assert result.total >= len(result.hits)
        for hit in result.hits:
            assert hit.title
