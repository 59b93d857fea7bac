"""Claims a fact-checker would check, with their claimant and a check-worthiness score.

Two kinds: reported speech ("X said that …", "… , according to X") whose content is the claim and
X the claimant; and the article's own assertions that carry checkable facts (figures,
comparisons, superlatives, causes, legal characterisations), claimed by the article itself.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import accumulate

from reader.analysis.actors import Mention
from reader.analysis.quotes import Quote
from reader.analysis.segment import Segment, paragraphs, sentences
from reader.analysis.speech import (
    ALL_CUES,
    APPOSITION,
    CLAIM_RE,
    CLAIM_VERBS,
    CUES,
    INTRO,
    MOSTLY_NOUNS,
    SPEECH_RE,
    SPEECH_VERBS,
    CueMatch,
    Roles,
    Speaker,
    clause_subject,
    count_starting,
    find_words,
    resolve_group,
    role_people,
    speaker_in,
    states_something,
    whose,
)

_DIGIT = re.compile(r"\d")
_COUNTED = re.compile(r"\b(?:hundreds|thousands|millions|billions|dozens)\b")
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
)
_CAUSAL = re.compile(
    r"\b(because|due to|caused?|led to|leads to|result(?:ed|s)? in|as a result|"
    r"blamed|responsible for|so that|therefore|thanks to)\b",
)
_LEGAL = re.compile(
    r"\b(illegal|unlawful|legal|law|laws|crimes?|criminal|violat\w+|breach\w*|"
    r"genocide|sanctions?|treaty|constitution\w*|court|charges?|guilty|fraud)\b",
)
_HEDGE = re.compile(r"\b(may|might|could|possibly|perhaps|reportedly|appears?|seems?|likely)\b")
_OPINION = re.compile(r"\b(hope[sd]?|wish|believe[sd]?|feel|think)\b")
_ACCORDING_TAIL = re.compile(
    r",?\s+according to\s+([^,.;]{1,140})(?:,\s+(?:who|which|a|an|the)\b[^;]{0,200})?[.!?]?"
    r"[\"'”’]?\s*$"
)
_ACCORDING_HEAD = re.compile(r"^According to\s+([^,]{1,140}),\s*")
#: "As reported by Western Journalism, …": the agent is the source, as "according to" names it.
_AS_BY_HEAD = re.compile(
    r"^As\s+(?:first\s+)?(?:reported|noted|revealed|documented|described|detailed)"
    r"\s+by\s+([^,]{1,140}),\s*"
)
_TRAILING = " \t.,;:!?\"'”’)"
_OTHER_VOICE = re.compile(
    rf",\s+(?:(?:adding|saying|insisting|warning|arguing|claiming|noting)\b|"
    rf"(?:but|while|whereas|and)\s+[^,.;]{{0,60}}?\b(?:{SPEECH_VERBS})\b(?!\s+that\b)|"
    rf"(?:the\s+)?[^,.;\"“”]{{1,80}}?\s(?:{SPEECH_VERBS})[.!?]?\s*$)"
)
#: The least score of an article's own sentence kept as a check-worthy assertion: two signs
#: (figures and a comparison, figures and a cause…). With one sign (0.3), one sentence in three
#: of US political news was marked, most of them someone's act or words the rules had missed.
ASSERTION_FLOOR = 0.5
#: How far after the last claim an unresolved "it said" still continues it (characters).
_GROUP_REACH = 400
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

    def claimant_start_or(self, default: int) -> int:
        return self.claimant_start if self.claimant_start is not None else default


def _score(text: str, reported: bool, mentions_inside: int) -> tuple[float, tuple[str, ...]]:
    score = 0.15
    reasons: list[str] = []
    if reported:
        score += 0.3
        reasons.append("reported speech")
    lower = text.lower()  # the word patterns are lower case: faster than re.I
    if (_DIGIT.search(text) and _NUMBER.search(text)) or _COUNTED.search(lower):
        score += 0.25
        reasons.append("figures")
    if _COMPARISON.search(lower):
        score += 0.12
        reasons.append("comparison or superlative")
    if _CAUSAL.search(lower):
        score += 0.1
        reasons.append("causal claim")
    if _LEGAL.search(lower):
        score += 0.12
        reasons.append("legal characterisation")
    if mentions_inside:
        score += 0.05
        reasons.append("names actors")
    if _HEDGE.search(lower):
        score -= 0.1
        reasons.append("hedged")
    if _OPINION.search(lower):
        score -= 0.1
        reasons.append("opinion or wish")
    if text.rstrip(_TRAILING[:-1]).endswith("?"):
        score -= 0.3
        reasons.append("question")
    return round(max(0.0, min(1.0, score)), 2), tuple(reasons)


def _is_symbol(ch: str) -> bool:
    return unicodedata.category(ch) in ("So", "Sk", "Mn", "Cf") or "\ufe00" <= ch <= "\ufe0f"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in " \t,;:—–-":
        s += 1
    while e > s and (text[e - 1] in _TRAILING or _is_symbol(text[e - 1])):
        e -= 1  # punctuation, and emoji after the sentence ("… a success” 🎉.")
    # keep the closing mark of a quotation the claim contains ('was "deeply flawed"')
    unclosed = text.count('"', s, e) % 2 == 1 or text.count("“", s, e) > text.count("”", s, e)
    if unclosed and e < len(text) and text[e] in '”"':
        e += 1
    return s, e


class _Quotes:
    """The article's quotations, ordered so that the share of a range they cover is found by
    binary search: a long article has thousands, and every sentence asks."""

    def __init__(self, quotes: list[Quote]) -> None:
        self._ordered = sorted(quotes, key=lambda q: q.start)
        self._starts = [q.start for q in self._ordered]
        self._reach = list(accumulate((q.end for q in self._ordered), max))

    def fraction(self, start: int, end: int) -> float:
        """How much of ``text[start:end]`` lies inside quotation marks (0 to 1)."""
        if end <= start:
            return 0.0
        near = self._ordered[
            bisect_right(self._reach, start) : bisect_left(self._starts, end)
        ]  # the only quotations that can overlap the range
        covered = sum(max(0, min(end, q.end) - max(start, q.start)) for q in near)
        return covered / (end - start)


def find_claims(text: str, mentions: list[Mention], quoted: list[Quote]) -> list[Claim]:
    roles = role_people(text, mentions)
    quotes = _Quotes(quoted)
    out: list[Claim] = []
    last: tuple[str, int] | None = None
    for para in paragraphs(text):
        line = text[para.start : para.end]
        if len(line.split()) <= 12 and not re.search(r"[.!?…:\"”’]$", line):
            continue  # a headline or a heading: a label for the article, not a claim in it
        for sent in sentences(text, para):
            found = _reported(text, sent, mentions, quotes, roles, last)
            if not found:
                assertion = _assertion(text, sent, mentions, quotes)
                found = [assertion] if assertion is not None else []
            for claim in found:
                out.append(claim)
                if claim.kind == "reported" and claim.claimant:
                    last = (claim.claimant, claim.end)
    out = _documents_to_authors(out, mentions)
    return _with_quotations(text, out, quoted, mentions)


_MARKS = "\"“”«»„'‘’"


def _with_quotations(
    text: str, claims: list[Claim], quoted: list[Quote], mentions: list[Mention]
) -> list[Claim]:
    """A direct quotation is its speaker's claim too (kind "quoted"), unless it is a partial
    quote inside reported speech that is already a claim ('he said the plan was "deeply
    flawed"'). Its span takes in the quotation marks, as attribution corpora draw it."""
    reported = [c for c in claims if c.kind != "assertion"]
    starts = [c.start for c in reported]
    out = list(claims)
    added = False
    for q in quoted:
        k = bisect_right(starts, q.start) - 1
        near = reported[max(0, k - 1) : k + 2]
        if any(min(c.end, q.end) - max(c.start, q.start) > (q.end - q.start) / 2 for c in near):
            continue
        s = q.start - 1 if q.start > 0 and text[q.start - 1] in _MARKS else q.start
        e = q.end + 1 if q.end < len(text) and text[q.end] in _MARKS else q.end
        content = text[q.start : q.end]
        if len(content.split()) < 3:
            continue  # a word or two quoted: a term or a label, not a claim
        score, reasons = _score(content, True, count_starting(mentions, q.start, q.end))
        out.append(
            Claim(s, e, q.speaker, "quoted", q.cue, score, reasons, q.speaker_start, q.speaker_end)
        )
        added = True
    if added:
        out.sort(key=lambda c: (c.start, c.end))
    return out


#: What a body publishes: "the report said" is the body that made it speaking.
_DOCUMENTS = {"report", "study", "survey", "paper", "review", "document", "findings", "inquiry"}


def _documents_to_authors(claims: list[Claim], mentions: list[Mention]) -> list[Claim]:
    """ "The report said …" after "… , the Environmental Audit Committee said": the report is
    the last organisation that spoke; with none before it, it stays "report"."""
    orgs = {m.name for m in mentions if m.type == "organisation"}
    author = None
    out = []
    for claim in claims:
        if claim.claimant in orgs:
            author = claim.claimant
        elif author is not None and (claim.claimant or "").lower() in _DOCUMENTS:
            claim = replace(claim, claimant=author)
        out.append(claim)
    return out


_PARTICIPLES = {"saying", "claiming", "insisting", "warning", "arguing", "noting", "denying"}
#: "The chancellor's announcement in July that …": a claim carried by a noun.
_NOUN_CUE = re.compile(
    r"(?P<who>(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)['’]s?\s+(?P<cue>announcement|claims?|"
    r"warnings?|assertion|statement|promise|pledge|admission|suggestion|insistence|forecast|"
    r"prediction|estimate)\b(?:[^.;,“\"]{0,40}?)\s+that\b"
)
_MAIN_SUBJECT = re.compile(
    r"^(?:But |And |However, )?(?P<np>(?:The|A|An)\s+[\w\s'’-]{1,50}?)\s+"
    r"(?:has|have|had|is|was|were|are|will|would|said|says|\w+ed)\b"
)


def _reported(
    text: str,
    sent: Segment,
    mentions: list[Mention],
    quotes: _Quotes,
    roles: Roles,
    last: tuple[str, int] | None = None,
) -> list[Claim]:
    """The reported-speech claims of a sentence, in order; several when one claimant's clause is
    followed by another's ("The Lib Dems say X, but Tory Liam Fox said Y")."""
    out: list[Claim] = []
    pos = sent.start
    while pos < sent.end:
        claim = _reported_one(text, Segment(pos, sent.end), mentions, quotes, roles, last, sent)
        if claim is None:
            break
        nxt = _reported_one(
            text, Segment(claim.start, sent.end), mentions, quotes, roles, last, sent, later=True
        )
        if nxt is not None and claim.start < nxt.claimant_start_or(claim.end) < claim.end:
            cut = _clause_start(text, claim.start, nxt.claimant_start_or(claim.end))
            s, e = _trim(text, claim.start, min(claim.end, cut))
            who = Speaker(
                claim.claimant, claim.claimant_start_or(s), claim.claimant_end or s, "actor"
            )
            rescored = _make(text, s, e, who, claim.cue or "", mentions, quotes)
            if rescored is not None:
                claim = rescored
        out.append(claim)
        if claim.claimant:
            last = (claim.claimant, claim.end)
        # on past the claimant too: in "…, the minister said as …" the verb is not used again
        pos = max(claim.end, (claim.claimant_end or 0) + 1, pos + 1)
    return out


def _reported_one(
    text: str,
    sent: Segment,
    mentions: list[Mention],
    quotes: _Quotes,
    roles: Roles,
    last: tuple[str, int] | None,
    whole: Segment,
    later: bool = False,
) -> Claim | None:
    """The first reported-speech claim whose cue lies in ``sent`` (a tail of ``whole``)."""
    body = text[sent.start : sent.end]
    if later:
        # only a second speaker's clause counts: ", but X said …" / "; X warned …"
        for m in re.finditer(r"(?:,\s*(?:but|while|and|whereas)|;)\s+", body):
            clause = Segment(sent.start + m.end(), sent.end)
            found = _reported_one(text, clause, mentions, quotes, roles, last, whole)
            if found is not None and found.claimant_start is not None:
                return found
        return None
    noun = _NOUN_CUE.search(body) if " that" in body else None  # the cue needs a "that"
    if noun:
        who = speaker_in(
            text,
            sent.start + noun.start("who"),
            sent.start + noun.end("who"),
            mentions,
            sent.start + noun.end("who"),
            roles,
            last,
        )
        if who is not None and who.name is not None:
            end = _clause_end(text, sent.start + noun.end(), sent.end)
            made = _make(
                text, sent.start + noun.end(), end, who, noun.group("cue"), mentions, quotes
            )
            if made is not None:
                return made
    # "According to X, …" and "…, according to X."
    heads: list[tuple[re.Pattern[str], bool]] = []
    if "ccording to" in body:
        heads += [(_ACCORDING_HEAD, True), (_ACCORDING_TAIL, False)]
    if body.startswith("As "):
        heads.append((_AS_BY_HEAD, True))
    for regex, head in heads:
        acc = regex.search(body)
        if not acc:
            continue
        m = acc
        cue = "according to"
        if regex is _AS_BY_HEAD:  # "As (first) reported by …": the participle is the cue
            said = acc.group(0).split()
            cue = said[2] if said[1] == "first" else said[1]
        who = speaker_in(
            text,
            sent.start + m.start(1),
            sent.start + m.end(1),
            mentions,
            sent.start + m.start(1),
            roles,
        )
        if who is None or who.name is None:
            # "according to HuffPost Pollster’s polling average": the source as written
            words = m.group(1).split()
            if not 1 <= len(words) <= 12:
                continue
            s0 = sent.start + m.start(1)
            who = Speaker(" ".join(words), s0, s0 + len(m.group(1).rstrip()), "phrase")
        s, e = (sent.start + m.end(), sent.end) if head else (sent.start, sent.start + m.start())
        if head:
            # "According to the FT, chief operating officer Peter Chernin said that …": the
            # claim is Chernin's, as the FT reports it
            inner = _verb_claim(text, Segment(s, e), mentions, quotes, roles, last, whole)
            if inner is not None:
                return inner
        return _make(text, s, e, who, cue, mentions, quotes)
    found = _verb_claim(text, sent, mentions, quotes, roles, last, whole)
    if found is None:
        found = _noun_stance(text, sent, mentions, quotes, roles, last)
    if found is None and sent.start == whole.start:
        found = _headline_claim(text, sent, mentions, quotes)
    return found


#: "Jeb Bush's proposal for a radical overhaul", "Trump's criticism of the deal": a stance
#: carried by a noun, its object the content.
_NOUN_STANCE = re.compile(
    r"(?P<who>(?:[A-Z][\w.-]*\s+){0,4}[A-Z][\w.-]*)['’]s?\s+(?:[a-z-]+\s+){0,2}?"
    r"(?P<cue>proposals?|plans?|call|calls|criticism|comments?|remarks|statements?|promises?|"
    r"pledges?|claims?|arguments?|warnings?|endorsement|support|opposition|account|views?|"
    r"decision|demands?|attacks?|response|defen[cs]e|vow|refusal|insistence)\s+"
    r"(?P<prep>for|of|to|on|about|against|that)\s"
)


def _noun_stance(
    text: str,
    sent: Segment,
    mentions: list[Mention],
    quotes: _Quotes,
    roles: Roles,
    last: tuple[str, int] | None,
) -> Claim | None:
    found = _NOUN_STANCE.search(text, sent.start, sent.end)
    if found is None:
        return None
    who = speaker_in(
        text, found.start("who"), found.end("who"), mentions, found.end("who"), roles, last
    )
    if who is None or who.name is None:
        return None
    start = found.end("prep") if found.group("prep") != "to" else found.start("prep")
    made = _make(
        text,
        start,
        _clause_end_of(text, start, sent.end),
        who,
        found.group("cue"),
        mentions,
        quotes,
    )
    if made is not None and found.group("prep") != "that":
        made = replace(made, kind="stance")
    return made


#: "Trump: Cruz Has ‘To Come a Long Way’ On Ethanol", "Bush Says We Should Pay Attention":
#: headlines attribute with a colon or a capitalised verb.
_HEADLINE_CUE = re.compile(r"\s*(?::\s+|\s+(?:Says|Said|Tells|Told|Warns|Claims|Calls)\s+)")


def _headline_claim(
    text: str, sent: Segment, mentions: list[Mention], quotes: _Quotes
) -> Claim | None:
    """A headline that gives a name, then a colon or "Says", then the words: "Trump: …"."""
    first = next((m for m in mentions if sent.start <= m.start < sent.end), None)
    if first is None or first.possessive or text[sent.start : first.start].strip():
        return None
    cue = _HEADLINE_CUE.match(text, first.end, sent.end)
    if cue is None:
        return None
    who = Speaker(first.name, first.start, first.end, "actor")
    return _make(text, cue.end(), sent.end, who, cue.group().strip(" :") or ":", mentions, quotes)


def _clause_end(text: str, start: int, end: int) -> int:
    """Where the content of a noun-carried claim stops: the end of its clause."""
    m = re.search(r"(?:\.\s|;|\s[-–—]\s(?=[A-Z])|$)", text[start:end])
    return start + m.start() if m else end


def _verb_claim(
    text: str,
    sent: Segment,
    mentions: list[Mention],
    quotes: _Quotes,
    roles: Roles,
    last: tuple[str, int] | None,
    whole: Segment,
) -> Claim | None:
    """The first claim a verb of the sentence carries: verbs of saying first, then (when none
    carries one) the other verbs of attribution — belief, intention, stance, evidence."""
    body = text[sent.start : sent.end]
    for verbs in (CLAIM_RE.finditer(body), find_words(body, _OTHER_CUE_FORMS)):
        found = _cue_claim(text, sent, mentions, quotes, roles, last, whole, verbs)
        if found is not None:
            return found
    return None


def _cue_claim(
    text: str,
    sent: Segment,
    mentions: list[Mention],
    quotes: _Quotes,
    roles: Roles,
    last: tuple[str, int] | None,
    whole: Segment,
    verbs: Iterable[re.Match[str] | CueMatch],
) -> Claim | None:
    for verb in verbs:
        vs, ve = sent.start + verb.start(), sent.start + verb.end()
        if quotes.fraction(vs, ve) > 0:
            continue
        after = text[ve : sent.end]
        before = text[sent.start : vs]
        kind = _CUE_KIND.get(verb.group(1), "speech")
        speech = verb.group(1) in _SPEECH_FORMS
        if not speech and not _verb_in_use(verb.group(1), before, after):
            continue  # "his support for", "the polling shows", "a plan": a noun
        if verb.group(1) in MOSTLY_NOUNS and not states_something(text, vs, ve):
            continue  # "won five of those states, …": the states, not a verb
        if _attributes_quote(before.replace("''", '"')) or re.match(
            r"^\s+(is|was|are|were|be)\b", after
        ):
            continue  # attributes a direct quotation, or sits in a relative clause
        if _NOT_SAID.search(before) or re.match(r"\s+(?:whether|if)\b", after):
            continue  # "refused to say whether", "did not say if": nothing is claimed
        if (
            _PASSIVE.search(before)
            and not verb.group(1).endswith("ing")  # "Trump is calling for …"
            and not re.match(r"\s+by\b", after)
        ):
            continue  # "is said to be looking into": nobody claims it
        if re.search(r"\b(?:which|that|who|whom)\s+(?:\w+\s+){1,2}$", before):
            continue  # "Garden State, which he wrote, directed and starred in"
        antecedent = re.search(
            r"([A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}),?\s+(?:which|who)\s+$",
            text[whole.start : vs],
        )
        if antecedent:  # "a rival in IBM, which argues that …": IBM argues it
            s0 = whole.start + antecedent.start(1)
            who = speaker_in(text, s0, whole.start + antecedent.end(1), mentions, vs, roles, last)
            that = re.match(r"^(.{0,60}?)\bthat\b", after)
            if who is not None and who.name is not None and that:
                return _make(text, ve + that.end(), sent.end, who, verb.group(1), mentions, quotes)
        # "…, said Sun's chief operating officer Jonathan Schwartz." — inverted attribution
        tail = after.strip(' ."”’')
        if (
            speech
            and not verb.group(1).endswith("ing")  # "…, saying Obama's strategy failed"
            and before.rstrip().endswith(",")
            and tail
            and len(tail.split()) <= 9
            and re.match(r"(?:[A-Z]|(?:the|a|an|its|their)\s)", tail)
            and not re.search(r"[“\"]", tail)
            and not _named_with_apposition(text, sent.start, vs, mentions)
        ):
            comma = before.rfind(",")
            who = speaker_in(text, ve, ve + len(after.rstrip(' ."”’')), mentions, vs, roles, last)
            if who is not None and who.name is not None:
                return _make(
                    text, sent.start, sent.start + comma, who, verb.group(1), mentions, quotes
                )
        # "…, X said." — the claim is what comes before the attribution; so it is when the
        # attribution is an aside ("Although there was no evidence, the bank said, the …")
        comma = before.rfind(",")
        if (
            speech
            and comma > 0
            and (not after.strip(' ."”’') or re.match(r"\s*,|\s+(?:as|when|while|during)\b", after))
        ):  # also "…, the shadow chancellor said as the conference began"
            who = speaker_in(text, sent.start + comma + 1, vs, mentions, vs, roles, last)
            who = _group_pronoun(text, who, mentions, last)
            if who is None or who.name is None:
                continue
            start, end = sent.start, sent.start + comma
            aside = re.match(r"[^,.;:]{0,40},", after)
            if (
                aside is not None
                and ve + aside.end() < sent.end
                and not _SUBORDINATE.match(text, sent.start, sent.start + comma)
            ):  # ("Although there was no evidence, the bank said, the …": the clause alone)
                # "Many of the closures, he said, have involved …": one content across the
                # aside; after an introduction only ("Otherwise, she said, countries may …",
                # "In 2008, Trump said, the donation …"), what follows it
                end = sent.end
                if INTRO.fullmatch(text, sent.start, sent.start + comma + 1) or _FRAMING.fullmatch(
                    text, sent.start, sent.start + comma
                ):
                    start = ve + aside.end()
            return _make(text, start, end, who, verb.group(1), mentions, quotes)
        if re.search(r",\s+(?:but|and)\s+(?:also\s+|later\s+)?$", before):
            # "he said "…", but stressed that …": the same speaker; "The bank gave no
            # details, but said …": the sentence's subject
            earlier = [v for v in SPEECH_RE.finditer(text, sent.start, vs) if v.end() < vs - 6]
            if last is not None and last[1] >= whole.start:
                who = Speaker(last[0], vs, vs, "actor")
            elif earlier:  # 'he said "…", but stressed': whoever said the first part
                at = earlier[-1].start()
                who = speaker_in(
                    text, _clause_start(text, sent.start, at), at, mentions, at, roles, last
                )
            else:
                who = _opening_subject(text, whole, mentions, roles, last)
        elif (
            verb.group(1).endswith("ing")
            and verb.group(1) != "adding"  # goes on from what its subject said just before
            and before.rstrip().endswith(",")
        ):
            # "Clinton has taken a swipe at Trump, saying …", "A group has …, claiming": the
            # subject of the clause the participle hangs on
            who = clause_subject(text, whole.start, vs, mentions, roles, last)
            if who is None or who.name is None:
                who = _main_subject(text, whole, mentions, roles, last)
        else:
            who = speaker_in(
                text, _clause_start(text, sent.start, vs), vs, mentions, vs, roles, last
            )
        who = _group_pronoun(text, who, mentions, last)
        if who is None or who.name is None:
            continue
        that = re.match(r"^([^,;]{0,60}?)\bthat\b(?!\s*[,.;:!?])", after)  # not "…, adding that"
        end = sent.end
        if that and not re.search(r"[“\"]", that.group(1)):
            start = ve + that.end()
        elif kind != "speech" and verb.group(1) not in _SPEECH_FORMS:
            # "Clinton wants to raise taxes", "Trump criticized the deal, saying …",
            # "A Quinnipiac poll shows Clinton ahead": the complement, to the clause's end
            lead = _COMPLEMENT_LEAD.match(text, ve, sent.end)
            start = lead.end() if lead else ve
            if start < sent.end and text[start] in '“"‘':
                continue  # a direct quotation follows: that is the quote layer's
            end = _clause_end_of(text, start, sent.end)
        elif verb.group(1) in {"accused", "accuses"} and re.match(
            r"\s+\S[^,;]{0,60}?\bof\b", after
        ):
            start = ve  # "Yukos accused Gazprom of illegally taking part": the accusation
        elif verb.group(1) in _OBJECT_VERBS and not re.match(r"\s+to\s+[a-z]", after):
            # "told reporters" with no "that": what follows is not the claim ("promised to
            # build a wall" is: an intention, as "vowed to")
            continue
        else:
            lead = re.match(
                r"^\s*(?:on \w+|in \w+|last \w+|this \w+|yesterday|today)?[\s,]*", after
            )
            start = ve + (lead.end() if lead else 0)
            if start < sent.end and text[start] in '“"‘':
                continue  # a direct quotation follows: that is the quote layer's
        made = _make(text, start, end, who, verb.group(1), mentions, quotes)
        if (
            made is not None
            and verb.group(1) not in _SPEECH_FORMS
            and not (that and kind in ("speech", "belief", "evidence"))
        ):
            # an attitude, an intention or an act towards something ("X criticized the deal",
            # "Y wants to run"): attributed to its source, but no statement of theirs to check
            made = replace(made, kind="stance")
        return made
    return None


#: A sentence adverb that frames what follows it: "Otherwise, she said, …", "More broadly, …".
_FRAMING = re.compile(
    r"\s*(?:[A-Z][a-z]+ly|Otherwise|Instead|Overall|Moreover|Besides|Nevertheless|Nonetheless|"
    r"Regardless|Still|Yet|Now|Then|Today|Tonight|Here|There|In short|In fact|Of course|"
    r"More (?:broadly|generally|recently|importantly)|At the same time|In the meantime)\s*"
)


#: A subordinate clause before an aside attribution is the whole of what is attributed.
_SUBORDINATE = re.compile(
    r"\s*(?:(?:But|And|Yet)\s+)?(?:although|though|while|because|if|since|whereas|unless|"
    r"even though|even if)\b",
    re.I,
)


def _named_with_apposition(text: str, start: int, verb_at: int, mentions: list[Mention]) -> bool:
    """ "Gov. John Kasich of Ohio, a Republican who has refused to endorse Mr. Trump, said the
    Khan family deserved better": a person and an apposition before the verb are its subject,
    not a statement that an inverted "said X" attributes."""
    appos = APPOSITION.match(text, start, verb_at)
    return appos is not None and any(
        m.type == "person" and appos.start(1) <= m.start < appos.end(1)
        for m in mentions
        if start <= m.start < verb_at
    )


#: Every form of the lexicon's verbs of attribution, with what kind each is.
_CUE_KIND = {f: kind for kind, forms in CUES.items() for f in forms}
_SPEECH_FORMS = frozenset(CLAIM_VERBS.split("|"))
_OTHER_CUE_FORMS = ALL_CUES - _SPEECH_FORMS
#: Words after which a verb's base form or "-ing" form is a verb, not a noun.
_VERB_BEFORE = re.compile(
    r"\b(?:they|we|i|you|will|would|could|can|may|might|must|should|shall|do|does|did|don['’]t|"
    r"didn['’]t|doesn['’]t|won['’]t|wouldn['’]t|also|still|now|often|repeatedly|is|are|was|"
    r"were|been|has|have|had|who|which|that|publicly|openly|strongly|long|already)\s+$",
    re.I,
)
#: "voters want", "Democrats support", "polls show": a plural noun, then a verb's base form.
_PLURAL_BEFORE = re.compile(r"\b[A-Za-z][a-z]{2,}[^s'’\W]s\s+$")
_NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|its|their|our|my|your|this|these|those|no|any|some|of|for|in|"
    r"on|with|by|from|to|such|whose|every|each|new|first|last)|['’]s?)\s+$",
    re.I,
)
#: A verb of attribution has something after it; a noun may end a phrase (or open an aside:
#: "General Assembly votes - adopted with overwhelming support - that demanded …").
_ENDS_PHRASE = re.compile(r"\s*(?:[,.;:)!?]|[-–—]\s|$)")
#: What stands between a verb and its complement: "for", "on", a time ("on Monday").
_COMPLEMENT_LEAD = re.compile(
    r"(?:\s+(?:for|on|up|out|in|about|back|off|yesterday|today|(?:on|last|this)\s+[A-Z]\w+))*\s*,?\s*"
)
_CLAUSE_STOP = re.compile(
    r"\s*(?:;|\s[-–—]\s|,\s+(?:and|but|while|which|who|whom|according to|saying|adding)\b|"
    r",\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:said|says|added|wrote)\b)"
)


def _verb_in_use(form: str, before: str, after: str) -> bool:
    """Whether a form that may also be a noun ("support", "plans", "polling") is a verb here:
    not after a determiner or a preposition; a base form or an "-ing" form only after a
    pronoun, a modal or an auxiliary ("they support", "is calling")."""
    if _NOUN_BEFORE.search(before):
        return False
    if form.endswith("ing"):
        return bool(_VERB_BEFORE.search(before)) or before.rstrip().endswith(",")
    if (
        form.endswith("s")
        and _CUE_KIND.get(form) in ("stance", "intention")
        and _ENDS_PHRASE.match(after)
    ):
        # "before the Paris attacks, …", "the last two contests, …": a plural noun (an act
        # or an intention is never an aside, as "…, the poll shows, …" is)
        return False
    if form.endswith(("ed", "s")) or form in _IRREGULAR_PAST:
        return True
    return bool(_VERB_BEFORE.search(before) or _PLURAL_BEFORE.search(before))


_IRREGULAR_PAST = {"said", "told", "wrote", "thought", "felt", "knew", "saw", "found", "sought"}


def _clause_end_of(text: str, start: int, end: int) -> int:
    """Where a stance's or an intention's complement stops: the clause, not the sentence."""
    m = _CLAUSE_STOP.search(text, start, end)
    return m.start() if m else end


#: "Mr Balls refused to say", "The firms did not say": a verb of saying that claims nothing.
_NOT_SAID = re.compile(
    r"\b(?:refused|refuses|declined|declines|not|n't|never|unable|reluctant)\s+(?:to\s+)?$"
)
_PASSIVE = re.compile(r"\b(?:is|are|was|were|been|being|be)\s+$")
_LAST_QUOTE_MARK = re.compile(r"[”\"](?=[^”\"]*$)")


def _attributes_quote(before: str) -> bool:
    """Whether the speech verb attributes a direct quotation that ends just before its subject
    ('"…," the minister said'), not a clause that merely contains a quoted phrase ('"Sustainable
    communities" were being promoted …, the committee said')."""
    mark = _LAST_QUOTE_MARK.search(before)
    if mark is None:
        return False
    between = before[mark.end() :]
    if "," in between.strip(" ,") or len(between.split()) > 8:
        return False  # more of the clause follows the quotation
    return bool(re.search(r"[,.!?…]\s*$", before[: mark.start()])) or before.count('"') % 2 == 1


def _group_pronoun(
    text: str, who: Speaker | None, mentions: list[Mention], last: tuple[str, int] | None
) -> Speaker | None:
    """ "It said …" after "The Home Office said …": the organisation of the sentence before;
    else, shortly after another body's claim ("The report said …. …, it said."), that body."""
    if who is None or who.name is not None or who.how != "pronoun":
        return who
    word = text[who.start : who.end]
    group = resolve_group(word, who.start, mentions, text)
    if (
        group is None
        and word.lower() in {"it", "they"}
        and last is not None
        and who.start - last[1] < _GROUP_REACH
        and not any(m.name == last[0] and m.type == "person" for m in mentions)
    ):
        group = last[0]
    return Speaker(group, who.start, who.end, "pronoun") if group is not None else who


_OPENING_NP = re.compile(
    r"(?:But |And |However, )?((?:The|the|Its|its)\s+[a-z]\w*(?:\s+[a-z]\w*)?)\s"
)


def _opening_subject(
    text: str, sent: Segment, mentions: list[Mention], roles: Roles, last: tuple[str, int] | None
) -> Speaker | None:
    """The subject that opens the sentence ("The bank gave no details …, but said …"),
    resolved like any speaker ("the bank" is the organisation the article is about)."""
    np = _OPENING_NP.match(text, sent.start, sent.end)
    if np is not None:
        who = speaker_in(text, np.start(1), np.end(1), mentions, np.end(1), roles, last)
        if who is not None and who.name is not None:
            return who
    return _main_subject(text, sent, mentions, roles, last)


def _main_subject(
    text: str,
    sent: Segment,
    mentions: list[Mention],
    roles: Roles,
    last: tuple[str, int] | None,
) -> Speaker | None:
    """The subject of a sentence's main clause, for a participle like "…, claiming that …"."""
    body = text[sent.start : sent.end]
    first = [m for m in mentions if sent.start <= m.start < sent.start + 60]
    np = _MAIN_SUBJECT.match(body)
    if np is not None:
        s0, e0 = sent.start + np.start("np"), sent.start + np.end("np")
        inside = [m for m in first if s0 <= m.start and m.end <= e0 and m.type != "place"]
        if inside:
            return Speaker(inside[-1].name, inside[-1].start, inside[-1].end, "actor")
        words = np.group("np").split()
        if len(words) <= 6:
            return Speaker(" ".join(words[1:]), s0, e0, "phrase")
    if first:
        return speaker_in(text, sent.start, first[0].end, mentions, first[0].end, roles, last)
    return None


def _clause_start(text: str, sent_start: int, verb_at: int) -> int:
    clause = text[sent_start:verb_at]
    conj = clause.rfind(" and ")
    if conj >= 0 and not _VERB_LIKE.search(clause, 0, conj):
        conj = -1  # "Many environmental groups and climate experts would call": one subject
    cut = max(clause.rfind(";"), clause.rfind(" but "), clause.rfind(" while "), conj)
    return sent_start + cut + 1 if cut >= 0 else sent_start


#: A word that looks like a verb: the clause before "and" has one of its own.
_VERB_LIKE = re.compile(
    r"\b(?:[a-z]{3,}ed|said|says|told|is|are|was|were|has|have|had|will|would|can|could)\b"
)


#: What the act led to, told by the writer: "… in a call with Putin, prompting a swift rebuke
#: from the United States that …" is no part of what Xi declared.
_CONSEQUENCE = re.compile(
    r",\s+(?:prompting|drawing|sparking|triggering|provoking)\s+(?:a|an|the)\b"
)


def _make(
    text: str, s: int, e: int, who: Speaker, cue: str, mentions: list[Mention], quotes: _Quotes
) -> Claim | None:
    s, e = _trim(text, s, e)
    # the content stops where another voice starts: "…, but Hingis admitted: …", "…, the
    # Office said."
    other = _OTHER_VOICE.search(text, s, e)
    if other is not None:
        s, e = _trim(text, s, other.start())
    then = _CONSEQUENCE.search(text, s, e)
    if then is not None:
        s, e = _trim(text, s, then.start())
    content = text[s:e]
    quoted = quotes.fraction(s, e)
    if len(content.split()) < 3 or quoted > 0.9 or _CIRCUMSTANCE.fullmatch(content):
        return None
    inside = count_starting(mentions, s, e)
    score, reasons = _score(content, True, inside)
    return Claim(s, e, whose(text, who), "reported", cue, score, reasons, who.start, who.end)


#: When or where something was said, not what: "Ned Price said after the phone call", "…,
#: Denisov said at the Russian embassy in Beijing" (a phrase with no verb in it).
_CIRCUMSTANCE = re.compile(
    r"(?:after|at|in|on|during|before|following|outside|inside|from|near|late|early|earlier|"
    r"later|yesterday|today|tonight|last|this)\b"
    r"(?![^.;:]*\b(?:that|is|are|was|were|be|been|has|have|had|will|would|can|could|should|"
    r"must|may|might|[a-z]{3,}ed)\b)[^.;:“”\"]{0,80}",
    re.I,
)


def _assertion(text: str, sent: Segment, mentions: list[Mention], quotes: _Quotes) -> Claim | None:
    s, e = _trim(text, sent.start, sent.end)
    content = text[s:e]
    if len(content.split()) < 6 or quotes.fraction(s, e) > 0.5:
        return None
    inside = count_starting(mentions, s, e)
    score, reasons = _score(content, False, inside)
    checkable = {"figures", "comparison or superlative", "causal claim", "legal characterisation"}
    if not checkable & set(reasons) or score < ASSERTION_FLOOR:
        return None
    if _attributes(text, s, e, mentions):
        return None  # someone's words or stance, reported: not the article's own claim
    return Claim(s, e, None, "assertion", None, score, reasons)


def _attributes(text: str, s: int, e: int, mentions: list[Mention]) -> bool:
    """Whether a sentence reports what an actor says, thinks, wants or does towards something:
    a verb of attribution in use, with an actor (or a pronoun) named before it."""
    first = next((m for m in mentions if s <= m.start < e), None)
    for verb in find_words(text, _ANY_CUE_FORMS, s, e):
        before = text[s : verb.start()]
        if not _verb_in_use(verb.group(1), before, text[verb.end() : e]):
            continue
        if (first is not None and first.start < verb.start()) or _PRONOUN_SUBJECT.search(before):
            return True
    return False


_ANY_CUE_FORMS = _SPEECH_FORMS | ALL_CUES
_PRONOUN_SUBJECT = re.compile(r"\b(?:he|she|they|we|it|He|She|They|We|It)\b")
