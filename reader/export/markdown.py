"""A reviewer's report in Markdown: per article, each annotation with its words in context.

Notes are the user's own Markdown and stay Markdown, but a report may be opened in any viewer,
and notes can come from an import: so raw HTML is shown as text, images become plain links (a
viewer would fetch them), and only web and mail links stay links (no ``javascript:``)."""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

from reader.export import Item, Trail, safe_url, today

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^(\s{0,3})\[([^\]]*)\]:\s*<?(\S*?)>?(\s|$)")


def escape(text: str) -> str:
    """Text from articles and users, made inert: no emphasis, links, headings or HTML."""
    out = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^([-=]|\d+\.)", r"\\\1", out)


def _inline(text: str) -> str:
    """Like :func:`escape`, for a piece of a line: its spaces at either end are kept (one)."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def _punctuation(char: str, symbols: bool = True) -> bool:
    """A punctuation character as CommonMark reads one (0.31 counts symbols too: emoji, €)."""
    kind = unicodedata.category(char)
    return kind.startswith("P") or (symbols and kind.startswith("S"))


def _can_open(outside: str, inside: str) -> bool:
    """Whether ``**`` between these characters opens bold (it is left-flanking). Read
    strictly, so that CommonMark before and after 0.31 agree: a symbol inside counts as
    punctuation, one outside does not."""
    if inside.isspace():
        return False
    return not _punctuation(inside) or outside.isspace() or _punctuation(outside, symbols=False)


def _can_close(inside: str, outside: str) -> bool:
    return _can_open(outside, inside)


def marked(before: str, words: str, after: str) -> str:
    """The annotated words in bold within their context, joined as in the text
    ("…B**ut Beijing**, …"). Bold never begins or ends with a space (a viewer would show the
    asterisks): spaces at the words' ends go outside it, and so does punctuation that would
    stop it opening or closing where no space parts it from the context (rare: ``x“y``)."""
    before, words, after = (re.sub(r"\s+", " ", t) for t in (before, words, after))
    core = words.strip()
    if not core:
        return _inline(re.sub(" +", " ", before + words + after))
    lead, trail = words[: words.index(core)], words[words.index(core) + len(core) :]
    before, after = re.sub(" +$", " ", before + lead), re.sub("^ +", " ", trail + after)
    while core and not _can_open(before[-1:] or "…", core[0]):
        before, core = before + core[0], core[1:]
    while core and not _can_close(core[-1], after[:1] or "…"):
        core, after = core[:-1], core[-1] + after
    if not core:  # nothing bold could hold (a lone mark between letters): the text as it is
        return _inline(before + after)
    return f"{_inline(before)}**{_inline(core)}**{_inline(after)}"


def safe_note(note: str) -> str:
    """A note's Markdown with nothing a viewer would load or run: no HTML, no images, no links
    but to web pages and mail."""
    text = note.replace("&", "&amp;").replace("<", "&lt;")
    text = text.replace("![", "!\\[")  # an image is a link to the picture, never loaded

    def inline(m: re.Match[str]) -> str:
        return m.group(0) if safe_url(m.group(1)) else "]\\(" + m.group(0)[2:]

    def reference(m: re.Match[str]) -> str:
        return m.group(0) if safe_url(m.group(3)) else m.group(1) + "\\" + m.group(0).lstrip()

    text = _INLINE_LINK.sub(inline, text)
    return "\n".join(_REFERENCE.sub(reference, line) for line in text.splitlines())


def render(items: list[Item], title: str = "", author: str = "") -> str:
    articles = len({i.annotation.article_uri for i in items})
    made = f"Made on {today()}" + (f" by {escape(author)}" if author.strip() else "")
    lines = [
        f"# {escape(title) or 'Annotations'}",
        "",
        f"{made} · {len(items)} annotation(s) from {articles} article(s)",
        "",
    ]
    for _, grouped in groupby(items, key=lambda i: i.annotation.article_uri):
        group = list(grouped)
        art = group[0].article
        if art is None:
            uri = escape(group[0].annotation.article_uri)
            lines += [f"## Article {uri} (no longer in the library)", ""]
        else:
            lines += [f"## {escape(art.title)}", ""]
            # the file by name and folder, as text: a link to it would lead nowhere once the
            # report is sent; the identifier is what finds the article in any library
            name, folder = art.file_and_folder()
            facts = [
                f"Source: {escape(art.source or 'unknown')}",
                f"Date: {escape(art.date or 'unknown')}",
                f"File: {escape(name)}" + (f" in {escape(folder)}" if folder else ""),
                f"Identifier: {escape(art.uri)}",
            ]
            lines += [f"{fact}  " for fact in facts[:-1]] + [facts[-1], ""]
        for item in group:
            a = item.annotation
            before, words, after = item.context()
            kind = "Claim" if a.claim else ("Note" if a.note else "Highlight")
            lines.append(f"### {kind}" + (f" — {escape(a.verdict)}" if a.verdict else ""))
            lines.append("")
            lines.append(f"> …{marked(before, words, after)}…")
            lines.append("")
            facts = []
            if a.claimant:
                facts.append(f"Claimant: {escape(a.claimant)}")
            if a.status:
                facts.append(f"Status: {escape(a.status)}")
            if a.tags:
                facts.append("Tags: " + ", ".join(escape(t) for t in a.tags))
            if a.colour:
                facts.append(f"Colour: {escape(a.colour)}")
            if a.reviewer:
                facts.append(f"Reviewer: {escape(a.reviewer)}")
            if a.anchor_state != "exact":
                facts.append(f"Anchor: {a.anchor_state} ({a.anchor_score:.2f})")
            facts.append(f"Modified: {escape(a.modified)}")
            lines += [f"- {f}" for f in facts]
            for s in a.sources:
                label = escape(s.title or s.url)
                if safe_url(s.url):
                    link = s.url.replace(">", "%3E").replace(" ", "%20").replace("<", "%3C")
                    lines.append(f"- Source: {label} <{link}>")
                elif s.title:  # not a web address: shown, never a link
                    lines.append(f"- Source: {label} ({escape(s.url)})")
                else:
                    lines.append(f"- Source: {label}")
            if item.trail is not None:
                lines += _trail_lines(item.trail)
            if a.note:
                lines.append("")
                # the note is the user's own Markdown, kept (made inert), and quoted so it
                # cannot break the report's structure
                lines += [f"> {line}" if line else ">" for line in safe_note(a.note).splitlines()]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _trail_lines(trail: Trail) -> list[str]:
    """The claim's trail: first appearance, every article that repeats it, how its words
    changed ([+added] [-removed]) and who it is given to."""
    out = [f"- Trail: {escape(trail.said)} (statement {escape(trail.statement)})"]
    if trail.flag:
        out.append(f"  - ⚑ The same words are given to different people: {escape(trail.flag)}")
    for p in trail.places:
        where = " · ".join(x for x in (p.date or "undated", p.outlet or "outlet unknown"))
        marks = (" — first" if p.first else "") + (" — this article" if p.here else "")
        who = f" — {escape(p.speaker)}" if p.speaker else ""
        name = escape(p.path.replace("\\", "/").rsplit("/", 1)[-1])
        out.append(f"  - {escape(where)}{marks}: {escape(p.title)} ({name}){who}  ")
        out.append(f"    “{escape(p.words)}”")
    return out
