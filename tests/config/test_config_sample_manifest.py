"""The Beispieldaten flag is read from the head of a corpus manifest, whatever its size."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipelines.config import MANIFEST_HEAD_BYTES, is_sample_corpus, leading_json_fields


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": 1, "b": [1, 2], "c": {"d": "}"}}', [("a", 1), ("b", [1, 2]), ("c", {"d": "}"})]),
        ('\n {\n "a" : true ,\n "b": null\n}\n', [("a", True), ("b", None)]),
        ("{}", []),
        ('{"a": 1, "b": [1, 2', [("a", 1)]),  # cut inside a value: what is complete
        ('{"a": "x", "files": [\n{"path": "agreements/', [("a", "x")]),
    ],
)
def test_leading_fields_are_the_complete_ones(text: str, expected: list) -> None:
    assert list(leading_json_fields(text)) == expected


@pytest.mark.parametrize("text", ["[1, 2]", "no json", '{"a" 1}', "{1: 2}"])
def test_text_that_does_not_start_an_object_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        list(leading_json_fields(text))


def _manifest(tmp_path: Path, head: dict, files: int) -> Path:
    """A manifest shaped like the generator's: small fields first, then a long file list."""
    body = json.dumps(
        {**head, "files": [{"path": f"f{i}.txt", "x": "y" * 50} for i in range(files)]}
    )
    (tmp_path / "manifest.json").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ({"generator": "g", "sample_data": True}, True),
        ({"generator": "g", "sample_data": False}, False),
        ({"generator": "g", "sample_data": "yes"}, False),  # only a real true counts
        ({"generator": "g"}, False),
    ],
)
def test_flag_from_a_manifest_far_larger_than_the_head(
    tmp_path: Path, head: dict, expected: bool
) -> None:
    inbox = _manifest(tmp_path, head, files=5_000)
    assert (inbox / "manifest.json").stat().st_size > 4 * MANIFEST_HEAD_BYTES
    assert is_sample_corpus(inbox) is expected


def test_missing_or_broken_manifests_are_real_data(tmp_path: Path) -> None:
    assert is_sample_corpus(tmp_path) is False
    (tmp_path / "manifest.json").write_bytes(b"\xff\xfe not json")
    assert is_sample_corpus(tmp_path) is False


def test_the_generators_manifest_is_recognised(sample_corpus) -> None:
    corpus_dir, manifest = sample_corpus
    assert manifest.sample_data is True
    assert is_sample_corpus(corpus_dir) is True
