"""`--glob` / `--exclude`: which files of a directory walk are read. Patterns are shell globs (fnmatch)."""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase


def is_selected(relative_path: str, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> bool:
    """True when a file found in a directory (its path relative to that directory, with `/`) should be read.

    `include`: when given, the file's relative path or its name must match one pattern (`*.txt`, `2024/*`).
    `exclude`: the file is skipped when its relative path, its name or any of its directories' names matches
    (`drafts` skips a drafts/ folder anywhere, `.*` skips hidden files and folders).
    """
    parts = relative_path.split("/")
    name = parts[-1]
    if include and not any(fnmatchcase(relative_path, p) or fnmatchcase(name, p) for p in include):
        return False
    return not any(fnmatchcase(relative_path, p) or any(fnmatchcase(part, p) for part in parts) for p in exclude)
