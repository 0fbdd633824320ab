"""A trained pipeline goes into place whole, or not at all.

``copydesk train`` writes the new pipeline into a temporary folder beside the
output (``.NAME.partial-PID``) and, only when it is complete, swaps it with the
previous one.  On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``: at no
moment is there no pipeline at ``NAME``.  Elsewhere it is two renames (the old
one to ``.NAME.old-PID``, the new one to ``NAME``); a kill between the two
leaves the old folder under its backup name, and the next run puts it back.
A killed run's leftovers (``.NAME.partial-PID`` and ``.NAME.old-PID`` of a
process that is gone) are removed by the next run.

    cleanup_leftovers(output)
    partial = partial_folder(output)      # write the pipeline here
    swap_into_place(partial, output)
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import time
from pathlib import Path

PARTIAL = "partial"
OLD = "old"
# Test hook: with this set to a file path, ``hold_if_asked`` creates that file and
# waits (at most HOLD_SECONDS) so that a test can kill a real run at the saving step.
HOLD_ENV = "COPYDESK_TRAIN_HOLD_AT_SAVE"
HOLD_SECONDS = 60.0
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def sibling(output: Path, kind: str, pid: int | None = None) -> Path:
    output = Path(output)
    return output.parent / f".{output.name}.{kind}-{os.getpid() if pid is None else pid}"


def partial_folder(output: Path) -> Path:
    """A fresh, empty folder beside ``output`` for this process's new pipeline."""
    path = sibling(output, PARTIAL)
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def leftovers(output: Path) -> list[tuple[Path, str, int]]:
    """``(path, kind, pid)`` of every temporary folder of ``output`` whose process is gone."""
    output = Path(output)
    found = []
    if not output.parent.is_dir():
        return found
    for kind in (PARTIAL, OLD):
        prefix = f".{output.name}.{kind}-"
        for path in output.parent.glob(f"{prefix}*"):
            pid = path.name[len(prefix):]
            if pid.isdigit() and not _alive(int(pid)):
                found.append((path, kind, int(pid)))
    return found


def cleanup_leftovers(output: Path) -> list[str]:
    """Remove a killed run's temporary folders; put back a previous pipeline a
    kill left under its backup name.  Returns one line per thing done."""
    output = Path(output)
    done = []
    for path, kind, _pid in leftovers(output):
        if kind == OLD and not output.exists():
            os.rename(path, output)
            done.append(f"put back the previous pipeline {output} (a run was killed while swapping)")
            continue
        shutil.rmtree(path, ignore_errors=True)
        done.append(f"removed {path.name}, left by a killed run")
    return done


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where that is not available."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def swap_into_place(partial: Path, output: Path) -> None:
    """Make the complete folder ``partial`` the pipeline at ``output``; the
    previous one, if any, is deleted only after the swap."""
    partial, output = Path(partial), Path(output)
    if not output.exists():
        os.rename(partial, output)
        return
    if _exchange(partial, output):
        shutil.rmtree(partial)  # now holds the previous pipeline
        return
    swap_by_renames(partial, output)


def swap_by_renames(partial: Path, output: Path) -> None:
    """The swap where renameat2 is missing: the old folder to its backup name, the new one in, the old one deleted."""
    old = sibling(output, OLD)
    os.rename(output, old)
    os.rename(partial, output)
    shutil.rmtree(old)


def hold_if_asked() -> None:
    """The saving step's test hook (see HOLD_ENV); does nothing unless the variable is set."""
    marker = os.environ.get(HOLD_ENV)
    if not marker:
        return
    Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    deadline = time.monotonic() + HOLD_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.1)
