"""Bytes → text: BOMs, UTF-8, then a detected legacy encoding; binary files are refused, not guessed at.

The decoded text is kept as it is (CRLF, non-breaking spaces, typographic quotes): offsets index it.
"""

from __future__ import annotations

import codecs
import re

# Signatures of common binary formats, so the error can say what the file is (ones a text could start with,
# like "ID3" or "RIFF", are left to the NUL-byte check).
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (or docx/xlsx/epub)"),
    (b"PK\x05\x06", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an MS Office document"),
)

# Checked longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# How much more "chaos" (charset-normalizer's mess score) Windows-1252 may have than the detector's favourite and
# still win: on short English text the detector often ties it with cp1250/cp775/cp932, and for English news
# Windows-1252 is by far the likeliest legacy encoding.
_CP1252_TOLERANCE = 0.05


# A text may carry a few stray NUL bytes (a bad copy, a CMS bug) and still be text; more than this share is binary.
_STRAY_NUL_SHARE = 0.01
# Control bytes that text never holds (tab, newlines, form feed and ESC aside): with NULs, a sign of binary data.
_CONTROL = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f]")
# UTF-8 with stray bytes: read as UTF-8 when it is declared, or when valid multi-byte characters outnumber the
# stray bytes this many times.
_UTF8_VALID_PER_STRAY = 4
_UTF8_NAMES = {"utf-8", "utf8"}
_DECLARED_UTF8_STRAY = 3  # a page that declares UTF-8 keeps it with up to this many stray bytes, whatever else


class DecodeProblem(Exception):
    """Bytes that are not text (`not_text`) or whose encoding cannot be read (`decode_error`)."""

    def __init__(self, type_: str, reason: str):
        super().__init__(reason)
        self.type = type_
        self.reason = reason


def decode_bytes(data: bytes, *, declared: str | None = None) -> str:
    """Decode a document. `declared` is an encoding the container names (an HTML meta charset), tried before
    detection. Raises DecodeProblem."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding)
    binary = binary_kind(data)
    if binary == "utf-16-le" or binary == "utf-16-be":
        return _strict(data, binary)
    if binary:
        raise DecodeProblem("not_text", f"looks like {binary}, not text")
    if b"\x00" in data:  # a few stray NULs (binary_kind let them through): dropped, as a browser ignores them
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8")  # the fast path: nearly every file is UTF-8
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data, declared):
        # a UTF-8 page with a few stray bytes (a pasted Latin-1 word): those bytes become U+FFFD, as in a browser,
        # rather than the whole page being read in a legacy codec that garbles every accented letter
        return data.decode("utf-8", errors="replace")
    if declared:
        try:
            return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    return _detected(data)


def binary_kind(data: bytes) -> str | None:
    """What binary format `data` looks like, 'utf-16-le'/'utf-16-be' for BOM-less UTF-16, or None for text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if b"\x00" not in head and b"\x00" not in data:
        return None
    nuls = data.count(0)
    if nuls <= len(data) * _STRAY_NUL_SHARE and not _CONTROL.search(data.replace(b"\x00", b"")):
        return None  # a few stray NULs in text: the decoder drops them
    # BOM-less UTF-16 of mostly ASCII text: every other byte is NUL.
    even, odd = head[0::2], head[1::2]
    if len(head) >= 4 and len(head) % 2 == 0:
        if odd.count(0) > 0.9 * len(odd) and even.count(0) == 0:
            return "utf-16-le"
        if even.count(0) > 0.9 * len(even) and odd.count(0) == 0:
            return "utf-16-be"
    return "a binary file (it contains NUL bytes)"


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeProblem("decode_error", f"invalid {encoding} at byte {exc.start}: {exc.reason}") from None


def _detected(data: bytes) -> str:
    from charset_normalizer import from_bytes  # only paid for when UTF-8 failed

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DecodeProblem("decode_error", "not UTF-8 and no known encoding fits")
    cp1252 = next((r for r in results if r.encoding == "cp1252"), None)
    if cp1252 is not None and cp1252.chaos <= best.chaos + _CP1252_TOLERANCE:
        return str(cp1252)
    return str(best)


def _mostly_utf8(data: bytes, declared: str | None) -> bool:
    """UTF-8 with a few stray bytes, not a legacy encoding. A page that declares UTF-8 is believed unless its
    non-ASCII bytes are mostly not UTF-8 (a Windows-1252 page that names the wrong charset)."""
    text = data.decode("utf-8", errors="replace")
    stray = text.count("\ufffd")
    valid = sum(1 for char in text if ord(char) > 0x7F) - stray
    if declared and declared.strip().lower() in _UTF8_NAMES:
        return valid >= stray or stray <= _DECLARED_UTF8_STRAY
    return valid >= _UTF8_VALID_PER_STRAY * stray
