"""Decide, block by block, whether a text capture's block is the article or page furniture.

A page saved as text keeps its menus, cookie notices, "Most read" lists, comments and footers.
No single rule tells them from the article; several weak signs do, weighed together in the way
jusText and boilerpipe weigh them for HTML:

1. **Shape of each block**, a score that is positive for prose: length, whether it ends like a
   sentence, stop-word density in the page's own language (jusText's lists), Title Case
   (headlines and menu items), list marks, a blank line around it (paragraphs stand alone, menus
   are runs of lines), the wording of legal and consent notices, and kinds of furniture that
   recur on every site (timestamps, counters, comment headers, bylines, credits, addresses,
   teasers cut short with "...").
2. **Runs**: several short lines in a row with no blank line between them are a list of links,
   and weigh more the longer the run.
3. **Kinds**: a block with a sign of furniture is furniture; else a score at or above
   ``PROSE_AT`` is prose; else a short line without a full stop is a heading (of a paragraph, or
   of a list: the next block tells which); else it is neutral text (a table row, a short line).
4. **Position**: the article is the densest run of prose, the maximum-sum stretch of the blocks'
   words weighted by their scores (Finn et al.'s Body Text Extraction, on lines); a heading that
   opens related stories costs extra to cross, and the readers' comments (which read like
   prose) are not searched at all. Neutral text and headings of paragraphs after the run still
   belong to it; inside the run only furniture goes.

A text with too few signs of a web page (a wire story, a note with a list) is not judged here at
all: the caller cleans it with its rules alone, as before this classifier existed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reader.ingest import metadata as meta
from reader.ingest import patterns as pat
from reader.ingest.stopwords import page_stoplist

#: List marks of text captures: "* ", "+ ", "o " (lynx-style nesting), "• ", "1. ".
LIST_MARK_RE = re.compile(r"^(?:[*+•·▪◦‣–—-]|o(?=\s+[A-Z0-9])|\d{1,3}[.)])\s+")
_SENTENCE_END_RE = re.compile(r"[.!?。！？][\"'”’)\]»]*$")
#: Text cut short with an ellipsis: a teaser for another page, not the article.
_TRUNCATED_RE = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
#: Kinds of furniture that recur on every site (each a sign, weighed with the others).
_TIMESTAMP_RE = re.compile(
    r"\b\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|mo|months?)"
    r"\s+ago\b|\b(?:yesterday|today)\s+at\b|\bat\s+\d{1,2}[:.]\d{2}\s*(?:am|pm)\b",
    re.IGNORECASE,
)
_COUNTER_RE = re.compile(
    r"^\(?\d[\d,.]*[km]?\)?\s*(?:comments?|shares?|views?|likes?|replies|responses|reads?)$",
    re.IGNORECASE,
)
_COMMENT_HEAD_RE = re.compile(r"^.{1,60}\b(?:says|said|wrote|writes|replied)\s*:$", re.IGNORECASE)
_URL_RE = re.compile(
    r"^(?:\S*https?://|www\.)\S+$|^\S+\.(?:com|org|net|co\.uk)(?:/\S*)?$|^@\w{2,30}$"
)
#: A byline or a dateline in a page's own words ("Posted by … on …", "Updated …").
_BYLINE_RE = re.compile(
    r"^(?:(?:posted|written|published|updated|last updated|first published|reviewed|edited"
    r"|submitted)\b|by\s*:)",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"\((?:[^()]{0,40}/)?(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|PA|Shutterstock|iStock|"
    r"Image:[^()]*|Photo:[^()]*|Credit:[^()]*)\s*\)$|"
    r"\b(?:Getty Images|Shutterstock|iStock(?:photo)?|AP Photo|Reuters)\s*$",
)
#: The article's own closing credit: who reported, wrote or edited it (no full stop needed).
_REPORTING_RE = re.compile(
    r"\b(?:contributed (?:to )?(?:this|the) (?:report|article|story)|(?:additional )?reporting by"
    r"|(?:writing|editing|compiled|translated) by)\b",
    re.IGNORECASE,
)
#: Headings that open the readers' comments: the article is over (comments read like prose).
_COMMENTS_RE = re.compile(
    r"^(?:\d+\s+|show\s+|view\s+|read\s+)?(?:comments?|responses?|replies|discussion|reactions?)"
    r"(?:\s*\(\d+\))?(?:\s+(?:to|on)\b.*)?[\s.!:]*$"
    r"|^(?:join|start) the (?:conversation|discussion|debate)\b.*"
    r"|^(?:leave|post|add|write|submit) (?:a|your) (?:comment|reply|response)\b.*"
    r"|^(?:what do you think|have your say|comments are (?:closed|moderated))\b.*",
    re.IGNORECASE,
)
#: Headings that open a list of other stories or of the page's own furniture.
_SECTION_RE = re.compile(
    r"^(?:related(?: articles| stories| posts| content| news| links| coverage| reading| videos"
    r"| topics)?"
    r"|(?:more|latest|recent|other|top|popular|trending|recommended|featured|similar)"
    r"(?: \w+){0,3} (?:stories|articles|news|posts|videos|headlines|reads?)"
    r"|more (?:from|on|in|like this)\b.*|most (?:read|popular|viewed|shared|commented|discussed)\b.*"
    r"|(?:you|we think you) (?:may|might|will) (?:also )?(?:like|enjoy|be interested in)\b.*"
    r"|(?:read|see) (?:more|also|next)\b.*|what to read next|up next|around the web"
    r"|recommended(?: for you)?|trending(?: now)?|editor'?s? picks?|in case you missed it"
    r"|don'?t miss|elsewhere on .{1,30}|sponsored(?: stories| links| content)?"
    r"|promoted(?: stories| links| content)?|tags?|topics?|filed under|share this(?: \w+)?"
    r"|about the author|newsletters?)"
    r"[\s.!:]*$",
    re.IGNORECASE,
)
#: One-word controls of a page's widgets (comment threads, players, galleries).
_CONTROL_RE = re.compile(
    r"^(?:reply|report(?: abuse)?|flag|like|dislike|upvote|downvote|vote|follow|unfollow|edit"
    r"|delete|cancel|submit|send|ok|next|prev(?:ious)?|show (?:more|less)|load more|see all"
    r"|view all|play|pause|mute|unmute|expand|collapse|gallery|listen|video|audio)[\s.!:]*$",
    re.IGNORECASE,
)
#: Words of the page's own furniture: legal, consent, account and social wording. A paragraph
#: dense in them is a footer or a notice, whatever its length.
_FURNITURE_WORDS_RE = re.compile(
    r"\b(?:all rights reserved|copyright|trademarks?|privacy (?:policy|notice|statement)"
    r"|terms (?:of|and) (?:use|service|conditions)|cookies?|(?:this|our) (?:web)?site"
    r"|subscri(?:be|ber|ption)s?|sign(?:ing)? up|log ?in|newsletters?|e-?mail address|inbox"
    r"|unsubscribe|click here|advertis(?:e|ers?|ing|ement)|affiliate|commissions?"
    r"|personal (?:data|information)|consent|browser|javascript|download (?:the|our) app"
    r"|follow us|(?:on|via) (?:facebook|twitter|instagram|youtube|linkedin))\b|©",
    re.IGNORECASE,
)

#: Weights of the block score (log-odds of prose): set by hand from a logistic fit of these
#: features on the tuning part of aeb-dev, then checked page by page (reader.devtools.cleaning_eval).
BIAS = -3.0
W_LENGTH = 0.2  # per log(1 + words): longer blocks lean to prose
W_END = 1.1  # per log(1 + words), when the block ends like a sentence
END_OFFSET = -0.8  # a short line ending in a full stop is not yet prose
W_ISOLATED = 1.3  # a blank line before and after: a paragraph, not a list item
W_TITLE_CASE = -1.2  # Title Cased Words are headlines and menu items
W_STOP = 3.0  # per unit of stop-word density above (or below) STOP_PIVOT
STOP_PIVOT = 0.3
W_LIST_MARK = -0.8
W_RUN = -0.35  # per line of a run of short lines beyond the second
W_SIGN = -2.5  # a recurring kind of furniture (timestamp, counter, comment header, address)
W_SECTION = -3.0
W_FURNITURE_WORD = -1.2  # per word of the page's furniture (legal, consent, account), up to 3
#: Two or more furniture words, one in this many words or denser: a notice (cookies, terms).
NOTICE_WORDS = 12
#: A block scoring at least this (with no sign of furniture) is prose.
PROSE_AT = 0.0
#: A score this far from zero is sure; a block's mass is its words times its score over this.
SCORE_SCALE = 2.0
#: How much a word of furniture counts against the article, against a word of prose for it.
FURNITURE_WEIGHT = 1.0
#: How much a block with no sign of furniture (a short line, a table row) counts against.
UNSIGNED_DOUBT = 0.4
#: Crossing a heading that opens related stories costs this many words of prose; crossing
#: one that opens comments, this many (no article goes on after its comments).
SECTION_COST = 10.0
COMMENTS_COST = 400.0
#: Prose above a heading of comments that makes it the end of an article.
ARTICLE_WORDS = 40
#: Fewer blocks than this with a sign of furniture: the text is not a web page; all stays.
MIN_FURNITURE = 3
#: ... or at least this many items of menus (runs of lines of one to three words).
MIN_MENU_ITEMS = 6
#: A line of at most this many words, with no full stop, is a heading (of a paragraph, or of
#: a list of links: which one, the next block tells).
HEADING_WORDS = 20
#: ... unless this share of its words are figures: a row of a table (scores, results, prices).
DATA_SHARE = 0.3
#: Score of a block already known to be furniture (patterns), so it breaks the run of prose.
KNOWN_FURNITURE = -3.0


@dataclass(frozen=True)
class BlockIn:
    """What the classifier is told about a block: its text, whether blank lines surround it, and
    whether a certain rule already judged it furniture."""

    text: str
    gap_before: bool = True
    gap_after: bool = True
    furniture: bool = False


PROSE, NEUTRAL, HEADING, FURNITURE = "prose", "neutral", "heading", "furniture"
#: Lists are not only a web page's: a clean text may have one, so they do not make it a page.
LINK_LIST = "list of links"
#: Signs that a clean text may show too (a list, a date line, a quote trailing off "..."):
#: weighed like the others, but they do not make a text a web page.
WEAK_SIGNS = frozenset({LINK_LIST, "truncated", "date"})


@dataclass
class Verdict:
    """``kind``: prose, neutral (tables, short lines), heading (short, no full stop) or
    furniture (with ``why``: the kind of furniture seen); ``keep``: whether it is the article."""

    score: float
    kind: str = NEUTRAL
    keep: bool = False
    why: str = ""


@dataclass(frozen=True)
class _Shape:
    words: int
    sentence_end: bool
    stop: float | None
    title_case: float
    list_mark: bool
    isolated: bool
    sign: str | None
    section: str | None
    credit_line: bool
    furniture_words: int
    figures: float


def _size(text: str) -> int:
    """Words, counting two characters of unspaced CJK text as one word."""
    return max(len(pat.words(text)), len(_CJK_RE.findall(text)) // 2)


def _shape(block: BlockIn, stop: frozenset[str] | None) -> _Shape:
    mark = LIST_MARK_RE.match(block.text)
    body = block.text[mark.end() :] if mark else block.text
    words = pat.words(body)
    size = _size(body)
    content = [w for w in words if stop is None or w.casefold() not in stop]
    cased = [w for w in content if w[0].isalpha()]
    title_case = sum(w[0].isupper() for w in cased) / len(cased) if cased else 0.0
    density = sum(w.casefold() in stop for w in words) / len(words) if stop and words else None
    credit_line = size <= 30 and bool(_REPORTING_RE.search(body))
    return _Shape(
        words=size,
        sentence_end=bool(_SENTENCE_END_RE.search(body)) and not _TRUNCATED_RE.search(body),
        stop=density,
        title_case=title_case,
        list_mark=bool(mark),
        isolated=block.gap_before and block.gap_after,
        sign=None if credit_line else _sign(body, size),
        section=_section(body, size),
        credit_line=credit_line,
        furniture_words=len(_FURNITURE_WORDS_RE.findall(body)),
        figures=sum(w[0].isdigit() for w in words) / len(words) if words else 0.0,
    )


def _is_date(body: str) -> bool:
    """A line that is a date and little else (a weekday, a time, a label)."""
    found = meta.find_date(body)
    return found is not None and len(pat.words(body)) - len(pat.words(found.group())) <= 3


def _section(body: str, size: int) -> str | None:
    """ "comments" or "related" for a heading that opens such a section."""
    if size <= 25 and _COMMENTS_RE.match(body):
        return "comments"
    if size <= 10 and _SECTION_RE.match(body):
        return "related"
    return None


def _sign(body: str, size: int) -> str | None:
    """The recurring kind of furniture a short block is, if any."""
    if _TRUNCATED_RE.search(body):
        return "truncated"
    if size <= 60 and _CREDIT_RE.search(body):
        return "credit"
    if size > 20:
        return None
    if _BYLINE_RE.match(body):
        return "byline"
    if size > 14:
        return None
    if _CONTROL_RE.match(body):
        return "control"
    if _COUNTER_RE.match(body):
        return "counter"
    if _COMMENT_HEAD_RE.match(body):
        return "comment header"
    if _URL_RE.match(body):
        return "address"
    if _TIMESTAMP_RE.search(body):
        return "timestamp"
    if _is_date(body):
        return "date"
    return None


def _score(s: _Shape) -> float:
    length = math.log1p(s.words)
    score = BIAS + W_LENGTH * length
    if s.sentence_end:
        score += W_END * length + END_OFFSET
    if s.isolated:
        score += W_ISOLATED
    score += W_TITLE_CASE * s.title_case
    if s.stop is not None and s.words >= 4:
        score += W_STOP * (min(s.stop, 0.6) - STOP_PIVOT)
    if s.list_mark:
        score += W_LIST_MARK
    if s.sign:
        score += W_SIGN
    if s.section:
        score += W_SECTION
    score += W_FURNITURE_WORD * min(s.furniture_words, 3)
    return score


def _runs(shapes: list[_Shape], blocks: list[BlockIn]) -> list[int]:
    """For each block, the length of the run of short, blank-free lines it belongs to (else 0)."""
    out = [0] * len(blocks)
    i = 0
    while i < len(blocks):
        j = i
        while (
            j < len(blocks)
            and shapes[j].words <= 12
            and not shapes[j].sentence_end
            and (j == i or not blocks[j].gap_before)
        ):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                out[k] = j - i
        i = max(j, i + 1)
    return out


def _mass(verdict: Verdict, shape: _Shape) -> float:
    """A block's weight in the search for the article: its words, signed and scaled by how sure
    its score is (a long paragraph outweighs a short menu item; a section heading costs more).
    Blocks with no sign of furniture weigh little either way: only furniture ends the article."""
    floor = -FURNITURE_WEIGHT if verdict.kind == FURNITURE else -UNSIGNED_DOUBT
    sure = max(floor, min(1.0, verdict.score / SCORE_SCALE))
    mass = max(shape.words, 1) * sure
    if shape.section == "comments":
        return mass - COMMENTS_COST
    return mass - SECTION_COST if shape.section else mass


def _comments_start(verdicts: list[Verdict], shapes: list[_Shape]) -> int:
    """Where the readers' comments begin: the first heading of comments after enough prose to
    be an article (a "Comments" link in the menu above it is not one). Comments read like
    prose, so the article is looked for above them only."""
    prose = 0
    for i, (v, s) in enumerate(zip(verdicts, shapes, strict=True)):
        if s.section == "comments" and not s.list_mark and prose >= ARTICLE_WORDS:
            return i
        if v.kind == PROSE:
            prose += s.words
    return len(verdicts)


def _densest_run(scores: list[float]) -> tuple[int, int] | None:
    """``(start, end)`` of the maximum-sum stretch of scores, end exclusive; None if all < 0."""
    best, best_at = 0.0, None
    total, start = 0.0, 0
    for i, s in enumerate(scores):
        if total <= 0:
            total, start = 0.0, i
        total += s
        if total > best:
            best, best_at = total, (start, i + 1)
    return best_at


def _evidence(block: BlockIn, shape: _Shape, run: int) -> str | None:
    """Why a block is certainly furniture of some recurring kind, if it is."""
    if block.furniture:
        return "known furniture"
    if shape.sign:
        return shape.sign
    if shape.furniture_words >= 2 and shape.furniture_words * NOTICE_WORDS >= shape.words:
        return "notice"
    if shape.section:
        return f"{shape.section} heading"
    if run and not shape.sentence_end and (shape.list_mark or shape.title_case >= 0.5):
        return LINK_LIST
    return None


def _kind(shape: _Shape, score: float, evidence: str | None) -> str:
    if evidence:
        return FURNITURE
    if score >= PROSE_AT:
        return PROSE
    if (
        shape.words <= HEADING_WORDS
        and not shape.sentence_end
        and not shape.credit_line
        and shape.figures < DATA_SHARE
    ):
        return HEADING
    return NEUTRAL


def classify(blocks: list[BlockIn]) -> list[Verdict] | None:
    """A verdict per block, or ``None`` when the text shows too few signs of being a web page to
    doubt any of it. When no block reads like prose, the verdicts give kinds and keep nothing."""
    words = [w for b in blocks if not b.furniture for w in pat.words(b.text)]
    stop = page_stoplist(words)
    shapes = [_shape(b, stop) for b in blocks]
    runs = _runs(shapes, blocks)
    verdicts: list[Verdict] = []
    for b, s, run in zip(blocks, shapes, runs, strict=True):
        evidence = _evidence(b, s, run)
        score = KNOWN_FURNITURE if b.furniture else _score(s)
        if run:
            score += W_RUN * min(run - 2, 6)
        verdicts.append(Verdict(score, kind=_kind(s, score, evidence), why=evidence or ""))
    if not _is_web_page(verdicts, shapes, runs):
        return None  # a clean text (a wire story, a note): nothing in it is furniture-shaped
    if not any(v.kind == PROSE for v in verdicts):
        return verdicts  # no article to find: the kinds alone say what is furniture
    masses = [_mass(v, s) for v, s in zip(verdicts, shapes, strict=True)]
    span = _densest_run(masses[: _comments_start(verdicts, shapes)])
    if span is None:
        return None
    start, end = span
    # What follows the run without a sign of furniture (a table under a wire story, a last
    # short line, a subhead and its paragraph) still belongs to the article.
    while end < len(blocks) and verdicts[end].kind != FURNITURE:
        if verdicts[end].kind == HEADING and not _leads_to_prose(verdicts, end + 1, len(blocks)):
            break
        end += 1
    for i, v in enumerate(verdicts):
        if not start <= i < end:
            v.why = v.why or "outside the article's run of prose"
        elif v.kind in (PROSE, NEUTRAL):
            v.keep = True
        elif v.kind == HEADING:
            v.keep = _leads_to_prose(verdicts, i + 1, end)
            v.why = "" if v.keep else "a heading of nothing (a list of links)"
    return verdicts


def _is_web_page(verdicts: list[Verdict], shapes: list[_Shape], runs: list[int]) -> bool:
    """Whether the text shows the furniture of a web page: blocks of known kinds of furniture,
    or a menu (runs of one- to three-word lines). A list in a clean text is no such sign."""
    signs = sum(v.kind == FURNITURE and v.why not in WEAK_SIGNS for v in verdicts)
    menu_items = sum(1 for s, run in zip(shapes, runs, strict=True) if run and s.words <= 3)
    return signs >= MIN_FURNITURE or menu_items >= MIN_MENU_ITEMS


def _leads_to_prose(verdicts: list[Verdict], i: int, end: int) -> bool:
    """A heading leads to prose when the next block that is not furniture is prose or text."""
    while i < end and verdicts[i].kind == FURNITURE:
        i += 1
    return i < end and verdicts[i].kind in (PROSE, NEUTRAL)
