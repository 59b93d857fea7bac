"""``python -m reader``: the same entry point as the ``corpus-reader`` command."""

import sys

from reader.cli import main

sys.exit(main())
