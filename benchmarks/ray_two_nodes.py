"""A two-node Ray cluster on this machine runs ``storyline run --engine ray`` end to end.

``ray start --head --num-cpus 1`` and ``ray start --address … --num-cpus 1`` (two raylets, one CPU each,
Ray's token authentication), then the command

    storyline run docs.jsonl --engine ray --ray-address ADDRESS --db postgresql://…

on the documents of ``benchmarks/ray_annotate.py`` (bsnlp), into a throwaway PostgreSQL server. While it
runs, the Ray worker processes are sampled from /proc and attributed to their node (the raylet that
started them), so the record shows the work that ran on each node. The same command with a local runtime
(both CPUs in one node) gives the reference: its events and stories must be the same. The cluster's
processes are stopped by their ids at the end.

Ray refuses a second node on the loopback address (``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``, which keeps a
local runtime on 127.0.0.1, also forbids more nodes), so the two nodes use the machine's own address.

    python benchmarks/ray_two_nodes.py --n 600
    python benchmarks/ray_two_nodes.py --record        # benchmarks/results/ray_two_nodes.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "ray_two_nodes.json"
BIN = Path(sys.executable).parent


def _cmdline(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


def _ppid(pid: str) -> str:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as f:
            return f.read().rsplit(")", 1)[1].split()[1]
    except (OSError, IndexError):
        return ""


def cluster_pids(marker: str) -> list[int]:
    """Processes of the cluster: those whose command line names its directory, and their children."""
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    roots = {p for p in pids if marker in _cmdline(p) and p != str(os.getpid())}
    children = {p for p in pids if _ppid(p) in roots}
    return sorted(int(p) for p in roots | children)


class NodeSampler(threading.Thread):
    """What each raylet's workers ran: process titles (``ray::plan_slice``, …) per node."""

    def __init__(self, marker: str) -> None:
        super().__init__(daemon=True)
        self.marker = marker
        self.stop = threading.Event()
        self.seen: dict[str, set[str]] = {}

    def run(self) -> None:
        while not self.stop.is_set():
            pids = [p for p in os.listdir("/proc") if p.isdigit()]
            raylets = {p: f"node-{k}" for k, p in enumerate(sorted(p for p in pids if self._raylet(p)))}
            for p in pids:
                node = raylets.get(_ppid(p))
                title = _cmdline(p).split(" ")[0]
                if node and title.startswith("ray::") and title != "ray::IDLE":
                    self.seen.setdefault(node, set()).add(title)
            self.stop.wait(0.2)

    def _raylet(self, pid: str) -> bool:
        cmd = _cmdline(pid)
        return "/raylet/raylet " in cmd and self.marker in cmd


def start_cluster(temp: str, port: int, env: dict[str, str]) -> str:
    ray = str(BIN / "ray")
    head = subprocess.run(
        [ray, "start", "--head", "--port", str(port), "--num-cpus", "1", "--include-dashboard", "false",
         "--temp-dir", temp, "--disable-usage-stats"],
        env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    found = re.search(r"--address='([^']+)'", head.stdout + head.stderr)
    if not found:
        raise RuntimeError("no address in the output of ray start --head:\n" + head.stdout[-2000:])
    address = found.group(1)
    subprocess.run(
        [ray, "start", "--address", address, "--num-cpus", "1", "--disable-usage-stats"],
        env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return address


def stop_cluster(marker: str) -> list[int]:
    pids = cluster_pids(marker)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
    time.sleep(3)
    for pid in cluster_pids(marker):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return pids


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=7200)
    if done.returncode not in (0, 3):
        raise RuntimeError(done.stderr[-3000:])
    return time.perf_counter() - t0, done


def main(argv: list[str] | None = None) -> int:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("--n", type=int, default=2400, help="documents (default: %(default)s)")
    parser.add_argument("--port", type=int, default=46379, help="the head's port (default: %(default)s)")
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.name}")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from ray_annotate import documents
    from storyline.distributed.agreement import agreement, groupings
    from storyline.store import open_store
    from storyline.store.check import inconsistencies
    from storyline.store.throwaway import ThrowawayPostgres

    result: dict[str, Any] = {"load_average_before": [round(x, 2) for x in os.getloadavg()]}
    work = Path(tempfile.mkdtemp(prefix="storyline-2nodes-"))
    temp = str(work / "ray")
    env = {k: v for k, v in os.environ.items() if k != "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"}
    env["RAY_AUTH_MODE"] = "token"
    server = ThrowawayPostgres()
    base = server.start().rsplit("/", 1)[0]
    sampler = NodeSampler(temp)
    try:
        import psycopg

        with psycopg.connect(base + "/postgres", autocommit=True) as conn:
            conn.execute('CREATE DATABASE "local"')
            conn.execute('CREATE DATABASE "two"')
        records = documents(args.n)
        path = work / "docs.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        result["documents"] = len(records)
        storyline = [sys.executable, "-m", "storyline.cli", "run", str(path), "--engine", "ray", "--quiet"]
        seconds, _ = run(
            [*storyline, "--db", base + "/local", "--out", str(work / "local")], dict(os.environ)
        )
        result["local_runtime_2_cpus_s"] = round(seconds, 1)
        address = start_cluster(temp, args.port, env)
        result["address"] = address
        sampler.start()
        cmd = [*storyline, "--ray-address", address, "--db", base + "/two", "--out", str(work / "two")]
        seconds, _ = run(cmd, env)
        sampler.stop.set()
        result["two_nodes_1_cpu_each_s"] = round(seconds, 1)
        result["ran_on"] = {node: sorted(titles) for node, titles in sorted(sampler.seen.items())}
        with open_store(base + "/two") as two, open_store(base + "/local") as local:
            result["inconsistencies"] = len(inconsistencies(two))
            a, b = groupings(two), groupings(local)
            result["articles"] = two.count("articles")
        result["events_vs_local"] = agreement(a.events, b.events).as_dict()
        result["stories_vs_local"] = agreement(a.stories, b.stories).as_dict()
    finally:
        sampler.stop.set()
        result["stopped_processes"] = len(stop_cluster(temp))
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, indent=2))
    if args.record:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
