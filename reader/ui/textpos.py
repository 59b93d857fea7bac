"""Code points (the core's offsets) to UTF-16 code units (Qt's positions) and back."""

from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets for one text; free for texts without characters outside the BMP."""

    def __init__(self, text: str) -> None:
        # found by the regular expression engine: a loop over a 1 MB text took 0.25 s
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def to_qt(self, offset: int) -> int:
        """Qt position of code point ``offset``: one extra unit per astral character before it."""
        return offset + bisect_right(self._astral, offset - 1)

    def from_qt(self, position: int) -> int:
        """Code point at Qt ``position`` (a position inside a surrogate pair rounds down)."""
        lo, hi = 0, len(self._astral)
        while lo < hi:  # count astral characters whose Qt position is before ``position``
            mid = (lo + hi) // 2
            if self._astral[mid] + mid < position - 1:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self._astral) and self._astral[lo] + lo + 1 == position:
            return self._astral[lo]
        return position - lo
