"""A code the warehouse stores, with a German text for users and an English one for engineers.

Quarantine reasons (``pipelines.reasons.Reason``) and document types
(``pipelines.contracts.vocabulary.DocumentType``) are such codes: the enum's value is what a
table stores, ``de`` what the dashboard and downloads show, ``en`` what logs and engineers read.
Standard library only, so parsers, the ingest, exports and the dashboard can all import it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class BilingualCode(StrEnum):
    """A member is declared as ``NAME = (code, de, en)``; it equals its code as a string."""

    de: str
    en: str

    def __new__(cls, code: str, de: str, en: str) -> Self:
        member = str.__new__(cls, code)
        member._value_ = code
        member.de = de
        member.en = en
        return member
