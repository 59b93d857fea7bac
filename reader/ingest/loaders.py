"""Files to :class:`CleanedDocument`: one loader per format, all ending in the same cleaner."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from reader.ingest.clean import BlockDecision, Choices, clean, explain
from reader.ingest.encoding import NotTextError, decode
from reader.model import CleanedDocument, Metadata

FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
#: No news article comes near this; bigger files are dumps or logs, refused before reading.
MAX_BYTES = 16 * 1024 * 1024
#: Files that sit beside articles in a folder but are not articles themselves.
#: Why a README or licence in a folder is passed over: skipped by design, not a problem.
NOT_AN_ARTICLE = "looks like a README or licence, not an article (add it by name)"
_NOT_ARTICLES = re.compile(
    r"^(readme|licen[cs]e|copying|changelog|contributing|authors|notice)([._-].*)?$", re.I
)


class IngestError(Exception):
    """A file that cannot be imported; the message says why, in words a user understands."""


def format_of(path: str | os.PathLike[str]) -> str | None:
    return FORMATS.get(os.path.splitext(path)[1].lower())


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str | None]]:
    """Yield ``(file, refusal)`` for everything under ``paths``, recursively, in a stable order.

    ``refusal`` is ``None`` for files to import, else the reason they are skipped. Symlinked
    folders are followed once (loops are detected); hidden files and folders are skipped.
    """
    for name, refusal in iter_file_names(paths):
        yield Path(name), refusal


def iter_file_names(
    paths: Iterable[str | os.PathLike[str]],
) -> Iterator[tuple[str, str | None]]:
    """:func:`iter_files` as strings: a re-scan of 21,000 unchanged files spends a tenth of
    its time making ``Path`` objects it never needs."""
    for name, refusal, _real, _st in iter_file_stats(paths):
        yield name, refusal


def iter_file_stats(
    paths: Iterable[str | os.PathLike[str]],
) -> Iterator[tuple[str, str | None, str | None, os.stat_result | None]]:
    """:func:`iter_file_names` with each file's absolute path (folders resolved) and its
    ``lstat``, when the folder listing gives them for the price of one system call and no
    path splitting (a re-scan of 200,000 unchanged files is mostly this); ``None`` for a
    symbolic link or a file given by name, which the caller resolves."""
    seen_dirs: set[tuple[int, int]] = set()

    def walk(
        folder: str,
    ) -> Iterator[tuple[str, str | None, str | None, os.stat_result | None]]:
        try:
            st = os.stat(folder)
        except OSError as exc:
            yield folder, f"cannot open folder: {exc.strerror or exc}", None, None
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return  # a symlink loop or a folder reached twice
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
            real = os.path.realpath(folder, strict=True) + os.sep
        except OSError as exc:
            yield folder, f"cannot list folder: {exc.strerror or exc}", None, None
            return
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                yield from walk(entry.path)
                continue
            dot = name.rfind(".")
            if dot <= 0 or name[dot:].lower() not in FORMATS:
                continue  # pictures, PDFs and the like in a folder are not ours to judge
            if _NOT_ARTICLES.match(name):
                yield entry.path, NOT_AN_ARTICLE, None, None
                continue
            try:
                if entry.is_symlink():
                    yield entry.path, None, None, None
                else:
                    yield entry.path, None, real + name, entry.stat(follow_symlinks=False)
            except OSError:
                yield entry.path, None, None, None  # gone meanwhile: the caller says so

    for raw in paths:
        path = os.fspath(raw)
        if os.path.isdir(path):
            yield from walk(path)
        elif not os.path.exists(path):
            yield path, "no such file or folder", None, None
        elif format_of(path) is None:
            suffix = os.path.splitext(path)[1] or "(none)"
            yield path, f"unsupported file type {suffix!r}; use .txt, .md or .html", None, None
        else:
            yield path, None, None, None


def read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise IngestError(
                f"too large for an article ({size // (1024 * 1024)} MB; the limit is"
                f" {MAX_BYTES // (1024 * 1024)} MB)"
            )
        return path.read_bytes()
    except PermissionError as exc:
        raise IngestError("permission denied") from exc
    except IsADirectoryError as exc:
        raise IngestError("is a folder") from exc
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}") from exc


def load(data: bytes, fmt: str, choices: Choices | None = None) -> CleanedDocument:
    """Decode, extract and clean one document's bytes (with the reader's ``choices`` on its
    blocks, if any)."""
    try:
        original, encoding = decode(data)
    except NotTextError as exc:
        raise IngestError(f"not a text file: {exc}") from exc
    return clean_document(original, encoding, fmt, choices)


def _extracted(original: str, fmt: str) -> tuple[str, Metadata | None]:
    """The text to clean: a page's main content (HTML), Markdown as text, or the text itself."""
    if fmt == "html":
        return html_to_text(original)
    if fmt == "markdown":
        return markdown_to_text(original)
    return original, None


def clean_document(
    original: str, encoding: str, fmt: str, choices: Choices | None = None
) -> CleanedDocument:
    """Extract and clean a document already decoded (also when the reader changes a choice)."""
    if not original.strip():
        raise IngestError("the file is empty")
    body, hint = _extracted(original, fmt)
    text, metadata = clean(body, hint, capture=fmt == "text", choices=choices)
    if not text.strip():
        raise IngestError("no article text found (only page furniture such as menus or prompts)")
    return CleanedDocument(original, text, metadata, encoding, fmt)


def decisions(original: str, fmt: str, choices: Choices | None = None) -> list[BlockDecision]:
    """Each block of a document with what the cleaner (and the reader) decided about it."""
    body, hint = _extracted(original, fmt)
    return explain(body, hint, capture=fmt == "text", choices=choices)


# -- HTML --------------------------------------------------------------------------------------
def html_to_text(html: str) -> tuple[str, Metadata]:
    """Main-content text of a page, via trafilatura (parses the string; never fetches anything)."""
    import trafilatura  # imported lazily: it costs ~0.3 s and plain-text imports never need it

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises a variety of lxml errors on broken markup
        doc = None
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return _html_fallback(html), Metadata()
    hint = Metadata(
        title=_none_if_blank(getattr(doc, "title", None)),
        source=_none_if_blank(getattr(doc, "sitename", None)),
        byline=_none_if_blank(getattr(doc, "author", None)),
        date=_none_if_blank(getattr(doc, "date", None)),
    )
    # Paragraphs come one per line; blank lines keep the cleaner's blocks apart.
    title = hint.title
    body = "\n\n".join(line for line in text.split("\n") if line.strip())
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    return body, hint


def _html_fallback(html: str) -> str:
    """All visible text, for pages trafilatura finds no article in (scripts and styles dropped)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except Exception:
        return re.sub(r"<[^>]*>", " ", html)
    for bad in root.xpath("//script|//style|//noscript|//template|//iframe|//head"):
        bad.drop_tree()
    blocks = []
    for el in root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote", "pre", "td", "div"):
        if el.tag == "div" and any(c.tag in ("p", "div") for c in el):
            continue
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text)
    return "\n\n".join(blocks) or " ".join(root.text_content().split())


# -- Markdown ----------------------------------------------------------------------------------
_FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_MD_RULES = [
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their text
    (re.compile(r"^#{1,6}\s+", re.M), ""),  # headings
    (re.compile(r"^>\s?", re.M), ""),  # block quotes
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"^\s*([-*+])\s+", re.M), "• "),  # list items
    (re.compile(r"^(\s*[-*_]){3,}\s*$", re.M), ""),  # rules
]


def markdown_to_text(source: str) -> tuple[str, Metadata | None]:
    hint = None
    m = _FRONT_MATTER_RE.match(source.replace("\r\n", "\n"))
    if m:
        fields = {}
        for line in m.group(1).split("\n"):
            key, _, value = line.partition(":")
            fields[key.strip().lower()] = value.strip().strip("\"'") or None
        hint = Metadata(
            title=fields.get("title"),
            source=fields.get("source") or fields.get("publisher"),
            byline=fields.get("author"),
            date=(fields.get("date") or "")[:10] or None,
        )
        source = source.replace("\r\n", "\n")[m.end() :]
        if hint.title:
            source = f"{hint.title}\n\n{source}"
    for regex, repl in _MD_RULES:
        source = regex.sub(repl, source)
    return source, hint


def _none_if_blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None
