"""Selecting what goes out: statuses, annotator, articles."""
from __future__ import annotations

import dataclasses
import os
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from . import judgments_bulk as bulk
from .atomic_folder import PARTIAL, clean_leftovers, put_folder_in_place
from . import token_cache
from .records import Article, SpanRecord

if TYPE_CHECKING:  # the formats are imported when used
    from .formats.base import Summary


@dataclass(frozen=True)
class Selection:
    """What an export takes: the gold (``annotator`` None) or one person's
    judgments, of the articles someone worked on (or ``article_ids``)."""

    statuses: tuple[str, ...] = ("accepted", "corrected")
    annotator: str | None = None
    article_ids: tuple[int, ...] | None = None
    done_only: bool = False

    @classmethod
    def from_flags(cls, include_suggestions: bool = False, include_rejected: bool = False,
                   annotator: str | None = None, article_ids: Sequence[int] | None = None,
                   done_only: bool = False) -> "Selection":
        statuses = ["accepted", "corrected"]
        if include_suggestions:
            statuses.append("suggested")
        if include_rejected:
            statuses.append("rejected")
        return cls(tuple(statuses), annotator, tuple(article_ids) if article_ids else None, done_only)

    @property
    def include_suggestions(self) -> bool:
        return "suggested" in self.statuses

    def keeps(self, span: SpanRecord) -> bool:
        return span.status in self.statuses


def article_ids_for(store, selection: Selection) -> list[int]:
    """Explicit ids; else every article when suggestions go out too; else the
    articles the chosen annotator (or anyone) worked on."""
    if selection.article_ids:
        ids = list(selection.article_ids)
    elif selection.include_suggestions:
        ids = store.article_ids()
    else:
        ids = store.articles_worked(selection.annotator)
    if selection.done_only:
        done: list[int] = []
        for part in bulk.batches(ids):
            flags = bulk.done_flags(store.db, part, selection.annotator)
            done.extend(i for i in part if flags[i])
        ids = done
    return ids


def selected(store, selection: Selection, unresolved: list[int] | None = None, tokens: bool = False
             ) -> Iterator[tuple[Article, list[SpanRecord], list[dict]]]:
    """Each article in the selection with its kept spans and their links;
    ``article.done`` says whether its unmarked text is known to be negative,
    ``article.story`` which stored story it is in (None: not grouped).
    ``unresolved`` (a list) collects the count of unreviewed differences.
    With ``tokens``, ``article.tokens`` holds the tokens import kept for it
    (``store.token_cache``) where they are still its text's, else None.

    Read a batch of articles at a time (``store.judgments_bulk``: a few
    set-based queries per batch), so memory stays flat in the number of
    articles; the same items as asking ``store.gold_spans`` (or
    ``store.spans_for``), ``store.links`` and ``store.get_article`` article by
    article."""
    from .db import StoreError
    from .stories import stories_of

    db, keeps = store.db, set(selection.statuses)
    for ids in bulk.batches(article_ids_for(store, selection)):
        if selection.annotator:
            spans, done = bulk.person_spans(db, ids, selection.annotator, selection.statuses)
            open_differences: dict[int, int] = {}
        else:
            spans, open_differences, done = bulk.gold(db, ids)
        articles, links = bulk.articles(db, ids, store.annotator), bulk.links(db, ids)
        kept_tokens = token_cache.kept(db, {aid: a.text for aid, a in articles.items()}) if tokens else {}
        story = stories_of(db, ids)
        for article_id in ids:
            if article_id not in articles:
                raise StoreError(f"article {article_id} does not exist")
            kept_spans = [s for s in spans[article_id] if s.status in keeps]
            if unresolved is not None:
                unresolved.append(open_differences.get(article_id, 0))
            kept = {s.id for s in kept_spans}
            kept_links = [l for l in links.get(article_id, ()) if l["a_span_id"] in kept and l["b_span_id"] in kept]
            article = articles[article_id]
            article_tokens = kept_tokens.get(article_id)
            article_story = story.get(article_id)
            if article.done != done[article_id] or article_tokens is not None or article_story is not None:
                article = dataclasses.replace(article, done=done[article_id], tokens=article_tokens,
                                              story=article_story)
            yield article, kept_spans, kept_links


def items_for(store, selection: Selection, module, unresolved: list[int] | None = None):
    """``selected`` as the format ``module`` reads it: with the kept tokens
    for a format that writes them (``KEPT_TOKENS``).

    What is alive when an export starts (spaCy's vocabulary, every module)
    is moved out of the cyclic collector's sight first (``gc.freeze``, as the
    app does after its first paint): its full passes walked all of it again
    and again, a tenth of a jsonl export's CPU time (timed with gc.callbacks,
    1,000 articles: 0.27 s of collections, 0.09 s frozen).  What the export
    makes is collected as before; the frozen objects stay frozen (a CLI
    export ends its process; the app froze its own after its first paint)."""
    import gc

    gc.freeze()
    return selected(store, selection, unresolved, tokens=getattr(module, "KEPT_TOKENS", False))


# --- formats and splits -------------------------------------------------------------

# name -> (module, writes a folder?, file suffix)
FORMATS: dict[str, tuple[str, bool, str]] = {
    "jsonl": ("store.formats.jsonl", False, ".jsonl"),
    "spacy": ("store.formats.spacy_docbin", False, ".spacy"),
    "conll": ("store.formats.conll", False, ".conll"),
    "brat": ("store.formats.brat", True, ""),
    "doccano": ("store.formats.doccano", False, ".jsonl"),
    "csv": ("store.formats.csv", True, ""),
    "xmi": ("store.formats.xmi", True, ""),
}
SPLIT_NAMES = ("train", "dev", "test")


from .formats.base import ExportError  # noqa: E402  (re-exported for the CLI)


def format_module(name: str):
    import importlib

    if name not in FORMATS:
        raise ExportError(f"unknown format {name!r}; choose one of {', '.join(FORMATS)}")
    return importlib.import_module(FORMATS[name][0])


def parse_split(value: str | None) -> tuple[float, ...] | None:
    """``"0.8"`` -> train 0.8, dev 0.2; ``"0.8:0.1"`` -> train 0.8, dev 0.1, test 0.1."""
    if not value:
        return None
    try:
        parts = [float(p) for p in value.split(":")]
    except ValueError:
        raise ExportError(f"--split {value!r}: give TRAIN or TRAIN:DEV as fractions, e.g. 0.8 or 0.8:0.1") from None
    if len(parts) > 2 or any(not 0 < p < 1 for p in parts) or sum(parts) > 1 + 1e-9:
        raise ExportError(f"--split {value!r}: fractions must be between 0 and 1 and add up to at most 1")
    if len(parts) == 1:
        return (parts[0], 1 - parts[0])
    rest = 1 - sum(parts)
    return (parts[0], parts[1], rest) if rest > 1e-9 else (parts[0], parts[1])


def split_ids(ids: Sequence[int], fractions: Sequence[float], seed: int = 0) -> dict[str, list[int]]:
    """Articles (never spans) into train/dev(/test): shuffled with ``seed``,
    sizes by largest remainder, every split non-empty when there are enough
    articles; the same ids and seed always give the same split."""
    import random

    order = sorted(ids)
    random.Random(seed).shuffle(order)
    n = len(order)
    raw = [f * n for f in fractions]
    sizes = [int(r) for r in raw]
    for i in sorted(range(len(raw)), key=lambda i: raw[i] - sizes[i], reverse=True)[: n - sum(sizes)]:
        sizes[i] += 1
    for i in range(len(sizes)):  # an empty split while another has two or more: move one over
        if sizes[i] == 0:
            donor = max(range(len(sizes)), key=lambda j: sizes[j])
            if sizes[donor] > 1:
                sizes[donor] -= 1
                sizes[i] += 1
    out, at = {}, 0
    for name, size in zip(SPLIT_NAMES, sizes):
        out[name] = sorted(order[at : at + size])
        at += size
    return out


def selected_ids(store, selection: Selection) -> list[int]:
    return article_ids_for(store, selection)


def split_paths(fmt: str, out: Path, names: Sequence[str]) -> dict[str, Path]:
    """With a split, ``out`` is a folder: ``train.jsonl``, ``dev.jsonl`` ...
    (folder formats: ``train/``, ``dev/`` ...)."""
    _, folder, suffix = FORMATS[fmt]
    return {name: out / (name if folder else f"{name}{suffix}") for name in names}


def export_dataset(store, selection: Selection, fmt: str, out: Path, split: str | None = None, seed: int = 0,
                   **options) -> Summary:
    """Write the selection in ``fmt`` to ``out`` (split into train/dev/test
    files under ``out`` when ``split`` is given); returns what was written.

    Everything is written into a hidden folder beside ``out`` and renamed into
    place once complete (see :func:`staged`): a killed export or a full disk
    leaves the previous export as it was. Raises ExportError for a bad ``out``."""
    from .formats.base import Summary

    module = format_module(fmt)
    fractions = parse_split(split)
    out = Path(out)
    check_target(out, fmt, wants_folder=fractions is not None or FORMATS[fmt][1])
    summary = Summary()
    with staged(out, summary) as target:
        if fractions is None:
            unresolved: list[int] = []
            module.export(items_for(store, selection, module, unresolved), target, summary, **options)
            _count_unresolved(summary, unresolved)
            return summary
        groups = split_ids(selected_ids(store, selection), fractions, seed)
        paths = split_paths(fmt, target, list(groups))
        for name, ids in groups.items():
            part = Summary()
            sub = Selection(selection.statuses, selection.annotator, tuple(ids), selection.done_only)
            unresolved = []
            module.export(items_for(store, sub, module, unresolved) if ids else iter(()), paths[name], part, **options)
            _count_unresolved(part, unresolved)
            summary.merge(part)
            summary.splits[name] = len(ids)
    return summary


UNRESOLVED = "annotators differ, not reviewed yet (copydesk review)"


def _count_unresolved(summary, unresolved: list[int]) -> None:
    if sum(unresolved):
        summary.skip(UNRESOLVED, sum(unresolved))


# --- writing: complete or not at all ------------------------------------------------


def check_target(out: Path, fmt: str, wants_folder: bool) -> None:
    """A clear refusal for an ``--out`` the export cannot replace."""
    kind = "folder" if wants_folder else "file"
    if out.exists() or out.is_symlink():
        if not (out.is_file() or out.is_dir()):
            raise ExportError(f"--out {out}: not a regular file or folder (a device?); give a {kind} name")
        if wants_folder and not out.is_dir():
            raise ExportError(f"--out {out}: is a file, and this export ({fmt}) writes a folder; give a folder name")
        if not wants_folder and out.is_dir():
            raise ExportError(f"--out {out}: is a folder, and the {fmt} export writes one file; "
                              f"give a file name, e.g. {out / ('annotations' + FORMATS[fmt][2])}")
    parent = out.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        raise ExportError(f"--out {out}: {parent} is not a folder")


@contextmanager
def staged(out: Path, summary) -> Iterator[Path]:
    """Yield where to write ``out``: the same name inside a hidden folder in
    ``out``'s folder; on success each file written is renamed into place
    (os.replace: the old file is whole until the new one is), on failure the
    hidden folder is removed and the old export is untouched. A folder is
    swapped in whole, never file by file; a kill -9 leaves the old export or
    the new one, and what it leaves beside them is cleaned by the next
    export to the same ``out`` (store.atomic_folder)."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        clean_leftovers(out)
        stage = Path(tempfile.mkdtemp(prefix=f".{out.name}{PARTIAL}", dir=out.parent))
    except OSError as exc:
        raise ExportError(f"--out {out}: cannot write in {out.parent} ({exc.strerror or exc})") from exc
    try:
        yield stage / out.name
        for entry in sorted(stage.iterdir()):
            if entry.is_dir():  # a folder export: swapped in whole (store.atomic_folder)
                put_folder_in_place(entry, out.parent / entry.name)
            else:
                os.replace(entry, out.parent / entry.name)
        summary.files = [out.parent / Path(f).relative_to(stage) if _inside(Path(f), stage) else Path(f)
                         for f in summary.files]
    except OSError as exc:
        raise ExportError(f"--out {out}: cannot write ({exc.strerror or exc}); the previous export, "
                          f"if any, is unchanged") from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
        return True
    except ValueError:
        return False
