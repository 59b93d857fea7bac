"""Train the actor tagger (``reader/analysis/ner.py``) on an entities gold set.

    python -m reader.devtools.train_ner /work/shared/gold/train-conll-entities.jsonl

The gold (DESIGN.md's entities format, research data) is read where it lies and never copied;
only the learned weights are written, to ``reader/analysis/data/ner.json.gz``. Training is an
averaged perceptron over greedy left-to-right decoding, with a fixed shuffle seed, so the same
gold gives the same file. ``--holdout 0.1`` keeps a tenth of the documents aside and reports the
tagger's F1 on them after each epoch (to choose ``--epochs`` without looking at a dev set).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from reader.analysis import gazetteer as _gazetteer
from reader.analysis import ner
from reader.analysis.actors import find_rule_actors

GOLD_TAG = {"person": "PER", "organisation": "ORG", "place": "LOC", "other": "MISC"}
OUT = Path(__file__).resolve().parent.parent / "analysis" / "data" / ner.MODEL_FILE


class Example:
    """One document: its prepared features and its gold labels."""

    def __init__(self, record: dict[str, Any], g: _gazetteer.Gazetteer) -> None:
        text = record["text"]
        rules = find_rule_actors(text, g)
        self.doc = ner.build_document(text, rules, g)
        toks = self.doc.toks
        starts = {t.start: k for k, t in enumerate(toks)}
        ends = {t.end: k for k, t in enumerate(toks)}
        self.gold = ["O"] * len(toks)
        for e in record["entities"]:
            i, j = starts.get(e["start"]), ends.get(e["end"])
            if i is None or j is None:
                continue  # not on token boundaries: left out
            tag = GOLD_TAG[e["type"]]
            for k in range(i, j + 1):
                self.gold[k] = ("B-" if k == i else "I-") + tag
        self._static: dict[int, list[str]] = {}

    def static(self, i: int) -> list[str]:
        found = self._static.get(i)
        if found is None:
            found = self._static[i] = ner.static_features(self.doc, i)
        return found


class Trainer:
    """Averaged perceptron with lazy averaging (each weight's running total is brought up to
    date only when it changes)."""

    def __init__(self) -> None:
        n = len(ner.LABELS)
        self.w: dict[str, list[float]] = defaultdict(lambda: [0.0] * n)
        self.total: dict[str, list[float]] = defaultdict(lambda: [0.0] * n)
        self.stamp: dict[str, list[int]] = defaultdict(lambda: [0] * n)
        self.t = 0

    def predict(self, feats: list[str], prev: str) -> int:
        sc = [0.0] * len(ner.LABELS)
        for f in feats:
            w = self.w.get(f)
            if w is not None:
                for k, v in enumerate(w):
                    sc[k] += v
        return max(
            (k for k in range(len(ner.LABELS)) if ner.allowed(ner.LABELS[k], prev)),
            key=lambda k: (sc[k], -k),
        )

    def update(self, gold: int, guess: int, feats: list[str]) -> None:
        self.t += 1
        if gold == guess:
            return
        for f in feats:
            w, tot, st = self.w[f], self.total[f], self.stamp[f]
            for k, d in ((gold, 1.0), (guess, -1.0)):
                tot[k] += (self.t - st[k]) * w[k]
                st[k] = self.t
                w[k] += d

    def averaged(self, floor: float) -> ner.Model:
        out: dict[str, dict[int, float]] = {}
        for f, w in self.w.items():
            tot, st = self.total[f], self.stamp[f]
            avg = {}
            for k in range(len(w)):
                v = (tot[k] + (self.t - st[k]) * w[k]) / max(1, self.t)
                if abs(v) >= floor:
                    avg[k] = v
            if avg:
                out[f] = avg
        return ner.Model(out)


def run_epoch(trainer: Trainer, examples: list[Example], rng: random.Random) -> int:
    order = list(range(len(examples)))
    rng.shuffle(order)
    errors = 0
    index = {lab: k for k, lab in enumerate(ner.LABELS)}
    for n in order:
        ex = examples[n]
        prev, prev2 = "O", "<s>"
        for i, t in enumerate(ex.doc.toks):
            gold = ex.gold[i]
            if ex.doc.line_start[i]:
                prev = "O"  # as the tagger decodes
            if not ner.candidate(t.text, prev):
                guess = "O"
            else:
                feats = ex.static(i) + ner.dynamic_features(
                    prev, prev2, t.text.lower(), ner.shape(t.text)
                )
                k = trainer.predict(feats, prev)
                trainer.update(index[gold], k, feats)
                guess = ner.LABELS[k]
            errors += guess != gold
            prev2, prev = prev, guess
    return errors


def f1(model: ner.Model, examples: list[Example]) -> tuple[float, float, float]:
    tp = npred = ngold = 0
    for ex in examples:
        pred = {s for s in ner.spans(model.tag(ex.doc)) if s[2] != "MISC"}
        gold = {s for s in ner.spans(ex.gold) if s[2] != "MISC"}
        tp += len(pred & gold)
        npred += len(pred)
        ngold += len(gold)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("gold", type=Path, help="entities gold set (JSON Lines with text)")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--holdout", type=float, default=0.0)
    ap.add_argument("--floor", type=float, default=0.02, help="drop smaller averaged weights")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--output", type=Path, default=OUT)
    args = ap.parse_args(argv)

    g = _gazetteer.load(None)
    t0 = time.perf_counter()
    with args.gold.open(encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    examples = [Example(r, g) for r in records]
    print(
        f"{len(examples)} documents prepared in {time.perf_counter() - t0:.0f} s", file=sys.stderr
    )
    held: list[Example] = []
    if args.holdout:
        cut = int(len(examples) * (1 - args.holdout))
        examples, held = examples[:cut], examples[cut:]
    rng = random.Random(args.seed)
    trainer = Trainer()
    for epoch in range(1, args.epochs + 1):
        errors = run_epoch(trainer, examples, rng)
        line = f"epoch {epoch}: {errors} token errors"
        if held:
            p, r, f = f1(trainer.averaged(args.floor), held)
            line += f"; held-out P {p:.3f} R {r:.3f} F1 {f:.3f}"
        print(line, f"({time.perf_counter() - t0:.0f} s)", file=sys.stderr)
    model = trainer.averaged(args.floor)
    if not held:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(gzip.compress(model.to_lines().encode("utf-8"), mtime=0))
        size = args.output.stat().st_size
        print(
            f"{len(model.weights)} features, {size / 1e6:.1f} MB -> {args.output}", file=sys.stderr
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
