"""schema.org ClaimReview JSON-LD for the claims that have a verdict, as fact-checkers publish
them (and search engines read them)."""

from __future__ import annotations

import json
from typing import Any

from reader.annotations import verdict_scale
from reader.export import Item


def review(item: Item, org: str, base_url: str) -> dict[str, Any] | None:
    a = item.annotation
    if not a.verdict:
        return None
    scale = verdict_scale()
    verdict = scale.get(a.verdict)
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": a.verdict}
    if verdict is not None and verdict.value is not None:
        rating |= {
            "ratingValue": verdict.value,
            "bestRating": scale.best,
            "worstRating": scale.worst,
        }
    appearance: dict[str, Any] = {"@type": "CreativeWork", "url": a.article_uri}
    if item.article is not None:
        appearance["headline"] = item.article.title
        if item.article.date:
            appearance["datePublished"] = item.article.date
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance}
    if a.claimant:
        claim["author"] = {"@type": "Person", "name": a.claimant}
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base_url.rstrip('/')}/#{a.id}" if base_url else f"urn:uuid:{a.id}",
        "claimReviewed": " ".join(a.quote.exact.split()),
        "datePublished": a.modified[:10],
        "reviewRating": rating,
        "itemReviewed": claim,
        "author": {"@type": "Organization", "name": org or "Unnamed organisation"},
    }
    if a.reviewer:
        out["author"]["member"] = {"@type": "Person", "name": a.reviewer}
    if a.note:
        out["reviewBody"] = a.note
    return out


def render(items: list[Item], org: str = "", base_url: str = "") -> str:
    reviews = [r for r in (review(i, org, base_url) for i in items) if r is not None]
    return json.dumps(reviews, ensure_ascii=False, indent=1) + "\n"
