"""A time budget for the rules run over one article.

The suggestion rules (quotes, claims) are pure Python: a loop that never
ends in them would hold an import forever, and a check made after each step
would never be reached. So a limit is enforced from outside: one watchdog
thread (a daemon, started on first use) keeps the deadlines of the threads
running under ``time_limit`` and, when one passes, raises :class:`OverBudget`
inside that thread (``PyThreadState_SetAsyncExc``). It works in any thread,
the CLI's main thread and the TUI's import worker alike.

Python delivers such an exception between two bytecodes: a stuck loop of
Python code is stopped; a single call into C that never returns is not (the
spaCy parse is linear in the text and is not under the budget).
"""
from __future__ import annotations

import ctypes
import itertools
import threading
import time
from contextlib import contextmanager
from typing import Iterator


class OverBudget(BaseException):
    """Raised inside the thread whose time ran out. A BaseException, so the
    rules' own ``except Exception`` never swallows it."""


class _Watchdog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._armed: dict[int, tuple[float, int]] = {}  # ticket -> (deadline, thread ident)
        self._fired: set[int] = set()
        self._tickets = itertools.count()
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float) -> int:
        with self._cond:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._watch, name="copydesk-budget", daemon=True)
                self._thread.start()
            ticket = next(self._tickets)
            self._armed[ticket] = (time.monotonic() + seconds, threading.get_ident())
            self._cond.notify()
            return ticket

    def disarm(self, ticket: int) -> bool:
        """Stop watching ``ticket``; True when its exception was sent (it is
        then cleared if it has not been raised yet)."""
        with self._cond:
            self._armed.pop(ticket, None)
            fired = ticket in self._fired
            self._fired.discard(ticket)
        if fired:  # sent after the work finished and not delivered yet: withdraw it
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(threading.get_ident()), None)
        return fired

    def _watch(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for ticket, (deadline, ident) in list(self._armed.items()):
                    if deadline <= now:
                        del self._armed[ticket]
                        self._fired.add(ticket)
                        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(ident), ctypes.py_object(OverBudget))
                wait = min((d for d, _ in self._armed.values()), default=None)
                self._cond.wait(None if wait is None else max(0.0, wait - now))


_WATCHDOG = _Watchdog()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Run the block for at most ``seconds``; past that, :class:`OverBudget`
    is raised inside it (or right as it ends)."""
    if seconds <= 0:
        raise OverBudget()
    ticket = _WATCHDOG.arm(seconds)
    try:
        yield
    finally:
        _WATCHDOG.disarm(ticket)


class Budget:
    """One article's time for its suggestion steps: each step runs in what
    is left; a step that runs over is stopped and named in ``skipped``, and
    so is every step after it."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._deadline = None if seconds is None else time.monotonic() + seconds
        self.skipped: list[str] = []

    def run(self, name: str, step, *args):
        """``step(*args)``, or None when the budget is spent (``name`` is then skipped)."""
        if self._deadline is None:
            return step(*args)
        if self.skipped:
            self.skipped.append(name)
            return None
        try:
            with time_limit(self._deadline - time.monotonic()):
                return step(*args)
        except OverBudget:
            self.skipped.append(name)
            return None
