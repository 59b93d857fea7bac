"""A reviewer's report in Markdown: per article, each annotation with its words in context.

Notes are the user's own Markdown and stay Markdown, but a report may be opened in any viewer,
and notes can come from an import: so raw HTML is shown as text, images become plain links (a
viewer would fetch them), and only web and mail links stay links (no ``javascript:``)."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from reader.export import Item, safe_url

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^(\s{0,3})\[([^\]]*)\]:\s*<?(\S*?)>?(\s|$)")


def escape(text: str) -> str:
    """Text from articles and users, made inert: no emphasis, links, headings or HTML."""
    out = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^([-=]|\d+\.)", r"\\\1", out)


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


def render(items: list[Item]) -> str:
    lines = ["# Annotations", ""]
    for _, grouped in groupby(items, key=lambda i: i.annotation.article_uri):
        group = list(grouped)
        art = group[0].article
        if art is None:
            lines += [
                f"## Article {group[0].annotation.article_uri} (no longer in the library)",
                "",
            ]
        else:
            lines.append(f"## {escape(art.title)}")
            meta = " · ".join(escape(x) for x in (art.source, art.date) if x)
            lines.append("")
            if meta:
                lines.append(f"{meta}  ")
            name = Path(art.path).name
            # a link by file name only: it works beside the articles and writes no personal path
            lines += [f"File: [{escape(name)}]({quote(name)}) · `{art.uri}`", ""]
        for item in group:
            a = item.annotation
            before, words, after = item.context()
            kind = "Claim" if a.claim else ("Note" if a.note else "Highlight")
            lines.append(f"### {kind}" + (f" — {escape(a.verdict)}" if a.verdict else ""))
            lines.append("")
            lines.append(f"> …{escape(before)} **{escape(words)}** {escape(after)}…")
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
                title = escape(s.title or s.url)
                if safe_url(s.url):
                    link = s.url.replace(">", "%3E").replace(" ", "%20").replace("<", "%3C")
                    lines.append(f"- Source: {title} <{link}>")
                elif s.title:  # not a web address: shown, never a link
                    lines.append(f"- Source: {title} ({escape(s.url)})")
                else:
                    lines.append(f"- Source: {title}")
            if a.note:
                lines.append("")
                # the note is the user's own Markdown, kept (made inert), and quoted so it
                # cannot break the report's structure
                lines += [f"> {line}" if line else ">" for line in safe_note(a.note).splitlines()]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
