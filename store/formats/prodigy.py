"""What Prodigy's task format needs beside the spans: tokens, token bounds,
task hashes and relations.

Hashes.  Prodigy's ``set_hashes`` gives every task an ``_input_hash`` (from its
input keys, for text tasks ``"text"``) and a ``_task_hash`` (from the input hash
and its task keys: ``"spans"``, ``"label"``, ``"options"``, plus
``"relations"`` here), as 32-bit signed MurmurHash3 values.  Prodigy's own
source is not public; we hash a JSON dump of those keys (sorted keys, compact)
with MurmurHash3 x86_32, seed 0 (the ``murmurhash`` package spaCy already
depends on; the same values as ``mmh3.hash``).  Two identical texts get the same
``_input_hash`` in every export, so Prodigy groups a text's annotations as it
does its own, and any change of spans or relations changes ``_task_hash``; the
numbers are not promised to equal the ones Prodigy itself would compute.

Relations follow Prodigy's ``rel`` format: ``{"head", "child", "head_span",
"child_span", "label"}``, ``head``/``child`` being the last token of each span
(``token_end``), the ``*_span`` objects the spans' offsets, token bounds and
labels.
"""
from __future__ import annotations

import json
import zlib
from bisect import bisect_right
from functools import lru_cache
from json.encoder import encode_basestring as _encode_str  # what json.dumps(ensure_ascii=False) uses for a str
from typing import Any, Sequence

INPUT_KEYS = ("text",)
TASK_KEYS = ("spans", "label", "options", "relations")


@lru_cache(maxsize=1)
def _tokenizer():
    # The rule-based English tokenizer: the same tokens as the trained
    # pipelines, without loading a model for an export.
    import spacy

    return spacy.blank("en").tokenizer


# The version of ``Tokens.json``'s output: part of the key of the tokens kept
# at import (store.token_cache), so a change to it never serves a stale string.
TOKENS_JSON_VERSION = 1


@lru_cache(maxsize=1)
def tokenizer_identity() -> str:
    """The exports' tokenizer's identity (``annotators.tokenization``)."""
    from annotators.tokenization import tokenizer_identity as identity

    return identity(_tokenizer())


class Tokens:
    """An article's tokens as plain arrays (start, end, whitespace), built once
    from spaCy's tokenizer output without making a Python Token per token; or
    (``Tokens.kept``) the bounds and token list JSON kept at import."""

    __slots__ = ("text", "starts", "ends", "spaces", "input_hash", "_packed")

    def __init__(self, text: str):
        from spacy.attrs import IDX, LENGTH, SPACY

        doc = _tokenizer()(text)
        self.text = text
        self.input_hash = self._packed = None
        if len(doc):
            arr = doc.to_array([IDX, LENGTH, SPACY])
            self.starts = arr[:, 0].tolist()
            self.ends = (arr[:, 0] + arr[:, 1]).tolist()
            self.spaces = arr[:, 2].astype(bool).tolist()
        else:
            self.starts, self.ends, self.spaces = [], [], []

    @classmethod
    def from_arrays(cls, text: str, starts: Sequence[int], ends: Sequence[int], spaces: Sequence[bool]) -> "Tokens":
        tokens = cls.__new__(cls)
        tokens.text, tokens.input_hash, tokens._packed = text, None, None
        tokens.starts, tokens.ends, tokens.spaces = list(starts), list(ends), list(spaces)
        return tokens

    @classmethod
    def kept(cls, text: str, starts: list[int], ends: list[int], packed: bytes, input_hash: int) -> "Tokens":
        """Tokens kept at import: their bounds, ``json()``'s string (UTF-8,
        zlib-compressed; inflated when written, so a batch of articles holds
        it small) and the text's ``_input_hash`` (no whitespace flags: the
        JSON holds them)."""
        tokens = cls.__new__(cls)
        tokens.text, tokens.starts, tokens.ends, tokens.spaces = text, starts, ends, None
        tokens._packed, tokens.input_hash = packed, input_hash
        return tokens

    def records(self) -> list[dict[str, Any]]:
        if self._packed is not None:
            return json.loads(self.json())
        text = self.text
        return [{"text": text[s:e], "start": s, "end": e, "id": i, "ws": w}
                for i, (s, e, w) in enumerate(zip(self.starts, self.ends, self.spaces))]

    def json(self) -> str:
        """``json.dumps(self.records(), ensure_ascii=False)``, written out
        directly: the token list is most of a task line, and building ~700
        dicts an article only to encode them doubled the export's time."""
        if self._packed is not None:
            return zlib.decompress(self._packed).decode("utf-8")
        text = self.text
        return "[" + ", ".join([
            f'{{"text": {_encode_str(text[s:e])}, "start": {s}, "end": {e}, "id": {i}, "ws": {"true" if w else "false"}}}'
            for i, (s, e, w) in enumerate(zip(self.starts, self.ends, self.spaces))]) + "]"

    def bounds(self, start: int, end: int) -> tuple[int | None, int | None, bool]:
        """First and last (inclusive) token touching [start, end), and whether
        start and end fall exactly on token boundaries."""
        ends, starts = self.ends, self.starts
        first = bisect_right(ends, start)  # first token ending after start
        if first >= len(ends) or starts[first] >= end:
            return None, None, False
        last = bisect_right(starts, end - 1) - 1  # last token starting before end
        if last < first:  # max(first, last), without the builtin call's cost per span
            last = first
        return first, last, starts[first] == start and ends[last] == end


def tokens_of(text: str) -> list[dict[str, Any]]:
    return Tokens(text).records()


def _hash(value: str) -> int:
    from murmurhash.mrmr import hash as murmur

    return murmur(value)


# json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False), the
# encoder made once: json.dumps builds a new JSONEncoder on every call with these options.
_HASH_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False, check_circular=False).encode


def task_input_hash(task: dict[str, Any]) -> int:
    return _hash(_HASH_JSON({k: task[k] for k in INPUT_KEYS if k in task}))


def set_hashes(task: dict[str, Any], known_input_hash: int | None = None) -> dict[str, Any]:
    """``known_input_hash``: ``task_input_hash(task)``, when the caller kept it."""
    input_hash = task_input_hash(task) if known_input_hash is None else known_input_hash
    keys = {k: task[k] for k in TASK_KEYS if k in task}
    task_hash = _hash(str(input_hash) + _HASH_JSON(keys))
    task["_input_hash"] = input_hash
    task["_task_hash"] = task_hash
    return task


def rel_span(entry: dict[str, Any], label: str) -> dict[str, Any]:
    return {"start": entry["start"], "end": entry["end"], "token_start": entry["token_start"],
            "token_end": entry["token_end"], "label": label}


def relation(head: dict[str, Any], child: dict[str, Any], label: str, head_label: str, child_label: str) -> dict[str, Any]:
    return {"head": head["token_end"], "child": child["token_end"], "head_span": rel_span(head, head_label),
            "child_span": rel_span(child, child_label), "label": label}


def bounds_in(tokens: Tokens, start: int, end: int) -> dict[str, Any]:
    first, last, _ = tokens.bounds(start, end)
    return {"start": start, "end": end, "token_start": first, "token_end": last}


def annotators_of(spans: Sequence[Any]) -> str | None:
    names = sorted({s.annotator for s in spans if getattr(s, "annotator", None)})
    return "+".join(names) if names else None
