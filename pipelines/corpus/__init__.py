"""Deterministic synthetic sample corpus (Beispieldaten): agreements, grant decisions, exports.

``generate_corpus(out_dir, years, seed, scale, defect_rate) -> Manifest`` writes the files and
``manifest.json`` (ground truth per file); ``aqb generate-corpus`` is the command line for it.
Formats: docs/formats.md.
"""

from pipelines.corpus.generator import GENERATOR_VERSION, generate_corpus
from pipelines.corpus.manifest import (
    DEFECT_CLASSES,
    MANIFEST_NAME,
    QUARANTINED_DEFECTS,
    Manifest,
    ManifestFile,
)

__all__ = [
    "DEFECT_CLASSES",
    "GENERATOR_VERSION",
    "MANIFEST_NAME",
    "QUARANTINED_DEFECTS",
    "Manifest",
    "ManifestFile",
    "generate_corpus",
]
