"""``corpus-reader``: the window with no command, headless commands for scripts, tests and benchmarks."""

from __future__ import annotations

import argparse
import contextlib
import json
import sqlite3
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reader import __version__, paths, wording
from reader.export.w3c import MAX_IMPORT_BYTES
from reader.library import LibraryError, damaged_library_advice
from reader.model import ImportOutcome, Layers
from reader.search import IndexBusy, QueryError
from reader.sqlite_files import Problem, explain, problem_of
from reader.workspace import Workspace


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="corpus-reader",
        description="Read, search and annotate news articles offline. With no command, opens the window.",
    )
    p.add_argument("--version", action="version", version=f"corpus-reader {__version__}")
    # for packagers: start the window, wait for its first search, quit (0 when it worked)
    p.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    p.add_argument(
        "--library",
        metavar="DIR",
        help=f"keep the library, annotations and index under DIR (env {paths.ENV_LIBRARY})",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    add = sub.add_parser("add", help="import files and folders (.txt, .md, .html), recursively")
    add.add_argument("paths", nargs="*", metavar="PATH")
    add.add_argument(
        "--sample", action="store_true", help="the five sample articles that come with the app"
    )
    add.add_argument("--quiet", action="store_true", help="print only the summary")

    idx = sub.add_parser("index", help="bring the search index up to date")
    idx.add_argument("--rebuild", action="store_true", help="rebuild it from scratch")

    search = sub.add_parser("search", help="search the library (Whoosh query syntax)")
    search.add_argument(
        "query", help="words, phrases, AND/OR/NOT, field:value (Help ▸ Search Syntax)"
    )
    search.add_argument("--limit", type=int, default=20, help="at most this many results (20)")
    search.add_argument(
        "--json", action="store_true", help="id, title, source, date, score, snippet, snippet_hits"
    )

    lst = sub.add_parser("list", help="list the articles")
    lst.add_argument("--json", action="store_true", help="id, path and title of each article")

    show = sub.add_parser("show", help="print one article")
    show.add_argument("id", type=int, help="the article's id (search and list print it)")
    show.add_argument(
        "--json", action="store_true", help="the text, metadata and analysis spans as JSON"
    )
    show.add_argument("--original", action="store_true", help="print the text as read")

    an = sub.add_parser("analyze", help="run the analysers on JSON Lines texts (no cleaning)")
    an.add_argument(
        "--input", required=True, metavar="IN.jsonl", help='lines of {"id", "text"}; - reads stdin'
    )
    an.add_argument(
        "--output", required=True, metavar="OUT.jsonl", help="- writes to standard output"
    )

    ev = sub.add_parser("eval", help="precision, recall and F1 of an analyser on a gold set")
    ev.add_argument("kind", choices=["quotes", "entities", "claims"])
    ev.add_argument("gold", metavar="GOLD.jsonl")
    ev.add_argument("--json", action="store_true", help="the figures as JSON")
    ev.add_argument("--errors", action="store_true", help="list every error")
    ev.add_argument(
        "--texts",
        metavar="DIR",
        help="folder holding the files that stand-off gold lines name as their source",
    )
    ann = sub.add_parser("annotations", help="import or export annotations")
    ann_sub = ann.add_subparsers(dest="action", metavar="ACTION", required=True)
    imp = ann_sub.add_parser(
        "import", help="W3C Web Annotation JSON-LD: a collection, list or lines"
    )
    imp.add_argument("file", metavar="FILE")
    exp = ann_sub.add_parser("export", help="annotations as md, html, csv, w3c or claimreview")
    exp.add_argument("--format", required=True, choices=["md", "html", "csv", "w3c", "claimreview"])
    exp.add_argument("--output", metavar="FILE", help="write here (atomically); default stdout")
    exp.add_argument("--article", type=int, metavar="ID", help="only this article's")
    exp.add_argument("--tag", metavar="T", help="only annotations with this tag")
    exp.add_argument("--verdict", metavar="V", help="only claims with this verdict")
    exp.add_argument("--org", default="", help="the reviewing organisation (ClaimReview)")
    exp.add_argument("--base-url", default="", help="where reviews are published (ClaimReview)")
    exp.add_argument("--title", default="", help="the report's title (md, html)")
    exp.add_argument("--author", default="", help="the report's author, the reviewer (md, html)")
    ann_sub.add_parser("backups", help="check the annotations and list their daily backups")
    rst = ann_sub.add_parser(
        "restore", help="put a backup in place (the current file is kept beside it)"
    )
    rst.add_argument("backup", nargs="?", metavar="FILE", help="default: the newest backup")
    tr = sub.add_parser(
        "trace", help="a statement across the library: first appearance, repeats, drift"
    )
    tr.add_argument("cluster", nargs="?", metavar="ID", help="a statement's id (12 hex digits)")
    tr.add_argument("--text", help="the statement's words")
    tr.add_argument("--article", type=int, metavar="ID", help="this article's repeated statements")
    tr.add_argument("--speaker", help="every quotation of this speaker, by statement")
    tr.add_argument("--outlet", help="with --speaker: only where this outlet quotes them")
    tr.add_argument("--words", help="with --speaker: only statements with these words")
    tr.add_argument("--build", action="store_true", help="cluster the whole library again")
    tr.add_argument("--json", action="store_true", help="the statements and their trails as JSON")
    fix = sub.add_parser(
        "correct", help="correct the analysis: an actor's type, a merge, a speaker"
    )
    fix_sub = fix.add_subparsers(dest="action", metavar="WHAT", required=True)
    ftype = fix_sub.add_parser("type", help="NAME is a TYPE in every article")
    ftype.add_argument("name")
    ftype.add_argument("type", choices=["person", "organisation", "country", "place"])
    fmerge = fix_sub.add_parser("merge", help="ALIAS is another name of ACTOR, everywhere")
    fmerge.add_argument("alias")
    fmerge.add_argument("actor")
    fmerge.add_argument(
        "--type",
        default=None,
        choices=["person", "organisation", "country", "place"],
        help="ACTOR's type (default: as the analysis has it)",
    )
    for what in ("speaker", "claimant"):
        fwho = fix_sub.add_parser(
            what, help=f"set the {what} of a {'quotation' if what == 'speaker' else 'claim'}"
        )
        fwho.add_argument("article", type=int, metavar="ID", help="the article's id")
        fwho.add_argument("words", help="words of the quotation or claim, to find it")
        fwho.add_argument("who", nargs="?", help=f"the {what}; leave out with --none")
        fwho.add_argument("--none", action="store_true", help="the text does not say who")
    fix_sub.add_parser("list", help="your corrections")
    desk = sub.add_parser(
        "install-desktop-entry",
        help="add Corpus Reader to the desktop's applications menu (with its icon)",
    )
    desk.add_argument("--uninstall", action="store_true", help="remove it again")
    bench = sub.add_parser("bench", help="measure import, re-scan, search, opening and start-up")
    bench.add_argument(
        "--corpus", metavar="DIR", help="files to measure with (default: ../shared/data)"
    )
    bench.add_argument("--json", action="store_true", help="print every figure as JSON")
    bench.add_argument("--runs", type=int, default=3, help="runs per figure (medians; default 3)")
    bench.add_argument(
        "--vs-recoll", action="store_true", help="also index and search with Recoll; print ratios"
    )
    bench.add_argument("--no-gui", action="store_true", help="skip the window's figures")
    bench.add_argument(
        "--scale",
        type=int,
        default=1,
        metavar="N",
        help="also measure an N-times corpus made from this one, and how each figure grows",
    )
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command is None:
        from reader.ui.app import run  # the window is only loaded when asked for

        return run(args.library, smoke_test=args.smoke_test)
    if args.command in _STATELESS:
        return _STATELESS[args.command](args)
    where = paths.resolve(args.library)
    try:
        where.ensure()
    except OSError as exc:  # a read-only place: reading and exporting still work
        if not where.root.is_dir():
            print(f"error: cannot use {where.root}: {exc.strerror or exc}", file=sys.stderr)
            return 2
    ws = Workspace(where)
    try:
        try:
            ws.library()
        except LibraryError as exc:
            if args.command != "annotations":
                print(f"error: {exc}", file=sys.stderr)
                return 2
            # the annotations are the user's own: they can be listed and exported without it
            print(f"warning: {exc}", file=sys.stderr)
            return cmd_annotations(args, ws, with_library=False)
        return _COMMANDS[args.command](args, ws)
    except BrokenPipeError:
        return 0
    except sqlite3.Error as exc:  # the library failed while in use (damaged, full, read-only)
        if problem_of(exc) is Problem.DAMAGED:
            print(f"error: {damaged_library_advice(where.library_db)}", file=sys.stderr)
        else:
            print(
                f"error: the library could not be used: {explain(exc, where.library_db)}",
                file=sys.stderr,
            )
        return 2
    except IndexBusy as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    finally:
        ws.close()


def _follow(ws: Workspace) -> None:
    """Annotations in line with the library; told when that cannot be done now."""
    followed = ws.follow_library()
    if followed.error:
        print(
            f"warning: annotations were not brought up to date now ({followed.error}); nothing"
            " is lost — the next `add`, `index` or window start does it",
            file=sys.stderr,
        )
    if followed.reanchored:
        print(
            f"{followed.reanchored} annotation(s) re-anchored in changed articles"
            " (see the Notes tab)"
        )


def cmd_add(args: argparse.Namespace, ws: Workspace) -> int:
    library = ws.library()
    if library.read_only:
        print(f"error: the library cannot be written: {library.read_only_reason}", file=sys.stderr)
        return 2
    chosen = list(args.paths) + ([str(paths.BUNDLED_CORPUS_DIR)] if args.sample else [])
    if not chosen:
        print("error: name files or folders to add, or --sample", file=sys.stderr)
        return 2
    result = ws.import_paths(chosen)
    report, sync = result.report, result.sync
    if result.followed.error:
        print(
            f"warning: annotations were not brought up to date now ({result.followed.error});"
            " nothing is lost — the next `add`, `index` or window start does it",
            file=sys.stderr,
        )
    if result.followed.reanchored:
        print(
            f"{result.followed.reanchored} annotation(s) re-anchored in changed articles"
            " (see the Notes tab)"
        )
    if not args.quiet:
        for entry in report.entries:
            if entry.outcome is ImportOutcome.REFUSED:
                print(f"refused: {entry.path}: {entry.reason}")
    print(
        f"{report.summary()} in {result.import_seconds:.1f} s; index: {sync.added} added, "
        f"{sync.updated} updated, {sync.removed} removed in {result.index_seconds:.1f} s"
    )
    readable = len(report.entries) - len(report.refused)
    return 0 if readable else 1


def cmd_index(args: argparse.Namespace, ws: Workspace) -> int:
    started = time.perf_counter()
    if not ws.library().read_only:
        _follow(ws)
    report = ws.sync_index(rebuild=args.rebuild)
    if report.message:
        print(report.message)
    print(
        f"index: {report.added} added, {report.updated} updated, {report.removed} removed "
        f"in {time.perf_counter() - started:.1f} s"
    )
    return 0


def cmd_search(args: argparse.Namespace, ws: Workspace) -> int:
    if not ws.library().read_only:
        try:
            report = ws.sync_index()
        except OSError as exc:  # an index that cannot be written now: search what is there
            print(f"warning: the index could not be updated: {exc}", file=sys.stderr)
        else:
            if report.message and not args.json:
                print(report.message, file=sys.stderr)
    try:
        result = ws.search(args.query, limit=args.limit)
    except QueryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        _print_json(
            [
                {
                    "id": h.article_id,
                    "title": h.title,
                    "source": h.source,
                    "date": h.date,
                    "score": round(h.score, 4),
                    "snippet": h.snippet.text,
                    # where the hit words stand in it, as [start, end) code points
                    "snippet_hits": [list(span) for span in h.snippet.hits],
                }
                for h in result.hits
            ]
        )
        return 0
    if result.message:
        print(f"note: {result.message}", file=sys.stderr)
    about = "about " if result.total_is_estimate else ""
    print(f"{about}{result.total} result{'s' if result.total != 1 else ''} for {result.query}")
    if result.partial:
        print(f"note: {result.partial}", file=sys.stderr)
    for h in result.hits:
        meta = " · ".join(x for x in (h.source, h.date) if x)
        print(f"[{h.article_id}] {h.title}" + (f"  ({meta})" if meta else ""))
        bold = ("\033[1m", "\033[0m") if sys.stdout.isatty() else ("", "")
        print(f"    {h.snippet.marked(*bold)}")
    return 0


def cmd_list(args: argparse.Namespace, ws: Workspace) -> int:
    rows = ws.library().summaries()
    if args.json:
        _print_json(
            [{"id": r["id"], "path": r["path"], "title": r["title"]} for r in rows.values()]
        )
        return 0
    for r in rows.values():
        print(f"{r['id']:>6}  {r['title'] or '(untitled)'}  [{r['path']}]")
    return 0


def cmd_show(args: argparse.Namespace, ws: Workspace) -> int:
    article = ws.library().get(args.id)
    if article is None:
        print(f"error: no article with id {args.id}", file=sys.stderr)
        return 1
    if args.json:
        spans = ws.spans(article)
        data: dict[str, Any] = {
            "id": article.id,
            "uri": article.uri,
            "path": article.path,
            "title": article.title,
            "source": article.source,
            "byline": article.byline,
            "date": article.date,
            "text": article.text,
            "original": article.original,
            "encoding": article.encoding,
            "format": article.format,
            "missing": article.missing_since is not None,
            "spans": [
                {"kind": x.kind, "start": x.start, "end": x.end, "label": x.label, "attrs": x.attrs}
                for x in spans
            ],
            # each actor once, with the one type the analysis gives it (as the window shows)
            "actors": [
                {"name": a.name, "type": a.type, "mentions": a.mentions, "aliases": list(a.aliases)}
                for a in Layers.from_spans(spans).cast()
            ],
        }
        _print_json(data)
        return 0
    if args.original:
        print(article.original)
        return 0
    print(article.display_title)
    details = " · ".join(x for x in (article.source, article.byline, article.date) if x)
    if details:
        print(details)
    print()
    print(article.text)
    return 0


def _print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def cmd_analyze(args: argparse.Namespace) -> int:
    from reader.analysis import EVAL_TYPE, analyze

    count = 0
    with contextlib.ExitStack() as files:
        src = (
            sys.stdin
            if args.input == "-"
            else files.enter_context(open(args.input, encoding="utf-8"))
        )
        out = (
            sys.stdout
            if args.output == "-"
            else files.enter_context(open(args.output, "w", encoding="utf-8"))
        )
        for n, line in enumerate(src, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                text = doc["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                print(
                    f"error: {args.input}:{n}: not a JSON object with a text: {exc}",
                    file=sys.stderr,
                )
                return 2
            a = analyze(text)
            record = {
                "id": doc.get("id", str(n)),
                "actors": [
                    {"start": m.start, "end": m.end, "type": EVAL_TYPE[m.type], "name": m.name}
                    for m in a.actors
                ],
                "quotes": [
                    {"start": q.start, "end": q.end, "speaker": q.speaker} for q in a.quotes
                ],
                "claims": [
                    {
                        "start": c.start,
                        "end": c.end,
                        "claimant": c.claimant,
                        "score": c.score,
                        "kind": c.kind,
                    }
                    for c in a.claims
                ],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    into = "standard output" if args.output == "-" else args.output
    print(f"analysed {wording.count(count, 'text')} into {into}", file=sys.stderr)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.devtools.evaluate import GoldError, evaluate

    try:
        score, figures = evaluate(
            args.kind, Path(args.gold), Path(args.texts) if args.texts else None
        )
    except (OSError, ValueError, GoldError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.json:
        _print_json(figures | ({"errors": score.errors} if args.errors else {}))
        return 0
    print(f"{args.kind}: {', '.join(f'{k} {v}' for k, v in figures.items())}")
    if args.errors:
        for e in score.errors:
            print("  " + json.dumps(e, ensure_ascii=False))
    return 0


def cmd_annotations(args: argparse.Namespace, ws: Workspace, with_library: bool = True) -> int:
    from pathlib import Path

    from reader.annotations import AnnotationStore, AnnotationStoreError, Filters
    from reader.backup import health
    from reader.export.w3c import import_annotations

    if args.action in ("backups", "restore"):
        return _backups(args.action, ws.where.annotations_db, getattr(args, "backup", None))
    db = ws.where.annotations_db
    found = health(db)
    if found.state == "damaged":  # never written to; the user decides
        print(
            f"error: the annotations file is damaged ({found.reason}); nothing was changed."
            " See `corpus-reader annotations backups` and `annotations restore`.",
            file=sys.stderr,
        )
        return 2
    if args.action == "import":
        if not with_library:
            print("error: annotations are imported into the articles of a library", file=sys.stderr)
            return 2
        try:
            size = Path(args.file).stat().st_size
            if size > MAX_IMPORT_BYTES:
                print(
                    f"error: {args.file}: the file is over {MAX_IMPORT_BYTES // 2**20} MB",
                    file=sys.stderr,
                )
                return 2
            text = Path(args.file).read_text(encoding="utf-8")
            with AnnotationStore(db) as store:
                result = import_annotations(store, ws.library(), text)
        except (OSError, ValueError, UnicodeDecodeError, AnnotationStoreError) as exc:
            print(f"error: {args.file}: {exc}", file=sys.stderr)
            return 2
        for ident, reason in result.skipped:
            print(f"skipped: {ident}: {reason}")
        for ident, reason in result.conflicts:
            print(f"conflict: {ident}: {reason}")
        print(result.summary())
        return 0 if result.added or result.updated or not result.skipped else 1
    uri = None
    if args.article is not None:
        article = ws.library().get(args.article) if with_library else None
        if article is None:
            print(f"error: no article with id {args.article}", file=sys.stderr)
            return 1
        uri = article.uri
    filters = Filters(article_uri=uri, tag=args.tag, verdict=args.verdict)
    options = {
        "org": args.org,
        "base_url": args.base_url,
        "title": args.title,
        "author": args.author,
    }
    target = Path(args.output) if args.output else None
    try:
        try:
            exported = ws.export(args.format, filters, options, target, with_library)
        except sqlite3.DatabaseError as exc:  # the library broke while read: export anyway
            if problem_of(exc) is not Problem.DAMAGED:
                raise
            print(f"warning: {damaged_library_advice(ws.where.library_db)}", file=sys.stderr)
            exported = ws.export(args.format, filters, options, target, with_library=False)
    except AnnotationStoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    for warning in exported.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if target is not None:
        print(f"{exported.count} annotation(s) written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(exported.content)
    return 0


def _backups(action: str, store: Path, chosen: str | None) -> int:
    from reader import backup

    if action == "backups":
        found = backup.health(store)
        state = found.state + (f": {found.reason}" if found.reason else "")
        if found.annotations is not None:
            state += f" ({found.annotations} annotation(s))"
        print(f"{store}: {state}")
        for b in backup.list_backups(store):
            count = "unreadable" if b.annotations is None else f"{b.annotations} annotation(s)"
            print(f"{b.day.isoformat()}  {count}  {b.path}")
        return 1 if found.state == "damaged" else 0
    backups = backup.list_backups(store)
    source = Path(chosen) if chosen else (backups[0].path if backups else None)
    if source is None:
        print(f"error: no backups in {backup.backups_dir(store)}", file=sys.stderr)
        return 2
    try:
        aside = backup.restore(source, store)
    except backup.BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"restored {source.name}"
        + (f"; the previous file is kept as {aside.name}" if aside else "")
    )
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from pathlib import Path

    from reader.devtools.bench import Bench, default_corpus, format_report

    corpus = Path(args.corpus) if args.corpus else default_corpus()
    if corpus is None or not corpus.is_dir():
        print("error: no corpus folder; give one with --corpus DIR", file=sys.stderr)
        return 2
    bench = Bench(
        corpus,
        runs=max(1, args.runs),
        vs_recoll=args.vs_recoll,
        gui=not args.no_gui,
        log=lambda m: print(m, file=sys.stderr, flush=True),
        scale=max(1, args.scale),
    )
    try:
        result = bench.run()
    except RuntimeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if bench.partial:  # the figures measured before it failed
            print(json.dumps(bench.partial, indent=2), file=sys.stderr)
        return 1
    print(json.dumps(result, indent=2) if args.json else format_report(result))
    return 0


def cmd_trace(args: argparse.Namespace, ws: Workspace) -> int:
    from reader import trace

    library = ws.library()
    if args.build:
        if library.read_only:
            print(
                f"error: the library cannot be written: {library.read_only_reason}", file=sys.stderr
            )
            return 2
        report = trace.build(library)
        print(json.dumps(report.to_json()) if args.json else _trace_report(report))
        return 0
    ws.trace_update()  # what the last imports added
    clusters: list[trace.Cluster]
    if args.cluster:
        found = trace.get(library, args.cluster)
        clusters = [found] if found is not None else []
    elif args.text:
        clusters = ws.trace_text(args.text)
    elif args.article is not None:
        clusters = ws.repeated_in(args.article)
    elif args.speaker:
        clusters = ws.trace_speaker(args.speaker, args.outlet, args.words)
    else:
        print("error: give a statement's ID, --text, --article or --speaker", file=sys.stderr)
        return 2
    if args.json:
        print(trace.to_json(clusters))
        return 0 if clusters else 1
    if not clusters:
        print(_nothing_traced(args, library), file=sys.stderr)
        return 1
    for cluster in clusters:
        print(_cluster_text(cluster))
    return 0


def _nothing_traced(args: argparse.Namespace, library: Any) -> str:
    """Why a trace found nothing, in the terms of what was asked."""
    if args.cluster:
        return f"no statement {args.cluster} in the library (IDs are printed by trace and search)"
    if args.text:
        return "no statement in the library has these words"
    if args.article is not None:
        if library.get(args.article) is None:
            return f"no article with id {args.article}"
        return f"article {args.article} has no statement that another article carries too"
    narrowed = " with those outlet and words" if args.outlet or args.words else ""
    return f"no statement by {args.speaker!r}{narrowed} in the library"


def _trace_report(report: Any) -> str:
    clusters = f"{wording.count(report.clusters, 'cluster')} of two or more statements"
    return (
        f"{wording.count(report.statements, 'statement')} in {clusters}"
        f" ({report.cross_article:,} across articles, the largest of {report.largest:,});"
        f" {wording.count(report.articles_read, 'article')} read in {report.seconds:.1f} s"
        + ("; cancelled" if report.cancelled else "")
    )


def _cluster_text(cluster: Any) -> str:
    """One statement's trail as text: first appearance, every article by date, the wording's
    changes against the reference ([+added] [-removed]), and a flag when speakers differ."""
    from reader.trace import present

    lines = [f"[{cluster.id}] {present.first_said(cluster)}"]
    if cluster.speaker_flag is not None:
        lines.append("  ⚑ the same words are given to different people: ")
        lines[-1] += present.who_says(cluster.speaker_flag)
    for m in present.places(cluster):
        where = " · ".join(x for x in (m.date or "undated", m.outlet or "no outlet") if x)
        who = m.speaker or "speaker not found"
        lines.append(f"  {where} · [{m.article_id}] {m.title or ''} — {who}")
        lines.append(f"    “{present.drift_text(cluster, m)}”")
    return "\n".join(lines)


def cmd_correct(args: argparse.Namespace, ws: Workspace) -> int:
    from reader.corrections import CorrectionError

    library = ws.library()
    try:
        if args.action == "list":
            for actor in ws.corrections.actors():
                aliases = ", ".join(actor.get("aliases") or [])
                print(
                    f"actor  {actor.get('name')} ({actor.get('type')})"
                    + (f" ← {aliases}" if aliases else "")
                )
            rows = library.identities(ws.corrections.all_articles())
            for uri, ident in rows.items():
                for fix in ws.corrections.for_article(uri):
                    words = " ".join(fix.words.split())[:60]
                    print(f"{fix.kind:<6} [{ident.id}] “{words}” → {fix.who or '(not said)'}")
            return 0
        if args.action == "type":
            done = ws.correct_type(args.name, args.type)
            print(f"{args.name} is a {args.type} now; {done} article(s) analysed again")
            return 0
        if args.action == "merge":
            kind = args.type or _actor_type(ws, args.actor) or "organisation"
            done = ws.merge_actors(args.alias, args.actor, kind)
            print(f"{args.alias} is {args.actor} now; {done} article(s) analysed again")
            return 0
        article = library.get(args.article)
        if article is None:
            print(f"error: no article with id {args.article}", file=sys.stderr)
            return 1
        if not args.none and not args.who:
            print(f"error: give the {args.action}, or --none", file=sys.stderr)
            return 2
        kind = "quote" if args.action == "speaker" else "claim"
        layers = ws.layers(article)
        spans = layers.quotes if kind == "quote" else layers.claims
        wanted = " ".join(args.words.split()).casefold()
        found = [
            s for s in spans if wanted in " ".join(article.text[s.start : s.end].split()).casefold()
        ]
        if not found:
            print(
                f"error: no {'quotation' if kind == 'quote' else 'claim'} with those words in article {article.id}",
                file=sys.stderr,
            )
            return 1
        span = found[0]
        ws.correct_who(article, kind, span.start, span.end, None if args.none else args.who)
        words = " ".join(article.text[span.start : span.end].split())[:60]
        print(f"{args.action} of “{words}”: {'(not said)' if args.none else args.who}")
        return 0
    except CorrectionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _actor_type(ws: Workspace, name: str) -> str | None:
    """An actor's type as the analysis has it somewhere in the library."""
    library = ws.library()
    for article_id in library.ids():
        spans = library.cached_spans(article_id) or []
        for sp in spans:
            if sp.kind == "actor" and sp.label == name:
                return str(sp.attrs.get("type") or "") or None
    return None


def cmd_desktop(args: argparse.Namespace) -> int:
    from reader import desktop

    try:
        changed = desktop.uninstall() if args.uninstall else desktop.install()
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    verb = "removed" if args.uninstall else "written"
    for path in changed:
        print(f"{verb}: {path}")
    return 0


_STATELESS = {
    "analyze": cmd_analyze,
    "eval": cmd_eval,
    "bench": cmd_bench,
    "install-desktop-entry": cmd_desktop,
}

_COMMANDS = {
    "correct": cmd_correct,
    "trace": cmd_trace,
    "add": cmd_add,
    "index": cmd_index,
    "search": cmd_search,
    "list": cmd_list,
    "show": cmd_show,
    "annotations": cmd_annotations,
}

if __name__ == "__main__":
    sys.exit(main())
