"""Fetching a page named by URL over trafilatura's connection pool: one overall deadline, a size cap, a few
redirects, certificate checks kept on, and (by default) no requests to loopback or private addresses.

The deadline covers everything a fetch can spend time on: connecting, each redirect, a retry after a 429/5xx
(a Retry-After longer than the time left is not waited for), and reading the body however slowly it trickles.
Every failure becomes one FetchError with a one-line reason; nothing is logged to stderr.
"""

from __future__ import annotations

import email.utils
import re
import time
from dataclasses import dataclass
from urllib.parse import urljoin

DEFAULT_TIMEOUT = 20  # seconds for the whole fetch
MAX_REDIRECTS = 5
MAX_ATTEMPTS = 3  # a 429 or 5xx answer is asked again, while time is left
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_READ_SIZE = 1 << 16
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


def fetch(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int, allow_private: bool = False) -> Fetched:
    """GET `url` within `timeout` seconds in all. `allow_private` lets it reach loopback and private networks
    (tests, intranets)."""
    deadline = time.monotonic() + timeout
    current, redirects, attempt = url, 0, 1
    while True:
        response = _request(_pool(allow_private), current, deadline, url, timeout)
        try:
            status = response.status
            location = response.headers.get("location")
            if status in _REDIRECTS and location:
                redirects += 1
                current = urljoin(current, location)
                if redirects > MAX_REDIRECTS or not is_url(current):
                    raise FetchError(f"cannot fetch {url}: too many redirects, or one to a non-web address")
                continue
            if status in _RETRY_STATUSES and attempt < MAX_ATTEMPTS:
                wait = _retry_wait(response.headers.get("retry-after"), attempt)
                if time.monotonic() + wait < deadline - 1:  # a second left at least for the retry itself
                    time.sleep(wait)
                    attempt += 1
                    continue
            if status != 200:
                raise FetchError(f"cannot fetch {url}: HTTP {status}")
            data = _read_body(response, deadline, max_bytes, url, timeout)
            return Fetched(data, current, response.headers.get("content-type"))
        finally:
            response.close()  # an unread or half-read body is dropped with its connection, never drained
            response.release_conn()


_POOLS: dict[bool, object] = {}


def _pool(allow_private: bool):
    """trafilatura's pool manager: its SSRF guard checks the address actually connected to, on every hop."""
    if allow_private not in _POOLS:
        import certifi
        from trafilatura.downloads import create_pool

        _POOLS[allow_private] = create_pool(ssrf_protection=not allow_private, ca_certs=certifi.where(),
                                            cert_reqs="CERT_REQUIRED")
    return _POOLS[allow_private]


def _request(pool, current: str, deadline: float, url: str, timeout: float):
    import urllib3
    from trafilatura.downloads import DEFAULT_HEADERS

    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchError(f"cannot fetch {url}: timed out after {timeout:g} s")
    try:
        return pool.request("GET", current, headers=dict(DEFAULT_HEADERS), retries=False, redirect=False,
                            preload_content=False, timeout=urllib3.Timeout(connect=remaining, read=remaining))
    except Exception as exc:  # urllib3 and socket errors of every kind: one line, never a traceback
        raise FetchError(f"cannot fetch {url}: {_reason(exc)}") from None


def _read_body(response, deadline: float, max_bytes: int, url: str, timeout: float) -> bytes:
    """The body, decompressed, read as it arrives: each read returns what has come, and the socket never waits
    past the deadline (a server sending one byte every 5 s once kept a fetch going forever)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise FetchError(f"cannot fetch {url}: timed out after {timeout:g} s (the page was still arriving)")
        sock = getattr(getattr(response, "connection", None), "sock", None)
        if sock is not None:
            sock.settimeout(remaining)
        try:
            chunk = response.read1(_READ_SIZE)
        except Exception as exc:
            raise FetchError(f"cannot fetch {url}: {_reason(exc)}") from None
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"cannot fetch {url}: larger than {max_bytes} bytes", "too_large")
        chunks.append(chunk)


def _retry_wait(retry_after: str | None, attempt: int) -> float:
    """Seconds to wait before asking again: the server's Retry-After (seconds or an HTTP date), else 1, 2, … s."""
    if retry_after:
        value = retry_after.strip()
        if value.isdigit():
            return float(value)
        try:
            when = email.utils.parsedate_to_datetime(value)
            return max(0.0, when.timestamp() - time.time())
        except (TypeError, ValueError, IndexError, OverflowError):
            pass
    return float(2 ** (attempt - 1))


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
