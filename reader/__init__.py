"""Corpus Reader: read, search and annotate a corpus of news articles offline."""

__version__ = "0.1.0"
