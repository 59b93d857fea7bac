"""Statement tracing on a real library: articles written to disk, imported and analysed by the
real importer, clustered into the library's own SQLite file."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from reader import trace
from reader.importer import import_paths
from reader.library import _MIGRATIONS, SCHEMA_VERSION, Library
from reader.trace import engine
from reader.trace import text as T
from reader.trace.store import TRACE_VERSION, TraceStore

PEACE = (
    "China is ready to work with all parties to reach a comprehensive, just and lasting peace"
    " in Ukraine as soon as possible"
)
WITHOUT_COMPREHENSIVE = PEACE.replace("a comprehensive, just", "a just")
STANDS_READY = PEACE.replace("China is ready", "China stands ready")

CORPUS = {
    # the first to report it, with Wang Yi as the speaker
    "a-reuters.md": (
        "China offers to help end Ukraine war",
        "Reuters",
        "2023-02-20",
        "BEIJING - China's top diplomat Wang Yi met Russian Foreign Minister Sergei Lavrov in"
        " Moscow on Monday, as the Kremlin welcomed Beijing's peace proposal.\n\n"
        f'"{PEACE}," Wang Yi said after the talks.\n\n'
        'Lavrov said Russia valued the proposal. "We will see," he said.',
    ),
    # a day later, one word dropped
    "b-bbc.md": (
        "Wang Yi in Moscow for talks with Lavrov",
        "BBC News",
        "2023-02-21",
        "China's foreign policy chief Wang Yi has held talks with Sergei Lavrov in Moscow, with"
        " the Kremlin saying relations were strong.\n\n"
        f'"{WITHOUT_COMPREHENSIVE}," Wang Yi said.\n\n'
        'Lavrov said Russia was open to talks. "We will see," he said.',
    ),
    # two days later, curly quotes, an ellipsis, and the words given to someone else
    "c-global-times.md": (
        "Beijing pushes peace plan",
        "Global Times",
        "2023-02-22",
        "Chinese Foreign Minister Qin Gang, speaking after Wang Yi met Sergei Lavrov in Moscow,"
        " said the Kremlin had welcomed the plan.\n\n"
        f"“{PEACE}…” Qin Gang said.",
    ),
    # no date, one word changed
    "d-xinhua.md": (
        "Wang Yi meets Lavrov",
        "Xinhua",
        None,
        "Wang Yi held talks with Sergei Lavrov in Moscow, and the Kremlin said the two sides had"
        " agreed to keep in close touch.\n\n"
        f'"{STANDS_READY}," Wang Yi said.',
    ),
}


def _write(
    folder: Path, name: str, title: str, source: str | None, date: str | None, body: str
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    front = [f"title: {title}"]
    if source:
        front.append(f"source: {source}")
    if date:
        front.append(f"date: {date}")
    path = folder / name
    path.write_text("---\n" + "\n".join(front) + "\n---\n" + body + "\n", encoding="utf-8")
    return path


def _corpus(folder: Path, articles: dict[str, tuple[str, str | None, str | None, str]]) -> Path:
    for name, (title, source, date, body) in articles.items():
        _write(folder, name, title, source, date, body)
    return folder


@pytest.fixture
def library(tmp_path: Path):
    with Library(tmp_path / "lib" / "library.sqlite3") as lib:
        yield lib


def _ids(library: Library) -> dict[str, int]:
    """Article id by file name."""
    return {Path(r["path"]).name: i for i, r in library.summaries().items()}


def _span(library: Library, article_id: int, words: str, kind: str = "quote") -> tuple[int, int]:
    """The span of the analyser's ``kind`` statement in the article that contains ``words``."""
    article = library.get(article_id)
    spans = library.cached_spans(article_id)
    assert article is not None and spans is not None
    for s in spans:
        if s.kind == kind and words in article.text[s.start : s.end]:
            return s.start, s.end
    raise AssertionError(f"no {kind} with {words!r} in article {article_id}")


def _peace(library: Library) -> trace.Cluster:
    a = _ids(library)["a-reuters.md"]
    cluster = trace.cluster_of(library, a, *_span(library, a, "lasting peace"))
    assert cluster is not None
    return cluster


def _partition(library: Library) -> set[frozenset[str]]:
    """Every cluster of two or more statements, as sets of statement keys."""
    rows = library.connection.execute(
        'SELECT cluster, article_id, start, "end", kind FROM trace_statements'
    ).fetchall()
    groups: dict[int, set[str]] = {}
    for cluster, *key in rows:
        groups.setdefault(cluster, set()).add(":".join(map(str, key)))
    return {frozenset(g) for g in groups.values() if len(g) > 1}


# -- the cluster, as a fact-checker reads it -------------------------------------------------------
def test_same_quote_across_outlets_first_appearance_drift_and_speaker_flag(
    tmp_path: Path, library: Library
) -> None:
    import_paths(library, [_corpus(tmp_path / "corpus", CORPUS)])
    report = trace.build(library)
    assert report.rebuilt and not report.cancelled
    ids = _ids(library)
    cluster = _peace(library)

    # every outlet's version is in it, once per article (the quotation and the claim it makes)
    assert set(cluster.articles) == set(ids.values())
    assert cluster.n_outlets == 4
    assert [m.date for m in cluster.members][:6] == ["2023-02-20"] * 2 + ["2023-02-21"] * 2 + [
        "2023-02-22"
    ] * 2
    assert cluster.members[-1].date is None and cluster.members[-1].outlet == "Xinhua"

    # first appearance: the Reuters article, the only one on the earliest date
    assert cluster.first.status == "earliest"
    assert cluster.first.date == "2023-02-20"
    assert {k.split(":")[0] for k in cluster.first.keys} == {str(ids["a-reuters.md"])}
    assert cluster.first.undated == 2
    assert cluster.member(cluster.reference).article_id == ids["a-reuters.md"]  # type: ignore[union-attr]

    # drift against the first wording
    drift = {cluster.member(d.key).article_id: d for d in cluster.drift}  # type: ignore[union-attr]
    assert not drift[ids["a-reuters.md"]].changed
    assert not drift[ids["c-global-times.md"]].changed  # curly quotes and "…" are no change
    bbc = [r for r in drift[ids["b-bbc.md"]].runs if r.op != "equal"]
    assert [(r.op, r.words) for r in bbc] == [("delete", ("comprehensive",))]
    xinhua = [r for r in drift[ids["d-xinhua.md"]].runs if r.op != "equal"]
    assert [(r.op, r.words, r.was) for r in xinhua] == [("replace", ("stands",), ("is",))]
    assert drift[ids["b-bbc.md"]].runs[0] == trace.DriftRun(
        "equal", tuple(T.words("China is ready to work with all parties to reach a"))
    )

    # the same words given to two people, and which outlet says which
    flag = cluster.speaker_flag
    assert flag is not None
    assert flag.speakers == ("Wang Yi", "Qin Gang")
    said = {(a.speaker, a.outlet) for a in flag.attributions}
    assert ("Qin Gang", "Global Times") in said and ("Wang Yi", "Reuters") in said
    assert {a.article_id for a in flag.attributions if a.speaker == "Qin Gang"} == {
        ids["c-global-times.md"]
    }


def test_ties_and_missing_dates_are_said_plainly(tmp_path: Path, library: Library) -> None:
    quote = "We have agreed to double the grain corridor and to keep every port open this winter"
    other = "Ships leaving Odesa will be inspected once, in Istanbul, and no longer twice"
    people = "Ukrainian minister Oleksandr Kubrakov met Turkish officials from Ankara in Istanbul."
    corpus = {
        "tie-1.md": (
            "Grain deal extended",
            "Reuters",
            "2023-03-01",
            f'{people}\n\n"{quote}," Kubrakov said.',
        ),
        "tie-2.md": (
            "Grain corridor doubled",
            "AP",
            "2023-03-01",
            f'{people}\n\n"{quote}," Kubrakov said.',
        ),
        "tie-3.md": (
            "Grain corridor: what next",
            "AFP",
            "2023-03-04",
            f'{people}\n\n"{quote}," Kubrakov said.',
        ),
        "undated-1.md": ("Ports", None, None, f'{people}\n\n"{other}," Kubrakov said.'),
        "undated-2.md": ("Ports again", None, None, f'{people}\n\n"{other}," Kubrakov said.'),
    }
    import_paths(library, [_corpus(tmp_path / "corpus", corpus)])
    trace.build(library)
    ids = _ids(library)
    tied = trace.cluster_of(
        library, ids["tie-3.md"], *_span(library, ids["tie-3.md"], "grain corridor")
    )
    assert tied is not None and tied.n_articles == 3
    assert tied.first.status == "tied" and tied.first.date == "2023-03-01"
    assert {int(k.split(":")[0]) for k in tied.first.keys} == {ids["tie-1.md"], ids["tie-2.md"]}
    assert tied.first.undated == 0

    undated = trace.cluster_of(
        library, ids["undated-1.md"], *_span(library, ids["undated-1.md"], "Odesa")
    )
    assert undated is not None and undated.n_articles == 2
    assert undated.first.status == "undated" and undated.first.date is None
    assert undated.first.keys == () and undated.first.undated == undated.size


# -- what must not be linked -----------------------------------------------------------------------
def test_short_statements_are_not_clustered(tmp_path: Path, library: Library) -> None:
    import_paths(library, [_corpus(tmp_path / "corpus", CORPUS)])
    trace.build(library)
    ids = _ids(library)
    for name in ("a-reuters.md", "b-bbc.md"):
        c = trace.cluster_of(library, ids[name], *_span(library, ids[name], "We will see"))
        assert c is not None
        assert c.n_articles == 1, "a stock phrase in two articles is not one statement"
    assert trace.find(library, "we will see") == [] or all(
        c.n_articles == 1 for c in trace.find(library, "we will see")
    )


def test_identical_sentence_in_unrelated_articles_is_a_formula(
    tmp_path: Path, library: Library
) -> None:
    formula = (
        '"Proceeds of the offering will be used for general corporate purposes'
        ' and to repay bank debt," a company spokesman said.'
    )
    acme = "Acme Widgets Inc chief executive John Carver filed with the regulator on Monday."
    zenith = "Zenith Foods Corp finance director Mary Olsen announced the sale on Tuesday."
    corpus = {
        "acme.md": ("Acme files offering", None, None, f"{acme}\n\n{formula}"),
        "zenith.md": ("Zenith sells notes", None, None, f"{zenith}\n\n{formula}"),
        # the same story again (a repeat with a new headline): the same people, so the same words
        "acme-again.md": ("Acme offering filed", None, None, f"{acme}\n\n{formula}"),
    }
    import_paths(library, [_corpus(tmp_path / "corpus", corpus)])
    trace.build(library)
    ids = _ids(library)
    c = trace.cluster_of(library, ids["acme.md"], *_span(library, ids["acme.md"], "Proceeds"))
    assert c is not None
    assert set(c.articles) == {ids["acme.md"], ids["acme-again.md"]}
    assert c.speaker_flag is None  # "a company spokesman" names nobody


# -- marks, emoji, spacing ---------------------------------------------------------------------------
def test_emoji_and_curly_quotes_are_the_same_wording(tmp_path: Path, library: Library) -> None:
    people = (
        "Mayor Anne Hidalgo spoke in Paris with Olympic organiser Tony Estanguet of Paris 2024."
    )
    corpus = {
        "straight.md": (
            "Games ready",
            "Le Monde",
            "2024-07-01",
            f'{people}\n\n"Paris is ready to welcome the whole world for the Games this summer," Hidalgo said.',
        ),
        "curly.md": (
            "Paris ready",
            "France 24",
            "2024-07-02",
            f"{people}\n\n“Paris is   ready to welcome the WHOLE world 🌍🎉 for the Games this summer!” Hidalgo said.",
        ),
        "guillemets.md": (
            "Prête",
            "AFP",
            "2024-07-03",
            f"{people}\n\n« Paris is ready to welcome the whole world for the Games this summer… » Hidalgo said.",
        ),
    }
    import_paths(library, [_corpus(tmp_path / "corpus", corpus)])
    trace.build(library)
    ids = _ids(library)
    c = trace.cluster_of(library, ids["curly.md"], *_span(library, ids["curly.md"], "welcome"))
    assert c is not None
    assert set(c.articles) == set(ids.values())
    assert not any(d.changed for d in c.drift)
    assert T.normalise("“Hello…world” 🙂  « ÇA » va") == "hello world ça va"


# -- keeping it current ----------------------------------------------------------------------------
def test_update_after_an_edited_article_is_reimported(tmp_path: Path, library: Library) -> None:
    folder = _corpus(tmp_path / "corpus", CORPUS)
    import_paths(library, [folder])
    trace.build(library)
    ids = _ids(library)
    assert ids["b-bbc.md"] in _peace(library).articles

    # the BBC corrects its story: the quotation is now a different one
    title, source, date, body = CORPUS["b-bbc.md"]
    edited = body.replace(
        WITHOUT_COMPREHENSIVE,
        "Dialogue and negotiation are the only viable way out of the crisis in Ukraine",
    )
    path = _write(folder, "b-bbc.md", title, source, date, edited)
    os.utime(path, ns=(1, 1))
    report = import_paths(library, [folder])
    assert report.changed_ids == [ids["b-bbc.md"]]
    result = trace.update(library, report.changed_ids)
    assert not result.rebuilt and result.articles_read == 1

    cluster = _peace(library)
    assert ids["b-bbc.md"] not in cluster.articles
    assert set(cluster.articles) == {
        ids["a-reuters.md"],
        ids["c-global-times.md"],
        ids["d-xinhua.md"],
    }
    assert trace.find(library, "the only viable way out of the crisis")[0].articles == (
        ids["b-bbc.md"],
    )

    # and a new outlet picks the quote up: it joins the cluster
    _write(
        folder,
        "e-cgtn.md",
        "Peace talk",
        "CGTN",
        "2023-02-19",
        "Wang Yi spoke with Sergei Lavrov in Moscow as the Kremlin looked on.\n\n"
        f'"{PEACE}," Wang Yi said.',
    )
    report = import_paths(library, [folder])
    trace.update(library, report.changed_ids)
    cluster = _peace(library)
    new = _ids(library)["e-cgtn.md"]
    assert new in cluster.articles
    assert cluster.first.date == "2023-02-19"  # it is now the first appearance
    assert {int(k.split(":")[0]) for k in cluster.first.keys} == {new}

    incremental = _partition(library)
    trace.build(library)
    assert _partition(library) == incremental, "an update must give what a full build gives"


def test_update_after_a_deleted_article(tmp_path: Path, library: Library) -> None:
    folder = _corpus(tmp_path / "corpus", CORPUS)
    import_paths(library, [folder])
    trace.build(library)
    ids = _ids(library)
    assert _peace(library).speaker_flag is not None

    (folder / "c-global-times.md").unlink()
    report = import_paths(library, [folder])
    assert report.missing == [ids["c-global-times.md"]]
    # the cluster no longer shows the missing article even before the update...
    assert ids["c-global-times.md"] not in _peace(library).articles
    # ...and the update, asked for whatever is stale, drops its statements
    result = trace.update(library)
    assert result.articles_read == 0
    cluster = _peace(library)
    assert ids["c-global-times.md"] not in cluster.articles
    assert cluster.speaker_flag is None  # nobody else gives the words to Qin Gang
    stored = library.connection.execute(
        "SELECT count(*) FROM trace_statements WHERE article_id = ?", (ids["c-global-times.md"],)
    ).fetchone()[0]
    assert stored == 0

    incremental = _partition(library)
    trace.build(library)
    assert _partition(library) == incremental
    assert trace.update(library).articles_read == 0  # nothing left to do


def test_update_without_a_build_builds(tmp_path: Path, library: Library) -> None:
    import_paths(library, [_corpus(tmp_path / "corpus", CORPUS)])
    assert trace.cluster_of(library, 1, 0, 1) is None  # nothing traced yet: no answer, no error
    report = trace.update(library)
    assert report.rebuilt and report.clusters >= 1


def test_cancelled_build_writes_nothing(tmp_path: Path, library: Library) -> None:
    import_paths(library, [_corpus(tmp_path / "corpus", CORPUS)])
    trace.build(library)
    before = _partition(library)
    report = trace.build(library, cancelled=lambda: True)
    assert report.cancelled
    assert _partition(library) == before


# -- the API the window, CLI and search use ------------------------------------------------------------
def test_api_for_badges_search_speaker_view_and_json(tmp_path: Path, library: Library) -> None:
    import_paths(library, [_corpus(tmp_path / "corpus", CORPUS)])
    trace.build(library)
    ids = _ids(library)
    peace = _peace(library)

    badges = trace.clusters_for_article(library, ids["b-bbc.md"])
    assert [c.id for c in badges] == [peace.id]
    assert badges[0].n_articles == 4

    assert trace.articles_carrying(library, peace.id) == sorted(ids.values())
    assert trace.articles_carrying(library, "not-an-id") == []
    assert trace.get(library, peace.id) == peace

    assert [c.id for c in trace.find(library, "a JUST and lasting peace")] == [peace.id]
    # a near wording, as a statement of its own
    assert peace.id in [
        c.id for c in trace.find(library, WITHOUT_COMPREHENSIVE.replace("Ukraine", "Europe"))
    ]

    for name in ("Wang Yi", "Wang", "Mr Wang"):
        assert peace.id in [c.id for c in trace.by_speaker(library, name)], name
    assert [c.id for c in trace.by_speaker(library, "Wang", outlet="BBC News")] == [peace.id]
    assert trace.by_speaker(library, "Wang", outlet="Global Times") == []  # there it is Qin Gang's
    assert [c.id for c in trace.by_speaker(library, "Qin Gang", words="lasting peace")] == [
        peace.id
    ]
    assert trace.by_speaker(library, "Qin Gang", words="sovereignty") == []
    assert trace.by_speaker(library, "Lavrov") != []  # his "We will see", each on its own

    data = json.loads(trace.to_json(peace))
    assert data["id"] == peace.id and data["n_articles"] == 4
    assert data["first"]["status"] == "earliest"
    assert data["speaker_flag"]["speakers"] == ["Wang Yi", "Qin Gang"]
    assert any(d["changed"] for d in data["drift"])
    assert json.loads(trace.to_json(badges))[0]["id"] == peace.id


def test_schema_has_the_trace_tables(library: Library) -> None:
    assert SCHEMA_VERSION >= 3
    tables = {
        r[0]
        for r in library.connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert {"trace_wordings", "trace_statements", "trace_articles", "trace_meta"} <= tables
    assert TraceStore(library).version() is None  # nothing built yet


def test_a_version_2_library_gains_the_trace_tables(tmp_path: Path) -> None:
    path = tmp_path / "old" / "library.sqlite3"
    path.parent.mkdir()
    db = sqlite3.connect(path)
    for step in (1, 2):
        db.executescript(_MIGRATIONS[step])
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    with Library(path) as lib:
        assert lib.connection.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert trace.build(lib).statements == 0
        assert TraceStore(lib).version() == TRACE_VERSION


# -- the wording rules on their own ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (PEACE, PEACE.upper(), "same"),
        (PEACE, WITHOUT_COMPREHENSIVE, "near"),
        (PEACE, STANDS_READY, "near"),
        ("to reach a comprehensive, just and lasting peace in Ukraine", PEACE, "part"),
        (
            "the company's sales rose 5 pct in the first quarter of the year",
            "the company's sales rose 6 pct in the first quarter of the year",
            None,
        ),
        (
            "Company went public in April 1986 after a long wait",
            "Company went public in May 1986 after a long wait",
            None,
        ),
        ("we will see", "we shall see", None),
        ("no comment", "no comment at all", None),
        ("just and lasting peace in Ukraine", PEACE, None),  # a partial quote needs 8 words
    ],
)
def test_match(a: str, b: str, kind: str | None) -> None:
    found = T.match(T.normalise(a), T.normalise(b))
    assert (found.kind if found else None) == kind


def test_names_are_compared_loosely() -> None:
    wang = T.name_key("Wang Yi")
    assert wang is not None
    for other in ("Wang", "Mr Wang", "Foreign Minister Wang Yi", "WANG YI"):
        key = T.name_key(other)
        assert key is not None and T.same_speaker(wang, key), other
    qin = T.name_key("Qin Gang")
    assert qin is not None and not T.same_speaker(wang, qin)
    assert T.name_key("analysts") is None and T.name_key("a spokesman") is None
    assert T.name_key(None) is None and T.name_key("") is None


def test_candidates_include_every_match() -> None:
    """Whatever two wordings match, the candidate pairs include them (prints are complete)."""
    ranked = T.rankings({})
    cache = T.WordHashes()
    pairs = [
        (PEACE, WITHOUT_COMPREHENSIVE),
        (PEACE, STANDS_READY),
        ("to reach a comprehensive, just and lasting peace in Ukraine", PEACE),
        (
            "all parties to reach a comprehensive, just and lasting peace",
            PEACE + " and beyond, he said on Monday in Moscow",
        ),
    ]
    for a, b in pairs:
        na, nb = T.normalise(a), T.normalise(b)
        assert T.match(na, nb) is not None
        prints = {
            i: T.prints(T.rank(T.pair_keys(n.split(), cache), ranked))
            for i, n in ((1, na), (2, nb))
        }
        lengths = {1: len(na.split()), 2: len(nb.split())}
        assert engine.candidate_pairs(prints, lengths) == [(1, 2)], (a, b)
        assert T.fingerprints(T.rank(T.pair_keys(na.split(), cache), ranked)) & prints[2].all
    unrelated = {
        1: T.prints(T.rank(T.pair_keys(T.normalise(PEACE).split(), cache), ranked)),
        2: T.prints(
            T.rank(
                T.pair_keys(T.normalise("The payment date is March 31 next year").split(), cache),
                ranked,
            )
        ),
    }
    assert engine.candidate_pairs(unrelated, {1: 22, 2: 8}) == []


def test_a_big_library_is_read_in_worker_processes_with_the_same_result(
    tmp_path: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_paths(library, [_corpus(tmp_path / "corpus", CORPUS)])
    trace.build(library)
    alone = _partition(library)
    ids = library.connection.execute("SELECT cluster FROM trace_statements ORDER BY 1").fetchall()
    monkeypatch.setattr(engine, "PARALLEL_FROM", 1)
    monkeypatch.setattr(engine, "default_jobs", lambda: 2)
    assert engine._jobs(library.count()) == 2
    report = trace.build(library)
    assert report.rebuilt and not report.cancelled
    assert _partition(library) == alone
    assert (
        library.connection.execute("SELECT cluster FROM trace_statements ORDER BY 1").fetchall()
        == ids
    )
    assert _peace(library).speaker_flag is not None


def test_linking_rule_on_its_own() -> None:
    """Who may vouch for two statements being one: the same person anywhere; the same
    organisation, or nobody named, only in related articles; a dateline is nobody."""
    casts = {
        1: {"Tony Blair": "person", "Acme Corp": "organisation", "Labour Party": "organisation"},
        2: {
            "Tony Blair": "person",
            "Acme Corp": "organisation",
            "Zenith Ltd": "organisation",
            "Mary Olsen": "person",
        },
        3: {"Tony Blair": "person", "Labour Party": "organisation"},  # related to 1
    }
    ctx = engine.Articles(casts)
    assert not ctx.related(1, 2) and ctx.related(1, 3)

    def node(article: int, speaker: str | None) -> engine._Node:
        return engine._Node((article, 0, 10, "quote"), speaker, 1)

    assert engine.linked(node(1, "Blair"), node(2, "Mr Blair"), 8, ctx)  # same person
    assert not engine.linked(node(1, "Blair"), node(2, "Mr Blair"), 4, ctx)  # too short
    assert not engine.linked(node(1, "Acme Corp"), node(2, "Acme Corp"), 12, ctx)  # a company
    assert not engine.linked(node(1, None), node(2, None), 30, ctx)  # nobody, unrelated
    assert engine.linked(node(1, None), node(3, None), 6, ctx)  # nobody, related
    assert not engine.linked(node(1, "Washington"), node(2, "Washington"), 12, ctx)
    assert ctx.name(node(1, "Washington")) is None and ctx.name(node(1, "Blair")) is not None
    # different people: only a long statement, in related articles (then flagged)
    assert not engine.linked(node(1, "Tony Blair"), node(3, "Labour Party"), 9, ctx)
    assert engine.linked(node(1, "Tony Blair"), node(3, "Labour Party"), 10, ctx)


def test_a_read_only_library_answers_but_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "lib" / "library.sqlite3"
    with Library(path) as lib:
        import_paths(lib, [_corpus(tmp_path / "corpus", CORPUS)])
        trace.build(lib)
        peace = _peace(lib)
    with Library(path, read_only=True) as lib:
        assert trace.get(lib, peace.id) == peace
        with pytest.raises(trace.TraceError, match="cannot be updated"):
            trace.update(lib)


def test_repeated_statements_are_linked_as_pairs_would_be_and_quickly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An article that repeats a quotation thousands of times (a hostile or broken page) is
    linked per article and speaker, not per pair (12 million pairs took minutes), with the
    same clusters as every pair asked one by one."""
    casts = {
        1: {"Tony Blair": "person", "Acme Corp": "organisation", "Labour Party": "organisation"},
        2: {"Tony Blair": "person", "Acme Corp": "organisation", "Zenith Ltd": "organisation"},
        3: {"Tony Blair": "person", "Labour Party": "organisation"},  # related to 1
        4: {"Mary Olsen": "person", "Zenith Ltd": "organisation"},  # related to none
    }
    norm = "we will build the bridge before the winter comes to the valley again"

    def nodes(repeats: int) -> list[engine._Node]:
        made = []
        for article, speaker, n in (
            (1, "Blair", repeats),
            (1, None, 3),
            (2, "Mr Blair", 1),
            (2, "Acme Corp", repeats // 2),
            (2, None, 2),
            (3, None, 2),
            (4, None, 3),  # nobody named, in an unrelated article: apart
            (4, "Mary Olsen", 1),  # someone else, unrelated: apart from Blair
        ):
            at = len(made) * 100  # each statement a place of its own
            made += [
                engine._Node((article, at + k, at + k + 10, "quote"), speaker, 1) for k in range(n)
            ]
        return made

    def pairwise(found: list[engine._Node], ctx: engine.Articles) -> set[frozenset[tuple]]:
        parent = {n.key: n.key for n in found}

        def root(k: tuple) -> tuple:
            while parent[k] != k:
                k = parent[k]
            return k

        words = norm.count(" ") + 1
        for i, s in enumerate(found):
            for t in found[i + 1 :]:
                if engine.linked(s, t, words, ctx):
                    parent[root(t.key)] = root(s.key)
        groups: dict[tuple, set[tuple]] = {}
        for n in found:
            groups.setdefault(root(n.key), set()).add(n.key)
        return {frozenset(g) for g in groups.values()}

    def clustered(found: list[engine._Node], ctx: engine.Articles) -> set[frozenset[tuple]]:
        ids = engine.cluster(found, {1: norm}, {}, ctx)
        groups: dict[int, set[tuple]] = {}
        for node, cid in zip(found, ids, strict=True):
            groups.setdefault(cid, set()).add(node.key)
        return {frozenset(g) for g in groups.values()}

    few = nodes(40)
    expected = pairwise(few, engine.Articles(casts))
    assert clustered(few, engine.Articles(casts)) == expected
    assert sorted(map(len, expected)) == [4, 40 + 3 + 1 + 20 + 2 + 2]

    asked = []
    real = engine.linked
    monkeypatch.setattr(
        engine,
        "linked",
        lambda *a: asked.append(1) or real(*a),  # type: ignore[func-returns-value]
    )
    many = nodes(5000)
    groups = clustered(many, engine.Articles(casts))
    assert len(asked) < 50  # per article and speaker, not 28 million pairs
    assert sorted(map(len, groups)) == [4, 5000 + 3 + 1 + 2500 + 2 + 2]  # as with 40


def test_stale_says_whether_an_update_has_anything_to_do(tmp_path: Path, library: Library) -> None:
    """An unchanged re-scan asks one question instead of comparing every article's state;
    the answer must be what the full comparison would say."""
    folder = _corpus(tmp_path / "corpus", CORPUS)
    import_paths(library, [folder])
    assert trace.stale(library)  # never traced
    trace.build(library)
    assert not trace.stale(library)

    title, source, date, body = CORPUS["b-bbc.md"]  # an edited article
    os.utime(_write(folder, "b-bbc.md", title, source, date, body + " More."), ns=(1, 1))
    import_paths(library, [folder])
    assert trace.stale(library)
    trace.update(library)
    assert not trace.stale(library)

    (folder / "d-xinhua.md").unlink()  # a deleted one
    import_paths(library, [folder])
    assert trace.stale(library)
    trace.update(library)
    assert not trace.stale(library)

    # once found current, the answer is a lookup until a write it depends on: a file touched
    # (a new mtime, the same text) is none, an analysis written again is one
    store = TraceStore(library)
    assert store.current_at() == (library.changes(), library.analysis_version())
    (folder / "a-reuters.md").touch()
    import_paths(library, [folder])
    assert store.current_at() == (library.changes(), library.analysis_version())
    assert not trace.stale(library)

    library.connection.execute("UPDATE analysis SET version = version - 1")  # analysed again
    assert trace.stale(library)
    assert trace.stale(library)  # and stays so until an update


def test_the_linking_rules_caches_stay_bounded_and_answer_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a library of 200,000 articles filled them with one entry per article and speaker
    casts = {n: {f"Ana Lopez {n % 7}": "person", "Acme Corp": "organisation"} for n in range(50)}
    wide = engine.Articles(casts)
    answers = [
        (wide.people(n), wide.person(engine._Node((n, 0, 5, "quote"), "Lopez", 1)))
        for n in range(50)
    ]
    monkeypatch.setattr(T, "CACHED", 8)
    narrow = engine.Articles(casts)
    again = [
        (narrow.people(n), narrow.person(engine._Node((n, 0, 5, "quote"), "Lopez", 1)))
        for n in range(50)
    ]
    assert again == answers
    assert answers[3][1] is not None  # "Lopez" names the article's Ana Lopez
    assert len(narrow._people) <= 8 and len(narrow._persons) <= 8
    assert len(narrow.names._found) <= 8
