"""Fetching a page named by URL, with trafilatura's own downloader: a timeout, a size cap, a few redirects,
certificate checks kept on, and (by default) no requests to loopback or private addresses.

Every failure becomes one FetchError with a one-line reason; nothing is logged to stderr.
"""

from __future__ import annotations

import logging
import re
from contextlib import contextmanager
from dataclasses import dataclass

DEFAULT_TIMEOUT = 20  # seconds, for connecting and for each read
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*\Z", re.IGNORECASE)


class FetchError(Exception):
    """A page that could not be fetched; `type` is fetch_error or too_large."""

    def __init__(self, message: str, type_: str = "fetch_error"):
        super().__init__(message)
        self.type = type_


@dataclass
class Fetched:
    data: bytes
    url: str  # after redirects
    content_type: str | None


def is_url(value: str) -> bool:
    return bool(_URL.match(value))


def fetch(url: str, *, timeout: int = DEFAULT_TIMEOUT, max_bytes: int, allow_private: bool = False) -> Fetched:
    """GET `url`. `allow_private` lets it reach loopback and private networks (tests, intranets)."""
    from trafilatura.downloads import fetch_response
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(max(1, int(timeout))))
    config.set("DEFAULT", "MAX_FILE_SIZE", str(max_bytes))
    config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
    config.set("DEFAULT", "INSECURE_SSL_FALLBACK", "off")  # a bad certificate is an error, not a retry
    with _captured_errors() as errors:
        try:
            response = fetch_response(url, decode=False, config=config)
        except Exception as exc:  # the downloader catches most failures itself; never let one escape as a traceback
            errors.append(exc)
            response = None
    if response is None:
        reason = _reason(errors[-1] if errors else None)
        type_ = "too_large" if "MAX_FILE_SIZE" in reason else "fetch_error"
        if type_ == "too_large":
            reason = f"larger than {max_bytes} bytes"
        raise FetchError(f"cannot fetch {url}: {reason}", type_)
    if response.status != 200:
        raise FetchError(f"cannot fetch {url}: HTTP {response.status}")
    headers = response.headers or {}
    return Fetched(response.data or b"", response.url or url, headers.get("content-type"))


class _Collect(logging.Handler):
    def __init__(self, sink: list):
        super().__init__(logging.DEBUG)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            # the downloader logs ("download error: %s %s", url, exc): keep the exception itself
            self.sink.append(record.args[-1] if isinstance(record.args, tuple) and record.args else record.getMessage())


@contextmanager
def _captured_errors():
    logger = logging.getLogger("trafilatura.downloads")
    errors: list = []
    handler = _Collect(errors)
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield errors
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def _reason(error: object) -> str:
    """A short, human reason from whatever the downloader reported."""
    if error is None:
        return "no response"
    cause = getattr(error, "reason", None) or error
    text = str(cause)
    lowered = text.lower()
    if "ssrf protection" in lowered:
        return "the address is on a private or loopback network"
    if "name or service not known" in lowered or "name resolution" in lowered or "nodename nor servname" in lowered \
            or "getaddrinfo failed" in lowered:
        return "cannot resolve the host name (offline?)"
    if "timed out" in lowered or "timeout" in lowered:
        return "timed out"
    if "connection refused" in lowered:
        return "connection refused"
    if "certificate" in lowered or "ssl" in lowered:
        return "TLS/certificate error"
    if "network is unreachable" in lowered or "no route to host" in lowered:
        return "network unreachable (offline?)"
    errno_message = re.search(r"\[Errno -?\d+\] ([^'\")]+)", text)
    if errno_message:
        return errno_message.group(1).strip()
    return text.splitlines()[0][:200] if text else type(cause).__name__
