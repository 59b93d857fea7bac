"""Bytes in any of the usual encodings decode; binary data is refused with a reason."""

from __future__ import annotations

import codecs

import pytest

from reader.ingest.encoding import NotTextError, decode

TEXT = "“Déjà vu,” said the café’s owner — a £5 coffee, 🎉 and all.\nSecond line."
LATIN = "Le café de la gare coûte 5 € et le déjà-vu est garanti, naïve señor."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert text == TEXT
    assert found == encoding


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_single_byte_western_text(codec: str) -> None:
    source = LATIN if codec == "cp1252" else LATIN.replace("€", "E")
    text, found = decode(((source + "\n") * 5).encode(codec))
    assert text == (source + "\n") * 5
    assert found.replace("_", "-") in {
        "cp1252",
        "windows-1252",
        "latin-1",
        "iso8859-1",
        "iso-8859-1",
        "cp1250",
        "iso8859-15",
    }


def test_smart_quotes_from_windows_1252() -> None:
    text, _ = decode("He said \x93no\x94 \x96 twice.".encode("latin-1"))
    assert text == "He said “no” – twice."


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"text with a NUL\x00 in the middle" * 3,
    ],
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(NotTextError):
        decode(data)


def test_empty_and_invalid_utf8_never_crash() -> None:
    assert decode(b"") == ("", "utf-8")
    text, _ = decode(b"caf\xc3 ok \xff\xfe bad bytes but mostly text " * 3)
    assert "ok" in text
