"""What a reader keeps besides annotations: saved searches (a name for a query, listed with its
count) and collections (named sets of articles, searched with ``in:"Ukraine desk"``).

They are the reader's work, so they live beside the annotations (``saved.json``), not in the
rebuildable library; a collection holds its articles by URI, so it survives a rebuilt library
and finds a moved file's article again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.json_files import read_json_object, write_json

FILE_NAME = "saved.json"
NAME_LIMIT = 80

_IN = re.compile(r'(?<![\w"])in:(?:"([^"]*)"|(\S+))', re.I)


class SavedError(ValueError):
    """A name that cannot be used (empty, too long, taken)."""


@dataclass(frozen=True)
class SavedSearch:
    name: str
    query: str


@dataclass(frozen=True)
class Collection:
    name: str
    uris: tuple[str, ...]

    @property
    def query(self) -> str:
        return f'in:"{self.name}"'


def split_in(query: str) -> tuple[list[str], str]:
    """The collections an ``in:`` asks for, and the rest of the query."""
    names = [(m.group(1) if m.group(1) is not None else m.group(2)) for m in _IN.finditer(query)]
    return [n.strip() for n in names if n.strip()], " ".join(_IN.sub(" ", query).split())


def _clean(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise SavedError("A name is needed.")
    if len(name) > NAME_LIMIT:
        raise SavedError(f"A name of at most {NAME_LIMIT} characters, please.")
    if '"' in name:
        raise SavedError('A name without double quotes, please (in:"…" finds it by name).')
    return name


class SavedStore:
    def __init__(self, root: Path) -> None:
        self.path = Path(root) / FILE_NAME

    def _read(self) -> dict[str, Any]:
        data = read_json_object(self.path, "saved searches and collections")
        searches = data.get("searches")
        collections = data.get("collections")
        return {
            "version": 1,
            "searches": [
                s
                for s in (searches if isinstance(searches, list) else [])
                if isinstance(s, dict)
                and isinstance(s.get("name"), str)
                and isinstance(s.get("query"), str)
            ],
            "collections": {
                k: v
                for k, v in (collections if isinstance(collections, dict) else {}).items()
                if isinstance(v, dict) and isinstance(v.get("uris"), list)
            },
        }

    # -- saved searches ---------------------------------------------------------------------------
    def searches(self) -> list[SavedSearch]:
        return [SavedSearch(s["name"], s["query"]) for s in self._read()["searches"]]

    def save_search(self, name: str, query: str) -> SavedSearch:
        """Save ``query`` as ``name`` (a search saved under that name is replaced)."""
        name, query = _clean(name), " ".join(query.split())
        if not query:
            raise SavedError("There is no search to save: type one first.")
        data = self._read()
        kept = [s for s in data["searches"] if s["name"].casefold() != name.casefold()]
        data["searches"] = [*kept, {"name": name, "query": query}]
        write_json(self.path, data)
        return SavedSearch(name, query)

    def rename_search(self, old: str, new: str) -> None:
        new = _clean(new)
        data = self._read()
        if any(
            s["name"].casefold() == new.casefold() and s["name"] != old for s in data["searches"]
        ):
            raise SavedError(f"A search is already saved as “{new}”.")
        for s in data["searches"]:
            if s["name"] == old:
                s["name"] = new
        write_json(self.path, data)

    def delete_search(self, name: str) -> None:
        data = self._read()
        data["searches"] = [s for s in data["searches"] if s["name"] != name]
        write_json(self.path, data)

    # -- collections ------------------------------------------------------------------------------
    def collections(self) -> list[Collection]:
        items = self._read()["collections"].items()
        return sorted(
            (Collection(name, tuple(str(u) for u in v["uris"])) for name, v in items),
            key=lambda c: c.name.casefold(),
        )

    def collection(self, name: str) -> Collection | None:
        """A collection by name (case does not matter, as in a search)."""
        return next((c for c in self.collections() if c.name.casefold() == name.casefold()), None)

    def add_to(self, name: str, uris: list[str]) -> tuple[Collection, int]:
        """Add articles to a collection (made if new); the collection and how many were new."""
        found = self.collection(name)
        name = found.name if found else _clean(name)
        data = self._read()
        entry = data["collections"].setdefault(name, {"uris": []})
        have = set(entry["uris"])
        new = [u for u in dict.fromkeys(uris) if u not in have]
        entry["uris"] = [*entry["uris"], *new]
        write_json(self.path, data)
        return Collection(name, tuple(entry["uris"])), len(new)

    def remove_from(self, name: str, uris: list[str]) -> int:
        """Take articles out of a collection; how many were in it."""
        found = self.collection(name)
        if found is None:
            return 0
        data = self._read()
        entry = data["collections"][found.name]
        gone = set(uris)
        before = len(entry["uris"])
        entry["uris"] = [u for u in entry["uris"] if u not in gone]
        write_json(self.path, data)
        return before - len(entry["uris"])

    def rename_collection(self, old: str, new: str) -> None:
        new = _clean(new)
        found = self.collection(old)
        if found is None:
            return
        clash = self.collection(new)
        if clash is not None and clash.name != found.name:
            raise SavedError(f"There is already a collection “{clash.name}”.")
        data = self._read()
        data["collections"][new] = data["collections"].pop(found.name)
        # saved searches that name it follow it
        for s in data["searches"]:
            s["query"] = _IN.sub(
                lambda m: (
                    f'in:"{new}"'
                    if (m.group(1) or m.group(2) or "").casefold() == found.name.casefold()
                    else m.group(0)
                ),
                s["query"],
            )
        write_json(self.path, data)

    def delete_collection(self, name: str) -> None:
        """The collection goes; its articles and their annotations stay."""
        found = self.collection(name)
        if found is None:
            return
        data = self._read()
        data["collections"].pop(found.name, None)
        write_json(self.path, data)

    def containing(self, uri: str) -> list[str]:
        """The names of the collections an article is in."""
        return [c.name for c in self.collections() if uri in c.uris]
