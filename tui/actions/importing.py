"""Importing in the background (copydesk annotate PATH...)."""
from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from store import StoreError

from ..widgets.spanview import one_line
from .closing import skipped_while_closing

# Articles per committed batch when the app imports: small, so the list fills
# in soon and quitting mid-import waits for at most a few articles.
IMPORT_BATCH = 8


class ImportCancelled(Exception):
    """Raised inside the import worker to stop it when the app quits."""


class ImportMixin:
    @work(thread=True, exclusive=True, group="import")
    def import_in_background(self) -> None:
        """Import ``import_from`` on a connection of the worker's own; each batch
        is committed as it lands, so quitting mid-way keeps what was imported and
        the next import skips it (content hash)."""
        from annotators.pipeline import ModelNotFound, Preannotator
        from store.ingest import import_paths

        preannotator = self.preannotator or Preannotator(self.model, budget_seconds=self.labels.preannotate_budget_seconds,
                                                         claim_threshold=self.labels.claim_threshold)
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

    @skipped_while_closing
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

    @skipped_while_closing
    def _import_finished(self, report, model_message: str | None) -> None:
        self.import_report = report
        self.article_list.empty_message = " no articles yet"
        if self.article is not None and self.article.id in report.updated:
            self.open_article(self.article.id)  # its text changed under the reader
        self._show_imported()
        self.show_status(report.summary())
        for problem in report.problems:
            self.notify(f"skipped {problem}", severity="error", timeout=12)
        for path, skipped in report.over_budget:
            self.notify(f"{path}: stored without {', '.join(skipped)} suggestions (over the pre-annotation time budget)",
                        severity="warning", timeout=12)
        for stale in report.stale:
            self.notify(f"article {stale.article_id}: {stale.kind} {stale.label} “{one_line(stale.text, 40)}” no longer "
                        f"matches the new text (kept in the action log as span {stale.span_id})",
                        severity="warning", timeout=12)
        if model_message:
            self.notify(model_message, severity="warning", timeout=12)
        self.load_progress()
