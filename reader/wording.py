"""Counts in words a reader sees: "1 annotation", "2 annotations" (never "1 claims" or "(s)")."""

from __future__ import annotations


def count(n: int, word: str, plural: str | None = None) -> str:
    """``n`` and the word, singular or plural; ``plural`` for words not made with -s."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"
