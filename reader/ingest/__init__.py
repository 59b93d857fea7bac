"""Files on disk to cleaned articles: encodings, formats, boilerplate, metadata."""

from reader.ingest.clean import (
    CLEANER_VERSION,
    YOUR_CHOICE,
    BlockDecision,
    Choices,
    block_key,
    clean,
    explain,
)
from reader.ingest.loaders import (
    NOT_AN_ARTICLE,
    IngestError,
    clean_document,
    decisions,
    format_of,
    iter_file_names,
    iter_file_stats,
    iter_files,
    load,
    read_bytes,
)

__all__ = [
    "CLEANER_VERSION",
    "NOT_AN_ARTICLE",
    "YOUR_CHOICE",
    "BlockDecision",
    "Choices",
    "IngestError",
    "block_key",
    "clean",
    "clean_document",
    "decisions",
    "explain",
    "format_of",
    "iter_file_names",
    "iter_file_stats",
    "iter_files",
    "load",
    "read_bytes",
]
