"""Measure the cleaner on article-extraction-benchmark pages (``aeb-dev`` and its kind).

    python -m reader.devtools.cleaning_eval GOLD_DIR [--html] [--json] [--with-title]
                                            [--split] [--score-script PATH] [--keep DIR]

``GOLD_DIR`` holds ``txt/<key>.txt`` (text captures), ``html/<key>.html`` and
``ground-truth.json`` (``{"<key>": {"articleBody": ...}}``). Each page is imported the way the
importer does it (``read_bytes`` then ``load`` with the file's format), and the text the reading
view shows as the article — the cleaned text, below the title and the metadata line — is scored
against the page's article body. ``--with-title`` puts the title in front, as the window's
heading shows it, for those who count the heading as part of the article.

The metric is the benchmark's own, reimplemented here exactly as ``aeb_score.py`` has it: per
page, 4-token shingles (tokens ``\\w+``) counted as multisets, tp/fp/fn normalised per page,
precision and recall each averaged over the pages where they are defined, F1 from the two
averages. ``--score-script`` also runs that script on the same ``pred.json`` and fails loudly if
the two disagree. ``--split`` adds the figures for a fixed-seed tuning part and check part, so a
change tuned on one can be seen to carry to the other.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from reader.ingest import IngestError, format_of, load, read_bytes

_TOKEN_RE = re.compile(r"\w+", re.UNICODE)
#: The split of aeb-dev used while tuning: fixed, so figures from different runs compare.
SPLIT_SEED = 13
CHECK_SHARE = 1 / 3


@dataclass(frozen=True)
class Score:
    pages: int
    precision: float
    recall: float
    f1: float


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = _TOKEN_RE.findall(text or "")
    return Counter(
        tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i : i + n]
    )


def page_score(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised by their sum, as the benchmark computes them."""
    a, b = _shingles(true), _shingles(pred)
    keys = a.keys() | b.keys()
    tp = sum(min(a[k], b[k]) for k in keys)
    fp = sum(max(0, b[k] - a[k]) for k in keys)
    fn = sum(max(0, a[k] - b[k]) for k in keys)
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def score(truth: dict[str, str], pred: dict[str, str], keys: Iterable[str]) -> Score:
    rows = [page_score(truth[k], pred.get(k, "")) for k in keys]
    p = statistics.mean([_precision(*r) for r in rows if r[0] + r[1] > 0] or [0.0])
    r = statistics.mean([_recall(*x) for x in rows if x[0] + x[2] > 0] or [0.0])
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Score(len(rows), round(p, 4), round(r, 4), round(f1, 4))


def split(keys: Iterable[str], seed: int = SPLIT_SEED) -> tuple[list[str], list[str]]:
    """(tune, check): a fixed shuffle of the sorted keys, the last third kept for checking."""
    ordered = sorted(keys)
    random.Random(seed).shuffle(ordered)
    n_check = round(len(ordered) * CHECK_SHARE)
    return sorted(ordered[n_check:]), sorted(ordered[:n_check])


def shown_text(path: Path, with_title: bool = False) -> str:
    """What the reading view shows as the article for ``path``, imported as the importer does."""
    try:
        doc = load(read_bytes(path), format_of(path) or "text")
    except IngestError:
        return ""  # refused: the window shows nothing of it
    if with_title and doc.metadata.title:
        return f"{doc.metadata.title}\n\n{doc.text}"
    return doc.text


def predict(gold_dir: Path, html: bool, with_title: bool) -> dict[str, str]:
    folder, ext = ("html", ".html") if html else ("txt", ".txt")
    return {p.stem: shown_text(p, with_title) for p in sorted((gold_dir / folder).glob(f"*{ext}"))}


def _run_script(script: Path, pred_path: Path, truth_path: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(script), str(pred_path), str(truth_path)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reader.devtools.cleaning_eval")
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--html", action="store_true", help="score the HTML pages, not the text")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--with-title", action="store_true", help="count the title as shown text")
    ap.add_argument("--split", action="store_true", help="also score the tune and check parts")
    ap.add_argument("--score-script", type=Path, help="aeb_score.py, to cross-check the figures")
    ap.add_argument("--keep", type=Path, help="write pred.json here rather than to a temp dir")
    args = ap.parse_args(argv)

    truth_path = args.gold_dir / "ground-truth.json"
    truth = {k: v["articleBody"] for k, v in json.loads(truth_path.read_text("utf-8")).items()}
    pred = predict(args.gold_dir, args.html, args.with_title)
    out_dir = args.keep or Path(tempfile.mkdtemp(prefix="cleaning-eval-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    pred_path = out_dir / "pred.json"
    pred_path.write_text(json.dumps(pred, ensure_ascii=False, indent=1), "utf-8")

    result: dict[str, object] = {
        "input": "html" if args.html else "txt",
        "pred": str(pred_path),
        "missing": sum(k not in pred for k in truth),
        "whole": asdict(score(truth, pred, truth)),
    }
    if args.split:
        tune, check = split(truth)
        result["tune"] = asdict(score(truth, pred, tune))
        result["check"] = asdict(score(truth, pred, check))
    if args.score_script:
        theirs = _run_script(args.score_script, pred_path, truth_path)
        ours = result["whole"]
        assert isinstance(ours, dict)
        for name in ("precision", "recall", "f1"):
            if abs(theirs[name] - ours[name]) > 1e-4:
                print(f"metric mismatch on {name}: {ours[name]} here, {theirs[name]} there")
                return 1
        result["script_agrees"] = True

    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['input']} pages, pred.json in {pred_path}")
    for part in ("whole", "tune", "check"):
        if part in result:
            s = result[part]
            assert isinstance(s, dict)
            print(
                f"  {part:<6} {s['pages']:>3} pages  P {s['precision']:.4f}  "
                f"R {s['recall']:.4f}  F1 {s['f1']:.4f}"
            )
    if result.get("script_agrees"):
        print("  (aeb_score.py gives the same figures)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
