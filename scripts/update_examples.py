"""Regenerate examples/expected/*.jsonl from the current extractor.

Run after a deliberate change to extraction, then read the diff (`git diff examples/expected`) before
committing: tests/test_examples.py fails whenever the expected files and the extractor disagree.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
EXPECTED = EXAMPLES / "expected"


def example_inputs() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.suffix in {".txt", ".jsonl", ".html"})


def expected_path(example: Path) -> Path:
    return EXPECTED / f"{example.name}.jsonl"


def current_output(example: Path) -> bytes:
    """What `claimx extract EXAMPLE --format jsonl` prints, run from the repo root so ids and sources are stable."""
    from claimx import output
    from claimx.extract import extract_many
    from claimx.ingest import iter_articles

    relative = example.relative_to(ROOT).as_posix()
    return b"".join(output.jsonl_line(r) for r in extract_many(iter_articles([relative])))


def main() -> int:
    import os

    os.chdir(ROOT)
    EXPECTED.mkdir(exist_ok=True)
    for example in example_inputs():
        expected_path(example).write_bytes(current_output(example))
        print(f"wrote {expected_path(example).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
