"""Files in, articles and suggestions out.

Reading never stops at a bad file: each problem is recorded with the file, the
line where it can be told, and the reason; everything else is imported.
Re-importing identical content changes nothing (content hash); changed content
at the same path updates the article, keeps every reviewed or human span that
can still be found in the new text, and reports (and logs) those that cannot.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import sqlite_utils

from annotators.tokenization import Tokenization
from annotators.types import CleanedText, Span

from . import articles as article_rows
from . import token_cache
from .db import transaction
from .reading import (  # noqa: F401  (Problem, UnreadableFile, decode_bytes, MAX_FILE_BYTES: used from here by formats and tests)
    MAX_FILE_BYTES, Problem, UnreadableFile, decode_bytes, jsonl_lines, parse_json, read_text, walk_files,
    why_no_html_text)
from .labelled_rows import insert_relations, mark_complete, store_labelled_extras  # noqa: F401  (re-exported)
from .records import IMPORTER  # noqa: F401  (re-exported: reimport, tests)
from .sources import BRAT_META_FILE, SOURCE_ID, LabelledRelation, SourceDoc  # noqa: F401  (re-exported)

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".jsonl"}
# Labelled datasets read by store.formats: spaCy DocBins, and brat's .ann
# (given by name; in a folder each .txt with a .ann beside it is a brat pair).
LABELLED_SUFFIXES = {".spacy", ".ann"}
# spaCy's default nlp.max_length: a longer text would stop the whole import.
MAX_ARTICLE_CHARS = 1_000_000


@dataclass
class StaleSpan:
    article_id: int
    span_id: int
    kind: str
    label: str
    text: str


@dataclass
class ImportReport:
    added: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[tuple[str, int]] = field(default_factory=list)
    stale: list[StaleSpan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # What was passed over without being a problem (files of other types
    # beside the articles in a folder), one line each.
    notes: list[str] = field(default_factory=list)
    spans: int = 0
    words: int = 0
    # Articles stored without some suggestions, their rules having run past the
    # time budget: (file, names of the steps skipped).
    over_budget: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        """One line for the user: what the import did."""
        line = (f"imported {len(self.added)} new, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged; {self.spans} suggestions")
        if self.over_budget:
            shown = "; ".join(f"{Path(path).name} without {', '.join(skipped)}" for path, skipped in self.over_budget[:3])
            more = f" and {len(self.over_budget) - 3} more" if len(self.over_budget) > 3 else ""
            line += f"; over the pre-annotation time budget: {shown}{more}"
        return line


# --- reading ------------------------------------------------------------------------


def iter_files(paths: Iterable[str | Path], problems: list[Problem], notes: list[str] | None = None) -> Iterator[Path]:
    return walk_files(paths, TEXT_SUFFIXES | {".spacy"}, LABELLED_SUFFIXES, problems, [] if notes is None else notes)


def read_file(path: Path, problems: list[Problem]) -> list[SourceDoc]:
    """Every article in one file; problems are appended, never raised."""
    labelled = _read_labelled(path, problems)
    if labelled is not None:
        return _within_limit(labelled, problems)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            return list(read_jsonl(path, problems))
        text = read_text(path)
    except UnreadableFile as exc:
        problems.append(Problem(str(path), exc.line, exc.reason))
        return []
    doc = SourceDoc(str(path.resolve()), path.name, text, clean_by_suffix(suffix, text, path.name))
    if not doc.cleaned.text.strip():
        reason = why_no_html_text(text) if suffix in (".html", ".htm") else "no article text left after cleaning"
        problems.append(Problem(str(path), None, reason))
        return []
    if len(doc.cleaned.text) > MAX_ARTICLE_CHARS:
        problems.append(Problem(str(path), None, _too_long(doc.cleaned.text)))
        return []
    return [doc]


def _within_limit(docs: list[SourceDoc], problems: list[Problem]) -> list[SourceDoc]:
    """Labelled readers' articles held to the length every other reader applies."""
    problems.extend(Problem(d.path, None, _too_long(d.cleaned.text)) for d in docs if len(d.cleaned.text) > MAX_ARTICLE_CHARS)
    return [d for d in docs if len(d.cleaned.text) <= MAX_ARTICLE_CHARS]


def _too_long(text: str) -> str:
    return (f"article is {len(text):,} characters long; copydesk annotates articles up to "
            f"{MAX_ARTICLE_CHARS:,} characters (split it)")


def _read_labelled(path: Path, problems: list[Problem]) -> list[SourceDoc] | None:
    """A spaCy DocBin, or a brat .txt/.ann pair, through store.formats; None
    for every other file."""
    suffix = path.suffix.lower()
    if path.name == BRAT_META_FILE:  # a brat export's metadata: read with its documents
        from .formats import brat

        problems.extend(brat.meta_problems(path))
        return []
    if suffix == ".spacy":
        from .formats import spacy_docbin

        return spacy_docbin.read(path, problems)
    if suffix == ".ann" or (suffix == ".txt" and path.with_suffix(".ann").is_file()):
        from .formats import brat

        docs = brat.read_pair(path.with_suffix(".txt"), path.with_suffix(".ann"), problems)
        for doc in docs:
            doc.completion_said = False  # brat has no "done"
        return docs
    return None


def clean_by_suffix(suffix: str, text: str, name: str) -> CleanedText:
    from annotators import clean

    if suffix in (".html", ".htm"):
        return clean.clean_html(text)
    if suffix in (".md", ".markdown"):
        return clean.clean_markdown(text, name)
    return clean.clean_pasted(text, name)


def read_jsonl(path: Path, problems: list[Problem]) -> Iterator[SourceDoc]:
    """One article per line with a ``text`` field; ``meta`` (an object) is
    kept; labelled lines (``spans``/``label``) are read by ``store.formats``.
    The file is read a line at a time (store.reading.jsonl_lines); a line
    whose spans name several annotators is one doc each (store.formats.who)."""
    from .formats.who import by_annotator

    number = 0
    for number, line in jsonl_lines(path):
        if isinstance(line, UnreadableFile):
            problems.append(Problem(str(path), number, line.reason))
            continue
        try:
            yield from by_annotator(jsonl_doc(path, number, parse_json(line)))
        except ValueError as exc:
            problems.append(Problem(str(path), number, str(exc)))
    if number == 0:
        problems.append(Problem(str(path), None, "empty file: no JSON lines"))


def jsonl_doc(path: Path, number: int, record: Any) -> SourceDoc:
    """The article of one parsed JSON line. Raises ValueError with the reason."""
    from annotators.clean import normalise_text

    from .formats import labelled_from_record

    if not isinstance(record, dict) or not isinstance(record.get("text"), str) or not record["text"].strip():
        raise ValueError('each line needs a non-empty "text" string')
    if len(record["text"]) > MAX_ARTICLE_CHARS:
        raise ValueError(_too_long(record["text"]))
    meta = record.get("meta")
    if meta is None:
        meta = {}
    elif not isinstance(meta, dict):
        raise ValueError(f'"meta" must be an object ({{"title": ...}}), not {_json_kind(meta)}')
    body = normalise_text(record["text"])
    labelled = labelled_from_record(record, body)
    ident = record.get("id")
    if labelled is not None and isinstance(ident, (int, str)) and not isinstance(ident, bool) and ident != "":
        meta = {**meta, SOURCE_ID: ident}  # doccano's example id: kept, exported back
    cleaned = CleanedText(
        text=body,
        title=_str_or_none(meta.get("title")),
        byline=_str_or_none(meta.get("byline")),
        source=_str_or_none(meta.get("source")),
        published=_str_or_none(meta.get("published")),
        url=_str_or_none(meta.get("url")),
    )
    file_name = _str_or_none(meta.get("file")) or path.name
    return SourceDoc(f"{path.resolve()}#{number}", file_name, record["text"], cleaned, meta,
                     *((labelled.spans, labelled.relations, labelled.complete, labelled.annotator,
                        labelled.completion_said) if labelled else ()))


def _json_kind(value: Any) -> str:
    return {str: "a string", list: "a list", bool: "true/false", int: "a number", float: "a number"}.get(type(value), type(value).__name__)


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


# --- storing ------------------------------------------------------------------------


def _article_fields(doc: SourceDoc) -> dict[str, Any]:
    c = doc.cleaned
    return {
        "source": c.source,
        "title": c.title,
        "byline": c.byline,
        "published": c.published,
        "url": c.url,
        "file": doc.file,
        "path": doc.path,
        "text": c.text,
        "raw": doc.raw,
        "dropped": list(c.dropped),
        "content_hash": doc.content_hash,
        "meta": doc.meta,
    }


def _valid_spans(spans: Iterable[Span], text: str) -> list[Span]:
    """A span never points outside the text: the pipeline's output is checked."""
    return [s for s in spans if 0 <= s.start < s.end <= len(text)]


def store_new(db: sqlite_utils.Database, doc: SourceDoc, spans: Iterable[Span], origin: str,
              tokens: Tokenization | None = None) -> tuple[int, int]:
    """The article, its spans, and ``tokens`` (the pipeline's, kept for the exports: store.token_cache)."""
    article_id = article_rows.insert_article(db, _article_fields(doc))
    if tokens is not None:
        token_cache.save(db, article_id, doc.cleaned.text, tokens)
    kept = _valid_spans(spans, doc.cleaned.text)
    rows = article_rows.suggestion_rows(article_id, kept, origin,
                                        annotator=None if origin == "model" else doc.owner,
                                        content_hash=doc.content_hash)
    article_rows.insert_spans(db, rows)
    if origin == "imported":
        store_labelled_extras(db, article_id, doc, kept)
    return article_id, len(rows)


def plan(db: sqlite_utils.Database, docs: list[SourceDoc], report: ImportReport) -> list[tuple[SourceDoc, int | None]]:
    """Which docs to store: new ones (None) and changed ones (old article id)."""
    todo: list[tuple[SourceDoc, int | None]] = []
    seen: set[str] = set()
    for doc in docs:
        existing = article_rows.find_by_hash(db, doc.content_hash)
        if existing is not None or doc.content_hash in seen:
            report.unchanged.append((doc.path, existing or 0))
            continue
        seen.add(doc.content_hash)
        previous = article_rows.find_by_path(db, doc.path)
        todo.append((doc, previous.id if previous else None))
    return todo


def import_paths(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    preannotator,
    batch_size: int = 32,
    n_process: int = 1,
    on_progress: Callable[[int, int], None] | None = None,
    annotator: str | None = None,
) -> ImportReport:
    """Read, clean, pre-annotate and store every article under ``paths``;
    ``annotator``: whose labels a labelled file's are when it names nobody
    (store.formats.who; None: the importer's)."""
    report = ImportReport()
    docs: list[SourceDoc] = []
    for path in iter_files(paths, report.problems, report.notes):
        docs.extend(read_file(path, report.problems))
    for doc in docs:
        if doc.labelled is not None and doc.annotator is None:
            doc.annotator = annotator
        if doc.labelled is not None and doc.owner != IMPORTER and not doc.completion_said:
            doc.complete = True  # a named annotator's file, in a format with no "done": their finished work
    todo = plan(db, docs, report)
    if on_progress:
        on_progress(0, len(todo))
    model_todo = [(doc, old) for doc, old in todo if doc.labelled is None]
    labelled_todo = [(doc, old) for doc, old in todo if doc.labelled is not None]
    done = 0
    from .labels_onto import StoredTexts

    texts = StoredTexts(db)  # a labelled file over a stored article's text joins that article
    for batch in _batches(labelled_todo, batch_size):
        _store_batch(db, [(doc, old, doc.labelled, "imported", None) for doc, old in batch], report, texts)
        done += len(batch)
        if on_progress:
            on_progress(done, len(todo))
    if model_todo:
        suggestions = preannotator.suggest((doc.cleaned.text for doc, _ in model_todo), batch_size=batch_size, n_process=n_process)
        for batch in _batches(zip(model_todo, suggestions), batch_size):
            report.over_budget += [(doc.path, sugg.skipped) for (doc, _), sugg in batch if sugg.skipped]
            _store_batch(db, [(doc, old, sugg.spans, "model", sugg.tokens) for (doc, old), sugg in batch], report)
            done += len(batch)
            if on_progress:
                on_progress(done, len(todo))
    if todo:  # each new article joins a story of recent articles or starts one
        from .stories import assign_stories

        assign_stories(db)
    return report


def _store_batch(db: sqlite_utils.Database,
                 items: list[tuple[SourceDoc, int | None, Iterable[Span], str, Tokenization | None]],
                 report: ImportReport, texts=None) -> None:
    # One transaction per batch: a killed import loses at most this batch,
    # and re-running it skips what was committed (content hash).
    with transaction(db):
        for doc, old_id, spans, origin, tokens in items:
            try:
                with _savepoint(db):
                    n = _store_one(db, doc, old_id, spans, origin, report, texts, tokens)
            except sqlite3.IntegrityError as exc:
                if "content_hash" not in str(exc):
                    raise
                # Another import stored the same text after plan() looked:
                # the unique index on content_hash refused this copy.
                report.unchanged.append((doc.path, article_rows.find_by_hash(db, doc.content_hash) or 0))
                continue
            report.words += len(doc.cleaned.text.split())
            report.spans += n


def _store_one(db: sqlite_utils.Database, doc: SourceDoc, old_id: int | None, spans: Iterable[Span], origin: str,
               report: ImportReport, texts, tokens: Tokenization | None = None) -> int:
    """Store one doc: a new article, a changed file's article, or (a labelled
    file over the text of an article stored from elsewhere) that article's new
    labels; ``tokens``: the pipeline's, kept for the exports (store.token_cache)."""
    from .labels_onto import add_labels, joins

    same_text = joins(db, texts, doc, old_id)
    if same_text is not None:

        n = add_labels(db, same_text, doc)
        (report.updated.append(same_text) if n else report.unchanged.append((doc.path, same_text)))
        return n
    if old_id is not None:
        from .reimport import store_changed

        n = store_changed(db, old_id, doc, spans, origin, report, tokens)
        report.updated.append(old_id)
        return n
    article_id, n = store_new(db, doc, spans, origin, tokens)
    report.added.append(article_id)
    if texts is not None:
        texts.add(doc.cleaned.text, article_id)
    return n


@contextmanager
def _savepoint(db: sqlite_utils.Database) -> Iterator[None]:
    """One article inside the batch's transaction: undone alone if refused."""
    db.conn.execute("SAVEPOINT article")
    try:
        yield
    except BaseException:
        db.conn.execute("ROLLBACK TO article")
        db.conn.execute("RELEASE article")
        raise
    db.conn.execute("RELEASE article")


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
