"""Actors: who and what an article is about — people, organisations, countries and places.

Mentions come from the gazetteer (longest match first), then from the shape of the text: a title
before a name ("Foreign Minister Wang Yi", "Mr Kirby"), a role noun ("spokesman Ned Price"),
organisation words ("… Bank", "Ministry of …"), acronyms, and runs of capitalised words. Within
an article a surname, or a title and a surname, after a full name is the same actor.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace

from reader.analysis import actor_words as lex
from reader.analysis import ner
from reader.analysis.gazetteer import Gazetteer, first_names, town_names
from reader.analysis.segment import Token, sentences, tokens


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str  # canonical
    type: str  # person / organisation / country / place
    alias: str  # as written
    how: str  # gazetteer / title / role / pattern / acronym / coreference
    description: str | None = None
    possessive: bool = False  # "Benitez's plans": mentioned, not the subject


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper()  # an upper-case character is a letter


def _is_acronym(text: str) -> bool:
    if lex.ROMAN.fullmatch(text):
        return False  # "the starting XV", "World War II"
    letters = text.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()


def _split_possessive(toks: list[Token]) -> list[Token]:
    out = []
    for t in toks:
        if not t.text.endswith(("'", "’", "'s", "’s")):
            out.append(t)
            continue
        m = lex.POSSESSIVE.match(t.text)
        if m and (
            (len(m.group(1)) > 1 and m.group(1)[-1].isalpha()) or m.group(1)[-1].isdigit()
        ):  # "Blair's", "Radio 4's"
            cut = t.start + len(m.group(1))
            out.append(Token(m.group(1), t.start, cut))
            out.append(Token(m.group(2), cut, t.end))
        else:
            out.append(t)
    return out


class _Finder:
    def __init__(self, text: str, gazetteer: Gazetteer) -> None:
        self.text = text
        self.g = gazetteer
        self.toks = _split_possessive(tokens(text))
        self.initial = self._initial_tokens()
        self.taken = [False] * len(self.toks)
        self._sporting: bool | None = None
        self.mentions: list[Mention] = []
        self.rejected: dict[int, str] = {}  # token -> why the shape pass named no actor there
        self.title_tokens = self._title_case_tokens()
        self.org_starts: set[int] = set()  # where organisations begin, for the pair rule
        self.surnames: dict[str, tuple[str, str]] = {}  # last name -> (canonical, type)
        self.first_names: dict[str, tuple[str, str]] = {}
        self.local_aliases: dict[tuple[str, ...], tuple[str, str]] = {}
        # "a personal video recorder (PVR)": an abbreviation of common words is not a name
        self.common_abbreviations = {
            m.group(1)
            for m in lex.BRACKETED_ACRONYM.finditer(text)
            if lex.COMMON_WORDS_BEFORE.search(text, max(0, m.start() - 80), m.start())
        }

    def _initial_tokens(self) -> set[int]:
        """Tokens that open a sentence, a line, a quotation, a bullet or what follows a colon:
        there a capital says nothing about a name."""
        toks = self.toks
        if not toks:
            return set()
        starts = [t.start for t in toks]
        initial = {0}
        for s in sentences(self.text):
            k = bisect_left(starts, s.start)
            if k < len(toks) and starts[k] == s.start:
                initial.add(k)
        for line in lex.LINE_BREAK.finditer(self.text):
            initial.add(bisect_left(starts, line.end()))
        initial.update(k + 1 for k, t in enumerate(toks) if t.text in lex.OPENERS)
        return {k for k in initial if k < len(toks)}

    def add(self, i: int, j: int, name: str, type_: str, how: str) -> None:
        start, end = self.toks[i].start, self.toks[j - 1].end
        entry = self.g.entries.get(name)
        self.mentions.append(
            Mention(
                start,
                end,
                name,
                type_,
                self.text[start:end],
                how,
                entry.description if entry else None,
                j < len(self.toks) and self.toks[j].text in {"'s", "’s", "'", "’"},
            )
        )
        if type_ == "organisation":
            self.org_starts.add(start)
            self._remember_short_name(i, j, name, how)
        for k in range(i, j):
            self.taken[k] = True
        if type_ == "person":
            # the family name: last in "Vladimir Putin", first in "Wang Yi" — both are remembered,
            # the last one first, so a later lone "Putin" or "Wang" is the same person
            self.surnames.setdefault(self.toks[j - 1].text, (name, type_))
            if j - i == 2 and self.toks[i].text.lower() not in lex.FUNCTION_WORDS:
                self.first_names.setdefault(self.toks[i].text, (name, type_))

    def _remember_short_name(self, i: int, j: int, name: str, how: str) -> None:
        """The word that names an organisation on its own later in the article: a club's
        last ("Manchester United", then "United"), a company's first ("Sun Microsystems",
        "Baikal Finance Group", then "Sun", "Baikal"). The gazetteer lists the short names of
        the companies it knows as aliases, so only names found by their shape get one here."""
        if j - i < 2:
            return
        first, last = self.toks[i].text, self.toks[j - 1].text
        if last in lex.CLUB_ONLY_SUFFIXES:
            self.local_aliases.setdefault((last,), (name, "organisation"))
        elif (
            how == "pattern"
            and j - i <= 3
            and (last.lower() in lex.CORPORATE_WORDS or lex.CORPORATE_ENDING.search(last.lower()))
            and first.lower() not in lex.NOT_SHORT_NAMES  # not "American", "General", "The"
            and not self.g.lookup((first,))
        ):
            self.local_aliases.setdefault((first,), (name, "organisation"))

    # -- passes ------------------------------------------------------------------------------
    def gazetteer_pass(self) -> None:
        toks = self.toks
        local_from: dict[str, int] = {}
        for key in self.local_aliases:
            local_from[key[0]] = max(local_from.get(key[0], 0), len(key))
        spans_from = self.g.spans_from
        # only tokens that can open a known name are looked at (most tokens cannot)
        starts = [k for k, t in enumerate(toks) if t.text in spans_from or t.text in local_from]
        resume = 0  # the first token after the last match
        for i in starts:
            if i < resume:
                continue
            hit = None
            head = toks[i].text
            most = max(spans_from.get(head, 0), local_from.get(head, 0))
            for n in range(min(most, len(toks) - i), 0, -1):
                key = tuple(t.text for t in toks[i : i + n])
                found = self.g.lookup(key) or self.local_aliases.get(key)
                if found and not (
                    n == 1 and key[0].lower() in lex.FUNCTION_WORDS and not key[0].isupper()
                ):
                    hit = (n, found)
                    break
            if hit is None or any(self.taken[i : i + hit[0]]):
                continue
            n, (name, type_) = hit
            if n == 1 and i in self.initial and not _is_cap(toks[i]):
                continue
            if (
                self._inside_longer_name(i)
                or (
                    n == 1
                    and type_ == "place"
                    and (self._before_name(i) or toks[i].text in self.surnames)
                )
                or (n == 1 and type_ == "country" and self._organisation_follows(i))
                or (type_ in ("place", "country") and self._numbered(i + n))
                or (type_ == "organisation" and self._name_goes_on(i + n))
            ):
                continue  # "National Security Council", "Milan Baros": the shape pass decides
            first = i
            if type_ == "organisation":
                name = self._owned_body(i, name)
            if type_ == "person":  # "President Xi", "Mr Putin": the name is the span
                while first < i + n - 1 and toks[first].text.lower().rstrip(".") in lex.TITLES:
                    first += 1
            self.add(first, i + n, name, type_, "gazetteer")
            resume = i + n

    def _owned_body(self, i: int, name: str) -> str:
        """ "Russia's Security Council" is Russia's, not the UN's: a body the gazetteer files
        under the United Nations, named after a country's possessive and not as the UN's, is
        that country's ("Security Council of Russia")."""
        body = name.removeprefix("UN ").removeprefix("United Nations ")
        if body == name or self.toks[i].text in ("UN", "U.N.", "United"):
            return name  # not the UN's, or "Russia's UN Security Council veto": named as the UN's
        at = self.toks[i].start
        owner = _OWNER_BEFORE.search(self.text, max(0, at - 40), at)
        found = self.g.lookup((owner.group(1),)) if owner is not None else None
        return f"{body} of {found[0]}" if found is not None and found[1] == "country" else name

    def _numbered(self, k: int) -> bool:
        """ "Minsk I and Minsk II", "Oslo II": a place with a number names an agreement or an
        event, not the place."""
        toks = self.toks
        if k >= len(toks) or self.text[toks[k - 1].end : toks[k].start] != " ":
            return False
        if toks[k].text == "I":  # "In Minsk I met him": the pronoun
            return re.match(r"\s*(?:[,.;)]|and\b|or\b|$)", self.text[toks[k].end :]) is not None
        return toks[k].text in {"II", "III", "IV"}

    def _inside_longer_name(self, i: int) -> bool:
        """A capitalised unknown word before ``i`` makes the match part of a longer name."""
        if i == 0 or i in self.initial or self.taken[i - 1] or i in self.title_tokens:
            return False  # in a Title Case line every word is capitalised
        prev = self.toks[i - 1]
        if i - 1 in self.initial and prev.text.lower() in lex.FUNCTION_WORDS:
            return False  # "The US economy": an ordinary word opens the sentence
        if prev.text in {"of", "for"} and i >= 2 and not self.taken[i - 2]:
            # "Muslim Council of Britain", "Bank of England": an organisation's name goes on
            before = self.toks[i - 2]
            gap = self.text[before.end : prev.start] + self.text[prev.end : self.toks[i].start]
            return gap == "  " and (
                before.text.lower() in lex.ORG_WORDS or before.text in _FEATURES
            )
        return (
            _is_cap(prev)
            and not self.g.lookup((prev.text,))
            and prev.text.lower() not in lex.TITLES
        )

    def _name_goes_on(self, k: int) -> bool:
        """Capitalised words after a known organisation that make a longer one: "Sony
        Pictures", "JP Morgan Chase Bank". A product ("Microsoft Windows") or a sponsored
        event ("Pepsi Viewers Choice Award") keeps the known name."""
        toks = self.toks
        end = k
        while (
            end < len(toks)
            and end - k < 5
            and _is_cap(toks[end])
            and self.text[toks[end - 1].end : toks[end].start] == " "
        ):
            word = toks[end].text.lower()
            if word in lex.ORGANISATION_NAME_WORDS:
                return word not in lex.TITLES
            end += 1
        return False

    def _organisation_follows(self, i: int) -> bool:
        """ "Japan Airlines", "Russia Today"-like names: a country, then an organisation word."""
        if i + 1 >= len(self.toks):
            return False
        nxt = self.toks[i + 1]
        return (
            self.text[self.toks[i].end : nxt.start] == " "
            and nxt.text[:1].isupper()
            and not nxt.text.isupper()  # "US TV network": the country, then a noun
            and nxt.text not in self.g.spans_from  # "US Securities and Exchange Commission"
            and nxt.text.lower() in lex.ORGANISATION_NAME_WORDS - lex.EVENT_WORDS
        )

    def _before_name(self, i: int) -> bool:
        """A city name directly followed by an unknown capitalised word opens a longer name."""
        if i + 1 >= len(self.toks):
            return False
        nxt = self.toks[i + 1]
        gap = self.text[self.toks[i].end : nxt.start]
        lower = nxt.text.lower()
        if gap == " " and (nxt.text in lex.CLUB_SUFFIXES or lower in lex.ORG_NOT_EVENT_WORDS):
            return True  # "Manchester United", "Cambridge University": named by the shape pass
        return (
            gap == " "
            and _is_cap(nxt)
            and not nxt.text.isupper()
            and not self.g.lookup((nxt.text,))
            and lower not in lex.NOT_NAME_CONTINUATION
        )

    def _run(self, i: int) -> int:
        """End of the run of capitalised words (with inner connectors) starting at ``i``."""
        toks = self.toks
        j = i
        while j < len(toks) and not self.taken[j]:
            t = toks[j]
            if _is_cap(t) or (
                t.text in lex.CONNECTORS
                and j > i
                and j + 1 < len(toks)
                and _is_cap(toks[j + 1])
                and not self.taken[j + 1]
                and toks[j].text != "and"
            ):
                j += 1
            else:
                break
            # a run does not cross punctuation or a line
            gap = self.text[toks[j - 1].end : toks[j].start] if j < len(toks) else ""
            if gap == ". " and len(toks[j - 1].text) == 1 and toks[j - 1].text.isupper():
                continue  # a middle initial: "Lawrence H. Summers"
            if gap.strip() or "\n" in gap:
                break
        while j > i and toks[j - 1].text in lex.CONNECTORS:
            j -= 1
        return j

    def shape_pass(self) -> None:
        toks = self.toks
        capitals = [k for k, t in enumerate(toks) if t.text[:1].isupper()]
        resume = 0
        for i in capitals:
            if i < resume or self.taken[i] or not _is_cap(toks[i]):
                continue
            j = self._run(i)
            if j == i:
                continue
            if i in self.title_tokens:
                self._no(i, j, "title case")  # read after the body: title_line_pass
                resume = j
                continue
            self._classify(i, j)
            for k in range(i, j):
                if not self.taken[k]:
                    self.rejected.setdefault(k, "unclassified")
            resume = j

    def _title_case_tokens(self) -> set[int]:
        """Tokens of lines set in Title Case ("Carly Fiorina Endorses Ted Cruz: I Am
        ‘Horrified’ By Donald Trump"): there every word is capitalised, so a run of capitals
        says nothing about where a name starts or ends."""
        out: set[int] = set()
        starts = [t.start for t in self.toks]
        for line in re.finditer(r"[^\n]+", self.text):
            words = re.findall(r"[^\W\d_][\w’'-]*", line.group())
            long = [w for w in words if len(w) > 3]
            if not 4 <= len(words) <= 20 or len(long) < 3 or line.group().isupper():
                continue
            if re.search(r"[.!?]\s+\S", line.group()):
                continue  # more than one sentence: prose
            if re.search(r"(?<![\w.])\d+(?![\w.])", line.group()):
                continue  # "Manchester United 3 Aston Villa 1": a result, not a headline
            if sum(w[:1].isupper() for w in long) >= 0.9 * len(long):
                out.update(
                    range(bisect_left(starts, line.start()), bisect_left(starts, line.end()))
                )
        return out

    def title_line_pass(self) -> None:
        """In Title Case lines, the names the body gave in full: "Ted Cruz", "Carly Fiorina"
        (single words are found by the coreference pass, as surnames and short names)."""
        if not self.title_tokens:
            return
        known = {
            tuple(t.text for t in self.toks[i:j]): (m.name, m.type)
            for m in self.mentions
            for i, j in [self._token_range(m)]
            if j - i > 1
        }
        most = max((len(k) for k in known), default=0)
        for i in sorted(self.title_tokens):
            if self.taken[i]:
                continue
            for n in range(min(most, len(self.toks) - i), 1, -1):
                hit = known.get(tuple(t.text for t in self.toks[i : i + n]))
                if hit and not any(self.taken[i : i + n]):
                    self.add(i, i + n, hit[0], hit[1], "coreference")
                    break

    def _token_range(self, m: Mention) -> tuple[int, int]:
        starts = [t.start for t in self.toks]
        return bisect_left(starts, m.start), bisect_left(starts, m.end)

    def _no(self, i: int, j: int, why: str) -> None:
        """Remember why a run of capitals is no actor ("event", "work", "heading", "role"…):
        the learned tagger reads it as a feature."""
        for k in range(i, j):
            if not self.taken[k]:
                self.rejected.setdefault(k, why)

    def _classify(self, i: int, j: int) -> None:
        toks = self.toks
        words = [t.text for t in toks[i:j]]
        lower = [w.lower().rstrip(".") for w in words]
        # drop an ordinary word that opens the sentence ("But Moscow", "The Kremlin")
        if i in self.initial and lower[0] in lex.ORDINARY_OPENERS:
            if j - i == 1:
                return
            self._classify_inner(i + 1, j)
            return
        self._classify_inner(i, j)

    def _classify_inner(self, i: int, j: int) -> None:
        toks = self.toks
        words = [t.text for t in toks[i:j]]
        lower = [w.lower().rstrip(".") for w in words]
        if len(words) >= 3 and words[0] in _FEATURES and words[1] == "of":
            self.add(i, j, " ".join(words), "place", "pattern")  # "Sea of Japan": the sea
            return
        named = 0  # where a name would start, after any titles ("Sgt Mike Friday")
        while named < len(lower) - 1 and lower[named] in lex.TITLES:
            named += 1
        dated = (
            lower[-1] in lex.MONTHS_DAYS
            and not (  # "On Wednesday"; not "Theresa May"
                len(words) - named > 1
                and lower[named] not in lex.FUNCTION_WORDS
                and lower[-1] not in {"christmas", "easter"}
                and _looks_like_person(words[named:])
            )
        )
        if dated or (
            lower[-1] in lex.EVENT_WORDS
            or (
                any(w in lex.EVENT_WORDS for w in lower)
                and not _looks_like_person(words)
                and lower[-1] not in lex.ORG_NOT_EVENT_WORDS  # "House Budget Committee"
            )
        ):
            return self._no(i, j, "event")
        if lower[-1] == "nations" and lower[0] in lex.NUMBER_WORDS:
            return self._no(i, j, "event")  # "Six Nations", "Tri Nations": a tournament
        if words[0][:1].islower():  # "Now the TV set": the dropped opener left a connector
            if j - i > 1:
                self._classify_inner(i + 1, j)
            return
        if (
            len(words) == 2
            and lower[0] in lex.NATIONALITIES
            and lower[1] not in lex.TITLES
            and lower[1] not in lex.CORPORATE_WORDS
        ):
            return self._no(
                i, j, "adjective"
            )  # "British TV", "European markets": an adjective and a noun; not "US Airways"
        if re.search(r"-[a-z]", words[-1]) and not _SYLLABLE_NAME.fullmatch(words[-1]):
            return self._no(
                i, j, "modifier"
            )  # "Las Vegas-style", "Grammy Award-winning": a modifier, not a name
        modifier = next((k for k, w in enumerate(words[:-1]) if lex.MODIFIER.search(w)), None)
        if modifier is not None:  # "Santa Monica-based Activision", "State-owned Rosneft"
            rest = (i + modifier + 1, j)
            if lex.MODIFIER.search(words[modifier]).group(1) == "born":  # type: ignore[union-attr]
                self._classify_inner(*rest)
            else:
                self._org_with_acronym(*rest)
            return
        if self._work_cue(i, j):
            return self._no(
                i, j, "work"
            )  # "the film The Station Agent", "hit single Hey Mama": a work, not an actor
        if (
            words[0] == "The"
            and i not in self.initial
            and not any(w in lex.ORG_WORDS for w in lower)
        ):
            return self._no(
                i, j, "work"
            )  # "The Right Stuff", "The Great American Songbook": a title
        if len(words) > 1 and any(
            w in lex.INNER_FUNCTION_WORDS and w not in lex.MONTHS_DAYS for w in lower[1:]
        ):
            return self._no(
                i, j, "work"
            )  # "Way You Move", "Dirt Off Your Shoulder": a title of a work
        if (
            i in self.initial
            and len(words) > 1
            and re.fullmatch(r"[A-Z][a-z]+(?:ing|ly)", words[0])
            and words[0].lower() not in first_names()  # "Carly Fiorina", "Sterling Brown"
        ):
            self._classify_inner(i + 1, j)  # "Bringing Cadillac", "Early Elvis"
            return
        if all(w.isupper() for w in words) and (len(words) > 1 or not _is_acronym(words[0])):
            nxt = self.text[toks[j - 1].end : toks[j - 1].end + 2].strip()[:1]
            if i in self.initial and nxt in {"(", ",", "-", "–"}:
                self.add(i, j, " ".join(w.title() for w in words), "place", "dateline")
            return self._no(i, j, "heading")  # a heading or a line in capitals, not a name
        line_start = self.text.rfind("\n", 0, toks[i].start) + 1
        line_end = self.text.find("\n", toks[i].start)
        line = self.text[line_start : line_end if line_end >= 0 else len(self.text)]
        if line.isupper():
            return self._no(i, j, "heading")
        if all(w in lex.ROLE_WORDS for w in lower):
            return self._no(i, j, "role")  # a role with no name ("Chinese Foreign Minister")
        if len(words) > 1 and lower[-1] in lex.DEMONYMS and self._lower_after(j):
            self._classify_inner(i, j - 1)  # "Tampa Bay Buccaneers American football team"
            return
        if len(words) > 1 and words[-1] in lex.POST_NOMINALS:
            self._classify_inner(i, j - 1)  # "Peter Ainsworth MP"
            return
        if self._club(words) or self._org_cue_before(i, words):
            self._org_with_acronym(i, j)  # "Exeter City"; "accountancy firm Grant Thornton"
            return
        head = self.local_aliases.get((words[0],)) or self.g.lookup((words[0],))
        if (
            len(words) > 1
            and head is not None
            and head[1] == "organisation"
            and not _organisation_words(lower)
        ):
            return self._no(
                i, j, "product"
            )  # "Sun Grid", "Microsoft Windows": a company's product, not a person
        split = self._name_after_organisation(words, lower) or self._name_after_title(words, lower)
        if split is not None:  # "Environmental Audit Committee Peter Ainsworth"
            org_end, person_start = split
            if any(w in lex.ORG_WORDS for w in lower[:org_end]):
                self._classify_inner(i, i + org_end)
            self._person(i + person_start, j, "title")
            return
        # titles: peel them off the front; what follows is a person
        k = 0
        while k < len(lower) - 1 and lower[k] in lex.ROLE_WORDS:
            k += 1
        if k and words[k][:1].islower():
            return self._no(
                i, j, "role"
            )  # "Secretary of State for Culture": a role, its remit, no name
        if k and lower[k - 1] in lex.TITLES:
            rest = (i + k, j)
            if "of" in lower[k + 1 :] and lower[k - 1] in {"lord", "lady", "baroness", "baron"}:
                rest = (i + k, i + lower.index("of", k))  # "Lord Faulkner of Worcester"
            if not any(w in lex.ORG_WORDS for w in lower[k:]):
                self._person(*rest, "title")
                return
        if _organisation_words(lower) or (
            len(words) > 1 and lower[0] in {"ministry", "department", "bank", "university"}
        ):
            if len(words) > 1 or lower[0] not in lex.ORG_WORDS:
                self._org_with_acronym(i, j)
            return
        if any(w in lex.PLACE_WORDS for w in lower[1:]) and len(words) > 1:
            self.add(i, j, " ".join(words), "place", "pattern")
            return
        if self._town_in_region(i, j):
            self.add(i, j, " ".join(words), "place", "pattern")
            return
        if len(words) == 1:
            w = words[0]
            known = self.surnames.get(w) or self.first_names.get(w)
            defined = self.local_aliases.get((w,))
            if defined is not None:  # "ISM" after "Institute for Supply Management (ISM)"
                self.add(i, j, defined[0], defined[1], "coreference")
            elif known is not None:
                self.add(i, j, known[0], known[1], "coreference")
            elif lex.CAMEL.fullmatch(w) and w not in lex.NOT_NAMES:
                self.add(i, j, w, "organisation", "pattern")  # "ScanSoft", "PepsiCo", "BSkyB"
            elif self._org_by_context(i):
                self._org_with_acronym(i, j)
            elif _is_acronym(w) and w not in lex.NOT_NAMES and w not in self.common_abbreviations:
                self.add(i, j, w.replace(".", ""), "organisation", "acronym")
            elif (
                i not in self.initial
                and self._role_before(i)
                and w.lower() not in lex.FUNCTION_WORDS
                and w not in lex.NOT_NAMES
            ):
                self._person(i, j, "role")
            return
        if lower[0] in lex.NATIONALITIES:
            if len(words) > 2 and _looks_like_person(words[1:]):
                self._classify_inner(i + 1, j)  # "Tory Liam Fox": a party word, then a name
                return
            if len(words) > 2:  # "British Music Rights", "European Central Bank"
                self._org_with_acronym(i, j)
            return self._no(i, j, "role")  # "Chinese President" with no name: a role, not an actor
        initials = [  # "Lawrence H. Summers": a letter and a full stop is a middle initial
            len(w) == 1 and self.text[toks[i + k].end : toks[i + k].end + 1] == "."
            for k, w in enumerate(words)
        ]
        if words[0] in {"A", "I"} or any(
            len(w) == 1 and not initials[k + 1] for k, w in enumerate(words[1:])
        ):
            return
        if (
            all(
                re.fullmatch(
                    r"[A-Z][a-z’'-]+(?:-[A-Z][a-z]+)?|[A-Z]\.?|Mc[A-Z][a-z]+|O'[A-Z][a-z]+", w
                )
                for w in words
            )
            and len(words) <= 4
        ):
            given = next(
                (k for k in range(1, len(words) - 1) if _looks_like_person(words[k:])), None
            )
            if self._role_before(i) or _looks_like_person(words) or self._speaks(i, j):
                self._person(i, j, "role" if self._role_before(i) else "pattern")
            elif given is not None:  # "Exchequer Gordon Brown": the name starts at the given name
                self._person(i + given, j, "pattern")
            elif not self.g.lookup((words[-1],)):
                # capitalised words that open with no given name: "BNP Paribas", "Aston Villa"
                self._org_with_acronym(i, j)

    def _work_cue(self, i: int, j: int) -> bool:
        before = self.toks[i - 1].text.lower() if i > 0 and i not in self.initial else ""
        after = self.toks[j].text.lower() if j < len(self.toks) else ""
        if before in lex.WORK_NOUNS_OR_VERBS and i > 1:
            # "the show Mary Poppins", "hit play Art" — a noun; not "will play Cyril Saulnier"
            det = self.toks[i - 2].text
            return det.lower() in lex.WORK_DETERMINERS or det[:1].isupper()
        return before in lex.WORK_BEFORE or after in lex.WORK_AFTER

    def _dated(self, i: int) -> bool:
        """Whether a month or a day's name is used as a date here: "in May", "May 5"."""
        prev = self.toks[i - 1].text.lower() if i > 0 else ""
        nxt = self.toks[i + 1].text if i + 1 < len(self.toks) else ""
        return prev in lex.DATE_WORDS or prev.isdigit() or nxt[:1].isdigit()

    def _lower_after(self, j: int) -> bool:
        return j < len(self.toks) and self.toks[j].text[:1].islower()

    def _club(self, words: list[str]) -> bool:
        """ "Manchester United", "Man Utd", "Exeter City": a town and a club word. "City",
        "Town" and "County" name clubs only in an article about sport."""
        if len(words) < 2 or words[-1] not in lex.CLUB_SUFFIXES:
            return False
        if words[-1] in lex.CLUB_ONLY_SUFFIXES:
            return True
        return self.sporting()

    def sporting(self) -> bool:
        if self._sporting is None:
            self._sporting = len(lex.SPORT_WORDS.findall(self.text)) >= 3
        return self._sporting

    def _org_cue_before(self, i: int, words: list[str]) -> bool:
        """A lower-case word that says what kind of organisation follows: "accountancy firm
        Grant Thornton", "bankers JP Morgan", "a division of ScanSoft", "the band Keane".
        A maker, developer, publisher or broker may be a person: "documentary maker Michael
        Cockerell" opens with a given name."""
        if i == 0 or i in self.initial:
            return False
        prev = self.toks[i - 1].text
        if prev in lex.ORG_CUES:
            return prev not in lex.PERSON_OR_ORG_CUES or not _looks_like_person(words)
        k = i - 1
        if prev == "the" and k > 0:
            k -= 1
        if self.toks[k].text != "of" or k == 0:
            return False
        return self.toks[k - 1].text in lex.PART_OF

    def _name_after_organisation(
        self, words: list[str], lower: list[str]
    ) -> tuple[int, int] | None:
        """Where an organisation's name ends and a person's begins in one run of capitals:
        "Environmental Audit Committee Peter Ainsworth", "Virgin Radio DJ Pete Mitchell".
        Returns (end of the organisation, start of the person), or None."""
        for k in range(1, len(words) - 1):
            if not _looks_like_person(words[k:]) or len(words[k]) < 3 or words[k].isupper():
                continue
            if not re.fullmatch(r"[A-Z][a-z'’-]+", words[k + 1]):
                continue
            end = k
            while (
                end > 0
                and lower[end - 1] in lex.TITLES | lex.ROLES
                and lower[end - 1] not in lex.ORG_WORDS
            ):
                end -= 1
            if end and any(w in lex.ORG_WORDS for w in lower[:end]):
                return end, k
            return None
        return None

    def _name_after_title(self, words: list[str], lower: list[str]) -> tuple[int, int] | None:
        """A title inside a run ends what comes before it (a portfolio or an organisation)
        and opens a name: "Science Minister Lord Sainsbury", "Metropolitan Police
        Commissioner Sir John Stevens". Returns (end of the part before, start of the name)."""
        for k in range(1, len(words) - 1):
            if (
                lower[k] not in lex.TITLES
                or lower[k] in lex.ORG_WORDS
                or lower[k - 1] in lex.CONNECTORS
            ):
                continue  # not "Association of Chief Police Officers"
            start = k
            while start < len(words) and lower[start] in lex.TITLES:
                start += 1
            if (
                start < len(words)
                and lower[start - 1] not in lex.PORTFOLIOS
                and all(lex.NAME_WORD.fullmatch(w) for w in words[start:])
            ):
                return k, start
            return None
        return None

    def _speaks(self, i: int, j: int) -> bool:
        """Names next to "said" are people's, given name known or not ("said Elain Gallin,")."""
        before = self.text[max(0, self.toks[i].start - 12) : self.toks[i].start]
        after = self.text[self.toks[j - 1].end : self.toks[j - 1].end + 80]
        return bool(
            re.search(r"\b(?:said|says|told|added|explained)\s+$", before)
            or re.match(r"(?:,[^,]{1,70},)?\s*(?:said|says|told|added|explained)\b", after)
        )

    def _org_by_context(self, i: int) -> bool:
        """An unknown capitalised word is an organisation when its context says so: a role
        after it ("Chelsea boss", "Telewest chief executive") or a known organisation beside
        it in a pair ("NTL and Telewest")."""
        toks = self.toks
        w = toks[i].text
        if w.lower() in lex.ORDINARY_OPENERS or not w[:1].isupper():
            return False
        after = toks[i + 1].text.lower() if i + 1 < len(toks) else ""
        if after in lex.ORG_ROLES and (i not in self.initial or after in lex.CLUB_ROLES):
            return True  # "Telewest chief executive"; "Chelsea boss Jose Mourinho" opening one
        if i in self.initial:
            return False
        if self.sporting() and after in lex.CLUB_VERBS:
            return True  # "after Chelsea beat Portsmouth"
        for a, b in ((i - 2, i - 1), (i + 2, i + 1)):
            if 0 <= a < len(toks) and toks[b].text in {"and", "or"}:
                if toks[a].start in self.org_starts:
                    return True
                if _is_acronym(toks[a].text) and toks[a].text not in lex.NOT_NAMES:
                    return True
        return False

    def _town_in_region(self, i: int, j: int) -> bool:
        """ "in San Bernardino, Calif.", "at Dayton, Ohio": after a preposition of place, a name
        followed by a state or a country is a town, whatever its words look like (a given
        name, a surname met earlier in the article)."""
        toks = self.toks
        if i == 0 or i in self.initial or toks[i - 1].text.lower() not in lex.LOCATIVES:
            return False
        m = _REGION_AFTER.match(self.text, toks[j - 1].end)
        if m is None:
            return False
        region = m.group(1)
        if region.lower() in lex.STATE_ABBREVIATIONS:
            return True
        found = self.g.lookup(tuple(region.split()))
        return found is not None and found[1] in ("place", "country")

    def _role_before(self, i: int) -> bool:
        return i > 0 and self.toks[i - 1].text.lower() in lex.ROLES

    def _person(self, i: int, j: int, how: str) -> None:
        while j - i > 1 and self.toks[i].text.lower() in {"the", "a", "an"}:
            i += 1  # "The Jedi": an article is no part of a name
        words = tuple(t.text for t in self.toks[i:j])
        earlier = self.surnames.get(words[0]) if len(words) == 1 else None
        if earlier is None and len(words) == 1 and words[0] in self.first_names:
            # "Sir Digby" after "Sir Digby Jones": these titles take the given name; so may
            # "Mr" when the word is no given name but a family name written first ("Mr Park"
            # after "Park Seung"). "Mr Howard" is not Howard Flight.
            title = self.toks[i - 1].text.lower() if i else ""
            if title in lex.GIVEN_NAME_TITLES or words[0].lower() not in first_names():
                earlier = self.first_names[words[0]]
        if earlier is not None:  # "Mr Balls" after "Ed Balls"
            self.add(i, j, earlier[0], earlier[1], "coreference")
            return
        known = self.g.lookup(words)
        if known:
            self.add(i, j, known[0], known[1], "gazetteer")
            return
        self.add(i, j, " ".join(words), "person", how)

    def _org_with_acronym(self, i: int, j: int) -> None:
        name = " ".join(t.text for t in self.toks[i:j])
        self.add(i, j, name, "organisation", "pattern")
        # "International Criminal Court (ICC)": the acronym names the same organisation
        if j + 2 < len(self.toks) and self.toks[j].text == "(" and self.toks[j + 2].text == ")":
            acro = self.toks[j + 1].text
            # "Chilean Copper Commission (Cochilco)": a short name in brackets is one too
            if _is_acronym(acro) or (acro[:1].isupper() and acro.isalpha() and len(acro) > 2):
                self.local_aliases[(acro,)] = (name, "organisation")

    def dateline_pass(self) -> None:
        """ "ELMIRA, N.Y., April 7 - …", "WASHINGTON, June 2 - …": a wire story's dateline names
        the place it was filed from, and the state or country after it, in any case."""
        starts = [t.start for t in self.toks]
        for m in lex.DATELINE.finditer(self.text):
            for group in (1, 2):
                if m.group(group) is None:
                    continue
                i = bisect_left(starts, m.start(group))
                j = bisect_left(starts, m.end(group))
                if i >= j or any(self.taken[i:j]):
                    continue
                name = m.group(group)
                known = self.g.lookup(tuple(t.text for t in self.toks[i:j]))
                if known is not None:
                    self.add(i, j, known[0], known[1], "dateline")
                else:
                    written = name.title() if name.isupper() else name
                    self.add(i, j, written, "place", "dateline")

    def list_pass(self) -> None:
        """Team sheets and line-ups ("Exeter: Jones, Hiley, Sawyer, Gaia, Moxey …"): after a
        colon, four or more comma-separated single capitalised surnames are a list of people."""
        for m in lex.NAME_LIST.finditer(self.text):
            for name in re.finditer(lex.LIST_ITEM, m.group(0)):
                s, e = m.start() + name.start(), m.start() + name.end()
                idx = [n for n, t in enumerate(self.toks) if s <= t.start and t.end <= e]
                if not idx or any(self.taken[n] for n in idx):
                    continue
                words = tuple(self.toks[n].text for n in idx)
                if words[0].lower() in lex.FUNCTION_WORDS or words[0] in lex.NOT_NAMES:
                    continue
                known = self.g.lookup(words)
                if known and known[1] != "person":
                    continue
                self._person(idx[0], idx[-1] + 1, "list")

    def frequent_pass(self) -> None:
        """An unknown capitalised word that the article repeats mid-sentence, three times or
        more, with no title, given name or place to explain it, is an organisation's name
        ("Yukos", "Gazprom", "Arsenal"): people get their full name first, places are known."""
        counts: dict[str, list[int]] = {}
        in_names: set[str] = set()  # "Green" of "Green Day", "World" of "World Cup"
        toks = self.toks
        for i in [k for k, t in enumerate(toks) if t.text[:1].isupper()]:
            t = toks[i]
            w = t.text
            prev_cap = (
                i > 0
                and i not in self.initial
                and _is_cap(toks[i - 1])
                and t.start - toks[i - 1].end == 1
            )
            next_cap = (
                i + 1 < len(toks)
                and i + 1 not in self.initial
                and _is_cap(toks[i + 1])
                and toks[i + 1].start - t.end == 1
            )
            if prev_cap or next_cap:
                in_names.add(w)
            if self.taken[i] or not w[:1].isupper() or w.isupper() or not w.isalpha() or len(w) < 3:
                continue
            counts.setdefault(w, []).append(i)
        for w, where in counts.items():
            if all(i in self.initial for i in where):
                continue  # only ever opening a sentence: an ordinary word, capitalised
            lower = w.lower()
            if (
                len(where) < 3
                or w in in_names
                or lower in lex.NOT_FREQUENT_NAMES
                or lower in lex.NATIONALITIES
                or lower in first_names()
                or w in self.surnames
                or w.endswith(("ers", "ans", "ians", "ese"))  # Londoners, Europeans
                or lower in lex.COMPASS
            ):
                continue
            # a town is named after "in", "at", "from"; a company is not ("Monsanto said")
            placed = [i > 0 and toks[i - 1].text in lex.PLACE_PREPOSITIONS for i in where]
            kind = (
                "place"  # a town named with "in"; a venue always "at Twickenham"
                if (w in town_names() and any(placed)) or all(placed)
                else "organisation"
            )
            for i in where:
                if not self.taken[i]:
                    self.add(i, i + 1, w, kind, "frequency")

    def coreference_pass(self) -> None:
        """Single capitalised words equal to a known person's surname, or to an organisation
        found by its context ("Telewest"), anywhere in the text."""
        orgs = {
            m.alias: (m.name, m.type)
            for m in self.mentions
            if m.type == "organisation" and " " not in m.alias and m.how == "pattern"
        }
        for i, t in enumerate(self.toks):
            if self.taken[i]:
                continue
            known = self.surnames.get(t.text) or self.first_names.get(t.text) or orgs.get(t.text)
            if known is None or (t.text.lower() in lex.MONTHS_DAYS and self._dated(i)):
                continue  # "in May" after "Theresa May"
            self.add(i, i + 1, known[0], known[1], "coreference")


#: A possessive right before a name: "Russia's| Security Council".
_OWNER_BEFORE = re.compile(r"([A-Z][\w-]+)[’']s\s+$")
#: Features of the map named after a place ("Sea of Japan", "Gulf of Mexico"): the feature,
#: not the country.
_FEATURES = frozenset({"Sea", "Gulf", "Bay", "Strait", "Straits", "Isle", "Isles", "Cape", "Lake"})
#: A given name of two syllables joined by a hyphen ("Ban Ki-moon", "Kim Jong-un", "Moon
#: Jae-in"): no modifier ("Las Vegas-style"), nor a prefix ("Anti-war", "Pro-life").
_SYLLABLE_NAME = re.compile(
    r"(?!(?:Anti|Pro|Non|Ex|Co|Post|Pre|Mid|Self|Neo|Semi|Multi|Inter|Over|Under)-)"
    r"[A-Z][a-z]{1,3}-[a-z]{1,5}"
)
_REGION_AFTER = re.compile(
    r",\s+((?:[A-Z][a-z]*\.){1,2}|[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=[\s,.;:)]|$)"
)


def _looks_like_person(words: list[str]) -> bool:
    """A run of capitalised words is a person's name when it opens with a given name or an
    initial ("Jean-Pierre Garnier", "G Money", "P Dowd"), or when a known surname closes it."""
    first = words[0].rstrip(".")
    if len(first) == 1 or (len(words) > 1 and re.fullmatch(r"(?:[A-Z]\.){1,2}[A-Z]", first)):
        return True  # "P Dowd", "G.K. Butterfield"
    names = first_names()
    return first.lower() in names or first.split("-")[0].lower() in names


def _organisation_words(lower: list[str]) -> bool:
    """Whether a run of capitals names an organisation by its words: "… Committee",
    "Verizon Communications", "Sun Microsystems"."""
    return any(w in lex.ORGANISATION_NAME_WORDS for w in lower) or (
        len(lower) > 1 and bool(lex.CORPORATE_ENDING.search(lower[-1]))
    )


@dataclass(frozen=True)
class RuleResult:
    """The rules' mentions, with the tokens they read (the tagger reads the same ones)."""

    mentions: list[Mention]
    toks: list[Token]
    initial: set[int]
    rejected: dict[int, str]  # token -> why the rules named no actor there


def find_rule_actors(text: str, gazetteer: Gazetteer) -> RuleResult:
    """The actors the rules alone find."""
    finder = _Finder(text, gazetteer)
    finder.gazetteer_pass()
    # gazetteer persons named in full make their surnames known before the shape pass
    finder.dateline_pass()
    finder.list_pass()
    finder.shape_pass()
    finder.title_line_pass()
    finder.gazetteer_pass()  # acronyms defined in the text, e.g. "(ICC)"
    finder.coreference_pass()
    finder.frequent_pass()
    mentions = sorted(finder.mentions, key=lambda m: m.start)
    if finder.sporting():
        mentions = _clubs(text, mentions)
    return RuleResult(_link_surnames(mentions), finder.toks, finder.initial, finder.rejected)


def find_actors(text: str, gazetteer: Gazetteer) -> list[Mention]:
    """The rules' actors, with the learned tagger deciding where the rules are blind.

    The rules were written for edited prose and hold there (a tagger trained on 1996 wire
    copy, tried everywhere, made BBC articles worse in every kind of decision). Text set out
    as tokens ("Smith said , adding ...") and lines in capitals are what the rules cannot
    read: in tokenised text the tagger decides every name, elsewhere only those of the lines
    in capitals."""
    rules = find_rule_actors(text, gazetteer)
    model = ner.load_model()
    if model is None or not rules.toks:
        return _by_title(text, rules.mentions)
    tokenised = ner.tokenised(text)
    if not tokenised and not ner.CAPS_LINE.search(text):
        return _by_title(text, rules.mentions)
    doc = ner.build_document(text, rules, gazetteer)
    found = ner.spans(model.tag(doc, None if tokenised else doc.caps_line))
    merged = _merge(text, doc.toks, rules, found, gazetteer)
    if not tokenised:  # the rules' mentions outside the lines in capitals stand
        merged += [m for m in rules.mentions if not _on_caps_line(text, m)]
        merged.sort(key=lambda m: m.start)
    merged = [m for m in merged if not _section_label(text, m, gazetteer)]
    return _by_title(text, _link_surnames(merged))


_TITLE_GENDER = {"mrs": "female", "ms": "female", "miss": "female", "mr": "male"}
_TITLE_BEFORE = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+$")


def _by_title(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Mrs. Clinton" in an article that also names Bill Clinton is Hillary Clinton: a surname
    after a title of the other gender than the person it was linked to is the one of that
    surname the title fits."""
    from reader.analysis.gazetteer import gender_of

    people: dict[str, set[str]] = {}
    for m in mentions:
        parts = m.name.split()
        if m.type == "person" and len(parts) > 1:
            people.setdefault(parts[-1], set()).add(m.name)
    if not any(len(names) > 1 for names in people.values()):
        return mentions
    counts = Counter(m.name for m in mentions)
    out = []
    for m in mentions:
        title = _TITLE_BEFORE.search(text, max(0, m.start - 6), m.start)
        names = people.get(m.name.split()[-1], set()) if m.type == "person" else set()
        if title is not None and len(names) > 1:
            gender = _TITLE_GENDER[title.group(1).lower()]
            if gender_of(m.name.split()[0]) not in (gender, "unknown"):
                fits = sorted(
                    (n for n in names if gender_of(n.split()[0]) == gender),
                    key=lambda n: -counts[n],
                )
                # the one the title fits, or the most named of them ("Mrs. Clinton" is Hillary,
                # not Chelsea, named once)
                if len(fits) == 1 or (len(fits) > 1 and counts[fits[0]] > counts[fits[1]]):
                    m = replace(m, name=fits[0], how="coreference")
        out.append(m)
    return out


def _section_label(text: str, m: Mention, gazetteer: Gazetteer) -> bool:
    """A word in capitals alone on its line ("CONTEXT", "BACKGROUND", "FACTBOX"): a page's
    section label, which the tagger took for an organisation, unless the gazetteer knows the
    name ("REUTERS" under a story is Reuters)."""
    word = text[m.start : m.end]
    if not (word.isalpha() and word.isupper() and len(word) >= 5):
        return False
    line_start = text.rfind("\n", 0, m.start) + 1
    line_end = text.find("\n", m.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if line.strip() != word:
        return False
    return not (gazetteer.knows(word) or gazetteer.knows(word.title()))


def _on_caps_line(text: str, m: Mention) -> bool:
    start = text.rfind("\n", 0, m.start) + 1
    end = text.find("\n", m.end)
    return bool(ner.CAPS_LINE.fullmatch(text, start, end if end >= 0 else len(text)))


def _merge(
    text: str,
    toks: list[Token],
    rules: RuleResult,
    found: list[tuple[int, int, str]],
    gazetteer: Gazetteer,
) -> list[Mention]:
    """The tagger decides which words are names and of what type; the rules' mention of the
    same words keeps its canonical name and how it was found."""
    by_span = {(m.start, m.end): m for m in rules.mentions}
    out: list[Mention] = []
    for i, j, kind in found:
        type_ = ner.TYPE_OF.get(kind)
        if type_ is None:
            continue  # a nationality, an event, a work: no actor
        start, end = toks[i].start, toks[j - 1].end
        alias = text[start:end]
        possessive = j < len(toks) and toks[j].text in {"'s", "’s", "'", "’"}
        known = by_span.get((start, end))
        if known is not None:
            rule_type = "place" if known.type == "country" else known.type
            if rule_type == type_:
                out.append(known)
                continue
            # the same words, another type ("Bradford" the club, not the town)
            out.append(replace(known, name=alias, type=type_, how="model", description=None))
            continue
        hit = gazetteer.lookup(tuple(t.text for t in toks[i:j]))
        name = alias
        if hit is not None and (hit[1] == type_ or {hit[1], type_} == {"country", "place"}):
            name, type_ = hit
            entry = gazetteer.entries.get(name)
            out.append(
                Mention(
                    start,
                    end,
                    name,
                    type_,
                    alias,
                    "model",
                    entry.description if entry else None,
                    possessive,
                )
            )
            continue
        out.append(Mention(start, end, name, type_, alias, "model", None, possessive))
    return out


def _clubs(text: str, mentions: list[Mention]) -> list[Mention]:
    """In an article about sport a town that plays ("Chelsea beat Portsmouth", "Exeter
    boss", "Exeter had chances") is its club, an organisation, wherever the article names it."""
    towns = {m.alias for m in mentions if m.type == "place" and m.how != "pattern"}
    if not towns:
        return mentions
    names = "|".join(map(re.escape, sorted(towns, key=len, reverse=True)))
    plays = re.compile(  # the first branch takes only the name: "Leicester beat Portsmouth"
        rf"(?<!\w)(?P<a>{names})(?=(?:'s)? (?:{lex.CLUB_AFTER})\b)"
        rf"|\b(?:{lex.CLUB_BEFORE}) (?:the )?(?P<b>{names})(?!\w)(?! [A-Z])"
    )
    clubs = {m.group("a") or m.group("b") for m in plays.finditer(text)}
    if not clubs:
        return mentions
    return [
        replace(m, type="organisation", name=m.alias, how="club", description=None)
        if m.alias in clubs and m.type == "place"
        else m
        for m in mentions
    ]


def _link_surnames(mentions: list[Mention]) -> list[Mention]:
    """A lone surname seen before the full name (a headline's "Baros", then "Milan Baros") is
    the same person: one-word person names take the full name that ends with them."""
    full: dict[str, str] = {}
    for m in mentions:
        parts = m.name.split()
        if m.type == "person" and len(parts) > 1:
            full.setdefault(parts[-1], m.name)
    return [
        replace(m, name=full[m.name], how="coreference")
        if m.type == "person" and m.name in full
        else replace(m, name=full[m.alias], type="person", how="coreference", description=None)
        if m.type == "place" and m.how == "gazetteer" and m.alias in full
        else m  # "Kennedy questions trust of Blair", then "Charles Kennedy": not a Bogotá locality
        for m in mentions
    ]
