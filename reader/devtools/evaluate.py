"""Measure the analysers against gold sets in DESIGN.md's JSON Lines formats.

Two sets of figures. The project's own matching, chosen to be strict where the text allows it:
- quotes: the same span once both are trimmed of spaces and edge punctuation (",", ".", …);
  speaker accuracy over matched quotes (names compare without titles; a surname matches the
  full name, and a gazetteer alias its canonical name: "US" is "United States"; ``null`` must
  match ``null``);
- entities: the same span and the same type (countries count as places; gold "other" ignored);
- claims: character overlap (intersection over union) of at least 0.5, one-to-one; claimant
  accuracy over matched claims. Only reported-speech predictions are scored.
And, under ``shared_scorer``, the matching of ``../shared/tools/score.py`` (see below), the
figures that count for the research gold sets.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reader.analysis import EVAL_TYPE, Analysis, analyze
from reader.analysis import gazetteer as _gazetteer
from reader.analysis.segment import tokens
from reader.ingest.encoding import decode

_EDGE = " \t\n,.;:!?…\"'“”‘’()[]—–-"
_TITLES = re.compile(
    r"^(?:mr|mrs|ms|dr|president|prime minister|foreign minister|secretary|minister|sir|the|a|an)\.?\s+",
    re.I,
)


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    attributed: int = 0  # matched with the right speaker / claimant
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def attribution(self) -> float:
        return self.attributed / self.matched if self.matched else 0.0

    def as_dict(self, attribution_name: str | None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "f1": round(self.f1, 3),
        }
        if attribution_name:
            out[attribution_name] = round(self.attribution, 3)
        return out


def _trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return s, e


def _norm_name(name: str | None) -> str | None:
    if name is None:
        return None
    name = name.strip().casefold()
    while True:
        new = _TITLES.sub("", name)
        if new == name:
            break
        name = new
    return re.sub(r"['’]s$", "", name).strip() or None


def _canonical(name: str) -> str | None:
    """The gazetteer's canonical name for a name or alias ("US" -> "United States")."""
    found = _gazetteer.load(None).lookup(tuple(t.text for t in tokens(name)))
    return found[0] if found else None


def same_actor(gold: str | None, predicted: str | None) -> bool:
    if gold and predicted and " and " in gold and " and " in predicted:
        # "Conservatives and Lib Dems" is "Conservative Party and Liberal Democrats": each
        # actor of one is an actor of the other, in any order
        gs, ps = gold.split(" and "), predicted.split(" and ")
        if len(gs) == len(ps):
            return all(any(same_actor(a, b) for b in ps) for a in gs)
    g, p = _norm_name(gold), _norm_name(predicted)
    if g is None or p is None:
        return g is p
    if g == p or g in p or p in g:
        return True
    assert gold is not None and predicted is not None
    canonical = _canonical(gold.strip())
    if canonical is not None and canonical == _canonical(predicted.strip()):
        return True  # an alias and its canonical name: the same actor
    gw, pw = g.split(), p.split()
    return bool(gw and pw and (gw[-1] == pw[-1] or (gw[0] == pw[0] and len(gw[0]) > 2)))


def _iou(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def score_quotes(doc: dict[str, Any], result: Analysis, score: Score) -> None:
    text = doc["text"]
    gold = {_trimmed(text, q["start"], q["end"]): q.get("speaker") for q in doc["quotes"]}
    pred = {_trimmed(text, q.start, q.end): q.speaker for q in result.quotes}
    score.gold += len(gold)
    score.predicted += len(pred)
    for span, speaker in pred.items():
        if span not in gold:
            score.errors.append(
                {"id": doc["id"], "error": "extra quote", "text": text[span[0] : span[1]]}
            )
            continue
        score.matched += 1
        if same_actor(gold[span], speaker):
            score.attributed += 1
        else:
            score.errors.append(
                {
                    "id": doc["id"],
                    "error": "wrong speaker",
                    "text": text[span[0] : span[1]],
                    "gold": gold[span],
                    "predicted": speaker,
                }
            )
    for span in gold.keys() - pred.keys():
        score.errors.append(
            {"id": doc["id"], "error": "missed quote", "text": text[span[0] : span[1]]}
        )


def score_entities(doc: dict[str, Any], result: Analysis, score: Score) -> None:
    text = doc["text"]
    other = [(e["start"], e["end"]) for e in doc["entities"] if e["type"] == "other"]
    gold = {(e["start"], e["end"], e["type"]) for e in doc["entities"] if e["type"] != "other"}
    pred = {
        (m.start, m.end, EVAL_TYPE[m.type])
        for m in result.actors
        if not any(_iou((m.start, m.end), o) > 0 for o in other)
    }
    score.gold += len(gold)
    score.predicted += len(pred)
    score.matched += len(gold & pred)
    score.attributed += len(gold & pred)
    for s, e, t in sorted(pred - gold):
        score.errors.append(
            {"id": doc["id"], "error": "extra or mistyped", "text": text[s:e], "type": t}
        )
    for s, e, t in sorted(gold - pred):
        score.errors.append({"id": doc["id"], "error": "missed", "text": text[s:e], "type": t})


def score_claims(doc: dict[str, Any], result: Analysis, score: Score) -> None:
    text = doc["text"]
    gold = [((c["start"], c["end"]), c.get("claimant")) for c in doc["claims"]]
    pred = [((c.start, c.end), c.claimant) for c in result.claims if c.kind == "reported"]
    score.gold += len(gold)
    score.predicted += len(pred)
    used: set[int] = set()
    for span, claimant in pred:
        best, best_iou = None, 0.5
        for n, (gspan, _) in enumerate(gold):
            if n not in used and _iou(span, gspan) >= best_iou:
                best, best_iou = n, _iou(span, gspan)
        if best is None:
            score.errors.append(
                {"id": doc["id"], "error": "extra claim", "text": text[span[0] : span[1]]}
            )
            continue
        used.add(best)
        score.matched += 1
        if same_actor(gold[best][1], claimant):
            score.attributed += 1
        else:
            score.errors.append(
                {
                    "id": doc["id"],
                    "error": "wrong claimant",
                    "text": text[span[0] : span[1]],
                    "gold": gold[best][1],
                    "predicted": claimant,
                }
            )
    for n, (gspan, _) in enumerate(gold):
        if n not in used:
            score.errors.append(
                {"id": doc["id"], "error": "missed claim", "text": text[gspan[0] : gspan[1]]}
            )


# -- the shared scorer's matching (../shared/tools/score.py) ---------------------------------
# The figures that count for the research gold sets (PolNeAR, CoNLL): spans match one to one,
# greedily in gold order, when they overlap by half of the shorter one (quotes, claims, every
# kind of claim) or exactly with the same type (entities; any prediction on an "other" span is
# an error); a speaker or claimant is right when it shares a capitalised word with the gold one,
# and gold ones without such a word (pronouns, "the campaign") are not counted.

_SHARED_PRONOUNS = {
    "he",
    "she",
    "they",
    "it",
    "we",
    "i",
    "you",
    "his",
    "her",
    "their",
    "him",
    "them",
}
_SHARED_FUNCTION = {
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "our",
    "this",
    "that",
    "these",
    "those",
    "another",
    "one",
}
_CAPITALISED = re.compile(r"[A-Z][\w'’-]+")


@dataclass
class SharedScore:
    """Counts as the shared scorer keeps them."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    named: int = 0  # matched pairs whose gold speaker or claimant is named
    right: int = 0
    untyped: int = 0  # entities: matched on the span alone

    def as_dict(self, kind: str) -> dict[str, Any]:
        def prf(tp: int) -> tuple[float, float, float]:
            p = tp / self.predicted if self.predicted else 0.0
            r = tp / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        if kind == "entities":
            up, ur, uf = prf(self.untyped)
            tp, tr, tf = prf(self.matched)
            figures = {"untyped_p": up, "untyped_r": ur, "untyped_f1": uf}
            figures |= {"typed_p": tp, "typed_r": tr, "typed_f1": tf}
        else:
            p, r, f = prf(self.matched)
            who = "speaker" if kind == "quotes" else "claimant"
            figures = {"span_p": p, "span_r": r, "span_f1": f, f"{who}_named_gold": self.named}
            figures[f"{who}_accuracy"] = self.right / self.named if self.named else 0.0
        return {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()}


def _capitalised_names(name: str | None) -> set[str]:
    return {w.lower() for w in _CAPITALISED.findall(name or "")} - _SHARED_FUNCTION


def shared_same(predicted: str | None, gold: str | None) -> bool:
    """The shared scorer's test: a capitalised word in common, or the same words."""
    return bool(_capitalised_names(predicted) & _capitalised_names(gold)) or (
        (predicted or "").strip().lower() == (gold or "").strip().lower()
    )


def _shared_match(
    gold: list[tuple[int, int]], predicted: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(gold index, predicted index) pairs: each gold span, in order, takes the free prediction
    that overlaps it most, if by half of the shorter span or more."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    for g, (gs, ge) in enumerate(gold):
        best, at = 0.0, None
        for n, (ps, pe) in enumerate(predicted):
            if n in used:
                continue
            inter = max(0, min(ge, pe) - max(gs, ps))
            o = inter / max(1, min(ge - gs, pe - ps))
            if o > best:
                best, at = o, n
        if at is not None and best >= 0.5:
            used.add(at)
            pairs.append((g, at))
    return pairs


def shared_score(kind: str, doc: dict[str, Any], result: Analysis, score: SharedScore) -> None:
    if kind == "entities":
        types = ("person", "organisation", "place")
        gold_set = {
            (e["start"], e["end"], e["type"]) for e in doc["entities"] if e["type"] in types
        }
        pred_set = {(m.start, m.end, EVAL_TYPE[m.type]) for m in result.actors}
        score.gold += len(gold_set)
        score.predicted += len(pred_set)
        score.matched += len(gold_set & pred_set)
        score.untyped += len({x[:2] for x in gold_set} & {x[:2] for x in pred_set})
        return
    key = "quotes" if kind == "quotes" else "claims"
    who = "speaker" if kind == "quotes" else "claimant"
    golds = doc[key]
    preds: list[tuple[int, int, str | None]] = (
        [(q.start, q.end, q.speaker) for q in result.quotes]
        if kind == "quotes"
        else [(c.start, c.end, c.claimant) for c in result.claims]
    )
    pairs = _shared_match([(g["start"], g["end"]) for g in golds], [p[:2] for p in preds])
    score.gold += len(golds)
    score.predicted += len(preds)
    score.matched += len(pairs)
    for g, p in pairs:
        name = golds[g].get(who)
        if name and name.strip().lower() not in _SHARED_PRONOUNS and _capitalised_names(name):
            score.named += 1
            score.right += shared_same(preds[p][2], name)


SCORERS: dict[str, tuple[Callable[[dict[str, Any], Analysis, Score], None], str | None]] = {
    "quotes": (score_quotes, "speaker_accuracy"),
    "entities": (score_entities, None),
    "claims": (score_claims, "claimant_accuracy"),
}


def read_jsonl(path: Path) -> Iterable[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


class GoldError(ValueError):
    """A gold line whose text cannot be had, or is not the text it was annotated on."""


def gold_text(doc: dict[str, Any], texts: Path | None) -> str:
    """The line's ``text``, or for stand-off gold (research-use corpora must not be copied into
    the project) the file ``source`` under ``texts``, checked against the recorded sha256 so
    offsets never silently point into another version of the file."""
    if "text" in doc:
        return str(doc["text"])
    source = doc.get("source")
    if not source:
        raise GoldError(f"{doc.get('id')}: neither a text nor a source")
    if texts is None:
        raise GoldError(f"{doc.get('id')}: stand-off gold needs --texts DIR holding {source}")
    path, _, key = str(source).partition("#")
    try:
        raw = (texts / path).read_bytes()
    except OSError as exc:
        raise GoldError(f"{doc.get('id')}: cannot read {texts / path}: {exc.strerror}") from exc
    if key:  # "aeb-dev/ground-truth.json#<key>": the article body a benchmark file holds
        try:
            text = str(json.loads(raw)[key]["articleBody"])
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{doc.get('id')}: no article body {key!r} in {texts / path}") from exc
    else:
        text = decode(raw)[0]
    expected = doc.get("sha256")
    if expected and hashlib.sha256(text.encode("utf-8")).hexdigest() != expected:
        raise GoldError(f"{doc.get('id')}: {texts / source} is not the text the gold was made on")
    return text


def evaluate(kind: str, gold_path: Path, texts: Path | None = None) -> tuple[Score, dict[str, Any]]:
    """The project's strict figures, then under ``"shared_scorer"`` the same predictions
    scored as ``../shared/tools/score.py`` scores them (the figures that count for the research
    gold sets; the strict ones are those of the BBC tables)."""
    scorer, attribution = SCORERS[kind]
    score = Score()
    shared = SharedScore()
    docs = 0
    for doc in read_jsonl(gold_path):
        doc = doc | {"text": gold_text(doc, texts)}
        result = analyze(doc["text"])
        scorer(doc, result, score)
        shared_score(kind, doc, result, shared)
        docs += 1
    figures = {"documents": docs} | score.as_dict(attribution)
    return score, figures | {"shared_scorer": shared.as_dict(kind)}
