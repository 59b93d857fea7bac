"""The command-line contract of DESIGN.md: commands, exit codes and JSON field names."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from tests.conftest import ROOT, SEEDS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_show_search(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lib = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--library", lib, "add", str(SEEDS))
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("5 added, 0 updated, 0 unchanged, 0 refused")

    code, out, _ = run(capsys, "--library", lib, "list", "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed) == 5
    assert set(listed[0]) == {"id", "path", "title"}
    assert listed[0]["path"].endswith("000_adaefb50daeaf693_britain-urges-china-on-ukraine.txt")

    code, out, _ = run(capsys, "--library", lib, "show", str(listed[4]["id"]), "--json")
    shown = json.loads(out)
    assert {
        "id",
        "uri",
        "path",
        "title",
        "source",
        "byline",
        "date",
        "text",
        "original",
        "spans",
    } <= set(shown)
    assert shown["byline"] == "Marita Moloney" and shown["date"] is None
    assert shown["uri"].startswith("urn:uuid:")
    assert "Leave a Reply" in shown["original"] and "Leave a Reply" not in shown["text"]
    # spans index the cleaned text, in code points
    spans = shown["spans"]
    assert {s["kind"] for s in spans} == {"actor", "quote", "claim"}
    for s in spans:
        assert set(s) == {"kind", "start", "end", "label", "attrs"}
        assert 0 <= s["start"] < s["end"] <= len(shown["text"])
    kishida = [s for s in spans if s["kind"] == "actor" and s["label"] == "Fumio Kishida"]
    assert kishida and shown["text"][kishida[0]["start"] : kishida[0]["end"]].endswith("Kishida")

    code, out, _ = run(capsys, "--library", lib, "search", '"no other option"', "--json")
    hits = json.loads(out)
    assert code == 0 and len(hits) == 1
    assert set(hits[0]) == {"id", "title", "source", "date", "score", "snippet", "snippet_hits"}
    text, spans = hits[0]["snippet"], hits[0]["snippet_hits"]
    assert "<b>" not in text  # plain text, with where the phrase's words stand
    assert [text[a:b] for a, b in spans][:3] == ["no", "other", "option"]
    assert {text[a:b] for a, b in spans} == {"no", "other", "option"}

    code, out, _ = run(capsys, "--library", lib, "add", str(SEEDS))
    assert "0 added, 0 updated, 5 unchanged" in out


def test_errors_are_messages_with_exit_codes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    code, out, _ = run(capsys, "--library", lib, "add", str(tmp_path / "missing.txt"))
    assert code == 1 and "refused:" in out and "no such file" in out
    code, _, err = run(capsys, "--library", lib, "search", "date:whenever")
    assert code == 2 and err.startswith("error: Could not read the date")
    # a script asking for JSON can tell a refused query from no match: no "[]", and exit 2
    code, out, err = run(capsys, "--library", lib, "search", "date:whenever", "--json")
    assert code == 2 and out == "" and err.startswith("error:")
    code, _, err = run(capsys, "--library", lib, "show", "99")
    assert code == 1 and "no article with id 99" in err


def test_index_rebuild_and_env_library(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CORPUS_READER_LIBRARY", str(tmp_path / "envlib"))
    run(capsys, "add", str(SEEDS))
    assert (tmp_path / "envlib" / "library.sqlite3").exists()
    code, out, _ = run(capsys, "index", "--rebuild")
    assert code == 0 and "5 added" in out
    code, out, _ = run(capsys, "search", "kishida")
    assert code == 0 and out.startswith("1 result for kishida")


def test_module_and_main_py_entry_points(tmp_path: Path) -> None:
    for cmd in ([sys.executable, "-m", "reader"], [sys.executable, str(ROOT / "main.py")]):
        done = subprocess.run(
            [*cmd, "--library", str(tmp_path / "lib"), "list", "--json"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        assert json.loads(done.stdout) == []


def test_analyze_keeps_offsets_exact_on_raw_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "🇺🇦 “We will not give up,” President Volodymyr Zelensky said 😀 on Tuesday.\r\n"
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "z", "text": text}) + "\n" + json.dumps({"text": "x"}) + "\n")
    out = tmp_path / "out.jsonl"
    code, _, err = run(capsys, "analyze", "--input", str(src), "--output", str(out))
    assert code == 0 and "analysed 2 texts" in err
    first, second = [json.loads(line) for line in out.read_text().splitlines()]
    assert set(first) == {"id", "actors", "quotes", "claims"} and first["id"] == "z"
    (quote,) = first["quotes"]
    assert text[quote["start"] : quote["end"]] == "We will not give up,"
    assert quote["speaker"] == "Volodymyr Zelensky"
    (actor,) = [a for a in first["actors"] if a["type"] == "person"]
    assert text[actor["start"] : actor["end"]] == "Volodymyr Zelensky"
    assert second["id"] == "2" and second["quotes"] == []
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    code, _, err = run(capsys, "analyze", "--input", str(bad), "--output", str(out))
    assert code == 2 and "bad.jsonl:1" in err


def test_the_window_without_a_display_says_so_plainly(tmp_path: Path) -> None:
    """Qt would abort with advice to reinstall; the command says what is wrong and what works.
    (Linux and the other X11/Wayland systems: Windows and macOS always have their display.)"""
    import os

    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    assert sys.platform not in ("win32", "darwin"), "this check is for X11/Wayland systems"
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--library", str(tmp_path / "lib")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "No graphical display" in done.stderr and "corpus-reader --help" in done.stderr


def test_analyze_reads_and_writes_standard_streams(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import io

    line = json.dumps({"id": "a", "text": "“We will win,” Prime Minister Tony Blair said."})
    monkeypatch.setattr(sys, "stdin", io.StringIO(line + "\n"))
    monkeypatch.chdir(tmp_path)
    assert main(["analyze", "--input", "-", "--output", "-"]) == 0
    out, err = capsys.readouterr()
    (record,) = [json.loads(x) for x in out.splitlines()]
    assert record["id"] == "a" and record["quotes"][0]["speaker"] == "Tony Blair"
    assert "analysed 1 text into standard output" in err
    assert not (tmp_path / "-").exists()  # no file named "-"


def test_trace_says_what_it_did_and_why_it_found_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "add", str(SEEDS)]) == 0
    capsys.readouterr()
    assert main(["--library", lib, "trace", "--build"]) == 0
    assert " statements in " in capsys.readouterr().out  # in words, not a dump of fields
    cases = {
        ("--article", "9999"): "no article with id 9999",
        ("--article", "1"): "article 1 has no statement that another article carries too",
        ("--speaker", "Nobody Here"): "no statement by 'Nobody Here'",
        ("--text", "words nobody wrote anywhere"): "no statement in the library has these words",
    }
    for args, said in cases.items():
        assert main(["--library", lib, "trace", *args]) == 1, args
        assert said in capsys.readouterr().err, args


def test_add_sample_imports_the_bundled_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lib = str(tmp_path / "lib")
    assert main(["--library", lib, "add", "--sample"]) == 0
    assert "5 added" in capsys.readouterr().out
    assert main(["--library", lib, "add"]) == 2
    assert "--sample" in capsys.readouterr().err
