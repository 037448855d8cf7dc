"""`scorer serve`: the HTTP API and the editors' form under gunicorn."""

from __future__ import annotations

import argparse
import gc
import json
import os
import socket
import sys
from typing import Any

from .errors import InputError

__all__ = ["add_parser", "check_port_free", "gunicorn_options", "prepare_collector"]

HELP = """Serve the JSON API and the editors' web form.

Runs gunicorn with several worker processes. The model is loaded once, in the
master process, before the workers fork (they share it). SIGTERM or Ctrl-C
stops accepting connections and lets requests in flight finish (graceful
shutdown, up to --graceful-timeout seconds). Settings come from SCORER_*
environment variables (see the README); these options override the server ones.

example:
  scorer serve --port 8000
  curl -s localhost:8000/v1/score -H 'Content-Type: application/json' \\
       -d '{"headline": "Venezuela crisis: US sends CHILLING warning!"}'
  scorer serve --dev      # Flask's development server with the reloader
"""

DEFAULT_HOST = "127.0.0.1"
#: Scored once before the workers fork (see `run`).
WARM_UP_HEADLINE = "Officials WARN of chilling storm: what you need to know!"
DEFAULT_PORT = 8000
#: One worker per core: scoring is CPU-bound, so more processes only queue.
DEFAULT_WORKERS = max(1, os.cpu_count() or 1)
#: Seconds a worker may spend on one request before it is restarted
#: (a full batch with long article bodies stays well under this).
DEFAULT_TIMEOUT = 60
#: Seconds workers get to finish requests in flight after SIGTERM.
DEFAULT_GRACEFUL_TIMEOUT = 20
#: gunicorn worker classes offered: `gthread` keeps connections alive between
#: requests (a client pays one TCP connect, not one per request); `sync` closes
#: the connection after every request.
WORKER_CLASSES = ("gthread", "sync")
DEFAULT_WORKER_CLASS = "gthread"
#: Threads per gthread worker. Scoring is CPU-bound and holds the GIL, so more
#: threads do not score faster; but with one, every request waits for a hand-off
#: between the connection poller and the request thread. Measured with
#: bench/bench_api.py (16 clients, 2 cores): 2 threads served more requests/s
#: than 1 thread or sync workers, at the same server CPU per request.
DEFAULT_THREADS = 2
#: Each worker listens on its own socket bound with SO_REUSEPORT, and the kernel
#: spreads new connections over them evenly. With one shared socket, whichever
#: worker is idle accepts, so a burst of keep-alive clients could all land on one
#: worker and leave the other core unused for as long as they stay connected
#: (seen in bench/bench_api.py: 623 instead of 1,500+ requests/s). The price: a
#: worker that is restarted drops the connections waiting in its own queue.
DEFAULT_REUSE_PORT = True
#: New objects between collections of the youngest generation in the server
#: (Python's default is 700). `python bench/bench_instructions.py --stages results
#: results-served` (batches of 100 Webis posts scored with full results) counted
#: 431,283 instructions a headline at 700 and 416,540 at 10,000 (-3.4 %).
SERVER_GC_THRESHOLD = 10_000
#: gunicorn's log levels; it reads any other name as info without a word.
LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"{name}={raw!r} is not a whole number") from None


def add_parser(subparsers: Any) -> None:
    """Register `scorer serve`."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the HTTP API and the editors' web form",
        description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default=os.environ.get("SCORER_HOST", DEFAULT_HOST), help="address to bind")
    parser.add_argument("--port", type=int, default=None, help=f"port (SCORER_PORT, default {DEFAULT_PORT})")
    parser.add_argument("--workers", type=int, default=None, help="worker processes (SCORER_WORKERS, default: cores)")
    parser.add_argument("--timeout", type=int, default=None, help=f"request timeout, s (default {DEFAULT_TIMEOUT})")
    parser.add_argument(
        "--graceful-timeout", type=int, default=None, help=f"shutdown grace, s (default {DEFAULT_GRACEFUL_TIMEOUT})"
    )
    parser.add_argument(
        "--worker-class",
        choices=WORKER_CLASSES,
        default=None,
        help=f"gunicorn worker class (SCORER_WORKER_CLASS, default {DEFAULT_WORKER_CLASS})",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help=f"threads per gthread worker (SCORER_THREADS, default {DEFAULT_THREADS})",
    )
    parser.add_argument("--model", metavar="PATH", help="model file to serve (SCORER_MODEL)")
    parser.add_argument("--dev", action="store_true", help="Flask's development server with the reloader")
    parser.set_defaults(run=run)


def _access_log() -> str | None:
    """SCORER_ACCESS_LOG, checked: gunicorn stopped on a file it cannot write with exit 1 and "Error: Error: ..."."""
    path = os.environ.get("SCORER_ACCESS_LOG", "").strip() or None
    if path is not None and path != "-":
        try:
            with open(path, "a", encoding="utf-8"):
                pass
        except OSError as exc:
            raise InputError(
                f"SCORER_ACCESS_LOG: cannot write to {path!r} ({exc.strerror or exc}); "
                "give a writable file, or - for stderr"
            ) from None
    return path


def _setting(given: int | None, option: str, env: str, default: int, high: int) -> int:
    """An option's value, else its environment variable's, else `default`; from 1 to `high`.

    The error names where a bad value came from (`--workers 0`, `SCORER_WORKERS=0`).
    """
    if given is not None:
        value, source = given, f"{option} {given}"
    else:
        value = _env_int(env, default)
        source = f"{env}={value}" if os.environ.get(env, "").strip() else f"the default {option} {value}"
    if not 1 <= value <= high:
        raise InputError(f"{source} is out of range: give a whole number from 1 to {high}")
    return value


def _port(args: argparse.Namespace) -> int:
    """The port to serve on: `--port`, else SCORER_PORT, else the default."""
    return _setting(args.port, "--port", "SCORER_PORT", DEFAULT_PORT, 65535)


def gunicorn_options(args: argparse.Namespace) -> dict[str, Any]:
    """The gunicorn settings for `args` and the SCORER_* environment."""
    port = _port(args)
    workers = _setting(args.workers, "--workers", "SCORER_WORKERS", DEFAULT_WORKERS, 64)
    timeout = _setting(args.timeout, "--timeout", "SCORER_TIMEOUT", DEFAULT_TIMEOUT, 3600)
    grace = _setting(
        args.graceful_timeout, "--graceful-timeout", "SCORER_GRACEFUL_TIMEOUT", DEFAULT_GRACEFUL_TIMEOUT, 3600
    )
    worker_class = args.worker_class or os.environ.get("SCORER_WORKER_CLASS", "").strip() or DEFAULT_WORKER_CLASS
    if worker_class not in WORKER_CLASSES:
        raise InputError(f"SCORER_WORKER_CLASS={worker_class!r} is not one of {', '.join(WORKER_CLASSES)}")
    # Threads matter only to gthread workers (a sync worker has one): a value for sync is not checked, as before.
    threads = 1
    if worker_class == "gthread":
        threads = _setting(args.threads, "--threads", "SCORER_THREADS", DEFAULT_THREADS, 64)
    log_level = os.environ.get("SCORER_LOG_LEVEL", "").strip().lower() or "info"
    if log_level not in LOG_LEVELS:
        raise InputError(f"SCORER_LOG_LEVEL={log_level!r} is not one of {', '.join(LOG_LEVELS)}")
    reuse_port = _env_int("SCORER_REUSE_PORT", int(DEFAULT_REUSE_PORT))
    if reuse_port not in (0, 1):
        raise InputError(f"SCORER_REUSE_PORT={reuse_port} must be 1 (a socket per worker) or 0 (one shared socket)")
    return {
        "bind": f"{args.host}:{port}",
        "workers": workers,
        "worker_class": worker_class,
        # gunicorn turns a sync worker with threads > 1 into gthread; keep sync sync.
        "threads": threads,
        "reuse_port": bool(reuse_port),
        "timeout": timeout,
        "graceful_timeout": grace,
        # Load the app (and the model) once in the master; workers fork with it.
        "preload_app": True,
        "keepalive": 5,
        # Bounds on the request line and headers, against oversized requests.
        "limit_request_line": 8190,
        "limit_request_fields": 100,
        "limit_request_field_size": 8190,
        "accesslog": _access_log(),
        "errorlog": "-",
        "loglevel": log_level,
        "proc_name": "scorer",
        # gunicorn 23+ opens a control socket in the home directory by default;
        # the server needs none, and two servers would contend for it.
        "control_socket_disable": True,
    }


def check_port_free(host: str, port: int) -> None:
    """Raise `InputError` if nothing may listen on `host`:`port` (another server holds it).

    With a socket per worker, the workers bind after the fork: on a taken port
    each would fail and gunicorn would start new ones without end. A plain
    bind here, without SO_REUSEPORT, fails on a port that anything listens on,
    including another `scorer serve`, which would otherwise share the port.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as exc:
        raise InputError(f"cannot bind to {host!r}: {exc.strerror or exc}; give an address with --host") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds: TIME_WAIT is no obstacle
        try:
            probe.bind(address)
        except OSError as exc:
            raise InputError(
                f"cannot listen on {host}:{port} ({exc.strerror or exc}); is another server running there? "
                "Give another port with --port or SCORER_PORT"
            ) from None


def prepare_collector() -> None:
    """Set up the garbage collector for serving, in the master before the workers fork.

    The loaded model is ~150k long-lived objects; a full collection walking them
    took ~0.1 s and showed as the p99 latency under load. They are frozen out of
    the collector (which also keeps their pages shared between the workers, as
    the collector no longer writes to them). Then the youngest generation is
    collected after `SERVER_GC_THRESHOLD` new objects instead of 700: a request
    makes thousands of short-lived objects that are still alive when a
    collection at 700 comes, so they were walked, promoted and walked again.
    Collections still run, so cyclic garbage is still reclaimed.
    """
    gc.collect()
    gc.freeze()
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(SERVER_GC_THRESHOLD, older, oldest)


def write_json_error(sock: Any, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's answer to a request it cannot parse, in the API's JSON error shape.

    A request line or header over the limits, a malformed header or a transfer
    coding gunicorn does not know is refused before the app sees it; gunicorn
    wrote an HTML page, and the API promises JSON for every error.
    """
    from gunicorn import util

    from scorer.api.errors import HTTP_ERROR_CODES
    from scorer.api.headers import SECURITY_HEADERS

    code = HTTP_ERROR_CODES.get(status_int, f"http_{status_int}")
    body = json.dumps({"error": {"code": code, "message": mesg}}).encode("utf-8")
    headers = {
        "Connection": "close",
        "Content-Type": "application/json",
        **SECURITY_HEADERS,
        "Content-Length": str(len(body)),
    }
    head = f"HTTP/1.1 {status_int} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    util.write_nonblock(sock, head.encode("latin-1") + body)


def _serve_gunicorn(app: Any, options: dict[str, Any], url: str) -> None:
    from gunicorn import util
    from gunicorn.app.base import BaseApplication

    # The workers call `util.write_error` for requests they cannot parse; this
    # process only serves, so replacing it here changes nothing else.
    util.write_error = write_json_error

    class _Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            for key, value in options.items():
                # Settings this gunicorn version does not know are skipped.
                if value is not None and key in self.cfg.settings:
                    self.cfg.set(key, value)
            self.cfg.set("logger_class", _logger_class(url))

        def load(self) -> Any:
            return app

    _Server().run()


def _logger_class(url: str) -> type:
    """gunicorn's logger, naming the address on its "Listening at:" line.

    With a socket per worker (SO_REUSEPORT) the master holds no socket, and
    gunicorn logged "Listening at:  (pid)" with no address.
    """
    from gunicorn.glogging import Logger

    class _Logger(Logger):  # type: ignore[misc]
        def info(self, msg: str, *args: Any, **kwargs: Any) -> None:
            if msg.startswith("Listening at:") and args and args[0] == "":
                args = (f"{url} (a socket per worker)", *args[1:])
            super().info(msg, *args, **kwargs)

    return _Logger


def _create_app() -> Any:
    """The app from the `SCORER_*` settings; a malformed one is a usage error (exit code 2), like a bad option."""
    from scorer.api import ConfigError, create_app

    try:
        return create_app()
    except ConfigError as exc:
        raise InputError(str(exc)) from None


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    if args.model:
        os.environ["SCORER_MODEL"] = args.model
    if args.dev:
        port = _port(args)
        # The reloader re-executes the process, so the app is built in the child.
        app = _create_app()
        app.run(host=args.host, port=port, debug=False, use_reloader=True, use_debugger=False)
        return 0
    options = gunicorn_options(args)
    check_port_free(args.host, _port(args))
    app = _create_app()
    # One full result before the fork: what a request loads on first use (textstat,
    # which imports pandas, and pyphen's patterns for readability) is then loaded
    # once and shared by the workers, instead of delaying each worker's first request.
    app.extensions["scorer"].score(WARM_UP_HEADLINE).to_dict()
    prepare_collector()
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{_port(args)}"
    print(
        f"scorer: serving {url} with {options['workers']} {options['worker_class']} "
        "workers; Ctrl-C stops it gracefully",
        file=sys.stderr,
        flush=True,
    )
    _serve_gunicorn(app, options, url)
    return 0
