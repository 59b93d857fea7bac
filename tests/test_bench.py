"""``corpus-reader bench`` on a tiny corpus: it runs end to end and reports every figure.

Timings are not asserted (they are for the README, measured on the real corpus); only that each
figure is there, is a number, and that the counts agree with the corpus.
"""

from __future__ import annotations

import json
import os
import random
import shutil
from numbers import Real
from pathlib import Path

import pytest

from reader.cli import main
from reader.devtools.bench import QUERIES, check_targets, growth, percentile, scale_corpus
from tests.conftest import SEEDS


def _numbers(d: dict[str, object], *keys: str) -> None:
    for key in keys:
        assert isinstance(d[key], Real) and d[key] >= 0, key  # type: ignore[operator]


def test_percentiles() -> None:
    assert percentile([], 95) == 0.0
    assert percentile([3.0], 50) == 3.0
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile(list(map(float, range(101))), 95) == 95.0


def tiny_corpus(folder: Path, articles: int = 115) -> Path:
    """The seed articles and 115 generated wire stories: enough for every figure to mean
    something, small enough for the test suite."""
    rng = random.Random(21578)
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    towns = ["Lagos", "Lima", "Oslo", "Perth", "Quito", "Riga", "Sofia", "Tunis", "Hanoi"]
    goods = ["coffee", "cocoa", "copper", "wheat", "sugar", "oil", "tin", "rubber", "cotton"]
    for n in range(articles):
        paras = []
        for k in range(8):
            town, good = rng.choice(towns), rng.choice(goods)
            paras.append(
                f"{town} traders said {good} shipments rose {rng.randint(2, 97)} pct in week "
                f"{k + 1} of the season to {rng.randint(1000, 99999):,} tonnes, and prices "
                f"{rng.choice(['firmed', 'eased', 'held'])} at {rng.randint(100, 999)} dlrs."
                f" “Demand from {rng.choice(towns)} is {rng.choice(['strong', 'weak'])},”"
                f" said analyst {rng.choice(['Ana', 'Ben', 'Chen', 'Dara'])} {n}-{k}."
            )
        (folder / f"wire-{n:03}.txt").write_text(
            f"{goods[n % len(goods)].upper()} REPORT {n}\n\n" + "\n\n".join(paras) + "\n"
        )
    return folder


@pytest.mark.slow
def test_bench_json_has_every_figure(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path / "tiny")
    args = ["bench", "--corpus", str(corpus), "--runs", "2", "--json", "--vs-recoll"]
    assert main(args) == 0
    r = json.loads(capsys.readouterr().out)
    assert r["corpus"]["files"] == 120
    assert r["machine"]["cores"] >= 1
    imp = r["import"]
    assert imp["articles"] == 120 and len(imp["runs"]) == 2
    _numbers(imp, "seconds", "articles_per_s", "import_seconds", "index_seconds", "peak_rss_mb")
    # searchable first (read, clean, store, index the text), analysed next
    _numbers(imp, "searchable_seconds", "analysis_seconds", "index_mb", "library_mb")
    assert imp["searchable_seconds"] <= imp["seconds"]
    # the statement clusters' part of the analysis, and their share of the import (issue 17)
    _numbers(imp, "trace_seconds", "trace_share")
    assert imp["trace_seconds"] <= imp["analysis_seconds"] and imp["trace_share"] < 1
    assert all(run["analysed"] == 120 for run in imp["runs"])
    rescan = r["rescan"]
    assert all(run["unchanged"] == 120 and run["reindexed"] == 0 for run in rescan["runs"])
    _numbers(rescan, "seconds")
    search = r["search"]
    assert [q["query"] for q in search["per_query"]] == [q for _k, q, _r in QUERIES]
    assert next(q for q in search["per_query"] if q["query"] == "said")["hits"] >= 115
    _numbers(
        search, "p50_ms", "p95_ms", "max_ms", "comparable_p95_ms", "facets_p50_ms", "facets_p95_ms"
    )
    opening = r["article_open"]
    assert opening["articles"] == 120 and opening["large_chars"] > 50_000
    _numbers(opening, "p50_ms", "p95_ms", "large_first_ms", "large_p50_ms", "large_p95_ms")
    _numbers(r["cold_start"], "seconds")
    stall = r["gui_stall"]
    assert stall["ticks"] > 0 and stall["searches"] >= 0
    _numbers(stall, "max_stall_ms", "p99_stall_ms", "seconds")
    _numbers(r["recoll"], "index_seconds", "search_p50_ms", "search_p95_ms")
    _numbers(r["ratios"], "searchable", "analysed", "search_p95")
    # every target is reported beside the figure measured for it
    assert r["targets"] and all(t["value"] is not None for t in r["targets"].values())
    assert all(isinstance(t["met"], bool) for t in r["targets"].values())


def test_a_scaled_corpus_is_made_of_the_corpus_paragraphs_recombined(tmp_path: Path) -> None:
    corpus = tiny_corpus(tmp_path / "tiny", articles=10)
    scaled = scale_corpus(corpus, tmp_path / "scaled", 3)
    files = sorted(p for p in scaled.rglob("*.txt"))
    assert len(files) == 3 * 15
    texts = [p.read_text(encoding="utf-8") for p in files]
    assert len(set(texts)) == len(texts)  # no two the same

    def blocks(text: str) -> list[str]:
        return [" ".join(p.split()) for p in text.split("\n\n")]

    paragraphs = {b for f in corpus.glob("*.txt") for b in blocks(f.read_text(encoding="utf-8"))}
    # after its title and first paragraph, each article is made of the corpus's paragraphs
    assert {b for t in texts for b in blocks(t)[2:]} <= paragraphs
    again = scale_corpus(corpus, tmp_path / "again", 3)  # deterministic
    assert [p.read_text(encoding="utf-8") for p in sorted(again.rglob("*.txt"))] == texts


def test_targets_and_growth_are_read_from_the_figures() -> None:
    base = {"import": {"seconds": 10.0, "articles": 100}, "search": {"p95_ms": 40.0}}
    big = {"import": {"seconds": 120.0, "articles": 1000}, "search": {"p95_ms": 90.0}}
    assert growth(base, big, 10) == {"import": 12.0, "search_p95": 2.25, "import_per_article": 1.2}
    checked = check_targets(big, {"p95": ("search.p95_ms", "<=", 100.0, "ms")})
    assert checked["p95"] == {
        "figure": "search.p95_ms",
        "value": 90.0,
        "target": "<= 100 ms",
        "met": True,
    }
    assert check_targets({}, {"p95": ("search.p95_ms", "<=", 1.0, "ms")})["p95"]["met"] is None


def test_bench_without_a_corpus_says_so(capsys: pytest.CaptureFixture[str], tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert main(["bench", "--corpus", str(tmp_path / "missing")]) == 2
    assert "--corpus" in capsys.readouterr().err


def test_measuring_processes_keep_compiled_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.devtools.bench import child_env

    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    env = child_env(EXTRA="x")
    assert "PYTHONDONTWRITEBYTECODE" not in env
    assert env["QT_QPA_PLATFORM"] == "offscreen" and env["EXTRA"] == "x"
    assert env["PATH"] == os.environ["PATH"]
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")  # a display asked for is kept
    assert child_env()["QT_QPA_PLATFORM"] == "xcb"


def test_whoosh_alone_indexes_every_file_searchably(tmp_path: Path) -> None:
    """The floor the bench sets beside Recoll is a real index of every file, phrases and all."""
    from whoosh import index as whoosh_index
    from whoosh.qparser import QueryParser

    from reader.devtools.bench import child_whoosh_alone
    from reader.ingest import iter_files
    from reader.search.floor import index_plainly

    files = [Path(p) for p, refusal in iter_files([SEEDS]) if refusal is None]
    seconds, count = index_plainly(files, tmp_path / "ix", procs=1)
    assert count == len(files) >= 3 and seconds > 0
    ix = whoosh_index.open_dir(str(tmp_path / "ix"))
    with ix.searcher() as s:
        parser = QueryParser("body", ix.schema)
        assert s.doc_count() == count
        assert len(s.search(parser.parse('"war crimes"'), limit=None)) >= 1
    ix.close()
    out = child_whoosh_alone(str(SEEDS), str(tmp_path / "alone"))
    assert out["files"] >= count and out["seconds"] > 0
    assert not (tmp_path / "alone").exists()  # measured, then removed
