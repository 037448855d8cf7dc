"""Who may call `/v1/*`: optional bearer keys and an optional per-client rate limit."""

from __future__ import annotations

import hashlib
import hmac
import math
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .errors import ApiError

__all__ = ["KeyChecker", "RateLimiter"]

#: Slots in the rate limiter's table, shared by all worker processes: each
#: client is hashed to one (two doubles a slot, 1 MiB in all). The table never
#: grows, so a flood of addresses cannot exhaust memory.
RATE_SLOTS = 65_536
#: Longest wait, in seconds, for the shared table's lock. After it the request
#: is let through: a worker killed while holding the lock must not stop the others.
RATE_LOCK_TIMEOUT = 0.5


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

    The buckets are in shared memory, made with the app: under `scorer serve`
    the app is built before the workers fork, so every worker counts against
    the same budget for a client (with one socket per worker, a client's
    connections land on different workers). Clients are hashed into
    `RATE_SLOTS` slots; two clients that share a slot share a budget, which
    is rare with few active clients and never lets anyone through more often.
    """

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    slots: int = RATE_SLOTS
    #: per slot: tokens spent and not yet refilled, and when it was last seen (zeros: a full bucket)
    _table: Any = field(init=False, repr=False, default=None)
    _lock: Any = field(init=False, repr=False, default=None)

    def __post_init__(self) -> None:
        if self.per_minute > 0:
            self._table = multiprocessing.RawArray("d", 2 * self.slots)
            self._lock = multiprocessing.Lock()

    @property
    def enabled(self) -> bool:
        """Whether requests are limited at all."""
        return self.per_minute > 0

    def _slot(self, client: str) -> int:
        digest = hashlib.blake2b(client.encode("utf-8", "replace"), digest_size=8).digest()
        return 2 * (int.from_bytes(digest, "little") % self.slots)

    def hit(self, client: str) -> None:
        """Take one token for `client`; raise a 429 `ApiError` with Retry-After if none is left."""
        if not self.enabled:
            return
        rate = self.per_minute / 60.0
        slot = self._slot(client)
        table = self._table
        if not self._lock.acquire(timeout=RATE_LOCK_TIMEOUT):
            return
        try:
            now = self.clock()
            spent, last = table[slot], table[slot + 1]
            tokens = min(float(self.per_minute), self.per_minute - spent + (now - last) * rate)
            allowed = tokens >= 1.0
            if allowed:
                tokens -= 1.0
            table[slot], table[slot + 1] = self.per_minute - tokens, now
        finally:
            self._lock.release()
        if not allowed:
            retry = max(1, math.ceil((1.0 - tokens) / rate))
            raise ApiError(
                429,
                "rate_limited",
                f"too many requests: the limit is {self.per_minute} a minute; retry in {retry} s",
                {"Retry-After": str(retry)},
            )
