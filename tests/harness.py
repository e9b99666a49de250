"""Helpers of the test harness itself: a one-off of the run that is not a test's time, and the
output of a started command read with a time limit.

Every test has a time limit (pytest-timeout, ``timeout`` in pyproject.toml). A step that a whole
run or module does once and that has its own limit (a site build, a server that builds before it
serves) pauses the alarm of the test that happens to wait for it, so that test keeps its whole
limit for its own work, and nothing waits without a limit.
"""

from __future__ import annotations

import queue
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def timer_paused() -> Iterator[None]:
    """pytest-timeout's alarm (its ``signal`` method) stops while a one-off of the run works
    under its own limit, and goes on afterwards with the time the test had left."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    left, interval = signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        if left:
            signal.setitimer(signal.ITIMER_REAL, left, interval)


def read_until(process: subprocess.Popen[str], marker: str, limit: float) -> str:
    """What ``process`` prints (its stdout, a text pipe) up to the first line holding ``marker``,
    waiting at most ``limit`` seconds; it fails with what was printed if the marker does not come.
    A thread reads the pipe to its end, so a silent process never blocks the test and a chatty
    one never fills the pipe."""
    assert process.stdout is not None
    lines: queue.Queue[str | None] = queue.Queue()

    def pump(stream) -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, args=(process.stdout,), daemon=True).start()
    printed: list[str] = []
    deadline = time.monotonic() + limit
    while (left := deadline - time.monotonic()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if line is None:
            break
        printed.append(line)
        if marker in line:
            return "".join(printed)
    text = "".join(printed)
    raise AssertionError(f"no line with {marker!r} within {limit:g} s:\n{text[-3000:]}")
