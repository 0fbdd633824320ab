"""The reviewer's speaker, tags and verdict for the difference shown: the
reader's keys (s, t, v) and pickers, written as the reviewer's own version
in the gold (``store.review_edit``)."""
from __future__ import annotations

from ..widgets.spanview import one_line
from .pickers import ChoicePicker, SpeakerPicker, TagPicker


class ReviewAttributes:
    def _difference_of(self, kind: str, what: str):
        item = self.current
        if item is None:
            return None
        if item.difference.kind != kind:
            self.say(f"{what} is for a {kind}: this difference is a {item.difference.kind}", "yellow")
            return None
        return item

    def _gold_version(self, item):
        """The span as the gold has it now (the reviewer's version, else the span's)."""
        return next((r for r in self.store.spans_for(item.article_id, layer="gold") if r.id == item.difference.span_id),
                    None)

    def action_speaker(self) -> None:
        item = self._difference_of("quote", "a speaker")
        if item is None:
            return
        span_id, text = item.difference.span_id, self.gold.article_text
        current = self._gold_version(item)

        def chosen(name: str | None) -> None:
            if name is None:
                return
            self._decide(item, f"speaker {name or 'none'} by the reviewer",
                         lambda store: store.review_edit(span_id, status="corrected", speaker=name or None))

        self.app.push_screen(SpeakerPicker(self.store.people(item.article_id), current.speaker if current else None,
                                           quote=text[item.difference.start:item.difference.end]), chosen)

    def action_tags(self) -> None:
        item = self._difference_of("claim", "tags")
        if item is None:
            return
        span_id = item.difference.span_id
        current = self._gold_version(item)

        def chosen(tags: list[str] | None) -> None:
            if tags is not None:
                self._decide(item, f"tags {', '.join(tags) or 'none'} by the reviewer",
                             lambda store: store.review_edit(span_id, status="corrected", tags=tags))

        self.app.push_screen(TagPicker(self.labels.claim_tags, current.tags if current else ()), chosen)

    def action_verdict(self) -> None:
        item = self._difference_of("claim", "a verdict")
        if item is None:
            return
        span_id = item.difference.span_id
        current = self._gold_version(item)
        snippet = one_line(self.gold.article_text[item.difference.start:item.difference.end], 50)

        def chosen(verdict: str | None) -> None:
            if verdict is not None:
                self._decide(item, f"verdict {verdict or 'none'} by the reviewer",
                             lambda store: store.review_edit(span_id, status="corrected", verdict=verdict or None))

        self.app.push_screen(ChoicePicker(f"Verdict for “{snippet}”", self.labels.verdicts,
                                          current.verdict if current else None, none_choice="no verdict"), chosen)
