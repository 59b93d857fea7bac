"""Turn a captured page's text into the article: boilerplate out, repeats collapsed, metadata found.

The page is read as blocks (one per non-empty line, or per paragraph for hard-wrapped text) in
three zones: the *header* above the first paragraph of prose (kicker, headline, byline, date),
the *body*, and a *tail* of page furniture after the article. Rules describe kinds of furniture,
not lines of particular pages, and when a block is ambiguous it is kept.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

from reader.ingest import metadata as meta
from reader.ingest import patterns as pat
from reader.ingest.classify import (
    FURNITURE,
    HEADING,
    LIST_MARK_RE,
    NEUTRAL,
    PROSE,
    PROSE_AT,
    BlockIn,
    Verdict,
    classify,
)
from reader.model import Metadata

CLEANER_VERSION = 3
#: On a web page, the headline is looked for among this many lines above the article's body.
TITLE_WINDOW = 8

_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_QUOTE_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass
class _Block:
    text: str
    keep: bool = True
    #: a blank line before / after it in the capture (paragraphs stand alone, list items do not)
    gap_before: bool = True
    gap_after: bool = True
    #: the classifier saw furniture in it (a menu, a notice), which no fallback brings back
    furniture: bool = False
    #: why it was left out of the article (the first rule that dropped it)
    why: str = ""
    #: the reader decided this block (see :data:`Choices`)
    chosen: bool = False


def normalise_whitespace(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE_RE.sub("", text)
    return "\n".join(_SPACE_RE.sub(" ", line).strip() for line in text.split("\n"))


def _fold(line: str) -> str:
    """Comparison key: case, quote style and punctuation do not make a line different."""
    line = unicodedata.normalize("NFKC", line).translate(_QUOTE_FOLD).casefold()
    return " ".join(pat.words(line))


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Text wrapped at a fixed width: most lines followed by another line are 55–80 chars long."""
    runs = [a for a, b in itertools.pairwise(lines) if a and b]
    if len(runs) < 5:
        return False
    wrapped = sum(1 for a in runs if 55 <= len(a) <= 80)
    return wrapped >= 0.6 * len(runs)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a page saved as text was wrapped at (a text browser's dump), if it was: nearly
    every line fits in it, and lines that go on to the next one end just short of it."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 10:
        return None
    width = lengths[int(0.98 * (len(lengths) - 1))]
    if not 60 <= width <= 132:
        return None
    near = sum(1 for a, b in itertools.pairwise(lines) if a and b and width - 15 <= len(a) <= width)
    return width if near >= 5 else None


def _unwrap(lines: list[str], width: int) -> list[str]:
    """Lines of a wrapped capture put back together: a line ends where the next one's first
    word would not have fitted, unless the next one is an item of a list. Blank lines stay."""
    out: list[str] = []
    for line in lines:
        if (
            out
            and out[-1]
            and line
            and len(out[-1]) + 1 + len(line.split(" ", 1)[0]) > width
            and not LIST_MARK_RE.match(line)
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _blocks(text: str) -> list[_Block]:
    lines = text.split("\n")
    if not _is_hard_wrapped(lines):
        width = _wrap_width(lines)
        if width is not None:
            lines = _unwrap(lines, width)
        last = len(lines) - 1
        return [
            _Block(
                line, gap_before=i == 0 or not lines[i - 1], gap_after=i == last or not lines[i + 1]
            )
            for i, line in enumerate(lines)
            if line
        ]
    out: list[_Block] = []
    current: list[str] = []
    for line in [*lines, ""]:
        if line:
            current.append(line)
        elif current:
            out.append(_Block(" ".join(current)))
            current = []
    return out


def _shingles(text: str, n: int = 3) -> set[tuple[str, ...]]:
    toks = _fold(text).split()
    return {tuple(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1))}


#: The reader's own decisions on blocks of one article: a block's key (:func:`block_key`) →
#: keep it (``True``, article text) or leave it out (``False``, page furniture).
Choices = Mapping[str, bool]

#: Why a block is in or out when the reader decided it.
YOUR_CHOICE = "your choice"


def block_key(text: str) -> str:
    """A block's identity for the reader's choices: its words, folded (case, quotes, spaces),
    so it is the same block in the next version of the file."""
    folded = " ".join(_fold(text).split())
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=10).hexdigest()


class _Cleaner:
    def __init__(
        self,
        text: str,
        hint: Metadata | None,
        capture: bool = True,
        choices: Choices | None = None,
    ) -> None:
        self.blocks = _blocks(normalise_whitespace(text))
        self.choices = choices or {}
        self.capture = capture
        self.verdicts: list[Verdict] | None = None
        self.hint = hint or Metadata()
        self.title: str | None = self.hint.title
        self.source: str | None = self.hint.source
        self.byline: str | None = self.hint.byline
        self.date: str | None = self.hint.date

    # -- zones ------------------------------------------------------------------------------
    def _body_start(self, verdicts: list[Verdict] | None) -> int:
        if verdicts is not None:
            for i, v in enumerate(verdicts):
                if v.keep and v.score >= PROSE_AT and self.blocks[i].keep:
                    return i
        for i, b in enumerate(self.blocks):
            if b.keep and pat.is_prose(b.text) and not pat.is_boilerplate(b.text):
                return i
        return len(self.blocks)

    def run(self) -> tuple[str, Metadata]:
        self._drop_furniture()
        verdicts = self.verdicts = self._classify() if self.capture else None
        if verdicts is not None and not any(v.kind == PROSE for v in verdicts):
            # No prose at all (an index of headlines, a table): nothing to weigh it against, so
            # the text stays but for what shows furniture, as the rules alone would have it.
            for b, v in zip(self.blocks, verdicts, strict=True):
                b.furniture = v.kind == FURNITURE
                if b.furniture:
                    self._drop(b, v.why)
            verdicts = self.verdicts = None
        start = self._body_start(verdicts)
        self._header(start)
        if verdicts is not None:
            self._apply(verdicts, start)
        self._body(start)
        self._tail(start)
        self._repeats()
        if not any(b.keep for b in self.blocks):
            # No prose at all (a table of results, a list of rates): when unsure, keep the text,
            # leaving out only what is certainly page furniture, and the headline (its first line).
            text = [b for b in self.blocks if not b.furniture]
            first = text[0].text if text else ""
            if first and len(pat.words(first)) <= 15:
                self.title = first
            for b in text:
                if b.text == self.title:
                    b.why = "headline"
                elif not (
                    pat.is_boilerplate(b.text)
                    or pat.is_hashtag_line(b.text)
                    or pat.is_menu_line(b.text)
                ):
                    b.keep, b.why = True, ""
        self._choices()
        kept = [b.text for b in self.blocks if b.keep]
        return "\n\n".join(kept), Metadata(self.title, self.source, self.byline, self.date)

    def _choices(self) -> None:
        """The reader has the last word on a block: what they marked as article text is kept,
        what they marked as furniture goes, whatever the rules said."""
        if not self.choices:
            return
        for b in self.blocks:
            keep = self.choices.get(block_key(b.text))
            if keep is not None and keep != b.keep:
                b.keep, b.why = keep, "" if keep else YOUR_CHOICE
            if keep is not None:
                b.chosen = True

    def _seen_as(self, i: int) -> str:
        """The kind of furniture the classifier saw in block ``i``, if it saw one."""
        return self.verdicts[i].why if self.verdicts is not None else ""

    def _drop(self, block: _Block, why: str) -> None:
        if block.keep:
            block.keep, block.why = False, why or "page furniture"

    # -- rules applied everywhere -------------------------------------------------------------
    def _drop_furniture(self) -> None:
        blocks = self.blocks
        for i, b in enumerate(blocks):
            t = b.text
            if pat.CAPTION_LABEL_RE.match(t):
                self._drop(b, "caption")
                # The label announces the caption (or the video's title) on the next line.
                if i + 1 < len(blocks) and len(pat.words(blocks[i + 1].text)) <= 30:
                    self._drop(blocks[i + 1], "caption")
            elif (
                pat.is_boilerplate(t)
                or pat.is_hashtag_line(t)
                or pat.is_menu_line(t)
                or pat.NUMERIC_RE.match(t)
            ):
                self._drop(b, "page furniture")
            elif pat.DURATION_RE.match(t):
                self._drop(b, "video player")
                # A video player: duration, then its title (sometimes twice).
                j = i + 1
                while j < len(blocks) and j <= i + 2 and not pat.is_prose(blocks[j].text):
                    if j > i + 1 and _fold(blocks[j].text) != _fold(blocks[i + 1].text):
                        break
                    self._drop(blocks[j], "video player")
                    j += 1
            elif len(pat.words(t)) <= 40 and pat.TRAILING_CREDIT_RE.search(t):
                self._drop(b, "caption")  # a photo caption with its credit
            elif (
                0 < i < len(blocks) - 1
                and pat.is_teaser_headline(t)
                and pat.is_prose(blocks[i - 1].text)
                and pat.is_prose(blocks[i + 1].text)
            ):
                self._drop(b, "another story's headline")  # a link set inside the article

    # -- the article's blocks among the page's ------------------------------------------------
    def _classify(self) -> list[Verdict] | None:
        return classify(
            [BlockIn(b.text, b.gap_before, b.gap_after, furniture=not b.keep) for b in self.blocks]
        )

    def _apply(self, verdicts: list[Verdict], start: int) -> None:
        """Keep what the classifier kept from the body on; above it, only what leads into it."""
        for b, v in zip(self.blocks[start:], verdicts[start:], strict=True):
            if not v.keep:
                self._drop(b, v.why)
        # Between the headline and the first paragraph: a standfirst or summary stays when it
        # reads like text, up to the first block that looks like furniture.
        leading, after = True, PROSE
        for i in range(start - 1, -1, -1):
            b = self.blocks[i]
            if not b.keep:
                continue
            kind = verdicts[i].kind
            # a heading over a heading is a list of links, not the article's standfirst
            leading = leading and (kind == NEUTRAL or (kind == HEADING and after != HEADING))
            after = kind
            if not leading:
                self._drop(b, "above the article, not its standfirst")

    # -- header: kicker, headline, byline, date ------------------------------------------------
    def _header(self, start: int) -> None:
        header = [i for i in range(start) if self.blocks[i].keep]
        byline_at = self._byline_block(header)
        for i in header:
            if i in byline_at:
                continue
            found = meta.date_line(self.blocks[i].text)
            if found:
                self.date = self.date or found
                self._drop(self.blocks[i], "date line")
            elif pat.EMPTY_LABEL_RE.match(self.blocks[i].text):
                self._drop(self.blocks[i], "empty label")
        header = [i for i in header if self.blocks[i].keep and i not in byline_at]
        title_at = self._title(header)
        for i in header:
            # Above the headline there is only page chrome: section names, promos, kickers.
            if title_at is not None and i < title_at:
                self._drop(self.blocks[i], self._seen_as(i) or "above the headline")
        if self.title:
            key = _fold(self.title)
            for i in range(min(start + 1, len(self.blocks))):
                if _fold(self.blocks[i].text) == key:
                    self._drop(self.blocks[i], "headline")

    def _byline_block(self, header: list[int]) -> set[int]:
        used: set[int] = set()
        for n, i in enumerate(header):
            found = meta.byline(self.blocks[i].text)
            if not found:
                continue
            name, rest = found
            self.byline = self.byline or name
            used.add(i)
            self._drop(self.blocks[i], "byline")
            parts = [rest] if rest else []
            follow = header[n + 1 : n + 3]
            for j in follow:
                text = self.blocks[j].text
                if meta.outlet(text) or meta.is_role(text) or meta.date_line(text):
                    parts.append(text)
                    used.add(j)
                    self._drop(self.blocks[j], "byline")
                else:
                    break
            for part in parts:
                outlet = meta.outlet(part)
                if outlet and not self.source:
                    self.source = pat.BULLET_RE.sub("", outlet)
                found_date = meta.date_line(part)
                if found_date and not self.date:
                    self.date = found_date
            break
        return used

    def _title(self, header: list[int]) -> int | None:
        """Index of the headline: a repeated title-like line, else the last one before the body."""
        if self.title:
            key = _fold(self.title)
            for i in header:
                if _fold(self.blocks[i].text) == key:
                    return i
            return None
        # Page chrome above a headline is a few lines; further down it is not a header any more.
        if self.verdicts is not None:
            return self._web_title(header)
        candidates = [i for i in header[:10] if self._title_like(i)]
        if not candidates:
            return None
        keys = [_fold(self.blocks[i].text) for i in candidates]
        repeated = [i for i, key in zip(candidates, keys, strict=True) if keys.count(key) > 1]
        if repeated:
            chosen = repeated[-1]  # its last copy ends the chrome above the headline
        elif candidates[0] == 0:
            chosen = 0  # plain-text convention: the first line is the headline
        else:
            chosen = candidates[-1]  # kickers and promos come first, then the headline
        self.title = self.blocks[chosen].text
        return chosen

    def _title_like(self, i: int) -> bool:
        text = self.blocks[i].text
        return pat.is_title_like(text) and not pat.BULLET_RE.match(text)

    def _web_title(self, header: list[int]) -> int | None:
        """The headline of a web page, whose menus run long: the first title-like line of the
        last stretch of the header free of furniture that has one (the headline comes before
        its standfirst; menus, promos and captions are furniture)."""
        assert self.verdicts is not None
        stretches: list[list[int]] = [[]]
        last = -1
        for i in header[-TITLE_WINDOW:]:
            furniture = self.verdicts[i].kind == FURNITURE
            if furniture or any(not b.keep for b in self.blocks[last + 1 : i]):
                stretches.append([])
            if not furniture:
                stretches[-1].append(i)
            last = i
        for stretch in reversed(stretches):
            candidates = [i for i in stretch if self._title_like(i)]
            if candidates:
                self.title = self.blocks[candidates[0]].text
                return candidates[0]
        return None

    # -- body -----------------------------------------------------------------------------------
    def _body(self, start: int) -> None:
        for b in self.blocks[start : start + 3]:
            if b.keep and not self.source:
                self.source = meta.dateline_source(b.text)

    def _tail(self, start: int) -> None:
        """Cut trailing page furniture: from an end marker on, unless prose follows it."""
        blocks = self.blocks
        for i in range(start + 1, len(blocks)):
            t = blocks[i].text
            marker = pat.TAIL_MARKER_RE.match(pat.BULLET_RE.sub("", t)) or pat.is_hashtag_line(t)
            if not marker:
                continue
            rest = blocks[i + 1 :]
            if any(len(pat.words(b.text)) >= 30 and not pat.is_boilerplate(b.text) for b in rest):
                self._drop(blocks[i], "end marker")
                continue
            for b in blocks[i:]:
                self._drop(b, "after the article's end")
            return

    def _repeats(self) -> None:
        """Drop blocks that repeat earlier text: exact repeats, and paragraphs mostly made of it."""
        seen_keys: set[str] = set()
        seen_shingles: set[tuple[str, ...]] = set()
        title_key = _fold(self.title) if self.title else None
        for b in self.blocks:
            if not b.keep:
                continue
            key = _fold(b.text)
            if not key:
                self._drop(b, "repeated")
                continue
            if key == title_key or (key in seen_keys and _is_paragraph(b.text)):
                self._drop(b, "repeated")
                continue
            shingles = _shingles(b.text)
            if _is_paragraph(b.text) and len(pat.words(b.text)) >= 12 and shingles:
                covered = len(shingles & seen_shingles) / len(shingles)
                if covered >= 0.8:
                    self._drop(b, "repeated")
                    continue
            seen_keys.add(key)
            seen_shingles |= shingles


def _is_paragraph(text: str) -> bool:
    """Worded text, not a table row: repeating it is a capture artefact, not data."""
    tokens = text.split()
    alpha = sum(1 for t in tokens if any(c.isalpha() for c in t))
    return len(tokens) >= 8 and alpha >= 0.7 * len(tokens)


@dataclass(frozen=True)
class BlockDecision:
    """One block of the text as read: whether the article keeps it, and if not, why (for a view
    of what was removed, and for a reader who disagrees)."""

    text: str
    kept: bool
    why: str
    #: the block's identity for the reader's choices (:func:`block_key`)
    key: str = ""
    #: the reader decided it, not the rules
    chosen: bool = False


def explain(
    text: str,
    hint: Metadata | None = None,
    *,
    capture: bool = True,
    choices: Choices | None = None,
) -> list[BlockDecision]:
    """Every block of ``text`` with the cleaner's decision on it, in order."""
    cleaner = _Cleaner(text, hint, capture, choices)
    cleaner.run()
    return [
        BlockDecision(b.text, b.keep, b.why, block_key(b.text), b.chosen) for b in cleaner.blocks
    ]


def clean(
    text: str,
    hint: Metadata | None = None,
    *,
    capture: bool = True,
    choices: Choices | None = None,
) -> tuple[str, Metadata]:
    """Return the cleaned article text and the metadata found (``hint`` values take precedence).

    ``capture``: the text is a page as saved or copied, furniture and all, so each block is
    weighed as article or furniture; text already extracted (from HTML) only gets the rules.
    ``choices``: the reader's own decisions on blocks, which override the rules.
    """
    return _Cleaner(text, hint, capture, choices).run()
