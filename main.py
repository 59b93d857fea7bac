"""``python main.py``: start Corpus Reader from a checkout (same as ``corpus-reader``)."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
