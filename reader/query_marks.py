"""What a search asks the open article to mark besides its indexed words: ``actor:`` finds
articles by their analysis, so its hits are the actor's mentions ("Mr Wang", "Wang Yi", "he" is
not one), not the words of the query."""

from __future__ import annotations

import re

from reader.model import Layers

_ACTOR = re.compile(r'(?<![\w"])actor:(?:"([^"]*)"|(\S+))', re.I)
_WORD = re.compile(r"\w+")


def actor_names(query: str) -> list[list[str]]:
    """The ``actor:`` values of a query, each as its lower-case words (NOT-ed ones left out)."""
    out = []
    for m in _ACTOR.finditer(query):
        before = query[: m.start()].rstrip()
        if before.endswith("-") or before.upper().endswith("NOT"):
            continue
        words = _WORD.findall((m.group(1) or m.group(2) or "").lower())
        if words:
            out.append(words)
    return out


def actor_marks(query: str, layers: Layers) -> list[tuple[int, int]]:
    """The spans of the mentions of the actors a query names, as the index matches them: every
    word asked is a word of the actor's name (``actor:wang`` is Wang Yi)."""
    asked = actor_names(query)
    if not asked:
        return []
    spans = []
    for m in layers.actors:
        name = set(_WORD.findall(m.name.lower()))
        if any(all(w in name for w in words) for words in asked):
            spans.append((m.start, m.end))
    return sorted(set(spans))
