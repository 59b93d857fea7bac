"""A self-contained HTML report. Everything from articles and users is escaped: the file has no
script, no external resource and no attribute that came from content. The one link, to the
article's file by name, is percent-encoded, so it can carry no scheme (no "javascript:")."""

from __future__ import annotations

from html import escape
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from reader.export import Item

_CSS = """
body{font:16px/1.5 Georgia,'DejaVu Serif',serif;max-width:46em;margin:2em auto;padding:0 1em;color:#1f1f1f}
h1,h2,h3{font-family:system-ui,sans-serif}h2{margin-top:2em;border-bottom:1px solid #ccc}
.meta{color:#6b6a66;font-size:.9em}blockquote{margin:.5em 0;padding-left:1em;border-left:3px solid #ccc}
mark{background:#ffe066}.facts{font-size:.9em;color:#333}.note{white-space:pre-wrap}
"""


def render(items: list[Item]) -> str:
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<title>Annotations</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>Annotations</h1>",
    ]
    for _, grouped in groupby(items, key=lambda i: i.annotation.article_uri):
        group = list(grouped)
        art = group[0].article
        if art is None:
            out.append(
                f"<h2>{escape(group[0].annotation.article_uri)} (no longer in the library)</h2>"
            )
        else:
            out.append(f"<h2>{escape(art.title)}</h2>")
            meta = " · ".join(escape(x) for x in (art.source, art.date) if x)
            out.append(
                f'<p class="meta">{meta}{" · " if meta else ""}'
                f'File: <a href="{quote(Path(art.path).name)}">{escape(Path(art.path).name)}</a>'
                f" · {escape(art.uri)}</p>"
            )
        for item in group:
            a = item.annotation
            before, words, after = item.context()
            kind = "Claim" if a.claim else ("Note" if a.note else "Highlight")
            verdict = f" — {escape(a.verdict)}" if a.verdict else ""
            out.append(f"<h3>{kind}{verdict}</h3>")
            out.append(
                f"<blockquote>…{escape(before)}<mark>{escape(words)}</mark>{escape(after)}…"
                "</blockquote>"
            )
            facts = []
            for label, value in (
                ("Claimant", a.claimant),
                ("Status", a.status),
                ("Tags", ", ".join(a.tags) if a.tags else None),
                ("Colour", a.colour),
                ("Reviewer", a.reviewer),
                (
                    "Anchor",
                    f"{a.anchor_state} ({a.anchor_score:.2f})"
                    if a.anchor_state != "exact"
                    else None,
                ),
                ("Modified", a.modified),
            ):
                if value:
                    facts.append(f"<li>{label}: {escape(value)}</li>")
            for s in a.sources:
                # a link is text to copy, not an active element: the report never loads anything
                facts.append(
                    f"<li>Source: {escape(s.title or s.url)} — <code>{escape(s.url)}</code></li>"
                )
            out.append(f'<ul class="facts">{"".join(facts)}</ul>')
            if a.note:
                out.append(f'<div class="note">{escape(a.note)}</div>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"
