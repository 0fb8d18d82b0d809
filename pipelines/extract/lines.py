"""Physical lines as a reader produced them, before page furniture is stripped and wraps rejoined.

Both readers (PDF and text) describe each line in the same units so one layout step serves both:
for PDFs the units are points, for text files characters.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class PhysicalLine:
    """One line as extracted; ``line`` is its 1-based number on its page before any stripping."""

    page: int
    line: int
    text: str
    right: float = 0.0  # where the line's last visible character ends
    first_word_width: float = 0.0  # width of the line's first word (to test if it fit above)
    gap_before: bool = False  # a blank line or extra vertical space precedes this line


@dataclass(frozen=True)
class PageGeometry:
    """Right limit of the text block and the width of a space, in the page's units."""

    right_limit: float | None  # None: lines never wrap (each paragraph is one line)
    space_width: float
