"""How much of a brat corpus comes through copydesk: ``copydesk import`` of the
folder into a fresh database, ``copydesk export --format brat``, and the T, R
and E lines of the corpus found again in the export, matched by what they say
(tests/store/brat_lines.py).  Default: the two fixture corpora.

    .venv/bin/python bench/brat_corpus.py [FOLDER ...]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from store.export import Selection, export_dataset  # noqa: E402
from tests.store._datasets import imported_store  # noqa: E402
from tests.store.brat_lines import kept_fractions  # noqa: E402

DEFAULT = [ROOT / "tests" / "fixtures" / "brat_tutorial", ROOT / "tests" / "fixtures" / "brat_news"]


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or DEFAULT
    print("| corpus | T kept | R kept | E kept |")
    print("|---|---:|---:|---:|")
    for folder in folders:
        with tempfile.TemporaryDirectory() as tmp:
            store = imported_store(Path(tmp) / "a.db", folder, expect_problems=folder.name == "brat_news")
            export_dataset(store, Selection(), "brat", Path(tmp) / "out")
            kept = kept_fractions(folder, Path(tmp) / "out")
        cells = [f"{found}/{total} ({found / total:.1%})" if total else "0/0" for found, total in kept.values()]
        print(f"| {folder.name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
