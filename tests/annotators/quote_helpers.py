"""What the attribution tests share: a quote's attributes by a snippet of it."""
from __future__ import annotations

from annotators.quotes import find_quotes


def speaker_of(nlp, text: str, snippet: str) -> dict:
    spans = find_quotes(nlp(text))
    for span in spans:
        if snippet in text[span.start:span.end]:
            return dict(span.attrs)
    raise AssertionError(f"no quote containing {snippet!r} in {[text[s.start:s.end] for s in spans]}")
