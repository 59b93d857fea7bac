"""The reader's corrections of the analysis: an actor's type, two actors that are one, a
quotation's speaker, a claim's claimant. They are the reader's work, kept beside the library
(never in its rebuildable cache), and they teach: a type or a merge goes into the user's
gazetteer (``gazetteer.json``), so the same name is right in every other article; a speaker or
claimant is kept for its article and laid over every later analysis of it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.analysis.gazetteer import ACTOR_TYPES
from reader.json_files import write_json
from reader.model import Span

FILE_NAME = "corrections.json"
GAZETTEER = "gazetteer.json"


class CorrectionError(ValueError):
    """A correction that cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class WhoFix:
    """A quotation's speaker or a claim's claimant, set by the reader."""

    article_uri: str
    kind: str  # "quote" or "claim"
    words: str  # the quoted or claimed words (found again after a re-analysis by them)
    start: int  # where they were, to choose between repeats of the same words
    who: str | None  # None: the text does not say (the reader removed a wrong attribution)


def _norm(text: str) -> str:
    return " ".join(text.split())


class Corrections:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.path = self.root / FILE_NAME
        self.gazetteer = self.root / GAZETTEER

    # -- actors: into the user's gazetteer --------------------------------------------------------
    def _read_gazetteer(self) -> dict[str, Any]:
        try:
            data = json.loads(self.gazetteer.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {"actors": []}
        except (OSError, ValueError, RecursionError) as exc:
            raise CorrectionError(
                f"your gazetteer {self.gazetteer} cannot be read ({exc}); fix or move it first"
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
            raise CorrectionError(f"your gazetteer {self.gazetteer} is not a list of actors")
        data.setdefault("actors", [])
        return data

    def _entry(self, data: dict[str, Any], name: str) -> dict[str, Any] | None:
        return next(
            (a for a in data["actors"] if isinstance(a, dict) and a.get("name") == name), None
        )

    def set_type(self, name: str, type_: str) -> None:
        """``name`` is a ``type_`` (person, organisation, country, place) wherever it appears."""
        if type_ not in ACTOR_TYPES:
            raise CorrectionError(f"the type must be one of {', '.join(ACTOR_TYPES)}")
        name = _norm(name)
        if not name:
            raise CorrectionError("an actor needs a name")
        data = self._read_gazetteer()
        entry = self._entry(data, name)
        if entry is None:
            data["actors"].append({"name": name, "type": type_, "aliases": []})
        else:
            entry["type"] = type_
        write_json(self.gazetteer, data)

    def merge(self, alias: str, into: str, type_: str) -> None:
        """``alias`` is another name of ``into`` (of type ``type_``): one actor from now on."""
        alias, into = _norm(alias), _norm(into)
        if not alias or not into or alias == into:
            raise CorrectionError("merging needs two different names")
        if type_ not in ACTOR_TYPES:
            raise CorrectionError(f"the type must be one of {', '.join(ACTOR_TYPES)}")
        data = self._read_gazetteer()
        data["actors"] = [
            a for a in data["actors"] if not (isinstance(a, dict) and a.get("name") == alias)
        ]
        entry = self._entry(data, into)
        if entry is None:
            entry = {"name": into, "type": type_, "aliases": []}
            data["actors"].append(entry)
        aliases = [a for a in entry.get("aliases", []) if a != alias]
        entry["aliases"] = [*aliases, alias]
        write_json(self.gazetteer, data)

    def actors(self) -> list[dict[str, Any]]:
        """The user's own actors (the corrected and merged ones among them)."""
        return [a for a in self._read_gazetteer()["actors"] if isinstance(a, dict)]

    # -- who said it: per article ------------------------------------------------------------------
    def _read(self) -> list[WhoFix]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError, RecursionError):
            return []  # unreadable: the analysis alone, as before any correction
        out = []
        for item in data.get("who", []) if isinstance(data, dict) else []:
            try:
                out.append(
                    WhoFix(
                        str(item["article"]),
                        str(item["kind"]),
                        str(item["words"]),
                        int(item["start"]),
                        None if item.get("who") is None else str(item["who"]),
                    )
                )
            except (KeyError, TypeError, ValueError):
                continue
        return out

    def set_who(self, fix: WhoFix) -> None:
        """Record a speaker or claimant (replacing an earlier correction of the same span)."""
        if fix.kind not in ("quote", "claim"):
            raise CorrectionError("a speaker is set on a quotation, a claimant on a claim")
        fixes = [
            f
            for f in self._read()
            if not (
                f.article_uri == fix.article_uri
                and f.kind == fix.kind
                and _norm(f.words) == _norm(fix.words)
                and f.start == fix.start
            )
        ]
        fixes.append(fix)
        write_json(
            self.path,
            {
                "version": 1,
                "who": [
                    {
                        "article": f.article_uri,
                        "kind": f.kind,
                        "words": f.words,
                        "start": f.start,
                        "who": f.who,
                    }
                    for f in fixes
                ],
            },
        )

    def for_article(self, uri: str) -> list[WhoFix]:
        return [f for f in self._read() if f.article_uri == uri]

    def all_articles(self) -> set[str]:
        return {f.article_uri for f in self._read()}

    def _actor_rules(self) -> tuple[dict[str, str], dict[str, str]]:
        """The reader's types (name → type) and merges (other name → actor), from the user's
        gazetteer (an unreadable one gives none: the analysis stands)."""
        try:
            actors = self.actors()
        except CorrectionError:
            return {}, {}
        types: dict[str, str] = {}
        merged: dict[str, str] = {}
        for a in actors:
            name, kind = a.get("name"), a.get("type")
            if isinstance(name, str) and kind in ACTOR_TYPES:
                types[name] = kind
                for alias in a.get("aliases") or []:
                    if isinstance(alias, str):
                        merged[alias] = name
        return types, merged

    def has_actor_rules(self) -> bool:
        return any(self._actor_rules())

    def apply(self, uri: str, text: str, spans: list[Span]) -> list[Span]:
        """``spans`` with the reader's word laid over the analysis': an actor they typed has
        that type and one they merged is the other, wherever the analysis found it, however it
        was found; and each speaker or claimant they set is on its quotation or claim, found
        by its words (the nearest, if they are repeated)."""
        types, merged = self._actor_rules()
        out = list(spans)
        if types or merged:
            for n, span in enumerate(out):
                if span.kind != "actor":
                    continue
                name = merged.get(span.label, span.label)
                kind = types.get(name)
                if name != span.label or (kind is not None and kind != span.attrs.get("type")):
                    attrs = dict(span.attrs)
                    if kind is not None:
                        attrs["type"] = kind
                    out[n] = Span(span.kind, span.start, span.end, name, attrs)
        fixes = self.for_article(uri)
        if not fixes:
            return out
        # speakers first: a claimant the reader set on a claim outranks one a speaker carried
        for fix in sorted(fixes, key=lambda f: f.kind != "quote"):
            words = _norm(fix.words)
            candidates = [
                (abs(s.start - fix.start), n)
                for n, s in enumerate(out)
                if s.kind == fix.kind and _norm(text[s.start : s.end]) == words
            ]
            if not candidates:
                continue
            _distance, n = min(candidates)
            span = out[n]
            key = "speaker" if fix.kind == "quote" else "claimant"
            was = span.attrs.get(key) or None
            out[n] = _with_who(span, key, fix.who, "corrected")
            if fix.kind == "quote":
                _carry(out, n, was, fix.who)
        return out


def _with_who(span: Span, key: str, who: str | None, how: str) -> Span:
    attrs = dict(span.attrs)
    attrs[key] = who
    attrs["how"] = how
    return Span(span.kind, span.start, span.end, who or "", attrs)


def _carry(spans: list[Span], n: int, was: str | None, who: str | None) -> None:
    """A speaker set on a quotation holds for the parts that continue it (the analysis gave
    them its speaker) and for the claims that are those quotations, where they had the
    speaker it replaced: one correction, not one per card."""
    quotes = sorted((s.start, k) for k, s in enumerate(spans) if s.kind == "quote")
    order = [k for _, k in quotes]
    changed = [n]
    for k in order[order.index(n) + 1 :]:
        part = spans[k]
        if part.attrs.get("how") != "continued" or (part.attrs.get("speaker") or None) != was:
            break
        spans[k] = _with_who(part, "speaker", who, "continued")
        changed.append(k)
    for q in (spans[k] for k in changed):
        for c, claim in enumerate(spans):
            if (
                claim.kind == "claim"
                and claim.start < q.end
                and q.start < claim.end
                and (claim.attrs.get("claimant") or None) == was
                and claim.attrs.get("how") != "corrected"
            ):
                spans[c] = _with_who(claim, "claimant", who, "corrected")
