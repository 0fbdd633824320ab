"""copydesk's reader and annotator (Textual).

The app holds no SQL and no NLP: it shows what ``Store`` returns and turns keys
into ``Store`` calls, each committed as one transaction when it is made (so
there is no save key, and a killed app has lost nothing), and never waiting on
the event loop for another process's write lock (``tui.actions.writing``). The
actions live in ``tui.actions`` (importing, moving, reviewing, making spans,
writing, key order); this module holds the layout, the header and status line,
and opening articles.
"""
from __future__ import annotations

import gc
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Static

from annotators import tokens
from store import Article, SpanRecord, Store, StoreError

from .actions.closing import skipped_while_closing
from .actions.comparing import ComparingMixin
from .actions.grouping import GroupingMixin
from .actions.keyorder import KeyOrderMixin
from .actions.importing import IMPORT_BATCH, ImportCancelled, ImportMixin  # noqa: F401 (re-exported)
from .actions.making import MakingMixin
from .actions.moving import FILTER_DELAY, FRESH_POLL, MovingMixin  # noqa: F401 (re-exported)
from .actions.reviewing import ReviewMixin
from .actions.selecting import SelectingMixin
from .actions.history import HistoryMixin
from .actions.writing import ReaderWriting
from .config import LabelSets, load_label_sets
from .crash import CrashReport
from .screen_text import PlainNotifications
from .screens.help import HelpScreen
from .widgets.article_list import ArticleList
from .widgets.commands import CopydeskCommands
from .widgets.findbox import FindBox
from .widgets.keymap import bindings
from .widgets.line import TextLine
from .widgets.panel import SpanDetails, SpanList
from .widgets.reader import Reader
from .widgets.spanview import legend, one_line

LIST_REFRESH_DELAY = 0.3  # seconds after an action before the list's and the header's counts are re-read


class ArticleTokens:
    """Token snapping for the open article (annotators.tokens, spaCy's blank English tokenizer)."""

    def __init__(self, app: "CopydeskApp") -> None:
        self.app = app

    def snap(self, start: int, end: int) -> tuple[int, int]:
        return tokens.snap(self.app.article.text, start, end) if self.app.article else (start, end)


class CopydeskApp(CrashReport, PlainNotifications, KeyOrderMixin, ReaderWriting, ImportMixin, MovingMixin, ReviewMixin,
                  MakingMixin, SelectingMixin, HistoryMixin, ComparingMixin,
                  GroupingMixin, App):
    CSS_PATH = "app.tcss"
    TITLE = "copydesk"
    BINDINGS = bindings()
    COMMANDS = App.COMMANDS | {CopydeskCommands}
    # Narrower terminals get narrower side columns, and below 90 cells no
    # article list (N / P still move between articles), so the text keeps room.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-medium"), (140, "-wide")]

    def __init__(self, store: Store, model: str | None = None, db_label: str | None = None,
                 labels: LabelSets | None = None, import_from: list[Path] | None = None,
                 preannotator: object | None = None, resume: bool = True) -> None:
        super().__init__()
        self.store = store
        self.model = model  # loaded by the import worker only, never at start-up
        self.import_from = list(import_from or [])
        self.preannotator = preannotator  # tests pass one with the pipeline already loaded
        self.import_report = None  # the last background import's report, once it ends
        self.db_label = db_label or str(store.path)
        self.labels = labels or load_label_sets(store.path)
        self.resume = resume
        self.tokens = ArticleTokens(self)
        self.article: Article | None = None
        self.progress: dict[str, int] | None = None
        self.last_saved = ""
        self._filter_timer = None
        self._touch_timer = None
        self._data_version: int | None = None
        self._tokenizer_warming = False
        self._list_timer = None
        self._list_refresh: Callable[[], None] | None = None
        self._list_cursor_armed = 0  # the list's cursor when an opening armed the list's refresh
        self._legend: Text | None = None
        self._others_shown: tuple[int | None, list] = (None, [])  # the panel's span and what the others said

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TextLine(id="title-bar")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="/ filter: titles, sources, text", id="filter")
                yield ArticleList(self._count, self._page, id="articles")
            with Vertical(id="centre"):
                yield TextLine(id="article-title")
                yield Static(id="legend")
                yield Reader(id="reader")
                yield FindBox(id="find")
            with Vertical(id="side"):
                yield SpanDetails(id="details")
                yield TextLine(Text("Quotes", style="bold"), classes="side-heading", id="quotes-heading")
                yield SpanList("quote", id="quotes")
                yield TextLine(Text("Claims", style="bold"), classes="side-heading", id="claims-heading")
                yield SpanList("claim", id="claims")
        yield TextLine(id="status")
        yield Footer()

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    def on_mount(self) -> None:
        self.reader.on_current = lambda span: self._show_current()
        for problem in self.labels.problems:
            self.notify(problem, severity="warning", timeout=8)
        self.article_list.reload()
        start = self.resume_position() if self.resume else None
        if start is None:
            first = self.article_list.row(0)
            start = (first.id, None) if first is not None else None
        if start is not None:
            self.open_article(*start)
            if start[1] is not None:
                self.show_status("resumed where you stopped")
        elif not self.import_from:
            self.show_status("No articles yet: quit and run  copydesk import FOLDER --db " + self.db_label)
        self.reader.focus()
        self.refresh_title_bar()
        self.load_progress()
        self._data_version = self.store.data_version()
        self.set_interval(FRESH_POLL, self.check_fresh)
        # What exists at the first paint (modules, styles, widgets) lives as long
        # as the app: take it out of the collector's reach, whose full passes
        # over it cost 70-180 ms in the middle of a key or an opening.
        self.call_after_refresh(gc.freeze)
        if self.import_from:
            self.article_list.empty_message = " importing …"
            self.show_status("importing " + ", ".join(str(p) for p in self.import_from) + " …")
            self.import_in_background()

    def on_text_area_selection_changed(self, event) -> None:
        # spaCy's import is slow: load the tokenizer when a selection begins
        # (not at start-up, where it would slow the first paint), off the event loop.
        if not self._tokenizer_warming and not event.selection.is_empty:
            self._tokenizer_warming = True
            self.warm_tokenizer()

    @work(thread=True, exclusive=True, group="tokens")
    def warm_tokenizer(self) -> None:
        tokens.warm()

    # --- header and status ----------------------------------------------------------

    @work(thread=True, exclusive=True, group="progress")
    def load_progress(self) -> None:
        """Overall counts, on a connection of the worker's own."""
        store = self.store.reopen_for_thread()
        try:
            progress = store.progress()
        finally:
            store.close()
        self.call_from_thread(self._progress_loaded, progress)

    @skipped_while_closing
    def _progress_loaded(self, progress: dict[str, int]) -> None:
        self.progress = progress
        self.refresh_title_bar()

    def refresh_title_bar(self) -> None:
        """The database, the annotator and their progress; on a narrow screen
        the short form, so "suggestions left" always shows."""
        text = Text()
        text.append(" copydesk ", style="bold reverse")
        text.append(f"  {one_line(self.db_label)}", style="bold")
        text.append(f"   annotator {one_line(self.store.annotator)}")
        if self.progress:
            p = self.progress
            reviewed = p["spans"] - p["suggested"]
            percent = 100 * reviewed // p["spans"] if p["spans"] else 100
            text.append(f"   {p['done']}/{p['articles']} articles done · "
                        f"{reviewed}/{p['spans']} spans reviewed ({percent}%) · {p['suggested']} suggestions left")
            if text.cell_len > self.size.width:
                text = Text()
                text.append(" copydesk ", style="bold reverse")
                text.append(f" annotator {one_line(self.store.annotator, 12)}", style="bold")
                text.append(f"  {p['suggested']} suggestions left · {p['done']}/{p['articles']} done · "
                            f"{percent}%")
        self.query_one("#title-bar", TextLine).update(text)

    def on_resize(self, event) -> None:
        self.refresh_title_bar()

    def show_status(self, message: str, saved: bool = False) -> None:
        text = Text()
        if saved:
            text.append(" saved ", style="bold reverse green")
            text.append(" ")
        text.append(one_line(message))
        self.query_one("#status", TextLine).update(text)

    # --- opening articles -----------------------------------------------------------

    def open_article(self, article_id: int, span_id: int | None = None) -> None:
        try:
            self.article = self.store.get_article(article_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        self._done_armed = None
        spans = self.store.spans(article_id)
        self.reader.show_article(self.article.text, spans)
        self.article_list.open_id = article_id
        # The list follows after the article's repaint: far down a big list its
        # cursor needs a page fetched at a deep offset (~0.1 s at 100,000).
        self._list_cursor_armed = self.article_list.cursor
        self._arm_list_refresh(self._follow_open_article)
        self._show_article_parts()
        if span_id is not None and span_id in self.reader.index.by_id:
            self.reader.go_to_span(self.reader.index.by_id[span_id])
        else:
            self.on_reader_current_changed(Reader.CurrentChanged(None))

    def _follow_open_article(self) -> None:
        """The deferred half of opening: the list's cursor moves to the article,
        unless the user moved it in the meantime (then it stays where they put it)."""
        if self.article_list.cursor == self._list_cursor_armed:
            self._sync_list_cursor()
        else:
            self.article_list.refresh()  # the open article's row is marked

    def _sync_list_cursor(self) -> None:
        if self.article is None:
            return
        position = self.list_position(self.article.id)
        if position is not None and not self.only_unseen:
            self.article_list.move_to(position)
        self.article_list.refresh()

    def _show_article_parts(self) -> None:
        """Title line, legend, quote and claim lists: everything but the text."""
        article = self.article
        if article is None:
            return
        title = Text(no_wrap=True, overflow="ellipsis")
        if article.done:
            title.append("✓ done  ", style="bold green")
        title.append(one_line(article.title or article.text[:200] or "(empty)"), style="bold")
        meta = " · ".join(one_line(v) for v in (article.source, article.byline, article.published, article.file) if v)
        title.append("\n" + meta, style="dim")
        self.query_one("#article-title", TextLine).update(title)
        index = self.reader.index
        labels = dict.fromkeys(s.label for s in index.spans if s.kind == "entity")
        shown = legend(labels)
        if shown != self._legend:  # its height is auto: an update costs a layout pass
            self._legend = shown
            self.query_one("#legend", Static).update(shown)
        quotes, claims = index.of_kind("quote"), index.of_kind("claim")
        self.query_one("#quotes", SpanList).show(quotes, article.text)
        self.query_one("#claims", SpanList).show(claims, article.text)
        self.query_one("#quotes-heading", TextLine).update(Text(f"Quotes ({len(quotes)})", style="bold"))
        self.query_one("#claims-heading", TextLine).update(Text(f"Claims ({len(claims)})", style="bold"))

    def reload_spans(self, changed: SpanRecord | None = None) -> None:
        """Redraw what shows the spans after an action: ``changed`` is the one
        span record the store returned (a judgment: the article row and the
        other spans are as they were, so nothing is read again); otherwise the
        article and its spans are re-read."""
        if self.article is None:
            return
        if changed is None or changed.article_id != self.article.id or not self.reader.replace_span(changed):
            self.article = self.store.get_article(self.article.id)
            self.reader.set_spans(self.store.spans(self.article.id))
        self._show_article_parts()
        self._show_current()
        # The list's and the header's counts follow a moment later, after the
        # key's repaint (the header's in a worker that would otherwise compete
        # with that repaint for the interpreter); keys in a row re-arm the timer.
        self._arm_list_refresh(self._refresh_list)

    def _arm_list_refresh(self, refresh: Callable[[], None]) -> None:
        """Run ``refresh`` LIST_REFRESH_DELAY from now, in place of any pending
        one (a pending full refresh stays full: it moves the cursor too)."""
        if self._list_timer is not None:
            self._list_timer.stop()
        if self._list_refresh == self._refresh_list:
            refresh = self._refresh_list
        self._list_refresh = refresh
        self._list_timer = self.set_timer(LIST_REFRESH_DELAY, self._run_list_refresh)

    @skipped_while_closing
    def _run_list_refresh(self) -> None:
        refresh, self._list_refresh = self._list_refresh, None
        if refresh is not None:
            refresh()

    @skipped_while_closing
    def _refresh_list(self) -> None:
        self.article_list.reload(keep_query=True)
        self._sync_list_cursor()
        self.load_progress()

    def _others(self, span: SpanRecord | None) -> list:
        """What the others (colleagues, the gold) said about ``span``."""
        if span is None:
            return []
        me = self.store.annotator
        return [j for j in self.store.judgments(span.id) if not (j.annotator == me and j.layer == "annotation")]

    def _show_current(self) -> None:
        if self.article is None:
            return
        span = self.reader.current
        others = self._others(span)
        self._others_shown = (span.id if span else None, others)
        self.query_one("#details", SpanDetails).show(span, self.article.text, self.reader.index,
                                                     draft=self.reader.draft, others=others)

    def refresh_others(self) -> None:
        """After another connection committed: the panel follows when the
        others' judgments of the span under the caret changed."""
        if self.article is None:
            return
        span = self.reader.current
        if (span.id if span else None, self._others(span)) != self._others_shown:
            self._show_current()

    @on(SpanList.Jump)
    def jump_to_span(self, event: SpanList.Jump) -> None:
        span = self.reader.index.by_id.get(event.span_id)
        if span is not None:
            self.reader.go_to_span(span)
            self.reader.focus()

    # --- actions ---------------------------------------------------------------------

    def current_span(self, kind: str | None = None, verb: str = "") -> SpanRecord | None:
        """The current span (or, with ``kind``, the one of that kind holding it)."""
        span = self.reader.current
        if span is not None and kind is not None:
            span = self.reader.index.enclosing(span, kind)
        if span is None:
            where = f"a {kind}" if kind else "a span"
            self.notify(f"{verb} needs {where} under the caret: n / p move to one".strip().capitalize(), severity="warning")
        return span

    def describe(self, span: SpanRecord) -> str:
        text = self.article.text[span.start:span.end] if self.article else ""
        return f"{span.kind} {span.label} “{one_line(text, 60)}”"

    # --- app ------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.labels))


def run(db: str | Path, annotator: str | None = None) -> None:  # pragma: no cover - manual use
    CopydeskApp(Store.open(db, annotator)).run()
