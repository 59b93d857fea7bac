"""Analysis: pure functions from text to spans — actors, direct quotes and claims. No I/O but the
gazetteer, no Qt. Offsets are code points into the text given, end exclusive."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reader.model import Span

if TYPE_CHECKING:
    from reader.analysis.actors import Mention
    from reader.analysis.claims import Claim
    from reader.analysis.quotes import Quote

#: Bump when any analyser changes its output: cached analyses of another version are recomputed.
ANALYZER_VERSION = 50
#: The type names of the gold format; countries are places there.
EVAL_TYPE = {
    "person": "person",
    "organisation": "organisation",
    "country": "place",
    "place": "place",
}


@dataclass(frozen=True)
class Analysis:
    actors: list[Mention]
    quotes: list[Quote]
    claims: list[Claim]

    def spans(self) -> list[Span]:
        """Everything as :class:`Span` objects, the form the library caches and the UI draws."""
        out: list[Span] = []
        for m in self.actors:
            attrs = {"type": m.type, "alias": m.alias, "how": m.how}
            if m.description:
                attrs["description"] = m.description
            out.append(Span("actor", m.start, m.end, m.name, attrs))
        for q in self.quotes:
            out.append(
                Span(
                    "quote",
                    q.start,
                    q.end,
                    q.speaker or "",
                    {
                        "speaker": q.speaker,
                        "cue": q.cue,
                        "how": q.how,
                        "speaker_span": [q.speaker_start, q.speaker_end]
                        if q.speaker_start is not None
                        else None,
                    },
                )
            )
        for c in self.claims:
            out.append(
                Span(
                    "claim",
                    c.start,
                    c.end,
                    c.claimant or "",
                    {
                        "claimant": c.claimant,
                        "kind": c.kind,
                        "cue": c.cue,
                        "score": c.score,
                        "reasons": list(c.reasons),
                    },
                )
            )
        return sorted(out, key=lambda s: (s.start, s.end, s.kind))


def analyze(text: str, user_gazetteer: Path | None = None) -> Analysis:
    """The analysers are imported when first used: opening a library, searching or re-scanning
    an unchanged folder needs none of them (their patterns took ~0.3 s to compile)."""
    from reader.analysis import gazetteer as _gazetteer
    from reader.analysis.actors import find_actors
    from reader.analysis.claims import find_claims
    from reader.analysis.quotes import apostrophe_quotes, find_quotes, offered

    g = _gazetteer.load(user_gazetteer)
    actors = find_actors(text, g)
    quoted = find_quotes(text, actors)
    # quotations in two apostrophes are claims (attribution corpora read them so) but are left
    # out of the quotation layer, whose gold sets mark only double quotes
    claims = find_claims(text, actors, quoted + apostrophe_quotes(text, actors))
    quotes = offered(text, quoted)
    global _tables_loaded
    if not _tables_loaded:
        _tables_loaded = True
        # the analysers' tables, loaded by this first call (the tagger's weights, names,
        # places: some 400,000 objects), last as long as the process: out of the garbage
        # collector's way, or each full collection walks them (70 ms, on a window's thread
        # a visible stall)
        gc.freeze()
    return Analysis(actors, quotes, claims)


_tables_loaded = False


__all__ = ["ANALYZER_VERSION", "EVAL_TYPE", "Analysis", "analyze"]
