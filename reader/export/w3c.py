"""W3C Web Annotation Data Model (JSON-LD): export as an AnnotationCollection, and import of a
collection, a list, JSON Lines or a single annotation — ours or another tool's.

The standard model carries the note (commenting), tags (tagging), the verdict (assessing) and
sources (linking); the rest of what Corpus Reader keeps (highlight colour, claim status,
claimant) goes in terms of its own namespace, so export → import → export is lossless and other
tools can ignore what they do not know.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from reader.anchoring import TextQuote, anchor, quote_of
from reader.annotations import Annotation, AnnotationStore, Source, now
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


@dataclass
class ImportResult:
    added: int = 0
    updated: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (annotation id, reason)


def parse(text: str) -> Iterator[dict[str, Any]]:
    """Annotations from a collection, a page, a list, one annotation, or JSON Lines."""
    text = text.strip()
    if not text:
        return
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        data = [json.loads(line) for line in text.splitlines() if line.strip()]
    yield from _items(data)


def _items(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for d in data:
            yield from _items(d)
        return
    if not isinstance(data, dict):
        raise ValueError("not a W3C annotation, list or collection")
    kind = data.get("type")
    if kind == "AnnotationCollection":
        page = data.get("first")
        while isinstance(page, dict):
            yield from _items(page.get("items", []))
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        return
    if kind == "AnnotationPage":
        yield from _items(data.get("items", []))
        return
    yield data


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def from_jsonld(d: dict[str, Any], article_id: int, text: str) -> Annotation:
    """An annotation placed in ``text`` by its selectors (quote first, position as a hint)."""
    target = _as_list(d.get("target"))[0]
    selectors = _as_list(target.get("selector")) if isinstance(target, dict) else []
    quote = next((s for s in selectors if s.get("type") == "TextQuoteSelector"), None)
    position = next((s for s in selectors if s.get("type") == "TextPositionSelector"), None)
    start = int(position["start"]) if position else 0
    end = int(position["end"]) if position else 0
    if quote is not None:
        tq = TextQuote(quote.get("exact", ""), quote.get("prefix", ""), quote.get("suffix", ""))
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
        purpose = b.get("purpose") or (
            "commenting" if d.get("motivation") == "commenting" else None
        )
        if b.get("type") == "TextualBody" or "value" in b:
            value = str(b.get("value", ""))
            if purpose == "tagging":
                tags.append(value)
            elif purpose == "assessing":
                verdict = value
            else:
                note = f"{note}\n\n{value}".strip() if note else value
        elif purpose == "linking" or b.get("type") == "SpecificResource":
            url = b.get("source") or b.get("id")
            if url:
                sources.append(Source(str(url), str(b.get("cr:title", b.get("name", "")))))
    creator = d.get("creator")
    reviewer = creator.get("name") if isinstance(creator, dict) else creator
    raw_id = str(d.get("id") or "")
    ident = raw_id.removeprefix("urn:uuid:") if raw_id.startswith("urn:uuid:") else None
    import uuid

    created = str(d.get("created") or now())
    return Annotation(
        id=ident or str(uuid.uuid5(uuid.NAMESPACE_URL, raw_id or json.dumps(d, sort_keys=True))),
        article_id=article_id,
        article_uri=str(target.get("source", "")),
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
        modified=str(d.get("modified") or created),
        anchor_state=state,
        anchor_score=score,
    )


def import_annotations(store: AnnotationStore, library: Library, text: str) -> ImportResult:
    """Add the annotations in ``text`` to the store, each placed in its article by selectors.
    Annotations of articles not in the library are skipped with the reason, never guessed."""
    result = ImportResult()
    uris = library.uris()
    batch: list[Annotation] = []
    for d in parse(text):
        target = _as_list(d.get("target"))
        source = (
            target[0].get("source")
            if target and isinstance(target[0], dict)
            else target[0]
            if target
            else None
        )
        ident = str(d.get("id", "?"))
        article_id = uris.get(str(source)) if source else None
        if article_id is None:
            result.skipped.append((ident, f"its article {source} is not in the library"))
            continue
        article = library.get(article_id)
        if article is None:
            result.skipped.append((ident, f"its article {source} is not in the library"))
            continue
        try:
            ann = from_jsonld(d, article_id, article.text)
        except (ValueError, KeyError, TypeError) as exc:
            result.skipped.append((ident, f"not a usable annotation: {exc}"))
            continue
        if store.get(ann.id) is not None:
            result.updated += 1
        else:
            result.added += 1
        batch.append(ann)
    if batch:
        store.put_many(batch)  # one transaction: all of the file or none of it
    return result
