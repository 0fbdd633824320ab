"""Committing actions without ever blocking the event loop on the write lock.

An action is tried at once on the app's connection, without waiting for the
lock (``Store.without_waiting``): that is every action when nobody else is
writing, and it changes nothing there.  When another process holds the lock
(an import, a colleague's long transaction), the action goes to the writer: one
thread with a connection of its own that runs queued actions in the order they
were made, each waiting for the lock as long as the store's busy timeout allows.
The keys keep working meanwhile, the status line says what it waits for, and
each action's result comes back to the event loop, which redraws from it.  An
action the database refused (it stayed locked past the timeout) is named, and
so are the ones queued behind it, which are refused with it: none is applied
out of order, none twice, and none silently dropped.
"""
from __future__ import annotations

import queue
import threading
from dataclasses import dataclass
from typing import Callable

from store import DatabaseBusy, SpanRecord, Store, StoreError, WriteLockHeld

from ..widgets.spanview import one_line
from .closing import skipped_while_closing

WAITING = "waiting for the database (held by another process)"


@dataclass
class Job:
    what: str  # the status line once saved ("" : ``then`` says it)
    action: Callable[[Store], object]  # run with the store of the thread that commits
    then: Callable[[object], None] | None = None  # on the event loop, with the action's result
    refresh: bool = True  # the reader re-reads the article's spans before ``then``
    refused: Callable[[], None] | None = None  # on the event loop, if it was not saved


class Writer:
    """One thread and one connection that commit queued jobs in order."""

    def __init__(self, store: Store, deliver: Callable[[Job, object, StoreError | None], None]) -> None:
        self.store = store
        self.deliver = deliver  # called in the thread; it hands the result to the event loop
        self.pending = 0  # jobs submitted and not delivered yet (the event loop's count)
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None

    @property
    def idle(self) -> bool:
        return self.pending == 0

    def submit(self, job: Job) -> None:
        self.pending += 1
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="copydesk-writer", daemon=True)
            self._thread.start()
        self._jobs.put(job)

    def stop(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)

    def _run(self) -> None:
        store: Store | None = None
        while (job := self._jobs.get()) is not None:
            try:
                if store is None:
                    store = self.store.reopen_for_thread()
                result, error = job.action(store), None
            except StoreError as exc:
                result, error = None, exc
            if not self.deliver(job, result, error):
                break  # the app has gone
            if isinstance(error, DatabaseBusy):
                self._refuse_queued(error)
        if store is not None:
            store.close()

    def _refuse_queued(self, error: StoreError) -> None:
        """Jobs queued behind one the lock timed out on are refused with it:
        applied later, they would land out of order (an undo undoing another action)."""
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                return
            if job is None or not self.deliver(job, None, error):
                return


class WritingMixin:
    """``commit`` for any copydesk app; the app says what a saved action and a
    status message look like (``after_write``, ``write_status``)."""

    _writer: Writer | None = None

    @property
    def writer(self) -> Writer:
        if self._writer is None:
            self._writer = Writer(self.store, self._deliver_from_thread)
        return self._writer

    def commit(self, what: str, action: Callable[[Store], object], then: Callable[[object], None] | None = None,
               refresh: bool = True, refused: Callable[[], None] | None = None) -> bool | None:
        """Commit one Store action and show that it was saved.  True: done now;
        False: queued behind the write lock (``then`` runs once it is saved);
        None: refused (said in a notification)."""
        job = Job(what, action, then, refresh, refused)
        if self.writer.idle:
            try:
                with self.store.without_waiting():
                    result = action(self.store)
            except WriteLockHeld:
                pass  # nothing was written: the writer waits for the lock
            except StoreError as exc:
                self._refused(job, exc)
                return None
            else:
                self._written(job, result)
                return True
        self.writer.submit(job)
        self._show_waiting()
        return False

    def _show_waiting(self) -> None:
        queued = self.writer.pending
        self.write_status(WAITING + (f" · {queued} actions queued" if queued > 1 else "") + " …")

    def _deliver_from_thread(self, job: Job, result: object, error: StoreError | None) -> bool:
        try:
            self.call_from_thread(self._delivered, job, result, error)
        except RuntimeError:  # the app's loop has stopped
            return False
        return True

    @skipped_while_closing
    def _delivered(self, job: Job, result: object, error: StoreError | None) -> None:
        self.writer.pending -= 1
        if error is not None:
            self._refused(job, error)
        else:
            self._written(job, result)
            if not self.writer.idle:
                self._show_waiting()
        if self._quit_when_written and self.writer.idle:
            self.exit()

    def _written(self, job: Job, result: object) -> None:
        self.after_write(job, result)
        if job.then is not None:
            job.then(result)

    def _refused(self, job: Job, error: StoreError) -> None:
        what = f" ({one_line(job.what, 60)})" if job.what else ""
        self.notify(f"not saved{what}: {error}", severity="error", timeout=8)
        if isinstance(error, DatabaseBusy):
            self.write_status(f"not saved{what}: the database stayed locked by another process")
        else:
            self.write_status(f"not saved{what}: {error}")
        if job.refused is not None:
            job.refused()

    # --- what the app shows (an app overrides these) --------------------------------

    def after_write(self, job: Job, result: object = None) -> None:
        """Show that ``job`` was saved (before its ``then``; ``result``: what its action returned)."""

    def write_status(self, message: str, saved: bool = False) -> None:
        if not saved:
            self.notify(message, timeout=4)

    # --- quitting with actions still queued ---------------------------------------

    _quit_when_written = False

    async def action_quit(self) -> None:
        """Quitting while actions wait for the lock waits for them too (the app
        promises every action is saved); ctrl+q again quits without them."""
        if self._writer is not None and not self._writer.idle and not self._quit_when_written:
            self._quit_when_written = True
            self.write_status(f"{self._writer.pending} actions still waiting for the database: quitting once they "
                             "are saved (ctrl+q again quits without them)")
            return
        await super().action_quit()

    def on_unmount(self) -> None:
        if self._writer is not None:
            self._writer.stop()
        # A clean quit leaves the work in the .db file itself, not in its -wal
        # (copied alone, the file carries every judgment); never waits.
        self.store.checkpoint()


class ReaderWriting(WritingMixin):
    """The reader's side of a saved action: the article's spans re-read, the
    status line, the header's counts."""

    def after_write(self, job: Job, result: object = None) -> None:
        # A judgment returns the span's new record: the reader takes it without
        # re-reading the article. The header's counts follow with the list's,
        # after the key's repaint (reload_spans arms that refresh).
        if job.refresh:
            self.reload_spans(result if isinstance(result, SpanRecord) else None)
        else:
            self._arm_list_refresh(self._refresh_list)  # undo, redo: their ``then`` redraws; the counts change
        if job.what:
            self.show_status(job.what, saved=True)

    def write_status(self, message: str, saved: bool = False) -> None:
        self.show_status(message, saved=saved)
