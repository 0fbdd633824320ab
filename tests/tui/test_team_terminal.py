"""Two real `copydesk annotate` processes on one database, in tmux: ana
accepts a span, ben relabels it, ana undoes; ben's relabel stays (issue 12)."""
from __future__ import annotations

import shutil
from pathlib import Path

from store import Store

from .test_terminal import COPYDESK, TMUX, Tmux, wait_for


def judgment(db, span_id, annotator):
    store = Store.open(db, annotator=annotator)
    try:
        return next((j for j in store.judgments(span_id) if j.annotator == annotator and j.layer == "annotation"), None)
    finally:
        store.close()


def test_one_annotators_undo_never_reverts_anothers_later_relabel(snapshot_template_db, tmp_path):
    assert Path(TMUX).exists(), "tmux is needed for this test (.ci/run installs it)"
    db = tmp_path / "team.db"
    shutil.copy(snapshot_template_db, db)
    store = Store.open(db, annotator="ana")
    first = store.list_articles(limit=1)[0]
    span = min(store.spans(first.id), key=lambda s: (s.start, -s.end))
    assert span.kind == "entity" and span.label != "ORG"
    store.close()
    ana, ben = Tmux(), Tmux()
    try:
        ana.start(f"{COPYDESK} annotate --db {db} --annotator ana")
        ben.start(f"{COPYDESK} annotate --db {db} --annotator ben")
        for screen in (ana, ben):
            wait_for(lambda: "annotator" in screen.screen(), "the reader to open")
            screen.keys("n")
            wait_for(lambda: f"#{span.id}" in screen.screen(), "the first span to be current")
        ana.keys("a")
        wait_for(lambda: (j := judgment(db, span.id, "ana")) is not None and j.status == "accepted", "ana's accept")
        ben.keys("l")
        wait_for(lambda: "ORG" in ben.screen(), "the label picker")
        ben.keys("2")  # ORG, the second entity label
        wait_for(lambda: (j := judgment(db, span.id, "ben")) is not None and j.label == "ORG", "ben's relabel")
        ana.keys("u")
        wait_for(lambda: judgment(db, span.id, "ana") is None, "ana's undo")
        ben_now = judgment(db, span.id, "ben")
        assert (ben_now.label, ben_now.status) == ("ORG", "corrected")
    finally:
        ana.kill()
        ben.kill()
