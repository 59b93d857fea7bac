"""Recognisers for the pieces of a captured web page that are not the article.

Each rule describes a *kind* of page furniture that recurs across news sites (account prompts,
share bars, cookie notices, captions, related-story blocks), never a line of a particular article.
They only ever match short lines, so a paragraph of prose that happens to mention a password or
cookies is kept.
"""

from __future__ import annotations

import re

SHORT_LINE_WORDS = 16

_BOILERPLATE = [
    # advertising and sponsorship
    r"advert(isement)?s?",
    r"ad(vert)?s? feedback",
    r"(sponsored|promoted|paid)( content| post| partner)?",
    r"story continues below( this)? ad(vertisement)?",
    # accounts
    r"(log|sign) ?(in|out|up)\b.{0,40}",
    r"register( now| for free)?",
    r"create (an |a free |your )?account.*",
    r"forgot (your )?(password|username)\??",
    r".*\breset (your |the )?password\b.*",
    r".*\bpassword reset\b.*",
    r"remember me|keep me (logged|signed) in",
    r"to use social login .*",
    r"already (a |have an account|registered|subscribed).*",
    # subscriptions, newsletters, apps
    r"subscribe( now| today| here| to .{0,60})?",
    r".*\bnewsletters?\b.*\b(sign|subscribe|inbox|email)\b.*",
    r"get (the|our) .{0,30}\b(newsletter|app)\b.*",
    r"download (the|our) app.*",
    r"get more with .*",
    r"(a )?personali[sz]ed news feed.*",
    # privacy, cookies, legal
    r"(privacy|cookie)( and cookie)?( policy| notice| settings| preferences| statement)?",
    r"(we|this (site|website)) use[s]? cookies.*",
    r"(accept|reject|manage) (all )?(cookies|preferences|consent).*",
    r"terms (of use|of service|and conditions).*",
    r"(all rights reserved|copyright\b|©).*",
    # navigation and page chrome
    r"back to (the )?top",
    r"skip to (main )?(content|navigation)",
    r"(open|close|toggle) (the )?(menu|navigation|search)",
    r"(menu|search|home|close( create)?|main menu)",
    r"placeholder while loading.*",
    r"loading( article| comments)?(\.\.\.|…)?",
    r"click (here|outside|to) .*",
    r".*\bdrag and drop\b.*",
    r"select the fields to be shown.*",
    r"add to (cart|collection|basket|wishlist|favou?rites)",
    r"no collections",
    r"here you'll find all collections .*",
    r"post expires at .*",
    r"(published|updated|posted)?\s*\d+ (seconds?|minutes?|mins?|hours?|hrs?|days?) ago",
    # sharing and following
    r"share( this)?( article| story| page| post| on .{0,30})?:?",
    r"(follow|like) us( on .*)?",
    r"((share|tweet|e-?mail|print|whatsapp|facebook|twitter|x|linkedin|reddit|pinterest|copy link"
    r"|save)[\s|•·,/]*){2,}",
    # comments
    r"leave a (reply|comment).*",
    r".*your email address will not be published.*",
    r"required fields are marked.*",
    r"(\d+ )?comments?( \(\d+\))?",
    r"(post|add|show|view|load|read) (a |more |all )?comments?.*",
    r"comments? (are|have been) closed.*",
    # related-content teasers
    r"(read|see) (more|next|also|the full (story|article))\b.*",
    r"continue reading.*",
    r"learn more",
    r"(also read|read also|related)\s*:.*",
    r"related( articles| stories| topics| content| coverage| links)?",
    r"more (on this story|from .{0,40}|stories|news)",
    r"(latest|top|most read|most popular|trending|recommended|featured|editor'?s? picks?)"
    r"( stories| news| articles| videos| now)?",
    r"you (may|might) (also )?(like|be interested in).*",
    # captions and media labels
    r"(image|media|video|photo|picture) (caption|title|source|copyright)\b.*",
    r"getty images|afp via getty images",
    r"(photo|photograph|picture|image|credit)s?( credit)?\s*:.*",
    r"watch\s*:.*",
    r"(play|watch) video.*",
]

BOILERPLATE_RE = re.compile(r"^(?:" + "|".join(_BOILERPLATE) + r")[\s.!:]*$", re.IGNORECASE)

#: A label that announces a caption on the following line ("image caption," then the caption).
CAPTION_LABEL_RE = re.compile(
    r"^(image|media|video|photo|picture) (caption|title|description)[,:]?$", re.IGNORECASE
)
#: A caption with its credit at the end ("… bordering Ukraine. Photo: Reuters").
TRAILING_CREDIT_RE = re.compile(
    r"[.!?”\"’)]\s+(?i:photo|photograph|picture|image|credit|source|video)s?\s*:\s*"
    r"[A-Z][\w .,&'/-]{1,50}$",
)
#: A video player's duration ("02:30") that precedes the video's title.
DURATION_RE = re.compile(r"^\d{1,2}:\d{2}(:\d{2})?$")
#: A lone counter (comment counts, page numbers); rows of figures in tables are kept.
NUMERIC_RE = re.compile(r"^[#(]?\d{1,5}[)]?$|^[^\w]*$")
#: An empty form label ("Date:", "Tags:").
EMPTY_LABEL_RE = re.compile(r"^[A-Z][\w'’ -]{0,24}:$")
#: Where the article ends and the page's trailing furniture begins.
TAIL_MARKER_RE = re.compile(
    r"^(back to (the )?top|leave a (reply|comment)|(latest|top|most read|most popular|related"
    r"|recommended|trending) (stories|news|articles|topics|videos)|related|see also\b.*"
    r"|more (on this story|from .{0,40}|stories)|you (may|might) (also )?like.*|comments?"
    r"|(log|sign) ?in|share this (article|story|page)|post expires at .*|latest stories"
    r"|most read)[\s.!:]*$",
    re.IGNORECASE,
)

HASHTAG_RE = re.compile(r"#\w+")
BULLET_RE = re.compile(r"^[•·▪◦‣*-]\s+")
WORD_RE = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")
SENTENCE_END_RE = re.compile(r"[.!?…:][\"'”’)\]]*$|[\"”’]$")


def words(line: str) -> list[str]:
    return WORD_RE.findall(line)


def is_boilerplate(line: str) -> bool:
    stripped = BULLET_RE.sub("", line)
    if len(words(stripped)) > SHORT_LINE_WORDS:
        return False
    return bool(BOILERPLATE_RE.match(stripped))


#: Another story's headline set between paragraphs, news-style with its source at the end and
#: no full stop: "Beijing chafing at Moscow’s demands for support, Chinese officials say",
#: "‘New shocks’: US hasn’t followed direction leaders discussed, China tells Blinken".
_TEASER_RE = re.compile(
    r"^.{15,160},\s+(?:[\w’'-]+\s){0,3}(?:says?|tells?|warns?|claims?)(?:\s+[A-Z][\w’'-]+){0,2}$"
)


def is_teaser_headline(line: str) -> bool:
    return len(words(line)) <= 20 and bool(_TEASER_RE.match(line.strip()))


def is_hashtag_line(line: str) -> bool:
    tokens = line.split()
    tags = len(HASHTAG_RE.findall(line))
    return tags >= 2 and tags >= 0.5 * len(tokens)


def is_menu_line(line: str) -> bool:
    """A row of one- or two-word items between bullets or pipes: a menu or a product widget."""
    items = [i.strip() for i in re.split(r"[•·|]", line) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 2 for i in items)


def is_prose(line: str) -> bool:
    """A line that reads like a paragraph of the article (what opens the body)."""
    n = len(words(line))
    if n >= 25:
        return True
    return n >= 12 and bool(SENTENCE_END_RE.search(line))


def is_title_like(line: str) -> bool:
    n = len(words(line))
    return 3 <= n <= 30 and len(line) <= 220 and not line.rstrip().endswith(".")
