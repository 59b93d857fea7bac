"""Formats (text, Markdown, HTML) and folder walking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ingest import IngestError, iter_file_stats, iter_files, load

BODY = (
    "The city council voted on Tuesday to raise local taxes by 3% next year, citing a budget gap "
    "of £12m that officials said could not be closed by cuts alone."
)

HTML = f"""<!doctype html><html><head>
<title>Council raises taxes | The Local Paper</title>
<meta property="og:site_name" content="The Local Paper">
<meta name="author" content="Jane Roe">
<meta property="article:published_time" content="2024-03-05T09:00:00Z">
<script>document.write("tracking")</script><style>body {{ background: url(http://evil.example/x.png) }}</style>
</head><body>
<nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Council raises taxes</h1>
<p>{BODY}</p>
<img src="http://evil.example/pixel.gif">
<p>&ldquo;We had no choice,&rdquo; the council leader said, adding that the alternative was to close
three libraries.</p>
<iframe src="http://evil.example/ad"></iframe>
</article>
<footer>Cookie policy · Privacy policy · © 2024 The Local Paper</footer>
</body></html>"""


def test_html_main_content_and_metadata() -> None:
    doc = load(HTML.encode("utf-8"), "html")
    assert doc.format == "html"
    assert doc.metadata.title == "Council raises taxes"
    assert doc.metadata.byline == "Jane Roe"
    assert doc.metadata.source == "The Local Paper"
    assert doc.metadata.date == "2024-03-05"
    assert BODY in doc.text
    assert "“We had no choice,” the council leader said" in doc.text
    for gone in ("tracking", "evil.example", "Home", "Cookie policy", "background"):
        assert gone not in doc.text
    assert doc.original.startswith("<!doctype html>")


def test_html_without_an_article_falls_back_to_visible_text() -> None:
    doc = load(f"<html><body><div>{BODY}</div><script>x()</script></body></html>".encode(), "html")
    assert BODY in doc.text and "x()" not in doc.text


def test_markdown_front_matter_and_markup() -> None:
    source = (
        "---\ntitle: Council raises taxes\nauthor: Jane Roe\ndate: 2024-03-05\n---\n"
        f"# Council raises taxes\n\n{BODY} See [the budget](http://example.com/b) for **details**."
        "\n\n![chart](http://example.com/c.png)\n\n- first point of the plan\n"
    )
    doc = load(source.encode(), "markdown")
    assert (doc.metadata.title, doc.metadata.byline, doc.metadata.date) == (
        "Council raises taxes",
        "Jane Roe",
        "2024-03-05",
    )
    assert "See the budget for details." in doc.text
    assert "http" not in doc.text and "**" not in doc.text and "# " not in doc.text
    assert "• first point of the plan" in doc.text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary\x00" * 50, "not a text file"),
        (b"Log in\n\nForgot password?\n\nPrivacy Policy\n", "no article text"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        load(data, "text")


def test_folder_walk_is_recursive_sorted_and_safe(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY)
    (tmp_path / "a" / "1.html").write_text(HTML)
    (tmp_path / "a" / "notes.MD").write_text(BODY)
    (tmp_path / "a" / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden.txt").write_text(BODY)
    (tmp_path / "README.md").write_text("about this folder")
    os.symlink(tmp_path, tmp_path / "b" / "loop")  # a symlink loop must not hang the walk
    found = [(p.relative_to(tmp_path).as_posix(), r) for p, r in iter_files([tmp_path])]
    assert [p for p, r in found if r is None] == ["a/1.html", "a/notes.MD", "b/2.txt"]
    refused = dict((p, r) for p, r in found if r is not None)
    assert "README.md" in refused and "README" in refused["README.md"]


def test_a_walk_gives_each_plain_files_real_path_and_status(tmp_path: Path) -> None:
    # what a re-scan compares with the library, without resolving each path again
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "a.txt").write_text(BODY)
    (real / "sub" / "b.txt").write_text(BODY)
    os.symlink(real / "sub" / "a.txt", real / "sub" / "link.txt")
    os.symlink(real, tmp_path / "via")  # the folder reached through a link
    found = {Path(p).name: (r, a, st) for p, r, a, st in iter_file_stats([tmp_path / "via"])}
    refusal, abs_path, st = found["b.txt"]
    assert refusal is None and abs_path == os.path.realpath(real / "sub" / "b.txt")
    assert st is not None and st.st_ino == os.lstat(real / "sub" / "b.txt").st_ino
    assert found["link.txt"] == (None, None, None)  # a link: the caller resolves it
    assert found["a.txt"][1] == os.path.realpath(real / "sub" / "a.txt")


def test_named_files_report_missing_and_unsupported(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    results = dict(iter_files([tmp_path / "x.pdf", tmp_path / "nope.txt"]))
    assert "unsupported file type" in (results[tmp_path / "x.pdf"] or "")
    assert results[tmp_path / "nope.txt"] == "no such file or folder"
