"""W3C Web Annotation Data Model (JSON-LD): export as an AnnotationCollection, and import of a
collection, a list, JSON Lines or a single annotation — ours or another tool's.

The standard model carries the note (commenting), tags (tagging), the verdict (assessing) and
sources (linking); the rest of what Corpus Reader keeps (highlight colour, claim status,
claimant) goes in terms of its own namespace, so export → import → export is lossless and other
tools can ignore what they do not know.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from reader.anchoring import TextQuote, anchor, quote_of
from reader.annotations import (
    MAX_NOTE,
    MAX_QUOTE,
    Annotation,
    AnnotationStore,
    Source,
    now,
    text_digest,
    validated,
)
from reader.export import Item
from reader.library import Library

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NS = "https://corpus-reader.invalid/ns#"
CONTEXT: list[Any] = [W3C_CONTEXT, {"cr": NS}]


def motivation(a: Annotation) -> str:
    if a.verdict:
        return "assessing"
    if a.note:
        return "commenting"
    if a.tags:
        return "tagging"
    return "highlighting"


def to_jsonld(a: Annotation) -> dict[str, Any]:
    body: list[dict[str, Any]] = []
    if a.note:
        body.append(
            {
                "type": "TextualBody",
                "value": a.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in a.tags]
    if a.verdict:
        body.append({"type": "TextualBody", "value": a.verdict, "purpose": "assessing"})
    for s in a.sources:
        source: dict[str, Any] = {"type": "SpecificResource", "source": s.url, "purpose": "linking"}
        if s.title:
            source["cr:title"] = s.title
        body.append(source)
    out: dict[str, Any] = {
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": motivation(a),
        "created": a.created,
        "modified": a.modified,
        "target": {
            "source": a.article_uri,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": a.quote.exact,
                    "prefix": a.quote.prefix,
                    "suffix": a.quote.suffix,
                },
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
        },
    }
    if body:
        out["body"] = body if len(body) > 1 else body[0]
    if a.reviewer:
        out["creator"] = {"type": "Person", "name": a.reviewer}
    extras = {
        "cr:colour": a.colour,
        "cr:claim": a.claim or None,
        "cr:claimant": a.claimant,
        "cr:status": a.status,
        "cr:anchorState": a.anchor_state if a.anchor_state != "exact" else None,
    }
    out.update({k: v for k, v in extras.items() if v is not None})
    return out


def render(items: list[Item]) -> str:
    annotations = [to_jsonld(i.annotation) for i in items]
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": "Corpus Reader annotations",
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": annotations},
    }
    return json.dumps(collection, ensure_ascii=False, indent=1) + "\n"


# -- import --------------------------------------------------------------------------------------

#: The largest annotation file imported: far beyond any real export (10,000 annotations with
#: notes are ~10 MB), small enough that a hostile file cannot exhaust memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024
#: How deep lists and pages may nest (JSON Lines of collections of pages of lists).
_MAX_DEPTH = 8


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (annotation id, reason)
    conflicts: list[tuple[str, str]] = field(default_factory=list)  # kept here, and why

    def summary(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged,"
            f" {len(self.conflicts)} kept (newer here), {len(self.skipped)} skipped"
        )


def parse(text: str) -> Iterator[dict[str, Any]]:
    """Annotations from a collection, a page, a list, one annotation, or JSON Lines; raises
    ``ValueError`` (with what is wrong) for anything else."""
    if len(text) > MAX_IMPORT_BYTES:
        raise ValueError(f"the file is over {MAX_IMPORT_BYTES // 2**20} MB")
    text = text.strip()
    if not text:
        return
    try:
        try:
            data: Any = json.loads(text, parse_constant=_no_constant)
        except json.JSONDecodeError:
            data = [
                json.loads(line, parse_constant=_no_constant)
                for line in text.splitlines()
                if line.strip()
            ]
    except RecursionError:
        raise ValueError("its JSON is nested too deeply to be annotations") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON or JSON Lines ({exc})") from None
    yield from _items(data, 0)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _items(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > _MAX_DEPTH:
        raise ValueError("its lists or pages are nested too deeply")
    if isinstance(data, list):
        for d in data:
            yield from _items(d, depth + 1)
        return
    if not isinstance(data, dict):
        raise ValueError("not a W3C annotation, list or collection")
    kind = data.get("type")
    if kind == "AnnotationCollection":
        page = data.get("first")
        pages = 0
        while isinstance(page, dict) and pages < 100_000:
            yield from _items(page.get("items", []), depth + 1)
            page = page.get("next") if isinstance(page.get("next"), dict) else None
            pages += 1
        return
    if kind == "AnnotationPage":
        yield from _items(data.get("items", []), depth + 1)
        return
    yield data


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _offset(selector: dict[str, Any], key: str) -> int:
    value = selector.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise ValueError(f"the position selector's {key} is not a character offset")
    return value


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} is not text")
    return value


def target_source(d: dict[str, Any]) -> str | None:
    """The URI of the document an annotation targets, if it names one."""
    target = next(iter(_as_list(d.get("target"))), None)
    source = target.get("source") if isinstance(target, dict) else target
    return source if isinstance(source, str) and source else None


def from_jsonld(d: dict[str, Any], article_id: int, text: str) -> Annotation:
    """An annotation placed in ``text`` by its selectors (quote first, position as a hint);
    raises ``ValueError`` saying what makes it unusable."""
    target = next(iter(_as_list(d.get("target"))), None)
    if not isinstance(target, dict):
        raise ValueError("its target has no selector")
    selectors = [s for s in _as_list(target.get("selector")) if isinstance(s, dict)]
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    start = _offset(position, "start") if position else 0
    end = _offset(position, "end") if position else 0
    if quote is not None:
        tq = TextQuote(
            _string(quote.get("exact", ""), "the quoted text"),
            _string(quote.get("prefix", ""), "the quote's prefix"),
            _string(quote.get("suffix", ""), "the quote's suffix"),
        )
        if len(tq.exact) > MAX_QUOTE:
            raise ValueError(f"its quoted words are over {MAX_QUOTE:,} characters")
        found = anchor(text, tq, start, end)
        start, end, state, score = found.start, found.end, found.state, found.score
    elif position is not None and 0 <= start < end <= len(text):
        tq, state, score = quote_of(text, start, end), "exact", 1.0
    else:
        raise ValueError("no TextQuoteSelector or usable TextPositionSelector")
    if state != "orphaned" and state != "fuzzy":
        tq = quote_of(text, start, end)
    note, tags, verdict, sources = "", [], None, []
    for b in _as_list(d.get("body")):
        if isinstance(b, str):
            note = note or b
            continue
        if not isinstance(b, dict):
            raise ValueError("a body is neither text nor an object")
        purpose = b.get("purpose") or (
            "commenting" if d.get("motivation") == "commenting" else None
        )
        if b.get("type") == "TextualBody" or "value" in b:
            value = _string(b.get("value", ""), "a body's value")
            if purpose == "tagging":
                tags.append(value)
            elif purpose == "assessing":
                verdict = value
            else:
                note = f"{note}\n\n{value}".strip() if note else value
            if len(note) > MAX_NOTE:
                raise ValueError(f"its note is over {MAX_NOTE:,} characters")
        elif purpose == "linking" or b.get("type") == "SpecificResource":
            url = b.get("source") or b.get("id")
            if url:
                title = b.get("cr:title", b.get("name", ""))
                sources.append(Source(_string(url, "a source"), _string(title, "a source's title")))
    creator = d.get("creator")
    reviewer = creator.get("name") if isinstance(creator, dict) else creator
    raw_id = d.get("id")
    raw_id = raw_id if isinstance(raw_id, str) else ""
    ident = raw_id.removeprefix("urn:uuid:") if raw_id.startswith("urn:uuid:") else None
    created = d.get("created") or now()
    ann = Annotation(
        id=ident or str(uuid.uuid5(uuid.NAMESPACE_URL, raw_id or json.dumps(d, sort_keys=True))),
        article_id=article_id,
        article_uri=_string(target.get("source", ""), "the target's source"),
        start=start,
        end=end,
        quote=tq,
        colour=d.get("cr:colour"),
        note=note,
        tags=tuple(dict.fromkeys(tags)),
        claim=bool(d.get("cr:claim") or verdict),
        claimant=d.get("cr:claimant"),
        verdict=verdict,
        status=d.get("cr:status"),
        sources=tuple(sources),
        reviewer=reviewer if isinstance(reviewer, str) else None,
        created=created,
        modified=d.get("modified") or created,
        anchor_state=state,
        anchor_score=score,
        anchored_to=text_digest(text),
    )
    return validated(ann)


def import_annotations(store: AnnotationStore, library: Library, text: str) -> ImportResult:
    """Merge the annotations in ``text`` into the store, each placed in its article by its
    selectors: new ones added, a newer copy of one here replaces it, an older one is kept out
    and reported (:meth:`AnnotationStore.merge`). Each unusable one is skipped with the reason;
    the rest are written in one transaction — all of them or, on a failure, none."""
    result = ImportResult()
    uris = library.uris()
    batch: list[Annotation] = []
    for d in parse(text):
        ident = str(d.get("id", "?"))[:200]
        source = target_source(d)
        article_id = uris.get(source) if source else None
        article = library.get(article_id) if article_id is not None else None
        if article is None:
            result.skipped.append((ident, f"its article {source} is not in the library"))
            continue
        try:
            ann = from_jsonld(d, article.id, article.text)
        except (ValueError, TypeError) as exc:
            result.skipped.append((ident, f"not a usable annotation: {exc}"))
            continue
        batch.append(replace(ann, article_hash=article.content_hash))
    merged = store.merge(batch)
    result.added, result.updated, result.unchanged = merged.added, merged.updated, merged.unchanged
    result.conflicts = merged.conflicts
    return result
