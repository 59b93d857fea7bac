"""``corpus-reader bench``: the performance figures, measured on a real corpus in a throw-away library.

Each figure is measured the way a user meets it: the import in a fresh process (so its peak memory
is its own), the re-scan and searches through the same functions the window calls, article opening
and the event-loop stalls in a real (offscreen) window in a child process, cold start as a whole
new process until the window has painted. Nothing here is a pass/fail check; it reports.
"""

from __future__ import annotations

import contextlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: The fixed query set: what analysts type, in every syntax the search box takes. Each has the
#: Recoll query that asks the same (``None`` where Recoll has no such field).
QUERIES: tuple[tuple[str, str, str | None], ...] = (
    ("term", "oil", "oil"),
    ("term", "government", "government"),
    ("term", "said", "said"),
    ("term", "shares", "shares"),
    ("phrase", '"interest rates"', '"interest rates"'),
    ("phrase", '"prime minister"', '"prime minister"'),
    ("phrase", '"trade deficit"', '"trade deficit"'),
    ("boolean", "oil AND prices", "oil AND prices"),
    ("boolean", "coffee OR cocoa", "coffee OR cocoa"),
    ("boolean", "election NOT labour", "election -labour"),
    ("boolean", "(bank OR banks) AND loans", "(bank OR banks) AND loans"),
    ("wildcard", "econom*", "econom*"),
    ("field", "title:profit", "title:profit"),
    ("actor", "actor:Japan", None),
    ("actor", 'actor:"Margaret Thatcher"', None),
    ("actor", 'actor:"Tony Blair" election', None),
    ("speaker", "speaker:Reagan trade", None),
    ("speaker", 'speaker:"James Baker"', None),
)
SNIPPETS = 20  # the result list shows 20 rows before it scrolls
SEARCH_REPEATS = 5
SYNTHETIC_BYTES = 1_000_000

#: The issue's targets, by figure: (where the figure is, how it compares, the bound, unit).
#: Ratios are ours over Recoll's in the same run.
TARGETS: dict[str, tuple[str, str, float, str]] = {
    "time to searchable / recollindex": ("ratios.searchable", "<=", 1.0, "x"),
    "analysis complete / recollindex": ("ratios.analysed", "<=", 2.5, "x"),
    "search p95 (20 snippets)": ("search.p95_ms", "<=", 50.0, "ms"),
    "search p95 / recollq p95": ("ratios.search_p95", "<=", 1.0, "x"),
    "facet counts p95": ("search.facets_p95_ms", "<=", 50.0, "ms"),
    "1 MB article open (cached)": ("article_open.large_p95_ms", "<=", 500.0, "ms"),
    "longest stall, import + search": ("gui_stall.max_stall_ms", "<=", 50.0, "ms"),
    "unchanged re-scan": ("rescan.seconds", "<=", 1.0, "s"),
    "statement clusters / full import": ("import.trace_share", "<=", 0.10, "x"),
}
#: The targets at ten times the corpus (``--scale 10``).
SCALED_TARGETS: dict[str, tuple[str, str, float, str]] = {
    "search p95 (20 snippets)": ("search.p95_ms", "<=", 100.0, "ms"),
    "peak RSS": ("import.peak_rss_mb", "<=", 1000.0, "MB"),
    "unchanged re-scan": ("rescan.seconds", "<=", 5.0, "s"),
    "import time growth per article (1 = linear)": ("growth.import_per_article", "<=", 1.0, "x"),
}


def default_corpus() -> Path | None:
    """``../shared/data`` beside the checkout, where the research corpora are kept."""
    from reader.paths import PROJECT_ROOT

    candidate = PROJECT_ROOT.parent / "shared" / "data"
    return candidate if candidate.is_dir() else None


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def ms(seconds: float) -> float:
    """Seconds as milliseconds, to two decimals (the unit every latency is reported in)."""
    return round(seconds * 1000, 2)


@dataclass
class Bench:
    corpus: Path
    runs: int = 3
    vs_recoll: bool = False
    gui: bool = True
    log: Callable[[str], None] = lambda _m: None
    #: also measure an N-times corpus made from this one (``scale_corpus``) and say how each
    #: figure grows; 1: the corpus alone
    scale: int = 1
    partial: dict[str, Any] | None = None

    def run(self) -> dict[str, Any]:
        work = Path(tempfile.mkdtemp(prefix="corpus-reader-bench-"))
        try:
            out = self._run(work, self.corpus, "")
            out["targets"] = check_targets(out, TARGETS)
            if self.scale > 1:
                self.log(f"making a {self.scale}x corpus …")
                scaled_corpus = scale_corpus(self.corpus, work / "scaled", self.scale)
                scaled = self._run(work / "scaled-run", scaled_corpus, f"{self.scale}x: ")
                scaled["factor"] = self.scale
                scaled["growth"] = growth(out, scaled, self.scale)
                scaled["targets"] = check_targets(scaled, SCALED_TARGETS)
                out["scaled"] = scaled
                shutil.rmtree(scaled_corpus, ignore_errors=True)
            return out
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _run(self, work: Path, corpus: Path, label: str) -> dict[str, Any]:
        work.mkdir(parents=True, exist_ok=True)
        out: dict[str, Any] = {"machine": machine(), "corpus": corpus_facts(corpus)}
        self.partial = out  # what is measured so far, for a run that fails half-way
        out["machine"]["load_average"] = load_average()
        library = work / "library"
        imports = []
        for n in range(1, self.runs + 1):
            shutil.rmtree(library, ignore_errors=True)
            self.log(f"{label}import {n}/{self.runs} …")
            imports.append(self._child("import", str(library), str(corpus)))
        out["import"] = _summarise_imports(imports)
        self.log(f"{label}re-scan …")
        out["rescan"] = _summarise_runs(
            [self._child("rescan", str(library), str(corpus)) for _ in range(self.runs)],
            "seconds",
        )
        self.log(f"{label}search …")
        out["search"] = self._child("search", str(library))
        synthetic = _synthetic_article(self.corpus, work / "synthetic", SYNTHETIC_BYTES)
        if self.gui:
            self.log(f"{label}article open …")
            out["article_open"] = self._child_qt("open", str(library), str(synthetic))
            self.log(f"{label}cold start …")
            out["cold_start"] = _summarise_runs(
                [cold_start(library) for _ in range(self.runs)], "seconds"
            )
            self.log(f"{label}window under load (import and searches) …")
            out["gui_stall"] = self._child_qt("stall", str(work / "gui-library"), str(corpus))
        if self.vs_recoll:
            self.log(f"{label}recoll …")
            out["recoll"] = recoll(corpus, work / "recoll", self.runs)
            self.log(f"{label}Whoosh alone …")
            alone = [
                self._child("whoosh-alone", str(corpus), str(work / "whoosh-alone"))
                for _ in range(self.runs)
            ]
            out["recoll"]["whoosh_alone_seconds"] = statistics.median(a["seconds"] for a in alone)
            out["ratios"] = _ratios(out)
        out["machine"]["load_average_after"] = load_average()
        return out

    def _child(self, *args: str) -> dict[str, Any]:
        env = child_env(CORPUS_READER_BENCH_LAUNCHED=repr(time.time()))
        return _run_child([sys.executable, "-m", "reader.devtools.bench", *args], env)

    def _child_qt(self, *args: str) -> dict[str, Any]:
        env = child_env()
        return _run_child([sys.executable, "-m", "reader.devtools.bench_window", *args], env)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a measuring process: this one's, with Python's compiled modules
    kept (``PYTHONDONTWRITEBYTECODE`` dropped: an installed app has them, pip compiles them at
    install; without, each process compiled the app again, a few tenths of a second of every
    re-scan and cold start) and Qt off screen unless a display is asked for."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.update(extra)
    return env


def _run_child(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one measurement in its own process; its last output line is its JSON result."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    stdout, stderr = proc.communicate()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[2:4])} failed ({proc.returncode}):\n{stderr[-2000:]}")
    lines = [line for line in stdout.splitlines() if line.strip()]
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def _summarise_runs(runs: list[dict[str, Any]], key: str) -> dict[str, Any]:
    values = [r[key] for r in runs]
    return {key: round(statistics.median(values), 3), "runs": runs}


def _summarise_imports(runs: list[dict[str, Any]]) -> dict[str, Any]:
    total = statistics.median(r["seconds"] for r in runs)
    articles = runs[-1]["articles"]

    def median(key: str) -> float:
        return round(statistics.median(r[key] for r in runs), 3)

    return {
        # everything: read, clean, store, index the text, analyse, index the quotations
        "seconds": round(total, 3),
        "articles": articles,
        "articles_per_s": round(articles / total, 1) if total else 0.0,
        # from the start until a search finds every imported article
        "searchable_seconds": median("searchable_seconds"),
        "import_seconds": median("import_seconds"),  # read, clean, store
        "index_seconds": median("index_seconds"),  # index the text
        "analysis_seconds": median("analysis_seconds"),  # after that: analyse, index quotes
        # of the analysis, the statement clusters (the Trace tab): its share of the whole import
        "trace_seconds": median("trace_seconds"),
        "trace_share": round(median("trace_seconds") / total, 3) if total else 0.0,
        "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        "index_mb": median("index_mb"),
        "library_mb": median("library_mb"),
        "runs": runs,
    }


def _ratios(out: dict[str, Any]) -> dict[str, float]:
    rc = out["recoll"]
    imp = out["import"]
    ratios = {
        "searchable": round(imp["searchable_seconds"] / rc["index_seconds"], 2),
        "analysed": round(imp["seconds"] / rc["index_seconds"], 2),
        "import": round(imp["seconds"] / rc["index_seconds"], 2),
    }
    if rc.get("whoosh_alone_seconds"):
        # the floor: Whoosh indexing the raw files and nothing else, over Recoll
        ratios["whoosh_alone"] = round(rc["whoosh_alone_seconds"] / rc["index_seconds"], 2)
    if rc.get("search_p95_ms"):
        ratios["search_p95"] = round(out["search"]["comparable_p95_ms"] / rc["search_p95_ms"], 2)
    return ratios


def _figure(out: dict[str, Any], where: str) -> float | None:
    value: Any = out
    for part in where.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return float(value) if isinstance(value, int | float) else None


def check_targets(
    out: dict[str, Any], targets: dict[str, tuple[str, str, float, str]]
) -> dict[str, dict[str, Any]]:
    """Each target with the figure measured for it and whether it is met (``None``: not
    measured in this run)."""
    checked = {}
    for name, (where, op, bound, unit) in targets.items():
        value = _figure(out, where)
        met = None if value is None else (value <= bound if op == "<=" else value >= bound)
        checked[name] = {
            "figure": where,
            "value": value,
            "target": f"{op} {bound:g} {unit}",
            "met": met,
        }
    return checked


#: How each figure grows from the corpus to its N-times version (values: the N-times figure
#: over the 1-time one; for the import, per article, so 1.0 is linear).
GROWTH = {
    "import": "import.seconds",
    "searchable": "import.searchable_seconds",
    "analysis": "import.analysis_seconds",
    "peak_rss": "import.peak_rss_mb",
    "index_size": "import.index_mb",
    "library_size": "import.library_mb",
    "rescan": "rescan.seconds",
    "search_p50": "search.p50_ms",
    "search_p95": "search.p95_ms",
    "facets_p50": "search.facets_p50_ms",
    "facets_p95": "search.facets_p95_ms",
    "article_open_p95": "article_open.p95_ms",
    "large_article_p95": "article_open.large_p95_ms",
    "stall_max": "gui_stall.max_stall_ms",
}


def growth(base: dict[str, Any], scaled: dict[str, Any], factor: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for name, where in GROWTH.items():
        a, b = _figure(base, where), _figure(scaled, where)
        if a and b is not None:
            out[name] = round(b / a, 2)
    a, b = _figure(base, "import.seconds"), _figure(scaled, "import.seconds")
    na, nb = _figure(base, "import.articles"), _figure(scaled, "import.articles")
    if a and b and na and nb:
        out["import_per_article"] = round((b / nb) / (a / na), 2)
    return out


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def _text_of(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def scale_corpus(corpus: Path, folder: Path, factor: int) -> Path:
    """A corpus ``factor`` times as large, made deterministically from ``corpus``: its files
    as they are, and ``factor - 1`` copies in which each article keeps its title and first
    paragraph (its dateline and lead) and takes its other paragraphs from articles drawn at
    random (a fixed seed per copy), so no two texts are the same and the words are news."""
    import random

    from reader.ingest import iter_files

    files = sorted(p for p, refusal in iter_files([corpus]) if refusal is None)
    articles: list[tuple[Path, str, list[str]]] = []
    pool: list[str] = []
    for path in files:
        text = _text_of(path.read_bytes()).replace("\r\n", "\n")
        title, _, body = text.strip().partition("\n")
        paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
        articles.append((path.relative_to(corpus), title.strip(), paragraphs))
        pool.extend(paragraphs[1:] or paragraphs)
    folder.mkdir(parents=True, exist_ok=True)
    for copy in range(factor):
        rng = random.Random(1987 + copy)
        for rel, title, paragraphs in articles:
            target = folder / f"copy-{copy:02}" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if copy == 0:
                kept = paragraphs
            else:
                drawn = [rng.choice(pool) for _ in range(max(1, len(paragraphs) - 1))]
                kept = paragraphs[:1] + drawn
            target.write_text(title + "\n\n" + "\n\n".join(kept) + "\n", encoding="utf-8")
    return folder


# -- machine and corpus -------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        mem = round(pages / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        pass
    started = time.perf_counter()
    sum(range(10**6))
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem,
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        # how fast Python itself runs here, to compare figures across machines
        "sum_range_1e6_ms": ms(time.perf_counter() - started),
        # the measuring processes keep compiled modules, as an installed app has (child_env)
        "bytecode_cached": True,
    }


def corpus_facts(corpus: Path) -> dict[str, Any]:
    from reader.ingest import iter_files

    files = [p for p, refusal in iter_files([corpus]) if refusal is None]
    size = 0
    for p in files:
        with contextlib.suppress(OSError):
            size += p.stat().st_size
    return {"path": corpus.name, "files": len(files), "megabytes": round(size / 1e6, 1)}


def _synthetic_article(corpus: Path, folder: Path, size: int) -> Path:
    """One ~1 MB article made of the corpus's own articles, each once (repeats would be folded
    by the cleaner) and each as cleaned (a web capture's comments section would end the long
    article there); kept in the temporary folder."""
    from reader.ingest import IngestError, format_of, iter_files, load, read_bytes

    folder.mkdir(parents=True, exist_ok=True)
    parts: list[str] = ["A very long article made of many reports", ""]
    total = 0
    for path, refusal in iter_files([corpus]):  # a smaller corpus gives a smaller article
        if refusal is not None:
            continue
        try:
            doc = load(read_bytes(path), format_of(path) or "text")
        except IngestError:
            continue
        body = doc.text.split("\n", 1)[-1].strip()
        parts.append(body)
        total += len(body.encode())
        if total >= size:
            break
    target = folder / "synthetic-1mb.txt"
    target.write_text("\n\n".join(parts), encoding="utf-8")
    return target


def peak_rss_mb() -> float:
    """The largest resident size of this process and of any worker it waited for, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return round(max(own, kids) * scale / 1e6, 1)


# -- measurements run in their own process --------------------------------------------------------
def _workspace(library_dir: str) -> Any:
    from reader.paths import LibraryPaths
    from reader.workspace import Workspace

    root = Path(library_dir)
    return Workspace(LibraryPaths(root, root / "cache"))


def _megabytes(path: Path) -> float:
    if path.is_file():
        return round(path.stat().st_size / 1e6, 1)
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return round(size / 1e6, 1)


def child_import(library_dir: str, corpus: str) -> dict[str, Any]:
    from reader.model import ImportOutcome

    # counted from when the parent launched this process, as recollindex's time is
    launched = float(os.environ.get("CORPUS_READER_BENCH_LAUNCHED", time.time()))
    start_up = max(0.0, time.time() - launched)
    started = time.perf_counter()
    with _workspace(library_dir) as ws:
        result = ws.import_paths([corpus])
        where = ws.where
    seconds = time.perf_counter() - started + start_up
    library_mb = sum(
        _megabytes(p)
        for p in where.library_db.parent.glob(where.library_db.name + "*")
        if p.is_file()
    )
    return {
        # the whole import: read, clean, store, index the text, analyse, index the quotations
        "seconds": round(seconds, 3),
        "searchable_seconds": round(result.searchable_seconds + start_up, 3),
        "start_up_seconds": round(start_up, 3),
        "import_seconds": round(result.import_seconds, 3),
        "index_seconds": round(result.index_seconds, 3),
        "analysis_seconds": round(result.analysis_seconds, 3),
        "trace_seconds": round(result.trace_seconds, 3),
        "articles": result.report.count(ImportOutcome.ADDED),
        "analysed": result.analysed,
        "refused": len(result.report.refused),
        "indexed": result.sync.added,
        "peak_rss_mb": peak_rss_mb(),
        "index_mb": _megabytes(where.index_dir),
        "library_mb": round(library_mb, 1),
    }


def child_rescan(library_dir: str, corpus: str) -> dict[str, Any]:
    from reader.model import ImportOutcome

    started = time.perf_counter()
    with _workspace(library_dir) as ws:
        result = ws.import_paths([corpus])
    sync = result.sync
    return {
        "seconds": round(time.perf_counter() - started, 3),
        "unchanged": result.report.count(ImportOutcome.UNCHANGED),
        "changed": len(result.report.changed_ids),
        "reindexed": sync.added + sync.updated + sync.removed,
    }


def child_whoosh_alone(corpus: str, folder: str) -> dict[str, Any]:
    """Whoosh's own indexing of the corpus's raw files (:mod:`reader.search.floor`)."""
    from reader.ingest import iter_files
    from reader.search.floor import index_plainly

    files = [path for path, refusal in iter_files([corpus]) if refusal is None]
    seconds, count = index_plainly(files, Path(folder))
    shutil.rmtree(folder, ignore_errors=True)
    return {"seconds": round(seconds, 3), "files": count}


def child_search(library_dir: str) -> dict[str, Any]:
    per_query: list[dict[str, Any]] = []
    every: list[float] = []
    comparable: list[float] = []
    facet_times: list[float] = []
    with _workspace(library_dir) as ws:
        ws.search("warm up", limit=SNIPPETS)
        for kind, query, recoll_query in QUERIES:
            times = []
            facets = []
            for _ in range(SEARCH_REPEATS):
                # what the window does: the result list with its snippets, then the facet counts
                started = time.perf_counter()
                result = ws.search(query, limit=SNIPPETS, with_facets=False)
                times.append(time.perf_counter() - started)
                started = time.perf_counter()
                counts = ws.facets(query)
                facets.append(time.perf_counter() - started)
            facet_times += facets
            every += times
            if recoll_query is not None:
                comparable += times
            per_query.append(
                {
                    "query": query,
                    "kind": kind,
                    "hits": result.total,
                    "hits_estimated": result.total_is_estimate,
                    "facets_estimated": bool(getattr(counts, "estimated", False)),
                    "median_ms": ms(statistics.median(times)),
                    "facets_median_ms": ms(statistics.median(facets)),
                }
            )
    return {
        "queries": len(QUERIES),
        "repeats": SEARCH_REPEATS,
        "snippets": SNIPPETS,
        "p50_ms": ms(percentile(every, 50)),
        "p95_ms": ms(percentile(every, 95)),
        "max_ms": ms(max(every)),
        "comparable_p95_ms": ms(percentile(comparable, 95)),
        "facets_p50_ms": ms(percentile(facet_times, 50)),
        "facets_p95_ms": ms(percentile(facet_times, 95)),
        "per_query": per_query,
    }


def cold_start(library_dir: Path) -> dict[str, Any]:
    """A new process, from launch until the window has painted once (then it quits)."""
    env = child_env()
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "reader.devtools.bench_window", "cold", str(library_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    painted = [line for line in proc.stdout.splitlines() if line.startswith("painted ")]
    if proc.returncode != 0 or not painted:
        raise RuntimeError(f"the window did not start ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return {
        "seconds": round(float(painted[-1].split()[1]) - started, 3),
        "exit_seconds": round(time.monotonic() - started, 3),
    }


# -- Recoll, for comparison -------------------------------------------------------------------------
def recoll(corpus: Path, folder: Path, runs: int) -> dict[str, Any]:
    """Index the same files with Recoll and run the comparable queries through ``recollq``."""
    if shutil.which("recollindex") is None or shutil.which("recollq") is None:
        raise RuntimeError("--vs-recoll needs Recoll: apt-get install recoll")
    conf = folder / "conf"
    timings = []
    for _ in range(runs):
        shutil.rmtree(folder, ignore_errors=True)
        conf.mkdir(parents=True)
        (conf / "recoll.conf").write_text(
            f"topdirs = {corpus.resolve()}\nloglevel = 1\nidxflushmb = 50\n", encoding="utf-8"
        )
        started = time.perf_counter()
        subprocess.run(
            ["recollindex", "-c", str(conf), "-z"],
            check=True,
            capture_output=True,
            env=dict(os.environ, RECOLL_CONFDIR=str(conf)),
        )
        timings.append(time.perf_counter() - started)
    latencies = []
    for _kind, _query, recoll_query in QUERIES:
        if recoll_query is None:
            continue
        for _ in range(SEARCH_REPEATS):
            started = time.perf_counter()
            subprocess.run(
                ["recollq", "-c", str(conf), "-n", f"0-{SNIPPETS - 1}", "-A", recoll_query],
                check=True,
                capture_output=True,
            )
            latencies.append(time.perf_counter() - started)
    return {
        "version": _recoll_version(),
        "index_seconds": round(statistics.median(timings), 3),
        "index_runs": [round(t, 3) for t in timings],
        # each recollq is a new process: this includes its start-up, as a user's search would
        "search_p50_ms": ms(percentile(latencies, 50)),
        "search_p95_ms": ms(percentile(latencies, 95)),
    }


def _recoll_version() -> str:
    try:
        proc = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "recoll"], capture_output=True, text=True
        )
    except OSError:
        return "unknown"
    return proc.stdout.strip() or "unknown"


# -- the report --------------------------------------------------------------------------------------
def format_report(r: dict[str, Any]) -> str:
    lines = _report_lines(r)
    scaled = r.get("scaled")
    if scaled:
        lines += ["", f"=== {scaled['factor']}x the corpus ===", *_report_lines(scaled)]
        lines += ["", f"Growth ({scaled['factor']}x / 1x):"]
        lines += [f"  {k:22} {v:6.2f}" for k, v in scaled["growth"].items()]
    return "\n".join(lines)


def _report_lines(r: dict[str, Any]) -> list[str]:
    m, c, imp = r["machine"], r["corpus"], r["import"]
    load = " / ".join(f"{x:.2f}" for x in m.get("load_average", []))
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, Python {m['python']}"
        f" (sum(range(10**6)) {m['sum_range_1e6_ms']} ms); load average {load} at the start",
        f"Corpus: {c['path']}, {c['files']:,} files, {c['megabytes']} MB",
        f"Runs: {len(imp['runs'])} (figures are medians)",
        "",
        f"Time to searchable {imp['searchable_seconds']:8.2f} s  (read, clean, store"
        f" {imp['import_seconds']:.2f} s; index the text {imp['index_seconds']:.2f} s)",
        f"Full import        {imp['seconds']:8.2f} s  {imp['articles_per_s']:,.0f} articles/s"
        f"  ({imp['articles']:,} articles; then analysed and quotes indexed in"
        f" {imp['analysis_seconds']:.2f} s, of which statement clusters"
        f" {imp['trace_seconds']:.2f} s: {imp['trace_share']:.1%} of the import)",
        f"Peak RSS           {imp['peak_rss_mb']:8.1f} MB  (largest process)",
        f"On disk            index {imp['index_mb']:.1f} MB, library {imp['library_mb']:.1f} MB",
        f"Unchanged re-scan  {r['rescan']['seconds']:8.3f} s",
        f"Search             p50 {r['search']['p50_ms']:.1f} ms, p95 {r['search']['p95_ms']:.1f} ms"
        f"  ({r['search']['queries']} queries x {r['search']['repeats']},"
        f" {r['search']['snippets']} snippets each)",
        f"Facet counts       p50 {r['search']['facets_p50_ms']:.1f} ms,"
        f" p95 {r['search']['facets_p95_ms']:.1f} ms  (actors and sources, after the list)",
    ]
    if "article_open" in r:
        a = r["article_open"]
        lines += [
            f"Article open       p50 {a['p50_ms']:.1f} ms, p95 {a['p95_ms']:.1f} ms"
            f"  ({a['articles']} articles, all layers, layout and paint)",
            f"{a['large_chars'] / 1e6:.1f} M-char article   p50 {a['large_p50_ms']:.0f} ms,"
            f" p95 {a['large_p95_ms']:.0f} ms (first open, with analysis, {a['large_first_ms']:.0f} ms)",
            f"Cold start         {r['cold_start']['seconds']:8.2f} s  (to the first painted window)",
        ]
        g = r["gui_stall"]
        lines.append(
            f"Window under load: longest stall {g['max_stall_ms']:.0f} ms, p99 {g['p99_stall_ms']:.1f} ms"
            f" over {g['seconds']:.0f} s of import and {g['searches']} searches"
        )
    if "recoll" in r:
        rc, ratio = r["recoll"], r["ratios"]
        lines += [
            "",
            f"Recoll {rc['version']}: index {rc['index_seconds']:.2f} s, recollq p50"
            f" {rc['search_p50_ms']:.0f} ms, p95 {rc['search_p95_ms']:.0f} ms (each a new process)",
            *(
                [
                    f"Whoosh alone (its stock analyser, the raw files, 2 processes): index"
                    f" {rc['whoosh_alone_seconds']:.2f} s, {ratio['whoosh_alone']:.2f}x Recoll"
                    " (no import on this engine is searchable sooner)"
                ]
                if "whoosh_alone" in ratio
                else []
            ),
            f"Ratios (ours / Recoll): searchable {ratio['searchable']:.2f},"
            f" analysed {ratio['analysed']:.2f}"
            + (f", search p95 {ratio['search_p95']:.2f}" if "search_p95" in ratio else ""),
        ]
    if r.get("targets"):
        lines += ["", "Targets:"]
        for name, t in r["targets"].items():
            mark = {True: "met", False: "NOT met", None: "not measured"}[t["met"]]
            value = "—" if t["value"] is None else f"{t['value']:g}"
            lines.append(f"  {name:44} {value:>10}  target {t['target']:12} {mark}")
    lines.append("")
    lines.append("Per query (median ms for the list, for the facets; hits, ~ = estimated):")
    for q in r["search"]["per_query"]:
        about = "~" if q.get("hits_estimated") else " "
        lines.append(
            f"  {q['median_ms']:7.1f} {q['facets_median_ms']:7.1f}  {about}{q['hits']:7,}  {q['query']}"
        )
    return lines


def _main(argv: Sequence[str]) -> int:
    """The child processes' entry point: ``python -m reader.devtools.bench import|rescan|search ...``."""
    commands: dict[str, Callable[..., dict[str, Any]]] = {
        "import": child_import,
        "rescan": child_rescan,
        "search": child_search,
        "whoosh-alone": child_whoosh_alone,
    }
    print(json.dumps(commands[argv[0]](*argv[1:])))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
