"""A reviewer's report in Markdown: per article, each annotation with its words in context."""

from __future__ import annotations

import re
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from reader.export import Item

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def escape(text: str) -> str:
    """Text from articles and users, made inert: no emphasis, links, headings or HTML."""
    out = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return re.sub(r"^([-=]|\d+\.)", r"\\\1", out)


def render(items: list[Item]) -> str:
    lines = ["# Annotations", ""]
    for _, grouped in groupby(items, key=lambda i: i.annotation.article_id):
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
            facts.append(f"Modified: {a.modified}")
            lines += [f"- {f}" for f in facts]
            for s in a.sources:
                title = escape(s.title or s.url)
                lines.append(f"- Source: {title} <{s.url.replace('>', '%3E').replace(' ', '%20')}>")
            if a.note:
                lines.append("")
                # the note is the user's own Markdown: kept as written, but quoted so it cannot
                # break the report's structure
                lines += [f"> {line}" if line else ">" for line in a.note.splitlines()]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"
