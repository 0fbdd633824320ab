"""Three CSV tables for reading in a spreadsheet, in the folder ``--out`` (always
a folder: a name ending in ``.csv`` is refused, there are three tables):

- ``claims.csv``: one row per claim: article, file, source, title, start, end,
  text, label, tags (``;``-separated), verdict, note, normalized, status,
  annotator, score (the model's check-worthiness, blank when none);
- ``quotes.csv``: one row per quote: article, file, source, title, start, end,
  text, speaker, speaker_start, speaker_end, cue, status, annotator,
  speaker_score (the model's confidence in the speaker, blank when none);
- ``stories.csv``: one row per exported article that is in a story
  (``store.stories``): story, article, title, source, published — a labelled
  set for event clustering (the story ids are the database's; a ``copydesk
  stories --rebuild`` renumbers them).  Header only when nothing is grouped.

UTF-8 with a header row, RFC 4180 quoting (Excel and LibreOffice open it).
A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'`` so that a spreadsheet shows it as text instead of
running it as a formula (``=HYPERLINK(...)`` in a quoted tweet, say); strip
that one ``'`` to get the exact text back. Numbers are written as they are.
Entities are not written (use another format).  There is no reader: the
tables do not hold the article text.
"""
from __future__ import annotations

import csv as _csv
from pathlib import Path
from typing import Iterable

from .base import QUOTE_LABEL, ExportError, Item, Summary, model_score

CLAIM_COLUMNS = ["article", "file", "source", "title", "start", "end", "text", "label", "tags", "verdict", "note",
                 "normalized", "status", "annotator", "score"]
QUOTE_COLUMNS = ["article", "file", "source", "title", "start", "end", "text", "speaker", "speaker_start",
                 "speaker_end", "cue", "status", "annotator", "speaker_score"]
STORY_COLUMNS = ["story", "article", "title", "source", "published"]


def export(items: Iterable[Item], out: Path, summary: Summary) -> list[Path]:
    out = Path(out)
    if out.suffix.lower() == ".csv":
        raise ExportError(f"--out {out}: the csv export writes three tables (claims.csv, quotes.csv, "
                          f"stories.csv); give a folder")
    out.mkdir(parents=True, exist_ok=True)
    claims_path, quotes_path, stories_path = out / "claims.csv", out / "quotes.csv", out / "stories.csv"
    with claims_path.open("w", encoding="utf-8", newline="") as cf, \
            quotes_path.open("w", encoding="utf-8", newline="") as qf, \
            stories_path.open("w", encoding="utf-8", newline="") as sf:
        claims = _csv.DictWriter(cf, CLAIM_COLUMNS)
        quotes = _csv.DictWriter(qf, QUOTE_COLUMNS)
        stories = _csv.DictWriter(sf, STORY_COLUMNS)
        claims.writeheader()
        quotes.writeheader()
        stories.writeheader()
        for article, spans, _links in items:
            summary.articles += 1
            if article.story is not None:
                _write(stories, {"story": article.story, "article": article.id, "title": article.title or "",
                                 "source": article.source or "", "published": article.published or ""})
            base = {"article": article.id, "file": article.file or "", "source": article.source or "",
                    "title": article.title or ""}
            for s in spans:
                row = {**base, "start": s.start, "end": s.end, "text": article.text[s.start:s.end],
                       "status": s.status, "annotator": s.annotator or ""}
                if s.kind == "claim":
                    _write(claims, {**row, "label": s.label, "tags": ";".join(s.tags), "verdict": s.verdict or "",
                                     "note": s.note or "", "normalized": s.normalized or "",
                                     "score": _blank(model_score(s))})
                    summary.wrote("claim", s.label)
                elif s.kind == "quote":
                    _write(quotes, {**row, "speaker": s.speaker or "", "speaker_start": _blank(s.speaker_start),
                                     "speaker_end": _blank(s.speaker_end), "cue": s.cue or "",
                                     "speaker_score": _blank(model_score(s))})
                    summary.wrote("quote", QUOTE_LABEL)
                else:
                    summary.skip("entity (the CSV tables hold claims and quotes)")
    summary.files += [claims_path, quotes_path, stories_path]
    return [claims_path, quotes_path, stories_path]


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell a spreadsheet will not read as a formula (see the module's doc)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _write(writer, row: dict) -> None:
    writer.writerow({key: neutralise(value) for key, value in row.items()})


def _blank(value):
    return "" if value is None else value


write = export
