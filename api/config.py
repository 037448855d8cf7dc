"""The server's settings, read once from `SCORER_*` environment variables.

Every setting has a safe default; a malformed value is a `ConfigError` naming
the variable, raised when the app is created rather than on the first request.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from scorer.errors import ScorerError

__all__ = ["DEFAULT_MAX_REQUEST_BYTES", "MAX_BATCH_ITEMS", "ConfigError", "Settings"]

#: Items accepted in one `POST /v1/score/batch` (the issue's documented bound).
MAX_BATCH_ITEMS = 1_000
#: Largest request body accepted, in bytes. A maximal article body (200,000
#: code points) written with JSON `\uXXXX` escapes is 1.2 MB; 4 MiB leaves room
#: for that and for a full batch of 1,000 long headlines.
DEFAULT_MAX_REQUEST_BYTES = 4 * 1024 * 1024
#: Upper bound for SCORER_MAX_REQUEST_BYTES, so a typo cannot disable the limit.
CEILING_MAX_REQUEST_BYTES = 64 * 1024 * 1024
#: Most API keys read from a file or variable (a sanity bound, not a product limit).
MAX_API_KEYS = 10_000
#: Longest keys file read, in characters: 10,000 keys of up to 99 characters, with comments.
MAX_KEYS_FILE_CHARS = 1_000_000


class ConfigError(ScorerError):
    """A `SCORER_*` setting is malformed; the message names the variable."""


def _int(env: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a whole number") from None
    if not low <= value <= high:
        raise ConfigError(f"{name}={value} is out of range; use {low}..{high}")
    return value


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in ("1", "true", "yes", "on"):
        return True
    if raw in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{name}={raw!r} is not a boolean; use 1 or 0")


def _valid_key(key: str) -> bool:
    return len(key) >= 16 and key.isascii() and key.isprintable() and " " not in key


def _warn_if_exposed(path: str) -> None:
    """Log a warning when any user may read the keys file, or others than its owner may change it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    if mode & (stat.S_IROTH | stat.S_IWGRP | stat.S_IWOTH):
        logging.getLogger("scorer.api").warning(
            "SCORER_API_KEYS_FILE: %r is readable by any user or writable by others than its owner "
            "(mode %s); make it private: chmod 600 %s",
            path, oct(mode & 0o777), path,
        )


def _keys_from_file(path: str) -> list[str]:
    """The keys in the file at `path`: one a line, `#` starts a comment (on its own line or after the key)."""
    where = f"SCORER_API_KEYS_FILE: {path!r}"
    try:
        # utf-8-sig: an editor's byte-order mark is not part of the first key.
        with open(path, encoding="utf-8-sig") as handle:
            text = handle.read(MAX_KEYS_FILE_CHARS + 1)
    except OSError as exc:
        raise ConfigError(f"SCORER_API_KEYS_FILE: cannot read {path!r}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{where} is not UTF-8 text") from None
    _warn_if_exposed(path)
    if len(text) > MAX_KEYS_FILE_CHARS:
        # Reading only the start cut the last key read short, and a prefix of a real key was a valid key.
        raise ConfigError(f"{where} is longer than {MAX_KEYS_FILE_CHARS:,} characters; is it the right file?")
    keys = []
    for number, line in enumerate(text.splitlines(), start=1):
        words = line.split(None, 1)
        if not words or words[0].startswith("#"):
            continue
        # A key has no spaces, so what follows one is a comment ("key  # editors' desk"); that was
        # refused as a key "shorter than 16 characters", which it was not.
        if len(words) > 1 and not words[1].startswith("#"):
            raise ConfigError(f"{where}, line {number}: more than a key on the line; start a comment with #")
        if not _valid_key(words[0]):
            raise ConfigError(
                f"{where}, line {number}: the key is shorter than 16 characters or not printable ASCII; "
                "generate a longer one"
            )
        keys.append(words[0])
    return keys


def _keys(env: Mapping[str, str]) -> tuple[str, ...]:
    keys = [k.strip() for k in env.get("SCORER_API_KEYS", "").split(",") if k.strip()]
    path = env.get("SCORER_API_KEYS_FILE", "").strip()
    if path:
        from_file = _keys_from_file(path)
        if not from_file:
            # Fail closed: an empty file (a deploy that has not written the keys yet) opened the API to anyone.
            raise ConfigError(
                f"SCORER_API_KEYS_FILE: {path!r} holds no keys; put one on each line, "
                "or unset the variable to run without keys"
            )
        keys.extend(from_file)
    if len(keys) > MAX_API_KEYS:
        raise ConfigError(f"{len(keys):,} API keys configured; the limit is {MAX_API_KEYS:,}")
    for key in keys:
        if not _valid_key(key):
            raise ConfigError("an API key is shorter than 16 characters or not printable ASCII; generate a longer one")
    return tuple(dict.fromkeys(keys))


def _origin(value: str) -> str:
    """`value` as a browser writes it in the Origin header, which is what it is compared with.

    A browser sends the scheme and host in lower case and leaves out the
    default port, and an internationalised host name in its ASCII form
    (https://xn--bcher-kva.example for https://bücher.example); an entry
    written otherwise (https://Example.org:443) never matched, and one with a
    path never could.
    """
    if value == "*":
        return value
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        parts, port = None, None
    if parts is None or not parts.scheme or not parts.hostname or parts.path or parts.query or parts.fragment:
        raise ConfigError(f"SCORER_CORS_ORIGINS: {value!r} is not an origin like https://example.org or *")
    if parts.username is not None:
        raise ConfigError(f"SCORER_CORS_ORIGINS: {value!r} is not an origin like https://example.org or *")
    scheme = parts.scheme.lower()
    host = parts.hostname
    if not host.isascii():  # a browser sends an internationalised name in its ASCII form (xn--…)
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ConfigError(f"SCORER_CORS_ORIGINS: {value!r} has a host name that is not a valid domain") from None
    host = f"[{host}]" if ":" in host else host
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + ("" if port is None or port == default else f":{port}")


def _origins(env: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(_origin(o.strip().rstrip("/")) for o in env.get("SCORER_CORS_ORIGINS", "").split(",") if o.strip())


@dataclass(frozen=True)
class Settings:
    """Everything the app reads from its environment."""

    #: model file to serve instead of the shipped default
    model_path: str | None = None
    #: accepted bearer keys; empty means the API is open
    api_keys: tuple[str, ...] = ()
    #: origins allowed to call the API from a browser; "*" allows any; empty allows none
    cors_origins: tuple[str, ...] = ()
    #: requests per minute per client (API key, else address); 0 turns the limit off
    rate_limit_per_minute: int = 0
    max_request_bytes: int = DEFAULT_MAX_REQUEST_BYTES
    #: proxies in front of the server whose X-Forwarded-For is trusted (0: none)
    trust_proxy: int = 0
    #: serve the editors' web form at `/`
    web_form: bool = True

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read `SCORER_*` variables from `env` (default: the process environment)."""
        env = os.environ if env is None else env
        api_keys = _keys(env)
        return cls(
            model_path=env.get("SCORER_MODEL", "").strip() or None,
            api_keys=api_keys,
            cors_origins=_origins(env),
            rate_limit_per_minute=_int(env, "SCORER_RATE_LIMIT", 0, 0, 1_000_000),
            max_request_bytes=_int(
                env, "SCORER_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES, 1024, CEILING_MAX_REQUEST_BYTES
            ),
            trust_proxy=_int(env, "SCORER_TRUST_PROXY", 0, 0, 10),
            # With keys, the form (which scores for anyone) is off unless asked for: an operator who set keys
            # to close the API had left the same scoring open at / and /result.
            web_form=_flag(env, "SCORER_WEB_FORM", not api_keys),
        )
