"""Paragraphs, sentences and word tokens with their offsets (code points into the analysed text)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

#: Words after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "gen",
    "lt",
    "col",
    "capt",
    "sgt",
    "rep",
    "sen",
    "gov",
    "pres",
    "rev",
    "hon",
    "no",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "corp",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "u.s",
    "u.k",
    "u.n",
    "e.g",
    "i.e",
    "a.m",
    "p.m",
    "approx",
    "dept",
    "est",
    "fig",
    "mt",
    "ft",
    "bros",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+|$)")
_LAST_WORD = re.compile(r"([\w.]+)\.[\"'”’)\]]*$")
_NEXT_CHAR = re.compile(r"\s*(\S)")
_INITIALS = re.compile(r"(?:[a-z]\.){1,3}[a-z]")
_TOKEN = re.compile(r"[^\W_]+(?:[’'.&-][^\W_]+)*\.?|[^\w\s]", re.UNICODE)


class Segment(NamedTuple):
    """A stretch of text; a tuple because analysis makes hundreds of thousands of them."""

    start: int
    end: int


class Token(NamedTuple):
    text: str
    start: int
    end: int


def paragraphs(text: str) -> list[Segment]:
    """Blocks separated by blank lines (or single newlines), whitespace trimmed."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append(Segment(s, e))
    return out


def sentences(text: str, para: Segment | None = None) -> list[Segment]:
    """Sentences of ``text`` (or of one paragraph of it); abbreviations and initials do not end one."""
    start = para.start if para else 0
    stop = para.end if para else len(text)
    return list(_sentences(text, start, stop))


@lru_cache(maxsize=4096)
def _sentences(text: str, start: int, stop: int) -> tuple[Segment, ...]:
    """Cached: the quote and claim finders split the same paragraphs."""
    out = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, stop):
        end = m.end()
        word = _LAST_WORD.search(text[max(cursor, end - 48) : end])
        if word and m.group().startswith("."):
            w = word.group(1).lower()
            if (
                w in _ABBREVIATIONS
                or (len(w) == 1 and w.isalpha() and w != "i")
                or _INITIALS.fullmatch(w)
            ):
                continue  # an initial ("G.K. Butterfield"); not "World War I."
        nxt = _NEXT_CHAR.match(text, end, stop)
        if nxt and nxt.group(1).islower():
            continue  # "... said Mr. smith" or a lower-case continuation is not a new sentence
        out.append(Segment(cursor, end))
        cursor = end
        while cursor < stop and text[cursor].isspace():
            cursor += 1
    if cursor < stop and text[cursor:stop].strip():
        out.append(Segment(cursor, stop))
    return tuple(out)


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    stop = len(text) if end is None else end
    out = [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]
    for n, t in enumerate(out):
        word = t.text
        if len(word) > 1 and word[-1] == ".":
            bare = word[:-1]
            if bare.lower() not in _ABBREVIATIONS and "." not in bare:
                out[n] = Token(bare, t.start, t.end - 1)  # a sentence-final full stop
    return out
