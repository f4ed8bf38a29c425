"""Shared HTTP plumbing for connectors: client factory, a client-side rate limiter and retries.

Time is injected: the limiter and the back-off take ``clock`` and ``sleep`` callables, so tests pass a
fake clock whose ``sleep`` only moves time forward (nothing really sleeps), and can assert how long a
connector would have waited.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import logging
import random
import re
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

import httpx

from smmkpi.sources.base import RateLimited, SourceError

DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)
DEFAULT_MAX_ATTEMPTS = 6
DEFAULT_BASE_DELAY_S = 1.0
DEFAULT_MAX_DELAY_S = 60.0
USER_AGENT = "smmkpi (+https://github.com/) httpx"
T = TypeVar("T")


class _SecretMask(logging.Filter):
    """Rewrites log records whose text contains ``needle`` with ``pattern`` → ``replacement`` (a token in a URL:
    httpx logs every request URL at INFO level)."""

    def __init__(self, needle: str, pattern: re.Pattern, replacement: str) -> None:
        super().__init__()
        self.needle, self.pattern, self.replacement = needle, pattern, replacement

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self.needle in message:
            record.msg = self.pattern.sub(self.replacement, message)
            record.args = ()
        return True


def mask_in_logs(needle: str, pattern: re.Pattern, replacement: str, loggers=("httpx", "httpcore")) -> None:
    """Keep a secret that travels in URLs out of the HTTP libraries' logs (once per pattern and logger)."""
    for name in loggers:
        logger = logging.getLogger(name)
        if not any(isinstance(f, _SecretMask) and f.pattern == pattern for f in logger.filters):
            logger.addFilter(_SecretMask(needle, pattern, replacement))


def make_client(
    *,
    timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
    transport: httpx.BaseTransport | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Client:
    """An ``httpx.Client`` with timeouts and a user agent; ``transport`` lets tests mount an app.

    TCP_NODELAY: httpx writes a POST's headers and body separately, and Nagle's algorithm would hold the
    body until the server's delayed ACK (~40 ms per request).
    """
    if transport is None:
        transport = httpx.HTTPTransport(socket_options=[(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)])
    return httpx.Client(
        timeout=timeout,
        transport=transport,
        headers={"User-Agent": USER_AGENT, **(headers or {})},
        follow_redirects=False,
    )


class RateLimiter:
    """At most ``rate`` requests per second, spaced evenly (VK: 3/s for user tokens, 20/s for community).

    Thread-safe; ``clock`` and ``sleep`` are injectable (a fake clock in tests).
    """

    def __init__(
        self,
        rate: float,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.interval = 1.0 / rate
        self.clock = clock
        self.sleep = sleep
        self._next = None  # the earliest moment the next request may go
        self._lock = threading.Lock()
        self.waited = 0.0  # total seconds this limiter made callers wait (for logs and tests)

    def wait(self) -> None:
        with self._lock:
            now = self.clock()
            if self._next is not None and now < self._next:
                delay = self._next - now
                self.waited += delay
                self.sleep(delay)
                now = self._next
            self._next = now + self.interval


@dataclass
class Backoff:
    """Exponential back-off with jitter; a ``retry_after`` from the API wins when it is longer."""

    sleep: Callable[[float], None] = time.sleep
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    base_delay: float = DEFAULT_BASE_DELAY_S
    max_delay: float = DEFAULT_MAX_DELAY_S
    jitter: Callable[[], float] = field(default=random.random)
    delays: list[float] = field(default_factory=list)  # what it slept, in order (for logs and tests)

    def delay(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait before attempt ``attempt + 1``; None when the API asks for longer than we wait."""
        computed = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        computed *= 0.75 + 0.5 * self.jitter()  # ±25 % so parallel syncs do not retry in lockstep
        if retry_after is not None:
            if retry_after > self.max_delay:
                return None
            computed = max(computed, float(retry_after))
        return min(computed, self.max_delay)

    def call(
        self,
        attempt_once: Callable[[], T],
        *,
        retry_on: tuple[type[BaseException], ...] = (RateLimited,),
        on_retry: Callable[[int, float, BaseException], None] | None = None,
    ) -> T:
        """Run ``attempt_once``; on ``retry_on`` errors sleep and try again, up to ``max_attempts`` times."""
        attempt = 1
        while True:
            try:
                return attempt_once()
            except retry_on as error:
                wait = self.delay(attempt, getattr(error, "retry_after", None))
                if attempt >= self.max_attempts or wait is None:
                    raise
                if on_retry is not None:
                    on_retry(attempt, wait, error)
                self.delays.append(wait)
                self.sleep(wait)
                attempt += 1


class TransientError(SourceError):
    """A network failure or a 5xx answer: worth retrying with back-off (``retry_after`` when the server said)."""

    def __init__(self, message: str, *, hint: str = "", retry_after: float | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


def retry_after_seconds(value: str | None, *, now: dt.datetime | None = None) -> float | None:
    """A ``Retry-After`` header (RFC 9110: delay in seconds or an HTTP date) as seconds; None if unreadable."""
    text = (value or "").strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        seconds = (moment - (now or dt.datetime.now(dt.UTC))).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return max(0.0, seconds)


def send(client: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    """One request; network failures and 5xx become :class:`TransientError` (no token in the message).

    A 5xx or 429 body is never parsed (a proxy's HTML 502 page is not the API's JSON); ``Retry-After``
    (seconds or an HTTP date) is carried on the error for the back-off.
    """
    try:
        response = client.request(method, url, **kwargs)
    except httpx.TimeoutException:
        raise TransientError(f"timed out talking to {httpx.URL(url).host}", hint="retry") from None
    except httpx.HTTPError as error:
        raise TransientError(
            f"could not reach {httpx.URL(url).host} ({type(error).__name__})", hint="retry"
        ) from None
    if response.status_code >= 500:
        raise TransientError(f"{httpx.URL(url).host} answered HTTP {response.status_code}", hint="retry",
                             retry_after=retry_after_seconds(response.headers.get("Retry-After")))  # fmt: skip
    if response.status_code == 429:
        seconds = retry_after_seconds(response.headers.get("Retry-After"))
        raise RateLimited(f"{httpx.URL(url).host} asked to slow down (HTTP 429)", retry_after=seconds)
    return response
