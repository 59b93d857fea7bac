"""``python main.py``: start Corpus Reader from a checkout (same as ``corpus-reader``); also the
entry point of the stand-alone build."""

import multiprocessing
import sys

from reader.cli import main

if __name__ == "__main__":
    # a stand-alone build starts its worker processes by running itself again
    multiprocessing.freeze_support()
    sys.exit(main())
