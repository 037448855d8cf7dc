"""Load test of `scorer serve` on loopback: requests/s and latency for single and batch requests.

Starts `scorer serve` (gunicorn) on a free 127.0.0.1 port, then drives it from a
second process with CONCURRENCY keep-alive connections, each sending one
request at a time. The load generator is `wrk` (C, one thread) when it is
installed (Debian: `apt-get install -y wrk`), else a Python asyncio client,
which costs the shared cores far more CPU per request; the output says which
ran. Each phase is bounded in time and in request count. Finally it scores the
same headlines in process, for the ratio of server to library throughput.

Besides wall-clock figures it prints the CPU time the server's workers spent
per request (from /proc): on a machine shared with other jobs, throughput
swings with their load, while CPU per request stays comparable across runs.

    python bench/bench_api.py                    # defaults: 16 clients, 10 s a phase
    python bench/bench_api.py --seconds 5 --workers 2 --worker-class sync
    python bench/bench_api.py --client python    # the Python client even if wrk is there

Nothing leaves the machine: the server binds 127.0.0.1 and the clients connect there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import scorer

CONCURRENCY = 16
BATCH_SIZE = 100
#: Seconds of load per phase, and a cap on requests per phase, so a run is bounded either way.
PHASE_SECONDS = 10.0
MAX_REQUESTS_PER_PHASE = 200_000
WARMUP_SECONDS = 1.0
START_TIMEOUT = 90.0
#: Extra seconds a load-generator process may take beyond its phase before it is killed.
CLIENT_GRACE = 60.0
#: Clock ticks per second, for the CPU times in /proc/<pid>/stat.
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100

#: Headline patterns for the load: varied enough to exercise every extractor.
SUBJECTS = ["Minister", "Council", "Police", "Venezuela", "Markets", "Scientists", "Coach", "Senate", "Tenants", "NHS"]
PATTERNS = [
    "{s} sends CHILLING warning amid RIOTS in streets – 'We WILL take action!'",
    "{s} approves budget for road repairs after long review",
    "You won't BELIEVE what {s} did next!!!",
    "{s} SLAMS critics over 'disastrous' plan",
    "10 things {s} doesn't want you to know",
    "{s} reports modest rise in quarterly figures",
    "Is this the end for {s}? Shocking new claims emerge",
    "{s} unveils plan to cut waiting times by 2026",
]


def headlines() -> list[str]:
    """The benchmark's headlines (80 of them), in a fixed order."""
    return [p.format(s=s) for s in SUBJECTS for p in PATTERNS]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(port: int, workers: int, worker_class: str | None, threads: int | None) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "scorer.cli", "serve", "--port", str(port), "--workers", str(workers)]
    if worker_class:
        command += ["--worker-class", worker_class]
    if threads:
        command += ["--threads", str(threads)]
    env = {**os.environ, "SCORER_LOG_LEVEL": "warning"}
    for name in ("SCORER_API_KEYS", "SCORER_API_KEYS_FILE", "SCORER_RATE_LIMIT", "SCORER_ACCESS_LOG"):
        env.pop(name, None)
    process = subprocess.Popen(command, env=env)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"scorer serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("scorer serve did not become ready")


def _stat_fields(pid: str) -> list[str]:
    # The fields after the command name, which may itself hold spaces or parentheses.
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def server_cpu_seconds(master: int) -> float | None:
    """User plus system CPU seconds of the server's worker processes (None where /proc is missing)."""
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return None
    total = 0
    for pid in pids:
        try:
            fields = _stat_fields(pid)
            if int(fields[1]) == master:  # ppid: a worker of this server
                total += int(fields[11]) + int(fields[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            continue  # the process ended meanwhile
    return total / CLOCK_TICKS


# -- wrk ----------------------------------------------------------------------------------------

_WRK_SCRIPT = """
local bodies = {%(bodies)s}
local requests = {}
local sent = 0
local limit = %(limit)d

init = function(args)
  for i, body in ipairs(bodies) do
    requests[i] = wrk.format("POST", "%(path)s", {["Content-Type"] = "application/json"}, body)
  end
end

request = function()
  sent = sent + 1
  if sent > limit then
    wrk.thread:stop()
  end
  return requests[(sent - 1) %% #requests + 1]
end
"""


def _lua_string(text: str) -> str:
    level = 0
    while f"]{'=' * level}]" in text:
        level += 1
    return f"[{'=' * level}[{text}]{'=' * level}]"


def wrk_script(path: str, bodies: list[bytes], limit: int) -> str:
    """A wrk Lua script that POSTs `bodies` in turn to `path` and stops after `limit` requests."""
    listed = ",\n".join(_lua_string(b.decode("ascii")) for b in bodies)
    return _WRK_SCRIPT % {"bodies": listed, "path": path, "limit": limit}


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)([a-z]+)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def parse_wrk(output: str) -> dict[str, Any]:
    """Requests, errors, requests/s and latency percentiles from `wrk --latency` output."""
    found = re.search(r"(\d+) requests in ([\d.]+)(\w+),", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.MULTILINE)
    if not (found and rate and p50 and p99):
        raise SystemExit(f"could not read wrk's output:\n{output}")
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return {
        "requests": int(found.group(1)),
        "errors": errors,
        "requests_per_s": float(rate.group(1)),
        "p50_ms": _milliseconds(p50.group(1)),
        "p99_ms": _milliseconds(p99.group(1)),
    }


def run_wrk(wrk: str, port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int) -> str:
    """wrk's output for one run of `seconds` against `path`."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "load.lua"
        script.write_text(wrk_script(path, bodies, max_requests), encoding="ascii")
        command = [wrk, "-t1", f"-c{CONCURRENCY}", f"-d{max(1, round(seconds))}s", "--latency", "-s", str(script)]
        done = subprocess.run(
            [*command, f"http://127.0.0.1:{port}"],
            capture_output=True,
            text=True,
            timeout=seconds + CLIENT_GRACE,
            check=False,
        )
    if done.returncode != 0:
        raise SystemExit(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    return done.stdout


# -- the Python client (when wrk is absent) -----------------------------------------------------


async def _connection_client(
    port: int, path: str, bodies: list[bytes], offset: int, state: dict[str, Any], warm_until: float, stop: float
) -> None:
    """One keep-alive connection sending requests one at a time; reconnects if the server closes it."""
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    i = offset
    while time.perf_counter() < stop and state["sent"] < state["max"]:
        if writer is None:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        assert reader is not None
        body = bodies[i % len(bodies)]
        i += CONCURRENCY
        started = time.perf_counter()
        writer.write(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode("ascii")
            + body
        )
        head = await reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length = int(re.search(rb"(?i)\r\ncontent-length:\s*(\d+)", head).group(1))  # type: ignore[union-attr]
        await reader.readexactly(length)
        if re.search(rb"(?i)\r\nconnection:\s*close", head):
            writer.close()
            reader = writer = None
        if started >= warm_until:
            state["sent"] += 1
            state["latencies"].append(time.perf_counter() - started)
            state["errors"] += status != 200
    if writer is not None:
        writer.close()


async def _drive(port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int) -> dict[str, Any]:
    state: dict[str, Any] = {"latencies": [], "errors": 0, "sent": 0, "max": max_requests}
    warm_until = time.perf_counter() + WARMUP_SECONDS
    stop = warm_until + seconds
    await asyncio.gather(
        *(_connection_client(port, path, bodies, k, state, warm_until, stop) for k in range(CONCURRENCY))
    )
    elapsed = time.perf_counter() - warm_until
    return {"latencies": state["latencies"], "errors": state["errors"], "elapsed": elapsed}


def _client_process(port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int, out: Any) -> None:
    out.put(asyncio.run(_drive(port, path, bodies, seconds, max_requests)))


def run_python(port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int) -> dict[str, Any]:
    """One phase with the asyncio client in a second process."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=_client_process, args=(port, path, bodies, seconds, max_requests, queue))
    worker.start()
    try:
        raw = queue.get(timeout=WARMUP_SECONDS + seconds + CLIENT_GRACE)
    finally:
        worker.join(timeout=10)
        if worker.is_alive():
            worker.kill()
    lat = sorted(raw["latencies"])
    n = len(lat)
    if not n:
        raise SystemExit("the Python client completed no request")
    return {
        "requests": n,
        "errors": raw["errors"],
        "requests_per_s": n / raw["elapsed"],
        "p50_ms": 1000 * statistics.median(lat),
        "p99_ms": 1000 * lat[min(n - 1, int(0.99 * n))],
    }


# -- phases and report --------------------------------------------------------------------------


def load(
    client: str, master: int, port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int
) -> dict[str, Any]:
    """Run one phase from a second process; return its figures, with the server's CPU per request."""
    if client == "python":
        cpu_before = server_cpu_seconds(master)
        figures = run_python(port, path, bodies, seconds, max_requests)
        # The Python client warms up inside its own run; count those requests too.
        sent = figures["requests"] + figures["requests_per_s"] * WARMUP_SECONDS
    else:
        run_wrk(client, port, path, bodies, WARMUP_SECONDS, max_requests)
        cpu_before = server_cpu_seconds(master)
        figures = parse_wrk(run_wrk(client, port, path, bodies, seconds, max_requests))
        sent = figures["requests"]
    cpu_after = server_cpu_seconds(master)
    if cpu_before is not None and cpu_after is not None and sent:
        figures["server_cpu_ms_per_request"] = 1000 * (cpu_after - cpu_before) / sent
    return figures


def in_process(texts: list[str], seconds: float) -> dict[str, float]:
    """Headlines/s of the library itself, one by one and in batches of BATCH_SIZE."""
    from scorer import Scorer

    scorer = Scorer.load()
    scorer.score_many(texts)
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds / 2:
        for text in texts:
            scorer.score(text)
        count += len(texts)
    single = count / (time.perf_counter() - start)
    batch = (texts * (BATCH_SIZE // len(texts) + 1))[:BATCH_SIZE]
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds / 2:
        scorer.score_many(batch)
        count += len(batch)
    return {"single_per_s": single, "batch_per_s": count / (time.perf_counter() - start)}


def choose_client(wanted: str) -> tuple[str, str]:
    """(how to run the load, its name for the report): wrk's path, or "python"."""
    wrk = shutil.which("wrk")
    if wanted == "wrk" and wrk is None:
        raise SystemExit("--client wrk: wrk is not installed (Debian: apt-get install -y wrk)")
    if wanted in ("auto", "wrk") and wrk is not None:
        return wrk, "wrk (-t1)"
    return "python", "Python asyncio client" + (" (wrk not installed)" if wrk is None else "")


def _cpu(figures: dict[str, Any]) -> str:
    value = figures.get("server_cpu_ms_per_request")
    return "" if value is None else f"   server CPU {value:.2f} ms/request"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=PHASE_SECONDS, help="seconds of load per phase")
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS_PER_PHASE, help="cap on requests per phase")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="gunicorn workers")
    parser.add_argument("--worker-class", choices=("gthread", "sync"), help="gunicorn worker class (serve's default)")
    parser.add_argument("--threads", type=int, help="threads per gthread worker (serve's default)")
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto", help="load generator")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    seconds = min(max(args.seconds, 1.0), 120.0)
    max_requests = min(max(args.max_requests, 1), MAX_REQUESTS_PER_PHASE)
    client, client_name = choose_client(args.client)

    texts = headlines()
    single_bodies = [json.dumps({"headline": t}).encode("ascii") for t in texts]
    batch_bodies = [
        json.dumps({"items": [{"id": j, "headline": texts[(k + j) % len(texts)]} for j in range(BATCH_SIZE)]}).encode(
            "ascii"
        )
        for k in range(8)
    ]
    port = free_port()
    server = start_server(port, args.workers, args.worker_class, args.threads)
    try:
        single = load(client, server.pid, port, "/v1/score", single_bodies, seconds, max_requests)
        batch = load(client, server.pid, port, "/v1/score/batch", batch_bodies, seconds, max_requests)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    local = in_process(texts, seconds)
    batch["headlines_per_s"] = batch["requests_per_s"] * BATCH_SIZE
    figures = {
        "machine": {"cpus": os.cpu_count(), "workers": args.workers, "clients": CONCURRENCY, "load": client_name},
        "build": scorer.build_name(),
        "server": {"worker_class": args.worker_class or "default", "threads": args.threads or "default"},
        "single": single,
        "batch": batch,
        "in_process": local,
        "ratio_single": single["requests_per_s"] / local["single_per_s"],
        "ratio_batch": batch["headlines_per_s"] / local["batch_per_s"],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    worker_class = args.worker_class or "default"
    print(
        f"{os.cpu_count()} CPUs, {args.workers} {worker_class} workers, {CONCURRENCY} concurrent connections"
        f" ({client_name}), {seconds:g} s a phase; scorer {figures['build']}"
    )
    print(
        f"single  POST /v1/score        {single['requests_per_s']:8,.0f} req/s   p50 {single['p50_ms']:6.1f} ms"
        f"   p99 {single['p99_ms']:6.1f} ms   ({single['requests']:,} requests, {single['errors']} errors)"
        + _cpu(single)
    )
    print(
        f"batch   POST /v1/score/batch  {batch['requests_per_s']:8,.1f} req/s   p50 {batch['p50_ms']:6.1f} ms"
        f"   p99 {batch['p99_ms']:6.1f} ms   = {batch['headlines_per_s']:,.0f} headlines/s"
        f"   ({batch['requests']:,} requests, {batch['errors']} errors)" + _cpu(batch)
    )
    print(
        f"in process: {local['single_per_s']:,.0f} headlines/s one by one, {local['batch_per_s']:,.0f} in batches of"
        f" {BATCH_SIZE}; server/in-process: single {figures['ratio_single']:.2f}, batch {figures['ratio_batch']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
