"""A self-contained HTML report: a header with its title, date and author, then per article its
source, date, file and identifier, and each annotation with its words in context, its facts,
its sources as links and its note rendered from Markdown.

The file is inert: no script, no style or image from elsewhere, no attribute that came from
content but a link's address (``href``), and a link only to a web or mail address (``safe_url``), opened
without telling the page where it came from (``rel="noopener noreferrer"``). Everything else
from articles and users is escaped. Notes are rendered by markdown-it-py (CommonMark) limited to
paragraphs, emphasis, lists, quotations, code and links: raw HTML shows as text, an image is a
link to the picture (never loaded), and a heading or table shows as the text it was typed as."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from itertools import groupby
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from reader.export import Item, Trail, safe_url, today

_CSS = """
body{font:16px/1.5 Georgia,'DejaVu Serif',serif;max-width:46em;margin:2em auto;padding:0 1em;color:#1f1f1f}
h1,h2,h3{font-family:system-ui,sans-serif}h2{margin-top:2em;border-bottom:1px solid #ccc}
.meta{color:#6b6a66;font-size:.9em}blockquote{margin:.5em 0;padding-left:1em;border-left:3px solid #ccc}
mark{background:#ffe066}.facts{font-size:.9em;color:#333}.note{border-left:3px solid #9ab;padding-left:1em}
.trail{font-size:.9em}.trail .flag{color:#b35900}ins{color:#1b7f3b}del{color:#b3261e}
"""

#: rel of every link: the page opened learns nothing of the report and cannot reach back to it
REL = "noopener noreferrer"


def _link_open(
    self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
) -> str:
    token = tokens[idx]
    token.attrs = {"href": token.attrs.get("href", ""), "rel": REL}  # no title, nothing else
    return self.renderToken(tokens, idx, options, env)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False})
    md.options["maxNesting"] = 20  # a note nested a thousand deep renders flat, not slowly
    md.enable(["list", "blockquote", "code", "fence", "reference"])
    md.enable(["newline", "escape", "backticks", "emphasis", "link", "autolink", "entity"])
    # a link only to a web or mail address; anything else ("javascript:", "file:", a relative
    # name that would resolve beside the report) is shown as the text it was typed as
    md.validateLink = safe_url  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    return md


#: A note markdown-it would render as plain paragraphs: no character any enabled rule reads,
#: no line that could open a list, quotation or code block, none ending in spaces (a break).
_PLAIN = re.compile(r"[^*_`\[\]<>&\\~\r\t\x00\x0b\x0c]*")
_NOT_PLAIN_LINE = re.compile(r"^(?:\s|[-+*>#=]|\d{1,9}[.)])|\s$", re.MULTILINE)


def note_html(note: str) -> str:
    """A note's Markdown as safe HTML (see the module's notes). A note of plain sentences (as
    most are) is set in paragraphs directly, as markdown-it would, ten times as fast."""
    if _PLAIN.fullmatch(note) and not _NOT_PLAIN_LINE.search(note):
        paragraphs = (p.strip("\n") for p in re.split(r"\n{2,}", note))
        return "".join("<p>" + p.replace('"', "&quot;") + "</p>\n" for p in paragraphs if p)
    return _markdown().render(note)


def link(url: str, label: str) -> str:
    """``label`` linked to ``url`` when it is a web or mail address, else both as text."""
    if safe_url(url):
        return f'<a href="{escape(url.strip(), quote=True)}" rel="{REL}">{escape(label)}</a>'
    return escape(label) if label == url else f"{escape(label)} ({escape(url)})"


def render(items: list[Item], title: str = "", author: str = "") -> str:
    title = " ".join(title.split()) or "Annotations"
    articles = len({i.annotation.article_uri for i in items})
    made = f"Made on {today()}" + (f" by {escape(author.strip())}" if author.strip() else "")
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{escape(title)}</title>",
        f"<style>{_CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>",
        f'<p class="meta">{made} · {len(items)} annotation(s) from {articles} article(s)</p>'
        "</header>",
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
            # the file by name and folder, as text: a link to it would lead nowhere once the
            # report is sent; the identifier finds the article in any library
            name, folder = art.file_and_folder()
            where = escape(name) + (f" in {escape(folder)}" if folder else "")
            out.append(
                f'<p class="meta">Source: {escape(art.source or "unknown")}'
                f" · Date: {escape(art.date or 'unknown')}<br>File: {where}"
                f"<br>Identifier: {escape(art.uri)}</p>"
            )
        for item in group:
            out += _annotation(item)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _annotation(item: Item) -> list[str]:
    a = item.annotation
    before, words, after = item.context()
    core = words.strip()  # the spaces a selection took at its ends are shown, not marked
    lead = words[: len(words) - len(words.lstrip())]
    trail = words[len(words.rstrip()) :] if core else ""
    kind = "Claim" if a.claim else ("Note" if a.note else "Highlight")
    verdict = f" — {escape(a.verdict)}" if a.verdict else ""
    out = [
        f"<h3>{kind}{verdict}</h3>",
        f"<blockquote>…{escape(before + lead)}<mark>{escape(core)}</mark>"
        f"{escape(trail + after)}…</blockquote>",
    ]
    facts = []
    anchor = f"{a.anchor_state} ({a.anchor_score:.2f})" if a.anchor_state != "exact" else None
    values: list[tuple[str, Any]] = [
        ("Claimant", a.claimant),
        ("Status", a.status),
        ("Tags", ", ".join(a.tags) if a.tags else None),
        ("Colour", a.colour),
        ("Reviewer", a.reviewer),
        ("Anchor", anchor),
        ("Modified", a.modified),
    ]
    for label, value in values:
        if value:
            facts.append(f"<li>{label}: {escape(value)}</li>")
    for s in a.sources:
        facts.append(f"<li>Source: {link(s.url, s.title or s.url)}</li>")
    out.append(f'<ul class="facts">{"".join(facts)}</ul>')
    if item.trail is not None:
        out += _trail(item.trail)
    if a.note:
        out.append(f'<div class="note">{note_html(a.note)}</div>')
    return out


def _trail(trail: Trail) -> list[str]:
    """The claim's trail: first appearance, every article that repeats it, the wording's
    changes (added words underlined, removed ones struck through) and who it is given to."""
    out = [
        '<div class="trail">',
        f"<p><b>Trail</b>: {escape(trail.said)} <small>(statement {escape(trail.statement)})"
        "</small></p>",
    ]
    if trail.flag:
        out.append(
            f'<p class="flag">⚑ The same words are given to different people: '
            f"{escape(trail.flag)}</p>"
        )
    out.append("<ol>")
    for p in trail.places:
        where = " · ".join(x for x in (p.date or "undated", p.outlet or "outlet unknown"))
        marks = (" — first" if p.first else "") + (" — this article" if p.here else "")
        who = f" — {escape(p.speaker)}" if p.speaker else ""
        words = _marked_drift(p.parts)
        out.append(
            f"<li>{escape(where)}{marks}: {escape(p.title)}{who}<br>"
            f'<span class="words">“{words}”</span></li>'
        )
    out += ["</ol>", "</div>"]
    return out


def _marked_drift(parts: tuple[tuple[str, str, str], ...]) -> str:
    """Added words as <ins>, removed ones as <del>; all escaped."""
    marks = {
        "insert": "<ins>{0}</ins>",
        "delete": "<del>{0}</del>",
        "replace": "<del>{1}</del><ins>{0}</ins>",
    }
    return " ".join(
        marks.get(op, "{0}").format(escape(words), escape(was)) for op, words, was in parts
    )
