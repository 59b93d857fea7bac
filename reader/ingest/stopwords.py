"""Stop-word lists per language, from jusText, and the language of a page by its stop words.

Prose is made of function words ("the", "of", "que", "und"); menus, headline lists and share bars
are not. jusText ships lists for about a hundred languages; a page's language is the one whose
list covers most of its words. English is tried first and alone, so an English page never pays
for loading the other lists.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

#: Below this share of stop words no list fits the page (Japanese or Chinese, unspaced): none used.
MIN_DENSITY = 0.08
#: An English page is this dense in English stop words; other lists are not consulted then.
ENGLISH_ENOUGH = 0.22


@cache
def stoplist(language: str) -> frozenset[str]:
    import justext  # imported lazily: only text captures need it

    return frozenset(justext.get_stoplist(language))


@cache
def _index() -> tuple[tuple[str, ...], dict[str, tuple[int, ...]]]:
    """Every list's words, each mapped to the languages that list it (built once, ~0.4 s)."""
    import justext

    languages = tuple(sorted(justext.get_stoplists()))
    index: dict[str, list[int]] = {}
    for n, language in enumerate(languages):
        for word in stoplist(language):
            index.setdefault(word, []).append(n)
    return languages, {w: tuple(ns) for w, ns in index.items()}


def page_stoplist(words: list[str]) -> frozenset[str] | None:
    """The stop words of the language ``words`` are written in, or ``None`` when none fits."""
    folded = [w.casefold() for w in words]
    if not folded:
        return None
    english = stoplist("English")
    if sum(w in english for w in folded) >= ENGLISH_ENOUGH * len(folded):
        return english
    languages, index = _index()
    hits: Counter[int] = Counter()
    for word in folded:
        hits.update(index.get(word, ()))
    if not hits:
        return None
    best, count = hits.most_common(1)[0]
    if count < MIN_DENSITY * len(folded):
        return None
    return stoplist(languages[best])
