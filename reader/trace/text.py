"""Wording: how two statements are compared. Pure functions, no I/O.

A statement is reduced to its words — Unicode-normalised (NFKC turns "…" into "...", full-width
letters into plain ones), case-folded, with every quotation mark, ellipsis, emoji and punctuation
dropped and curly apostrophes made straight — so that the same words reported with other marks are
the same wording. Candidates are found through *fingerprints* (hashes of word pairs, stable across
processes so the store can keep them); the decision is then taken on the words themselves:

- **same**: the same words;
- **near**: a word or a few added, removed or changed (word-level edit distance; the numbers must
  agree — "rose 5 pct" and "rose 6 pct" are two statements);
- **part**: a partial quotation of at least :data:`PART_WORDS` words found verbatim in a longer one.

Statements of fewer than :data:`SHORT_WORDS` words only ever match word for word.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise
from typing import Literal, NamedTuple

from rapidfuzz.distance import Levenshtein

#: Below this many words a statement matches only word for word ("we will see", "he said").
SHORT_WORDS = 6
#: A partial quotation must share at least this many consecutive words with the longer one.
PART_WORDS = 8
#: Fingerprint window for partial quotations: every run of PART_WORDS words yields one.
_WINDOW = PART_WORDS - 1  # word pairs in a run of PART_WORDS words

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "‐": "-", "‑": "-"})
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _split(words: str) -> list[str]:
    return words.split()


#: Words with a digit, months and weekdays must agree for a near match: "rose 5 pct" is not
#: "rose 6 pct", and "went public in April" is not "went public in May".
_DIGIT = re.compile(r"\d")
_DATE_WORDS = frozenset(
    _split(
        """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
    saturday sunday"""
    )
)

#: Function words: a short statement made only of them and of words under four letters ("we
#: will see", "he did") is a stock phrase, never linked.
STOP_WORDS = frozenset(
    _split(
        """a about above after again against all also am an and any are as at be because been before
    being below between both but by can cannot could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in into is
    it its itself just me more most my myself no nor not now of off on once only or other ought
    our ours ourselves out over own said same say says she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up
    very was we were what when where which while who whom why will with would you your yours
    yourself yourselves"""
    )
)


def contentful(norm: str) -> bool:
    """Whether a short wording says something of its own: a word of four letters or more that
    is not a function word ("a warning shot" does, "we will see" does not)."""
    return any(len(w) >= 4 and w not in STOP_WORDS for w in norm.split(" "))


def words(text: str) -> list[str]:
    """The words of ``text`` as written (NFKC, apostrophes straightened), in order."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES))


def fold(display: Sequence[str]) -> list[str]:
    """Words compared: case-folded."""
    return [w.casefold() for w in display]


def normalise(text: str) -> str:
    """The matching key of a statement: its folded words joined by single spaces."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return " ".join(_WORD.findall(text.casefold()))


#: Edits allowed by length: none below SHORT_WORDS words, one below 12, two below 24, then three.
_EDITS = (0,) * SHORT_WORDS + (1,) * (12 - SHORT_WORDS) + (2,) * 12 + (3,)


def allowed_edits(n_words: int) -> int:
    """How many words may differ between two wordings of the same statement, by the longer
    one's length: none below SHORT_WORDS, then one, two, three as the statement grows."""
    return _EDITS[n_words if n_words < 24 else 24]


# -- fingerprints ------------------------------------------------------------------------------
#: Fingerprints are 62-bit: a word pair's 40-bit hash under how common the pair was (see
#: :func:`rank`), so sorting them puts the rarest pairs first.
_HASH_BITS = 40
_HASH_MASK = (1 << _HASH_BITS) - 1


class WordHashes(dict[str, int]):
    """CRC-32 of each word, computed once per word (a cache to pass to :func:`pair_keys`)."""

    def __missing__(self, word: str) -> int:
        h = self[word] = zlib.crc32(word.encode("utf-8"))
        return h


def pair_keys(tokens: Sequence[str], cache: WordHashes) -> list[int]:
    """A 40-bit hash per pair of consecutive words, stable across processes (from the CRC-32 of
    each word, so the store can keep them)."""
    hashes = list(map(cache.__getitem__, tokens))
    return [((a * 0x9E3779B1) ^ b) & _HASH_MASK for a, b in pairwise(hashes)]


def rankings(counts: Mapping[int, int]) -> dict[int, int]:
    """Pair hash -> its key under its count, for pairs seen more than once: see :func:`rank`."""
    return {pair: pair | (count << _HASH_BITS) for pair, count in counts.items() if count > 1}


def rank(keys: Sequence[int], ranked: Mapping[int, int]) -> list[int]:
    """Pair hashes put under how many wordings had them when the store was built (``ranked``,
    from :func:`rankings`), so that sorting puts the rarest pairs first; a pair seen once or
    never keeps its bare hash."""
    return list(map(ranked.get, keys, keys))


#: A pair more common than this when the store was built ("of the", "the company", "mln dlrs")
#: is never a fingerprint: it would make hundreds of wordings candidates of each other. A wording
#: made only of such pairs (a formula) is then found only by its exact words.
COMMON_PAIR = 60
_TOO_COMMON = (COMMON_PAIR + 1) << _HASH_BITS


class Prints(NamedTuple):
    """The keys (see :func:`rank`) a wording is found by, in two kinds.

    ``near``: its rarest ``2E + 1`` pairs (E = edits allowed). Two wordings within E word edits
    share one (an edit breaks at most two pairs: the prefix-filter argument). ``part``: the rarest
    pair of every window of PART_WORDS words (winnowing). A partial quotation's windows are all
    windows of the quotation it comes from, so *all* its ``part`` keys are the longer one's.
    Rarest first keeps the candidates few: a statement is found by its unusual words, not by "the
    company"; pairs more common than COMMON_PAIR are never kept.
    """

    # compact arrays, sorted (rarest first), not tuples and sets of Python numbers: a build of
    # 212,000 articles holds a million prints
    near: array[int]
    part: array[int]

    @property
    def all(self) -> frozenset[int]:
        return frozenset(self.part).union(self.near)


NO_PRINTS = Prints(array("q"), array("q"))


def prints(keys: Sequence[int]) -> Prints:
    """A wording's :class:`Prints` from its ranked pair keys."""
    n_words = len(keys) + 1
    if n_words < SHORT_WORDS:
        return NO_PRINTS  # only word-for-word matches, found by the wording itself
    edits = allowed_edits(n_words + allowed_edits(n_words))
    ordered = sorted(set(keys))
    near = array("q", ordered[: min(2 * edits + 1, bisect_left(ordered, _TOO_COMMON))])
    if n_words < PART_WORDS:
        return Prints(near, array("q"))
    lows = _window_minima(keys, _WINDOW)
    if max(lows) >= _TOO_COMMON:
        lows = {k for k in lows if k < _TOO_COMMON}
    return Prints(near, array("q", sorted(lows)))


def fingerprints(keys: Sequence[int]) -> frozenset[int]:
    """Every key a wording is found by (both kinds of :class:`Prints`)."""
    return prints(keys).all


def _window_minima(keys: Sequence[int], width: int) -> set[int]:
    """The smallest key of every run of ``width`` keys (rescanning a window only when its
    minimum leaves it: fast for the short lists statements make)."""
    low = min(keys[:width])
    out = {low}
    for i in range(1, len(keys) - width + 1):
        new = keys[i + width - 1]
        if keys[i - 1] == low:
            low = min(keys[i : i + width])
            out.add(low)
        elif new < low:
            low = new
            out.add(low)
    return out


# -- matching ------------------------------------------------------------------------------------
MatchKind = Literal["same", "near", "part"]


@dataclass(frozen=True)
class Match:
    """How two wordings match and over how many words (the shorter's length)."""

    kind: MatchKind
    words: int


def match(a: str, b: str) -> Match | None:
    """Whether two normalised wordings (see :func:`normalise`) are the same statement's."""
    if not a or not b:
        return None
    if a == b:
        return Match("same", a.count(" ") + 1)
    la, lb = a.count(" ") + 1, b.count(" ") + 1
    if la > lb:
        a, b, la, lb = b, a, lb, la
    if la < SHORT_WORDS:
        return None
    edits = allowed_edits(lb)
    if lb - la <= edits:
        ta, tb = a.split(" "), b.split(" ")
        if Levenshtein.distance(ta, tb, score_cutoff=edits) <= edits and _numbers(ta) == _numbers(
            tb
        ):
            return Match("near", la)
    if la >= PART_WORDS and f" {a} " in f" {b} ":
        return Match("part", la)
    return None


def _numbers(tokens: Sequence[str]) -> list[str]:
    """Numbers, months and weekdays: the words a template fills in ("went public in April")."""
    return [t for t in tokens if t in _DATE_WORDS or (not t.isalpha() and _DIGIT.search(t))]


# -- drift ----------------------------------------------------------------------------------------
DriftOp = Literal["equal", "insert", "delete", "replace"]


def diff_words(
    reference: Sequence[str], member: Sequence[str]
) -> list[tuple[DriftOp, tuple[str, ...], tuple[str, ...]]]:
    """Word runs turning the reference wording into the member's: ``(op, words, was)`` where
    ``words`` are the member's words (the reference's for a deletion) and ``was`` the reference's
    words a replacement stands for. Compared folded, shown as written."""
    matcher = SequenceMatcher(None, fold(reference), fold(member), autojunk=False)
    runs: list[tuple[DriftOp, tuple[str, ...], tuple[str, ...]]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            runs.append(("equal", tuple(member[j1:j2]), ()))
        elif op == "insert":
            runs.append(("insert", tuple(member[j1:j2]), ()))
        elif op == "delete":
            runs.append(("delete", tuple(reference[i1:i2]), ()))
        else:
            runs.append(("replace", tuple(member[j1:j2]), tuple(reference[i1:i2])))
    return runs


# -- speakers -------------------------------------------------------------------------------------
#: Titles and roles dropped before names are compared: "Mr Wang" is "Wang Yi".
_TITLES = frozenset(
    _split(
        """mr mrs ms miss dr prof professor sir dame lord lady president vice prime minister foreign
    secretary chancellor senator sen rep representative governor gov chairman chairwoman chair
    chief executive ceo general gen king queen prince princess pope rev reverend judge justice
    spokesman spokeswoman spokesperson ambassador envoy mayor premier state deputy finance trade
    defence defense interior home the of and de"""
    )
)
#: Speakers that name nobody in particular: a match on them corroborates nothing.
_ROLES = frozenset(
    _split(
        """analyst analysts source sources official officials spokesman spokeswoman spokesperson
    statement report reports department dealers dealer traders trader economists economist
    company companies government ministry he she they it we i you someone people experts expert
    observers critics witnesses residents police"""
    )
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")


def name_key(speaker: str | None) -> frozenset[str] | None:
    """A speaker reduced for loose comparison, or ``None`` when it names nobody: no speaker, or
    a role ("analysts", "a spokesman", "officials") rather than a name."""
    if not speaker:
        return None
    raw = _NAME_WORD.findall(unicodedata.normalize("NFKC", speaker).translate(_APOSTROPHES))
    if not any(w[:1].isupper() for w in raw):
        return None  # "analysts", "but officials", "company spokesman"
    folded = [w.casefold() for w in raw]
    if all(w in _ROLES or w in _TITLES for w in folded):
        return None
    key = frozenset(w for w in folded if w not in _TITLES)
    return key or None


def same_speaker(a: frozenset[str], b: frozenset[str]) -> bool:
    """Loosely the same person: "Wang Yi" = "Wang" = "Mr Wang" (one name's words within the
    other's)."""
    return a <= b or b <= a


_UNSEEN = frozenset({"\0"})


#: How many answers a cache of the linking rule keeps before it starts again: enough for the
#: articles a cluster touches at once, not one per statement of a library of 200,000 articles.
CACHED = 100_000


class Names:
    """Speakers as names, checked against the people and organisations the analyser found in
    the article: a speaker counts only as one of them ("Hewitt" for "Patricia Hewitt"), never a
    place, a country, a dateline ("Washington") or a stray word ("The"), which count as unknown.
    Caches each string's key."""

    def __init__(self) -> None:
        self._keys: dict[str | None, frozenset[str] | None] = {}
        self._found: dict[tuple[str | None, frozenset[str]], frozenset[str] | None] = {}

    def key(self, name: str | None) -> frozenset[str] | None:
        if name not in self._keys:
            self._keys[name] = name_key(name)
        return self._keys[name]

    def speaker(self, speaker: str | None, people: frozenset[str]) -> frozenset[str] | None:
        """The speaker's key if it names one of ``people``, else ``None``."""
        if speaker is None:
            return None
        found = self._found.get((speaker, people), _UNSEEN)
        if found is _UNSEEN:
            key = self.key(speaker)
            found = None
            if key is not None:
                for person in people:
                    other = self.key(person)
                    if other is not None and same_speaker(key, other):
                        found = key
                        break
            if len(self._found) >= CACHED:
                self._found.clear()  # bounded: one entry per speaker and article held 100s of MB
            self._found[speaker, people] = found
        return found
