"""Which parser a document goes to, decided from its text (never from its file name)."""

from __future__ import annotations

import re
from typing import Literal

from pipelines.parse.records import ExtractedDocument

DocumentKind = Literal["agreement", "decision_letter", "unknown"]

# RP Kassel named, on a scan perhaps with a speck between its words, or by its file number
_RP_KASSEL = re.compile(r"Regierungspräsidium[\s.,·'’]+Kassel|\bRPKS-\d+-AQB-\d", re.IGNORECASE)
_DECISION_WORDS = re.compile(
    r"\b(?:Zuwendungsbescheid|Änderungsbescheid|Schlussbescheid|Widerrufsbescheid)\b", re.IGNORECASE
)
_AGREEMENT = re.compile(r"\bZielvereinbarung", re.IGNORECASE)
_OPENING_LINES = 15


def classify_document(doc: ExtractedDocument) -> DocumentKind:
    """agreement / decision_letter / unknown.

    An agreement mentions "Regierungspräsidium Kassel" too (who issues the grant), so a document
    titled "Zielvereinbarung" counts as an agreement first; a decision letter must name RP Kassel
    and one of the four decision types.
    """
    opening = "\n".join(line.text for line in doc.lines[:_OPENING_LINES])
    if re.search(r"^\s*Zielvereinbarung", opening, re.IGNORECASE | re.MULTILINE):
        return "agreement"
    text = doc.text
    if _RP_KASSEL.search(text) and _DECISION_WORDS.search(text):
        return "decision_letter"
    if _AGREEMENT.search(text):
        return "agreement"  # the agreement parser says why it is not one (press release ...)
    return "unknown"
