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
# a bullet read as another mark, or with a speck before it (".*"; the text layer's bullets stay
# as they are)
_BULLET = re.compile(r"^(\s*)(?:[«»°·•●■▪+~=_]|[.,·][*•o-])(?=\s)")
# a "keine" marker between any punctuation: "- keine -", "(keine)", "— keine.", "„keine“"
_KEINE = re.compile(r"^\s*[\W_]*\s*keine\s*[\W_]*\s*$", re.IGNORECASE)
# an amount with letters read for digits, directly before a currency: "1.23O.45O,OO EUR"
_AMOUNT_TOKEN = re.compile(
    r"(?<![\w.,])([\dOoIl|]{1,3}(?:\s?\.\s?[\dOoIl|]{3})*(?:\s?,\s?[\dOo]{2})?)(?=\s*(?:EUR|Euro|€))"
)
_DIGIT_FOR = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1"})
# a lone "|" between words or at the end: a capital I ("… management |"); also how a later
# reading of a line is compared with the first (pipelines.extract.ocr)
LONE_BAR = re.compile(r"(?<!\S)\|(?=[\s;:,.]|$)")
UMLAUT = re.compile(r"[äöüÄÖÜ]")
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
# a speck read as a mark after a date ending its line, the date's day or month of one digit
# ("Wiesbaden, den 28.3.2025 _": the signature block's head)
_DATE_SPECK = re.compile(r"(?<![\d.])(\d{1,2}\.\d{1,2}\.\d{4})\s*[:;,·_]+\s*$")
# a speck read as a dot or comma before a line's first word (". 7,4, Projekt ...")
_LEADING_SPECK = re.compile(r"^\s*[.,·]\s+(?=\S)")
# a speck read as a dot or dash between an amount and its currency, or after the currency at
# the end ("120.750,00. EUR", "28.450,00-EUR", "24.350,00 EUR."): the amount's digits stay as
# read (its two decimals end it)
_SPECK_BEFORE_CURRENCY = re.compile(r"(,\d{2})\s?[.:\-–]\s*(EUR|€)")
_SPECK_AFTER_CURRENCY = re.compile(r"(\d\s?(?:EUR|€))[.:]\s*$")
# a decision table row ("1; 3; Projekt; Träger; 85.000,00 EUR") whose first separators were read
# as ":", "," or "." (a "." only when the rest still has the row's two further separators, so a
# numbered heading "2. 3. Quartal" stays), and an amount glued to its separator or currency
_ROW_START = re.compile(r"^(\s*\d{1,3})\s*([;:,.]|\s)\s*([1-4])\s*([;:,.])(?:\s+|[.,'‘’]\s*)(?=\S)")
_ROW_AMOUNT = re.compile(r";\s*(\d{1,3}(?:\.\d{3})*,\d{2})\s*(EUR|€)\s*$")
# inside such a row: a separator read as ":" or "," before an amount or after its currency, and
# an amount whose decimal comma was lost ("4.149 75 EUR"); the row's sums check what results
_ROW_CELL_BEFORE_AMOUNT = re.compile(r"\s*[:,]\s*(?=\d{1,3}(?:\.\d{3})*,\d{2}\s*(?:EUR|€))")
_ROW_CELL_AFTER_CURRENCY = re.compile(r"(EUR|€)\s*[:,.]\s*(?=\d)")
# an amount whose thousands dot was read as a blank ("171 550,00 EUR"); the sums check it
_ROW_LOST_DOT = re.compile(r"(?<![\d.,])(\d{1,3}) (\d{3},\d{2})\s*(EUR|€)")
# an amount's decimal comma read as a semicolon, its currency glued ("101.950;00EUR")
_ROW_SEMICOLON_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*);(\d{2})\s*(EUR|€)")
_ROW_LOST_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*) (\d{2})\s*(EUR|€)")
# a speck or a stamp's edge read as one or two marks or letters before a table row ("£ 9; 4;",
# "Fe 3; 1;", ": 4; 3;", ".6; 3;"): dropped. A row's number is not kept (only the measure-type digit
# after it is), so a digit misread as such a mark loses nothing that is published
_ROW_LEADING_JUNK = re.compile(
    r"^\s*(?:(?:[^\w\s]{1,2}|[A-Za-z]{1,2})\s+|[.,·'‘’\"“„]\s*)"
    r"(?=\d{1,3}\s*[;:,.]\s*[1-4]\s*[;:,.](?!\d))"  # not a date: "am 28.3.2025"
)
# a speck or a signature's stroke read as one or two short marks after a row's last currency
# ("… 83.700,00 EUR ;", "… 148.250,00 EUR Be i"): a row ends with its amount (a final
# decision's row with its last amount: "…; 9,00 EUR; 1,00 EUR")
_ROW_TRAILING_JUNK = re.compile(r"(,\d{2}\s*(?:EUR|€))(?:\s+(?!EUR\b|€)[^\s;]{1,3}|\s*;){1,2}\s*$")
# an amount with a blank inside its first digit group ("1 17.000,00 EUR" for 117.000,00): the
# blank is a gap between two digits; the row's sums check what results
_ROW_SPLIT_GROUP = re.compile(r"(?<![\d.,])(\d{1,2}) (\d{1,2})(?=(?:\.\d{3})+,\d{2}\s*(?:EUR|€))")
# a file number whose district key was read with a blank between two digits
# ("RPKS-57-AQB-2025-0641 1-02"): the parser holds the joined key against the addressee
_FILE_NUMBER_GAP = re.compile(r"(RPKS-57-AQB-\d{4}-)(\d{1,4}) (\d{1,4})(?=-\d)")
# a decision letter's labels with a speck read as a mark inside or before them
# ("Gesamtbetrag.der Zuwendung:", "22 Gesamtbetrag der Zuwendung:", ". Bewilligte Projekte"): the
# label's words are fixed, so the label is written as it is printed; its amount stays as read
_TOTAL_LABEL = re.compile(
    r"^\W{0,3}(?:\d{1,2}\s+)?Gesamtbetrag\W{1,3}der\W{1,3}Zuwendung\s*(?:[:;.,]\s*|(?=\d))"
    r"(?:[-–·.,]\s*(?=\d))?"  # a speck before the amount ("-682.450,00 EUR"; a total is positive)
)
_TABLE_LABEL = re.compile(r"^\W{0,3}Bewilligte\W{1,3}Projekte\s*[:;.,]?\s*$")
# a measure heading with a speck read as a dash or quote glued before its number ("-3.
# Qualifizierungsprojekte …", "- „2. Ausbildung …"); a bullet's "- " before a project stays
_HEADING_SPECK = re.compile(r"^\s*(?:-(?=[1-4]\.)|[-–]?\s*[„“\"'‚]+\s*)(?=[1-4]\.\s+[A-ZÄÖÜ])")
# a measure heading whose number was misread as a letter or another digit ("a: Ausbildung und
# Ausbildungscoaching …", "n: Qualifizierungsprojekte …"), as one or two marks without its dot
# ("ıl Ausbildungsvorbereitung") or lost ("Ausbildungsvorbereitung" alone): its wording names
# the type, so the number is written from the wording when it is one type's whole name and no
# other's (``named_type``); a project named like a type has a bullet, not a number, before it
# (a project line whose bullet was lost and that is named like a type becomes a second heading
# of its type, which the scan checks hold as unsure)
_GARBLED_HEADING = re.compile(
    r"^\s*(?:(?P<mark>[^\s1-4]{1,2})\s*[.:;,)]\s*|(?![-–*•·o«»°+~=_])[^\s\d]{1,2}\s+)?"
    r"(?P<rest>[A-ZÄÖÜ]\w+.*)$"
)
# a bullet glued to a project's first word ("*BASS Studium", "oBASS Studium")
_GLUED_BULLET = re.compile(r"^(\s*)(\*|o(?=[A-ZÄÖÜ]))(?=[A-ZÄÖÜ])")
# typographic double quotes, which OCR reads one for another ("Fit in den Beruf” for „…“ or
# "…"): every double quote is written as the plain one, so a name's quotes are read alike
_DOUBLE_QUOTES = re.compile(r"[„“”]")
# an underscore before a line's first mark or word: a speck at the margin ("_o Ausbildung …")
_LEADING_UNDERSCORE = re.compile(r"^(\s*)_+(?=\S)")
# a signature's date line with specks read as marks: "Kassel,.den 25. September 2025",
# "den 19. August’2025"
_SPECK_BEFORE_DEN = re.compile(r",\s*[.·'’]\s*(?=den\b)")
_SPECK_BEFORE_YEAR = re.compile(
    r"\b(Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
    r"[’'`´.,:;]\s*(\d{4})\b"
)
# a page number line ("Seite 2 von 3") read with a speck beside it, which the furniture step
# then no longer matches with the other pages' footers: dropped, so it never becomes a project
_PAGE_NUMBER_LINE = re.compile(r"^\W{0,2}Seite[\s.,]+\d+[\s.,]+von[\s.,]+\d+\W{0,2}$")
# OCR's line-end hyphen variants
_HYPHEN_VARIANT = re.compile(r"[¬‐‑]$")


# the top of a scanned page, where the receipt stamp ("EINGEGANGEN 05. Juni 2025") is pressed:
# the running header ("Zielvereinbarung AQB 2025 - Kreis Groß-Gerau") read with stamp residue
# around it, so the furniture step cannot match it with the other pages' headers, and the title
# read with stamp residue before it ("fi INGE GANGE \\05. Juni. 2025/ Zielvereinbarung")
STAMP_TOP_LINES = 4
# ("AQB" read as "AOB", "AGB" or "AQOB" among the specks)
_RUNNING_HEADER = re.compile(r"Zie[lI1i|]vereinbarung\s+A\w{0,3}B\s+\d{4}\s+-\s+\w")
# the residue must look like a stamp's (its date "28. Mai", a bracket or slash of its frame, a
# piece of "EINGEGANGEN"), so "§ 7 Laufzeit der Zielvereinbarung" stays
_STAMP_EVIDENCE = (
    r"[\\/{}\[\]|]|EING|INGE|GANG"
    r"|\d{1,2}[.,]?\s+(?:Jan|Feb|M[aä]r|Apr|Ma[il]|Jun|Jul|Aug|Sep|Okt|Nov|Dez)"
)
_STAMPED_TITLE = re.compile(
    rf"^(?=.*?(?:{_STAMP_EVIDENCE}).*?\sZielvereinbarung)\W*\S.*?\s(Zielvereinbarung)"
    r"\s*[_.\-—]?\s*$"
    r"|^(?:\W*(?:[^\W\d_]{1,2}|[A-ZÄÖÜ]{3})\W*\s+){0,2}(Zielvereinbarung)\s*[_.:;,\-—]?\s*$"
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
    text = _LEADING_UNDERSCORE.sub(r"\1", _DOUBLE_QUOTES.sub('"', text))
    text = _SPECK_BEFORE_YEAR.sub(r"\1 \2", _SPECK_BEFORE_DEN.sub(", ", text))
    text = _LEADING_QUOTES.sub("", _LEADING_SPECK.sub("", text))  # ". „und dem Kreis"
    text = _ZERO_BULLET.sub(lambda match: f"{match.group(1)}o", text)
    text = _TRAILING_SPECK.sub("", _LEADING_SPECK.sub("", text))
    text = _DATE_SPECK.sub(r"\1", text)
    text = _LONG_WORD.sub(_repair_key_word, text)
    text = _SPECK_AFTER_CURRENCY.sub(r"\1", _SPECK_BEFORE_CURRENCY.sub(r"\1 \2", text))
    if _KEINE.match(text):
        return "keine"
    if _PAGE_NUMBER_LINE.match(text):
        return ""
    text = _SECTION.sub(lambda match: f"§ {match.group(1) or match.group(2)}", text, count=1)
    text = _BULLET.sub(lambda match: f"{match.group(1)}-", text, count=1)
    text = _AMOUNT_TOKEN.sub(_repair_amount, text)
    text = _FILE_NUMBER_GAP.sub(_join_file_number, text)
    text = _TOTAL_LABEL.sub("Gesamtbetrag der Zuwendung: ", text)
    text = _TABLE_LABEL.sub("Bewilligte Projekte:", text)
    text = _HEADING_SPECK.sub("", text)
    text = _GLUED_BULLET.sub(lambda match: f"{match.group(1)}{match.group(2)} ", text)
    text = _renumber_heading(text)
    text = _ROW_LEADING_JUNK.sub("", text)
    row = _ROW_START.match(text)
    if row and (
        not {".", " "} & {row.group(2).strip() or " ", row.group(4)}
        or text.count(";", row.end()) >= 2
    ):
        cells = _ROW_SEMICOLON_COMMA.sub(r"\1,\2 \3", text[row.end() :])
        cells = _ROW_TRAILING_JUNK.sub(r"\1", cells)
        cells = _ROW_SPLIT_GROUP.sub(_join_group, cells)
        cells = _ROW_LOST_COMMA.sub(r"\1,\2 \3", cells)
        cells = _ROW_LOST_DOT.sub(r"\1.\2 \3", cells)
        cells = _ROW_CELL_AFTER_CURRENCY.sub(r"\1; ", _ROW_CELL_BEFORE_AMOUNT.sub("; ", cells))
        cells = _colon_separator(cells)
        text = f"{row.group(1)}; {row.group(3)}; " + cells
        text = _ROW_AMOUNT.sub(lambda match: f"; {match.group(1)} {match.group(2)}", text)
    return LONE_BAR.sub("I", text)


# a decision row's separator between project and provider read as a colon
# ("Ausbildungsverbund Gastronomie: Berufsbildungszentrum Marburg gGmbH; 148.350,00 EUR")
_ROW_COLON = re.compile(r"(?<=[^\W\d_]):(?=\s+[A-ZÄÖÜ])")


def _colon_separator(cells: str) -> str:
    """A row's cells after its number and measure type with one separator short (project and
    provider before one amount, joined by the only colon between two words) with the colon
    read as the separator; any other row as it is (the project's and provider's words are still
    taken only as two readings spelled them)."""
    if cells.count(";") != 1 or len(_ROW_COLON.findall(cells)) != 1:
        return cells
    names, _separator, amount = cells.rpartition(";")
    if not _ROW_AMOUNT.search(f";{amount}") or _ROW_AMOUNT.search(names):
        return cells
    return _ROW_COLON.sub(";", cells)


def _renumber_heading(text: str) -> str:
    """A measure heading with a misread number numbered from its wording (``_GARBLED_HEADING``);
    any other line as it is."""
    from pipelines.parse.measures import named_type, split_amount

    match = _GARBLED_HEADING.match(text)
    if match is None:
        return text
    number = named_type(split_amount(match.group("rest"))[0])
    return text if number is None else f"{number}. {match.group('rest')}"


def _join_group(match: re.Match[str]) -> str:
    """The two halves of an amount's first digit group joined, when together they are one
    group (three digits at most); else left as read."""
    joined = match.group(1) + match.group(2)
    return joined if len(joined) <= 3 else match.group(0)


def _join_file_number(match: re.Match[str]) -> str:
    """A file number's district key joined when its two parts make the five digits it has."""
    key = match.group(2) + match.group(3)
    return match.group(1) + key if len(key) == 5 else match.group(0)


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


def letters_digits(text: str) -> str:
    """``text``'s letters and digits alone: what two readings of a line are compared by."""
    return "".join(char for char in text if char.isalnum())
