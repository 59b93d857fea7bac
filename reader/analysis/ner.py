"""A learned second opinion on actors: a small averaged perceptron that tags names.

The rules (``actors.py``) were written against one house style; on other outlets they miss clubs
named by their town, agencies, newspapers, companies without a suffix, names in ALL-CAPITAL
headlines and tokenised wire text. The tagger reads the same text with the rules' own answer as
one of its features (stacking), plus the word's shape, affixes, neighbours and what the
gazetteer and the word lists say, and decides each name's extent and type. It was trained on
CoNLL-2003 Reuters wire (``python -m reader.devtools.train_ner``); only its weights ship, in
``reader/analysis/data/ner.json.gz``. Decoding is greedy, left to right, and deterministic.

Only capitalised tokens (and the tokens that continue a name already opened) are scored: a name
almost never opens with a lower-case word, and skipping the rest keeps analysis fast.
"""

from __future__ import annotations

import gzip
import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from reader.analysis import actor_words as lex
from reader.analysis.gazetteer import Gazetteer, first_names, town_names
from reader.analysis.segment import Token

if TYPE_CHECKING:
    from reader.analysis.actors import RuleResult

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
#: The model's types as the mention types of ``actors.py`` ("MISC" is no actor).
TYPE_OF = {"PER": "person", "ORG": "organisation", "LOC": "place"}
RULE_TAG = {"person": "PER", "organisation": "ORG", "country": "LOC", "place": "LOC"}
MODEL_FILE = "ner.json.gz"

_SHAPE_MAP = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
    "X" * 26 + "x" * 26 + "d" * 10,
)
_REPEATS = re.compile(r"(.)\1+")
_LINE = re.compile(r"[^\n]+")


def shape(word: str) -> str:
    """ "McDonald" -> "XxXx", "U.S." -> "X.X.", "1996" -> "d": the word's outline, repeats
    collapsed (non-ASCII letters keep their case as X/x)."""
    s = word.translate(_SHAPE_MAP)
    if not s.isascii():
        s = "".join(
            c if c in "Xxd" or not c.isalpha() else ("X" if c.isupper() else "x") for c in s
        )
    return _REPEATS.sub(r"\1", s)


#: A line in capitals: a headline or a heading (four letters at least, none in lower case).
CAPS_LINE = re.compile(r"(?m)^(?=(?:[^\n]*?[A-Z]){4})[^a-z\n]*$")
_PUNCT = re.compile(r"(\s?)[,.;:!?)](?=\s|$)")


def tokenised(text: str) -> bool:
    """Whether the text is set out as tokens, punctuation spaced off its word ("Smith said ,
    adding ..."), as in corpora made for NLP and some wire feeds."""
    spaced = total = 0
    for m in _PUNCT.finditer(text, 0, 20_000):
        total += 1
        spaced += bool(m.group(1))
    return total >= 3 and spaced * 2 > total


def _cap(word: str) -> bool:
    return word[:1].isupper()


@dataclass
class Document:
    """What the tagger knows about one text before it tags a token: the tokens, and for each
    the features that do not depend on the labels before it."""

    text: str
    toks: list[Token]
    initial: set[int]
    rule_tags: list[str | None]  # "B-PER" …, the rules' answer per token
    rule_how: list[str | None]
    gaz_tags: list[str | None]  # the longest gazetteer name covering the token
    caps_line: list[bool]  # the token's line is in capitals (a headline)
    line_start: list[bool]  # a line break before the token: no name runs on across it
    sporting: bool
    doc_types: dict[str, set[str]]  # word -> the rules' types of names holding it elsewhere
    title_seen: set[str]  # words written capitalised mid-sentence somewhere in the text


def _normal(word: str) -> str:
    """ "ATHENS" -> "Athens": the usual spelling of a word written in capitals (short ones and
    those with dots, "NATO", "U.S.", stay as they are)."""
    if word.isupper() and len(word) > 4 and word.isalpha():
        return word.title()
    return word


def with_stops(text: str, toks: list[Token], initial: set[int]) -> tuple[list[Token], set[int]]:
    """The rules' tokens with the full stops that end sentences put back as tokens of their
    own (the rules drop them; without one "Gazprom. The company" reads as one name), and the
    sentence openers renumbered to match."""
    out: list[Token] = []
    renumbered: set[int] = set()
    for k, t in enumerate(toks):
        if k in initial:
            renumbered.add(len(out))
        out.append(t)
        nxt = toks[k + 1].start if k + 1 < len(toks) else len(text)
        ends = k + 1 in initial or nxt == len(text) or "\n" in text[t.end : nxt]
        if ends and t.end < nxt and text[t.end] in ".!?" and not t.text.endswith("."):
            out.append(Token(text[t.end], t.end, t.end + 1))  # not an initial's "E."
    return out, renumbered


def build_document(text: str, rules: RuleResult, gazetteer: Gazetteer) -> Document:
    """What the tagger reads of ``text``, given what the rules found in it."""
    toks, initial = with_stops(text, rules.toks, rules.initial)
    n = len(toks)
    starts = [t.start for t in toks]
    rule_tags: list[str | None] = [None] * n
    rule_how: list[str | None] = [None] * n
    doc_types: dict[str, set[str]] = {}
    for m in rules.mentions:
        i = bisect_left(starts, m.start)
        j = bisect_left(starts, m.end)
        tag = RULE_TAG.get(m.type, "MISC")
        for k in range(i, j):
            rule_tags[k] = ("B-" if k == i else "I-") + tag
            rule_how[k] = m.how
            doc_types.setdefault(toks[k].text.lower(), set()).add(tag)
    for k, why in rules.rejected.items():
        at = bisect_left(starts, rules.toks[k].start)
        if rule_how[at] is None:
            rule_how[at] = "no:" + why
    # the gazetteer: longest name from each token, as written and as usually spelt
    gaz_tags: list[str | None] = [None] * n
    spans_from = gazetteer.spans_from
    k = 0
    while k < n:
        found = None
        for words in (
            [t.text for t in toks[k : k + 6]],
            [_normal(t.text) for t in toks[k : k + 6]],
        ):
            most = spans_from.get(words[0], 0)
            for size in range(min(most, len(words)), 0, -1):
                hit = gazetteer.lookup(tuple(words[:size]))
                if hit is not None:
                    found = (size, RULE_TAG.get(hit[1], "MISC"))
                    break
            if found:
                break
        if found is None:
            k += 1
            continue
        size, tag = found
        for q in range(k, k + size):
            gaz_tags[q] = ("B-" if q == k else "I-") + tag
        k += size
    caps_line = [False] * n
    for line in _LINE.finditer(text):
        letters = [c for c in line.group() if c.isalpha()]
        if len(letters) >= 4 and all(c.isupper() for c in letters):
            for q in range(bisect_left(starts, line.start()), bisect_left(starts, line.end())):
                caps_line[q] = True
    line_start = [k == 0 or "\n" in text[toks[k - 1].end : toks[k].start] for k in range(n)]
    title_seen = {
        t.text
        for q, t in enumerate(toks)
        if q not in initial and not caps_line[q] and _cap(t.text) and not t.text.isupper()
    }
    sporting = len(lex.SPORT_WORDS.findall(text)) >= 3
    return Document(
        text,
        toks,
        initial,
        rule_tags,
        rule_how,
        gaz_tags,
        caps_line,
        line_start,
        sporting,
        doc_types,
        title_seen,
    )


def static_features(doc: Document, i: int) -> list[str]:
    """The features of token ``i`` that do not depend on the labels before it."""
    toks = doc.toks
    w = toks[i].text
    lw = w.lower()
    sh = shape(w)
    caps = doc.caps_line[i]
    norm = _normal(w) if caps else w
    f = [
        "b",
        "w=" + lw,
        "sh=" + sh,
        "s3=" + lw[-3:],
        "s4=" + lw[-4:],
        "p3=" + lw[:3],
        "s2=" + lw[-2:],
    ]
    if caps:
        f.append("caps_line")
        f.append("cw=" + lw)
    if i in doc.initial:
        f.append("initial")
        f.append("iw=" + lw)
    prev = toks[i - 1].text if i > 0 else "<s>"
    prev2 = toks[i - 2].text if i > 1 else "<s>"
    nxt = toks[i + 1].text if i + 1 < len(toks) else "</s>"
    nxt2 = toks[i + 2].text if i + 2 < len(toks) else "</s>"
    lp, ln = prev.lower(), nxt.lower()
    f += [
        "w-1=" + lp,
        "w+1=" + ln,
        "w-2=" + prev2.lower(),
        "w+2=" + nxt2.lower(),
        "sh-1=" + shape(prev),
        "sh+1=" + shape(nxt),
        "w-1w=" + lp + "|" + lw,
        "ww+1=" + lw + "|" + ln,
    ]
    if doc.line_start[i]:
        f.append("line_start")
    if i + 1 < len(toks) and "\n" in doc.text[toks[i].end : toks[i + 1].start]:
        f.append("line_end")
    if nxt[:1].isdigit():
        f.append("next_digit")
        if doc.sporting:
            f.append("sport_next_digit")
    # word lists
    if lw in first_names():
        f.append("first_name")
    if norm in town_names():
        f.append("town")
        if doc.sporting:
            f.append("sport_town")
    for name, words in _LISTS:
        if lw in words:
            f.append("L=" + name)
        if lp in words:
            f.append("L-1=" + name)
        if ln in words:
            f.append("L+1=" + name)
    # the gazetteer and the rules
    g = doc.gaz_tags[i]
    if g is not None:
        f.append("G=" + g)
        if doc.sporting:
            f.append("sport_G=" + g)
        if caps:
            f.append("cG=" + g)
    r = doc.rule_tags[i]
    how = doc.rule_how[i]
    f.append("R=" + (r or "O"))
    if r is not None:
        f.append("Rh=" + (how or "") + "|" + r)
        if g is not None:
            f.append("RG=" + r + "|" + g)
    elif how is not None:
        f.append("Rno=" + how)  # the rules looked and said no: "event", "work", "heading"…
    if w in lex.NOT_NAMES:
        f.append("not_name")
    f.append("R-1=" + ((doc.rule_tags[i - 1] or "O") if i > 0 else "<s>"))
    f.append("R+1=" + ((doc.rule_tags[i + 1] or "O") if i + 1 < len(toks) else "</s>"))
    # the same word elsewhere in the text
    types = doc.doc_types.get(lw)
    if types:
        for t in sorted(types):
            f.append("D=" + t)
    if caps and norm in doc.title_seen:
        f.append("seen_title")
    return f


_LISTS: tuple[tuple[str, frozenset[str] | set[str]], ...] = (
    ("title", lex.TITLES),
    ("role", lex.ROLES),
    ("org", lex.ORG_WORDS),
    ("corp", frozenset(lex.CORPORATE_WORDS)),
    ("nat", lex.NATIONALITIES),
    ("event", lex.EVENT_WORDS),
    ("month", lex.MONTHS_DAYS),
    ("func", lex.FUNCTION_WORDS),
    ("place", lex.PLACE_WORDS),
    ("orgcue", lex.ORG_CUES),
)


def dynamic_features(prev: str, prev2: str, lw: str, sh: str) -> list[str]:
    return [
        "t-1=" + prev,
        "t-2=" + prev2 + "|" + prev,
        "t-1w=" + prev + "|" + lw,
        "t-1sh=" + prev + "|" + sh,
    ]


#: The only words (and marks) in lower case that may continue a name: "Bank of England",
#: "Moody 's", "Munich 1860", "van der Sar".
INSIDE = frozenset(
    [
        "of",
        "and",
        "de",
        "the",
        "van",
        "for",
        "der",
        "in",
        "al",
        "et",
        "da",
        "den",
        "du",
        "la",
        "le",
        "von",
        "y",
        "del",
        "di",
        "bin",
        "'",
        "s",
        "'s",
        "’s",
        "&",
        "-",
    ]
)


def candidate(word: str, prev: str) -> bool:
    """Whether a token is scored at all: capitalised, or continuing a name."""
    return _cap(word) or (prev != "O" and (word in INSIDE or word[:1].isdigit()))


def allowed(label: str, prev: str) -> bool:
    """I-X only continues B-X or I-X."""
    return not label.startswith("I-") or prev[2:] == label[2:]


class Model:
    """Weights: feature -> {label index: weight}."""

    def __init__(self, weights: dict[str, dict[int, float]]) -> None:
        self.weights = weights

    def scores(self, feats: list[str]) -> list[float]:
        out = [0.0] * len(LABELS)
        get = self.weights.get
        for f in feats:
            w = get(f)
            if w:
                for k, v in w.items():
                    out[k] += v
        return out

    def tag(self, doc: Document, only: list[bool] | None = None) -> list[str]:
        """A label per token, greedily from left to right; tokens outside ``only`` are "O"."""
        labels: list[str] = []
        prev, prev2 = "O", "<s>"
        for i, t in enumerate(doc.toks):
            if doc.line_start[i]:
                prev = "O"  # a name does not run on across lines
            if (only is not None and not only[i]) or not candidate(t.text, prev):
                label = "O"
            else:
                feats = static_features(doc, i) + dynamic_features(
                    prev, prev2, t.text.lower(), shape(t.text)
                )
                sc = self.scores(feats)
                best = max(
                    (k for k in range(len(LABELS)) if allowed(LABELS[k], prev)),
                    key=lambda k: (sc[k], -k),
                )
                label = LABELS[best]
            labels.append(label)
            prev2, prev = prev, label
        return labels

    def to_json(self) -> dict[str, object]:
        return {
            "labels": list(LABELS),
            "weights": {
                f: {str(k): round(v, 3) for k, v in w.items()} for f, w in self.weights.items()
            },
        }

    def to_lines(self) -> str:
        """The model as JSON lines: the labels, then the weights a thousand features a line.
        Read as one document, its 2.8 MB held the interpreter for 150 ms in one call, which
        nothing interrupts (the window's thread waited that long when an article was first
        analysed in its process); line by line it is read in short calls."""
        data = self.to_json()
        weights: dict[str, object] = data["weights"]  # type: ignore[assignment]
        names = sorted(weights)
        lines = [json.dumps({"labels": data["labels"]}, separators=(",", ":"))]
        for start in range(0, len(names), MODEL_LINE):
            part = {f: weights[f] for f in names[start : start + MODEL_LINE]}
            lines.append(json.dumps(part, separators=(",", ":"), sort_keys=True))
        return "\n".join(lines) + "\n"


#: Features per line of the shipped model (see :meth:`Model.to_lines`).
MODEL_LINE = 1000


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The shipped weights, read once per process; None when the file is missing (the rules
    then stand alone)."""
    try:
        raw = resources.files("reader.analysis").joinpath("data", MODEL_FILE).read_bytes()
    except (FileNotFoundError, OSError):
        return None
    head, *parts = gzip.decompress(raw).decode("utf-8").splitlines()
    if tuple(json.loads(head)["labels"]) != LABELS:
        return None
    weights: dict[str, dict[int, float]] = {}
    for part in parts:
        for f, w in json.loads(part).items():
            weights[f] = {int(k): v for k, v in w.items()}
    return Model(weights)


def spans(labels: list[str]) -> list[tuple[int, int, str]]:
    """``(first token, end token, type)`` of each name in a label sequence."""
    out = []
    k = 0
    while k < len(labels):
        lab = labels[k]
        if lab.startswith("B-"):
            kind = lab[2:]
            j = k + 1
            while j < len(labels) and labels[j] == "I-" + kind:
                j += 1
            out.append((k, j, kind))
            k = j
        else:
            k += 1
    return out


__all__ = [
    "LABELS",
    "Document",
    "Model",
    "build_document",
    "dynamic_features",
    "load_model",
    "spans",
    "static_features",
]
