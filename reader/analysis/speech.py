"""Who speaks: speech verbs, and the speaker of a clause (an actor, a pronoun, or a noun phrase)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from reader.analysis.actor_words import ROLES, TITLES
from reader.analysis.actors import Mention
from reader.analysis.gazetteer import lexicon

SPEECH_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|stated|states|asked|asks|"
    "replied|replies|wrote|writes|writing|explained|explains|insisted|insists|insisting|warned|"
    "warns|warning|claimed|claims|claiming|argued|argues|arguing|noted|notes|noting|declared|"
    "declares|announced|announces|urged|urges|urging|suggested|suggests|stressed|stresses|"
    "stressing|emphasised|emphasized|emphasises|emphasizes|admitted|admits|acknowledged|"
    "acknowledges|confirmed|confirms|denied|denies|denying|continued|concluded|observed|remarked|"
    "commented|recalled|predicted|predicts|promised|promises|complained|complains|reiterated|"
    "conceded|responded|countered|maintained|maintains|tweeted|posted|alleged|alleges|accused|"
    "accuses|vowed|vows|believes|believed|estimated|estimates|revealed|reveals|reported|"
    "asserted|contended|contends|agreed|agrees|described|describes|called|calls|quipped|"
    "spoke of|spoke|speaks|praised|praises|criticised|criticized|condemned|welcomed|hailed|"
    "dismissed|pointed out|points out|went on|goes on|read|labelled|labeled|branded|dubbed|"
    "thinks|feels|referred to|refers to|attacked|attacks|reckon|reckons|reckoned"
)
#: Verbs that introduce reported speech (the content follows, usually with "that").
CLAIM_VERBS = (
    "said|says|say|wrote|writes|told|tells|claimed|claims|warned|warns|insisted|insists|denied|denies|argued|argues|"
    "alleged|alleges|suggested|suggests|stated|states|added|adds|noted|notes|believes|believed|"
    "acknowledged|acknowledges|admitted|admits|announced|announces|confirmed|confirms|estimated|"
    "estimates|predicted|predicts|revealed|reveals|stressed|stresses|emphasised|emphasized|"
    "maintained|maintains|asserted|contended|reiterated|vowed|vows|promised|promises|accused|"
    "accuses|reported|explained|explains|concluded|insisting|saying|warning|claiming|arguing|"
    "noting|denying|points out|pointed out|point out|"
    # what plural subjects do ("The companies estimate that …")
    "warn|argue|insist|deny|suggest|admit|predict|acknowledge|allege|maintain|reveal|confirm|"
    "estimate|believe|claim|reckon|reckons|reckoned"
)
_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "feel": ("felt",),
    "know": ("knew", "known"),
    "see": ("saw", "seen"),
    "find": ("found",),
    "seek": ("sought",),
    "understand": ("understood",),
    "swear": ("swore", "sworn"),
    "forecast": ("forecast",),
    "lead": ("led",),
    "speak": ("spoke", "spoken"),
}


def verb_forms(lemma: str) -> set[str]:
    """ "argue" -> argue, argues, argued, arguing: the forms of a verb of the lexicon."""
    if lemma.endswith("e"):
        ing = lemma + "ing" if lemma.endswith(("ee", "ye", "oe")) else lemma[:-1] + "ing"
        forms = {lemma, lemma + "s", lemma + "d", ing}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms = {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms = {lemma, lemma + "es", lemma + "ed", lemma + "ing"}
    elif _DOUBLED.search(lemma) and lemma not in _NO_DOUBLING:  # "admitted", "quipped"
        forms = {lemma, lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    else:
        forms = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
        if re.search(r"[aeiou]l$", lemma):  # "signalled" as well as "signaled"
            forms |= {lemma + "led", lemma + "ling"}
    irregular = _IRREGULAR.get(lemma)
    if irregular:
        forms = {f for f in forms if not f.endswith("ed")} | set(irregular)
    return forms


_DOUBLED = re.compile(r"(?:^|[^aeiou]|qu)[aeiou][bdgmnprt]$")
#: Verbs whose final consonant is not doubled ("offered", "credited", "visited").
_NO_DOUBLING = {"offer", "credit", "visit", "edit", "limit", "exhibit", "answer", "counter"}


def _attribution_verbs(kind: str) -> frozenset[str]:
    from reader.analysis.gazetteer import lexicon

    groups: dict[str, list[str]] = lexicon()["attribution_verbs"]  # type: ignore[assignment]
    return frozenset(f for lemma in groups.get(kind, ()) for f in verb_forms(lemma))


def alternation(words: set[str] | frozenset[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


_LOWER_WORD = re.compile(r"[a-z]+")
#: A word right after an article, a possessive or "of" is a noun, not a verb of saying:
#: "his campaign", "secretary of state" (the nouns of saying still attribute: "in an email").
_SAYING_NOUNS = frozenset(
    [
        "ask",
        "answer",
        "call",
        "claim",
        "claims",
        "comment",
        "comments",
        "email",
        "emails",
        "note",
        "post",
        "promise",
        "quote",
        "remark",
        "remarks",
        "reply",
        "report",
        "reports",
        "tweet",
        "tweets",
        "vow",
        "warning",
        "pledge",
        "statement",
    ]
)
#: Words that are nouns in news unless what follows makes them verbs: "five states", "the
#: states voting Tuesday", but "the ad states: …", "the report states that …".
MOSTLY_NOUNS = frozenset({"state", "states"})
_VERB_AFTER = re.compile(r"\s*(?:[:,.“\"]|that\b)")
_NOUN_BEFORE = re.compile(
    r"(?:^|\W)(?:the|a|an|his|her|its|their|our|my|your|this|these|those|of)\s+$", re.I
)


#: What a document is called that "states" something ("the ad states:"): the lexicon's list.
_STATING_NOUNS = frozenset(lexicon()["document_nouns"])
_WORD_BEFORE = re.compile(r"([A-Za-z][\w’'-]*)\s+$")
#: Capitalised words that qualify "states" ("Southern states", "Democratic states").
_ADJECTIVE_SHAPE = re.compile(r"(?:ern|ic|ish|an|ese|ian|day|ground|Belt)$")


def states_something(text: str, start: int, end: int) -> bool:
    """ "The ad states: …", "Trump states that …" — but "five states, …", "swing states that
    vote", "Southern states.": a verb only after its subject, a document or a name."""
    if not _VERB_AFTER.match(text, end):
        return False
    if text[max(0, start - 3) : start].strip()[-1:] in {"—", "–", ")"}:
        return True  # "Byrne — who was posted at the door — states that …": after an aside
    before = _WORD_BEFORE.search(text, max(0, start - 30), start)
    if before is None:
        return False
    word = before.group(1)
    if word[0].isupper():
        return not _ADJECTIVE_SHAPE.search(word) and word.lower() not in _NOT_SUBJECTS
    return word in _STATING_NOUNS or word in _HEAD_NOUNS


#: Capitalised words before "states" that are no subject of it.
_NOT_SUBJECTS = frozenset(["the", "these", "those", "other", "both", "many", "some", "all"])


class CueMatch:
    """A word of a set found in a string, shaped like the ``re.Match`` it replaces: a large
    alternation of verb forms is much slower to search than words looked up in a set."""

    __slots__ = ("_end", "_start", "_word")

    def __init__(self, start: int, end: int, word: str) -> None:
        self._start, self._end, self._word = start, end, word

    def start(self, _group: int = 0) -> int:
        return self._start

    def end(self, _group: int = 0) -> int:
        return self._end

    def group(self, _group: int = 0) -> str:
        return self._word


def find_words(
    text: str, forms: frozenset[str], start: int = 0, end: int | None = None
) -> list[CueMatch]:
    """The words of ``text[start:end]`` that are in ``forms`` (lower case, whole words),
    offsets into ``text``."""
    stop = len(text) if end is None else end
    out = []
    for m in _LOWER_WORD.finditer(text, start, stop):
        w = m.group()
        if (
            w in forms
            and (m.start() == 0 or not text[m.start() - 1].isalnum())
            and (m.end() >= len(text) or not text[m.end()].isalnum())
            and (
                w.endswith("ing")
                or w in _SAYING_NOUNS
                or not _NOUN_BEFORE.search(text, max(0, m.start() - 7), m.start())
            )
            and (w not in MOSTLY_NOUNS or states_something(text, m.start(), m.end()))
            and not (w in _OTHER_SENSE and _OTHER_SENSE[w].match(text, m.end()))
        ):
            out.append(CueMatch(m.start(), m.end(), w))
    return out


#: Cue words in another sense, by what follows them: "the Sea of Japan, also known as the East
#: Sea" names; "Tokyo, concluding his first trip to Asia" finishes something.
_FINISHED = re.compile(r"\s+(?:his|her|its|their|the|a|an|this|these|those|our|my)\b")
_OTHER_SENSE = {"known": re.compile(r"\s+(?:as|for)\b")} | dict.fromkeys(
    verb_forms("conclude"), _FINISHED
)


#: Every form of every verb of attribution in the lexicon, by kind.
CUES = {k: _attribution_verbs(k) for k in ("speech", "belief", "intention", "stance", "evidence")}
ALL_CUES = frozenset().union(*CUES.values())
#: Speech verbs and the lexicon's: what may follow a quotation and its speaker.
PHRASAL_SPEECH = {
    "shot back",
    "shoots back",
    "fired back",
    "fires back",
    "chimed in",
    "chimes in",
    "weighed in",
    "pushed back",
    "interjected",
    "interjects",
    "pressed",
    "presses",
}
AFTER_QUOTE_VERBS = alternation(set(SPEECH_VERBS.split("|")) | CUES["speech"] | PHRASAL_SPEECH)
SPEECH_RE = re.compile(rf"\b({SPEECH_VERBS})\b")
CLAIM_RE = re.compile(rf"\b({CLAIM_VERBS})\b")
PRONOUNS = {"he": "m", "she": "f", "they": "p", "we": "p", "i": "s", "it": "n"}
_DETERMINERS = re.compile(r"^(?:a|an|the|its|his|her|their|our)\s+", re.I)
#: Nouns that name a role, so "the spokesman" can stand for a person named earlier.
ROLE_NOUNS = (
    "spokesman|spokeswoman|spokesperson|minister|secretary|president|ambassador|envoy|official|"
    "officials|chairman|chairwoman|executive|director|analyst|economist|lawyer|adviser|advisor|aide|"
    "leader|chief|boss|prosecutor|judge|statement|source|sources|report|company|firm|government|"
    "ministry|department|police|spokespeople|diplomat|governor|mayor|manager|coach|player|"
    "analysts|experts|critics|observers|diplomats|economists|residents|campaigners|officers|"
    "investigators|researchers|scientists|lawmakers|politicians|ministers|leaders|executives|"
    "dj|presenter|singer|star|actor|actress|director|producer|spokeswoman|striker|boss|chief|"
    "chancellor|premier|commissioner|governor|senator|ceo|head"
)
_AUXILIARIES = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|are|will|would|also|later|earlier|previously|"
    r"has also|had also|now|then|already|again|been|once|never|often|repeatedly|publicly|"
    r"privately|recently|first|just|still|even|reportedly|further|always|initially|"
    r"subsequently|quickly|immediately|long|did|does|do|could|can|may|might|should|must))+\s*$"
)
#: A short lower-case noun phrase with a determiner: a speaker known only by description.
_NOUN_PHRASE = re.compile(
    r"(?:The|the|A|a|An|an|Its|its|Their|their)\s+((?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*)"
)
_NOT_NAMES = {"and", "but", "so", "then", "also", "yet", "or", "one", "this", "that", "it", "there"}
#: "the organisation said", "the committee said": the body named just before.
_BODY_NOUNS = {
    "organisation",
    "organization",
    "body",
    "association",
    "council",
    "agency",
    "commission",
    "committee",
    "authority",
    "federation",
    "institute",
}
_TRAILING_NOUN_PHRASE = re.compile(
    r"(?:^|\s)(?:the|The|its|Its)\s+((?:[a-z][\w-]*\s+){0,2}[a-z][\w-]*)$"
)
_ORGANISATIONS_NOUNS = {"companies", "firms", "groups", "banks", "carriers", "retailers"}
#: An aside between dashes closing the subject: " - which has … - ".
_ASIDE = re.compile(
    r"\s[-–—]\s[^-–—]{3,200}\s[-–—]\s*$"
    # "Sen. Claire McCaskill (D-Mo.), who has endorsed Clinton, said", "Russia, which has been
    # building up its forces on Ukraine’s borders, has demanded": a relative aside
    r"|,\s+(?:who|whose|which)\s[^,;“”\"]{3,150},\s*$"
)
#: "The global sports giant said", "the carrier said": the organisation the article is about.
_ORGANISATION_NOUNS = {
    "company",
    "firm",
    "group",
    "giant",
    "carrier",
    "airline",
    "retailer",
    "bank",
    "lender",
    "insurer",
    "broadcaster",
    "carmaker",
    "manufacturer",
    "maker",
    "chain",
    "operator",
    "conglomerate",
    "supermarket",
    "club",
    "charity",
    "watchdog",
    "regulator",
}
_CROWD = re.compile(
    r"(?:Most|Many|Some|Several|Both|All|Few|Half|Dozens|Hundreds|Thousands|Millions|"
    r"A majority|A number|A group|A handful|A coalition|A few|Two|Three|Four|Five|Members|"
    r"Organizers|Organisers|Supporters|Opponents|Critics|Officials|Experts|Economists|Voters|"
    r"Polls|Surveys|Residents|Protesters|Activists|Donors|Delegates|Parents|Lawmakers|Leaders|"
    r"Analysts|Aides|Advisers|Others|Proponents|Advocates|Backers|Defenders|Multiple|Numerous|"
    r"Various|Republicans and|Democrats and)(?=\s+of\b|\s+[a-z]|,|$)"
)
#: The subject right before a verb, when it is a document ("a POLITICO survey on Tuesday of
#: leading Republican data operatives") or a crowd ("Chinese traders") with no name for its head.
_UNNAMED_SOURCE = re.compile(
    r"(?:^|,\s*|\(\s*|\bas\s+)((?:(?:the|a|an|this|that|its|his|her|their|[A-Z][\w.]*['’]s?)\s+)?"
    r"(?:(?!(?:although|though|as|when|while|because|if|that|which|who|and|but|or|since)\b)"
    r"[\w.’'-]+\s+){0,3}?(?:poll|polls|survey|surveys|study|studies|report|reports|results|"
    r"data|records|documents|figures|numbers|memo|letter|analysis|review|transcript|editorial|"
    r"filing|complaint|lawsuit|traders|voters|residents|workers|supporters|critics|economists|"
    r"analysts|experts|officials|activists|protesters|lawmakers|investors|fans)"
    r"(?:\s+(?!(?:also|still|now|have|has|had|would|will|could|can|may|might|did|do|does)\b)"
    r"[^,;]{1,60})?)$"
)
_DETERMINER_NP = re.compile(r"\s*(?:the|a|an|this|that)\s+[^,;:“\"]{1,60}?\s*")
_TITLED_DESCRIPTION = re.compile(
    r"(?:[Tt]he|[Aa]n?|[Tt]his)\s+((?:[a-z-]+\s+){0,2}[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){0,3})"
)
#: Capitalised words right before the verb, after a comma: "…, D’Souza replied".
#: A full name (two to four capitalised words, "de", "van" between them) opening the words
#: after an inverted verb, after a title: "former Rep. George Miller (D-Calif.)".
_LEADING_NAME = re.compile(
    r"(?:(?:former|retired|the\s+late|late|then|state|[A-Z][a-z]{1,3}\.)\s+){0,3}"
    r"((?:[A-Z][\w’'-]+\s+(?:(?:de|da|del|della|van|von|der|di|du|la|le|bin|al)\s+)?){1,3}"
    r"[A-Z][\w’'-]+)(?=\s+(?:of|from|in|at|with|for)\s|\s*\(|\s*$)"
)
_UNNAMED_PERSON = re.compile(
    r"(?:[Oo]ne|[Aa]|[Aa]n|[Aa]nother)\s+(?:[\w&.'’-]+\s+){0,3}(?:employee|staffer|worker|voter|"
    r"resident|supporter|delegate|strategist|operative|donor|activist|attendee|Democrat|"
    r"Republican|veteran|student|teacher|woman|man|person|friend|neighbor|neighbour|member|"
    r"insider)(?:\s+(?:in|at|of|from|familiar\s+with|close\s+to|for|who)\s+[^,;:]{1,60})?"
)
#: "An Israeli official", "a senior aide": somebody known by a role alone.
_UNNAMED_ROLE = re.compile(
    rf"(?:[Oo]ne|[Aa]|[Aa]n|[Aa]nother)\s+(?:[\w&.'’-]+\s+){{0,3}}(?:{ROLE_NOUNS})"
)
_TITLED_NAME = re.compile(
    r"(?:^|\s)(?:Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Gen|Lt|Rev|Capt|Col|Sgt)\.\s+"
    r"((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)$"
)
_NAME_OF_PLACE = re.compile(
    r"((?:[A-Z][\w’'-]+\s+){1,2}[A-Z][\w’'-]+),?\s+(?:of|from)\s+[A-Z][\w’'.-]*"
    r"(?:[\s,]+[A-Z][\w’'.-]*){0,3}"
)
_NAME_BEFORE_VERB = re.compile(r"(?:^|[,;]\s+)((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)$")
#: Where a speaker named after the verb gives way to what is said of them.
#: Two names joined: "Forbes and Wealth-X", "Smith & Wesson".
_TWO_NAMES = re.compile(
    r"((?:[A-Z][\w.'’&-]*\s+){0,2}[A-Z][\w.'’&-]*)\s+(?:and|&)\s+"
    r"((?:[A-Z][\w.'’&-]*\s+){0,2}[A-Z][\w.'’&-]*)"
)
#: The small words inside a name: "Michery| el |Soheil", "Federico| de |Jesús".
NAME_PARTICLES = "de|da|del|van|von|der|di|du|la|le|el|al|bin|ibn"
_NAME_PARTICLES = rf"(?:(?:{NAME_PARTICLES})\s+)?"
#: A name after the lower-case noun that describes its bearer: "his nephew| Michery el Soheil".
_DESCRIBED_NAME = re.compile(
    rf"(?:^|\s)([a-z][\w-]*)\s+((?:[A-Z][\w.'’-]*\s+{_NAME_PARTICLES}){{0,3}}[A-Z][\w.'’-]*)$"
)
#: Kin and roles after which a name is the speaker ("his nephew| Michery el Soheil"): the
#: lexicon's list.
_KIN = frozenset(lexicon()["introducing_nouns"])
_RELATIVE = re.compile(r"\s+(?:who|which|whose|whom|that|while|as|when|after|before)\s")
_APPOSED_ROLE = re.compile(rf",\s+(?:a |an |the )?(?:\w+[\s-]+){{0,3}}(?:{ROLE_NOUNS})\b", re.I)
_ROLE_HEAD = re.compile(rf"\b({ROLE_NOUNS})\b", re.I)


#: Role noun -> (where, who) for each person named with it: "spokesman Ned Price".
Roles = dict[str, list[tuple[int, str]]]


@dataclass(frozen=True)
class Speaker:
    name: str | None  # canonical actor, or the words as written, or None
    start: int
    end: int
    how: str  # actor / pronoun / role / phrase


def _mentions_in(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions wholly inside ``[start, end)``. Mentions come in text order (as
    ``find_actors`` gives them), so a binary search finds them in a long article."""
    lo = bisect_left(mentions, start, key=_start)
    hi = bisect_left(mentions, end, key=_start)
    return [m for m in mentions[lo:hi] if m.end <= end]


def count_starting(mentions: list[Mention], start: int, end: int) -> int:
    """How many mentions (in text order) start inside ``[start, end)``."""
    return bisect_left(mentions, end, key=_start) - bisect_left(mentions, start, key=_start)


def _start(m: Mention) -> int:
    return m.start


def _best_actor(found: list[Mention], near: int) -> Mention | None:
    if not found:
        return None
    people = [m for m in found if m.type == "person"]
    # "said Aguilera's agent Meghan Prophet": a possessor is not the speaker
    owners = [m for m in people if not m.possessive]
    pool = owners or people or found
    return min(pool, key=lambda m: abs(near - m.end) if m.end <= near else abs(m.start - near))


def _may_be(name: str, gender: str) -> bool:
    """False only when the given name is clearly of the other gender ("he" is not "Sarah")."""
    from reader.analysis.gazetteer import gender_of

    found = gender_of(name.split()[0])
    if found in ("male", "female"):  # "mostly_…" names (Bernie) stay possible for both
        return found == gender
    return True


_BOUNDARY = re.compile(r"[.!?][\"”’]?\s+(?=[\"“A-Z])|\n")


def _sentence_start(text: str, at: int) -> int:
    """Start of the sentence holding ``at`` (a cheap scan back to . ! ? or a line break)."""
    base = max(0, at - 600)
    ends = [
        m.end()
        for m in _BOUNDARY.finditer(text, base, min(len(text), at + 1))
        if m.end() <= at  # the look-ahead may read the first letter of the sentence at ``at``
    ]
    return ends[-1] if ends else base


def _speaks(text: str, m: Mention) -> bool:
    """Whether the mention is the subject of a speech verb: "Bellamy insisted", "Mr Roe, the
    chairman, said", or after it: "observed Jack Boorman"."""
    # the apposition may lack its closing comma: "Alan Milburn, Labour's strategist told …"
    after = re.match(
        rf"\s*(?:,[^,.!?;\n]{{1,80}}?,?\s*)?(?:{SPEECH_VERBS})\b", text[m.end : m.end + 100]
    )
    before = re.search(
        r"\b(?:said|says|observed|added|explained|noted|warned|argued|admitted)\s+$",
        text[max(0, m.start - 40) : m.start],
    ) and re.match(r"\s*[,.;]", text[m.end : m.end + 3])
    return bool(after or before)


def _opens_clause(text: str, m: Mention, people: list[Mention]) -> bool:
    """Whether the mention is the first person near the start of its sentence, where subjects
    stand ("Ferguson believes Henry…": Ferguson)."""
    # a clause starts after a full stop, a semicolon, or "but"/"while" ("…, but captain
    # Fabien Pelous sees hope")
    lead = re.split(
        r"[.!?\n;]|\bbut\b|\bwhile\b|\bwhereas\b", text[max(0, m.start - 120) : m.start]
    )[-1]
    lead_start = m.start - len(lead)
    if _speaks(text, m):
        return True  # "…, Bellamy insisted": the subject of a speech verb
    if any(lead_start <= o.start < m.start for o in people):
        return False
    # "At least a half-dozen times, Trump cited": an introduction before the comma
    return len(lead.split()) <= 4 or len(lead.rsplit(",", 1)[-1].split()) <= 1 < lead.count(" ")


#: How far back (in characters) a pronoun's candidates are weighed: well beyond the 600-700
#: characters the salience rules use, and the sentence before.
_PRONOUN_REACH = 2000


_POSSESSIVE = {"he": "his", "she": "her"}


def _in_quotes(text: str, start: int, at: int) -> bool:
    """Whether ``at`` lies inside quotation marks opened after ``start``."""
    span = text[start:at]
    return span.count('"') % 2 == 1 or span.count("“") > span.count("”")


def _subject_pronoun(text: str, start: int, end: int, pronoun: str) -> int | None:
    """Where ``pronoun`` stands as the subject near the start of ``text[start:end]`` ("However
    he hopes …", "When he refused …"), outside quotation marks; else None."""
    words = rf"{pronoun}|{_POSSESSIVE[pronoun]}"
    m = re.match(rf"(?:\W*\w+\W+){{0,5}}?({words})\b", text[start:end], re.I)
    if m is None or _in_quotes(text, start, start + m.start(1)):
        return None
    return start + m.start(1)


def resolve_pronoun(
    pronoun: str,
    at: int,
    mentions: list[Mention],
    last_speaker: tuple[str, int] | None = None,
    text: str | None = None,
    depth: int = 0,
) -> str | None:
    """The person "he" or "she" most likely stands for: whoever spoke last, if that was recent
    (reporters write "…," he added" after a named speaker), else the nearest earlier person.
    A "he" that opens the same sentence or the one before ("When he refused …, he said";
    "However he hopes …. "…," he said") stands for the same person as this one."""
    p = pronoun.lower()
    if p in {"he", "she"}:
        gender = "male" if p == "he" else "female"
        if text is not None and depth < 3:
            here = _sentence_start(text, at)
            same = _subject_pronoun(text, here, at, p)
            back = here
            while back > 0 and text[back - 1].isspace():
                back -= 1
            if same is None and back > 0:
                same = _subject_pronoun(text, _sentence_start(text, back - 1), back, p)
            if same is not None and any(
                m.type == "person" for m in _mentions_in(mentions, _sentence_start(text, same), at)
            ):
                same = None  # "Before her meeting, Davenport believes …": the name is there
            if same is not None and same < at:
                return resolve_pronoun(p, same, mentions, last_speaker, text, depth + 1)
        # '… Mr Blair has "…" as when Labour came to power, he said': a trailing "he said"
        # is not the subject of the clause it attributes
        trailing = text is not None and bool(re.search(r",[\"”’]?\s*$", text[max(0, at - 3) : at]))
        clause_from = _sentence_start(text, at) if text is not None and trailing else at

        def fits(m: Mention) -> bool:
            return m.end <= clause_from and m.type == "person" and _may_be(m.name, gender)

        # Everything below looks at most a few sentences back; only the last resort (the
        # nearest earlier person) may reach further, and is found by walking back from here.
        hi = bisect_left(mentions, at, key=_start)
        lo = bisect_left(mentions, at - _PRONOUN_REACH, key=_start)
        earlier = [m for m in mentions[lo:hi] if fits(m)]
        if not earlier:
            earlier = next(([m] for m in reversed(mentions[:lo]) if fits(m)), [])
        # Salience: a person written as the subject (not "Benitez's plans") within the last few
        # sentences outranks one merely mentioned nearer.
        subjects = [
            m
            for m in earlier
            if at - m.end < 600
            and not m.possessive
            and (text is None or _opens_clause(text, m, earlier))
        ]
        if last_speaker is not None and at - last_speaker[1] < 700:
            # unless somebody new became the subject since, in the sentence just before or as
            # a speaker ("Piers Freelove is … He said:", "Bellamy insisted …. "…," he said")
            sentence_start = _sentence_start(text, at) if text is not None else at
            prev_start = _sentence_start(text, sentence_start - 1) if text is not None else at
            newer = [
                m
                for m in subjects
                if m.start > last_speaker[1]
                and m.name != last_speaker[0]
                and (m.start >= prev_start or (text is not None and _speaks(text, m)))
            ]
            if not newer and text is not None:
                # "… came from Brian Gammage, vice-president of research at Gartner. He said:"
                # a person introduced with a role in the sentence before is a new voice
                newer = [
                    m
                    for m in earlier
                    if prev_start <= m.start < sentence_start
                    and m.name != last_speaker[0]
                    and _APPOSED_ROLE.match(text, m.end)
                ]
            if newer:
                return newer[-1].name
            if _may_be(last_speaker[0], gender):
                return last_speaker[0]
            # (not Janet Yellen for a "he": the nearest person who may be one)
        if not earlier:
            return None
        return (subjects or earlier)[-1].name
    # "it", "they", "we" stand for plans, reports and groups as often as for an actor: unknown.
    return None


def resolve_group(pronoun: str, at: int, mentions: list[Mention], text: str) -> str | None:
    """The organisation or country "it" or "they" stands for when one was the subject of the
    sentence just before ("The Home Office said … It said it would look again")."""
    if pronoun.lower() not in {"it", "they"}:
        return None
    start = _sentence_start(text, _sentence_start(text, at) - 1)
    groups = [
        m
        for m in mentions
        if start <= m.start
        and m.end <= at
        # (a capital the gazetteer files under its country is its government: "Beijing had
        # not expressed support … Previously, it called on …")
        and (m.type in ("organisation", "country") or (m.type == "place" and m.name != m.alias))
    ]
    subjects = [m for m in groups if _opens_clause(text, m, []) and not m.possessive]
    names = {m.name for m in subjects}
    if len(names) == 1:
        return subjects[-1].name
    if re.match(r"(?:But |And )?[Tt]he (?:company|firm|group)\b", text[start:at]):
        # "The company will have to … but it said": the organisation the article is about
        ranked = _organisations_by_mentions(mentions, at)
        if ranked:
            return ranked[0]
    return None


def _organisations_by_mentions(mentions: list[Mention], at: int) -> list[str]:
    """The organisations named before ``at``, the most often named first (ties: the first
    named): what "the company", "the firm" or "the two firms" stand for."""
    counts = Counter(m.name for m in mentions if m.end <= at and m.type == "organisation")
    return [name for name, _ in sorted(counts.items(), key=lambda kv: kv[1], reverse=True)]


#: A description that opens like a clause or stops on a word that needs more after it.
_CLAUSE_PIECE = re.compile(
    r"^(?:who|which|that|but|and|or|when|while|because|if|[a-z]+ed)\b"
    r"|\s(?:and|or|that|of|to|the|a|an|his|her|their|its|in|at|for|with|from|by|on|as)$"
)


def speaker_in(
    text: str,
    start: int,
    end: int,
    mentions: list[Mention],
    verb_at: int,
    role_people: Roles,
    last_speaker: tuple[str, int] | None = None,
) -> Speaker | None:
    """The speaker named in ``text[start:end]`` (the subject of, or the words after, a speech verb)."""
    found = _speaker_in(text, start, end, mentions, verb_at, role_people, last_speaker)
    if (
        found is not None
        and found.how == "phrase"
        and found.name
        and _CLAUSE_PIECE.search(found.name)
    ):
        # "who reports directly to the president, and", "a flaw in the FBI’s system that": a
        # piece of a clause, not a name; the text does not say here who spoke
        return None
    if found is not None and found.how == "phrase" and found.name:
        named = _named_last(text, found, mentions)
        if named is not None:
            return named
    if found is None or found.how != "actor":
        return found
    k = bisect_left(mentions, found.start, key=_start)
    m = mentions[k] if k < len(mentions) and mentions[k].start == found.start else None
    if m is None or m.type != "organisation" or m.name == m.alias:
        return found
    if verb_at >= end:
        described = described_after(text, m.end, end)
        if described is not None and not _AUXILIARIES.sub(
            "", _PLACED.sub("", text[described:end], count=1)
        ).strip(" ,"):
            # "the GOP front-runner said", "GOP candidates in the race argued": the
            # front-runner, as written, not the party
            return Speaker(text[m.start : described], m.start, described, "phrase")
    return as_named(m, found)


def _named_last(text: str, found: Speaker, mentions: list[Mention]) -> Speaker | None:
    """ "US defense spokesman Mr Kirby": a phrase that ends with a person's name, titles and
    roles before it, is that person (not "supporters of Bernie Sanders")."""
    people = [
        m
        for m in _mentions_in(mentions, found.start, found.end)
        if m.type == "person" and not text[m.end : found.end].strip(" ,")
    ]
    if not people:
        return None
    m = people[-1]
    if _NOT_A_TITLE.search(text, found.start, m.start):
        return None  # "supporters of X", "Several superdelegates supporting X", "friends have"
    return Speaker(m.name, m.start, m.end, "actor")


#: What a title before a name has not: a preposition, a verb, a comma, a comparison.
_NOT_A_TITLE = re.compile(
    r",|\b(?:[Oo]f|[Ff]or|[Ff]rom|[Ww]ith|[Tt]o|[Bb]y|[Aa]nd|[Oo]r|[Aa]t|[Oo]n|[Ii]n|[Aa]bout|"
    r"[Ll]ike|[Ii]ncluding|[Ss]uch|[Ww]hen|[Aa]fter|[Bb]efore|than|as|has|have|had|is|are|was|"
    r"were|will|would|[a-z]+ing|[a-z]+ed)\b"
)


def as_named(m: Mention, found: Speaker) -> Speaker:
    """ "Democrats said", "Republicans argue": the party's members, as the text names them,
    not the party the gazetteer files them under."""
    if m.type == "organisation" and m.name != m.alias and _MEMBERS.search(m.alias):
        return Speaker(m.alias, found.start, found.end, "actor")
    return found


def described_after(text: str, at: int, end: int) -> int | None:
    """Where a description that a name qualifies ends ("GOP| strategist", "Indiana GOP|
    insiders", "Republican| presidential candidate"): the name is then a modifier, and the
    person or group the description heads is the subject. ``None`` when no such noun follows."""
    last = None
    for _ in range(3):
        word = _LOWER_WORD_AFTER.match(text, at, end)
        if word is None:
            break
        at = word.end()
        if word.group(1) in _DESCRIPTIONS:
            last = at
        elif last is not None:
            break
    return last


#: The lower-case word next after a position: a description's word.
_LOWER_WORD_AFTER = re.compile(r"\s+([a-z][a-z-]+)\b")
#: A short phrase that places a description: "… candidates| in the race".
_PLACED = re.compile(r"^\s+(?:in|at|on|from)\s+(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*)?")
#: The members of a party or a body, named in the plural.
_MEMBERS = re.compile(r"(?:crats|cans|tives)$")


#: A name, then an apposition or an aside up to the verb (which may name a place with its state
#: or country: "…, during a town hall in Columbus, Ohio, said").
APPOSITION = re.compile(
    r"\s*([^,]{1,60}),\s*(?=[a-z0-9]|[A-Z]{2,}\b)[^,]{1,120}"
    r"(?:,\s*[A-Z][\w.]+(?:\s+[A-Z][\w.]+)?)?,?\s*$"
)


def _speaker_in(
    text: str,
    start: int,
    end: int,
    mentions: list[Mention],
    verb_at: int,
    role_people: Roles,
    last_speaker: tuple[str, int] | None = None,
) -> Speaker | None:
    if verb_at >= end:
        # "Shareholders United - which has rallied opposition to Mr Glazer - said": the
        # subject is outside the aside
        # (before the auxiliaries that end the subject: "…, which has …, has demanded")
        aux = _AUXILIARIES.search(text, start, end)
        aside = _ASIDE.search(text, start, aux.start() if aux else end)
        if (
            aside is not None
            and aside.start() > start
            and (
                text[aside.start()] != ","
                or any(aside.start() <= m.start < aside.end() for m in mentions)
            )
        ):  # a relative aside is cut when it names someone who would pass for the subject
            end = aside.start()
    region = text[start:end]
    if not region.strip():
        return None
    phrase = region.strip(" ,;:—–-\u00a0")
    lead = re.match(
        r"(?:(?:But|And|So|Yet|However,?|Meanwhile,?|[Aa]s|[Ww]hen|[Ww]hile|[Bb]ecause|[Ss]ince"
        r"|[Ii]f|[Aa]lthough|[Tt]hough)\s+)+",
        phrase,
    )
    if lead:  # "But Sky denied …": the conjunction is not part of the subject
        phrase = phrase[lead.end() :]
    # "Nike has reported", "The firm had earlier said": not the subject; "said a Mexican
    # official who was not authorized to speak": the official
    phrase = (
        _AUXILIARIES.sub("", phrase)
        if verb_at >= end
        else _RELATIVE.split(phrase, maxsplit=1)[0].rstrip(" ,")
    )
    words = phrase.split()
    if not words:
        return None
    # "…, he added" / "he said" / "said he": a pronoun next to the verb is the subject
    edge = words[-1] if verb_at >= end else words[0]
    if words and edge.lower() in PRONOUNS:
        off = start + (region.rindex(edge) if verb_at >= end else region.index(edge))
        who = resolve_pronoun(edge, off, mentions, last_speaker, text)
        return Speaker(who, off, off + len(edge), "pronoun")
    # "Emma Pike, director general of British Music Rights, said", "Strauss Zelnick, CEO of
    # Take-Two, adds", "Clinton, during a town hall in Columbus, Ohio, said": the name before
    # the apposition is the subject, whatever it names
    appos = APPOSITION.match(region) if verb_at >= end else None
    if (
        appos is not None
        and len(appos.group(1).split()) <= 5
        and not re.match(
            r"\s*(?:On|In|At|Last|This|Earlier|Later|After|Before|During)\b", appos.group(1)
        )
    ):
        head_start, head_end = start + appos.start(1), start + appos.end(1)
        head_people = [
            m for m in _mentions_in(mentions, head_start, head_end) if m.type == "person"
        ]
        if head_people:
            m = head_people[-1]
            return Speaker(m.name, m.start, m.end, "actor")
        name = re.sub(r"\s*[\"“][^\"”]{1,20}[\"”]\s*", " ", appos.group(1)).strip()
        if re.fullmatch(r"(?:[A-Z][\w’'.-]*\s+){1,3}[A-Z][\w’'-]+", name):
            return Speaker(name, head_start, head_end, "phrase")  # 'Antonio "LA" Reid'
        if _UNNAMED_PERSON.fullmatch(name) or _UNNAMED_ROLE.fullmatch(name):
            # "An Israeli official, speaking on the condition of anonymity, said": somebody
            # the text describes but does not name, before the aside
            return Speaker(_as_written(name), head_start, head_end, "phrase")
    inside = _mentions_in(mentions, start, end)
    unnamed = _UNNAMED_PERSON.fullmatch(phrase)
    if unnamed is not None and not any(m.type == "person" for m in inside):
        # "one P&G Amiens employee told", "said one Democrat familiar with the discussion", "a
        # Democratic staffer in the room said": somebody the text describes but does not name
        off = start + region.index(phrase)
        return Speaker(_as_written(phrase), off, off + len(phrase), "phrase")
    from_place = _NAME_OF_PLACE.fullmatch(phrase) if verb_at >= end else None
    if from_place is not None:
        # "Stacy Baker of Columbia, South Carolina says": the person, not where they are from
        s1 = start + region.index(phrase) + from_place.start(1)
        e1 = s1 + len(from_place.group(1))
        named = [m for m in inside if s1 <= m.start < e1]
        if named and named[-1].type == "person":
            return Speaker(named[-1].name, named[-1].start, named[-1].end, "actor")
        if not named and from_place.group(1).split()[0].lower() not in _NOT_NAMES | {"the"}:
            return Speaker(from_place.group(1), s1, e1, "phrase")
    if verb_at >= end:
        said_by = _UNNAMED_SOURCE.search(phrase)
        if said_by is not None and re.fullmatch(
            r"(?:the|its|their|this|that)\s+\S+", said_by.group(1), re.I
        ):
            said_by = None  # "the report said": the body that made it (see claims)
        if said_by is not None and not any(
            m.type == "person"
            and not m.possessive
            and m.start >= start + region.index(phrase) + said_by.start(1)
            for m in inside
        ):
            # "Tuesday’s results show", "a POLITICO survey … found", "Chinese traders also
            # say": a document or a crowd the text names by description, kept as written
            off = start + region.index(phrase) + said_by.start(1)
            words = said_by.group(1)
            return Speaker(_as_written(words), off, off + len(words), "phrase")
    if verb_at >= end and "," in region:
        # "In an interview with Mika Brzezinski, the Democratic presidential candidate stated":
        # a description right before the verb, after a comma, is the subject
        comma = start + region.rindex(",") + 1
        tail_np = _DETERMINER_NP.fullmatch(text, comma, end)
        if tail_np is not None and not any(m.type == "person" for m in inside if m.start >= comma):
            found = _speaker_in(text, comma, end, mentions, verb_at, role_people, last_speaker)
            if found is not None and found.name is not None:
                return found
    if verb_at >= end and len(words) <= 14:
        crowd = _CROWD.match(phrase)
        if crowd is not None and not any(
            m.start <= start + region.index(phrase) < m.end for m in inside
        ):
            # "Most of the vulnerable Senate Republicans said", "Organizers of the boycott
            # said", "Both parents …": a group known by description, kept as written
            off = start + region.index(phrase)
            return Speaker(_as_written(phrase), off, off + len(phrase), "phrase")
    if verb_at >= end and len(inside) >= 2:
        a, b = inside[-2], inside[-1]
        if (
            text[a.end : b.start] == " and "
            and not text[b.end : end].strip(" ,")
            and (a.type == "person") == (b.type == "person")
            and a.name != b.name
            and not a.possessive
        ):  # "China and Russia announced", "Mr Howard and Mr Kennedy said": both of them
            return Speaker(f"{a.name} and {b.name}", a.start, b.end, "actor")
    if verb_at >= end and inside:
        last = inside[-1]
        if (
            not last.possessive
            and not _AUXILIARIES.sub("", text[last.end : end]).strip(" ,")
            and not _ROLE_HEAD.search(text, start, last.start)  # "a spokesman for the DCA said"
            and not re.search(
                r"\b(?:of|from|in|at|for|to)\s+(?:the\s+)?$", text[start : last.start]
            )
        ):  # "Of those who view Trump unfavorably, LeVell said": the name right before the verb
            if last.type != "person" and len(inside) > 1:
                prior = inside[-2]  # "Colin Asplin, Blackpool Hotel Association said": Asplin
                if prior.type == "person" and re.fullmatch(
                    r"\s*,\s*", text[prior.end : last.start]
                ):
                    last = prior
            return Speaker(last.name, last.start, last.end, "actor")
    bare_name = _NAME_BEFORE_VERB.search(phrase) if verb_at >= end else None
    which = 1
    if bare_name is None and verb_at >= end:
        # "his nephew Michery el Soheil added", "digital consultant Phil Musser says": a
        # name the gazetteer and the patterns missed, after the description that introduces it
        bare_name, which = _DESCRIBED_NAME.search(phrase), 2
        if bare_name is not None and bare_name.group(1) not in _HEAD_NOUNS | _KIN:
            bare_name = None
    if (
        bare_name is not None
        and bare_name.group(which).split()[0].lower() not in _NOT_NAMES | {"the", "a", "an", "it"}
        and not _ROLE_HEAD.search(bare_name.group(which))
        and not re.fullmatch(r"[DRI]-[A-Z][\w.]*", bare_name.group(which))  # "R-Pa.,"
    ):
        off = start + region.index(phrase) + bare_name.start(which)
        if not any(m.start <= off < m.end for m in inside):
            # "After Beck asked him who would win, D’Souza replied": an unknown name
            name = bare_name.group(which)
            return Speaker(name, off, off + len(name), "phrase")
    actor = _best_actor(inside, verb_at)
    if actor is not None and actor.type != "person" and not actor.possessive:
        person = _titled_person(text, actor, end, mentions)
        if person is not None:
            return person
    if actor is not None and actor.possessive and verb_at >= end:
        # "Sanders’ campaign called …": the campaign speaks, not Sanders
        group = _GROUP_AFTER.match(text, actor.end, end)
        if group is not None and not text[group.end() : end].strip(" ,"):
            return Speaker(text[actor.start : group.end()], actor.start, group.end(), "phrase")
        if len(words) <= 14 and not any(m.type == "person" and not m.possessive for m in inside):
            # "Another source familiar with Cruz’s thinking said": not Cruz
            off = start + region.index(phrase)
            return Speaker(phrase, off, off + len(phrase), "phrase")
    if actor is not None and actor.type == "person":
        return Speaker(actor.name, actor.start, actor.end, "actor")
    if (
        actor is not None
        and verb_at >= end
        and not actor.possessive
        and not _AUXILIARIES.sub("", text[actor.end : end]).strip(" ,")
        and not _ROLE_HEAD.search(text, start, actor.start)  # "a spokesman for the DCA said"
    ):  # "WASHINGTON, June 2 - The Treasury Department said": the body right before the verb
        return Speaker(actor.name, actor.start, actor.end, "actor")
    described = _NOUN_PHRASE.fullmatch(phrase)
    if described is not None and described.group(1).split()[-1] in _ORGANISATIONS_NOUNS:
        # "the two firms said": the two organisations the article is most about
        before = [m for m in mentions if m.end <= verb_at and m.type == "organisation"]
        pair = _organisations_by_mentions(mentions, verb_at)[:2]
        pair.sort(key=[m.name for m in before].index)  # in the order the article names them
        for a, b in zip(before[-2::-1], before[:0:-1], strict=False):
            if text[a.end : b.start] == " and " and a.name != b.name:
                pair = [a.name, b.name]  # "ScanSoft and Gracenote … The companies said"
                break
        if len(pair) == 2:
            off = start + region.index(phrase)
            return Speaker(" and ".join(pair), off, off + len(phrase), "role")
    if described is None and verb_at >= end:
        # "In a statement … the company said": the noun phrase just before the verb
        described = _TRAILING_NOUN_PHRASE.search(phrase)
        if described is not None and (
            described.group(1).split()[-1] not in (_ORGANISATION_NOUNS | _BODY_NOUNS)
            or _ROLE_HEAD.search(phrase, 0, described.start())  # "a source at the club"
        ):
            described = None
    if described is not None and described.group(1).split()[-1] in _BODY_NOUNS:
        # "CENTR … agrees. "…," the organisation said": the body named last
        near = [
            m
            for m in _mentions_in(mentions, max(0, verb_at - 500), verb_at)
            if m.type == "organisation" and not m.possessive
        ]
        if near:
            off = start + region.index(described.group(0))
            return Speaker(near[-1].name, off, off + len(described.group(0)), "role")
    if described is not None and described.group(1).split()[-1] in _ORGANISATION_NOUNS:
        # "the firm said": the organisation the article is about, when it names one
        ranked = _organisations_by_mentions(mentions, verb_at)
        if ranked:
            off = start + region.index(described.group(0))
            return Speaker(ranked[0], off, off + len(described.group(0)), "role")
    role = _ROLE_HEAD.search(phrase)
    if role is not None and len(words) <= 10:
        key = role.group(1).lower()
        # the noun phrase of the role starts after the last comma before it:
        # "At the time, the two leaders" -> "the two leaders"
        cut = phrase.rfind(",", 0, role.start()) + 1
        np = _bounded(phrase[cut:].strip())
        bare = _DETERMINERS.sub("", np)
        off = start + region.index(phrase) + phrase.index(np, cut) + (len(np) - len(bare))
        if np.lower().startswith("the ") and len(np.split()) <= 3:
            known = role_person(role_people, key, verb_at)
            if known is not None:
                return Speaker(known, off, off + len(bare), "role")
            if (
                last_speaker is not None
                and not _placed_elsewhere(text, np, off, mentions, last_speaker[0])
                and verb_at - last_speaker[1] < 700
                and re.fullmatch(_PERSON_ROLES, key)
                and not any(m.name == last_speaker[0] and m.type != "person" for m in mentions)
            ):
                # "…," says the DJ — after a named speaker, the role is that speaker's
                # (a person's role: "the police said" is not the last speaker)
                return Speaker(last_speaker[0], off, off + len(bare), "role")
            if key in _LEADING_ROLES:
                # "The Tory leader said" after "Michael Howard has denied …": an unnamed
                # leading role stands for the person the text is about, as "he" would
                who = resolve_pronoun("he", off, mentions, None, text)
                if who is not None:
                    return Speaker(who, off, off + len(bare), "role")
            return Speaker(bare, off, off + len(bare), "unresolved role")
        return Speaker(_as_written(bare), off, off + len(bare), "phrase")
    if actor is not None:
        return Speaker(actor.name, actor.start, actor.end, "actor")
    if described is not None:  # "The global sports giant said", "its developers say"
        bare = _bounded(described.group(1))
        off = start + region.index(phrase) + described.start(1)
        return Speaker(bare, off, off + len(bare), "phrase")
    titled = _TITLED_DESCRIPTION.fullmatch(phrase)
    if titled is not None and not _ROLE_HEAD.search(titled.group(1)):
        # "said the Democratic nominee", "the Texan said": known by a description the article
        # gives with a name in it, kept as written
        off = start + region.index(phrase) + titled.start(1)
        return Speaker(titled.group(1), off, off + len(titled.group(1)), "phrase")
    group = _GROUP_PHRASE.fullmatch(phrase)
    if group is not None:  # "the Clinton campaign", "State Department officials", "Sanders’ team"
        off = start + region.index(phrase) + group.start(1)
        return Speaker(group.group(1), off, off + len(group.group(1)), "phrase")
    joined = _TWO_NAMES.fullmatch(phrase) if verb_at >= end else None
    if joined is not None and not {
        joined.group(1).split()[0].lower(),
        joined.group(2).split()[0].lower(),
    } & (_NOT_NAMES | {"the", "a", "an"}):
        # "Forbes and Wealth-X say": two names the gazetteer and the patterns missed
        off = start + region.index(phrase)
        return Speaker(phrase, off, off + len(phrase), "phrase")
    if (
        1 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and words[0].lower() not in _NOT_NAMES
    ):
        off = start + region.index(phrase)  # a name the gazetteer and the patterns missed
        return Speaker(_as_written(phrase), off, off + len(phrase), "phrase")
    titled_name = _TITLED_NAME.search(phrase) if verb_at >= end else None
    if titled_name is not None and not any(
        m.start <= start + region.index(phrase) + titled_name.start(1) < m.end for m in inside
    ):
        # "Former Maryland Gov. Martin O’Malley said", "Stacy Baker of Columbia, South
        # Carolina says": a name the gazetteer and the patterns missed, after a title or
        # before the place the person is from
        off = start + region.index(phrase) + titled_name.start(1)
        return Speaker(titled_name.group(1), off, off + len(titled_name.group(1)), "phrase")
    leading = _LEADING_NAME.match(phrase) if verb_at < end else None
    if leading is not None and leading.group(1).split()[0].lower() not in _NOT_NAMES | {
        "the",
        "a",
        "an",
    }:
        # 'said Patricia Moran of Cheyenne', 'said Federico de Jesús, a Democratic
        # strategist': a full name right after the verb that the gazetteer and the patterns missed
        off = start + region.index(phrase) + leading.start(1)
        return Speaker(leading.group(1), off, off + len(leading.group(1)), "phrase")
    return None


def _titled_person(text: str, actor: Mention, end: int, mentions: list[Mention]) -> Speaker | None:
    """ "said U.S. Attorney Nealy Cox", "UN Secretary-General António Guterres said": the
    place or body qualifies a title, and the person the title names speaks."""
    run = _NAME_RUN.match(text, actor.end, end)
    if run is None or run.end() == actor.end:
        return None
    people = [m for m in _mentions_in(mentions, actor.end, run.end()) if m.type == "person"]
    if people:
        return Speaker(people[-1].name, people[-1].start, people[-1].end, "actor")
    words = text[actor.end : run.end()].split()
    titles = [k for k, w in enumerate(words) if w.lower().strip(".") in _TITLE_WORDS]
    name = words[titles[-1] + 1 :] if titles else []
    if 2 <= len(name) <= 4:
        s0 = text.index(name[0], actor.end)
        e0 = s0 + len(" ".join(name))
        if text[s0:e0] == " ".join(name):
            return Speaker(text[s0:e0], s0, e0, "phrase")
    return None


#: Titles and roles before a name ("Attorney", "Secretary-General", "Sen."): the lexicon's.
_TITLE_WORDS = TITLES | ROLES


#: Introductory phrases before a clause's subject: "On Monday, ", "In an interview, ".
INTRO = re.compile(
    r"(?:(?:On|In|At|During|After|Before|Since|As|When|While|Speaking|Asked|Earlier|Later|"
    r"Meanwhile|However|But|And|So|Still|Yet|Then|Now|Last|This|Also|Instead|Indeed|Separately|"
    r"Today|Yesterday|Friday|Monday|Tuesday|Wednesday|Thursday|Saturday|Sunday|[A-Z][a-z]+ing)"
    r"\b(?:[^,.;:]{0,80},\s+(?=[a-z]))?[^,.;:]{0,80},\s*"
    r"|(?:But|And|So|Yet|Still|Then|Now|Also)\s+)+"
)
#: What a group that speaks for someone is called: "Sanders’ campaign", "Trump's lawyers".
GROUP_NOUNS = (
    "campaign|team|office|aides|advisers|advisors|allies|staff|lawyers|attorneys|spokesman|"
    "spokeswoman|spokesperson|spokespeople|representatives|camp|administration|supporters|"
    "surrogates|associates|family|government|foundation|website|statement|email|emails|letter|"
    "memo|report|tweet|account|officials|sources|spokesmen|leaders|leadership|operatives|"
    "executives|voters|members|economists|experts|critics|supporters|analysts|lawmakers|"
    "donors|activists|delegates|protesters|strategists|allies"
)
#: A lower-case word before a name that is no title or determiner: the name is not the
#: subject ("demonstrators marched through Center City").
_CONTENT_WORD = re.compile(
    r"\b(?!(?:the|a|an|former|late|then|new|top|senior|outgoing|incoming|of|for|and|at|"
    r"said|says)\b)[a-z][a-z-]{2,}\b"
)
_ROLE_AFTER = re.compile(rf"\s+(?:{ROLE_NOUNS})\b")
#: Capitalised words that go on a name: "U.S.| District Court", "Democrat| Hillary Clinton".
_NAME_RUN = re.compile(r"(?:\s+[A-Z][\w.'’-]*)*")
#: A wire dateline that opens an article: "PARIS, Aug 31 (Reuters) - ", "Washington (AFP) – ".
_DATELINE = re.compile(
    r"\s*(?:[A-Z][A-Za-z0-9.,'’/ -]{0,60}?\s*)?\([A-Z][A-Za-z.&' ]{1,30}\)\s*[-–—]+\s*"
    r"|\s*[A-Z]{3,}(?:[ ,.]+[A-Z]{2,})*\.?\s+[-–—]+\s*"
)
#: A role after a possessive, then a comma: "France’s| far-right National Front party leader, ".
_POSSESSED_ROLE = re.compile(rf"(?:['’]s?)?\s+(?:[\w-]+\s+){{0,5}}(?:{ROLE_NOUNS}),\s+", re.I)
#: A time or place phrase after an introduction's place: "…, Iowa, on Sunday, ".
_LATE_INTRO = re.compile(
    r"(?:on|in|at|last|this|earlier|later|during|after|before)\b[^,.;:]{0,60},\s*"
)
_GROUP_PHRASE = re.compile(
    rf"(?:[Tt]he\s+|[Aa]\s+|[Aa]n\s+)?((?:[A-Z][\w.'’-]*\s+)*[A-Z][\w.'’-]*(?:['’]s?)?\s+"
    rf"(?:[a-z-]+\s+)?(?:{GROUP_NOUNS}))"
)
_DESCRIPTIONS = (
    frozenset(ROLE_NOUNS.split("|"))
    | frozenset(GROUP_NOUNS.split("|"))
    | {
        "nominee",
        "nominees",
        "candidate",
        "candidates",
        "front-runner",
        "frontrunner",
        "hopeful",
        "hopefuls",
        "challenger",
        "incumbent",
        "lawmaker",
        "member",
        "pollster",
        "establishment",
        "congressman",
        "congresswoman",
        "representative",
        "rival",
        "strategist",
        "insider",
        "insiders",
        "contender",
        "contenders",
        "loyalist",
        "loyalists",
        "figures",
        "senators",
        "governors",
    }
)
_GROUP_AFTER = re.compile(rf"['’]s?\s+((?:[a-z-]+\s+){{0,2}}(?:{GROUP_NOUNS}))\b")


def clause_subject(
    text: str,
    start: int,
    end: int,
    mentions: list[Mention],
    roles: Roles,
    last_speaker: tuple[str, int] | None = None,
) -> Speaker | None:
    """The subject of the clause opening at ``start`` — whoever a participle or an elided
    subject later in it speaks for ("Trump attacked Obama, calling him …": Trump; "A spokesman
    for Platte River declined to comment but said …": the spokesman). Introductory phrases
    ("In an interview on Monday, ") are skipped; a pronoun there is resolved."""
    dateline = _DATELINE.match(text, start, end)  # "PARIS, Aug 31 (Reuters) - ": no subject
    s0 = dateline.end() if dateline else start
    intro = INTRO.match(text, s0, end)
    s0 = intro.end() if intro else s0
    while s0 < end and text[s0] in " \"“‘'":
        s0 += 1
    pron = re.match(r"([Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Ww]e)\b", text[s0:end])
    if pron:
        word = pron.group(1)
        who = resolve_pronoun(word, s0, mentions, last_speaker, text)
        return Speaker(who, s0, s0 + len(word), "pronoun")
    for m in _mentions_in(mentions, s0, end):
        if m.type == "place" and text.startswith(",", m.end) and m.start >= s0:
            # "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush": the
            # place ends the introduction; the subject comes after it
            s0 = m.end + 1
            while s0 < end and text[s0] == " ":
                s0 += 1
            when = _LATE_INTRO.match(text, s0, end)  # "…, Iowa, on Sunday, Mrs. Clinton"
            s0 = when.end() if when else s0
            continue
        if m.start < s0:
            continue
        lead = text[s0 : m.start]
        if "," in lead or len(lead.split()) > 6 or _CONTENT_WORD.search(lead):
            break  # "Hundreds of demonstrators marched through Center City": not the city
        run = _NAME_RUN.match(text, m.end, end)
        run_end = run.end() if run is not None else m.end
        later = [n for n in _mentions_in(mentions, m.end, run_end) if n.type == "person"]
        if later and not m.possessive:
            # "U.S. District Judge James C. Cacheris", "Democrat Hillary Clinton": the place or
            # the party qualifies the person the name run ends with
            m = later[-1]
            return Speaker(m.name, m.start, m.end, "actor")
        role = _ROLE_AFTER.match(text, run_end, end)
        if role is not None:  # "The Tory leader": a role, resolved as roles are
            return speaker_in(text, s0, role.end(), mentions, role.end(), roles, last_speaker)
        described = None if m.possessive else described_after(text, m.end, end)
        if m.type == "organisation" and described is not None:
            # "a top GOP strategist said", "Other Republicans": who the text describes
            return Speaker(text[m.start : described], m.start, described, "phrase")
        if m.possessive:
            group = _GROUP_AFTER.match(text, m.end, end)
            role = _POSSESSED_ROLE.match(text, m.end, end)
            named = [n for n in mentions if role is not None and n.start == role.end()]
            if named and named[0].type == "person":
                # "France’s far-right National Front party leader, Marine Le Pen, voiced": the
                # name in apposition to the role
                return Speaker(named[0].name, named[0].start, named[0].end, "actor")
            if group is None:
                continue  # "Trump's plan is …": the plan is the subject
            return Speaker(text[m.start : group.end()], m.start, group.end(), "phrase")
        return as_named(m, Speaker(m.name, m.start, m.end, "actor"))
    return None


def _head_nouns() -> frozenset[str]:
    from reader.analysis.gazetteer import lexicon

    words: set[str] = set(ROLE_NOUNS.split("|")) | set(GROUP_NOUNS.split("|"))
    words |= _DESCRIPTIONS | _BODY_NOUNS | _ORGANISATION_NOUNS | _ORGANISATIONS_NOUNS
    for key in ("roles", "organisation_words", "place_words"):
        words.update(lexicon()[key])
    words.update(w + "s" for w in list(words) if not w.endswith("s"))
    return frozenset(words)


_HEAD_NOUNS = _head_nouns()
#: Words that end a subject's noun phrase: the verb phrase or a new clause has begun.
_CLAUSE_BREAK = frozenset(
    [
        "can",
        "could",
        "be",
        "been",
        "will",
        "would",
        "shall",
        "should",
        "may",
        "might",
        "must",
        "has",
        "have",
        "had",
        "is",
        "was",
        "are",
        "were",
        "that",
        "and",
        "but",
        "or",
        "about",
        "who",
        "which",
        "whose",
        "while",
        "when",
        "because",
        "if",
        "than",
    ]
)

_PREPOSITIONS = frozenset(
    [
        "of",
        "for",
        "from",
        "to",
        "in",
        "at",
        "with",
        "on",
        "by",
        "involved",
        "familiar",
        "close",
        "near",
        "inside",
        "within",
    ]
)
_ARTICLES = frozenset(["the", "a", "an", "his", "her", "its", "their", "our"])


def _bounded(np: str) -> str:
    """A description cut where the verb phrase starts: "the president noted that he …, and
    (added)" is "the president", "the email goes on to (say)" "the email"; a phrase after the
    last head noun stays ("the former secretary of state", "a source familiar with the ad").
    The result is a prefix of ``np``."""
    spans = [m.span() for m in re.finditer(r"\S+", np)]
    ws = [np[a:b] for a, b in spans]
    words = [w.lower().strip(",.;:’'") for w in ws]
    stop = next(
        (
            i
            for i, lw in enumerate(words)
            if lw in _CLAUSE_BREAK and (lw != "and" or ws[i - 1].endswith(","))
        ),
        len(ws),
    )
    head = max((i for i in range(stop) if words[i] in _HEAD_NOUNS), default=None)
    if head is None:
        return np
    cut = stop
    in_phrase = False
    for i in range(head + 1, stop):
        if words[i] in _PREPOSITIONS:
            in_phrase = True
        elif ws[i][:1].isupper():
            continue
        elif not in_phrase or (words[i].endswith("ed") and words[i - 1] not in _ARTICLES):
            cut = i
            break
    return np if cut == len(ws) else np[: spans[cut - 1][1]].rstrip(",")


def _as_written(phrase: str) -> str:
    """A speaker known by description, as a reader would name it: "Analysts say" opening a
    sentence is "analysts", the same speakers as "…, analysts said". A phrase with a name in
    it keeps its capitals ("Ministry of Defence lawyers", "Premier League spokesman")."""
    first, _, rest = phrase.partition(" ")
    lower = first.lower()
    if (
        first[:1].isupper()
        and not first.isupper()
        and (not rest or rest.islower())
        and (_ROLE_HEAD.fullmatch(lower) or _ROLE_HEAD.fullmatch(lower.removesuffix("s")))
    ):
        return lower + phrase[len(first) :]
    return phrase


#: Roles that name the person an article is about, not a new voice (unlike "spokesman").
_LEADING_ROLES = {
    "leader",
    "boss",
    "manager",
    "coach",
    "chairman",
    "chairwoman",
    "president",
    "minister",
    "secretary",
    "chief",
    "executive",
    "striker",
    "player",
    "star",
    "singer",
    "actor",
    "actress",
    "chancellor",
    "premier",
}
_PERSON_ROLES = (
    "spokesman|spokeswoman|spokesperson|minister|secretary|president|ambassador|envoy|chairman|"
    "chairwoman|executive|director|analyst|economist|lawyer|adviser|advisor|aide|leader|chief|"
    "boss|prosecutor|judge|diplomat|governor|mayor|manager|coach|dj|presenter|singer|star|actor|"
    "actress|producer|striker|chancellor|premier|commissioner|senator|ceo"
)


def _placed_elsewhere(text: str, np: str, at: int, mentions: list[Mention], person: str) -> bool:
    """Whether a role qualified by a place ("the Florida senator") names someone other than
    ``person``: the place is not written beside any mention of them before ``at``."""
    words = np.split()
    if len(words) < 3 or not words[1][:1].isupper():
        return False
    place = next((m for m in mentions if at <= m.start < at + len(np)), None)
    if place is None or place.type not in ("place", "country"):
        return False
    near = [
        text[max(0, m.start - 40) : m.end + 40]
        for m in mentions
        if m.name == person and m.start < at
    ]
    return not any(place.alias in window or place.name in window for window in near)


def role_people(text: str, mentions: list[Mention]) -> Roles:
    """Role nouns written just before a named person ("spokesman Ned Price") → where, and who."""
    out: Roles = {}
    for m in mentions:
        if m.type != "person":
            continue
        before = text[max(0, m.start - 40) : m.start]
        role = re.search(rf"\b({_PERSON_ROLES})\b[\s,]*$", before, re.I)
        if role:
            out.setdefault(role.group(1).lower(), []).append((m.start, m.name))
    return out


def role_person(roles: Roles, key: str, at: int) -> str | None:
    """The person last named with this role before ``at`` ("Senator Charles Schumer … the
    senator said"); not one named later in the article."""
    named = [name for start, name in roles.get(key, ()) if start < at]
    return named[-1] if named else None


_BARE_NOUN = re.compile(r"[a-z][a-z-]{2,}")


#: A pair named by its number: "the two leaders", "both countries".
_THE_TWO = re.compile(
    r"(?:[Tt]he\s+)?(?:two|both)\s+(?:leaders|presidents|prime ministers|ministers|men|women|"
    r"countries|governments|sides|candidates|nominees|senators|parties|companies)"
)
#: Two names joined by "and": "Putin and Xi", "China and Russia".
_PAIR = re.compile(
    r"\b([A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,2}) and ([A-Z][\w.’'-]+(?: [A-Z][\w.’'-]+){0,2})\b"
)


def whose(text: str, speaker: Speaker) -> str | None:
    """A speaker that is a document or body named only by its noun ("the statement read",
    "The plan also condemned") as the article named it before: "Beijing’s statement",
    "China’s plan"; a pair named by its number ("the two leaders") as the pair the article
    named just before ("Putin and Xi"); else its name as found."""
    name = speaker.name
    if name is not None and speaker.start is not None and _THE_TWO.fullmatch(name):
        # "Putin and Xi met in Beijing … At the time, the two leaders had declared": the pair
        pairs = list(_PAIR.finditer(text, max(0, speaker.start - 400), speaker.start))
        return f"{pairs[-1].group(1)} and {pairs[-1].group(2)}" if pairs else name
    if name is None or speaker.start is None or not _BARE_NOUN.fullmatch(name):
        return name
    if not re.search(r"\b[Tt]he\s+$", text[max(0, speaker.start - 8) : speaker.start]):
        return name
    named = re.finditer(
        rf"\b([A-Z][\w.-]*(?: [A-Z][\w.-]*){{0,3}})([’'])s (?:[a-z-]+ )?{re.escape(name)}\b",
        text[: speaker.start],
    )
    last = list(named)
    owned = last[-1] if last else None  # the last before the speaker
    if owned is None or owned.group(1).lower() in ("the", "a", "an"):
        return name
    return f"{owned.group(1)}{owned.group(2)}s {name}"
