"""copydesk's reader and annotator (Textual).

The app holds no SQL and no NLP: it shows what ``Store`` returns and turns keys
into ``Store`` calls, each of which is committed before the call returns (so
there is no save key, and a killed app has lost nothing).
"""
from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import Callable

from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Static

from store import Article, SpanRecord, Store, StoreError

from .config import CLAIM_LABEL, QUOTE_LABEL, LabelSets, load_label_sets
from .crash import CrashReport
from .screen_text import PlainNotifications
from .screens.help import HelpScreen
from .screens.pickers import ArticlePicker, ChoicePicker, NoteEditor, SpeakerPicker, TagPicker
from .widgets.article_list import ArticleList
from .widgets.commands import CopydeskCommands
from .widgets.keymap import bindings
from .widgets.panel import SpanDetails, SpanList
from .widgets.reader import Reader
from .widgets.spanview import legend, one_line

FILTER_DELAY = 0.15  # seconds of no typing before the list is filtered
COMPARE_MODULE = "tui.screens.compare"
# Articles per committed batch when the app imports: small, so the list fills
# in soon and quitting mid-import waits for at most a few articles.
IMPORT_BATCH = 8


class ImportCancelled(Exception):
    """Raised inside the import worker to stop it when the app quits."""


class CopydeskApp(CrashReport, PlainNotifications, App):
    CSS_PATH = "app.tcss"
    TITLE = "copydesk"
    BINDINGS = bindings()
    COMMANDS = App.COMMANDS | {CopydeskCommands}
    # Narrower terminals get narrower side columns, and below 90 cells no
    # article list (N / P still move between articles), so the text keeps room.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (90, "-medium"), (140, "-wide")]

    def __init__(self, store: Store, model: str | None = None, db_label: str | None = None,
                 labels: LabelSets | None = None, import_from: list[Path] | None = None,
                 preannotator: object | None = None) -> None:
        super().__init__()
        self.store = store
        self.model = model  # loaded by the import worker only, never at start-up
        self.import_from = list(import_from or [])
        self.preannotator = preannotator  # tests pass one with the pipeline already loaded
        self.import_report = None  # the last background import's report, once it ends
        self.db_label = db_label or str(store.path)
        self.labels = labels or load_label_sets(store.path)
        self.article: Article | None = None
        self.progress: dict[str, int] | None = None
        self.last_saved = ""
        self._filter_timer = None

    # --- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title-bar")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield Input(placeholder="/ filter: titles, sources, text", id="filter")
                yield ArticleList(self.store.count_articles, self._page, id="articles")
            with Vertical(id="centre"):
                yield Static(id="article-title")
                yield Static(id="legend")
                yield Reader(id="reader")
            with Vertical(id="side"):
                yield SpanDetails(id="details")
                yield Static(Text("Quotes", style="bold"), classes="side-heading", id="quotes-heading")
                yield SpanList("quote", id="quotes")
                yield Static(Text("Claims", style="bold"), classes="side-heading", id="claims-heading")
                yield SpanList("claim", id="claims")
        yield Static(id="status")
        yield Footer()

    def _page(self, offset: int, limit: int, query: str | None):
        return self.store.list_articles(offset=offset, limit=limit, query=query)

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    def on_mount(self) -> None:
        for problem in self.labels.problems:
            self.notify(problem, severity="warning", timeout=8)
        self.article_list.reload()
        first = self.article_list.row(0)
        if first is not None:
            self.open_article(first.id)
        elif not self.import_from:
            self.show_status("No articles yet: quit and run  copydesk import FOLDER --db " + self.db_label)
        self.reader.focus()
        self.refresh_title_bar()
        self.load_progress()
        if self.import_from:
            self.article_list.empty_message = " importing …"
            self.show_status("importing " + ", ".join(str(p) for p in self.import_from) + " …")
            self.import_in_background()

    # --- importing (copydesk annotate PATH...) -----------------------------------------

    @work(thread=True, exclusive=True, group="import")
    def import_in_background(self) -> None:
        """Import ``import_from`` on a connection of the worker's own; each batch
        is committed as it lands, so quitting mid-way keeps what was imported and
        the next import skips it (content hash)."""
        from annotators.pipeline import ModelNotFound, Preannotator
        from store.ingest import import_paths

        preannotator = self.preannotator or Preannotator(self.model)
        store = self.store.reopen_for_thread()
        try:
            report = import_paths(store.db, self.import_from, preannotator, batch_size=IMPORT_BATCH,
                                  on_progress=self._import_progress)
        except ImportCancelled:
            return
        except (ModelNotFound, StoreError) as exc:
            self.call_from_thread(self.notify, f"import stopped: {exc}", severity="error", timeout=10)
            return
        finally:
            store.close()
        self.call_from_thread(self._import_finished, report, preannotator.message)

    def _import_progress(self, done: int, total: int) -> None:
        """Called by the import worker after each committed batch."""
        if get_current_worker().is_cancelled:  # the app is quitting
            raise ImportCancelled()
        if total:
            self.call_from_thread(self._import_batch_stored, done, total)

    def _import_batch_stored(self, done: int, total: int) -> None:
        """Show what has landed so far: a big import can be read while it runs."""
        self.show_status(f"importing: {done}/{total} articles stored …")
        if done:
            self._show_imported()

    def _show_imported(self) -> None:
        self.article_list.reload(keep_query=True)
        if self.article is None:
            first = self.article_list.row(0)
            if first is not None:
                self.open_article(first.id)
                self.load_progress()

    def _import_finished(self, report, model_message: str | None) -> None:
        self.import_report = report
        self.article_list.empty_message = " no articles yet"
        if self.article is not None and self.article.id in report.updated:
            self.open_article(self.article.id)  # its text changed under the reader
        self._show_imported()
        self.show_status(report.summary())
        for problem in report.problems:
            self.notify(f"skipped {problem}", severity="error", timeout=12)
        for stale in report.stale:
            self.notify(f"article {stale.article_id}: {stale.kind} {stale.label} “{one_line(stale.text, 40)}” no longer "
                        f"matches the new text (kept in the action log as span {stale.span_id})",
                        severity="warning", timeout=12)
        if model_message:
            self.notify(model_message, severity="warning", timeout=12)
        self.load_progress()

    # --- header and status ----------------------------------------------------------

    @work(thread=True, exclusive=True, group="progress")
    def load_progress(self) -> None:
        """Overall counts, on a connection of the worker's own (they scan big tables)."""
        store = self.store.reopen_for_thread()
        try:
            progress = store.progress()
        finally:
            store.close()
        self.call_from_thread(self._progress_loaded, progress)

    def _progress_loaded(self, progress: dict[str, int]) -> None:
        self.progress = progress
        self.refresh_title_bar()

    def refresh_title_bar(self) -> None:
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
        self.query_one("#title-bar", Static).update(text)

    def show_status(self, message: str, saved: bool = False) -> None:
        text = Text()
        if saved:
            text.append(" saved ", style="bold reverse green")
            text.append(" ")
        text.append(one_line(message))
        self.query_one("#status", Static).update(text)

    # --- opening articles -----------------------------------------------------------

    def open_article(self, article_id: int, span_id: int | None = None) -> None:
        try:
            self.article = self.store.get_article(article_id)
        except StoreError as exc:
            self.notify(str(exc), severity="error")
            return
        spans = self.store.spans(article_id)
        self.reader.show_article(self.article.text, spans)
        self.article_list.open_id = article_id
        self._sync_list_cursor()
        self._show_article_parts()
        if span_id is not None and span_id in self.reader.index.by_id:
            self.reader.go_to_span(self.reader.index.by_id[span_id])
        else:
            self.on_reader_current_changed(Reader.CurrentChanged(None))

    def _sync_list_cursor(self) -> None:
        if self.article is None:
            return
        position = self.store.article_position(self.article.id, self.article_list.query)
        if position is not None:
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
        self.query_one("#article-title", Static).update(title)
        index = self.reader.index
        labels = dict.fromkeys(s.label for s in index.spans if s.kind == "entity")
        self.query_one("#legend", Static).update(legend(labels))
        quotes, claims = index.of_kind("quote"), index.of_kind("claim")
        self.query_one("#quotes", SpanList).show(quotes, article.text)
        self.query_one("#claims", SpanList).show(claims, article.text)
        self.query_one("#quotes-heading", Static).update(Text(f"Quotes ({len(quotes)})", style="bold"))
        self.query_one("#claims-heading", Static).update(Text(f"Claims ({len(claims)})", style="bold"))

    def reload_spans(self) -> None:
        """Re-read the article's spans after an action and redraw what shows them."""
        if self.article is None:
            return
        self.article = self.store.get_article(self.article.id)
        self.reader.set_spans(self.store.spans(self.article.id))
        self._show_article_parts()
        self._show_current()
        self.article_list.reload(keep_query=True)
        self._sync_list_cursor()

    def _show_current(self) -> None:
        if self.article is not None:
            self.query_one("#details", SpanDetails).show(self.reader.current, self.article.text, self.reader.index)

    @on(Reader.CurrentChanged)
    def on_reader_current_changed(self, event: Reader.CurrentChanged) -> None:
        self._show_current()

    @on(ArticleList.Chosen, "#articles")
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        self.open_article(event.article_id)
        self.reader.focus()

    @on(SpanList.Jump)
    def jump_to_span(self, event: SpanList.Jump) -> None:
        span = self.reader.index.by_id.get(event.span_id)
        if span is not None:
            self.reader.go_to_span(span)
            self.reader.focus()

    # --- committing actions ---------------------------------------------------------

    def commit(self, what: str, call: Callable[[], object]) -> object | None:
        """Run one Store action (committed when it returns) and show that it was saved."""
        try:
            result = call()
        except StoreError as exc:
            self.notify(str(exc), severity="error", timeout=6)
            return None
        self.reload_spans()
        self.show_status(what, saved=True)
        self.load_progress()
        return result if result is not None else True

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

    # --- moving ---------------------------------------------------------------------

    def action_next_span(self) -> None:
        self.reader.step(forward=True)

    def action_previous_span(self) -> None:
        self.reader.step(forward=False)

    def _step_article(self, step: int) -> None:
        if self.article is None:
            return
        target = self.store.adjacent_article(self.article.id, step, self.article_list.query)
        if target is None:
            self.notify("no more articles that way", severity="information", timeout=2)
            return
        self.open_article(target)

    def action_next_article(self) -> None:
        self._step_article(1)

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_filter(self) -> None:
        self.query_one("#main").add_class("-list-open")  # shown even where it is hidden for room
        self.query_one("#filter", Input).focus()

    def on_descendant_focus(self, event) -> None:
        # On narrow screens the list shows only while it (or its filter) has focus.
        in_list = event.widget is self.article_list or event.widget.id == "filter"
        self.query_one("#main").set_class(in_list, "-list-open")

    @on(Input.Changed, "#filter")
    def filter_changed(self, event: Input.Changed) -> None:
        # Wait for a pause in typing: each keystroke would otherwise run a query.
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, lambda: self.apply_filter(event.value))

    def apply_filter(self, value: str) -> None:
        self.article_list.reload(value)
        self.article_list.move_to(0)
        if self.article_list.total:
            self.show_status(f"{self.article_list.total} articles match “{one_line(value, 40)}”" if value else "filter cleared")
        else:
            self.show_status(f"no article matches “{one_line(value, 40)}”")

    @on(Input.Submitted, "#filter")
    def filter_submitted(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self.apply_filter(self.query_one("#filter", Input).value)
        self.article_list.focus()

    def on_key(self, event) -> None:
        filter_input = self.query_one("#filter", Input)
        if event.key == "escape" and filter_input.has_focus:
            filter_input.value = ""
            self.apply_filter("")
            self.reader.focus()
        elif event.key == "down" and filter_input.has_focus:
            self.article_list.focus()

    # --- reviewing ------------------------------------------------------------------

    def action_accept(self) -> None:
        span = self.current_span(verb="accept")
        if span is not None:
            self.commit(f"accepted {self.describe(span)}", lambda: self.store.accept(span.id))

    def action_reject(self) -> None:
        span = self.current_span(verb="reject")
        if span is None:
            return
        verb = "deleted" if span.origin == "human" else "rejected"
        self.commit(f"{verb} {self.describe(span)}", lambda: self.store.reject(span.id))

    def action_relabel(self) -> None:
        span = self.current_span(verb="relabel")
        if span is None:
            return
        if span.kind != "entity":
            self.notify(f"a {span.kind} has one label; t tags a claim, s sets a quote's speaker", severity="warning")
            return

        def relabel(label: str | None) -> None:
            if label and label != span.label:
                self.commit(f"relabelled {self.describe(span)} as {label}", lambda: self.store.relabel(span.id, label))

        snippet = one_line(self.article.text[span.start:span.end], 50)
        title = f"Label for “{snippet}” (now {span.label})"
        self.push_screen(ChoicePicker(title, self.labels.entity_labels, span.label, coloured=True), relabel)

    def action_boundaries(self) -> None:
        span = self.current_span(verb="adjust boundaries")
        if span is not None and self.reader.start_boundaries():
            self.reader.focus()
            self.show_status("boundaries: ←/→ start · shift+←/→ end · ctrl+… by word · enter saves · escape cancels")

    @on(Reader.BoundariesDone)
    def boundaries_done(self, event: Reader.BoundariesDone) -> None:
        span, bounds = event.span, event.bounds
        if bounds is None or bounds == (span.start, span.end):
            self.show_status("boundaries unchanged")
            return
        self.commit(f"resized {span.kind} {span.label} to {bounds[0]}-{bounds[1]}",
                    lambda: self.store.resize(span.id, *bounds))

    def action_toggle_done(self) -> None:
        if self.article is None:
            return
        done = not self.article.done
        article_id = self.article.id
        self.commit("marked the article done" if done else "marked the article not done",
                    lambda: self.store.mark_done(article_id, done))

    # --- making spans ---------------------------------------------------------------

    def _selection(self, what: str) -> tuple[int, int] | None:
        selected = self.reader.selected_range() if self.article else None
        if selected is None:
            self.notify(f"select the {what}'s text first (shift+arrows or drag with the mouse)", severity="warning")
        return selected

    def _add(self, bounds: tuple[int, int], kind: str, label: str, **fields) -> None:
        assert self.article is not None
        article_id = self.article.id
        snippet = one_line(self.article.text[bounds[0]:bounds[1]], 60)
        made = self.commit(f"added {kind} {label} “{snippet}”",
                           lambda: self.store.add_span(article_id, bounds[0], bounds[1], kind, label, **fields))
        if isinstance(made, SpanRecord) and made.id in self.reader.index.by_id:
            self.reader.go_to_span(self.reader.index.by_id[made.id])

    def action_make_entity(self) -> None:
        bounds = self._selection("entity")
        if bounds is None:
            return
        snippet = one_line(self.article.text[bounds[0]:bounds[1]], 50)

        def make(label: str | None) -> None:
            if label:
                self._add(bounds, "entity", label)

        self.push_screen(ChoicePicker(f"Label for “{snippet}”", self.labels.entity_labels, coloured=True), make)

    def action_make_quote(self) -> None:
        bounds = self._selection("quote")
        if bounds is None:
            return

        def make(speaker: str | None) -> None:
            if speaker is None:
                return
            self._add(bounds, "quote", QUOTE_LABEL, **self._speaker_fields(speaker, bounds[0]))

        self.push_screen(SpeakerPicker(self.store.people(self.article.id), quote=self.article.text[bounds[0]:bounds[1]]), make)

    def _speaker_fields(self, speaker: str, near: int) -> dict:
        """Speaker name, and the offsets of the PERSON mention nearest the quote, if any."""
        if not speaker:
            return {"speaker": None, "speaker_start": None, "speaker_end": None}
        text = self.article.text
        mentions = [s for s in self.reader.index.of_kind("entity") if text[s.start:s.end] == speaker]
        if not mentions:
            return {"speaker": speaker, "speaker_start": None, "speaker_end": None}
        nearest = min(mentions, key=lambda s: abs(s.start - near))
        return {"speaker": speaker, "speaker_start": nearest.start, "speaker_end": nearest.end}

    def action_make_claim(self) -> None:
        bounds = self._selection("claim")
        if bounds is not None:
            self._add(bounds, "claim", CLAIM_LABEL)

    # --- quotes and claims ----------------------------------------------------------

    def action_speaker(self) -> None:
        quote = self.current_span("quote", verb="setting a speaker")
        if quote is None:
            return

        def set_speaker(speaker: str | None) -> None:
            if speaker is None:
                return
            fields = self._speaker_fields(speaker, quote.start)
            self.commit(f"speaker of the quote: {speaker or 'none'}",
                        lambda: self.store.set_speaker(quote.id, fields["speaker"], fields["speaker_start"], fields["speaker_end"]))

        people = self.store.people(self.article.id)
        self.push_screen(SpeakerPicker(people, quote.speaker, self.article.text[quote.start:quote.end]), set_speaker)

    def action_tags(self) -> None:
        claim = self.current_span("claim", verb="tagging")
        if claim is None:
            return

        def set_tags(tags: list[str] | None) -> None:
            if tags is not None:
                self.commit(f"tags of the claim: {', '.join(tags) or 'none'}", lambda: self.store.set_tags(claim.id, tags))

        self.push_screen(TagPicker(self.labels.claim_tags, claim.tags), set_tags)

    def action_verdict(self) -> None:
        claim = self.current_span("claim", verb="a verdict")
        if claim is None:
            return

        def set_verdict(verdict: str | None) -> None:
            if verdict is not None:
                self.commit(f"verdict of the claim: {verdict or 'none'}",
                            lambda: self.store.set_verdict(claim.id, verdict or None))

        self.push_screen(ChoicePicker("Verdict on the claim", self.labels.verdicts, claim.verdict, none_choice="no verdict"), set_verdict)

    def action_note(self) -> None:
        claim = self.current_span("claim", verb="a note")
        if claim is None:
            return

        def set_note(result: tuple[str | None, str | None] | None) -> None:
            if result is not None:
                self.commit("note of the claim saved", lambda: self.store.set_note(claim.id, *result))

        text = self.article.text[claim.start:claim.end]
        self.push_screen(NoteEditor(text, claim.note, claim.normalized), set_note)

    # --- history --------------------------------------------------------------------

    def _replayed(self, verb: str, record) -> None:
        if record is None:
            self.notify(f"nothing to {verb}", severity="information", timeout=2)
            return
        if record.article_id is not None and (self.article is None or record.article_id != self.article.id):
            self.open_article(record.article_id)  # show where the undone action was
        self.reload_spans()
        if record.target == "span" and record.target_id in self.reader.index.by_id:
            self.reader.go_to_span(self.reader.index.by_id[record.target_id])
        past = {"undo": "undid", "redo": "redid"}[verb]
        self.show_status(f"{past} {record.action} ({record.target} {record.target_id})", saved=True)
        self.load_progress()

    def action_undo(self) -> None:
        try:
            self._replayed("undo", self.store.undo())
        except StoreError as exc:
            self.notify(str(exc), severity="error")

    def action_redo(self) -> None:
        try:
            self._replayed("redo", self.store.redo())
        except StoreError as exc:
            self.notify(str(exc), severity="error")

    # --- app ------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.labels))

    def action_compare(self) -> None:
        if self.article is None:
            return
        a_id = self.article.id

        def compare(b_id: int | None) -> None:
            if b_id is None:
                return
            if importlib.util.find_spec(COMPARE_MODULE) is None:
                self.notify("comparison not available yet", severity="warning")
                return
            module = importlib.import_module(COMPARE_MODULE)
            self.push_screen(module.CompareScreen(self.store, a_id, b_id))

        self.push_screen(ArticlePicker(self.store.count_articles, self._page, exclude=a_id), compare)


def run(db: str | Path, annotator: str | None = None) -> None:  # pragma: no cover - manual use
    CopydeskApp(Store.open(db, annotator)).run()
