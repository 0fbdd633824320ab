"""Undo and redo, said in words: what was undone and on which span, never the
log's internal names ("undid accept_many (judgments)")."""
from __future__ import annotations

# The log's action names (store/actions.py) as a status line says them.
ACTION_WORDS = {
    "accept": "the accept", "accept_many": "the accept of several suggestions",
    "accept_rest_done": "the accept of the last suggestions and the done mark", "add": "the added span",
    "delete": "the deletion", "reject": "the rejection", "relabel": "the relabel", "resize": "the new boundaries",
    "ignore": "the ignore", "speaker": "the speaker", "tag": "the tags", "verdict": "the verdict", "note": "the note",
    "cue": "the cue", "review": "the reviewer's decision", "done": "the done mark", "not done": "the not-done mark",
    "reviewed": "the reviewed mark", "unreviewed": "the unreviewed mark", "link": "the link",
}


def action_words(action: str) -> str:
    return ACTION_WORDS.get(action, "the last action")


class HistoryMixin:
    def _replayed(self, verb: str, record) -> None:
        if record is None:
            message = f"nothing to {verb}: " + ("every action of yours is already undone" if verb == "undo"
                                                else "no undone action of yours to redo")
            self.notify(message, severity="information", timeout=2)
            self.show_status(message)
            return
        if record.article_id is not None and (self.article is None or record.article_id != self.article.id):
            self.open_article(record.article_id)  # show where the undone action was
        else:
            self.reload_spans()
        where = ""
        if record.target in ("span", "judgment") and record.target_id in self.reader.index.by_id:
            span = self.reader.index.by_id[record.target_id]
            self.reader.go_to_span(span)
            where = f" on {self.describe(span)}"
        elif record.article_id is not None:
            where = f" in article {record.article_id}"
        past = {"undo": "undid", "redo": "redid"}[verb]
        self.show_status(f"{past} {action_words(record.action)}{where}", saved=True)

    def action_undo(self) -> None:
        self.commit("", lambda store: store.undo(), lambda record: self._replayed("undo", record), refresh=False)

    def action_redo(self) -> None:
        self.commit("", lambda store: store.redo(), lambda record: self._replayed("redo", record), refresh=False)
