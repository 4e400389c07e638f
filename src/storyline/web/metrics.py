"""Counters and histograms in the Prometheus text format (version 0.0.4), for ``GET /metrics``.

Per server process (with ``--workers N`` each process counts its own requests).
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections.abc import Mapping

BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)
HELP = {
    "storyline_articles_ingested_total": ("counter", "Articles received by the API, by status."),
    "storyline_update_seconds": ("histogram", "Time of one update (events and stories) after an ingest."),
    "storyline_ingest_seconds": ("histogram", "Time of one ingest (add and update) of the writer."),
    "storyline_http_request_seconds": ("histogram", "Time to answer an HTTP request, by route."),
    "storyline_http_requests_total": ("counter", "HTTP requests answered, by route, method and status."),
    "storyline_stream_clients": ("gauge", "Open server-sent event streams."),
}

Labels = tuple[tuple[str, str], ...]


def _labels(labels: Mapping[str, str] | None) -> Labels:
    return tuple(sorted((labels or {}).items()))


def _fmt(labels: Labels, extra: tuple[tuple[str, str], ...] = ()) -> str:
    items = labels + extra
    if not items:
        return ""
    body = ",".join(
        f'{k}="{v.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34)).replace(chr(10), " ")}"'
        for k, v in items
    )
    return "{" + body + "}"


class Metrics:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counters: dict[str, dict[Labels, float]] = {}
        self._gauges: dict[str, dict[Labels, float]] = {}
        self._hist: dict[str, dict[Labels, list[float]]] = {}  # bucket counts..., +Inf count, sum

    def inc(self, name: str, labels: Mapping[str, str] | None = None, value: float = 1.0) -> None:
        with self._lock:
            series = self._counters.setdefault(name, {})
            key = _labels(labels)
            series[key] = series.get(key, 0.0) + value

    def set(self, name: str, value: float, labels: Mapping[str, str] | None = None) -> None:
        with self._lock:
            self._gauges.setdefault(name, {})[_labels(labels)] = value

    def observe(self, name: str, seconds: float, labels: Mapping[str, str] | None = None) -> None:
        with self._lock:
            series = self._hist.setdefault(name, {})
            row = series.setdefault(_labels(labels), [0.0] * (len(BUCKETS) + 2))
            row[bisect_left(BUCKETS, seconds)] += 1
            row[-1] += seconds

    def value(self, name: str, labels: Mapping[str, str] | None = None) -> float:
        with self._lock:
            return self._counters.get(name, {}).get(_labels(labels), 0.0)

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            families = {**self._counters, **self._gauges}
            for name in sorted(set(families) | set(self._hist)):
                kind, text = HELP.get(name, ("untyped", name))
                lines += [f"# HELP {name} {text}", f"# TYPE {name} {kind}"]
                for labels, value in sorted(families.get(name, {}).items()):
                    lines.append(f"{name}{_fmt(labels)} {value:g}")
                for labels, row in sorted(self._hist.get(name, {}).items()):
                    total = 0.0
                    for bound, count in zip(BUCKETS, row, strict=False):
                        total += count
                        lines.append(f"{name}_bucket{_fmt(labels, (('le', f'{bound:g}'),))} {total:g}")
                    total += row[len(BUCKETS)]
                    lines.append(f"{name}_bucket{_fmt(labels, (('le', '+Inf'),))} {total:g}")
                    lines.append(f"{name}_sum{_fmt(labels)} {row[-1]:.6f}")
                    lines.append(f"{name}_count{_fmt(labels)} {total:g}")
        return "\n".join(lines) + "\n"
