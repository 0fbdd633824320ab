"""Import with pre-annotation against bare ``nlp.pipe``, and the import profile."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

from bench import corpus

from .common import CORPORA, NOTES, OUT, SEED, fmt_n, log, row


def import_corpus(n: int) -> Path:
    folder = CORPORA / f"import-{n}-s{SEED}-g{corpus.GENERATOR_VERSION}"
    if not (folder / ".complete").exists():
        shutil.rmtree(folder, ignore_errors=True)
        corpus.write_txt(n, folder, SEED)
        (folder / ".complete").write_text("")
    return folder


def bench_import(n: int, profile: bool) -> None:
    from annotators.pipeline import Preannotator, load_pipeline
    from store import Store
    from store.ingest import import_paths, iter_files, read_file

    log(f"import: {n} articles")
    folder = import_corpus(n)
    loaded = load_pipeline()
    nlp = loaded.nlp
    problems: list = []
    texts = [d.cleaned.text for p in iter_files([folder], problems) for d in read_file(p, problems)]
    words = sum(len(t.split()) for t in texts)
    list(nlp.pipe(texts[:20]))  # warm up
    # and copydesk's own one-time loads (the claim scorer, the speaker model, scikit-learn's
    # hasher), as the spaCy model's load is outside the bare run too
    list(Preannotator(pipeline=loaded).suggest(texts[:2]))

    # Wall clock and this process's CPU time: on a shared machine another job can
    # take the core away from one of two runs timed one after the other; CPU time
    # (one process: spaCy, the rules and SQLite all run here) does not see that.
    cpu: dict[str, float] = {}

    def bare(n_process: int) -> float:
        t, c = time.perf_counter(), time.process_time()
        for _ in nlp.pipe(texts, batch_size=32, n_process=n_process):
            pass
        cpu[f"bare{n_process}"] = time.process_time() - c
        return time.perf_counter() - t

    def ours(n_process: int, tag: str) -> float:
        path = OUT / f"import-{n}-{tag}.db"
        for p in OUT.glob(path.name + "*"):
            p.unlink()
        store = Store.open(path)
        t, c = time.perf_counter(), time.process_time()
        report = import_paths(store.db, [folder], Preannotator(pipeline=loaded), batch_size=32, n_process=n_process)
        elapsed = time.perf_counter() - t
        cpu[f"ours{n_process}"] = time.process_time() - c
        assert len(report.added) == len(texts), (len(report.added), report.problems[:3])
        store.close()
        return elapsed

    bare1 = bare(1)
    ours1 = ours(1, "p1")
    row("import", "words/s, 1 process: copydesk import vs bare nlp.pipe", fmt_n(n),
        f"{words / ours1:,.0f}", f"{words / bare1:,.0f}",
        f"{100 * bare1 / ours1:.0f}% of bare spaCy (target >= 90%)")
    row("import", "CPU seconds, 1 process: copydesk import vs bare nlp.pipe (this process)", fmt_n(n),
        f"{cpu['ours1']:,.1f} s", f"{cpu['bare1']:,.1f} s",
        f"{100 * cpu['bare1'] / cpu['ours1']:.0f}% of bare spaCy by CPU time (wall: bare {bare1:.0f} s, ours {ours1:.0f} s)")
    bare2 = bare(2)
    ours2 = ours(2, "p2")
    row("import", "words/s, --n-process 2 vs copydesk 1 process", fmt_n(n),
        f"{words / ours2:,.0f}", f"{words / ours1:,.0f}",
        f"x{ours1 / ours2:.2f} (target near x2; bare spaCy 2 vs 1: x{bare1 / bare2:.2f})")
    NOTES.append(f"Import corpus: {n:,} generated .txt pages, {words:,} words after cleaning "
                 f"(mean {words / len(texts):.0f} words/article); pipeline {loaded.name}.")
    if profile:
        profile_import(folder, loaded, min(n, 150))


def profile_import(folder: Path, loaded, n: int) -> None:
    from pyinstrument import Profiler

    from annotators.pipeline import Preannotator
    from store import Store
    from store.ingest import import_paths

    files = sorted(folder.rglob("*.txt"))[:n]
    sub = OUT / "profile-corpus"
    shutil.rmtree(sub, ignore_errors=True)
    sub.mkdir(parents=True)
    for f in files:
        shutil.copy(f, sub / f.name)
    path = OUT / "profile-import.db"
    for p in OUT.glob(path.name + "*"):
        p.unlink()
    store = Store.open(path)
    profiler = Profiler(interval=0.002)
    profiler.start()
    import_paths(store.db, [sub], Preannotator(pipeline=loaded))
    profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    (OUT / "profile-import.txt").write_text(text)
    log(f"import profile written to {OUT / 'profile-import.txt'}")
