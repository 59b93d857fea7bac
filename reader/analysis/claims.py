"""Claims a fact-checker would check, with their claimant and a check-worthiness score.

Two kinds: reported speech ("X said that …", "… , according to X") whose content is the claim and
X the claimant; and the article's own assertions that carry checkable facts (figures,
comparisons, superlatives, causes, legal characterisations), claimed by the article itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.analysis.actors import Mention
from reader.analysis.quotes import Quote
from reader.analysis.segment import Segment, paragraphs, sentences
from reader.analysis.speech import CLAIM_RE, role_people, speaker_in

_NUMBER = re.compile(
    r"(?:[$£€¥]\s?\d|\d+(?:[.,]\d+)*\s?(?:%|per ?cent|pct|bn|m\b|million|billion|trillion|"
    r"thousand)|\b\d{2,}(?:[.,]\d+)*\b|\b(?:hundreds|thousands|millions|billions|dozens)\b)",
    re.I,
)
_COMPARISON = re.compile(
    r"\b(more|less|fewer|higher|lower|bigger|smaller|larger|greater|worse|better|most|least|"
    r"largest|biggest|highest|lowest|smallest|fastest|slowest|strongest|weakest|worst|best|"
    r"first|only|record|increase[sd]?|decrease[sd]?|rose|fell|doubled|tripled|halved|jumped|"
    r"slumped|surged|soared|plunged)\b",
    re.I,
)
_CAUSAL = re.compile(
    r"\b(because|due to|caused?|led to|leads to|result(?:ed|s)? in|as a result|"
    r"blamed|responsible for|so that|therefore|thanks to)\b",
    re.I,
)
_LEGAL = re.compile(
    r"\b(illegal|unlawful|legal|law|laws|crimes?|criminal|violat\w+|breach\w*|"
    r"genocide|sanctions?|treaty|constitution\w*|court|charges?|guilty|fraud)\b",
    re.I,
)
_HEDGE = re.compile(
    r"\b(may|might|could|possibly|perhaps|reportedly|appears?|seems?|likely)\b", re.I
)
_OPINION = re.compile(r"\b(hope[sd]?|wish|believe[sd]?|feel|think)\b", re.I)
_ACCORDING_TAIL = re.compile(r",?\s+according to\s+([^,.;]{1,80})[.!?]?[\"'”’]?\s*$")
_ACCORDING_HEAD = re.compile(r"^According to\s+([^,]{1,80}),\s*")
_TRAILING = " \t.,;:!?\"'”’)"
_OBJECT_VERBS = {"told", "tells", "warned", "warns", "accused", "accuses", "promised", "promises"}


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    claimant: str | None
    kind: str  # reported / assertion
    cue: str | None
    score: float
    reasons: tuple[str, ...] = field(default_factory=tuple)
    claimant_start: int | None = None
    claimant_end: int | None = None


def _score(text: str, reported: bool, mentions_inside: int) -> tuple[float, tuple[str, ...]]:
    score = 0.15
    reasons: list[str] = []
    if reported:
        score += 0.3
        reasons.append("reported speech")
    if _NUMBER.search(text):
        score += 0.25
        reasons.append("figures")
    if _COMPARISON.search(text):
        score += 0.12
        reasons.append("comparison or superlative")
    if _CAUSAL.search(text):
        score += 0.1
        reasons.append("causal claim")
    if _LEGAL.search(text):
        score += 0.12
        reasons.append("legal characterisation")
    if mentions_inside:
        score += 0.05
        reasons.append("names actors")
    if _HEDGE.search(text):
        score -= 0.1
        reasons.append("hedged")
    if _OPINION.search(text):
        score -= 0.1
        reasons.append("opinion or wish")
    if text.rstrip(_TRAILING[:-1]).endswith("?"):
        score -= 0.3
        reasons.append("question")
    return round(max(0.0, min(1.0, score)), 2), tuple(reasons)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t,;:—–-":
        s += 1
    while e > s and text[e - 1] in _TRAILING:
        e -= 1
    return s, e


def _inside_quotes(start: int, end: int, quotes: list[Quote]) -> float:
    if end <= start:
        return 0.0
    covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in quotes)
    return covered / (end - start)


def find_claims(text: str, mentions: list[Mention], quotes: list[Quote]) -> list[Claim]:
    roles = role_people(text, mentions)
    out: list[Claim] = []
    for para in paragraphs(text):
        for sent in sentences(text, para):
            claim = _reported(text, sent, mentions, quotes, roles)
            if claim is None:
                claim = _assertion(text, sent, mentions, quotes)
            if claim is not None:
                out.append(claim)
    return out


def _reported(
    text: str, sent: Segment, mentions: list[Mention], quotes: list[Quote], roles: dict[str, str]
) -> Claim | None:
    body = text[sent.start : sent.end]
    # "According to X, …" and "…, according to X."
    for regex, head in ((_ACCORDING_HEAD, True), (_ACCORDING_TAIL, False)):
        m = regex.search(body)
        if not m:
            continue
        who = speaker_in(
            text,
            sent.start + m.start(1),
            sent.start + m.end(1),
            mentions,
            sent.start + m.start(1),
            roles,
        )
        if who is None or who.name is None:
            continue
        s, e = (sent.start + m.end(), sent.end) if head else (sent.start, sent.start + m.start())
        return _make(text, s, e, who, "according to", mentions, quotes)
    for verb in CLAIM_RE.finditer(body):
        vs, ve = sent.start + verb.start(), sent.start + verb.end()
        if _inside_quotes(vs, ve, quotes) > 0:
            continue
        after = text[ve : sent.end]
        before = text[sent.start : vs]
        if re.search(r"[”\"]", before) or re.match(r"^\s+(is|was|are|were|be)\b", after):
            continue  # attributes a direct quotation, or sits in a relative clause
        # "…, X said." — the claim is what comes before the attribution
        comma = before.rfind(",")
        if comma > 0 and not after.strip(' ."”’'):
            who = speaker_in(text, sent.start + comma + 1, vs, mentions, vs, roles)
            if who is not None and who.name is not None:
                return _make(
                    text, sent.start, sent.start + comma, who, verb.group(1), mentions, quotes
                )
            continue
        who = speaker_in(text, _clause_start(text, sent.start, vs), vs, mentions, vs, roles)
        if who is None or who.name is None:
            continue
        that = re.match(r"^(.{0,60}?)\bthat\b", after)
        if that and not re.search(r"[“\"]", that.group(1)):
            start = ve + that.end()
        elif verb.group(1) in _OBJECT_VERBS:
            continue  # "told reporters" with no "that": what follows is not the claim
        else:
            lead = re.match(
                r"^\s*(?:on \w+|in \w+|last \w+|this \w+|yesterday|today)?[\s,]*", after
            )
            start = ve + (lead.end() if lead else 0)
            if start < sent.end and text[start] in '“"‘':
                continue  # a direct quotation follows: that is the quote layer's
        return _make(text, start, sent.end, who, verb.group(1), mentions, quotes)
    return None


def _clause_start(text: str, sent_start: int, verb_at: int) -> int:
    clause = text[sent_start:verb_at]
    cut = max(
        clause.rfind(";"), clause.rfind(" but "), clause.rfind(" while "), clause.rfind(" and ")
    )
    return sent_start + cut + 1 if cut >= 0 else sent_start


def _make(
    text: str, s: int, e: int, who: object, cue: str, mentions: list[Mention], quotes: list[Quote]
) -> Claim | None:
    s, e = _trim(text, s, e)
    content = text[s:e]
    if len(content.split()) < 3 or _inside_quotes(s, e, quotes) > 0.9:
        return None
    inside = sum(1 for m in mentions if s <= m.start < e)
    score, reasons = _score(content, True, inside)
    name = getattr(who, "name", None)
    return Claim(
        s,
        e,
        name,
        "reported",
        cue,
        score,
        reasons,
        getattr(who, "start", None),
        getattr(who, "end", None),
    )


def _assertion(
    text: str, sent: Segment, mentions: list[Mention], quotes: list[Quote]
) -> Claim | None:
    s, e = _trim(text, sent.start, sent.end)
    content = text[s:e]
    if len(content.split()) < 6 or _inside_quotes(s, e, quotes) > 0.5:
        return None
    inside = sum(1 for m in mentions if s <= m.start < e)
    score, reasons = _score(content, False, inside)
    checkable = {"figures", "comparison or superlative", "causal claim", "legal characterisation"}
    if not checkable & set(reasons) or score < 0.3:
        return None
    return Claim(s, e, None, "assertion", None, score, reasons)
