"""Files on disk to cleaned articles: encodings, formats, boilerplate, metadata."""

from reader.ingest.clean import CLEANER_VERSION, BlockDecision, clean, explain
from reader.ingest.loaders import IngestError, format_of, iter_files, load, read_bytes

__all__ = [
    "CLEANER_VERSION",
    "BlockDecision",
    "IngestError",
    "clean",
    "explain",
    "format_of",
    "iter_files",
    "load",
    "read_bytes",
]
