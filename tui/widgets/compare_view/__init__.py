"""What the comparison screens show, without any widget: pairs, word-diff marks,
the summary bar, painted passages and the story table's cells.

Pure functions over ``annotators.align`` results and stored spans, so the rules
are tested without running the app. Text is data: everything returns
``rich.text.Text`` built with ``append``/``stylize``, never markup.

One module per part: ``styles`` (styles, article and side names), ``pairs``
(the pair list), ``diffs`` (word differences), ``summary`` (the summary bar),
``passages`` (painted passages) and ``story_table`` (the many-article table).
"""
from __future__ import annotations

from .diffs import diff_marks, diff_text
from .pairs import Member, Pair, build_pairs, pair_prompt, snippet
from .passages import SideMarks, paint_passage, side_marks
from .story_table import TableRow, story_rows
from .styles import (CHANGED, CONFLICT, DELETED, DIM, INSERTED, LINK_KINDS, LINKED, PEOPLE_LABELS, SHARED,
                     article_label, side_letter)
from .summary import name_with_variants, summary_grid, summary_rows, summary_text

__all__ = [
    "CHANGED", "CONFLICT", "DELETED", "DIM", "INSERTED", "LINK_KINDS", "LINKED", "PEOPLE_LABELS", "SHARED",
    "Member", "Pair", "SideMarks", "TableRow", "article_label", "build_pairs", "diff_marks", "diff_text",
    "name_with_variants", "paint_passage", "pair_prompt", "side_letter", "side_marks", "snippet", "story_rows",
    "summary_grid", "summary_rows", "summary_text",
]
