"""Metadata the text states itself: bylines, outlets, datelines and dates. Never guessed."""

from __future__ import annotations

import re

from reader.ingest.patterns import BULLET_RE, words

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_DATE_RES = [
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.IGNORECASE),
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.IGNORECASE),
    re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})"),
]
#: Lines that carry a date as metadata rather than as a statement of the article.
_DATE_LINE_RE = re.compile(
    r"^(?:(?:published|updated|posted|first published|last updated|date)\s*(?:on|:)?\s*)?"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)

_NAME_PART = r"[A-Z][\w'’.-]*"
_NAME = rf"{_NAME_PART}(?:\s+(?:{_NAME_PART}|de|da|di|van|von|der|la|le|bin|al|and|&))*"
BYLINE_RE = re.compile(rf"^By\s+(?P<name>{_NAME})(?:\s*(?:,|\||–|—|-| in )\s*(?P<rest>.+))?$")

_OUTLET_WORDS = re.compile(
    r"\b(news|times|post|journal|guardian|reuters|associated press|ap|afp|press|herald|telegraph|"
    r"tribune|daily|bbc|cnn|npr|bloomberg|agency|media|wire|gazette|observer|independent|"
    r"economist|al jazeera|xinhua|chronicle|standard|today|network|radio|tv|television)\b",
    re.IGNORECASE,
)
_ROLE_WORDS = re.compile(
    r"\b(correspondent|reporter|editor|writer|staff|analyst|journalist|columnist|contributor|"
    r"producer|presenter|team)\b",
    re.IGNORECASE,
)
#: "UNITED NATIONS (Reuters) -", "(AP) —": a wire dateline names the outlet.
DATELINE_SOURCE_RE = re.compile(
    r"^(?:[A-Z][A-Za-z.,'’/ -]{0,60}?\s*)?\((?P<src>[A-Z][A-Za-z.&' ]{1,30})\)\s*[-–—]"
)


def parse_date(line: str) -> str | None:
    """The first full calendar date in ``line`` as ``YYYY-MM-DD``; partial dates give ``None``."""
    for regex in _DATE_RES:
        m = regex.search(line)
        if not m:
            continue
        month_text = m.group("month").lower().rstrip(".")
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
        day, year = int(m.group("day")), int(m.group("year"))
        if month and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_date(line: str) -> re.Match[str] | None:
    """Where the first full calendar date in ``line`` is written, if it has one."""
    for regex in _DATE_RES:
        m = regex.search(line)
        if m:
            return m
    return None


def date_line(line: str) -> str | None:
    """The date of a line that is *only* a date (with an optional "Published" label)."""
    m = _DATE_LINE_RE.match(BULLET_RE.sub("", line).strip())
    rest = m.group("rest") if m else line
    found = parse_date(rest)
    if found is None or len(words(rest)) > 8:
        return None
    return found


def byline(line: str) -> tuple[str, str | None] | None:
    """``(name, rest)`` for a "By Jane Doe, BBC News" line, else ``None``."""
    text = BULLET_RE.sub("", line).strip()
    if len(words(text)) > 14:
        return None
    m = BYLINE_RE.match(text)
    if not m:
        return None
    return m.group("name").strip(), (m.group("rest") or "").strip() or None


def outlet(line: str) -> str | None:
    """A short line naming a news organisation, as found in byline blocks."""
    text = BULLET_RE.sub("", line).strip()
    if not text or len(words(text)) > 5 or text.endswith("."):
        return None
    if _ROLE_WORDS.search(text) or not _OUTLET_WORDS.search(text):
        return None
    return text


def is_role(line: str) -> bool:
    text = BULLET_RE.sub("", line).strip()
    return len(words(text)) <= 6 and bool(_ROLE_WORDS.search(text))


def dateline_source(paragraph: str) -> str | None:
    m = DATELINE_SOURCE_RE.match(paragraph)
    return m.group("src").strip() if m else None
