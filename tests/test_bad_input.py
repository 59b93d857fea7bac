"""A generated corpus of hostile and broken files: every one is imported or refused with a reason,
nothing crashes or hangs, and what is imported is searchable and shows no active content."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from reader.cli import main
from reader.importer import import_paths
from reader.library import Library
from reader.model import ImportOutcome
from reader.paths import LibraryPaths
from reader.search import SearchIndex

STORY = (
    "The council voted on Tuesday to close the old bridge to traffic, officials said, after "
    "engineers found cracks in two of its supports. “We had no other option,” said the mayor."
)

REMOTE = "http://127.0.0.1:{port}"


def hostile_html(base: str) -> str:
    return f"""<!doctype html><html><head>
<meta http-equiv="refresh" content="0; url={base}/refresh">
<link rel="stylesheet" href="{base}/style.css">
<style>body {{ background: url({base}/bg.png) }} @import url("{base}/more.css");</style>
<script src="{base}/tracker.js"></script>
<script>fetch("{base}/beacon"); document.write("SCRIPT-TEXT")</script>
<title>Bridge closed</title></head><body>
<iframe src="{base}/frame"></iframe>
<img src="{base}/photo.jpg" srcset="{base}/photo2.jpg 2x" onerror="alert(1)">
<object data="{base}/object.swf"></object><embed src="{base}/embed.swf">
<video src="{base}/clip.mp4" poster="{base}/poster.jpg"></video>
<article><h1>Bridge closed</h1><p>{STORY}</p>
<p style="background-image:url({base}/p.png)">Traffic will be diverted <a href="{base}/map">along the
ring road</a> until repairs are finished next spring, the council said.</p></article>
</body></html>"""


def make_bad_corpus(root: Path, base: str = "http://127.0.0.1:9") -> dict[str, str]:
    """Write the corpus; return file name -> what should happen ("added" or "refused")."""
    root.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}

    def put(name: str, data: bytes | str, outcome: str) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expect[name] = outcome

    put("binary.txt", bytes(range(256)) * 64, "refused")
    put("png-named-txt.txt", b"\x89PNG\r\n\x1a\n" + os.urandom(4000), "refused")
    put(
        "invalid-utf8.txt", f"Bridge\n\n{STORY}\n".encode() + b"\xff\xfe\xc3\x28 caf\xe9\n", "added"
    )
    put("utf16-bom.txt", codecs.BOM_UTF16_LE + f"Bridge\n\n{STORY}".encode("utf-16-le"), "added")
    put("utf16-no-bom.txt", f"Bridge\n\n{STORY}".encode("utf-16-le"), "added")
    put("nul-bytes.txt", f"Bridge\n\n{STORY}".encode().replace(b" ", b"\x00", 30), "refused")
    put("empty.txt", b"", "refused")
    put("whitespace.txt", b" \n\t\n  \n", "refused")
    put(
        "only-boilerplate.txt",
        "Sign in\n\nSubscribe to our newsletter\n\nAccept all cookies\n\nShare this article\n",
        "refused",
    )
    put("long-line.txt", "Bridge\n\n" + (STORY + " ") * 5_000, "added")  # ~1 MB, one line
    put("emoji-only.txt", "🎉" * 5000, "refused")
    put("hostile.html", hostile_html(base), "added")
    put("nested.html", "<div>" * 50_000 + STORY + "</div>" * 50_000, "either")
    put("malformed.html", f"<html><body><p>{STORY}<p><b><i>unclosed <table><tr><td>cell", "added")
    put("script-only.html", "<html><body><script>alert('x')</script></body></html>", "refused")
    put("no-such-format.pdf", b"%PDF-1.4", "ignored")
    (root / "huge.txt").parent.mkdir(parents=True, exist_ok=True)
    with open(root / "huge.txt", "wb") as f:  # 50 MB, sparse: no disk is filled for it
        f.truncate(50 * 1024 * 1024)
    expect["huge.txt"] = "refused"
    loop = root / "loop"
    loop.mkdir()
    (loop / "again").symlink_to(root, target_is_directory=True)  # a cycle back to the top
    (root / "dangling.txt").symlink_to(root / "nowhere.txt")
    expect["dangling.txt"] = "refused"
    locked = root / "locked.txt"
    locked.write_text(f"Locked\n\n{STORY}\n")
    locked.chmod(0)
    # root reads it anyway; anyone else is told "permission denied"
    expect["locked.txt"] = "added" if os.geteuid() == 0 else "refused"
    return expect


def test_every_bad_file_is_imported_or_refused_with_a_reason(
    where: LibraryPaths, tmp_path: Path
) -> None:
    corpus = tmp_path / "bad"
    expect = make_bad_corpus(corpus)
    with Library(where.library_db) as lib:
        report = import_paths(lib, [corpus])
        got = {Path(e.path).name: e for e in report.entries}
        for name, outcome in expect.items():
            if outcome == "ignored":
                assert name not in got
                continue
            entry = got[name]
            if outcome == "either":
                assert entry.outcome is ImportOutcome.ADDED or entry.reason, name
            elif outcome == "refused":
                assert entry.outcome is ImportOutcome.REFUSED and entry.reason, name
            else:
                assert entry.outcome is ImportOutcome.ADDED, (name, entry.reason)
        assert "too large" in (got["huge.txt"].reason or "")
        assert "binary" in (got["binary.txt"].reason or "")
        # the symlink loop was followed once: nothing was imported twice
        assert len(report.entries) == len({e.path for e in report.entries})
        for entry in report.entries:
            if entry.article_id is None:
                continue
            article = lib.get(entry.article_id)
            assert article is not None
            spans = lib.cached_spans(entry.article_id)
            assert spans is not None  # the import analysed it
            assert all(0 <= s.start < s.end <= len(article.text) for s in spans)
        hostile = lib.get(got["hostile.html"].article_id)  # type: ignore[arg-type]
        assert hostile is not None and "no other option" in hostile.text
        for active in ("SCRIPT-TEXT", "fetch(", "alert", "url(", "http://", "<"):
            assert active not in hostile.text, active
        index = SearchIndex(where.index_dir)
        index.sync(lib)
        assert index.search("bridge", lib).total >= 5
        index.close()


def test_the_cli_reports_each_refusal_and_still_succeeds(
    where: LibraryPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "bad"
    make_bad_corpus(corpus)
    assert main(["--library", str(where.root), "add", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "refused:" in out and "binary.txt" in out and "too large" in out
    assert main(["--library", str(where.root), "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {Path(a["path"]).name for a in listed} >= {"hostile.html", "utf16-bom.txt"}
