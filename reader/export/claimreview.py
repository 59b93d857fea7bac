"""schema.org ClaimReview JSON-LD for the claims that have a verdict, as fact-checkers publish
them (and search engines read them), with :func:`check`: what would make them unfit to publish,
in plain words, so that nothing goes out silently with a placeholder in it."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

from reader.annotations import verdict_scale
from reader.export import ArticleInfo, Item, TrailPlace, web_address
from reader.paths import RESOURCES_DIR

#: What a review's author is called when no organisation is given (and :func:`check` warns).
UNNAMED = "Unnamed organisation"

#: Claimants that stand for the article's own voice: its publication is the claim's author.
_ARTICLE_ITSELF = {
    "article",
    "this article",
    "the article",
    "the author",
    "the journalist",
    "the publication",
    "the reporter",
    "the report",
    "the story",
    "the text",
    "the writer",
}
#: Words that end the head of a description ("spokesman for the ministry", "Ministry of Defence").
_CONNECTORS = {"of", "for", "at", "in", "on", "from", "to", "with", "and"}
#: People's roles the lexicon does not list, as claimants are written ("the Democratic nominee").
_MORE_ROLES = {
    "candidate",
    "congressman",
    "congresswoman",
    "lawmaker",
    "legislator",
    "man",
    "nominee",
    "person",
    "resident",
    "source",
    "witness",
    "woman",
}
#: Words of the lexicon's titles that qualify a role rather than name one ("Foreign Ministry").
_QUALIFIERS = {
    "acting",
    "crown",
    "defence",
    "defense",
    "deputy",
    "finance",
    "foreign",
    "health",
    "home",
    "interior",
    "prime",
    "state",
    "trade",
    "vice",
}


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str], dict[str, str]]:
    """Organisation words and people's roles (``resources/lexicon.json``) and the names the
    built-in gazetteer types (``resources/gazetteer.json``), read once."""
    lexicon = json.loads((RESOURCES_DIR / "lexicon.json").read_text(encoding="utf-8"))
    roles = frozenset(lexicon["roles"]) | frozenset(lexicon["titles"]) - _QUALIFIERS | _MORE_ROLES
    orgs = frozenset(lexicon["organisation_words"])
    gazetteer = json.loads((RESOURCES_DIR / "gazetteer.json").read_text(encoding="utf-8"))
    known: dict[str, str] = {}
    for actor in gazetteer.get("actors", []):
        for alias in [actor["name"], *actor.get("aliases", [])]:
            text, kind = (
                (alias, actor["type"])
                if isinstance(alias, str)
                else (alias["text"], alias.get("type", actor["type"]))
            )
            known.setdefault(text.casefold(), kind)
    return orgs, roles - orgs, known


def claimant_type(name: str) -> str:
    """ "Person" or "Organization" for a claimant, by a simple rule: a name the gazetteer
    knows takes its type; a role ("the foreign ministry spokesman", "President Xi") is a
    person; a description with an organisation's word ("the State Department", "Ministry of
    Foreign Affairs", "Reuters"), an acronym ("NATO") or another "the …" ("the Kremlin") is an
    organisation; plural roles ("US officials") speak for a body; any other name is a person's."""
    orgs, roles, known = _vocabulary()
    words = re.findall(r"\w[\w'’.&-]*", name)
    if not words:
        return "Organization"
    lower = [re.sub(r"['’]s?$", "", w.casefold()).rstrip(".") for w in words]
    article = lower[0] in ("the", "a", "an")
    bare = words[1:] if article and len(words) > 1 else words
    kind = known.get(" ".join(bare).casefold()) or known.get(" ".join(words).casefold())
    if kind is not None:
        return "Person" if kind == "person" else "Organization"
    head = next((lower[:i] for i, w in enumerate(lower) if i and w in _CONNECTORS), lower)
    role = max((i for i, w in enumerate(head) if w in roles), default=None)
    # a role closing the head, or followed only by a name ("spokesman Wang Wenbin")
    if role is not None and all(w[:1].isupper() for w in words[role + 1 : len(head)]):
        return "Person"
    if head[-1].endswith("s") and head[-1][:-1] in roles:
        return "Organization"
    if any(w in orgs for w in lower) or (len(bare) == 1 and bare[0].isupper() and len(bare[0]) > 1):
        return "Organization"
    return "Organization" if article else "Person"


def claim_author(claimant: str | None, article: ArticleInfo | None) -> dict[str, Any] | None:
    """The claim's author as schema.org types it; the article's own assertion is its
    publication's (the article's source); ``None`` when no one can be named."""
    name = " ".join((claimant or "").split())
    if not name:
        return None
    if name.casefold() in _ARTICLE_ITSELF:
        if article is not None and article.source:
            return {"@type": "Organization", "name": article.source}
        return None
    return {"@type": claimant_type(name), "name": name}


def appearance(item: Item) -> dict[str, Any]:
    """Where the claim appeared: the article's web address when it was read from one, else
    its stable identifier; its headline, date and publication."""
    art = item.article
    url = art.path.strip() if art is not None and web_address(art.path) else None
    out: dict[str, Any] = {"@type": "CreativeWork", "url": url or item.annotation.article_uri}
    if art is not None:
        out["headline"] = art.title
        if art.date:
            out["datePublished"] = art.date
        if art.source:
            out["publisher"] = {"@type": "Organization", "name": art.source}
    return out


def _work(place: TrailPlace) -> dict[str, Any]:
    """An article of a claim's trail as a schema.org CreativeWork."""
    url = place.path.strip() if web_address(place.path) else place.uri
    out: dict[str, Any] = {"@type": "CreativeWork", "url": url, "headline": place.title}
    if place.date:
        out["datePublished"] = place.date
    if place.outlet:
        out["publisher"] = {"@type": "Organization", "name": place.outlet}
    return out


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
    claim: dict[str, Any] = {"@type": "Claim", "appearance": appearance(item)}
    if item.trail is not None:
        # every article that carries the claim, and the first of them when dates tell it
        claim["appearance"] = [_work(p) for p in item.trail.places]
        first = item.trail.first
        if first is not None:
            claim["firstAppearance"] = _work(first)
    author = claim_author(a.claimant, item.article)
    if author is not None:
        claim["author"] = author
    if item.article is not None and item.article.date:
        claim["datePublished"] = item.article.date
    out: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{base_url.strip().rstrip('/')}/#{a.id}"
        if base_url.strip()
        else f"urn:uuid:{a.id}",
        "claimReviewed": " ".join(a.quote.exact.split()),
        "datePublished": a.modified[:10],
        "reviewRating": rating,
        "itemReviewed": claim,
        "author": {"@type": "Organization", "name": org.strip() or UNNAMED},
    }
    if a.reviewer:
        out["author"]["member"] = {"@type": "Person", "name": a.reviewer}
    if a.note:
        out["reviewBody"] = a.note
    return out


def _some(items: list[Item]) -> str:
    """A few of these claims by their words, to find them again."""
    shown = []
    for item in items[:3]:
        words = " ".join(item.annotation.quote.exact.split())
        shown.append(f"“{words[:60]}…”" if len(words) > 60 else f"“{words}”")
    more = len(items) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


def check(items: list[Item], org: str = "", base_url: str = "") -> list[str]:
    """What would make these reviews unfit to publish, each in plain words (empty: none)."""
    reviewed = [i for i in items if i.annotation.verdict]
    if not reviewed:
        return [
            "No claim among these annotations has a verdict, so there is no review to "
            "export: give the claims a verdict first."
        ]
    out = []
    if not org.strip():
        out.append(
            f"No organisation was given: the reviews name their author “{UNNAMED}”. Give "
            "your organisation's name (Organisation in the export dialog, --org on the "
            "command line) before publishing them."
        )
    if not base_url.strip():
        out.append(
            "No base address was given: each review's address is a urn:uuid: identifier, "
            "which no browser or search engine can open. Give the web address where your "
            "reviews are published (Base address in the export dialog, --base-url)."
        )
    elif not web_address(base_url):
        out.append(
            f"The base address “{base_url.strip()}” is not a web address: the reviews' "
            "addresses must start with https:// (or http://)."
        )
    unnamed = [i for i in reviewed if claim_author(i.annotation.claimant, i.article) is None]
    if unnamed:
        out.append(
            f"{len(unnamed)} claim(s) have no claimant, so their review says no one made "
            f"them: {_some(unnamed)}. Add who made each claim in its dialog."
        )
    scale = verdict_scale()
    off = sorted({v for i in reviewed if scale.get(v := i.annotation.verdict or "") is None})
    if off:
        out.append(
            "Verdicts not on your verdict scale go out by their name only, with no rating: "
            + ", ".join(f"“{v}”" for v in off)
            + "."
        )
    return out


def render(items: list[Item], org: str = "", base_url: str = "") -> str:
    reviews = [r for r in (review(i, org, base_url) for i in items) if r is not None]
    return json.dumps(reviews, ensure_ascii=False, indent=1) + "\n"
