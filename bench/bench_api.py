"""Load test of `scorer serve` on loopback: requests/s and latency for single and batch requests.

Starts `scorer serve` (gunicorn) on a free 127.0.0.1 port, then drives it from a
second process with CONCURRENCY clients, each sending one request at a time.
Each phase is bounded both in time and in request count. Finally it scores the
same headlines in process, for the ratio of server to library throughput.

    python bench/bench_api.py                  # defaults: 16 clients, 10 s a phase
    python bench/bench_api.py --seconds 5 --workers 2

Nothing leaves the machine: the server binds 127.0.0.1 and the clients connect there.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from typing import Any

CONCURRENCY = 16
BATCH_SIZE = 100
#: Seconds of load per phase, and a cap on requests per phase, so a run is bounded either way.
PHASE_SECONDS = 10.0
MAX_REQUESTS_PER_PHASE = 200_000
WARMUP_SECONDS = 1.0
START_TIMEOUT = 90.0

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


def start_server(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "scorer.cli", "serve", "--port", str(port), "--workers", str(workers)]
    env = {**os.environ, "SCORER_LOG_LEVEL": "warning"}
    for name in ("SCORER_API_KEYS", "SCORER_API_KEYS_FILE", "SCORER_RATE_LIMIT"):
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


async def _request(port: int, path: str, body: bytes) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode("ascii")
    writer.write(head + body)
    await writer.drain()
    data = await reader.read()
    writer.close()
    return int(data[9:12])


async def _drive(port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int) -> dict[str, Any]:
    latencies: list[float] = []
    errors = 0
    sent = 0
    warm_until = time.perf_counter() + WARMUP_SECONDS
    stop = warm_until + seconds

    async def client(offset: int) -> None:
        nonlocal errors, sent
        i = offset
        while time.perf_counter() < stop and sent < max_requests:
            started = time.perf_counter()
            status = await _request(port, path, bodies[i % len(bodies)])
            i += CONCURRENCY
            if started >= warm_until:
                sent += 1
                latencies.append(time.perf_counter() - started)
                errors += status != 200

    began = time.perf_counter()
    await asyncio.gather(*(client(k) for k in range(CONCURRENCY)))
    elapsed = time.perf_counter() - max(began + WARMUP_SECONDS, warm_until)
    return {"latencies": latencies, "errors": errors, "elapsed": elapsed}


def _client_process(port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int, out: Any) -> None:
    out.put(asyncio.run(_drive(port, path, bodies, seconds, max_requests)))


def load(port: int, path: str, bodies: list[bytes], seconds: float, max_requests: int) -> dict[str, Any]:
    """Run one phase from a second process; return its figures."""
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    worker = context.Process(target=_client_process, args=(port, path, bodies, seconds, max_requests, queue))
    worker.start()
    raw = queue.get(timeout=seconds + 120)
    worker.join()
    lat = sorted(raw["latencies"])
    n = len(lat)
    return {
        "requests": n,
        "errors": raw["errors"],
        "requests_per_s": n / raw["elapsed"],
        "p50_ms": 1000 * statistics.median(lat),
        "p99_ms": 1000 * lat[min(n - 1, int(0.99 * n))],
    }


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=PHASE_SECONDS, help="seconds of load per phase")
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS_PER_PHASE, help="cap on requests per phase")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="gunicorn workers")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    seconds = min(max(args.seconds, 1.0), 120.0)

    texts = headlines()
    single_bodies = [json.dumps({"headline": t}).encode("utf-8") for t in texts]
    batch_bodies = [
        json.dumps({"items": [{"id": j, "headline": texts[(k + j) % len(texts)]} for j in range(BATCH_SIZE)]}).encode()
        for k in range(8)
    ]
    port = free_port()
    server = start_server(port, args.workers)
    try:
        single = load(port, "/v1/score", single_bodies, seconds, args.max_requests)
        batch = load(port, "/v1/score/batch", batch_bodies, seconds, args.max_requests)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    local = in_process(texts, seconds)
    batch["headlines_per_s"] = batch["requests_per_s"] * BATCH_SIZE
    figures = {
        "machine": {"cpus": os.cpu_count(), "workers": args.workers, "clients": CONCURRENCY},
        "single": single,
        "batch": batch,
        "in_process": local,
        "ratio_single": single["requests_per_s"] / local["single_per_s"],
        "ratio_batch": batch["headlines_per_s"] / local["batch_per_s"],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    print(f"{os.cpu_count()} CPUs, {args.workers} workers, {CONCURRENCY} concurrent clients, {seconds:g} s a phase")
    print(
        f"single  POST /v1/score        {single['requests_per_s']:8,.0f} req/s   p50 {single['p50_ms']:6.1f} ms"
        f"   p99 {single['p99_ms']:6.1f} ms   ({single['requests']:,} requests, {single['errors']} errors)"
    )
    print(
        f"batch   POST /v1/score/batch  {batch['requests_per_s']:8,.1f} req/s   p50 {batch['p50_ms']:6.1f} ms"
        f"   p99 {batch['p99_ms']:6.1f} ms   = {batch['headlines_per_s']:,.0f} headlines/s"
        f"   ({batch['requests']:,} requests, {batch['errors']} errors)"
    )
    print(
        f"in process: {local['single_per_s']:,.0f} headlines/s one by one, {local['batch_per_s']:,.0f} in batches of"
        f" {BATCH_SIZE}; server/in-process: single {figures['ratio_single']:.2f}, batch {figures['ratio_batch']:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
