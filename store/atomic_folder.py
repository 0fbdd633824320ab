"""A folder export put in place in one step, and what killed runs left behind.

A folder export (brat, xmi, any export with --split) is written whole into a
hidden folder beside ``--out``; then the new folder and the old one are
swapped by one ``renameat2(RENAME_EXCHANGE)`` (Linux; where the file system
cannot, two renames), and the old one is removed.  Files the old folder held
that the new export did not write are carried into the new one first (linked,
else copied): nothing the user kept there is lost.  A kill at any moment leaves
the old export or the new one, never a mix of their files; what it leaves
beside them (``.NAME.partial-*``, ``.NAME.old-*``) is cleaned by the next export
to the same place, an old folder put back if the swap never finished.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import uuid
from pathlib import Path

PARTIAL = ".partial-"
OLD = ".old-"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def clean_leftovers(out: Path) -> list[str]:
    """Remove what killed exports to ``out`` left beside it; an old folder
    whose swap never finished is put back when ``out`` is missing.  Returns
    the names removed or restored."""
    done = []
    try:
        entries = sorted(out.parent.iterdir())
    except OSError:
        return done
    for entry in entries:
        if entry.name.startswith(f".{out.name}{OLD}"):
            if not out.exists() and not out.is_symlink():
                os.rename(entry, out)
            else:
                _remove(entry)
            done.append(entry.name)
        elif entry.name.startswith(f".{out.name}{PARTIAL}"):
            _remove(entry)
            done.append(entry.name)
    return done


def put_folder_in_place(new: Path, out: Path) -> None:
    """Make the complete folder ``new`` be ``out`` in one step (see the module)."""
    if not out.is_dir():
        os.rename(new, out)
        return
    _carry_over(out, new)
    if _exchange(new, out):  # ``new`` now names the old folder
        shutil.rmtree(new, ignore_errors=True)
        return
    old = out.parent / f".{out.name}{OLD}{uuid.uuid4().hex[:8]}"
    os.rename(out, old)
    os.rename(new, out)
    shutil.rmtree(old, ignore_errors=True)


def _carry_over(old: Path, new: Path) -> None:
    """Files and folders of ``old`` the new export did not write, into ``new``."""
    for entry in old.iterdir():
        target = new / entry.name
        if entry.is_dir() and not entry.is_symlink():
            if target.is_dir():
                _carry_over(entry, target)
            elif not target.exists():
                shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        elif not target.exists() and not target.is_symlink():
            _link_or_copy(str(entry), str(target))


def _link_or_copy(source: str, target: str) -> None:
    if os.path.islink(source):
        os.symlink(os.readlink(source), target)
        return
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2); False where it cannot."""
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
