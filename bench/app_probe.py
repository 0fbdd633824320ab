"""Run the app headless on a database and report timings (a child of bench/run.py).

    python -m bench.app_probe DB LONG_ARTICLE_ID
    python -m bench.app_probe --bare      # the baseline: a bare Textual app
    python -m bench.app_probe --paint-only [DB]   # first paint only (no DB: the bare app)


Prints one JSON object per line: ``{"event": "painted"}`` as soon as the
first screen has been composed, mounted and rendered (the parent times it
from process start), then ``{"event": "result", ...}`` with the other
timings in seconds and the peak resident memory in MB.
"""
from __future__ import annotations

import asyncio
import json
import resource
import statistics
import sys
import time

from bench.frames import FrameClock, key_to_repaint


def rss_mb() -> float:
    """Peak resident memory of this process so far (VmHWM: ru_maxrss would
    carry the parent's peak across fork and exec)."""
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def emit(**fields) -> None:
    print(json.dumps(fields), flush=True)


KEYS_TIMED = ("n", "a", "x", "u")  # next, accept, reject, undo
KEY_REPEAT = 7
OPEN_REPEAT = 3


async def probe_bare() -> None:
    """A bare Textual app: a Static that changes on each key, and a footer:
    its first paint and its key to repaint are the baselines."""
    from textual.app import App
    from textual.widgets import Footer, Static

    class Bare(App):
        def compose(self):
            yield Static("0", id="n")
            yield Footer()

        def on_key(self, event) -> None:
            widget = self.query_one("#n", Static)
            widget.update(str(int(str(widget.render())) + 1))

    app = Bare()
    async with app.run_test(size=(180, 50)) as pilot:
        await pilot.pause()
        emit(event="painted")
        clock = FrameClock(app)
        emit(event="result", key=await key_to_repaint(clock, pilot, "n", KEY_REPEAT), peak_rss_mb=rss_mb())


async def probe(db: str, long_id: int) -> None:
    from store import Store
    from tui.app import CopydeskApp

    store = Store.open(db, annotator="bench")
    app = CopydeskApp(store)
    async with app.run_test(size=(180, 50)) as pilot:
        await pilot.pause()
        emit(event="painted")
        result: dict = {"rss_painted_mb": rss_mb()}

        # Opening the long article, to its last frame (bench/frames.py): the
        # median of OPEN_REPEAT openings, each after opening a short one.
        clock = FrameClock(app)
        openings, first_frames = [], []
        for _ in range(OPEN_REPEAT):
            app.open_article(1)
            await clock.settle(pilot)
            before = len(clock.stamps)
            t = time.perf_counter()
            app.open_article(long_id)
            opened = await clock.until_quiet(pilot, t, before)
            openings.append(opened[1] if opened else time.perf_counter() - t)
            first_frames.append(opened[0] if opened else time.perf_counter() - t)
        result["open_long_s"] = statistics.median(openings)
        result["open_long_first_s"] = statistics.median(first_frames)
        result["open_long_max_s"] = max(openings)
        result["rss_long_mb"] = rss_mb()

        # A key press to the row in the database: the store call is wrapped to
        # stamp when it returned (committed), then the screen repaints.
        app.open_article(1)
        await pilot.pause()
        committed: dict = {}

        def stamped(name):
            call = getattr(store, name)

            def wrapper(*args, **kwargs):
                out = call(*args, **kwargs)
                committed[name] = time.perf_counter()
                return out
            return wrapper

        store.accept = stamped("accept")
        store.relabel = stamped("relabel")
        app.reader.focus()
        await clock.settle(pilot)
        await clock.key(pilot, "n")
        span = app.current_span()
        if span is not None:
            await clock.settle(pilot)
            t = time.perf_counter()
            timed = await clock.key(pilot, "a")
            result["accept_s"] = committed["accept"] - t
            result["accept_repaint_s"] = timed[1] if timed else float("nan")
            await clock.settle(pilot)
            before = len(clock.stamps)
            t = time.perf_counter()
            app.commit("relabel", lambda s: s.relabel(span.id, "ORG" if span.label != "ORG" else "PERSON"))
            timed = await clock.until_quiet(pilot, t, before)
            result["relabel_s"] = committed["relabel"] - t
            result["relabel_repaint_s"] = timed[1] if timed else float("nan")

        # Key to repaint for the keys of a working day, KEY_REPEAT presses each (bench/frames.py).
        app.open_article(1)
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.reader.focus()
        for key in KEYS_TIMED:
            result[f"key_{key}"] = await key_to_repaint(clock, pilot, key, KEY_REPEAT)
        await app.workers.wait_for_complete()
        t = time.perf_counter()
        store.progress()
        result["progress_s"] = time.perf_counter() - t

        for word in ("security", "Okafor", "zzzunmatched"):
            t = time.perf_counter()
            app.apply_filter(word)
            await pilot.pause()
            result[f"filter_{word}_s"] = time.perf_counter() - t
            result[f"filter_{word}_n"] = app.article_list.total
        app.apply_filter("")
        await pilot.pause()
        # Let the progress worker (it counts whole tables) finish before memory is read.
        await app.workers.wait_for_complete()
        result["peak_rss_mb"] = rss_mb()
        emit(event="result", **result)


async def paint_only(db: str | None) -> None:
    """Only the first paint (the parent repeats it, alternating with the bare app)."""
    if db is None:
        from textual.app import App
        from textual.widgets import Footer, Static

        class Bare(App):
            def compose(self):
                yield Static("0", id="n")
                yield Footer()

        app = Bare()
    else:
        from store import Store
        from tui.app import CopydeskApp

        app = CopydeskApp(Store.open(db, annotator="bench"))
    async with app.run_test(size=(180, 50)) as pilot:
        await pilot.pause()
        emit(event="painted")
        emit(event="result")


def main() -> None:
    args = sys.argv[1:]
    if args == ["--bare"]:
        asyncio.run(probe_bare())
    elif args[:1] == ["--paint-only"]:
        asyncio.run(paint_only(args[1] if len(args) > 1 else None))
    else:
        asyncio.run(probe(args[0], int(args[1])))


if __name__ == "__main__":
    main()
