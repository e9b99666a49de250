"""What the room service checks before any work: the size of a request and how often it comes.

A phone in a workshop sends a table every few seconds at most; a hostile or broken client may
send megabytes or thousands of requests. Both are refused before the body is read or a line of
the engine runs.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

#: Largest body per kind of request, in bytes: a group's table or a quiz's answers are a few
#: kilobytes; a calculator's inputs may hold the largest table a rep imports (10,000 deals);
#: a file to read is at most 5 MB (the page's own limit, state.mjs), sent as base64.
MAX_BODY = {"small": 64 * 1024, "table": 2 * 1024 * 1024, "file": 7 * 1024 * 1024}


@dataclass
class Bucket:
    """A token bucket: ``capacity`` requests at once, then ``per_second`` more each second."""

    capacity: float
    per_second: float
    tokens: float = -1.0
    stamp: float = field(default_factory=time.monotonic)

    def take(self) -> float:
        """0 if a request may go now, else the seconds until one may."""
        now = time.monotonic()
        if self.tokens < 0:
            self.tokens = self.capacity
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.per_second


class RateLimits:
    """One bucket per client (its address, or its device for sends), shared by all threads.

    The address limit is generous (a room's phones each have their own address; a benchmark on
    loopback sends hundreds at once from one); the per-device limit on sends and answers is what
    stops one phone from flooding the room.
    """

    def __init__(self, capacity: float, per_second: float, max_clients: int = 10_000) -> None:
        self.capacity = capacity
        self.per_second = per_second
        self.max_clients = max_clients
        self._buckets: dict[str, Bucket] = {}
        self._lock = threading.Lock()

    def wait(self, client: str) -> float:
        """0 if ``client`` may make a request now, else how many seconds it should wait."""
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is None:
                if len(self._buckets) >= self.max_clients:
                    self._buckets.clear()  # forget everyone rather than grow without bound
                bucket = self._buckets[client] = Bucket(self.capacity, self.per_second)
            return bucket.take()
