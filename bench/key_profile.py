"""Where a key's time goes: the app on a database, keys timed by frames, optionally profiled.

    python -m bench.key_profile DB [--keys n,a,x,u] [--repeat 5] [--profile out.txt] [--article ID]

Prints each key's median and worst time to its last frame (bench/frames.py);
with --profile, cProfile records the key presses only (not start-up, not
the pauses between keys) and writes its text report.
"""
from __future__ import annotations

import argparse
import asyncio
import time

from bench.frames import FrameClock


async def run(db: str, keys: list[str], repeat: int, profile: str | None, article: int) -> None:
    from store import Store
    from tui.app import CopydeskApp

    store = Store.open(db, annotator="bench")
    app = CopydeskApp(store, resume=False)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
    async with app.run_test(size=(180, 50)) as pilot:
        await pilot.pause()
        app.open_article(article)
        clock = FrameClock(app)
        app.reader.focus()
        for key in keys:
            lasts, firsts = [], []
            for _ in range(repeat):
                await clock.settle(pilot)
                if profiler:
                    profiler.enable()
                timed = await clock.key(pilot, key)
                if profiler:
                    profiler.disable()
                if timed:
                    firsts.append(timed[0])
                    lasts.append(timed[1])
            lasts.sort()
            firsts.sort()
            print(f"{key}: last frame median {1000 * lasts[len(lasts) // 2]:.1f} ms, worst {1000 * lasts[-1]:.1f} ms;"
                  f" first frame median {1000 * firsts[len(firsts) // 2]:.1f} ms ({len(lasts)} presses)", flush=True)
    if profiler:
        import io
        import pstats

        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(80)
        stats.sort_stats("tottime").print_stats(40)
        with open(profile, "w") as fh:
            fh.write(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--keys", default="n,a,x,u")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", default=None)
    parser.add_argument("--article", type=int, default=1)
    args = parser.parse_args()
    t = time.perf_counter()
    asyncio.run(run(args.db, args.keys.split(","), args.repeat, args.profile, args.article))
    print(f"took {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
