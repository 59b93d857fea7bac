"""Direct quotations and who said them.

Quotes are found by their marks (straight or curly), paragraph by paragraph; a quote left open at
the end of a paragraph continues in the next one, as newspapers write it. A short quoted phrase
counts as a (partial) quotation only when the sentence attributes it to someone; otherwise it is a
scare quote or a title and is left out. The speaker comes from the sentence ("…," X said / X said:
"…" / according to X), else from the previous quotation it continues; failing both it is unknown.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from reader.analysis.actors import Mention
from reader.analysis.segment import Segment, paragraphs, sentences
from reader.analysis.speech import (
    AFTER_QUOTE_VERBS,
    ALL_CUES,
    CUES,
    INTRO,
    NAME_PARTICLES,
    PHRASAL_SPEECH,
    SPEECH_RE,
    SPEECH_VERBS,
    CueMatch,
    Roles,
    Speaker,
    alternation,
    clause_subject,
    find_words,
    resolve_pronoun,
    role_people,
    speaker_in,
    whose,
)

_OPEN = {"“": "”", "«": "»", "„": "“"}  # opening mark -> its closing mark
_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


@dataclass(frozen=True)
class Quote:
    start: int  # inside the marks
    end: int
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    cue: str | None
    how: str  # explicit / pronoun / role / context / continued / according / embedded /
    # interview / unknown
    open_ended: bool  # continues into the next paragraph


@dataclass
class _Raw:
    start: int
    end: int
    open_at: int
    close_at: int | None  # position of the closing mark, None when the paragraph ends first
    para: int


def _mark_role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at ``i`` (paragraph ``lo``..``hi``)."""
    ch = text[i]
    if ch in _OPEN:
        return "open"
    if ch in "”»":
        return "close"
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if (before.isspace() or before in "([{—–-/") and not after.isspace():
        return "open"
    if not before.isspace() and (after.isspace() or after in ".,;:!?)]}—–-"):
        return "close"
    return "either"


#: Verbs after which a second speech verb reports someone else's words.
_REPORTING = {"said", "says", "told", "added", "claimed", "believes", "insisted", "argued"}
_NICKNAME = re.compile(r"\b([A-Z][a-z]+)( [\"“][A-Z][\w.]{0,15}[\"”] )(?=[A-Z])")


def blank_nicknames(text: str) -> str:
    """Antonio "LA" Reid: the marks around a nickname inside a name are not a quotation."""
    return _NICKNAME.sub(lambda m: m.group(1) + " " * len(m.group(2)), text)


def _nested(text: str, marks: list[int], roles: dict[int, str], k: int) -> bool:
    """Inside an open quotation, a short quoted phrase whose closing mark is followed by the
    outer quotation's own closing mark is nested in it, not a new quotation."""
    if k + 1 >= len(marks):
        return False
    close = marks[k + 1]
    inner = text[marks[k] + 1 : close]
    if roles[close] not in ("close", "either") or not 0 < len(inner.split()) <= 6:
        return False
    if re.search(r"[.!?]\W*$", inner):
        return False
    if k + 2 >= len(marks):
        # the outer quotation runs on to the end of its paragraph (and into the next)
        return len(_WORD.findall(text[close + 1 : close + 200].split("\n")[0])) >= 3
    outer = marks[k + 2]
    return roles[outer] in ("close", "either") and bool(text[close + 1 : outer].strip())


_DOUBLE_APOSTROPHE = re.compile(r"(?<=[^\s’])’’(?=[\s.,;:!?)]|$)")


def _find_marks(text: str, paras: list[Segment]) -> list[_Raw]:
    """Quoted stretches. Capture tools often lose the paragraph breaks inside a long quotation,
    leaving an opening mark with no closing one before the next opening mark: the quote then
    ends where the next one starts."""
    out: list[_Raw] = []
    # '“It was an attempt to mislead voters,’’ Will Moy … told the BBC': two apostrophes
    # after a word close a quotation (two characters for two: a mark and a space)
    text = _DOUBLE_APOSTROPHE.sub("” ", blank_nicknames(text))
    for n, p in enumerate(paras):
        opened: int | None = None
        marks = [i for i in range(p.start, p.end) if text[i] in '"“”«»„']
        roles = {i: _mark_role(text, i, p.start, p.end) for i in marks}
        skip: set[int] = set()
        for k, i in enumerate(marks):
            if i in skip:
                continue
            role = roles[i]
            if opened is None:
                if role in ("open", "either"):
                    opened = i
            elif role == "open" and _nested(text, marks, roles, k):
                skip.add(marks[k + 1])  # 'he was the "Father of the House" and …': a title
            elif role == "open" and i > opened + 1:
                out.append(_Raw(opened + 1, i, opened, None, n))  # ended by the next quote
                opened = i
            elif role in ("close", "either"):
                if i > opened + 1:
                    out.append(_Raw(opened + 1, i, opened, i, n))
                opened = None
        if opened is not None and p.end > opened + 1:
            out.append(_Raw(opened + 1, p.end, opened, None, n))
    return [_trim(text, r) for r in out]


def _trim(text: str, r: _Raw) -> _Raw:
    s, e = r.start, r.end
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return _Raw(s, e, r.open_at, r.close_at, r.para)


def _sentence_of(sents: list[Segment], pos: int) -> Segment:
    """The sentence holding ``pos`` (sentences are in order: a binary search, as a long article
    has thousands), else the last one."""
    k = bisect_right(sents, pos, key=lambda x: x.start) - 1
    if k >= 0 and sents[k].start <= pos < sents[k].end:
        return sents[k]
    return sents[-1]


def _inside_any(raws: list[_Raw], pos: int) -> bool:
    """Whether ``pos`` lies inside one of the quotations (in order, not overlapping)."""
    k = bisect_right(raws, pos, key=lambda r: r.start) - 1
    return k >= 0 and raws[k].start <= pos < raws[k].end


def find_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    paras = paragraphs(text)
    sents = [s for p in paras for s in sentences(text, p)]
    if not sents:
        return []
    raws = _find_marks(text, paras)
    # Names inside quotations are spoken about, not speaking: pronouns resolve outside them.
    outside = [m for m in mentions if not _inside_any(raws, m.start)]
    mentions = outside
    roles = role_people(text, mentions)
    people = {m.name for m in mentions if m.type == "person"} | {
        name for named in roles.values() for _, name in named
    }
    not_people = {m.name for m in mentions if m.type != "person"} - people
    listed = _listed_titles(text, raws, sents)
    quotes: list[Quote] = []
    prev: Quote | None = None
    prev_raw: _Raw | None = None
    known: Quote | None = None  # the last quotation with a person for its speaker
    for r in raws:
        inner = text[r.start : r.end]
        n_words = len(_WORD.findall(inner))
        if n_words == 0:
            continue
        sentence = _sentence_of(sents, r.open_at)
        last = _sentence_of(sents, max(r.start, (r.close_at or r.end) - 1))
        if (
            r.open_at in listed
            or (n_words <= 6 and _TITLED.search(text, max(0, r.open_at - 30), r.open_at))
            or (
                _title_case(_WORD.findall(inner), 5)
                and (
                    _PROGRAMME.search(text, max(0, r.open_at - 40), r.open_at)
                    or _KIND_AFTER.match(text, (r.close_at or r.end) + 1)
                )
            )
        ):
            # '"…," said Cuban, who is also a host on the TV show "Shark Tank." "I mean …"':
            # the title of a work, not a quotation (and no break in Cuban's words)
            continue
        # "he said" refers back to the last *person* quoted, not to "France" or "the IMF"
        recent = (known.speaker or "", known.end) if known is not None else None
        full = n_words >= 4 or bool(re.search(r"[.!?,…]$", inner))
        found = _what_they_call(text, sentence, r, mentions, roles, recent) or _attribute(
            text, r, sentence, last, mentions, roles, recent, full
        )
        label = _TRANSCRIPT_LABEL.match(text, r.start)
        speaking = _transcript_speaker(text, label, mentions) if label else None
        if label is not None and speaking is not None:
            # '"PENCE: Well, look, …': a transcript's line, its speaker named before the colon
            r = _Raw(label.end(), r.end, r.open_at, r.close_at, r.para)
            found = (speaking, ":", "transcript")
        junk = found is not None and _NO_NAME.fullmatch(found[0].name or "") is not None
        if junk and full:
            found = None  # "When asked …, Canova “bristled”", "Another advised, “…”": nobody
        if found is None and full:
            found = _beside_paragraph(text, paras, sents, r, mentions, roles, recent)
        split = (
            prev is not None
            and prev_raw is not None
            and prev.speaker is not None
            and prev.how not in ("continued", "unknown", "embedded")
            and prev_raw.para == r.para
            and prev_raw.close_at is not None
            and text[prev_raw.close_at - 1] in ",?!—–-"
            and prev.speaker_start is not None
            # the speaker named between the parts, or the role named there resolved from the
            # sentence before ('Marco Rubio spoke. "…," said the Florida senator, "…"')
            and (prev_raw.close_at < prev.speaker_start < r.open_at or prev.how == "context")
            and (found is None or found[2] == "pronoun")
            and _SPLIT_TAG.fullmatch(text, prev_raw.close_at + 1, r.open_at) is not None
        )
        if split:
            # '"It's a difficult issue," said the Florida senator, "because …"': one sentence
            # of one speaker, split by the words that name them
            found = None
        continues = (
            prev is not None
            and prev_raw is not None
            and (
                split
                or (prev_raw.para == r.para - 1 and prev_raw.close_at is None)
                or (prev_raw.para == r.para and found is None and full)
                or (
                    prev_raw.para == r.para - 1
                    and found is None
                    and full
                    and r.open_at == paras[r.para].start
                )
            )
        )
        if label is not None:
            continues = False  # a transcript's label opens a new turn ("VIDEO: …" too)
        if not full and found is None:
            found = _characterised(text, sentence, r, mentions, roles, recent)
        if not full and (found is None or _NAMING.search(text, max(0, r.open_at - 40), r.open_at)):
            continue  # a scare quote, a title or a term ("so-called “…”"), not somebody's words
        if junk:
            found = None
        unresolved = found is not None and found[2] == "unresolved role"
        if (found is None and full) or unresolved:
            after = (prev_raw.close_at or prev_raw.end) if prev_raw is not None else -1
            context = _context_speaker(text, sents, r, after, mentions, roles, recent)
            if context is not None:
                found, continues = context, False
            elif found is None and not continues:
                found = _subject_of_sentence(text, sentence, r, mentions, roles, recent)
            elif found is not None and unresolved:
                found = (found[0], found[1], "explicit")  # "said the Liverpool player", as written
        if found is not None:
            speaker, cue, how = found
            q = Quote(
                r.start,
                r.end,
                whose(text, speaker),
                speaker.start,
                speaker.end,
                cue,
                how,
                r.close_at is None,
            )
        elif continues and prev is not None:
            q = Quote(
                r.start,
                r.end,
                prev.speaker,
                prev.speaker_start,
                prev.speaker_end,
                prev.cue,
                "continued",
                r.close_at is None,
            )
        else:
            q = Quote(r.start, r.end, None, None, None, None, "unknown", r.close_at is None)
        quotes.append(q)
        prev, prev_raw = q, r
        if q.speaker and q.speaker not in not_people and q.how != "embedded":
            known = q
    return _interviewee(text, sents, _backfill(quotes, raws), mentions, roles)


_INTERVIEW = re.compile(r"\b(?:in|during) an? (?:exclusive )?interview\b")


def _interviewee(
    text: str, sents: list[Segment], quotes: list[Quote], mentions: list[Mention], roles: Roles
) -> list[Quote]:
    """Quotations nobody is named for, after the article says one person gave it an
    interview ("Cleverly spoke to Reuters in an interview …", then under "KEY QUOTES" three
    unattributed paragraphs): that person's. Not when two people were interviewed."""
    if not any(q.speaker is None for q in quotes) or _INTERVIEW.search(text) is None:
        return quotes
    people = {m.start for m in mentions if m.type == "person"}
    found: dict[str, tuple[Speaker, int]] = {}
    for sent in sents:
        said = _INTERVIEW.search(text, sent.start, sent.end)
        if said is None or re.search(r"[\"“”]", text[sent.start : sent.end]):
            continue
        sp = clause_subject(text, sent.start, sent.end, mentions, roles)
        if sp is not None and sp.name is not None and sp.how == "actor" and sp.start in people:
            found.setdefault(sp.name, (sp, sent.end))
    if len(found) != 1:
        return quotes
    ((sp, after),) = found.values()
    return [
        Quote(q.start, q.end, sp.name, sp.start, sp.end, "interview", "interview", q.open_ended)
        if q.speaker is None and q.start > after and _whole_paragraph(text, q)
        else q
        for q in quotes
    ]


def _whole_paragraph(text: str, q: Quote) -> bool:
    """A quotation that is its paragraph, as a list of key quotes sets them out: not a phrase
    quoted inside somebody else's sentence."""
    line_start = text.rfind("\n", 0, q.start) + 1
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    return (
        not text[line_start : q.start].strip('"“ ')
        and not text[q.end : line_end].strip('"” ')
        and len(_WORD.findall(text, q.start, q.end)) >= 8
    )


def offered(text: str, quotes: list[Quote]) -> list[Quote]:
    """The quotations to offer as somebody's: not quoted text with neither an end nor a
    speaker, nor the unattributed paragraphs that carry it on ('Partial transcript as follows:
    / "WALLACE: … / "PENCE: …', an excerpt set off with an opening mark per paragraph), whose
    extent and owner would both be guesses. The claims analyser still reads them as quoted."""
    out: list[Quote] = []
    run_on = False  # inside such a run: its next paragraph continues it
    for q in quotes:
        opens_paragraph = not text[text.rfind("\n", 0, q.start) + 1 : q.start].strip('"“ ')
        carried = run_on and opens_paragraph and (q.speaker is None or q.how == "continued")
        if q.how == "transcript" or carried or (q.speaker is None and q.open_ended):
            run_on = q.open_ended
            continue
        run_on = False
        out.append(q)
    return out


def apostrophe_quotes(text: str, mentions: list[Mention]) -> list[Quote]:
    """Quotations marked with two apostrophes (''like this,'' as some newspapers' archives
    print them), read as if the marks were double quotes. Offsets are the text's: each pair of
    apostrophes becomes a double quote and a space, two characters for two."""
    if "''" not in text:
        return []
    # a closing pair (after a word or a comma) becomes a quote and a space, an opening one a
    # space and a quote: the quote mark stays next to its words
    marked = _CLOSING_PAIR.sub('" ', text).replace("''", ' "')
    found = find_quotes(marked, mentions)
    return [q for q in found if q.start >= 2 and text[q.start - 2 : q.start] == "''"]


_CLOSING_PAIR = re.compile(r"(?<=[^\s'])''")


def _backfill(quotes: list[Quote], raws: list[_Raw]) -> list[Quote]:
    """A quotation cut short by the next one ("…projects. "Andre 3000 …," says the DJ) is the
    same speaker's: an unattributed part takes the speaker of the part that follows it."""
    ends = {r.start: r for r in raws}
    out = list(quotes)
    for n in range(len(out) - 2, -1, -1):
        q, nxt = out[n], out[n + 1]
        raw = ends.get(q.start)
        if (
            q.speaker is None
            and q.how == "unknown"
            and raw is not None
            and raw.close_at is None
            and nxt.speaker is not None
            and nxt.how not in ("continued", "transcript")
        ):
            out[n] = Quote(
                q.start,
                q.end,
                nxt.speaker,
                nxt.speaker_start,
                nxt.speaker_end,
                nxt.cue,
                "continued",
                q.open_ended,
            )
    return out


def _attribute(
    text: str,
    r: _Raw,
    sentence: Segment,
    last: Segment,
    mentions: list[Mention],
    roles: Roles,
    recent: tuple[str, int] | None = None,
    full: bool = True,
) -> tuple[Speaker, str, str] | None:
    # 0. a signature after a dash, as under an epigraph: '“…” ― Sonya Herridge'
    if r.close_at is not None:
        line_start = text.rfind("\n", 0, r.open_at) + 1
        signed = _SIGNED_AFTER.match(text, r.close_at + 1)
        if signed is not None and not text[line_start : r.open_at].strip():
            # (a quotation that opens its line: after a longer paragraph the dash may sign
            # the whole item — '… Rajoy said "…"--Kim Hjelmgaard.')
            signer = _signer(text, signed.start(1), signed.end(1), mentions, roles)
            return signer, "―", _how(signer)
    # 1. after the quote: '"…," X said' / '"…," said X' / '"…", X told reporters'
    if r.close_at is not None:
        tail_start = r.close_at + 1
        end = last.end
        if (
            not text[tail_start:end].strip()
            and not text[sentence.start : r.open_at].strip()
            and end < len(text)
            and text[end] not in "\n"
        ):
            # '"That is a false equivalency!" Maher replied.': the sentence splitter ended the
            # sentence with the quotation; the attribution is the short one that follows
            nxt = _NEXT_SENTENCE.match(text, end)
            if nxt is not None and _BARE_ATTRIBUTION.match(text, nxt.start(), nxt.end()):
                end = nxt.end()
            else:  # '"…!" LeVell declared, a point he likes to make …'
                opening = _ATTRIBUTION_OPENING.match(text, end, min(len(text), end + 200))
                if opening is not None:
                    end = opening.end()
        # '"…," the "Pose" actor said on "DWTS."': a title in the attribution is not a
        # quotation that would end it
        tail = _TAIL_TITLE.sub(lambda t: " " * len(t.group()), text[tail_start:end])
        # a quotation that ends on a comma, "?" or "!" is attributed by the clause after it,
        # whatever its verb ('"…," the nominee riffed'); after a full stop only a speech verb
        broad = full and (text[r.close_at - 1] in ",?!—–-" or tail.lstrip().startswith(","))
        m = (_AFTER_BROAD if broad else _AFTER).match(tail)
        if m and not re.search(r"[“\"”]", m.group(1)):
            verb = m.group(2)
            pre = m.group(1)
            sp = None
            if verb.endswith("ing") and not pre.rsplit(",", 1)[-1].strip():
                # '"outraged" to even hear about it, arguing that …': the sentence's subject
                sp = clause_subject(text, sentence.start, r.open_at, mentions, roles, recent)
                if sp is not None and sp.name is not None:
                    return sp, verb, _how(sp)
                sp = None
            # a partial quotation is attributed by the clause after it only when that clause
            # opens right after it ('"premature" to back Clinton’s campaign while adding'
            # is not the words of whoever comes next)
            # '"leading from behind" and Trump says …': a new clause, not this quotation's
            new_clause = _NEW_CLAUSE.match(pre) and "," not in pre.strip(" ,")
            if _RELATIVE_SUBJECT.search(pre) and "," in pre and full:
                # '“…” with Rubio, in a finish that he said defied expectations': the verb of a
                # relative clause reports what follows it, not this quotation
                new_clause = True
            if (
                pre.strip()
                and not new_clause
                and (full or len(pre.rsplit(",", 1)[-1].split()) <= 3)
            ):
                sp = speaker_in(
                    text,
                    tail_start + m.start(1),
                    tail_start + m.end(1),
                    mentions,
                    tail_start + m.start(2),
                    roles,
                    recent,
                )
            inverted = (
                full
                and sp is None
                and pre.rstrip().endswith(",")
                and _NAMED_NEXT.match(tail, m.end(2))
            )
            if (
                (not pre.strip() or inverted)
                and (full or not pre.strip())
                # not '"terrible," denounced her record'; any verb of speech right after the
                # quotation ('"…," comments Johnston in a statement')
                and (
                    _SAYING.fullmatch(verb)
                    or (
                        not pre.strip()
                        and verb in CUES["speech"]
                        and verb.endswith(("s", "ed"))
                        and _NAME_NEXT.match(tail, m.end(2)) is not None
                    )
                )
            ):
                # '"…," said X', '"…" about fixing inequality, said Marla Kilfoyle'
                after_start = tail_start + m.end(2)
                after = _AFTER_NAME.match(text[after_start:end])
                sp = None
                if after:
                    sp = speaker_in(
                        text,
                        after_start + after.start(1),
                        after_start + after.end(1),
                        mentions,
                        after_start,
                        roles,
                        recent,
                    )
                    appositive = _appositive_person(text, after_start + after.end(1), mentions)
                    if appositive is not None and (sp is None or sp.how != "actor"):
                        sp = appositive  # 'said another Twitter user, Johanna Bayer'
            if sp is not None and sp.how == "pronoun":
                # 'Fallon fired back: “…” he wrote': the pronoun is the colon's subject
                head = text[sentence.start : r.open_at].rstrip()
                if head.endswith(":"):
                    subject = _colon_subject(
                        text, sentence.start, sentence.start + len(head) - 1, mentions
                    )
                    if subject is not None:
                        sp = subject
            if sp is not None:
                return sp, verb, _how(sp)
        if broad:
            generic = _generic_after(text, tail_start, tail, mentions, roles, recent)
            if generic is not None:
                return generic
    # 2. before the quote: 'X said: "…"', 'X said that … “partial”', 'X told Y: "…"'
    head = text[sentence.start : r.open_at]
    said = _SAID_FIRST.match(head) or _SAID_AFTER_INTRO.match(head)
    if said is not None:  # 'Said Dorothy Poynter, who grew up with Ali, “We were all so proud”'
        s0 = sentence.start + said.start("who")
        sp = speaker_in(text, s0, sentence.start + said.end("who"), mentions, s0, roles, recent)
        if sp is not None and sp.name is not None:
            return sp, said.group("verb").lower(), _how(sp)
    put = _AS_PUT.search(head)
    if put is not None:  # 'As The Post's Ruth Marcus puts it, Obama is trying to make … "…"'
        s0, e0 = sentence.start + put.start(1), sentence.start + put.end(1)
        sp = speaker_in(text, s0, e0, mentions, e0, roles, recent)
        if sp is not None and sp.name is not None:
            return sp, put.group(2), _how(sp)
    noun_from = _NOUN_FROM.search(head)
    if noun_from is not None:
        s0, e0 = sentence.start + noun_from.start("who"), sentence.start + noun_from.end("who")
        sp = speaker_in(text, s0, e0, mentions, s0, roles, recent)
        if sp is not None and sp.name is not None:
            return sp, noun_from.group("cue").lower(), _how(sp)
    colon = head.rstrip().endswith(":")
    if colon:  # 'Pollsters agree - Carl Bialik: “…”': the name the colon follows
        at = sentence.start + len(head.rstrip()) - 1
        named = _mentions_before(mentions, at)
        if (
            named is not None
            and named.start >= sentence.start
            and not re.sub(r"\([^()]{1,20}\)", "", text[named.end : at]).strip()
            and not find_words(
                re.split(r"\s[-–—]\s|;", text[sentence.start : named.start])[-1], ALL_CUES
            )
            and not SPEECH_RE.search(
                re.split(r"\s[-–—]\s|;", text[sentence.start : named.start])[-1]
            )
        ):  # not 'he told the Daily Mirror: "…"'
            sp = Speaker(named.name, named.start, named.end, "actor")
            return sp, ":", _how(sp)
    # "France have been criticised for …": the subject of a passive verb did not say it
    verbs = _active(SPEECH_RE.finditer(head), head)
    if verbs and len(head) - verbs[-1].end() > 150:
        verbs = []  # too far from the quotation to vouch for it
    if not verbs and full:  # "Cruz blamed the law on “…”", "Sanders thanked its members “…”"
        verbs = [v for v in _active(find_words(head, ALL_CUES), head) if len(head) - v.end() <= 80]
    if verbs:
        v = verbs[-1]
        verb_at = sentence.start + v.start()
        subject_start = sentence.start
        clause = blank_nicknames(head[: v.start()])
        conj = max(clause.rfind(" and "), clause.rfind(" but "))
        # "In an interview with X, Trump … and said": the introduction's comma opens no
        # apposition ("But Mr Howard denied Mr Yeo, his … spokesman, said" is one)
        intro = None if _CONJUNCTION_FIRST.match(clause) else INTRO.match(clause)
        before_conj = clause[intro.end() if intro else 0 : conj].rstrip()
        if before_conj.endswith(","):
            before_conj = before_conj[:-1]  # "…, but now said": the conjunction's own comma
        if conj >= 0 and before_conj.count(",") % 2 == 1:
            conj = -1  # "Mr Yeo, his transport and environment spokesman,": inside an apposition
        if conj >= 0 and _PAIR_OF_NAMES.search(clause):
            conj = -1  # "China and Russia announced": one subject of two names
        if conj >= 0 and v.group(1).endswith("ing") and not _VERBISH.search(clause, conj + 4):
            conj = -1  # "… action in Iraq and Libya, saying": two names joined, not two clauses
        cut = max(clause.rfind(";"), conj, clause.rfind("“"), clause.rfind('"'))
        relative = _RELATIVE_TO_VERB.search(clause)
        if relative is not None and _VERBISH.search(relative.group()):
            relative = None  # "the groups who wrote to her on Thursday say": a modifier
        antecedent = relative is not None and not clause[relative.end() :].strip()
        if antecedent and relative is not None and _OBJECT_RELATIVE.match(relative.group()):
            antecedent = False  # "Bannon, who Beck on Wednesday called “…”": Beck calls him
        if relative is not None and not antecedent:
            # "…'s email use, which an FBI investigation said was": the relative clause's own
            # subject; "…by Shepherd, who accused": the name the pronoun stands for (below)
            cut = max(cut, relative.start() + len(relative.group().split()[0]))
        clause_from = sentence.start + cut + 1 if cut >= 0 else sentence.start
        embedded = len(verbs) > 1 and verbs[-2].group(1) in _REPORTING
        if embedded:
            # 'Mr Howard said the police had said ID cards could "help…"': the words are
            # those of the subject of the last verb, the police, reported by Mr Howard
            cut = max(cut, verbs[-2].end())
        if cut >= 0:
            subject_start = sentence.start + cut + 1
        quoted_as = re.search(r"\bquoted\s+(.{1,60}?)\s+as\s+(saying|telling)\b", head) or (
            re.search(
                r"\b(?:described|called|dubbed|labelled|labeled|branded)\s+by\s+(.{1,60}?)\s+as\b",
                head,
            )
        )
        if quoted_as:
            s0 = sentence.start + quoted_as.start(1)
            sp = speaker_in(text, s0, sentence.start + quoted_as.end(1), mentions, s0, roles)
        else:
            sp = None
            participle = v.group(1).endswith("ing") and bool(
                re.search(r"(?:,|\b(?:upon|after|before|while|by|when|in|without))\s*$", clause)
            )
            if participle:  # "Trump attacked Obama, calling him “…”": Trump
                sp = clause_subject(text, clause_from, verb_at, mentions, roles, recent)
                if sp is None or sp.name is None:  # 'X said he was “outraged”, arguing “…”'
                    sp = clause_subject(text, sentence.start, verb_at, mentions, roles, recent)
                closed = max(text.rfind("”", sentence.start, verb_at), -1)
                if (sp is None or sp.name is None) and closed > sentence.start:
                    # '“…,” Trump told a North Carolina rally, saying Clinton would “…”': the
                    # subject after the quotation the sentence opens with
                    sp = clause_subject(text, closed + 1, verb_at, mentions, roles, recent)
                if (sp is None or sp.name is None) and len(verbs) > 1:
                    # 'Trump’s “excesses” are sickening, Hollande said Tuesday in Paris,
                    # noting …': whoever the verb of saying before the participle has
                    at = sentence.start + verbs[-2].start()
                    sp = speaker_in(
                        text,
                        _clause_from(text, sentence.start, at),
                        at,
                        mentions,
                        at,
                        roles,
                        recent,
                    )
                if len(verbs) > 1 and not head[verbs[-2].end() : v.start()].strip(" ,"):
                    # '…, Nefzi said, adding, “…”': the one who said, not the clause's subject
                    at = sentence.start + verbs[-2].start()
                    sayer = speaker_in(
                        text,
                        _clause_from(text, sentence.start, at),
                        at,
                        mentions,
                        at,
                        roles,
                        recent,
                    )
                    if sayer is not None and sayer.name is not None:
                        sp = sayer
                embedded = False
            elif antecedent and relative is not None:
                at = sentence.start + relative.start()
                sp = speaker_in(text, subject_start, at, mentions, at, roles, recent)
            if sp is None or sp.name is None:
                sp = speaker_in(text, subject_start, verb_at, mentions, verb_at, roles, recent)
            if sp is None and cut >= 0 and clause[cut] in '“"':
                # 'Hemsley, the co-author of "Going Viral," about …, said': a title in the
                # subject, not a quotation before it
                sp = clause_subject(text, sentence.start, verb_at, mentions, roles, recent)
            if sp is None and v.group(1) in {"saying", "adding", "telling", "writing"}:
                sp = _earlier_subject(text, sentence.start, verb_at, mentions, roles)
            bare = text[subject_start:verb_at].strip(" ,").lower()
            # "… used to support Rand Paul, but now said": "now" is no subject
            bare = re.sub(
                r"\s+(?:now|also|later|then|still|again|instead|quickly|repeatedly|"
                r"immediately|further)$",
                "",
                bare,
            )
            if sp is None and bare in {"and", "but", "", "and also", "but also"} and cut > 0:
                # "A spokesman for X declined to comment but said “…”": the first subject
                sp = clause_subject(text, sentence.start, subject_start, mentions, roles, recent)
            # 'And continued: "…"': the speaker just quoted
            elliptic = bare in {"", "and", "but", "he", "she"}
            if sp is None and elliptic and recent is not None and verb_at - recent[1] < 400:
                sp = Speaker(recent[0], verb_at, verb_at, "role")
            if sp is None and conj >= 0 and cut == conj:
                # "Trump cast the blame on …, and emphasized …", "McConnell agreed to a call,
                # but only to tell Garland …": the subject before the conjunction
                sp = clause_subject(text, sentence.start, subject_start, mentions, roles, recent)
                if sp is None or sp.name is None:
                    sp = speaker_in(text, sentence.start, verb_at, mentions, verb_at, roles, recent)
        if embedded and _no_voice(sp, mentions):
            # 'Cruz said … that states can pass such laws because “…”', 'Rubio said … of
            # Trump, whom he called a “con artist”': a second verb inside what the first
            # reports, with no person for its subject, is still the first speaker's
            at = sentence.start + verbs[-2].start()
            outer = speaker_in(
                text, _clause_from(text, sentence.start, at), at, mentions, at, roles, recent
            )
            if _is_person(outer, mentions):
                sp, embedded = outer, False
        if sp is not None:
            # someone's words reported inside another's: "he" later is not this speaker
            return sp, v.group(1), "embedded" if embedded else _how(sp)
    # 2a. 'Trump issued a statement, “…”', 'Clinton released the following statement:'
    issued = _ISSUED.search(head)
    if issued is not None:
        at = sentence.start + issued.start()
        sp = clause_subject(
            text, _clause_from(text, sentence.start, at), at, mentions, roles, recent
        )
        if sp is None or sp.name is None:
            sp = speaker_in(
                text, _clause_from(text, sentence.start, at), at, mentions, at, roles, recent
            )
        if sp is not None and sp.name is not None:
            return sp, issued.group(1), _how(sp)
    # 2b. 'His message to the chancellor was: "…"', "Smith's verdict was: …"
    owned = _WORDS_OF.search(head)
    if owned is not None:
        s0 = sentence.start + owned.start("who")
        who = owned.group("who")
        if who.lower() in {"his", "her"}:
            name = resolve_pronoun(
                "he" if who.lower() == "his" else "she", s0, mentions, recent, text
            )
            sp = Speaker(name, s0, s0 + len(who), "pronoun")
        else:
            found = speaker_in(text, s0, s0 + len(who), mentions, s0 + len(who), roles, recent)
            sp = found if found is not None else Speaker(None, s0, s0, "phrase")
        if sp.name is not None:
            return sp, owned.group("noun"), _how(sp)
    # 2c. 'The Illinois Board of Elections was conclusive in its findings: “…”', 'Carl
    # Bialik: “…”': what follows a colon is the words of the clause's subject
    if colon:
        sp = _colon_subject(text, sentence.start, sentence.start + len(head.rstrip()) - 1, mentions)
        if sp is not None:
            return sp, ":", _how(sp)
    # 3. "according to X" anywhere in the sentence
    acc = re.search(r"\b(?i:according) to\s+([^,.;“\"]{1,80})", text[sentence.start : last.end])
    if acc:
        s0 = sentence.start + acc.start(1)
        sp = speaker_in(text, s0, sentence.start + acc.end(1), mentions, s0, roles)
        if sp is None:  # "according to some on Twitter": the source as written
            words = acc.group(1).split()
            if 1 <= len(words) <= 6:
                sp = Speaker(" ".join(words), s0, s0 + len(acc.group(1).rstrip()), "phrase")
        if sp is not None:
            return sp, "according to", "according"
    return None


_CONJUNCTION_FIRST = re.compile(r"\s*(?:But|And|So|Yet|Still|Then|Now|Also)\b")
_RELATIVE_SUBJECT = re.compile(r"\b(?:that|which|whom)\s+(?:he|she|they|[A-Z][\w’'-]*)\s*$")
#: A statement put out right before the quotation: "issued a statement, “…”".
_ISSUED = re.compile(
    r"\b(issued|released|put\s+out|posted|sent\s+out|published)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,2}(?:statement|tweet|message|note|post|email|letter)"
    r"(?:\s+(?:on|to|that|in|saying|which|reading)\b[^.“”\"]{0,60})?\s*[,:]?\s*$"
)
#: What the patterns may take for a speaker but names nobody: a function word, a phrase
#: that opens with a preposition or a conjunction.
_NO_NAME = re.compile(
    r"(?:The|When|In|Another|If|But|And|As|On|At|After|Before|While|This|That|Some|It|There)"
    r"|(?:and|on|of|in|at|to|for|with|by|from)\s.*"
)
#: "As Vulture put it, …": whose words follow, whatever the clause between.
_AS_PUT = re.compile(
    r"(?:^|[,;(—–-]\s*|\b[Bb]ut\s+)[Aa]s\s+([^,;“”\"]{1,60}?)\s+"
    r"(put|puts|phrased|phrases|described|describes|wrote|writes|said|says)\s+it\b"
)
#: The words that name the speaker between the two halves of one quoted sentence:
#: '"…," said Stephanie Formas, Clinton's director, "…"', '"…," he added, "…"'.
_SPLIT_TAG = re.compile(
    rf"\s*[,—–-]?\s*[^.!?“”\"\n]{{0,120}}?\b(?:{AFTER_QUOTE_VERBS})\b[^.!?“”\"\n]{{0,120}}?[,:—–]\s*"
)
#: "state Sen. Jason Holsman (D) said": "state" as an adjective is no verb of saying.
_NOT_A_VERB = (
    r"(?<!\bstate(?=\s(?:Sen|Rep|Senator|Representative|Attorney|Treasurer|Comptroller|"
    r"Auditor|Assembly|Department|senator|representative|lawmakers?|legislators?|officials?|"
    r"party|election)\b))"
)
#: A name right after an inverted verb ('"…," comments Johnston').
_NAME_NEXT = re.compile(r"\s+[A-Z]")
#: A name or title quoted inside an attribution: one to four capitalised words.
_TAIL_TITLE = re.compile(r"[\"“][A-Z][\w'’.&-]*(?:\s+[A-Z\d][\w'’.&-]*){0,3}[,.]?[\"”]")
_AFTER = re.compile(rf"^\s*[,:;—–-]?\s*(.{{0,90}}?)\b({SPEECH_VERBS})\b{_NOT_A_VERB}")
_AFTER_BROAD = re.compile(rf"^\s*[,:;—–-]?\s*(.{{0,160}}?)\b({AFTER_QUOTE_VERBS})\b{_NOT_A_VERB}")
_NEW_CLAUSE = re.compile(
    r"\s*,?\s*(?:and|but|while|whereas|when|because|although|though|if|which|who|until|unless|"
    r"before|after|since)\b"
)
#: A relative clause whose pronoun is the object: "who Beck called", "whom he described".
_OBJECT_RELATIVE = re.compile(r"\w+\s+(?:[A-Z][\w’'.-]*|(?:he|she|they|we|I)\b)")
_SAYING = re.compile(rf"(?:{SPEECH_VERBS}|{'|'.join(sorted(PHRASAL_SPEECH))})")
#: A short sentence (up to a dozen words) after a quotation that closed a sentence.
_NEXT_SENTENCE = re.compile(r"[ \t\u00a0]*(?:[^\s.!?“\"”]+[ \t\u00a0]+){0,11}?[^\s.!?“\"”]+[.!?]")
#: "Maher replied.", "McDonough wrote in an email to officials.": a subject, a verb and at
#: most a phrase of place, time or manner — nothing that is said.
_BARE_ATTRIBUTION = re.compile(
    rf"\s*(?:[^\s.!?]+\s+){{1,6}}?(?:{AFTER_QUOTE_VERBS})"
    r"(?:\s+(?:in|on|at|to|during|after|before|with|from|on|later|again|angrily|simply|back|"
    r"via|through|by|as|when|while)\b[^.!?]*)?[.!?]$"
)
#: A sentence that opens with a subject and a verb of saying and goes on with an aside:
#: "LeVell declared, a point he likes to make".
_ATTRIBUTION_OPENING = re.compile(
    r"[ \t\u00a0]*(?:(?:his|her|their|the|a|an)[ \t\u00a0]+(?:[a-z-]+[ \t\u00a0]+){0,2})?"
    r"(?:[A-Z][\w.'’-]*[ \t\u00a0]+(?:(?:de|da|del|van|von|der|di|du|la|le|el|al|bin)[ \t\u00a0]+)?)"
    r"{0,3}[A-Z][\w.'’-]*(?:,(?:[^,.!?“”\"\n]|\.(?=,)){1,80},)?[ \t\u00a0]+"
    rf"(?:{AFTER_QUOTE_VERBS})(?=,|\s+(?:as|when|while|after|before|during|in|on|at|of|about|"
    r"to|with|from|through|via|later|again|last|this|recently|[A-Z][a-z]+day|[a-z]+ly)\b"
    # '"Did you know it was Mussolini?" Todd asked the real estate mogul.': whom they asked
    r"|(?:(?<=\basked)|(?<=\btold)|(?<=\btells)|(?<=\basks)|(?<=\breminded)|"
    r"(?<=\bwarned)|(?<=\bassured)|(?<=\bpressed)|(?<=\burged))\s+"
    r"(?:the|a|an|his|her|their|him|them|reporters|[A-Z]))"
)
#: After a quotation that ends on a comma, a name and any verb in the past ('"Go back to
#: Univision," Trump barked'), or such a verb and a name ('"…," remembered Roy Verley').
_NAME_VERBED = re.compile(
    r"^\s*,?\s*((?:(?:an?|the)\s+(?:[a-z]+\s+)?)?(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)"
    r"\s+([a-z]{3,}ed)\b"
)
_VERBED_NAME = re.compile(r"^\s*,?\s*([a-z]{3,}ed)\s+(?=[A-Z])")
#: Who is named after an inverted verb, up to a comma or a full stop that is no initial's:
#: "said Lawrence H. Summers, a former Treasury secretary".
_AFTER_NAME = re.compile(
    r"^\s*((?:[^,.;:“\"]|(?:(?<=\b[A-Z])|(?<=\b(?:Rep|Sen|Gov|Gen|Rev|Col|Sgt))|(?<=\bLt)|"
    r"(?<=\bDr|\bMr|\bMs|\bSt|\bJr|\bSr)|(?<=\bMrs))\.){1,80})"
)
#: A name or a description right after an inverted verb: "…, said Marla Kilfoyle".
_NAMED_NEXT = re.compile(r"\s+(?:[A-Z]|(?:the|a|an|one|another|his|her|its|their)\s)")
#: A relative clause that runs up to the verb: "…, which an FBI investigation said".
_VERBISH = re.compile(
    rf"\s(?:{SPEECH_VERBS}|{alternation(ALL_CUES)}|[a-z]+ed|is|are|was|were|has|have|had)\b"
)
_RELATIVE_TO_VERB = re.compile(r"\b(?:which|who|whom)\s[^,;]*$")


def _generic_after(
    text: str,
    tail_start: int,
    tail: str,
    mentions: list[Mention],
    roles: Roles,
    recent: tuple[str, int] | None,
) -> tuple[Speaker, str, str] | None:
    """A name and a verb in the past right after a quotation ending on a comma ('"Go back
    to Univision," Trump barked', '"…," an angry Hollande retaliated'), or the verb then the
    name ('"…," remembered Roy Verley'): whatever the verb, the clause attributes it. Only an
    actor the text knows, or an unknown name, counts — not a description."""
    m = _NAME_VERBED.match(tail)
    if m is not None:
        s0, e0 = tail_start + m.start(1), tail_start + m.end(1)
        sp = speaker_in(text, s0, e0, mentions, tail_start + m.start(2), roles, recent)
        if sp is not None and sp.name is not None and sp.how in ("actor", "phrase"):
            return sp, m.group(2), _how(sp)
    v = _VERBED_NAME.match(tail)
    if v is not None:
        after = _AFTER_NAME.match(tail[v.end() :])
        if after is not None:
            s0 = tail_start + v.end() + after.start(1)
            e0 = tail_start + v.end() + after.end(1)
            sp = speaker_in(text, s0, e0, mentions, s0, roles, recent)
            if sp is None:  # '"This is fantastic!" beamed Donald Hartley of Madison'
                name = _LEADING_NAME.match(text, s0, e0)
                if name is not None:
                    sp = Speaker(name.group(), s0, name.end(), "phrase")
            if sp is not None and sp.name is not None:
                return sp, v.group(1), _how(sp)
    return None


#: Nouns of saying, singular or plural: whose they are says whose the quoted words are.
_SAYING_NOUN_WORDS = (
    r"(?:rebuke|warning|statement|reply|response|criticism|claim|promise|pledge|vow|remark|"
    r"comment|message|tweet|assertion|description|reference|accusation|charge|argument|"
    r"word)s?|insistence|contention"
)
#: 'a swift rebuke from the United States that … “…”': the words of whoever the noun of
#: saying is from, when the quotation is in what follows "that" (or a colon).
_NOUN_FROM = re.compile(
    rf"\b(?:a|an|the)\s+(?:[a-z][\w-]*\s+)?(?P<cue>{_SAYING_NOUN_WORDS})"
    r"\s+from\s+(?P<who>[^,;:“\"]{2,80}?)\s*(?:,\s*)?(?:that\b|:)[^“\"]*$"
)
_SAID_FIRST = re.compile(r"(?P<verb>Said|Says|Added|Wrote|Recalled)\s+(?P<who>[^,:“\"]{2,80})")
#: "In other words, explained CBS moderator Nancy Cordes: “…”": an inverted verb after an
#: introduction, its subject up to the colon.
_SAID_AFTER_INTRO = re.compile(
    r"[A-Z][^,“”\"]{0,40},\s+(?P<verb>said|says|added|wrote|recalled|explained|asked|noted|"
    r"replied|continued)\s+(?P<who>[^,:“”\"]{2,80}?)\s*:\s*$"
)
_LEADING_NAME = re.compile(r"(?:[A-Z][\w.'’-]*\s+){1,3}[A-Z][\w.'’-]*")


def _appositive_person(text: str, at: int, mentions: list[Mention]) -> Speaker | None:
    """The person named right after the comma at ``at``: "another Twitter user, Johanna
    Bayer" names the user."""
    m = re.match(r",\s*", text[at : at + 3])
    if m is None:
        return None
    k = bisect_right(mentions, at + m.end() - 1, key=lambda x: x.start)
    if k < len(mentions) and mentions[k].start == at + m.end() and mentions[k].type == "person":
        p = mentions[k]
        return Speaker(p.name, p.start, p.end, "actor")
    return None


def _no_voice(sp: Speaker | None, mentions: list[Mention]) -> bool:
    """Whether what stands before a verb is nobody who could speak: nothing, or a place
    ("Buffalo, New York, that states can pass" — "states" is not a verb there)."""
    if sp is None or sp.name is None:
        return True
    return sp.how == "actor" and any(
        m.start == sp.start and m.type in ("place", "country") for m in mentions
    )


def _is_person(sp: Speaker | None, mentions: list[Mention]) -> bool:
    """Whether a speaker is a person the text names (directly or by a pronoun or a role)."""
    if sp is None or sp.name is None:
        return False
    if sp.how in ("pronoun", "role"):
        return True
    return any(m.name == sp.name and m.type == "person" for m in mentions)


def _clause_from(text: str, start: int, at: int) -> int:
    """Where the clause holding ``at`` starts: after the last quotation mark, semicolon or
    full stop before it."""
    cut = max(text.rfind(c, start, at) for c in '“";')
    return cut + 1 if cut >= 0 else start


#: What makes a word of saying a noun: an article with at most one word between ("a swift
#: rebuke", "a warning"), or a possessive right before it ("his claim").
_SAYING_NOUN_BEFORE = re.compile(
    r"(?:\b(?:a|an)\s+(?:[a-z][\w-]*\s+)?|\b(?:his|her|its|their|our|my)\s+)$"
)


def _is_noun(v: re.Match[str] | CueMatch, head: str) -> bool:
    """ "a swift rebuke from the United States that …", "his warning": a noun, whose subject
    is no speaker ("The call prompted a swift rebuke" was not said by the call). Only the
    forms that can be nouns: "a spokesman said", "a spokesman warns" are verbs."""
    word = v.group(1).lower()
    if word.endswith(("ed", "s")):
        return False
    return _SAYING_NOUN_BEFORE.search(head[: v.start()]) is not None


def _active(found: Iterable[re.Match[str] | CueMatch], head: str) -> list[re.Match[str] | CueMatch]:
    """The verbs not in the passive: "France have been criticised for …" did not say it;
    "was described by Jobs as" is Jobs speaking. Nor nouns (:func:`_is_noun`)."""
    return [
        v
        for v in found
        if (
            not re.search(r"\b(?:been|be|being|is|are|was|were|get|got)\s+$", head[: v.start()])
            or head[v.end() :].startswith(" by ")
            or v.group(1).endswith("ing")  # "Trump is questioning whether …": not a passive
        )
        and not _is_noun(v, head)
    ]


#: A verb that characterises somebody or something in the quoted word: "Trump likened the
#: refugees to a “vicious snake”", "blasted Clinton as a “disgrace”", "calling him a “stiff”".
#: Not after a hyphen ("so-called", "now-derided": a term, not a word somebody chose).
_CHARACTERISED = re.compile(
    r"(?<![-\w])(call|calls|called|calling|liken(?:s|ed|ing)?|compar(?:e|es|ed|ing)|"
    r"describ(?:e|es|ed|ing)|brand(?:s|ed|ing)?|label(?:s|led|ed|ling)?|"
    r"dismiss(?:es|ed|ing)?|derid(?:e|es|ed|ing)|blast(?:s|ed|ing)?|slam(?:s|med|ming)?|"
    r"refer(?:s|red|ring)?\s+to|referenc(?:e|es|ed|ing)|cit(?:e|es|ed|ing)|"
    r"denounc(?:e|es|ed|ing)|accus(?:e|es|ed|ing))\b[^“”\".;:!?()]{0,40}$"
)


#: A possessor's noun of saying: "Trump’s claim that there have been “thousands of shootings”",
#: "Trump’s pledge to be “neutral”": the possessor's words.
_POSSESSED = re.compile(
    rf"[’'](?:s\b|(?<=s[’'])(?=\s))\s+(?:[a-z]+\s+){{0,2}}(?:{_SAYING_NOUN_WORDS})\b"
    r"[^“”\".;:!?()]{0,50}$"
)


#: "… Trump’s remarks as “hurtful”": characterised by the clause's subject, not the possessor
_AS_WHAT = re.compile(r"\bas(?:\s+(?:a|an|the))?\s*$")


#: "… condemned what he called a “brazen breach”": the pronoun is the clause's subject.
_WHAT_THEY_CALL = re.compile(
    r"\bwhat\s+(?:he|she|it|they)\s+(?:has\s+|had\s+|have\s+)?(?:called|calls|call|described|"
    r"describes|describe|termed|terms|dubbed|labell?ed)\s+(?:[^“”\".;:!?]{0,40}\s)?$"
)


def _what_they_call(
    text: str,
    sentence: Segment,
    r: _Raw,
    mentions: list[Mention],
    roles: Roles,
    recent: tuple[str, int] | None,
) -> tuple[Speaker, str, str] | None:
    """ "Ban Ki-moon condemned what he called a “brazen breach”", "The Security Council …
    pledged sanctions as a deterrence to what it called “a clear threat …”": the pronoun of
    "what he called" is the subject of the clause it sits in, whoever spoke last."""
    head = text[sentence.start : r.open_at]
    what = _WHAT_THEY_CALL.search(head)
    if what is None:
        return None
    at = sentence.start + what.start()
    sp = clause_subject(text, sentence.start, at, mentions, roles, recent)
    if sp is None or sp.name is None or sp.how == "pronoun":
        return None
    return sp, "called", _how(sp)


#: A transcript's speaker label: 'PENCE: ', 'MR. TRUMP: '.
_TRANSCRIPT_LABEL = re.compile(r"((?:[A-Z][A-Z.'’-]+\s){0,2}[A-Z][A-Z'’-]+):\s+(?=\S)")


def _transcript_speaker(text: str, label: re.Match[str], mentions: list[Mention]) -> Speaker | None:
    """The person a transcript's label names ("PENCE" after "Gov. Mike Pence"): someone the
    article names with that surname, else the label as written; not a label that names no
    speaker ("VIDEO:", "UPDATE:")."""
    words = label.group(1)
    if words.upper() in _NOT_SPEAKER_LABELS:
        return None
    word = words.split()[-1].strip(".").lower()
    for m in mentions:
        if m.type == "person" and m.name.split()[-1].lower() == word:
            return Speaker(m.name, label.start(1), label.end(1), "actor")
    # a name the article gives only there, as written ("WALLACE" → "Wallace")
    return Speaker(words.title(), label.start(1), label.end(1), "phrase")


_NOT_SPEAKER_LABELS = frozenset(
    {
        "VIDEO", "UPDATE", "UPDATED", "NOTE", "CORRECTION", "PHOTO", "AUDIO", "WATCH", "READ",
        "BREAKING", "QUESTION", "ANSWER", "TRANSCRIPT", "RELATED", "SOURCE", "SOURCES",
        "WARNING", "DISCLAIMER", "EDITOR'S NOTE", "EDITOR’S NOTE",
    }
)  # fmt: skip


def _characterised(
    text: str,
    sentence: Segment,
    r: _Raw,
    mentions: list[Mention],
    roles: Roles,
    recent: tuple[str, int] | None,
) -> tuple[Speaker, str, str] | None:
    """Who put a word or two in quotation marks by characterising with it: the possessor of a
    noun of saying before it, or the subject of an active verb of calling, likening or branding
    in the quotation's own clause. Its words, as a fact-checker reads them ("Obama and Clinton
    call them “lone wolves”"), not a scare quote of the writer's. A passive ("has been called
    “…”") names nobody."""
    head = text[sentence.start : r.open_at]
    owned = _POSSESSED.search(head)
    if owned is not None and not _AS_WHAT.search(owned.group()):
        at = sentence.start + owned.start()
        named = _mentions_before(mentions, at)
        if named is not None and named.end == at:
            owner = Speaker(named.name, named.start, named.end, "actor")
            return owner, text[at : sentence.start + owned.end()].split()[1], _how(owner)
    verb = _CHARACTERISED.search(head)
    if verb is None or not _active([verb], head):
        return None
    before = head[: verb.start()]
    cut = max(before.rfind(";"), before.rfind("”"), before.rfind('"'), before.rfind("“"))
    start = sentence.start + cut + 1
    verb_at = sentence.start + verb.start()
    sp = clause_subject(text, start, verb_at, mentions, roles, recent)
    if sp is None or sp.name is None:
        # "When terrorists are revealed …, Obama and Clinton call them", "Another critic,
        # Laurence H. Tribe, likened": the name right before the verb
        named = _mentions_before(mentions, verb_at)
        if named is None or named.start < start or text[named.end : verb_at].strip(" ,"):
            return None
        sp = Speaker(named.name, named.start, named.end, "actor")
    return sp, verb.group(1).lower(), _how(sp)


def _mentions_before(mentions: list[Mention], at: int) -> Mention | None:
    k = bisect_right(mentions, at, key=lambda m: m.end) - 1
    return mentions[k] if k >= 0 else None


def _colon_subject(text: str, start: int, colon: int, mentions: list[Mention]) -> Speaker | None:
    """The actor a clause ending in a colon is about: its subject ("As if addressing him, the
    Illinois Board of Elections was conclusive in its findings:")."""
    for m in mentions:
        if m.start < start or m.possessive:
            continue
        if m.end > colon:
            break
        lead = text[start : m.start].rsplit(",", 1)[-1]
        if lead.strip(" \"“'‘").lower() in _LEADS:
            return Speaker(m.name, m.start, m.end, "actor")
    return None


#: What may stand before a clause's subject: "And the Board …", "But …".
_LEADS = {"", "the", "and", "and the", "but", "but the", "so", "then", "and then"}
#: Every verb of attribution, for a quotation no speech verb introduces.

#: Words someone owns, introduced by "was": 'His message to the chancellor was: "…"'.
_WORDS_OF = re.compile(
    r"(?P<who>\b(?:His|his|Her|her)|(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*['’]s?)\s+"
    r"(?:\w+\s+){0,2}(?P<noun>message|words|reply|response|answer|advice|verdict|view|"
    r"warning|plea|argument|comment|comments|explanation|conclusion|assessment|response)\b"
    r"[^.;\"“”]{0,60}?\b(?:was|were|is|are)\s*:?\s*$"
)
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_PAIR_OF_NAMES = re.compile(rf"(?:^|\s){_NAME}\s+and\s+(?:the\s+)?{_NAME}\s*$")
#: Words that introduce a term, not somebody's words: 'so-called "cowboy capitalism"'.
#: A name signed after a dash at the end of a line: '“…” ― Pamela Padilla'.
_SIGNED_AFTER = re.compile(
    r"[ \t\u00a0]*[―—–-]{1,2}[ \t\u00a0]*"
    rf"((?:[A-Z][\w.'’-]*[ \t\u00a0]+(?:(?:{NAME_PARTICLES})[ \t\u00a0]+)?)"
    r"{0,3}[A-Z][\w.'’-]*?)[ \t\u00a0]*\.?[ \t\u00a0]*(?:\n|$)"
)


def _listed_titles(text: str, raws: list[_Raw], sents: list[Segment]) -> set[int]:
    """Where the quotations of a list of titles open: three or more short quotations in title
    case in one sentence ('“Listen To The Music,” “China Grove,” “Black Water” …') are songs,
    films or books, not anybody's words."""
    by_sentence: dict[int, list[int]] = {}
    for r in raws:
        inner = text[r.start : r.end]
        if _title_case(_WORD.findall(inner), 6):
            by_sentence.setdefault(_sentence_of(sents, r.open_at).start, []).append(r.open_at)
    return {at for ats in by_sentence.values() if len(ats) >= 3 for at in ats}


def _title_case(words: list[str], most: int) -> bool:
    """ "Meet the Press", "Listen To The Music": capitals but for short function words."""
    return (
        1 <= len(words) <= most
        and words[0][:1].isupper()
        and all(w[:1].isupper() or (len(w) <= 3 and w.islower()) for w in words)
    )


#: A quotation right after the kind of work it names is its title: 'the TV show "Shark Tank"',
#: 'her memoir, "Tough Choices."', 'the co-author of "Going Viral,"'.
_TITLED = re.compile(
    r"\b(?:(?:show|book|film|movie|program|programme|series|song|album|podcast|novel|"
    r"documentary|memoir|sitcom|musical|opera|painting|poem|hit|single)\s*,?|"
    r"(?:author|co-author|screening|episode|edition) of)\s*$"
)
#: Where a title-case quotation names a programme: 'told ABC's “Good Morning America”',
#: 'Sunday on “Meet the Press.”', 'in an interview with “Fox News Sunday.”'. Not after "of":
#: 'chants of “Feel the Bern!”' are the crowd's words.
_PROGRAMME = re.compile(
    r"(?:\b[A-Z][\w&.-]*(?:’s|'s)|\b(?:[Oo]n|[Ww]ith|told|tells|broadcast of))\s*$"
)
#: A title-case quotation followed by the kind of thing it names: '“Keepin' It Real” radio
#: program', 'a “Commander-in-Chief Forum” sponsored by NBC'.
_KIND_AFTER = re.compile(
    r"\s*(?:(?:radio|TV|television|talk|web|video)\s+)?(?:program|programme|show|series|"
    r"podcast|forum|summit|tour|rally|ad|advert|commercial|documentary|film|movie|book|column|"
    r"segment|campaign|initiative|hat|sign|banner|slogan|logo)s?\b|\s*sponsored by\b"
)
_NAMING = re.compile(
    r"\b(?:so-called|so called|dubbed|nicknamed|known as|the term|the word|titled|entitled|"
    r"nickname)\s*,?\s*$"
)
_CONTEXT_RE = re.compile(
    rf"\b(?:{SPEECH_VERBS}|{alternation(CUES['speech'] | CUES['belief'])}|hopes|expects|fears|"
    r"(?:is|was|are|were)\s+(?:confident|convinced|"
    r"adamant|sure|optimistic|pessimistic|keen|certain|clear|dismissive|defiant|unrepentant|"
    r"scathing|upbeat|bullish|cautious))\b"
)


#: A line that signs the quotation above it: "- Bernie Sanders.", "—Michelle Marks, Philadelphia."
_SIGNATURE = re.compile(r"[-–—―]\s*([A-Z][^\n]{1,80}?)\.?\s*$")


def _beside_paragraph(
    text: str,
    paras: list[Segment],
    sents: list[Segment],
    r: _Raw,
    mentions: list[Mention],
    roles: Roles,
    recent: tuple[str, int] | None,
) -> tuple[Speaker, str, str] | None:
    """A quotation that fills its paragraph, introduced by the paragraph before it ending in a
    colon ("Breitbart News responded:"), or signed by the line after it ("- Bernie Sanders.")."""
    p = paras[r.para]
    opens = not text[p.start : r.open_at].strip()
    closes = r.close_at is not None and not text[r.close_at + 1 : p.end].strip(" .,")
    if opens and r.para > 0:
        before = paras[r.para - 1]
        if text[before.end - 1] == ":":
            lead = _sentence_of(sents, before.end - 1)
            fake = _Raw(r.start, r.end, before.end, None, r.para - 1)
            found = _attribute(text, fake, lead, lead, mentions, roles, recent)
            if found is not None:
                return found
    if opens and closes and r.para + 1 < len(paras):
        after = paras[r.para + 1]
        sign = _SIGNATURE.match(text, after.start, after.end)
        if sign is not None:
            sp = _signer(text, sign.start(1), sign.end(1), mentions, roles)
            return sp, "—", _how(sp)
    return None


def _signer(text: str, start: int, end: int, mentions: list[Mention], roles: Roles) -> Speaker:
    """Who signs a quotation ("- Bernie Sanders, Vermont senator", "― Pamela Padilla"): the
    name before any comma, resolved as a speaker, or as written."""
    name = text[start:end].split(",")[0].strip()
    sp = speaker_in(text, start, start + len(name), mentions, start, roles)
    if sp is None or sp.name is None:
        sp = Speaker(name, start, start + len(name), "phrase")
    return sp


def _context_speaker(
    text: str,
    sents: list[Segment],
    r: _Raw,
    after: int,
    mentions: list[Mention],
    roles: Roles,
    recent: tuple[str, int] | None,
) -> tuple[Speaker, str, str] | None:
    """A quotation that opens its sentence with no attribution of its own, right after a
    sentence in which someone says or thinks something ("Tapsfield criticised the system.
    "There is just no logic…""), is that person's."""
    here = _sentence_of(sents, r.open_at)
    if text[here.start : r.open_at].strip():
        return None
    k = bisect_right(sents, here.start, key=lambda x: x.start) - 1
    if k == 0:
        return None
    prev = sents[k - 1]
    if (
        prev.start < after
        or r.open_at - prev.end > 3
        or re.search(r"[\"“”]", text[prev.start : prev.end])
    ):
        return None
    v = _CONTEXT_RE.search(text, prev.start, prev.end)
    if v is None:
        return None
    sp = speaker_in(text, prev.start, v.start(), mentions, v.start(), roles, recent)
    people = {m.start for m in mentions if m.type == "person"}
    if sp is None or sp.name is None or (sp.how == "actor" and sp.start not in people):
        return None
    if sp.how == "phrase":
        return None
    return sp, v.group(0), "context"


#: Words that hand the quotation to a source other than the sentence's subject: what it
#: prompted ("…, prompting a rebuke from the United States that …") or a source a
#: preposition names ("a warning by the FBI that …").
_OTHER_SOURCE = re.compile(
    r",\s+(?:prompting|drawing|sparking|triggering|provoking|leading|causing|inviting|earning)\b"
    r"|\b(?:from|by)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*\s+that\b"
)


def _subject_of_sentence(
    text: str,
    sentence: Segment,
    r: _Raw,
    mentions: list[Mention],
    roles: Roles,
    recent: tuple[str, int] | None,
) -> tuple[Speaker, str, str] | None:
    """A quotation inside a sentence that no verb of saying attributes ("Trump groused to a
    crowd that CNN “doesn’t treat me properly”", "Cruz named “…” as his top shows"): the
    words are those of the sentence's subject, when it opens the sentence as a name."""
    head = text[sentence.start : r.open_at]
    if len(head.split()) < 2 or _OTHER_SOURCE.search(head):
        return None
    sp = clause_subject(text, sentence.start, r.open_at, mentions, roles, recent)
    if sp is None or sp.name is None:
        return None
    return sp, "", "subject"


def _earlier_subject(
    text: str, start: int, end: int, mentions: list[Mention], roles: Roles
) -> Speaker | None:
    """The subject of a clause like 'Nebenzya defended Moscow, saying …': its first actor."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    people = [m for m in inside if m.type == "person"]
    if people:
        m = people[0]
        return Speaker(m.name, m.start, m.end, "actor")
    pron = re.match(r"\s*(He|She|They|It)\b", text[start:end])
    if pron:
        return Speaker(
            resolve_pronoun(pron.group(1), start, mentions, None, text),
            start,
            start + len(pron.group(1)),
            "pronoun",
        )
    return None


def _how(sp: Speaker) -> str:
    return {
        "actor": "explicit",
        "pronoun": "pronoun",
        "role": "role",
        "phrase": "explicit",
        "unresolved role": "unresolved role",
    }[sp.how]
