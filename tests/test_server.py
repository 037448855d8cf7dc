"""`scorer serve` for real: gunicorn in a subprocess on a loopback port, spoken to over HTTP."""

from __future__ import annotations

import argparse
import contextlib
import gc
import gzip
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from scorer.api.config import DEFAULT_MAX_REQUEST_BYTES

from scorer.cli_serve import (
    DEFAULT_THREADS,
    SERVER_GC_THRESHOLD,
    add_parser,
    check_port_free,
    gunicorn_options,
    prepare_collector,
)
from scorer.errors import InputError

SEED = "Venezuela crisis: US sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'"
KEY = "server-test-key-0123456789"
#: Seconds to wait for the server to answer /healthz after start.
START_TIMEOUT = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def call(url: str, payload: Any = None, headers: dict[str, str] | None = None, timeout: float = 30) -> tuple[int, Any]:
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


class Server:
    def __init__(self, process: subprocess.Popen[bytes], base: str) -> None:
        self.process, self.base = process, base


@contextlib.contextmanager
def running_server(tmp_path: Any) -> Iterator[Server]:
    port = free_port()
    env = {**os.environ, "SCORER_API_KEYS": KEY, "SCORER_WEB_FORM": "1", "HOME": str(tmp_path)}
    env.pop("SCORER_CORS_ORIGINS", None)
    log = open(tmp_path / "server.log", "wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scorer.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
            "--graceful-timeout",
            "60",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(f"server exited with {process.returncode}: {(tmp_path / 'server.log').read_text()}")
            try:
                if call(f"{base}/healthz", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("server did not answer /healthz in time")
            time.sleep(0.2)
        yield Server(process, base)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with running_server(tmp_path_factory.mktemp("server")) as started:
        yield started


@pytest.fixture
def own_server(tmp_path: Any) -> Iterator[Server]:
    with running_server(tmp_path) as started:
        yield started


def test_server_scores_over_http_with_keys(server: Server) -> None:
    auth = {"Authorization": f"Bearer {KEY}"}
    assert call(f"{server.base}/readyz")[0] == 200
    status, body = call(f"{server.base}/v1/score", {"headline": SEED})
    assert status == 401 and body["error"]["code"] == "unauthorized"
    status, body = call(f"{server.base}/v1/score", {"headline": SEED}, auth)
    assert status == 200 and body["label"] == "high"
    assert any(e["text"] == "CHILLING" for e in body["evidence"])
    items = [{"id": i, "headline": h} for i, h in enumerate([SEED, "", "Council approves budget"])]
    status, body = call(f"{server.base}/v1/score/batch", {"items": items}, auth)
    assert status == 200
    assert [r["id"] for r in body["results"]] == [0, 1, 2]
    assert "error" in body["results"][1] and "score" in body["results"][2]


def test_server_rejects_bad_requests_with_json(server: Server) -> None:
    request = urllib.request.Request(
        f"{server.base}/v1/score",
        data=b"{oops",
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 400
    assert json.loads(caught.value.read())["error"]["code"] == "malformed_json"
    assert call(f"{server.base}/no/such/path")[0] == 404


def _post_raw(server: Server, body: bytes, chunked: bool) -> tuple[int, Any]:
    host, port = server.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=60)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"}
    try:
        try:
            if chunked:
                pieces = (body[i : i + 65_536] for i in range(0, len(body), 65_536))
                connection.request("POST", "/v1/score", pieces, headers, encode_chunked=True)
            else:
                connection.request("POST", "/v1/score", body, headers)
        except BrokenPipeError:
            pass  # the server answered before reading the end of a body that is too large
        response = connection.getresponse()
        return response.status, json.loads(response.read())
    finally:
        connection.close()


def test_server_answers_a_chunked_body_over_the_limit_with_413(server: Server) -> None:
    head = b'{"headline": "x"'  # padded with white space: an unknown field is refused
    at_limit = head + b" " * (DEFAULT_MAX_REQUEST_BYTES - len(head) - 1) + b"}"
    status, body = _post_raw(server, at_limit, chunked=True)
    assert status == 200 and body["headline"] == "x"
    status, body = _post_raw(server, at_limit[:-1] + b" }", chunked=True)
    assert status == 413 and body["error"]["code"] == "payload_too_large"  # was a 400: the body was cut


def test_server_answers_broken_chunk_framing_with_400(server: Server) -> None:
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(
            b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + f"Authorization: Bearer {KEY}\r\n".encode()
            + b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
        )
        answer = b""
        while chunk := sock.recv(65_536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")  # was a 500 with a traceback in the log
    assert json.loads(body)["error"]["code"] == "bad_request"


@pytest.mark.parametrize("coding", ["gzip, chunked", "deflate, chunked", "GZIP , chunked"])
@pytest.mark.parametrize(
    ("path", "content_type", "body"),
    [
        ("/v1/score", "application/json", b'{"headline": "SHOCKING news!"}'),
        ("/result", "application/x-www-form-urlencoded", b"headline=SHOCKING+news%21"),
    ],
)
def test_server_refuses_a_transfer_coding_it_does_not_undo_with_501(
    server: Server, coding: str, path: str, content_type: str, body: bytes
) -> None:
    # gunicorn undoes the chunks and passes the body on still gzipped: it was a
    # 400 "not valid UTF-8 JSON", and a plain body labelled gzip was scored as sent.
    for payload in (gzip.compress(body), body):
        request = (
            f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: {content_type}\r\n".encode()
            + f"Authorization: Bearer {KEY}\r\nTransfer-Encoding: {coding}\r\nConnection: close\r\n\r\n".encode()
            + f"{len(payload):x}\r\n".encode() + payload + b"\r\n0\r\n\r\n"
        )
        head, answer = _raw_exchange(server, request)
        assert head.startswith(b"HTTP/1.1 501"), head
        assert json.loads(answer)["error"]["code"] == "not_implemented"


def _raw_exchange(server: Server, request: bytes) -> tuple[bytes, bytes]:
    host, port = server.base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65_536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head, body


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        (b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 9_000 + b"\r\n\r\n", 431, "headers_too_large"),
        (b"GET /" + b"a" * 9_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", 414, "uri_too_long"),
        (b"POST /v1/score HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}", 400, "bad_request"),
    ],
    ids=["header", "request-line", "content-length"],
)
def test_server_refuses_unparsable_requests_with_json(
    server: Server, request_bytes: bytes, status: int, code: str
) -> None:
    # gunicorn refuses these before the app sees them; it wrote an HTML page
    head, body = _raw_exchange(server, request_bytes)
    assert head.startswith(f"HTTP/1.1 {status} ".encode())
    assert b"Content-Type: application/json" in head
    assert b"Content-Security-Policy: default-src 'none'" in head and b"X-Content-Type-Options: nosniff" in head
    error = json.loads(body)["error"]
    assert error["code"] == code and error["message"]


def test_server_survives_deeply_nested_json(server: Server) -> None:
    depth = 300_000  # orjson recursed without limit: the worker died with SIGSEGV, the client got no answer
    status, body = _post_raw(server, b'{"headline": "x", "n": ' + b'{"a":' * depth + b"1" + b"}" * depth + b"}", False)
    assert status == 400 and body["error"]["code"] == "malformed_json"
    assert call(f"{server.base}/readyz")[0] == 200


def test_server_finishes_requests_in_flight_on_sigterm(own_server: Server) -> None:
    server = own_server
    # A long batch (seconds of scoring) is in flight when the server is told to stop; within the
    # batch's bounds on characters (200,000 of headlines, 1,000,000 of bodies).
    long_headline = ("Officials SLAM shocking, chilling plan as RIOTS spread! " * 30)[:1900]
    body = "The minister said the plan was chilling, and critics SLAMMED it. " * 130
    items = [{"id": i, "headline": long_headline, "body": body} for i in range(100)]
    outcome: dict[str, Any] = {}

    def send() -> None:
        outcome["answer"] = call(
            f"{server.base}/v1/score/batch", {"items": items}, {"Authorization": f"Bearer {KEY}"}, 90
        )

    sender = threading.Thread(target=send)
    sender.start()
    time.sleep(0.5)
    server.process.send_signal(signal.SIGTERM)
    sender.join(timeout=90)
    assert server.process.wait(timeout=60) == 0
    status, answer = outcome["answer"]
    assert status == 200 and len(answer["results"]) == 100
    with pytest.raises(OSError):
        call(f"{server.base}/healthz", timeout=2)


def test_server_keeps_the_connection_alive_between_requests(server: Server) -> None:
    host, port = server.base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"}
    try:
        sockets = []
        for headline in (SEED, "Council approves budget for road repairs"):
            connection.request("POST", "/v1/score", json.dumps({"headline": headline}), headers)
            response = connection.getresponse()
            assert response.status == 200
            assert json.loads(response.read())["headline"] == headline
            assert (response.getheader("Connection") or "").lower() != "close"
            sockets.append(connection.sock)
        assert sockets[0] is not None and sockets[0] is sockets[1]  # the second request reused the socket
    finally:
        connection.close()


def _server_sockets(port: int) -> dict[str, set[int]]:
    """Inodes of the loopback TCP sockets on `port`'s server side, by state (0A listening, 01 connected)."""
    found: dict[str, set[int]] = {}
    with open("/proc/net/tcp", encoding="ascii") as table:
        for line in table.readlines()[1:]:
            fields = line.split()
            if int(fields[1].rsplit(":", 1)[1], 16) == port:
                found.setdefault(fields[3], set()).add(int(fields[9]))
    return found


def _worker_sockets(master: int) -> dict[int, set[int]]:
    """The socket inodes each worker process of `master` holds open."""
    held: dict[int, set[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[1]) != master:
                    continue
            links = [os.readlink(f"/proc/{entry}/fd/{fd}") for fd in os.listdir(f"/proc/{entry}/fd")]
        except OSError:  # the process or descriptor went away meanwhile
            continue
        held[int(entry)] = {int(link[8:-1]) for link in links if link.startswith("socket:[")}
    return held


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads Linux's /proc")
def test_server_spreads_keep_alive_connections_over_both_workers(server: Server) -> None:
    port = int(server.base.rsplit(":", 1)[1])
    deadline = time.monotonic() + START_TIMEOUT
    while len(_server_sockets(port).get("0A", ())) < 2:  # each worker listens on a socket of its own
        assert time.monotonic() < deadline, "the two workers did not both listen"
        time.sleep(0.2)
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=30) for _ in range(16)]
    try:
        for connection in connections:
            connection.request("GET", "/healthz")
            response = connection.getresponse()
            assert response.status == 200
            response.read()
        connected = _server_sockets(port).get("01", set())
        per_worker = [len(inodes & connected) for inodes in _worker_sockets(server.process.pid).values()]
        # All 16 on one worker would leave a core idle for as long as they stay connected.
        assert sorted(per_worker)[-2:][0] >= 1 and sum(per_worker) == 16, per_worker
    finally:
        for connection in connections:
            connection.close()


@pytest.mark.parametrize(
    ("env", "reuse_port"), [({}, True), ({"SCORER_REUSE_PORT": "0"}, False), ({"SCORER_REUSE_PORT": "1"}, True)]
)
def test_serve_gives_each_worker_its_own_socket_unless_told_not_to(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], reuse_port: bool
) -> None:
    monkeypatch.delenv("SCORER_REUSE_PORT", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert gunicorn_options(serve_args([]))["reuse_port"] is reuse_port


@pytest.mark.parametrize(
    ("argv", "env", "worker_class", "threads"),
    [
        ([], {}, "gthread", DEFAULT_THREADS),
        (["--threads", "3"], {}, "gthread", 3),
        ([], {"SCORER_WORKER_CLASS": "sync", "SCORER_THREADS": "4"}, "sync", 1),
        (["--worker-class", "gthread"], {"SCORER_WORKER_CLASS": "sync"}, "gthread", DEFAULT_THREADS),
    ],
)
def test_serve_worker_class_and_threads(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str], worker_class: str, threads: int
) -> None:
    for name in ("SCORER_WORKER_CLASS", "SCORER_THREADS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    options = gunicorn_options(serve_args(argv))
    assert (options["worker_class"], options["threads"]) == (worker_class, threads)
    assert options["keepalive"] > 0


@pytest.mark.parametrize(("value", "level"), [("", "info"), ("WARNING", "warning"), (" debug ", "debug")])
def test_serve_log_level(monkeypatch: pytest.MonkeyPatch, value: str, level: str) -> None:
    monkeypatch.setenv("SCORER_LOG_LEVEL", value)
    assert gunicorn_options(serve_args([]))["loglevel"] == level


@pytest.mark.parametrize(
    ("argv", "env", "message"),
    [
        ([], {"SCORER_WORKER_CLASS": "eventlet"}, "SCORER_WORKER_CLASS='eventlet' is not one of"),
        (["--threads", "0"], {}, "--threads 0 is out of range: give a whole number from 1 to 64"),
        ([], {"SCORER_WORKERS": "0"}, "SCORER_WORKERS=0 is out of range"),  # the variable is named
        ([], {"SCORER_TIMEOUT": "0"}, "SCORER_TIMEOUT=0 is out of range"),
        ([], {"SCORER_PORT": "70000"}, "SCORER_PORT=70000 is out of range: give a whole number from 1 to 65535"),
        ([], {"SCORER_THREADS": "two"}, "SCORER_THREADS='two' is not a whole number"),
        ([], {"SCORER_REUSE_PORT": "2"}, "SCORER_REUSE_PORT=2 must be 1"),
        ([], {"SCORER_LOG_LEVEL": "loud"}, "SCORER_LOG_LEVEL='loud' is not one of debug, info"),  # was taken as info
    ],
)
def test_serve_rejects_bad_worker_settings(
    monkeypatch: pytest.MonkeyPatch, argv: list[str], env: dict[str, str], message: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InputError, match=message):
        gunicorn_options(serve_args(argv))


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SCORER_RATE_LIMIT", "abc"),
        ("SCORER_MAX_REQUEST_BYTES", "-1"),
        ("SCORER_CORS_ORIGINS", "nope"),
        ("SCORER_ACCESS_LOG", "/nonexistent/dir/access.log"),  # gunicorn exited 1 with "Error: Error: ..."
        ("SCORER_LOG_LEVEL", "loud"),
    ],
)
def test_serve_exits_2_on_a_malformed_api_setting(tmp_path: Any, name: str, value: str) -> None:
    env = {**os.environ, name: value, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "scorer.cli", "serve", "--port", str(free_port())],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert name in done.stderr and "Traceback" not in done.stderr


def serve_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_parser(parser.add_subparsers())
    return parser.parse_args(["serve", *argv])


def test_prepare_collector_freezes_what_is_loaded_and_collects_less_often() -> None:
    before = gc.get_threshold()
    kept = [[object()] for _ in range(100)]  # containers alive before the fork, like the model's
    try:
        prepare_collector()
        assert gc.get_threshold() == (SERVER_GC_THRESHOLD, before[1], before[2])
        assert gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_a_port_another_server_listens_on_is_refused_before_start(tmp_path: Any) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        with pytest.raises(InputError, match=f"cannot listen on 127.0.0.1:{port}.*another port"):
            check_port_free("127.0.0.1", port)
        done = subprocess.run(
            [sys.executable, "-m", "scorer.cli", "serve", "--port", str(port), "--workers", "2"],
            capture_output=True, text=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)},
        )
    assert done.returncode == 2
    assert f"cannot listen on 127.0.0.1:{port}" in done.stderr
    check_port_free("127.0.0.1", free_port())  # a free port passes


def test_serve_says_where_it_listens(own_server: Server, tmp_path: Any) -> None:
    log = (tmp_path / "server.log").read_text(encoding="utf-8", errors="replace")
    assert f"scorer: serving {own_server.base} with 2 " in log
    # gunicorn's own line had no address for the per-worker SO_REUSEPORT sockets ("Listening at:  (pid)").
    assert f"Listening at: {own_server.base} (a socket per worker) (" in log
