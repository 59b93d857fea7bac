"""Measure statement tracing on a real corpus: time added to an import, clusters, and a sample
of pairs to check by hand.

    python -m reader.devtools.trace_eval DATA [--library DIR] [--runs 3] [--pairs 100]
                                              [--seed 17] [--out FILE] [--json]

``DATA`` (e.g. ``../shared/data``: BBC News and Reuters-21578) is imported into a throw-away
library (``reader.importer.import_paths``, timed), unless ``--library`` names one that already
holds articles (then the import is not redone and its time is not known). Then
:func:`reader.trace.build` runs ``--runs`` times (the median is reported, and its share of the
import time: the target is 10 %), then incremental :func:`reader.trace.update` runs as 200
articles go missing and come back (timed, and checked to give what the build gave). It reports
the clusters found and their sizes, and writes ``--pairs`` pairs of statements drawn at random
(fixed ``--seed``) from the pairs of members of multi-member clusters that stand in *different*
articles, one numbered block per pair, to ``--out`` for a reader to judge: same statement or
not?
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from reader import trace
from reader.importer import import_paths
from reader.library import Library
from reader.trace.query import assemble
from reader.trace.store import TraceStore


def _clusters_of_sizes(library: Library) -> Counter[int]:
    rows = library.connection.execute(
        "SELECT count(*) FROM trace_statements GROUP BY cluster HAVING count(*) > 1"
    )
    return Counter(r[0] for r in rows)


def _cross_article_clusters(library: Library) -> list[int]:
    rows = library.connection.execute(
        "SELECT cluster FROM trace_statements GROUP BY cluster"
        " HAVING count(DISTINCT article_id) > 1 ORDER BY cluster"
    )
    return [r[0] for r in rows]


def _partition(library: Library) -> set[frozenset[tuple[int, int, int, str]]]:
    rows = library.connection.execute(
        'SELECT cluster, article_id, start, "end", kind FROM trace_statements'
    ).fetchall()
    groups: dict[int, set[tuple[int, int, int, str]]] = {}
    for cluster, *key in rows:
        groups.setdefault(cluster, set()).add((key[0], key[1], key[2], key[3]))
    return {frozenset(g) for g in groups.values()}


def _set_missing(library: Library, ids: list[int], missing: bool) -> None:
    """Mark articles missing (their files deleted) or present again, as an import does."""
    with library.transaction():
        library.connection.execute(
            "UPDATE articles SET missing_since = ? WHERE id IN (SELECT value FROM json_each(?))",
            ("2000-01-01T00:00:00+00:00" if missing else None, json.dumps(ids)),
        )


def sample_pairs(library: Library, count: int, seed: int) -> tuple[int, list[dict[str, Any]]]:
    """``count`` random pairs of members in different articles, from every such pair."""
    store = TraceStore(library)
    pairs: list[tuple[trace.Cluster, trace.Statement, trace.Statement]] = []
    ids = _cross_article_clusters(library)
    for start in range(0, len(ids), 500):
        for c in assemble(store, ids[start : start + 500]):
            for a, b in combinations(c.members, 2):
                if a.article_id != b.article_id:
                    pairs.append((c, a, b))
    chosen = random.Random(seed).sample(pairs, min(count, len(pairs)))
    out = []
    for c, a, b in chosen:
        out.append(
            {
                "cluster": c.id,
                "cluster_size": c.size,
                "a": _side(a),
                "b": _side(b),
            }
        )
    return len(pairs), out


def _side(s: trace.Statement) -> dict[str, Any]:
    return {
        "key": s.key,
        "kind": s.kind,
        "speaker": s.speaker,
        "title": s.title,
        "outlet": s.outlet,
        "date": s.date,
        "text": s.text,
    }


def _write_pairs(path: Path, pairs: list[dict[str, Any]]) -> None:
    lines = [
        "# Pairs of statements put in one cluster: same statement or not?",
        "# (one block per pair; judge each: SAME / NOT)",
        "",
    ]
    for n, p in enumerate(pairs, 1):
        lines.append(f"## {n}  cluster {p['cluster']} ({p['cluster_size']} members)")
        for side in ("a", "b"):
            s = p[side]
            lines.append(
                f"{side.upper()} [{s['kind']}] speaker={s['speaker']!r} | {s['title']!r}"
                f" | {s['outlet'] or '-'} | {s['date'] or '-'} | {s['key']}"
            )
            lines.append(f"   {s['text']}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--library", type=Path, help="library folder to use (and keep)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pairs", type=int, default=100)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, default=Path("trace-pairs.txt"))
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="corpus-reader-trace-") as tmp:
        folder = args.library or Path(tmp)
        library = Library(folder / "library.sqlite3")
        figures: dict[str, Any] = {"import_seconds": None}
        if library.count() == 0:
            began = time.perf_counter()
            report = import_paths(library, [args.data])
            figures["import_seconds"] = round(time.perf_counter() - began, 2)
            figures["import"] = report.summary()
        figures["articles"] = library.count()

        runs = []
        for _ in range(max(1, args.runs)):
            result = trace.build(library)
            runs.append(result.seconds)
            figures["phases"] = dict(result.phases)
        figures["build_seconds"] = [round(s, 2) for s in runs]
        figures["build_median"] = round(statistics.median(runs), 2)
        if figures["import_seconds"]:
            figures["build_share_of_import"] = round(
                figures["build_median"] / figures["import_seconds"], 4
            )
        present = [
            r[0]
            for r in library.connection.execute(
                "SELECT id FROM articles WHERE missing_since IS NULL ORDER BY id"
            )
        ]
        # an incremental update: 200 articles go missing, then come back (as a re-import of
        # deleted files would): each must give exactly what the full build gave
        built = _partition(library)
        ids = random.Random(args.seed).sample(present, min(200, len(present)))
        _set_missing(library, ids, True)
        began = time.perf_counter()
        trace.update(library)
        figures["update_200_gone_seconds"] = round(time.perf_counter() - began, 2)
        _set_missing(library, ids, False)
        began = time.perf_counter()
        trace.update(library)
        figures["update_200_back_seconds"] = round(time.perf_counter() - began, 2)
        figures["update_matches_build"] = _partition(library) == built

        statements, clusters, cross, largest = TraceStore(library).counts()
        sizes = _clusters_of_sizes(library)
        figures |= {
            "statements": statements,
            "clusters_2plus": clusters,
            "clusters_3plus": sum(n for size, n in sizes.items() if size >= 3),
            "clusters_cross_article": cross,
            "largest": largest,
            "statements_in_2plus": sum(size * n for size, n in sizes.items()),
            "size_distribution": dict(sorted(sizes.items())),
        }
        total_pairs, pairs = sample_pairs(library, args.pairs, args.seed)
        figures["cross_article_pairs"] = total_pairs
        _write_pairs(args.out, pairs)
        figures["pairs_file"] = str(args.out)
        figures["load_average"] = os.getloadavg()[0]
        library.close()

    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
