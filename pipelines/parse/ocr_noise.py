"""Repairs of the typical OCR misreadings, applied to lines read by OCR only.

Tesseract reads "§ 4" as "84" or "8 4", a bullet as "«" or "°", "1" as "I", "l" or "|" and "0"
as "O" inside amounts, and spaces out digits ("1.230. 450"). The parsers expect the text layer's
spelling, so each OCR'd line is repaired before the layout step joins lines (``repair_line``);
a few repairs need the page around a line: a table row's place says where its glued number ends
(``repair_table_rows``), a wrapped heading is named by two lines (``renumber_wrapped_headings``),
a section's fixed title shows where its lost "§ n" stood (``restore_section_signs``). Clean text
never passes through here: its exactness stays as it is. Pure functions, no I/O.
"""

from __future__ import annotations

import re

from pipelines.parse.decision_letter import TABLE_HEADER

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
# ("Wiesbaden, den 28.3.2025 _": the signature block's head; "…, den 04.04.2025.": a dot only
# after "den", where no sentence ends)
_DATE_SPECK = re.compile(
    r"(?<![\d.])(\d{1,2}\.\d{1,2}\.\d{4})\s*[:;,·_]+\s*$|(?<=\bden )(\d{1,2}\.\d{1,2}\.\d{4})\s*\.+\s*$"
)
# a speck read as a dot or comma before a line's first word (". 7,4, Projekt ...")
_LEADING_SPECK = re.compile(r"^\s*[.,·]\s+(?=\S)")
# a speck read as a dot or dash between an amount and its currency, or after the currency at
# the end ("120.750,00. EUR", "28.450,00-EUR", "24.350,00 EUR.", "231.900,00 EUR-"): the
# amount's digits stay as read (its two decimals end it)
_SPECK_BEFORE_CURRENCY = re.compile(r"(,\d{2})\s?[.:\-–]\s*(EUR\b|Euro\b|€)")
_SPECK_AFTER_CURRENCY = re.compile(r"(\d\s?(?:EUR|€))[.:,\-–]\s*$")
# residue of a speck or mark read as a short word after a heading's budget in brackets ending
# its line ("… Arbeitsmarktförderung (Mittelansatz: 40.150,00 EUR) ar"): nothing follows it
_RESIDUE_AFTER_BUDGET = re.compile(r"(,\d{2}\s?(?:EUR|€)\))\s+[^\s\d]{1,3}\s*$")
# a speck read as a dot or colon after an amount ending its line, its currency on the next
# ("… in Höhe von insgesamt 917.200,00." + "EUR aus dem …"): the amount stays as read
_SPECK_AFTER_AMOUNT = re.compile(r"(\d,\d{2})[.:·]$")
# a speck read as a dash or dot before the currency opening its line, the amount ending the line
# above ("… in Höhe von insgesamt 825.750" + "- Euro aus dem …", both models): a currency word
# opens no list item, and the amount stays as read
_SPECK_BEFORE_WRAPPED_CURRENCY = re.compile(r"^\s*[-–.,·]\s*(?=(?:EUR|Euro)\b|€)")
# a decision table row ("1; 3; Projekt; Träger; 85.000,00 EUR") whose first separators were read
# as ":", "," or "." (a "." only when the rest still has the row's two further separators, so a
# numbered heading "2. 3. Quartal" stays), and an amount glued to its separator or currency
# (a speck read as a dash glued before the measure digit, "9;-4;", is dropped: a type is 1 to 4)
_ROW_START = re.compile(
    r"^(\s*\d{1,3})\s*([;:,.]|\s)\s*[-–]?([1-4])\s*([;:,.])(?:\s+|[.,'‘’]\s*)(?=\S)"
)
_ROW_AMOUNT = re.compile(r";\s*(\d{1,3}(?:\.\d{3})*,\d{2})\s*(EUR|€)\s*$")
# inside such a row: a separator read as ":" or "," before an amount or after its currency, and
# an amount whose decimal comma was lost ("4.149 75 EUR"); the row's sums check what results
_ROW_CELL_BEFORE_AMOUNT = re.compile(r"\s*[:,]\s*(?=\d{1,3}(?:\.\d{3})*,\d{2}\s*(?:EUR|€))")
_ROW_CELL_AFTER_CURRENCY = re.compile(r"(EUR|€)\s*[:,.]\s*(?=\d)")
# an amount whose thousands dot was read as a blank ("171 550,00 EUR"); the sums check it
_ROW_LOST_DOT = re.compile(r"(?<![\d.,])(\d{1,3}) (\d{3},\d{2})\s*(EUR|€)")
# an amount's decimal comma read as a semicolon, its currency glued ("101.950;00EUR")
_ROW_SEMICOLON_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*);(\d{2})\s*(EUR|€)")
# the same in any line ("Gesamtbetrag der Zuwendung: 895.250;00 EUR"): a thousands group
# before it, so no row's "1;2" is touched
_SEMICOLON_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+);(\d{2})(?=\s*(?:EUR|Euro|€))")
# a speck read as a dot or comma glued before an amount opening its line (".1.485.850,00 Euro")
# or a decision row's amount field ("…; .34.100,00 EUR"): the row's sum against the total
# checks the amount as read
_AMOUNT_AHEAD = r"(?=\d{1,3}(?:\.\d{3})+,\d{2}\s*(?:EUR|Euro|€))"
_SPECK_BEFORE_AMOUNT = re.compile(rf"^\s*[.,·]\s*{_AMOUNT_AHEAD}")
_SPECK_BEFORE_ROW_AMOUNT = re.compile(rf"(?<=;)(\s*)[.,·]\s*{_AMOUNT_AHEAD}")
# an amount's thousands dot read as a semicolon or colon with a blank after it, or as two marks
# ("100; 600,00 EUR", "131:.800,00 EUR"), and its decimal comma read as a dot ("298.550.00
# EUR": the last group has two digits, so it holds the cents); the row's sums check what results
_ROW_MISREAD_GROUP = re.compile(
    r"(?<![\d.,])(\d{1,3})(?:[;:]\s?|[.:;,]{2})(?=\d{3}(?:\.\d{3})*,\d{2}\s*(?:EUR|€))"
)
_DOT_DECIMAL = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)\.(\d{2})(?=\s*(?:EUR|Euro|€))")
# an amount's first thousands dot read as a colon or semicolon in any line ("1:334.550 Euro", both
# models, an agreement's budget): two groups of three digits follow, so it is a grouped amount
_MISREAD_FIRST_GROUP = re.compile(
    r"(?<![\d.,:;])(\d{1,3})[:;](?=\d{3}\.\d{3}(?:\.\d{3})*(?:,\d{2})?\s*(?:EUR|Euro|€))"
)
_ROW_LOST_COMMA = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})*) (\d{2})\s*(EUR|€)")
# a speck or a stamp's edge read as one or two marks or letters before a table row ("£ 9; 4;",
# "Fe 3; 1;", ": 4; 3;", ".6; 3;", "...6; 3;"): dropped. A row's number is not kept (only the
# measure-type digit after it is), so a digit misread as such a mark loses nothing published
_ROW_LEADING_JUNK = re.compile(
    r"^\s*(?:(?:[^\w\s]{1,2}|[A-Za-z]{1,2})\s+|[.,·'‘’\"“„]{1,3}\s*)"
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
# a speck read as a mark glued before a file number ("Aktenzeichen: .RPKS-57-AQB-2025-06531-01")
_SPECK_BEFORE_FILE_NUMBER = re.compile(r"(?<=\s)[.,·'‘’_:;]+(?=RPKS-)")
# or after a whole one ending its line ("Aktenzeichen: RPKS-57-AQB-2025-06414-02.", both models)
_SPECK_AFTER_FILE_NUMBER = re.compile(r"(?<=RPKS-57-AQB-\d{4}-\d{5}-\d{2})[.,·'‘’_:;]+\s*$")
# a decision letter's labels with a speck read as a mark inside or before them
# ("Gesamtbetrag.der Zuwendung:", "22 Gesamtbetrag der Zuwendung:", ". Bewilligte Projekte") or
# a speck over the last word's "u" ("Zuwendüng", read so by both models) or its "n" read as "ri"
# ("Zuweridung", both models): the label's words are fixed, so the label is written as it is
# printed; its amount stays as read
_TOTAL_LABEL = re.compile(
    r"^\W{0,3}(?:\d{1,2}\s+)?Gesamtbetrag\W{1,3}der\W{1,3}Zuwe(?:n|ri)d[uü]ng"
    r"\s*(?:[:;.,]\s*|(?=\d))"
    r"(?:[-–·.,]\s*(?=\d))?"  # a speck before the amount ("-682.450,00 EUR"; a total is positive)
)
_TABLE_LABEL = re.compile(r"^\W{0,3}Bewilligte\W{1,3}Projekte\s*[:;.,]?[\s_.,:;·]*$")
# a speck or a stamp's edge read as one or two signs before the table's header ("2 Nr.;
# Maßnahmenart; …", "3} Nr.; …", both models): the header's words are fixed
_TABLE_HEADER_SPECK = re.compile(r"^\s*\S{1,2}\s+(?=Nr\.?\s*;\s*Maßnahmenart\s*;)")
# a measure heading with a speck read as a dash or quote glued before its number ("-3.
# Qualifizierungsprojekte …", "- „2. Ausbildung …"), or as an underscore, which is no bullet
# ("_ 4. Weiterbildungsmaßnahmen …"); a bullet's "- " before a project stays
_HEADING_SPECK = re.compile(
    r"^\s*(?:-(?=[1-4]\.)|_+\s*|[-–]?\s*[„“\"'‚]+\s*)(?=[1-4]\.\s+[A-ZÄÖÜ])"
)
# a measure heading whose number was misread as a letter or another digit ("a: Ausbildung und
# Ausbildungscoaching …", "n: Qualifizierungsprojekte …"), as one or two marks without its dot
# ("ıl Ausbildungsvorbereitung"), as a digit or two without its dot, the right one or not ("2
# Ausbildung …", "8 Qualifizierungsprojekte …" for 3, "72 Ausbildung …" for 2) or lost
# ("Ausbildungsvorbereitung" alone): its wording names the type, so the number is written
# from the wording when it is one type's whole name and no other's (``named_type``); a project
# named like a type has a bullet, not a number, before it (a project line whose bullet was
# lost and that is named like a type becomes a second heading of its type, which the scan
# checks hold as unsure)
_GARBLED_HEADING = re.compile(
    r"^\s*(?:(?P<mark>[^\s1-4]{1,2})\s*[.:;,)]\s*|(?![-–*•·o«»°+~=_])[^\s\d]{1,2}\s+"
    r"|\d[.,:;]\s*[1-4]\s*[.,:;]\s*|[1-4][A-Za-z]\s+"  # "7.3, Qualifizierungs…", "1E Ausb…"
    r"|\d{1,2}\s*[;,]?\s+"  # its dot lost or read as a mark ("2 Ausbildung …", "3; Qualif…",
    # "8 Qu…"), a speck read as a digit before it ("72 Ausbildung und …")
    r"|\d{1,2}\s*[.:]\s*)?"  # another digit or two ("4. Ausbildungsvorbereitung", "14.", "4:")
    r"(?P<rest>[A-ZÄÖÜ]\w+.*)$"
)
# a measure heading with a speck read as a letter or two before its number ("E 2. Ausbildung
# …") or as a mark glued to it (".4. Weiterbildungsmaßnahmen …", ":2. Ausbildung und …"): the
# speck is dropped where the rest is the whole name of the type its number names
_SPECKED_HEADING = re.compile(
    r"^\s*(?:[^\s\d]{1,2}\s+|[.,:;·'‘’])(?P<number>[1-4])\.\s+(?P<rest>[A-ZÄÖÜ]\w+.*)$"
)
# a bullet glued to a project's first word ("*BASS Studium", "oBASS Studium", "-Produktionsschule
# Fulda", "-BASS Studium"; no name begins with a dash)
_GLUED_BULLET = re.compile(r"^(\s*)(\*|o(?=[A-ZÄÖÜ])|-(?=[A-ZÄÖÜ][A-ZÄÖÜa-zäöüß]))(?=[A-ZÄÖÜ])")
# a stamp's or signature's stroke read as a short word between a bullet and a second one ("* IR *
# Supervision für Fachkräfte …"), or before the bullet where the first was not read ("IR *
# Supervision …"; not before a dash, which names hold: "EU - Projekt"): a project's name does
# not start behind two bullets
_MARK_BETWEEN_BULLETS = re.compile(
    r"^(\s*)(?:([-*•])\s+\S{1,3}\s+[-*•]|[^\s\d]{1,3}\s+([*•]))\s+(?=[A-ZÄÖÜ])"
)
# typographic double quotes, which OCR reads one for another ("Fit in den Beruf” for „…“ or
# "…"): every double quote is written as the plain one, so a name's quotes are read alike
_DOUBLE_QUOTES = re.compile(r"[„“”]")
# an underscore before a line's first mark or word: a speck at the margin ("_o Ausbildung …")
_LEADING_UNDERSCORE = re.compile(r"^(\s*)_+(?=\S)")
# the same after a line's last word ("Anerkennungsberatung ausländischer Abschlüsse _")
_TRAILING_UNDERSCORE = re.compile(r"(?<=\S)\s+_+$")
# a signature's date line with specks read as marks: "Kassel,.den 25. September 2025",
# "den 19. August’2025", "Wiesbaden, ‘den 27.06.2025"
_SPECK_BEFORE_DEN = re.compile(r",\s*[.·'’‘`]\s*(?=den\b)")
# a signature's date line with its comma read as a semicolon or colon ("Gießen; den 30. Mai
# 2025"), a speck before it ("- Wiesbaden, den 26.05.2025", "_ Heppenheim, den 8.8.2025": no
# bullet) or a blank before a date's dot ("den 21 .8.2025")
_DEN_SEPARATOR = re.compile(r"^(\s*[A-ZÄÖÜ][^,;:]{1,40}?)\s*[;:]\s*(?=den\s+\d)")
_SPECK_BEFORE_PLACE = re.compile(r"^\s*[-–·.,_]\s+(?=[A-ZÄÖÜ][^,]{1,40},\s*den\s+\d)")
# a signature's "den" with its "n" read as "ri" before the date ("Marburg, deri 19. August
# 2025", seed 5959; the second model read "der")
_DEN_AS_DERI = re.compile(r"(?<=, )deri(?=\s+\d)")
_BLANK_IN_DATE = re.compile(r"(?<=\bden )(\d{1,2})\s+\.(?=\d{1,2}\.\d{4}\b)")
_MONTHS = r"(?:Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)"
_SPECK_BEFORE_YEAR = re.compile(rf"\b({_MONTHS})[’'`´.,:;]\s*(\d{{4}})\b")
# a signature date's dot after the day read as another mark ("Wiesbaden, den 27: März 2025")
_DAY_MARK = re.compile(rf"(?<=\bden )(\d{{1,2}})\s?[:;,’']\s*(?={_MONTHS}\b)")
# a speck read as a mark after a signature's date written with its month ending the line
# ("Bad Homburg v. d. Höhe, den 28. Juli 2025 .", "Wiesbaden, den 3. Juni 2025°", "… 2025’"):
# the date no longer ends its line
_MONTH_DATE_SPECK = re.compile(rf"(\d{{1,2}}\.\s*{_MONTHS}\s+\d{{4}})\s*[.:;,·_°’'`]+\s*$")
# a speck read as a mark after a heading word standing alone ("zwischen.", "Präambel:", a
# letter's title "Änderungsbescheid.")
_LONE_WORD_SPECK = re.compile(
    r"^(\s*(?:zwischen|Präambel|(?:Zuwendungs|Änderungs|Schluss|Widerrufs)bescheid))"
    r"\s*[.,:;·'’]+\s*$"
)
# a receipt stamp's residue read as a short capital word before a letter's title standing alone
# ("RER Änderungsbescheid", "DE Änderungsbescheid")
_RESIDUE_BEFORE_TITLE = re.compile(
    r"^\s*[^\sa-zäöüß\d]{1,3}\s+(?=(?:Zuwendungs|Änderungs|Schluss|Widerrufs)bescheid[\s.,:;·'’]*$)"
)
# or after an agreement's title standing alone ("Zielvereinbarung NoRz", "Zielvereinbarung Sr":
# the two models): a capital and three signs at most, no digit (a year stays), not "AQB"
_RESIDUE_AFTER_TITLE = re.compile(r"^(\s*Zielvereinbarung)\s+(?!AQB\b)[A-ZÄÖÜ][^\s\d]{0,3}\s*$")
# the blank between "und" and the district's article lost in an agreement's parties
# ("unddem Wetteraukreis"), or a speck read as a mark after the article ("und dem.Main-Kinzig-
# Kreis", "und der. Landeshauptstadt Wiesbaden")
_GLUED_PARTY = re.compile(
    r"^(\s*)und(?:(dem|der|den)\s+|\s*(dem|der|den)\s*[.,:;·'’`]\s*)(?=[A-ZÄÖÜ])"
)
# the party's "und der" read with its blank and one "d" lost ("under Stadt Darmstadt", seed
# 2525: no German word begins a line so)
_MERGED_PARTY = re.compile(r"^(\s*)un(dem|der|den)\s+(?=[A-ZÄÖÜ])")
# a letter's date line with its comma read as a semicolon, colon or dot ("Kassel; 06.10.2025",
# both models, seed 2525)
_LETTER_DATE_SEPARATOR = re.compile(r"^(\s*Kassel)\s*[;:.]\s*(?=\d{1,2}\.\d{1,2}\.\d{4}\s*$)")
# a page number line ("Seite 2 von 3") read with a speck beside it or inside ("Seite 2’von 3",
# "Seite 2-von 3", "Seite 2:von 3"),
# which the furniture step then no longer matches with the other pages' footers: dropped, so it
# never becomes a project
_PAGE_NUMBER_LINE = re.compile(
    r"^\W{0,2}Seite[\s.,:;'‘’-]+\d+[\s.,:;'‘’-]+von[\s.,:;'‘’-]+\d+\W{0,2}$"
)
# a decision letter's addressee with the blank after "An" lost ("Anden Odenwaldkreis"), a speck
# read as a mark after "An" ("An’ den Werra-Meißner-Kreis") or before it ("- "An die documenta-
# Stadt Kassel"); a district's name begins with a capital but Kassel's
_GLUED_ADDRESSEE = re.compile(
    r"^(\s*)(?:[-–—·.,„“”\"'‚‘’]\s*)*An(?:\s*[.,:;·'’`]\s*|\s*)(den|die)\s+(?=[A-ZÄÖÜ]|documenta)"
)
# a speck read as a mark after "über" or "eine" in the letter's subject line ("über. eine
# Zuwendung", "über eine'Zuwendung", "über eine-Zuwendung": both models, one letter)
_SUBJECT_SPECK = re.compile(
    r"^(\s*)über(?:\s*[.,:;·'’`]\s*|\s+)eine(?:\s*[.,:;·'’`-]\s*|\s+)Zuwendung\b"
)
# a speck read as a mark or a lone character after the budget year ending the letter's subject
# line ("… Qualifizierungsbudget 2025.", "… Qualifizierungsbudget 2025 7")
_SUBJECT_YEAR_SPECK = re.compile(
    r"^(über eine Zuwendung\b.*\s(?:19|20)\d{2})(?:\s*[.,:;·'’]|\s\S)$"
)
# OCR's line-end hyphen variants
_HYPHEN_VARIANT = re.compile(r"[¬‐‑]$")


# the top of a scanned page, where the receipt stamp ("EINGEGANGEN 05. Juni 2025") is pressed:
# the running header ("Zielvereinbarung AQB 2025 - Kreis Groß-Gerau") read with stamp residue
# around it, so the furniture step cannot match it with the other pages' headers, and the title
# read with stamp residue before it ("fi INGE GANGE \\05. Juni. 2025/ Zielvereinbarung")
STAMP_TOP_LINES = 4
# ("AQB" read as "AOB", "AGB" or "AQOB" among the specks, "Zielvereinbarung" garbled as
# "Zebrenkaring", its dash lost: "Zielvereinbarung AQB 2025 Landkreis Fulda", a speck read as a
# dot for a blank: "Zielvereinbarung AQB.2025 - Rheingau-Taunus-Kreis")
_RUNNING_HEADER = re.compile(r"\S{4,}[\s.,’'`]+A\w{0,3}B[\s.,’'`]+\d{4}\s+(?:[-–]\s+\w|[A-ZÄÖÜ]\w)")
# the residue must look like a stamp's (its date "28. Mai", a bracket or slash of its frame, a
# piece of "EINGEGANGEN", the date's year right before the title: "02 Ar Ir. 2025
# Zielvereinbarung", "ay, Ap! 20295 Zielvereinbarung" beside a title printed high on the page),
# so "§ 7 Laufzeit der Zielvereinbarung" stays
_STAMP_MONTH = r"(?:Jan|Feb|M[aä]r|Mrz|Apr|Ma[il]|Jun|Jul|Aug|Sep|Okt|Nov|Dez)"
_STAMP_EVIDENCE = (
    r"[\\/{}\[\]|]|EING|INGE|GANG"
    rf"|\d{{1,2}}[.,]?\s+{_STAMP_MONTH}"
    r"|\b20\d{2,3}\W?(?=\s+Zielvereinbarun)"
)
_TITLE = "Zielvereinbarung"
# the stamp's residue beside the title, after a column gap (a tab): "Zielvereinbarung\tI", or
# the stamp's date there ("Zielvereinbarung\tige Aug. 2025 )", "EINGEGANGEN" in pieces)
_STAMP_DATE_BESIDE = rf"\t(?=[^\t]*?(?:{_STAMP_MONTH}\w{{0,3}}[.,]?\s+\d|EING|INGE|GANG))[^\t]*"
_RESIDUE_BESIDE = rf"\s*(?:\t\W*\S{{1,3}}\W*|{_STAMP_DATE_BESIDE})?"
_STAMPED_TITLE = re.compile(
    rf"^(?=.*?(?:{_STAMP_EVIDENCE}).*?\sZielvereinbarun)\W*\S.*?\sZielvereinbarung?"
    rf"\s*[_.\-—]?{_RESIDUE_BESIDE}$"
    r"|^(?:\W*(?:[^\W\d_]{1,2}|[A-ZÄÖÜ]{3,12})\W*\s+|[^\w\s]{1,3}\s+){0,2}Zielvereinbarung"
    r"\s*[_.:;,\-—]?"
    rf"{_RESIDUE_BESIDE}$"
)


# a decision table's rows between its header and its total; a row ends with an amount, so a
# row's place in the table is one more than the lines ending with an amount above it
_TABLE_END = re.compile(r"^Gesamtbetrag\b")
_ROW_ENDS = re.compile(r",\d{2}\s*(?:EUR|€)$")
_WELL_FORMED_ROW = re.compile(r"^\d{1,3}; [1-4]; ")
# a row's number and measure type read as one glued mark ("84", "131;", "10.3", "T. 3,"): what
# stands before the project's first word of two letters
_GLUED_ROW_START = re.compile(r"^\s*(?P<marks>[\dTIl|][\d\s;:,.%\-–]{0,7}?)\s*(?=[^\W\d_]{2})")
_ROW_NUMBER_FOR = str.maketrans({"T": "7", "I": "1", "l": "1", "|": "1"})


def repair_table_rows(texts: list[str]) -> list[str]:
    """A page's repaired lines (``repair_line``) with the decision table's rows whose number
    and measure type were read glued into one mark ("84 Fortbildung …" for "8; 4; Fortbildung
    …", "131; …" for "1; 1; …") written as a row again. The row's place in the table says what
    its number must be: only marks whose digits are that number, at most one misread separator
    and a measure type 1 to 4 are read so. A row whose marks were lost past that and whose
    separator between project and provider was read as a colon ("1% Übergangsmanagement -
    Fortführung: Jugendwerkstatt …; 130.600,00 EUR") has the colon read as the separator
    (``_colon_separator``), as a row with its marks has. Any other line stays as it is. The
    measure digit's confidence is still judged (pipelines.parse.scan_checks)."""
    repaired, place = list(texts), None
    for index, text in enumerate(texts):
        if TABLE_HEADER.match(text):
            place = 1
        elif place is not None and _TABLE_END.match(text):
            place = None
        elif place is not None:
            if not _WELL_FORMED_ROW.match(text):
                repaired[index] = _colon_separator(_renumbered_row(text, place))
            place += 1 if _ROW_ENDS.search(text) else 0
    return repaired


def _renumbered_row(text: str, place: int) -> str:
    """The row at ``place`` with its glued number and measure type separated (see
    ``repair_table_rows``), else as it is."""
    match = _GLUED_ROW_START.match(text)
    if match is None:
        return text
    marks = match.group("marks").translate(_ROW_NUMBER_FOR)
    digits = "".join(char for char in marks if char.isdigit())
    number, measure = str(place), digits[-1:]
    if not digits.startswith(number) or not 1 <= len(digits) - len(number) <= 2:
        return text
    if measure not in {"1", "2", "3", "4"}:
        return text
    return repair_line(f"{number}; {measure}; {text[match.end() :]}")


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
    """ "EINGEGANGEN 05. Juni 2025 Zielvereinbarung" (a stamp beside the title) -> the title;
    beside a stamp, the title's last letter may be lost ("… 13. Okt 2025 F: Zielvereinbarun")."""
    return _TITLE if _STAMPED_TITLE.match(text) else text


def repair_line(text: str) -> str:
    """One OCR'd line with the typical misreadings repaired (see the module doc)."""
    text = _LEADING_BAR.sub("", _HYPHEN_VARIANT.sub("-", text.rstrip()))
    text = _LEADING_UNDERSCORE.sub(r"\1", _DOUBLE_QUOTES.sub('"', text))
    text = _TRAILING_UNDERSCORE.sub("", text)
    text = _SPECK_BEFORE_YEAR.sub(r"\1 \2", _SPECK_BEFORE_DEN.sub(", ", text))
    text = _DEN_SEPARATOR.sub(r"\1, ", _SPECK_BEFORE_PLACE.sub("", text))
    text = _DAY_MARK.sub(r"\1. ", _BLANK_IN_DATE.sub(r"\1.", _DEN_AS_DERI.sub("den", text)))
    text = _LEADING_QUOTES.sub("", _LEADING_SPECK.sub("", text))  # ". „und dem Kreis"
    text = _ZERO_BULLET.sub(lambda match: f"{match.group(1)}o", text)
    text = _TRAILING_SPECK.sub("", _LEADING_SPECK.sub("", text))
    text = _MONTH_DATE_SPECK.sub(
        r"\1", _DATE_SPECK.sub(lambda match: match.group(1) or match.group(2), text)
    )
    text = _GLUED_PARTY.sub(
        lambda match: f"{match.group(1)}und {match.group(2) or match.group(3)} ", text
    )
    text = _MERGED_PARTY.sub(r"\1und \2 ", text)
    text = _LETTER_DATE_SEPARATOR.sub(r"\1, ", text)
    text = _LONE_WORD_SPECK.sub(r"\1", _RESIDUE_BEFORE_TITLE.sub("", text))
    text = _RESIDUE_AFTER_TITLE.sub(r"\1", text)
    text = _LONG_WORD.sub(_repair_key_word, text)
    text = _SPECK_AFTER_CURRENCY.sub(r"\1", _SPECK_BEFORE_CURRENCY.sub(r"\1 \2", text))
    text = _SPECK_AFTER_AMOUNT.sub(r"\1", _RESIDUE_AFTER_BUDGET.sub(r"\1", text))
    text = _SPECK_BEFORE_WRAPPED_CURRENCY.sub("", text)
    text = _SPECK_BEFORE_AMOUNT.sub("", _SEMICOLON_DECIMAL.sub(r"\1,\2", text))
    text = _SPECK_BEFORE_ROW_AMOUNT.sub(r"\1", text)
    text = _MISREAD_FIRST_GROUP.sub(r"\1.", _DOT_DECIMAL.sub(r"\1,\2", text))
    if _KEINE.match(text):
        return "keine"
    if _PAGE_NUMBER_LINE.match(text):
        return ""
    text = _SECTION.sub(lambda match: f"§ {match.group(1) or match.group(2)}", text, count=1)
    text = _BULLET.sub(lambda match: f"{match.group(1)}-", text, count=1)
    text = _AMOUNT_TOKEN.sub(_repair_amount, text)
    text = _FILE_NUMBER_GAP.sub(_join_file_number, _SPECK_BEFORE_FILE_NUMBER.sub("", text))
    text = _SPECK_AFTER_FILE_NUMBER.sub("", text)
    text = _SUBJECT_YEAR_SPECK.sub(r"\1", _SUBJECT_SPECK.sub(r"\1über eine Zuwendung", text))
    text = _GLUED_ADDRESSEE.sub(r"\1An \2 ", text)
    text = _TOTAL_LABEL.sub("Gesamtbetrag der Zuwendung: ", text)
    text = _TABLE_HEADER_SPECK.sub("", _TABLE_LABEL.sub("Bewilligte Projekte:", text))
    text = _HEADING_SPECK.sub("", text)
    text = _GLUED_BULLET.sub(lambda match: f"{match.group(1)}{match.group(2)} ", text)
    text = _MARK_BETWEEN_BULLETS.sub(
        lambda match: f"{match.group(1)}{match.group(2) or match.group(3)} ", text
    )
    text = _heading_without_residue(_renumber_heading(text))
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
        cells = _ROW_MISREAD_GROUP.sub(r"\1.", cells)
        cells = _ROW_CELL_AFTER_CURRENCY.sub(r"\1; ", _ROW_CELL_BEFORE_AMOUNT.sub("; ", cells))
        cells = _colon_separator(cells)
        text = f"{row.group(1)}; {row.group(3)}; " + cells
        text = _ROW_AMOUNT.sub(lambda match: f"; {match.group(1)} {match.group(2)}", text)
    return LONE_BAR.sub("I", text)


# a decision row's separator between project and provider read as a colon
# ("Ausbildungsverbund Gastronomie: Berufsbildungszentrum Marburg gGmbH; 148.350,00 EUR", "…
# Garten- und (Landschaftsbau): Beschäftigungsgesellschaft …")
_ROW_COLON = re.compile(r"(?:(?<=[^\W\d_])|(?<=\))):(?=\s+[A-ZÄÖÜ])")


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


# a speck or the page's edge read as a word of one or two letters after a measure heading
# ("3. Qualifizierungsprojekte zur Arbeitsmarktintegration, Fachkräftesicherung Ye", "… Di":
# the two models): no wording of a measure type ends with such a word
_HEADING_RESIDUE = re.compile(
    r"^(?P<heading>\s*(?P<number>[1-4])\.\s+(?P<rest>\S.*?))\s+[^\W\d_]{1,2}\s*$"
)


def _heading_without_residue(text: str) -> str:
    """A measure heading freed of a residue word after its type's whole name
    (``_HEADING_RESIDUE``); a heading wrapped after a short word ("2. Ausbildung und
    Ausbildungscoaching in") and any other line as they are."""
    from pipelines.parse.measures import ends_as_name, named_type, split_amount

    match = _HEADING_RESIDUE.match(text)
    if match is None:
        return text
    number, name = int(match["number"]), split_amount(match["rest"])[0]
    if named_type(name) == number and ends_as_name(name, number):
        return match["heading"]
    return text


def _renumber_heading(text: str) -> str:
    """A measure heading with a misread number numbered from its wording (``_GARBLED_HEADING``)
    or freed of a speck before its number (``_SPECKED_HEADING``); any other line as it is."""
    from pipelines.parse.measures import named_type, split_amount

    specked = _SPECKED_HEADING.match(text)
    if specked and named_type(split_amount(specked.group("rest"))[0]) == int(specked["number"]):
        return f"{specked['number']}. {specked['rest']}"
    match = _GARBLED_HEADING.match(text)
    if match is None:
        return text
    number = named_type(split_amount(match.group("rest"))[0])
    return text if number is None else f"{number}. {match.group('rest')}"


# the titles an agreement's sections carry under their "§ n" line (the ministry's template),
# and what is left of a "§ n" line read among specks ("5", "S", "$ .")
_SECTION_TITLES = (
    (4, re.compile(r"^Haushaltsmittel und Eckdaten\b")),
    (5, re.compile(r"^Ziele für die Umsetzung\b")),
)
_SECTION_LINE = re.compile(r"^\s*§\s*\d+\s*$")
_SECTION_REMAINS = re.compile(r"^\W{0,2}[\dS$&]{1,2}\W{0,2}$")


def restore_section_signs(texts: list[str]) -> list[str]:
    """A page's repaired lines with the "§ n" line above a section's title restored: read as
    what is left of it ("5") it is written as "§ 5"; lost whole (not read at all) the title is
    marked as the section's start ("§ 5 Ziele für die Umsetzung …"), so § 4 does not run on
    into § 5's per-measure amounts. A line with another digit stays as it is."""
    restored = list(texts)
    for index, text in enumerate(texts):
        number = next((number for number, title in _SECTION_TITLES if title.match(text)), None)
        if number is None:
            continue
        above = next((i for i in range(index - 1, -1, -1) if texts[i].strip()), None)
        if above is not None and _SECTION_LINE.match(texts[above]):
            continue
        remains = texts[above] if above is not None else ""
        if _SECTION_REMAINS.match(remains) and set(re.sub(r"\D", "", remains)) <= {str(number)}:
            restored[above] = f"§ {number}"  # type: ignore[index]
        else:
            restored[index] = f"§ {number} {text}"
    return restored


# an agreement's title block: its title or year, then the ministry as its first party
_TITLE_OR_YEAR = re.compile(r"^\s*(?:Zielvereinbarung|(?:Zielvereinbarung\s+)?(?:19|20)\d{2})\s*$")
_FIRST_PARTY = re.compile(r"^\s*dem\s+Hessischen\s+Ministerium\b")


def restore_parties_word(texts: list[str]) -> list[str]:
    """A page's repaired lines with the "zwischen" OCR lost between an agreement's title and
    its first party restored ("2025" + "dem Hessischen Ministerium …" -> "zwischen dem
    Hessischen Ministerium …"): the title block's shape says where it stood. A "zwischen" read
    garbled, or a ministry named anywhere else, leaves the lines as they are."""
    restored = list(texts)
    for index, text in enumerate(texts):
        if not _FIRST_PARTY.match(text):
            continue
        above = next((texts[i] for i in range(index - 1, -1, -1) if texts[i].strip()), "")
        if _TITLE_OR_YEAR.match(above):
            restored[index] = f"zwischen {text.strip()}"
    return restored


def renumber_wrapped_headings(texts: list[str]) -> list[str]:
    """A page's repaired lines with a measure heading whose number was misread, or read behind
    a speck ("- 4. Weiterbildungsmaßnahmen …", an underscore read as a bullet), and whose name
    wraps onto the next line ("a: Weiterbildungsmaßnahmen für Personal … in der fachlichen" +
    "Verantwortung für Benachteiligte …") numbered from its wording: the two lines together
    are one type's whole name and the second completes it (``completes_name``); a line that is
    no such first half stays as it is (``_renumber_heading`` numbers a heading on one line)."""
    from pipelines.parse.measures import completes_name, named_type

    renumbered = list(texts)
    for index, (text, following) in enumerate(zip(texts, texts[1:], strict=False)):
        specked = _SPECKED_HEADING.match(text)
        match = specked or _GARBLED_HEADING.match(text)
        if match is None:
            continue
        head = match.group("rest")
        number = named_type(f"{head} {following}")
        if specked and number != int(specked["number"]):
            continue  # a speck before a number of another type's: as read
        if number is not None and completes_name(head, following, number):
            renumbered[index] = f"{number}. {head}"
    return renumbered


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
