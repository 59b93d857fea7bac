"""What the article's layers are called, and how a highlight is told in words: shared by the
article pane's tooltips, the side panes, the legend and printing."""

from __future__ import annotations

from reader.annotations import Annotation
from reader.model import ActorMention, LayerSpan, QuoteSpan

#: The layers a reader can switch on and off, in drawing order (later ones on top).
LAYERS = ("person", "organisation", "place", "quotes", "claims", "notes", "hits")
LAYER_NAMES = {
    "person": "People",
    "organisation": "Organisations",
    "place": "Places",
    "quotes": "Quotes",
    "claims": "Claims",
    "notes": "My notes",
    "hits": "Hits",
}
#: Highlight colours users pick from (light backgrounds; the text stays readable in both themes).
NOTE_COLOURS = {
    "yellow": "#fff176",
    "green": "#b9f6ca",
    "blue": "#b3e5fc",
    "pink": "#f8bbd0",
    "orange": "#ffcc80",
}


def actor_layer(actor_type: str) -> str:
    """Countries are drawn as places."""
    return "place" if actor_type == "country" else actor_type


def describe_note(note: Annotation) -> str:
    """A user's annotation, in words, for its tooltip."""
    parts = ["Your claim" if note.claim else "Your note" if note.note else "Your highlight"]
    if note.verdict:
        parts.append(f"verdict: {note.verdict}")
    if note.status:
        parts.append(note.status)
    if note.tags:
        parts.append("tags: " + ", ".join(note.tags))
    text = " · ".join(parts)
    if note.note:
        first = note.note.strip().splitlines()[0]
        text += f"\n{first[:120]}"
    return text


#: How a quotation's speaker was found, when not named beside it (the analysers' ``how``).
SPEAKER_FOUND = {
    "pronoun": "from a pronoun",
    "role": "from a role",
    "context": "from the sentence before",
    "subject": "from the subject of its sentence",
    "continued": "continues the previous quote",
    "embedded": "as reported by another speaker",
    "interview": "the person the article interviewed",
}


def describe(span: LayerSpan) -> str:
    """What a highlight is, in words, for its tooltip."""
    if isinstance(span, ActorMention):
        text = f"{span.name} — {span.type}"
        if span.description:
            text += f", {span.description}"
        if span.alias and span.alias != span.name:
            text += f" (alias: {span.alias})"
        return text
    if isinstance(span, QuoteSpan):
        if not span.speaker:
            return "Quote — speaker not found"
        how = SPEAKER_FOUND.get(span.how, "")
        return f"Quote by {span.speaker}" + (f" ({how})" if how else "")
    who = span.claimant or ("the article" if span.kind == "assertion" else "unknown")
    reasons = ", ".join(span.reasons)
    text = f"claim by {who} · score {span.score:.2f}"
    return text + (f" — {reasons}" if reasons else "")


def layer_of(span: LayerSpan) -> str:
    """The legend entry that shows or hides a span."""
    if isinstance(span, ActorMention):
        return actor_layer(span.type)
    return "quotes" if isinstance(span, QuoteSpan) else "claims"
