"""Keeping a library tidy, as Zotero and calibre users expect: remove articles or everything
imported from a folder (their annotations are kept, listed as on an article not in the library,
until deleted on purpose; adding the file again brings them back); find duplicates — the same
text, or nearly, imported twice — and merge them into one article (the others' annotations
move to it) or hide the others. Hidden files are remembered (user data, beside the annotations:
``hidden-articles.json``) so that importing their folder again passes them over, until the
reader shows them again."""

from __future__ import annotations

import heapq
import os
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.json_files import read_json_object, write_json
from reader.library import Library, article_uri

FILE_NAME = "hidden-articles.json"
#: Words per shingle, and how many of an article's smallest shingle hashes sketch it.
SHINGLE = 5
SKETCH = 16
#: Near-same: this share of their word 5-grams in common (Jaccard), or more (a wire story
#: and its update with a figure changed; two stories sharing a paragraph stay apart).
NEAR = 0.8

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Folder:
    """A folder files were imported from, and how many articles came from it."""

    path: str
    articles: int
    missing: int  # of which the file is gone


@dataclass(frozen=True)
class HiddenArticle:
    uri: str
    path: str  # the file, absolute
    title: str
    kept: str | None  # the URI of the article it was merged into, if it was merged
    since: str  # ISO date and time


@dataclass(frozen=True)
class DuplicateArticle:
    id: int
    uri: str
    title: str
    path: str
    source: str | None
    date: str | None
    words: int
    annotations: int


@dataclass(frozen=True)
class DuplicateGroup:
    """Articles with the same text (``similarity`` 1.0) or nearly (the lowest share of word
    5-grams two of them have in common)."""

    articles: tuple[DuplicateArticle, ...]
    similarity: float

    @property
    def suggested(self) -> DuplicateArticle:
        """The one to keep: the most annotated, then the longest, then the first imported."""
        return max(self.articles, key=lambda a: (a.annotations, a.words, -a.id))


def folders(library: Library) -> list[Folder]:
    """The folders the library's files came from (the innermost), with their article counts."""
    count: Counter[str] = Counter()
    gone: Counter[str] = Counter()
    for _id, _uri, path, missing in library.locations():
        folder = os.path.dirname(path)
        count[folder] += 1
        gone[folder] += missing
    return [Folder(f, n, gone[f]) for f, n in sorted(count.items())]


def articles_under(library: Library, folder: str) -> list[int]:
    """Every article imported from a file in ``folder`` or below it."""
    return sorted(library.under(folder).values())


# -- hidden files --------------------------------------------------------------------------------
class HiddenStore:
    """Hidden articles by URI, and pairs of articles the reader said are not duplicates."""

    def __init__(self, root: Path) -> None:
        self.path = Path(root) / FILE_NAME

    def _read(self) -> dict[str, Any]:
        data = read_json_object(self.path, "list of hidden articles")
        hidden = data.get("hidden")
        pairs = data.get("not_duplicates")
        return {
            "version": 1,
            "hidden": hidden if isinstance(hidden, dict) else {},
            "not_duplicates": pairs if isinstance(pairs, list) else [],
        }

    def hidden(self) -> list[HiddenArticle]:
        out = []
        for uri, v in self._read()["hidden"].items():
            if isinstance(v, dict) and isinstance(v.get("path"), str):
                out.append(
                    HiddenArticle(
                        uri,
                        v["path"],
                        str(v.get("title") or os.path.basename(v["path"])),
                        v.get("kept") if isinstance(v.get("kept"), str) else None,
                        str(v.get("since") or ""),
                    )
                )
        return sorted(out, key=lambda h: h.path)

    def hidden_paths(self) -> dict[str, HiddenArticle]:
        """Hidden files by absolute path (what an import checks)."""
        return {h.path: h for h in self.hidden()}

    def hide(self, articles: Iterable[tuple[str, str, str]], kept: str | None) -> None:
        """Remember ``(uri, path, title)`` articles as hidden (merged into ``kept``, if given)."""
        data = self._read()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        for uri, path, title in articles:
            data["hidden"][uri] = {"path": path, "title": title, "kept": kept, "since": now}
        write_json(self.path, data)

    def show_again(self, uris: Iterable[str]) -> list[HiddenArticle]:
        """Forget that these are hidden; the ones that were."""
        data = self._read()
        out = []
        known = {h.uri: h for h in self.hidden()}
        for uri in uris:
            if data["hidden"].pop(uri, None) is not None and uri in known:
                out.append(known[uri])
        write_json(self.path, data)
        return out

    def not_duplicates(self) -> set[frozenset[str]]:
        return {frozenset(p) for p in self._read()["not_duplicates"] if isinstance(p, list) and p}

    def dismiss(self, uris: Iterable[str]) -> None:
        """These articles are not duplicates of one another: never proposed together again."""
        group = sorted(set(uris))
        data = self._read()
        pairs = {tuple(sorted(p)) for p in data["not_duplicates"] if isinstance(p, list)}
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pairs.add((a, b))
        data["not_duplicates"] = [list(p) for p in sorted(pairs)]
        write_json(self.path, data)


def skip_hidden(store: HiddenStore) -> Callable[[str], str | None] | None:
    """For an import: why a file (its absolute path) is passed over, or ``None``; no function
    at all when nothing is hidden (a re-scan of 21,000 files spent 0.3 s making their URIs)."""
    hidden = store.hidden_paths()
    if not hidden:
        return None
    by_uri = {h.uri: h for h in hidden.values()}

    def reason(abs_path: str) -> str | None:
        found = hidden.get(abs_path) or by_uri.get(article_uri(abs_path))
        if found is None:
            return None
        if found.kept:
            return (
                "hidden: merged into another article as its duplicate (Library ▸ Hidden Articles)"
            )
        return "hidden (Library ▸ Hidden Articles shows it again)"

    return reason


# -- duplicates ------------------------------------------------------------------------------------
def _shingles(text: str) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {hash(" ".join(words))} if words else set()
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def similarity(a: set[int], b: set[int]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def find_duplicates(
    library: Library,
    annotations: dict[str, int],
    dismissed: set[frozenset[str]] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    near: float = NEAR,
) -> list[DuplicateGroup]:
    """Groups of articles with the same or nearly the same text. Each article is sketched by
    its smallest shingle hashes; articles sharing half their sketch are compared in full.
    ``annotations``: how many annotations each article URI has (to suggest which to keep)."""
    dismissed = dismissed or set()
    ids = library.ids()
    sketches: dict[int, list[int]] = {}
    owners: defaultdict[int, list[int]] = defaultdict(list)
    pairs: Counter[tuple[int, int]] = Counter()
    step = 200
    for n in range(0, len(ids), step):
        if cancelled():
            return []
        for aid, text in library.texts(ids[n : n + step]).items():
            sketch = heapq.nsmallest(SKETCH, _shingles(text))
            sketches[aid] = sketch
            for h in sketch:
                for other in owners[h]:
                    pairs[(other, aid)] += 1
                owners[h].append(aid)
        if progress is not None:
            progress(min(n + step, len(ids)), len(ids))
    candidates = [
        p for p, shared in pairs.items() if shared * 2 >= min(len(sketches[p[0]]), SKETCH)
    ]
    wanted = sorted({a for p in candidates for a in p})
    shingles = {aid: _shingles(t) for aid, t in library.texts(wanted).items()}
    meta = library.summaries(wanted)
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    lowest: dict[int, float] = {}
    linked: list[tuple[int, int, float]] = []
    for a, b in candidates:
        if a not in shingles or b not in shingles:
            continue
        if frozenset((meta[a]["uri"], meta[b]["uri"])) in dismissed:
            continue
        score = similarity(shingles[a], shingles[b])
        if score >= near:
            linked.append((a, b, score))
            parent.setdefault(a, a)
            parent.setdefault(b, b)
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[rb] = ra
    for a, _b, score in linked:
        r = root(a)
        lowest[r] = min(lowest.get(r, 1.0), score)
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for aid in wanted:
        if aid in parent:
            groups[root(aid)].append(aid)
    words = {aid: len(_WORD.findall(t)) for aid, t in library.texts(wanted).items()}
    files = {aid: path for aid, _uri, path, _gone in library.locations()}
    out = []
    for r, members in groups.items():
        if len(members) < 2:
            continue
        arts = tuple(
            DuplicateArticle(
                aid,
                meta[aid]["uri"],
                meta[aid]["title"] or os.path.basename(meta[aid]["path"]),
                files.get(aid, meta[aid]["path"]),
                meta[aid]["source"],
                meta[aid]["date"],
                words.get(aid, 0),
                annotations.get(meta[aid]["uri"], 0),
            )
            for aid in sorted(members)
        )
        out.append(DuplicateGroup(arts, round(lowest.get(r, 1.0), 3)))
    return sorted(out, key=lambda g: (-len(g.articles), g.articles[0].title.lower()))
