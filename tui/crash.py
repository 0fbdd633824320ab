"""What the app does when it stops on an error: a short message on the
terminal, the whole traceback in a log file, and a non-zero exit code; and
when it is told to stop (SIGTERM, SIGHUP: a closed terminal window, kill): it
exits as on ctrl+q, so the terminal leaves the alternate screen with mouse
tracking off, and the exit code is 128 + the signal's number."""
from __future__ import annotations

import asyncio
import os
import signal
import time
import traceback
from pathlib import Path

from rich.text import Text

from .screen_text import visible_line


def log_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "copydesk"


def write_crash_log(error: BaseException) -> Path | None:
    """The traceback in ``~/.cache/copydesk/crash-TIME.log``; None when even
    that cannot be written."""
    try:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
        path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        return path
    except OSError:
        return None


class CrashReport:
    """Mixed into a Textual App: replaces the screenful of traceback Textual
    prints after an unhandled exception with one line naming the log file.
    Textual already sets the return code to 1."""

    crash_log: Path | None = None

    def on_mount(self) -> None:  # Textual runs the handler of each class along the MRO: the app's own too
        if self.is_headless:  # tests drive the app in the test runner's process: its signals stay its own
            return
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGHUP):
            try:
                loop.add_signal_handler(signum, self.exit, None, 128 + signum)
            except (NotImplementedError, RuntimeError, ValueError):  # not the main thread, or no such signal
                pass

    def _print_error_renderables(self) -> None:
        error = getattr(self, "_exception", None)
        if error is None:
            return super()._print_error_renderables()
        self.crash_log = write_crash_log(error)
        where = f"the traceback is in {self.crash_log}" if self.crash_log else "no log could be written"
        self.error_console.print(Text(
            f"copydesk stopped on an error: {visible_line(type(error).__name__)}: "
            f"{visible_line(str(error))[:300]} ({where})", style="red"))
        self._exit_renderables.clear()
