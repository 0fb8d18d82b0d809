"""Names read from a scan held against a German word list.

Two readings of a scan can agree on a misreading when the print itself is ambiguous: a noisy
"n" broken in the middle reads as "ri" at every size ("Sprurigbrett" for "Sprungbrett", read
alike twice at confidence 91). A word the list does not know (nor as a compound of words it
knows) that one typical OCR confusion turns into a word it knows is taken for such a misreading.
A word unknown either way (a place, a provider's own name) stays as read. Pure functions over
the reference word list (``pipelines.reference.german_words``).
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from pipelines.parse.ocr_noise import one_edit_apart
from pipelines.reference import district_name_forms, districts, german_words

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
# the endings a word of the list takes in a name ("geflüchtet" -> "Geflüchtete")
_ENDINGS = ("e", "en", "em", "er", "es")
# a word, or words joined by hyphens ("Main-Taunus-Kreis")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


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


def _without_marks(word: str) -> str:
    """``word`` without the marks around it ("(Langzeitarbeitslose);" -> "Langzeitarbeitslose")."""
    return re.sub(r"^[\W_]+|[\W_]+$", "", word)


def surely_spelled(word: str) -> bool:
    """A word (marks around it ignored; each part of a hyphenated one four letters or more, one
    of them five) the list knows, where no typical OCR confusion makes of it a word the list
    holds as such: read alike twice, its letters are what was printed even where Tesseract's
    confidence in it is low ("Unterstützung" at 15). "Gärten" (also "Garten") and a misreading
    that is itself a word stay in doubt."""
    core = _without_marks(word).casefold()
    if not _TOKEN.fullmatch(core):  # a mark inside ("Kompetenzagentur:Wiesbaden"): no word
        return False
    runs = core.split("-")
    if min(map(len, runs)) < 4 or not any(_WORD.fullmatch(run) for run in runs):
        return False
    words = german_words()
    return all(known(run) and not (_variants(run) & words) for run in runs)


# an abbreviation inside a compound: a capitalised stem, a dot and the compound's rest in lower
# case ("Fachkr.sicherung" for "Fachkräftesicherung", "Ausb.sverbund")
_ABBREVIATED_COMPOUND = re.compile(r"\b([A-ZÄÖÜ][a-zäöüß]{1,9})\.([a-zäöüß]{2,})")


def abbreviated_compounds(name: str) -> list[str]:
    """The dot-joined words of ``name`` that are abbreviated compounds: the stem begins a
    longer word the list knows and the rest (after a joint) is a word it knows. A space read as
    a dot ("Mobile.Jobberatung", "für.junge") is none of them."""
    found = []
    for match in _ABBREVIATED_COMPOUND.finditer(name):
        stem, rest = match.group(1).casefold(), match.group(2)
        rests = [rest] + [rest[len(link) :] for link in _LINKS if rest.startswith(link)]
        if _begins_longer_word(stem) and any(len(part) >= 4 and known(part) for part in rests):
            found.append(match.group(0))
    return found


@cache
def _sorted_words() -> list[str]:
    return sorted(german_words())


def _begins_longer_word(stem: str) -> bool:
    """Some word of the list starts with ``stem`` and goes on by two letters or more."""
    words = _sorted_words()
    index = bisect.bisect_left(words, stem)
    while index < len(words) and words[index].startswith(stem):
        if len(words[index]) >= len(stem) + 2:
            return True
        index += 1
    return False


# short words a lost blank glues to their neighbour ("Fitin den Beruf" for "Fit in den Beruf")
_FUNCTION_WORDS = frozenset(
    [
        "am",
        "an",
        "auf",
        "aus",
        "bei",
        "das",
        "dem",
        "den",
        "der",
        "des",
        "die",
        "für",
        "im",
        "in",
        "mit",
        "um",
        "und",
        "vom",
        "von",
        "zu",
        "zum",
        "zur",
    ]
)


def glued_word(name: str) -> str | None:
    """The first word of ``name`` the list does not know that is a known word and a short
    function word with the blank between them lost ("Fitin"), else None. A name's own words
    (a place, a provider) are never made of such a pair and a known word."""
    for word in _WORD.findall(name):
        folded = word.casefold()
        if known(folded):
            continue
        for size in range(2, 4):
            head, tail = folded[:size], folded[size:]
            start, end = folded[:-size], folded[-size:]
            if (head in _FUNCTION_WORDS and _known_short(tail)) or (
                end in _FUNCTION_WORDS and _known_short(start)
            ):
                return word
    return None


def _known_short(word: str) -> bool:
    """A word of the list of three letters or more (a compound's parts need four)."""
    return len(word) >= 3 and word in german_words()


def speck_after_word(name: str) -> bool:
    """A dot after a whole word the list knows, a function word, a place's short part or a
    word holding a digit, or standing alone ("Digitale. Grundbildung", "Migration.", "Fachkräfte
    der. Jugendberufshilfe", "Pflegehilfe .", "Werkstattjahr Plus .", "Frankfurt am Main.",
    "Perspektive Beruf 50plus."): a speck, where an abbreviation's dot ("Ausb.", "e.V.", "a.
    d.") follows a stem or a letter, and no abbreviation's stem holds a digit."""
    for match in re.finditer(r"([^\W_]*)(\s*)\.(?=\s|$)", name):
        word, blank = match.group(1), match.group(2)
        if not word or blank or word.casefold() in _FUNCTION_WORDS:
            return True
        if any(char.isdigit() for char in word):
            return True
        if (len(word) >= 5 and known(word.casefold())) or word in _short_place_parts():
            return True
    return False


@cache
def _short_place_parts() -> frozenset[str]:
    """The four-letter parts of place names ("Main", "Lahn", "Dill"): whole words, never an
    abbreviation's stem, though too short for the word list's test above."""
    return frozenset(part for part in _place_parts() if len(part) == 4)


def comma_after_stem(name: str) -> bool:
    """A comma after a word the list does not know, inside the name: an abbreviation's dot
    read as a comma ("Qualif, Jobcoaching für Fachpersonal" for "Qualif. …"), where a comma
    between words follows a whole word ("Beratung, Begleitung und Vermittlung")."""
    return any(
        not known(match.group(1).casefold())
        for match in re.finditer(r"([^\W\d_]{2,}),(?=\s+\S)", name)
    )


_UMLAUTS = {"ä": "a", "ö": "o", "ü": "u"}


def umlaut_in_doubt(word: str) -> bool:
    """A word with an umlaut a speck over its vowel could have made: unknown as read, or known
    also without one of its dots ("Gärten" and "Garten"). A known word (or one with an
    inflected ending: ``_known_inflected``) unknown without them ("Beschäftigungsgesellschaft",
    "Geflüchtete") keeps its umlaut however surely it was read."""
    for run in re.findall(r"[^\W\d_]+", word.casefold()):
        places = [index for index, char in enumerate(run) if char in _UMLAUTS]
        if not places:
            continue
        plain = [run[:index] + _UMLAUTS[run[index]] + run[index + 1 :] for index in places]
        if not _known_inflected(run) or any(known(variant) for variant in plain):
            return True
    return False


def _known_inflected(word: str) -> bool:
    """A word the list knows, or one of its words with an inflected ending ("Geflüchtete"):
    for the word as read only; a plain twin is taken only as the list has it ("Fachkrafte" is
    "Fachkraft" and an ending, but no word)."""
    return known(word) or any(
        word.endswith(ending)
        and len(word) - len(ending) >= _SHORTEST_PART
        and known(word[: -len(ending)])
        for ending in _ENDINGS
    )


_SHORTEST_PLACE = 5


@cache
def place_names() -> tuple[str, ...]:
    """Every district's name forms and seat ("Rheingau-Taunus-Kreis", "Limburg a. d. Lahn"):
    the places providers and projects are named after."""
    names = {form for form, _ags in district_name_forms()}
    names.update(district.seat for district in districts().values())
    return tuple(sorted(names))


@cache
def _place_parts() -> frozenset[str]:
    """The place names as hyphenated tokens ("Rheingau-Taunus-Kreis") and the parts of those
    ("Taunus", "Main"), of any length."""
    tokens = {token for name in place_names() for token in _TOKEN.findall(name)}
    return frozenset(tokens | {part for token in tokens for part in token.split("-")})


@cache
def place_tokens() -> frozenset[str]:
    """The place names' tokens and parts of five letters or more ("Taunus", "Waldeck")."""
    return frozenset(token for token in _place_parts() if len(token) >= _SHORTEST_PLACE)


def surely_a_place(word: str) -> bool:
    """A word (marks around it ignored) that is a district's name or seat, or a part of one
    ("Limburg-Weilburg", "Weilburg"), that no other place is one letter from and no typical
    confusion makes a word of: read alike twice, it is the place printed, whatever Tesseract's
    confidence in it, and its hyphens are its own."""
    core = _without_marks(word)
    places = place_tokens()
    return (
        core in places
        and not any(one_edit_apart(core, place) for place in places if place != core)
        and not (_variants(core.casefold()) & german_words())
    )


def restore_place_names(text: str) -> str:
    """``text`` with each word the list does not know that is one letter off exactly one
    district's name or seat ("Rheingau-Taunüs-Kreis", "Mäin-Taunus-Kreis", "Kasseel") written
    as the place: providers and projects carry their district's name, and OCR misreads a
    letter of it alike at every reading (a speck read as an umlaut's dots). A known word
    ("Landkreise") and a word near two places stay as read."""
    return _TOKEN.sub(_restored_place, text)


def _restored_place(match: re.Match[str]) -> str:
    """The matched token, or the one place it is a letter off (see ``restore_place_names``)."""
    token = match.group(0)
    places = place_tokens()
    # four letters may be a place with one lost ("Fula" for "Fulda"); fewer are no place
    if token in places or len(token) < _SHORTEST_PLACE - 1:
        return token
    if all(known(part.casefold()) for part in token.split("-")):
        return token
    near = [place for place in places if one_edit_apart(token, place)]
    return near[0] if len(near) == 1 else token
