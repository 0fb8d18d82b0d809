"""Repairs of the typical OCR misreadings, applied to lines read by OCR only.

Tesseract reads "§ 4" as "84" or "8 4", a bullet as "«" or "°", "1" as "I", "l" or "|" and "0"
as "O" inside amounts, and spaces out digits ("1.230. 450"). The parsers expect the text layer's
spelling, so each OCR'd line is repaired before the layout step joins lines. Clean text never
passes through here: its exactness stays as it is. Pure functions, no I/O.
"""

from __future__ import annotations

import re

# a section heading read with its sign as "8", "5", "$", "S" or "&": "84", "8 4", "57" alone on a line
# (a line starting "85 Plätze" is prose), or "$4 Haushaltsmittel" (a dollar is never German text)
_SECTION = re.compile(r"^\s*(?:(?:8|5|S|&)\s?([1-9])\s*$|[$§]\s?([1-9])(?=\s|$))")
# a bullet read as another mark (the text layer's bullets stay as they are)
_BULLET = re.compile(r"^(\s*)[«»°·•●■▪+~=_](?=\s)")
# a "keine" marker between any punctuation: "- keine -", "(keine)", "— keine.", "„keine“"
_KEINE = re.compile(r"^\s*[\W_]*\s*keine\s*[\W_]*\s*$", re.IGNORECASE)
# an amount with letters read for digits, directly before a currency: "1.23O.45O,OO EUR"
_AMOUNT_TOKEN = re.compile(
    r"(?<![\w.,])([\dOoIl|]{1,3}(?:\s?\.\s?[\dOoIl|]{3})*(?:\s?,\s?[\dOo]{2})?)(?=\s*(?:EUR|Euro|€))"
)
_DIGIT_FOR = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
# a lone "|" between words or at the end: a capital I ("… management |")
_LONE_BAR = re.compile(r"(?<=\s)\|(?=[\s;]|$)")
# a bar at the start of a line: the page edge or a fold, never text
_LEADING_BAR = re.compile(r"^\s*[|!]\s+(?=\S)")
# quote marks before a line's first word (specks read as „ or “) and a bullet "o" read as "0"
_LEADING_QUOTES = re.compile(r"^\s*[„“”\"'‚‘’]+\s*(?=[\w§-])")
_ZERO_BULLET = re.compile(r"^(\s*)0(?=\s+[A-ZÄÖÜ])")
# long key words of the title a single misread letter hides from the parsers ("Qualifizierunigs-
# budgets"): a word one edit from one of them (and not itself one) is read as it. Only words
# no project or provider name is made of: a name is published as read
_KEY_WORDS = ("Qualifizierungsbudgets", "Qualifizierungsbudget")
_LONG_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]{18,}")
# a speck read as a mark after a label's colon or a date at the end of a line
# ("Bewilligte Projekte: .", "Wiesbaden, den 10.05.2025:")
_TRAILING_SPECK = re.compile(r"(?:(?<=:)\s+[.,·]|(?<=\d\d\.\d\d\.\d{4})[:;,·])\s*$")
# a speck read as a dot or comma before a line's first word (". 7,4, Projekt ...")
_LEADING_SPECK = re.compile(r"^\s*[.,·]\s+(?=\S)")
# a speck read as a dot between an amount and its currency, or after the currency at the end
# ("120.750,00. EUR", "24.350,00 EUR."): the amount's digits stay as read
_SPECK_BEFORE_CURRENCY = re.compile(r"(,\d{2})\s?[.:]\s*(EUR|€)")
_SPECK_AFTER_CURRENCY = re.compile(r"(\d\s?(?:EUR|€))[.:]\s*$")
# a decision table row ("1; 3; Projekt; Träger; 85.000,00 EUR") whose first separators were read
# as ":", "," or "." (a "." only when the rest still has the row's two further separators, so a
# numbered heading "2. 3. Quartal" stays), and an amount glued to its separator or currency
_ROW_START = re.compile(r"^(\s*\d{1,3})\s*([;:,.]|\s)\s*([1-4])\s*([;:,.])(?:\s+|[.,]\s*)(?=\S)")
_ROW_AMOUNT = re.compile(r";\s*(\d{1,3}(?:\.\d{3})*,\d{2})\s*(EUR|€)\s*$")
# inside such a row: a separator read as ":" or "," before an amount or after its currency, and
# an amount whose decimal comma was lost ("4.149 75 EUR"); the row's sums check what results
_ROW_CELL_BEFORE_AMOUNT = re.compile(r"\s*[:,]\s*(?=\d{1,3}(?:\.\d{3})*,\d{2}\s*(?:EUR|€))")
_ROW_CELL_AFTER_CURRENCY = re.compile(r"(EUR|€)\s*[:,.]\s*(?=\d)")
# an amount whose thousands dot was read as a blank ("171 550,00 EUR"); the sums check it
_ROW_LOST_DOT = re.compile(r"(?<![\d.,])(\d{1,3}) (\d{3},\d{2})\s*(EUR|€)")
_ROW_LOST_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*) (\d{2})\s*(EUR|€)")
# OCR's line-end hyphen variants
_HYPHEN_VARIANT = re.compile(r"[¬‐‑]$")


# the top of a scanned page, where the receipt stamp ("EINGEGANGEN 05. Juni 2025") is pressed:
# the running header ("Zielvereinbarung AQB 2025 - Kreis Groß-Gerau") read with stamp residue
# around it, so the furniture step cannot match it with the other pages' headers, and the title
# read with stamp residue before it ("fi INGE GANGE \\05. Juni. 2025/ Zielvereinbarung")
STAMP_TOP_LINES = 4
_RUNNING_HEADER = re.compile(r"Zie[lI1i|]vereinbarung\s+AQB\s+\d{4}\s+-\s+\w")
# the residue must look like a stamp's (its date "28. Mai", a bracket or slash of its frame, a
# piece of "EINGEGANGEN"), so "§ 7 Laufzeit der Zielvereinbarung" stays
_STAMP_EVIDENCE = (
    r"[\\/{}\[\]|]|INGE|GANG"
    r"|\d{1,2}[.,]?\s+(?:Jan|Feb|M[aä]r|Apr|Ma[il]|Jun|Jul|Aug|Sep|Okt|Nov|Dez)"
)
_STAMPED_TITLE = re.compile(
    rf"^(?=.*?(?:{_STAMP_EVIDENCE}).*?\sZielvereinbarung)\W*\S.*?\s(Zielvereinbarung)"
    r"\s*[_.\-—]?\s*$"
    r"|^(Zielvereinbarung)\s*[_\-—]\s*$"
)


def repair_page_top(texts: list[str]) -> list[str | None]:
    """The lines of an OCR'd page, the first ones with a running header the stamp garbled
    dropped (None) and a title freed of stamp residue; every other line as it is."""
    repaired: list[str | None] = []
    for index, text in enumerate(texts):
        if index < STAMP_TOP_LINES:
            if _RUNNING_HEADER.search(text):
                repaired.append(None)
                continue
            text = free_stamped_title(text)
        repaired.append(text)
    return repaired


def free_stamped_title(text: str) -> str:
    """ "EINGEGANGEN 05. Juni 2025 Zielvereinbarung" (a stamp beside the title) -> the title."""
    match = _STAMPED_TITLE.match(text)
    return (match.group(1) or match.group(2)) if match else text


def repair_line(text: str) -> str:
    """One OCR'd line with the typical misreadings repaired (see the module doc)."""
    text = _LEADING_BAR.sub("", _HYPHEN_VARIANT.sub("-", text.rstrip()))
    text = _ZERO_BULLET.sub(lambda match: f"{match.group(1)}o", _LEADING_QUOTES.sub("", text))
    text = _TRAILING_SPECK.sub("", _LEADING_SPECK.sub("", text))
    text = _LONG_WORD.sub(_repair_key_word, text)
    text = _SPECK_AFTER_CURRENCY.sub(r"\1", _SPECK_BEFORE_CURRENCY.sub(r"\1 \2", text))
    if _KEINE.match(text):
        return "keine"
    text = _SECTION.sub(lambda match: f"§ {match.group(1) or match.group(2)}", text, count=1)
    text = _BULLET.sub(lambda match: f"{match.group(1)}-", text, count=1)
    text = _AMOUNT_TOKEN.sub(_repair_amount, text)
    row = _ROW_START.match(text)
    if row and (
        not {".", " "} & {row.group(2).strip() or " ", row.group(4)}
        or text.count(";", row.end()) >= 2
    ):
        cells = _ROW_LOST_COMMA.sub(r"\1,\2 \3", text[row.end() :])
        cells = _ROW_LOST_DOT.sub(r"\1.\2 \3", cells)
        cells = _ROW_CELL_AFTER_CURRENCY.sub(r"\1; ", _ROW_CELL_BEFORE_AMOUNT.sub("; ", cells))
        text = f"{row.group(1)}; {row.group(3)}; " + cells
        text = _ROW_AMOUNT.sub(lambda match: f"; {match.group(1)} {match.group(2)}", text)
    return _LONE_BAR.sub("I", text)


def _repair_amount(match: re.Match[str]) -> str:
    """Letters read for digits made digits, and blanks around the separators removed; a token
    without any real digit is left alone (it is a word, not a misread amount)."""
    token = match.group(1)
    if not any(char.isdigit() for char in token):
        return token
    return re.sub(r"\s", "", token.translate(_DIGIT_FOR))


def _repair_key_word(match: re.Match[str]) -> str:
    """A long word one edit (a letter inserted, dropped or changed) from a title key word
    becomes it; any other word stays as read."""
    word = match.group(0)
    if word in _KEY_WORDS:
        return word
    return next((key for key in _KEY_WORDS if one_edit_apart(word, key)), word)


def one_edit_apart(first: str, second: str) -> bool:
    """Exactly one insertion, deletion or substitution turns ``first`` into ``second``."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    start = 0
    while start < min(len(first), len(second)) and first[start] == second[start]:
        start += 1
    return (
        first[start + 1 :] == second[start + 1 :]
        or first[start + 1 :] == second[start:]
        or first[start:] == second[start + 1 :]
    )
