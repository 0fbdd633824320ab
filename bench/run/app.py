"""The app, headless in a child process (bench/app_probe.py), beside a bare Textual app."""
from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

from .common import ROOT, fmt_n, ms, row, verdict

PAINT_REPEAT = 5  # first paints of each app (alternating), for a median


def bench_app(path: Path, long_id: int, n: int) -> dict:
    try:
        import tui.app  # noqa: F401
    except Exception as exc:  # the app is written by someone else, maybe not yet
        row("app", "headless run", fmt_n(n), f"not measured: {type(exc).__name__}: {exc}")
        return {}
    bare_painted, bare, _ = run_probe(["--bare"])
    painted, result, err = run_probe([str(path), str(long_id)])
    if painted is None or not result:
        row("app", "headless run", fmt_n(n), f"failed: {err.strip().splitlines()[-1] if err.strip() else 'no result'}")
        return {}
    # First paint again, alternating with the bare app, for a median of each.
    bare_paints, paints = [bare_painted], [painted]
    for _ in range(PAINT_REPEAT - 1):
        bare_paints.append(run_probe(["--paint-only"])[0])
        paints.append(run_probe(["--paint-only", str(path)])[0])
    bare_paints = [p for p in bare_paints if p is not None]
    painted = statistics.median(p for p in paints if p is not None)
    if bare_paints:
        bare_painted = statistics.median(bare_paints)
        row("app", f"time to first paint (process start to first screen, median of {len(paints)})", fmt_n(n),
            f"{painted:.2f} s",
            f"bare Textual app {bare_painted:.2f} s (x{painted / bare_painted:.2f}; +{painted - bare_painted:.2f} s)",
            verdict("<= bare + 0.5 s", painted - bare_painted <= 0.5))
    else:
        row("app", "time to first paint (process start to first screen)", fmt_n(n), f"{painted:.2f} s", "",
            verdict("< 1.5 s", painted < 1.5))
    base = (bare or {}).get("key") or {}
    base_key = base.get("median")
    if base_key:
        row("app", f"bare Textual app: key press to repainted (median of {base['n']}, bench/frames.py)", fmt_n(n),
            ms(base_key), f"worst {ms(base['max'])}")
    for key, name in (("n", "next"), ("a", "accept"), ("x", "reject"), ("u", "undo")):
        timed = result.get(f"key_{key}")
        if not timed:
            continue
        value = timed["median"]
        ratio = f"bare app {ms(base_key)} (x{value / base_key:.2f}); worst {ms(timed['max'])}" if base_key else ""
        row("app", f"{name} ({key}): key press to repainted (median of {timed['n']})", fmt_n(n), ms(value), ratio,
            verdict("<= 50 ms", value <= 0.050))
    if "progress_s" in result:
        row("app", "progress counts (header, after each action)", fmt_n(n), ms(result["progress_s"]))
    row("app", "peak memory (VmHWM, after all of the below)", fmt_n(n), f"{result['peak_rss_mb']:.0f} MB",
        f"{result['rss_painted_mb']:.0f} MB at first paint",
        verdict("< 300 MB", result["peak_rss_mb"] < 300))
    worst = f"worst {ms(result['open_long_max_s'])}" if "open_long_max_s" in result else ""
    if "open_long_first_s" in result:  # the text is shown; later frames are scrollbars settling
        worst += f"; its first frame after {ms(result['open_long_first_s'])}"
    row("app", "open the 20,000-word article (to its last frame, median of 3)", fmt_n(n), ms(result["open_long_s"]),
        worst, verdict("<= 150 ms", result["open_long_s"] <= 0.150))
    if "accept_s" in result:
        row("app", "accept: key press to committed in the database", fmt_n(n), ms(result["accept_s"]),
            "", f"repainted after {ms(result['accept_repaint_s'])}")
        row("app", "relabel: action to committed in the database", fmt_n(n), ms(result["relabel_s"]),
            "", f"repainted after {ms(result['relabel_repaint_s'])}")
    for word in ("security", "Okafor", "zzzunmatched"):
        row("app", f"filter the list by full text '{word}' ({result[f'filter_{word}_n']:,} match)", fmt_n(n),
            ms(result[f"filter_{word}_s"]))
    return {"paint": painted, "rss": result["peak_rss_mb"], "open_long": result["open_long_s"],
            "accept": result.get("accept_s", float("nan")), "filter": result["filter_security_s"]}


def run_probe(args: list[str]) -> tuple[float | None, dict, str]:
    """Run bench.app_probe in a fresh process: (seconds to first paint, its result, stderr)."""
    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "bench.app_probe", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    painted, result = None, {}
    assert proc.stdout is not None
    for line in proc.stdout:
        event = json.loads(line)
        if event["event"] == "painted":
            painted = time.perf_counter() - t
        elif event["event"] == "result":
            result = event
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    return painted, result, err
