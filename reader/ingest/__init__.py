"""Files on disk to cleaned articles: encodings, formats, boilerplate, metadata."""

from reader.ingest.clean import CLEANER_VERSION, clean
from reader.ingest.loaders import IngestError, format_of, iter_files, load, read_bytes

__all__ = [
    "CLEANER_VERSION",
    "IngestError",
    "clean",
    "format_of",
    "iter_files",
    "load",
    "read_bytes",
]
