"""Names read from a scan held against a German word list.

Two readings of a scan can agree on a misreading when the print itself is ambiguous: a noisy
"n" broken in the middle reads as "ri" at every size ("Sprurigbrett" for "Sprungbrett", read
alike twice at confidence 91). A word the list does not know (nor as a compound of words it
knows) that one typical OCR confusion turns into a word it knows is taken for such a misreading.
A word unknown either way (a place, a provider's own name) stays as read. Pure functions over
the reference word list (``pipelines.reference.german_words``).
"""

from __future__ import annotations

import re
from functools import cache

from pipelines.reference import german_words

# (as read, as printed): pairs of glyphs OCR confuses on noisy print
_CONFUSIONS = (
    ("ri", "n"),
    ("n", "ri"),
    ("rn", "m"),
    ("m", "rn"),
    ("li", "h"),
    ("h", "li"),
    ("cl", "d"),
    ("ii", "ü"),
    ("c", "e"),
    ("e", "c"),
    ("t", "f"),
    ("f", "t"),
    ("i", "l"),
    ("l", "i"),
    ("l", "t"),
    ("t", "l"),
    ("i", "r"),
    ("r", "i"),
    ("rn", "n"),
    ("u", "ü"),
    ("ü", "u"),
    ("a", "ä"),
    ("ä", "a"),
    ("o", "ö"),
    ("ö", "o"),
)
_WORD = re.compile(r"[^\W\d_]{5,}")
_SHORTEST_PART = 4  # shorter parts ("ges", "eli") would make a misreading a compound
_LINKS = ("s", "es", "n", "en", "e")  # the joints of German compounds ("Ausbildung-s-vorbereitung")


def misread_word(name: str) -> str | None:
    """The first word of ``name`` (five letters or more) that is unknown but one confusion
    away from a known word, else None."""
    for word in _WORD.findall(name):
        folded = word.casefold()
        if not known(folded) and any(known(variant) for variant in _variants(folded)):
            return word
    return None


def _variants(word: str) -> set[str]:
    """``word`` with one confusion undone at each place it could have happened."""
    found = set()
    for read, printed in _CONFUSIONS:
        start = word.find(read)
        while start >= 0:
            found.add(word[:start] + printed + word[start + len(read) :])
            start = word.find(read, start + 1)
    return found


@cache
def known(word: str) -> bool:
    """A word of the list, or a compound of its words (with German joints between them)."""
    words = german_words()
    if word in words:
        return True
    size = len(word)
    # ends_word[i]: word[:i] splits into known parts, the last a word; ends_link: a joint
    ends_word = [False] * (size + 1)
    ends_link = [False] * (size + 1)
    ends_word[0] = True
    for end in range(1, size + 1):
        for start in range(end):
            part = word[start:end]
            if (ends_word[start] or ends_link[start]) and (
                end - start >= _SHORTEST_PART and part in words
            ):
                ends_word[end] = True
            if start and ends_word[start] and part in _LINKS:
                ends_link[end] = True
    return ends_word[size]


_UMLAUTS = {"ä": "a", "ö": "o", "ü": "u"}


def umlaut_in_doubt(word: str) -> bool:
    """A word with an umlaut a speck over its vowel could have made: unknown as read, or known
    also without one of its dots ("Gärten" and "Garten"). A known word unknown without them
    ("Beschäftigungsgesellschaft") keeps its umlaut however surely it was read."""
    for run in re.findall(r"[^\W\d_]+", word.casefold()):
        places = [index for index, char in enumerate(run) if char in _UMLAUTS]
        if not places:
            continue
        plain = [run[:index] + _UMLAUTS[run[index]] + run[index + 1 :] for index in places]
        if not known(run) or any(known(variant) for variant in plain):
            return True
    return False
