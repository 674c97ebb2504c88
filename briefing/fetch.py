"""Fetch a page, a PDF or a feed over http(s) for `briefing add`: bounded in time, size and redirects.

The standard library's urllib does the work (no new dependency); this module adds what a tool
fetching on a person's behalf needs: a browser-like User-Agent that still names Briefing, a
timeout on every read and on the whole response, a cap on the body's size (a seed larger than
`max_seed_bytes` would be refused anyway), at most five redirects, and one short reason per
failure ("HTTP 404 Not Found", "timed out after 20 s", "too large: over 5 MB").
"""
from __future__ import annotations

import http.client
import re
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import __version__

USER_AGENT = (f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 "
              f"Briefing/{__version__}")
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,application/rss+xml,application/atom+xml,*/*;q=0.5"
TIMEOUT = 20.0  # seconds to connect and for each read
TOTAL_TIME = 60.0  # seconds for a whole response, however slowly it trickles in
MAX_REDIRECTS = 5
CHUNK = 65536
# Browsers read these labels as Windows-1252 (the WHATWG Encoding standard); so do old pages that use them.
_AS_CP1252 = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


class FetchError(Exception):
    """Why a URL could not be added, in a few words ("HTTP 404 Not Found")."""


@dataclass(frozen=True)
class Fetched:
    """A response: where it ended up after redirects, its media type and charset, and its body."""

    url: str
    final_url: str
    content_type: str
    charset: str | None
    body: bytes


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS


def fetch(url: str, max_bytes: int, timeout: float | None = None, total: float | None = None) -> Fetched:
    """GET one http(s) URL; raises FetchError with the reason when it cannot be had."""
    timeout, total = timeout or TIMEOUT, total or TOTAL_TIME
    if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).hostname:
        raise FetchError("not an http(s) address")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": ACCEPT,
                                                   "Accept-Language": "en;q=1.0, *;q=0.5"})
    try:
        with urllib.request.build_opener(_Redirects()).open(request, timeout=timeout) as response:
            _refuse_declared_size(response.headers.get("Content-Length"), max_bytes)
            body = _read(response, max_bytes, time.monotonic() + total, total)
            headers = response.headers
            return Fetched(url, response.geturl(), headers.get_content_type(), headers.get_content_charset(), body)
    except urllib.error.HTTPError as error:
        raise FetchError(_http_reason(error)) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, (TimeoutError, socket.timeout)):
            raise FetchError(f"timed out after {timeout:g} s") from None
        raise FetchError(f"cannot connect ({error.reason})") from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"timed out after {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError, ValueError) as error:
        raise FetchError(f"broken response ({type(error).__name__}: {error})") from None


def _refuse_declared_size(length: str | None, max_bytes: int) -> None:
    if length and length.isdigit() and int(length) > max_bytes:
        raise FetchError(too_large(max_bytes))


def _read(response, max_bytes: int, deadline: float, total: float) -> bytes:
    """The body, chunk by chunk: stop past the size limit or the deadline rather than after it."""
    body = bytearray()
    while chunk := response.read(CHUNK):
        body += chunk
        if len(body) > max_bytes:
            raise FetchError(too_large(max_bytes))
        if time.monotonic() > deadline:
            raise FetchError(f"timed out: the response took over {total:g} s")
    return bytes(body)


def too_large(max_bytes: int) -> str:
    """The reason for a body over the limit, with the setting that raises it."""
    return f"too large: over {max_bytes / 1_000_000:g} MB (raise [tool.briefing] max_seed_bytes)"


def _http_reason(error: urllib.error.HTTPError) -> str:
    if 300 <= error.code < 400:
        loop = "infinite loop" in str(error.reason) or "redirect error" in str(error.msg)
        return f"too many redirects (over {MAX_REDIRECTS})" if loop else f"redirect refused ({error.reason})"
    return f"HTTP {error.code} {error.reason}".strip()


def page_text(fetched: Fetched) -> str:
    """An HTML body as text: the charset the server declared, else the page's own <meta charset>, else
    UTF-8, else Windows-1252 (what an undeclared old page most likely is)."""
    declared = fetched.charset or _meta_charset(fetched.body[:4096])
    declared = "cp1252" if declared and declared.lower() in _AS_CP1252 else declared
    if fetched.body.startswith(b"\xef\xbb\xbf"):
        declared = "utf-8-sig"
    for charset in filter(None, (declared, "utf-8")):
        try:
            return fetched.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return fetched.body.decode("cp1252", errors="replace")


def _meta_charset(head: bytes) -> str | None:
    found = _META_CHARSET.search(head)
    return found[1].decode("ascii", "replace") if found else None
