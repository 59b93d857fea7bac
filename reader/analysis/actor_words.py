"""Word lists and patterns the actor finder reads: the lexicon's lists (``resources/lexicon.json``,
which users may extend) and the fixed cues of names — clubs, companies, works, dates, team sheets.
Built once per process; the finder tests against them thousands of times per article."""

from __future__ import annotations

import re

from reader.analysis.gazetteer import lexicon


def _words(key: str) -> frozenset[str]:
    return frozenset(lexicon()[key])


FUNCTION_WORDS = _words("function_words")
MONTHS_DAYS = _words("months_days")
#: Capitalised words that precede a person's name (kept out of the name's span).
TITLES = _words("titles")
#: Lower-case role nouns that precede a name ("spokesman Ned Price", "analyst Jane Roe").
ROLES = _words("roles")
ORG_WORDS = _words("organisation_words")
PLACE_WORDS = _words("place_words")
#: "Carson, Calif.": the state after a town, as US news writes it.
STATE_ABBREVIATIONS = _words("state_abbreviations")
#: Prepositions before a town that a state or country then follows ("in Carson, Calif.").
LOCATIVES = frozenset({"in", "at", "near", "outside", "from", "around"})
#: Words that make a capitalised run an event, a law or a work rather than an actor.
EVENT_WORDS = _words("event_words")
#: Capitalised abbreviations that are not actors (GDP, HDTV), exact case.
NOT_NAMES = _words("not_names")
CONNECTORS = {
    "of",
    "for",
    "and",
    "de",
    "da",
    "di",
    "van",
    "von",
    "der",
    "du",
    "la",
    "le",
    "al",
    "bin",
    "the",
}


NUMBER_WORDS = {"two", "three", "four", "five", "six", "tri", "seven", "eight"}
ROMAN = re.compile(r"[IVXLC]{2,}")
POSSESSIVE = re.compile(r"^(.+?)(['’]s?)$")


BRACKETED_ACRONYM = re.compile(r" \(([A-Z]{2,6})s?\)")
COMMON_WORDS_BEFORE = re.compile(r"\b[a-z][a-z-]+(?: [a-z][a-z-]+){1,5}$")
LINE_BREAK = re.compile(r"\n\s*")
#: Marks after which the next word opens a phrase of its own.
OPENERS = {'"', "“", "‘", "•", ":", "(", "-", "–", "—"}
NATIONALITIES = _words("nationalities_and_role_adjectives")
#: Of those, the ones that name a people ("American", "Irish"), not a party or a body.
DEMONYMS = NATIONALITIES - {
    "conservative",
    "council",
    "defence",
    "defense",
    "democrat",
    "democratic",
    "eastern",
    "foreign",
    "house",
    "interior",
    "labour",
    "liberal",
    "national",
    "north",
    "republican",
    "security",
    "south",
    "state",
    "tory",
    "uk",
    "un",
    "us",
    "eu",
    "western",
    "white",
}


#: Roles that follow an organisation's name ("Chelsea boss", "Telewest chief executive").
ORG_ROLES = {
    "boss",
    "chairman",
    "chairwoman",
    "manager",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chief",
    "director",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "coach",
    "shares",
    "executives",
    "president",
    "founder",
}
#: Words that end a football club's name. "City", "Town" and "County" also end places'.
CLUB_ONLY_SUFFIXES = {
    "United",
    "Utd",
    "Rovers",
    "Athletic",
    "Wanderers",
    "Albion",
    "Hotspur",
    "Rangers",
    "Argyle",
    "Thistle",
    "Celtic",
    "Villa",
    "Orient",
    "Alexandra",
    "Academicals",
}
CLUB_SUFFIXES = CLUB_ONLY_SUFFIXES | {"City", "Town", "County"}
#: A company's name ends in one of these; its first word alone then names it.
CORPORATE_WORDS = {
    "corporation",
    "corp",
    "inc",
    "plc",
    "ltd",
    "holdings",
    "group",
    "motors",
    "airways",
    "airlines",
    "industries",
    "electronics",
    "communications",
    "networks",
    "technologies",
    "systems",
    "software",
    "pharmaceuticals",
    "petroleum",
    "telecom",
    "entertainment",
}
#: Word endings of company names: "Microsystems", "SpeechWorks", "Infotech", "Genentech".
#: Words that end an organisation's name, of either kind.
ORGANISATION_NAME_WORDS = ORG_WORDS | CORPORATE_WORDS
CORPORATE_ENDING = re.compile(r"..(?:systems|soft|works|tronics|tech|ware|labs|com|comm)$")
SPORT_WORDS = re.compile(
    r"\b(?:goals?|striker|midfielder|defender|goalkeeper|league|cup|replay|match|matches|"
    r"fixtures?|season|scored|penalty|kick-off|squad|manager|football|rugby|cricket|players)\b"
)
#: What follows a team's name ("Exeter had chances", "Chelsea beat Portsmouth", "Arsenal boss").
CLUB_AFTER = (
    "beat|beats|drew|draw|lost|lose|won|win|host|hosts|visit|visits|had chances|began|"
    "created|scored|equalised|led|trailed|v|vs|boss|manager|striker|midfielder|defender|"
    "goalkeeper|keeper|winger|coach|fans|supporters|squad|chairman|captain|player|players|"
    "tight-head|loose-head|prop|hooker|flanker|fly-half|scrum-half|full-back|lock|centre|"
    r"\d+-\d+"
)
#: What comes before one ("beat Portsmouth", "a home tie with Middlesbrough", "v Chelsea").
CLUB_BEFORE = (
    "beat|beating|v|vs|against|drew with|draw with|tie with|lost to|losing to|defeat to|"
    "win over|victory over|joined|join|signed for|sign for|move to|loan to|loan at|play|"
    "plays|face|faces|facing|host|hosts|visit|visits|edging past|edged past|knocked out|"
    r"signed \w+ from|signed for|joined from|moved from|left"
)
ORG_CUES = _words("organisation_cues")
PERSON_OR_ORG_CUES = {
    "maker",
    "makers",
    "developer",
    "developers",
    "publisher",
    "publishers",
    "broker",
    "brokers",
}
#: "a division of ScanSoft", "owner of the Tampa Bay Buccaneers" (with "of" between).
PART_OF = {"division", "subsidiary", "unit", "arm", "owner", "owners", "parent", "shareholders"}
#: Letters after a name that are not part of it.
POST_NOMINALS = {"MP", "MEP", "MSP", "AM", "QC", "KC", "OBE", "CBE", "MBE", "KBE", "PhD", "Jr"}
#: A capital inside a word that is not a name's prefix ("McManus", "DiCaprio"): a brand.
CAMEL = re.compile(
    r"(?!Mc|Mac|De|Di|Du|La|Le|Van|Von|O')(?:[A-Z][a-z]+[A-Z][A-Za-z]*|[A-Z]+[a-z]+[A-Z][a-z]*[A-Z]?)"
)
#: Title words that name a remit, not a person's rank: "Private Finance Initiative".
PORTFOLIOS = {
    "finance",
    "foreign",
    "home",
    "defence",
    "defense",
    "health",
    "trade",
    "interior",
    "state",
    "deputy",
    "vice",
    "prime",
    "crown",
    "justice",
    "chief",
    "executive",
}
#: "Santa Monica-based", "state-owned", "Glasgow-born": what follows is the actor.
MODIFIER = re.compile(r"-(based|owned|born|listed|run|controlled|headquartered)$", re.I)
NAME_WORD = re.compile(r"[A-Z][a-z'’-]+|[A-Z]\.?|(?:[A-Z]\.){2,3}|Mc[A-Z][a-z]+|O'[A-Z][a-z]+")
#: Words around a title of a work: "the film Ray", "her single Hey Mama", "Top Gear presenter".
WORK_BEFORE = {
    # only nouns: "play", "show", "title" or "hit" before a name are as often verbs or
    # other things ("will play Cyril Saulnier", "title rivals Arsenal")
    "film",
    "movie",
    "song",
    "single",
    "album",
    "track",
    "musical",
    "programme",
    "series",
    "sitcom",
    "documentary",
    "novel",
    "anthem",
    "opera",
    "ballad",
}
WORK_AFTER = {"single", "album", "musical", "tour", "soundtrack", "star", "presenter", "host"}
#: Words that name a work only after a determiner: "the show Mary Poppins", "his play Art".
WORK_NOUNS_OR_VERBS = {"show", "play", "game", "video", "book", "drama"}
WORK_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "tv", "hit", "new", "stage"}
#: Roles that only a club has: with them even a sentence's first word is a club's name.
CLUB_ROLES = {"boss", "striker", "midfielder", "defender", "goalkeeper"}
CLUB_VERBS = {"beat", "beats", "drew", "lost", "won", "v", "vs", "thrashed", "edged"}
DATE_WORDS = {
    "in",
    "on",
    "since",
    "until",
    "till",
    "by",
    "from",
    "last",
    "next",
    "early",
    "late",
    "mid",
    "of",
    "this",
    "through",
    "before",
    "after",
    "during",
    "to",
    "every",
    "each",
}
PLACE_PREPOSITIONS = {"in", "at", "from", "near", "to", "outside", "across", "around"}
COMPASS = {
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
}
LIST_ITEM = r"(?:[A-Z]\.? |[A-Z][a-z]+ )?[A-Z][\w'’-]+"  # "Jones", "P Dowd", "Phil Neville"
SUB = rf"(?: \({LIST_ITEM} \d+\))?"  # "Taylor (Martin 89)": a substitute and the minute
NAME_LIST = re.compile(
    rf"(?:(?<=: )|(?<=\n)|^){LIST_ITEM}{SUB}(?:, {LIST_ITEM}{SUB}){{3,}}(?=[,.;\s]|$)"
)


# unions the passes test against thousands of times per article, built once
NOT_NAME_CONTINUATION = TITLES | ROLES | ORG_WORDS | EVENT_WORDS | FUNCTION_WORDS | MONTHS_DAYS
ORG_NOT_EVENT_WORDS = ORG_WORDS - EVENT_WORDS
ORDINARY_OPENERS = (FUNCTION_WORDS | MONTHS_DAYS) - TITLES
INNER_FUNCTION_WORDS = FUNCTION_WORDS - CONNECTORS
ROLE_WORDS = TITLES | NATIONALITIES | {"of", "the"}
NOT_FREQUENT_NAMES = (
    FUNCTION_WORDS | MONTHS_DAYS | TITLES | ROLES | EVENT_WORDS | ORG_WORDS | PLACE_WORDS
)
#: A wire dateline at a line's start: "ELMIRA, N.Y., April 7 -", "LONDON, March 3 -".
DATELINE = re.compile(
    r"(?m)^([A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}),\s+(?:([A-Z][A-Za-z.]*\.?"
    r"(?: [A-Z][A-Za-z.]*\.?)?),\s+)?(?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|"
    r"Dec)[a-z]*\.?\s+\d{1,2}\s+-"
)
#: First words that never name a company alone: "American" of American Airlines, "General" of
#: General Motors, "The".
NOT_SHORT_NAMES = FUNCTION_WORDS | NATIONALITIES | TITLES | ROLES
#: Titles followed by a given name, not a surname: "Sir Digby", "Prince Saud".
GIVEN_NAME_TITLES = {"sir", "dame", "prince", "princess", "king", "queen", "lady", "sheikh"}
