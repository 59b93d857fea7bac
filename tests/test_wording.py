"""Counts read as English: one of a thing is singular, everything else plural."""

from reader.wording import count


def test_counts_in_words() -> None:
    assert count(1, "claim") == "1 claim"
    assert count(0, "claim") == "0 claims"
    assert count(2, "annotation") == "2 annotations"
    assert count(1_234, "article") == "1,234 articles"
    assert count(3, "quotation", "quotations") == "3 quotations"
    assert count(2, "person", "people") == "2 people"
