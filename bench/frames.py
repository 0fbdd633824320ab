"""Key to repaint, timed by the frames the app renders (bench only).

``pilot.press`` + ``pilot.pause`` cannot time a frame: each press waits for
CPU idleness in steps of 20 ms (``textual._wait.wait_for_idle``, twice per
key, once more per pause), so even a bare Textual app measured 80-96 ms that
way. Here the key event is sent as Pilot sends it, and the time is taken from
the frames themselves: ``App._display`` is called with every update the
screen's compositor has rendered (headless, it is not written anywhere, the
rendering has been done), and each call is stamped. A key's repaint is the
last frame before the app is quiet again (no frame and no pending refresh for
``QUIET`` seconds, every widget's queue drained), so a message the key's
handler posts (the side panel following the current span) is included; the
list's counts, refreshed on purpose ``LIST_REFRESH_DELAY`` later, are not.
"""
from __future__ import annotations

import asyncio
import statistics
import time

QUIET = 0.06  # seconds without a frame, after the queues drained, that end a key
# Seconds between keys: the deferred list refresh (0.3 s after an action), the
# resume touch (0.5 s after a move, on its own connection) and the poll that
# notices that commit (every 1 s) all land before the next key.
SETTLE = 1.6


class FrameClock:
    """Stamps every rendered frame of ``app``."""

    def __init__(self, app) -> None:
        self.app = app
        self.stamps: list[float] = []
        display = app._display

        def stamped(screen, renderable) -> None:
            display(screen, renderable)
            if renderable is not None:
                self.stamps.append(time.perf_counter())

        app._display = stamped  # an instance attribute: Screen calls app._display(...)

    def _pending(self) -> bool:
        screen = self.app.screen
        return bool(screen._layout_required or screen._dirty_widgets or screen._repaint_required
                    or screen._scroll_required)

    async def key(self, pilot, key: str) -> tuple[float, float] | None:
        """Send ``key`` (as Pilot does), wait until quiet: (seconds to the first
        frame, seconds to the last frame), or None if no frame was rendered."""
        from textual import events

        app = self.app
        before = len(self.stamps)
        t = time.perf_counter()
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
        return await self.until_quiet(pilot, t, before)

    async def until_quiet(self, pilot, t: float, before: int) -> tuple[float, float] | None:
        """After something started at ``t`` (frames counted from ``before``):
        wait until quiet, then (seconds to its first frame, to its last)."""
        while True:
            await pilot._wait_for_screen()
            seen = len(self.stamps)
            await asyncio.sleep(QUIET)
            if len(self.stamps) == seen and not self._pending():
                break
            if time.perf_counter() - t > 10:
                break
        frames = self.stamps[before:]
        if not frames:
            return None
        return frames[0] - t, frames[-1] - t

    async def settle(self, pilot) -> None:
        await asyncio.sleep(SETTLE)
        await self.app.workers.wait_for_complete()
        await pilot._wait_for_screen()
        await asyncio.sleep(QUIET)


async def key_to_repaint(clock: FrameClock, pilot, key: str, repeat: int) -> dict:
    """``repeat`` presses of ``key``: median and worst of first and last frame."""
    firsts, lasts = [], []
    for _ in range(repeat):
        await clock.settle(pilot)
        timed = await clock.key(pilot, key)
        if timed is not None:
            firsts.append(timed[0])
            lasts.append(timed[1])
    if not lasts:
        return {}
    return {"median": statistics.median(lasts), "max": max(lasts), "first_median": statistics.median(firsts),
            "n": len(lasts)}
