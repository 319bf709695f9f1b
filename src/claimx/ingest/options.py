"""The settings of one ingestion run, in one frozen object handed to every reader."""

from __future__ import annotations

from dataclasses import dataclass

# Larger inputs become a `too_large` error record instead of being read. 100 MiB lets a 50 MB text through to
# the pipeline (whose own length limit and any chunking are the batch layer's business) while keeping one
# document's memory bounded. JSON Lines files are streamed: the cap applies to each line, not to the file.
DEFAULT_MAX_BYTES = 100 * 1024 * 1024


@dataclass(frozen=True)
class IngestOptions:
    published: str | None = None  # --date: reference date when the input states none
    country: str | None = None  # --country: the publisher's country (ISO 3166-1 alpha-2), over what the input shows
    text_field: str | None = None  # JSON Lines: the field holding the text (dots reach into objects)
    id_field: str | None = None  # JSON Lines: the field holding the id
    max_bytes: int = DEFAULT_MAX_BYTES
    fetch_timeout: int = 20  # seconds, for URLs
    allow_private_urls: bool = False  # let URLs reach loopback/private addresses (tests, intranets)
    mask_chrome: bool = True  # find site chrome and headlines in the text
    any_language: bool = False  # analyse articles that are not in English too (else: unsupported_language)
