"""Making spans from a selection, and a quote's speaker, a claim's tags,
verdict and note."""
from __future__ import annotations

from ..config import CLAIM_LABEL, QUOTE_LABEL
from ..screens.pickers import ChoicePicker, NoteEditor, SpeakerPicker, TagPicker
from ..widgets.spanview import one_line


class MakingMixin:
    def _selection(self, what: str, exact: bool = False) -> tuple[int, int] | None:
        """The selection, widened to the whole tokens it touches; ``exact``
        (E, Q, C: the make keys with shift) keeps it character for character.
        (A terminal sends alt+shift+arrow as escape, shift+arrow: no modifier
        on the selection itself can be told apart, so it sits on the make key.)"""
        selected = self.reader.selected_range() if self.article else None
        if selected is None:
            self.notify(f"select the {what}'s text first (shift+arrows or drag with the mouse)", severity="warning")
            return None
        if exact:
            return selected
        return self.tokens.snap(*selected)

    def _add(self, bounds: tuple[int, int], kind: str, label: str, **fields) -> None:
        assert self.article is not None
        article_id = self.article.id
        snippet = one_line(self.article.text[bounds[0]:bounds[1]], 60)

        def go_to(made) -> None:
            if getattr(made, "id", None) in self.reader.index.by_id:
                self.reader.go_to_span(self.reader.index.by_id[made.id])

        self.commit(f"added {kind} {label} “{snippet}”",
                    lambda store: store.add_span(article_id, bounds[0], bounds[1], kind, label, **fields), go_to)

    def action_make_entity(self, exact: bool = False) -> None:
        bounds = self._selection("entity", exact)
        if bounds is None:
            return
        snippet = one_line(self.article.text[bounds[0]:bounds[1]], 50)

        def make(label: str | None) -> None:
            if label:
                self._add(bounds, "entity", label)

        self.push_screen(self.label_picker(f"Label for “{snippet}”"), make)

    def action_make_quote(self, exact: bool = False) -> None:
        bounds = self._selection("quote", exact)
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

    def action_make_claim(self, exact: bool = False) -> None:
        bounds = self._selection("claim", exact)
        if bounds is not None:
            self._add(bounds, "claim", CLAIM_LABEL)

    def action_speaker(self) -> None:
        quote = self.current_span("quote", verb="setting a speaker")
        if quote is None:
            return

        def set_speaker(speaker: str | None) -> None:
            if speaker is None:
                return
            fields = self._speaker_fields(speaker, quote.start)
            self.commit(f"speaker of the quote: {speaker or 'none'}",
                        lambda store: store.set_speaker(quote.id, fields["speaker"], fields["speaker_start"], fields["speaker_end"]))

        people = self.store.people(self.article.id)
        self.push_screen(SpeakerPicker(people, quote.speaker, self.article.text[quote.start:quote.end]), set_speaker)

    def action_tags(self) -> None:
        claim = self.current_span("claim", verb="tagging")
        if claim is None:
            return

        def set_tags(tags: list[str] | None) -> None:
            if tags is not None:
                self.commit(f"tags of the claim: {', '.join(tags) or 'none'}", lambda store: store.set_tags(claim.id, tags))

        self.push_screen(TagPicker(self.labels.claim_tags, claim.tags), set_tags)

    def action_verdict(self) -> None:
        claim = self.current_span("claim", verb="a verdict")
        if claim is None:
            return

        def set_verdict(verdict: str | None) -> None:
            if verdict is not None:
                self.commit(f"verdict of the claim: {verdict or 'none'}",
                            lambda store: store.set_verdict(claim.id, verdict or None))

        self.push_screen(ChoicePicker("Verdict on the claim", self.labels.verdicts, claim.verdict, none_choice="no verdict"), set_verdict)

    def action_note(self) -> None:
        claim = self.current_span("claim", verb="a note")
        if claim is None:
            return

        def set_note(result: tuple[str | None, str | None] | None) -> None:
            if result is not None:
                self.commit("note of the claim saved", lambda store: store.set_note(claim.id, *result))

        text = self.article.text[claim.start:claim.end]
        self.push_screen(NoteEditor(text, claim.note, claim.normalized), set_note)
