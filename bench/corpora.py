"""Bench corpora: generated once per scale under ``bench/work/`` and reused while their args match.

Generating 64x takes a while, and the bench repeats every scenario on the same bytes, so the
corpus is cached. A stamp file next to (not inside) the corpus folder records the generator
arguments; the corpus folder is the inbox, and a stray file there would be ingested.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

EXTRA_DISTRICTS_FILE = "extra_districts.csv"
DEFAULT_YEARS = (2016, 2025)
DEFAULT_SEED = 20250802
DEFAULT_DEFECT_RATE = 0.05

MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Corpus:
    """One generated corpus as the bench uses it."""

    scale: int
    path: Path
    extra_districts_path: Path | None
    document_count: int  # files a pipeline would read (known media types)
    total_bytes: int
    generation_seconds: float | None  # None when reused from an earlier bench
    reused: bool
    args: dict[str, object]

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["path"] = str(self.path)
        data["extra_districts_path"] = (
            str(self.extra_districts_path) if self.extra_districts_path else None
        )
        return data


def document_files(corpus_dir: Path) -> list[Path]:
    """Every file with a document media type, in a stable order (manifest and side files excluded)."""
    return sorted(
        path
        for path in corpus_dir.rglob("*")
        if path.is_file()
        and path.suffix.lower() in MEDIA_TYPES
        and path.name != EXTRA_DISTRICTS_FILE
    )


def media_type_of(path: Path) -> str:
    """The media type a pipeline would assign by suffix; the floor needs it to pick a reader."""
    return MEDIA_TYPES[path.suffix.lower()]


def generator_fingerprint() -> str:
    """Hash of the generator's source: a changed generator writes different bytes, so a corpus
    cached by an older one must not be reused."""
    import pipelines.corpus

    digest = hashlib.sha256()
    for source in sorted(Path(pipelines.corpus.__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def _generator_args(
    scale: int, years: tuple[int, int], seed: int, defect_rate: float
) -> dict[str, object]:
    return {
        "years": list(years),
        "seed": seed,
        "scale": scale,
        "defect_rate": defect_rate,
        "generator": generator_fingerprint(),
    }


def _stamp_path(corpus_dir: Path) -> Path:
    return corpus_dir.with_name(corpus_dir.name + ".bench.json")


def _load_corpus(
    corpus_dir: Path, scale: int, args: dict[str, object], seconds: float | None, reused: bool
) -> Corpus:
    files = document_files(corpus_dir)
    extra = corpus_dir / EXTRA_DISTRICTS_FILE
    return Corpus(
        scale=scale,
        path=corpus_dir,
        extra_districts_path=extra if extra.is_file() else None,
        document_count=len(files),
        total_bytes=sum(path.stat().st_size for path in files),
        generation_seconds=seconds,
        reused=reused,
        args=args,
    )


def ensure_corpus(
    work_dir: Path,
    scale: int,
    years: tuple[int, int] = DEFAULT_YEARS,
    seed: int = DEFAULT_SEED,
    defect_rate: float = DEFAULT_DEFECT_RATE,
) -> Corpus:
    """The corpus for ``scale``: reused when its stamp matches the arguments, else regenerated."""
    corpus_dir = work_dir / f"corpus_{years[0]}-{years[1]}_s{seed}_d{defect_rate:g}_x{scale}"
    args = _generator_args(scale, years, seed, defect_rate)
    stamp = _stamp_path(corpus_dir)
    if corpus_dir.is_dir() and stamp.is_file():
        recorded = json.loads(stamp.read_text(encoding="utf-8"))
        if recorded.get("args") == args and recorded.get("document_count") == len(
            document_files(corpus_dir)
        ):
            return _load_corpus(corpus_dir, scale, args, None, reused=True)
    return generate(corpus_dir, scale, years, seed, defect_rate)


def generate(
    corpus_dir: Path, scale: int, years: tuple[int, int], seed: int, defect_rate: float
) -> Corpus:
    """Run the project's generator (``pipelines.corpus``) into a fresh folder and stamp it."""
    from pipelines.corpus import generate_corpus

    stamp = _stamp_path(corpus_dir)
    stamp.unlink(missing_ok=True)
    shutil.rmtree(corpus_dir, ignore_errors=True)
    corpus_dir.mkdir(parents=True)
    started = time.perf_counter()
    generate_corpus(corpus_dir, years=years, seed=seed, scale=scale, defect_rate=defect_rate)
    seconds = time.perf_counter() - started
    args = _generator_args(scale, years, seed, defect_rate)
    corpus = _load_corpus(corpus_dir, scale, args, seconds, reused=False)
    stamp.write_text(
        json.dumps(
            {"args": args, "document_count": corpus.document_count, "generation_seconds": seconds}
        ),
        encoding="utf-8",
    )
    return corpus


def link_copy(source_dir: Path, target_dir: Path) -> Path:
    """A private inbox sharing the corpus bytes through hard links (cheap, and the cached corpus
    stays untouched when the incremental scenario drops new files into the copy)."""
    shutil.rmtree(target_dir, ignore_errors=True)

    def _link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source_dir, target_dir, copy_function=_link)
    return target_dir
