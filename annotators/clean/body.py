"""The body region: which run of paragraphs is the article, and its edges.
"""
from __future__ import annotations


from .shapes import (
    _WEAK_SENTENCE_WORDS, _is_bare_close, _is_meta_label, _is_reader_prompt, _words,
)
from .lines import _Line, _is_widget_sentence
from .edges import (
    _extend_with_closing_sentences, _extend_with_cut_paragraph, _extend_with_unstopped_sentences, _list_body,
)
from .repeats import only_repeats


# A gap of this many recognised-chrome lines between two paragraphs ends a
# run: in-article ad slots are one or two lines ("Advertisement", "Story
# continues below"), a sidebar or feed is more.
_CHROME_GAP = 3


def _runs(lines: list[_Line]) -> list[tuple[int, int, bool]]:
    """(first, last, after_tail) positions of runs of paragraphs."""
    runs: list[tuple[int, int, bool]] = []
    start = last = None
    chrome_gap = 0
    seen_tail = False
    run_after_tail = False

    def close() -> None:
        if start is not None:
            runs.append((start, last, run_after_tail))

    for pos, line in enumerate(lines):
        if line.kind in ("tail", "snippet", "comment"):
            close()
            start = last = None
            seen_tail = True
            continue
        if line.kind == "footer":
            # Below a copyright notice comes the site's footer and its
            # teasers; a notice above any paragraph is the masthead's.
            seen_tail = seen_tail or start is not None or bool(runs)
            close()
            start = last = None
            continue
        if line.kind == "prose":
            if start is None:
                start, run_after_tail = pos, seen_tail
            last, chrome_gap = pos, 0
        elif line.kind in ("chrome", "caption"):
            # a photo's caption lines (alt text, caption, credit) are one
            # element; a bare "Published" label or a credit's lone closing
            # bracket is furniture, not a break in the page
            one_photo = line.kind == "caption" and pos and lines[pos - 1].kind == "caption"
            if not (one_photo or _is_meta_label(line.text) or _is_bare_close(line.text)):
                chrome_gap += 1
            if chrome_gap >= _CHROME_GAP and start is not None:
                close()
                start = last = None
        # a long stretch with no paragraph (a video playlist, a list of
        # links) parts two runs too; a table in the article is joined back
        # when paragraphs follow it (_joins)
        if start is not None and line.kind != "prose" and pos - last >= _NO_PARAGRAPH_GAP:
            close()
            start = last = None
    close()
    return runs


_NO_PARAGRAPH_GAP = 10


def _body_span(lines: list[_Line], soft: dict[int, int] | None = None) -> tuple[int, int] | None:
    """Positions of the first and last line of the article body; ``soft``
    holds the indices of lines that are chrome by repetition alone."""
    runs = _coalesce_repeats(lines, _runs(lines), soft or {})

    def weight(run: tuple[int, int, bool]) -> float:
        first, last, after_tail = run
        chars = sum(len(l.text) for l in lines[first : last + 1] if l.kind == "prose")
        return chars * (0.5 if after_tail else 1.0)

    best = max(range(len(runs)), key=lambda i: weight(runs[i]), default=None)
    if best is None:
        return _list_body(lines, 0)
    first, last = _merge_unbroken_runs(lines, runs, best, soft or {})
    # the prose of the whole body found, not the best run's tail-discounted
    # weight: a table parting the article's runs is no sign the page is a list
    listed = _list_body(lines, sum(len(l.text) for l in lines[first : last + 1] if l.kind == "prose"))
    if listed is not None:
        return listed
    first, last = _trim_prompt_edges(lines, first, last)
    first, last = _extend_with_unstopped_sentences(lines, first, last)
    cut = _extend_with_cut_paragraph(lines, last)
    return first, cut if cut != last else _extend_with_closing_sentences(lines, last)


def _coalesce_repeats(lines: list[_Line], runs: list[tuple[int, int, bool]],
                      soft: dict[int, int]) -> list[tuple[int, int, bool]]:
    """Runs that only lines of no kind and lines chrome by repetition alone
    separate are one run: a meal plan's or a schedule's repeated headings
    do not break its article."""
    out: list[tuple[int, int, bool]] = []
    for run in runs:
        if out and only_repeats(lines[out[-1][1] + 1 : run[0]], soft):
            out[-1] = (out[-1][0], run[1], out[-1][2])
        else:
            out.append(run)
    return out


# A copyright notice or a comment's header: past one of these the page is
# its footer or its readers, whatever the shape of the lines.
_HARD_BOUNDARY_KINDS = ("footer", "comment")
# A tail heading or a teaser: other stories follow, unless paragraphs do.
_SOFT_BOUNDARY_KINDS = ("tail", "snippet")
# Paragraphs in a row that show a run past a soft boundary is the article
# going on (a "Related" box in the middle of it): teaser lists alternate
# headlines and summaries, they do not give paragraphs back to back.
_PARAGRAPHS_PAST_A_BOX = 3
# ... and past chrome alone (an ad slot, an embed, share buttons).
_PARAGRAPHS_PAST_CHROME = 2


def _merge_unbroken_runs(lines: list[_Line], runs: list[tuple[int, int, bool]], best: int,
                         soft: set[int]) -> tuple[int, int]:
    """The best run joined with the runs on either side that only chrome
    separates, or a box of links when paragraphs follow it: the article is
    cut where the page shows it ends (a footer, a comment thread, teasers
    with no article after them), never by the size of a gap alone."""
    first, last = runs[best][0], runs[best][1]
    for nxt in runs[best + 1 :]:
        if not _joins(lines, lines[last + 1 : nxt[0]], nxt):
            break
        last = nxt[1]
    for prev in reversed(runs[:best]):
        if not _joins(lines, lines[prev[1] + 1 : first], prev):
            break
        first = prev[0]
    return first, last


def _joins(lines: list[_Line], between: list[_Line], run: tuple[int, int, bool]) -> bool:
    if any(l.kind in _HARD_BOUNDARY_KINDS for l in between):
        return False
    need = (_PARAGRAPHS_PAST_A_BOX if any(l.kind in _SOFT_BOUNDARY_KINDS for l in between)
            else _PARAGRAPHS_PAST_CHROME)
    return _paragraphs_in_a_row(lines[run[0] : run[1] + 1]) >= need


def _paragraphs_in_a_row(span: list[_Line]) -> int:
    best = count = 0
    for line in span:
        count = count + 1 if line.kind == "prose" else (count if line.kind in ("chrome", "caption") else 0)
        best = max(best, count)
    return best


def _trim_prompt_edges(lines: list[_Line], first: int, last: int) -> tuple[int, int]:
    """Take prompt sentences off the edges of the body run.

    Sign-up, paywall and audio widgets write sentences ("You need one to
    watch live TV ... It's the law.", "a daily newsletter curated by our
    editors and delivered straight to your inbox every weekday.") that have
    the shape of paragraphs, so a run can start or end with them. From each
    edge inwards, a sentence that addresses the reader (outside quotes) or
    is a wrapped fragment goes, and once one has gone, so do short sentences
    between it and the article; each only when a non-paragraph line (a
    button, a label) separates it from the article's paragraphs. Nothing
    past the first paragraph that is neither is touched, so a
    reader-addressed line inside the article ("If you have information,
    call ...") stays, and so does a sentence right against the first or
    last paragraph."""
    # a widget sentence just past the edge (chrome by its own shape) is the
    # prompt the lines between it and the article belong to
    start = _inner_edge(lines, list(range(first, last + 1)), _widget_at(lines, first - 1))
    if start is not None:
        first = start
    end = _inner_edge(lines, list(range(last, first - 1, -1)), _widget_at(lines, last + 1))
    if end is not None:
        last = end
    return first, last


def _is_strong_paragraph(line: _Line) -> bool:
    return (line.kind == "prose" and not _is_reader_prompt(line.text)
            and len(_words(line.text)) >= _WEAK_SENTENCE_WORDS)


def _widget_at(lines: list[_Line], pos: int) -> bool:
    return 0 <= pos < len(lines) and lines[pos].kind == "chrome" and _is_widget_sentence(lines[pos].text)


def _inner_edge(lines: list[_Line], order: list[int], prompt_seen: bool = False) -> int | None:
    """Walking ``order`` from an edge inwards: the position of the first
    paragraph that is neither a prompt nor short, if every line before it can
    go (separators, prompts, short sentences after a prompt), else None."""
    for n, pos in enumerate(order):
        line = lines[pos]
        if _is_strong_paragraph(line):
            return pos if n else None
        if line.kind != "prose":
            continue
        # a prompt or a short sentence right against the article's
        # paragraphs belongs to it ("... Only a half hour ago, your foreign
        # pooler was just notified ..." opening a pool report)
        nxt = order[n + 1] if n + 1 < len(order) else None
        if nxt is None or _is_strong_paragraph(lines[nxt]):
            return None
        if _is_reader_prompt(line.text):
            prompt_seen = True
        elif not prompt_seen:
            return None  # a short sentence counts as chrome only after a prompt
    return None


def _header_inside_body(span: list[_Line], title: str | None) -> set[int]:
    """Ids of header lines the body run took in under a dek.

    A dek (one prose line under the headline) starts the body run, so the
    headline printed again under it, the photo, the audio/summary widget and
    its sentences ("New: You can now listen to articles.") all sit inside
    the run. When the title is reprinted inside the run, the lines between
    its last print and the first article paragraph are header, if they hold
    a prompt and are all what _inner_edge lets go (labels, prompts, short
    sentences after a prompt)."""
    if not title:
        return set()
    reprints = [i for i, l in enumerate(span) if l.text.casefold() == title.casefold()]
    if not reprints:
        return set()
    start = _inner_edge(span, list(range(reprints[-1] + 1, len(span))))
    if start is None:
        return set()
    cut = span[reprints[-1] + 1 : start]
    if not any(l.kind == "prose" and _is_reader_prompt(l.text) for l in cut):
        return set()  # no widget sentence: the lines may be the article's
    return {id(l) for l in cut}


def _body_lines(span: list[_Line], title: str | None, own: set[int] = frozenset()) -> list[_Line]:
    """Lines of the body span minus recognised chrome and repeats; ``own``
    holds the indices of repeated lines that are the article's own (every
    print of them inside it), kept at every print."""
    seen: set[str] = set()
    if title:
        seen.add(title.casefold())
    kept = []
    for line in span:
        if line.index in own:
            kept.append(line)
            continue
        key = line.text.casefold()
        if line.kind in ("chrome", "caption", "snippet", "tail", "footer", "comment", "box") or key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return kept
