"""`--resume`: find which documents an earlier, interrupted run already wrote, and make its output safe to append to.

Every newline-terminated line must be a claimx record: a JSON object with `"schema": "claimx/…"` and an `id`
(else the file is not ours and is left alone, untouched). Only an unterminated last line can be torn (claimx writes
whole lines, so a tear means the process was killed mid-write): it is cut away, and its document is analysed again
— but only when it starts the way every claimx line starts; a file whose one line has no newline at the end (a
note, a list) is not ours either.
"""

from __future__ import annotations

import os
from pathlib import Path

import orjson

_READ_SIZE = 1 << 20
_RECORD_START = b'{"schema":"claimx/'  # how every line claimx writes begins (orjson, schema first)


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
                    raise _not_ours(path, f"bad line ending at byte {complete_end}")
            if len(tail) > _READ_SIZE * 64:  # no claimx line is this long: do not hold a whole foreign file
                raise _not_ours(path, f"no line break in the last {len(tail):,} bytes")
        if tail:  # a torn last line: the run that wrote it was killed mid-write
            if not (_RECORD_START.startswith(tail) or tail.startswith(_RECORD_START)):
                raise _not_ours(path, "its last line is not a claimx record")
            handle.truncate(complete_end)
            handle.flush()
            os.fsync(handle.fileno())
    return done


def _not_ours(path: Path, why: str) -> ResumeError:
    return ResumeError(f"{path} is not claimx JSON Lines output ({why}); refusing to append to it")


def _record_id(line: bytes) -> str | None:
    try:
        obj = orjson.loads(line)
    except orjson.JSONDecodeError:
        return None
    if (isinstance(obj, dict) and isinstance(obj.get("id"), str) and isinstance(obj.get("schema"), str)
            and obj["schema"].startswith("claimx/")):
        return obj["id"]
    return None
