"""`--resume`: find which documents an earlier, interrupted run already wrote, and make its output safe to append to.

Every newline-terminated line must be a JSON object with an `id` (else the file is not ours and is left alone).
Only an unterminated last line can be torn (claimx writes whole lines, so a tear means the process was killed
mid-write): it is cut away, and its document is analysed again.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

_READ_SIZE = 1 << 20


class ResumeError(Exception):
    """The file given with --resume is not claimx output, so claimx will not append to (or cut) it."""


def completed_ids(path: Path) -> set[str]:
    """Ids of every complete record in `path` (none when it does not exist). Cuts a torn last line away."""
    done: set[str] = set()
    try:
        handle = open(path, "r+b")
    except FileNotFoundError:
        return done
    with handle:
        complete_end = 0  # byte offset just past the last newline
        tail = b""
        while chunk := handle.read(_READ_SIZE):
            lines = (tail + chunk).split(b"\n")
            tail = lines.pop()  # not newline-terminated (yet): the rest may come with the next chunk
            for line in lines:
                complete_end += len(line) + 1
                record_id = _record_id(line)
                if record_id is not None:
                    done.add(record_id)
                elif line.strip():
                    raise ResumeError(f"{path} is not claimx JSON Lines output (bad line ending at byte "
                                      f"{complete_end}); refusing to append to it")
        if tail:  # a torn last line: the run that wrote it was killed mid-write
            handle.truncate(complete_end)
            handle.flush()
            os.fsync(handle.fileno())
    return done


def _record_id(line: bytes) -> str | None:
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if isinstance(obj, dict) and isinstance(obj.get("id"), str):
        return obj["id"]
    return None
