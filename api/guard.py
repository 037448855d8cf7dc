"""Who may call `/v1/*`: optional bearer keys and an optional per-client rate limit."""

from __future__ import annotations

import hashlib
import hmac
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from .errors import ApiError

__all__ = ["KeyChecker", "RateLimiter"]

#: Clients remembered by the rate limiter per worker; the least recently seen
#: are forgotten first, so a flood of addresses cannot exhaust memory.
MAX_TRACKED_CLIENTS = 50_000


def _digest(value: str) -> bytes:
    return hashlib.sha256(value.encode("utf-8", "replace")).digest()


@dataclass(frozen=True)
class KeyChecker:
    """Checks `Authorization: Bearer <key>` against the configured keys in constant time.

    Keys are compared as SHA-256 digests with `hmac.compare_digest`, against
    every key without stopping early, so neither the length nor the position
    of a matching key leaks through timing.
    """

    keys: tuple[str, ...]
    _digests: tuple[bytes, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_digests", tuple(_digest(k) for k in self.keys))

    @property
    def enabled(self) -> bool:
        """Whether keys are required at all."""
        return bool(self._digests)

    def check(self, authorization: str | None) -> str:
        """The matching key's digest (hex, a stable client id); raise a 401 `ApiError` if none matches."""
        scheme, _, token = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise ApiError(
                401,
                "unauthorized",
                "this API requires a key: send 'Authorization: Bearer <key>'",
                {"WWW-Authenticate": 'Bearer realm="scorer"'},
            )
        given = _digest(token.strip())
        matched = False
        for digest in self._digests:
            matched |= hmac.compare_digest(given, digest)
        if not matched:
            raise ApiError(
                401,
                "unauthorized",
                "the API key is not valid",
                {"WWW-Authenticate": 'Bearer realm="scorer", error="invalid_token"'},
            )
        return given.hex()[:16]


@dataclass
class RateLimiter:
    """A token bucket per client: `per_minute` requests a minute, bursts up to the same number.

    State lives in this object (one per app, so per worker process) and is
    guarded by a lock for threaded workers.
    """

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    _buckets: OrderedDict[str, tuple[float, float]] = field(default_factory=OrderedDict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def enabled(self) -> bool:
        """Whether requests are limited at all."""
        return self.per_minute > 0

    def hit(self, client: str) -> None:
        """Take one token for `client`; raise a 429 `ApiError` with Retry-After if none is left."""
        rate = self.per_minute / 60.0
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > MAX_TRACKED_CLIENTS:
                self._buckets.popitem(last=False)
        if not allowed:
            retry = max(1, math.ceil((1.0 - tokens) / rate))
            raise ApiError(
                429,
                "rate_limited",
                f"too many requests: the limit is {self.per_minute} a minute; retry in {retry} s",
                {"Retry-After": str(retry)},
            )
