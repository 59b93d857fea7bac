"""Code points to Qt's UTF-16 positions and back, against Python's own UTF-16 encoding."""

from __future__ import annotations

import random

from reader.ui.textpos import Utf16Map


def test_offsets_round_trip_through_utf16_with_emoji_and_curly_quotes() -> None:
    rng = random.Random(7)
    alphabet = ["a", " ", "“", "”", "é", "😀", "🇬", "🇧", "𝄞", "\n"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        where = Utf16Map(text)
        for offset in range(len(text) + 1):
            qt = len(text[:offset].encode("utf-16-le")) // 2
            assert where.to_qt(offset) == qt
            assert where.from_qt(qt) == offset
