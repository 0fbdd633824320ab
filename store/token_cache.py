"""Articles' tokens kept from import for the jsonl export (schema version 5).

A Prodigy task line carries the article's tokens, a pure function of its text
and the tokenizer, and their JSON is most of the line: computing them again at
every export (spaCy's tokenizer, then the list's JSON) was a third of its
time.  Import already ran spaCy over the text, so ``save`` keeps, per article,
the token bounds, the token list's JSON exactly as ``prodigy.Tokens.json``
writes it (zlib-compressed: 49 KB of JSON an average article is 11 KB, and
inflating it costs a fraction of cutting and encoding the tokens again), and
the text's ``_input_hash``, under a key made of the text and
the identity of the tokenizer that cut it.  ``kept`` hands back only rows whose
key matches the article's text now and the exports' own tokenizer; anything
else (a re-import changed the text, another spaCy, another pipeline, no row)
is computed as before, and an export never writes this table.
"""
from __future__ import annotations

import hashlib
import sys
import zlib
from array import array
from typing import Sequence

import sqlite_utils

TABLE_DDL = """
CREATE TABLE "article_tokens" (
   "article_id" INTEGER PRIMARY KEY REFERENCES "articles"("id") ON DELETE CASCADE,
   "key" TEXT NOT NULL,
   "input_hash" INTEGER NOT NULL,
   "starts" BLOB NOT NULL,
   "ends" BLOB NOT NULL,
   "tokens" BLOB NOT NULL
)"""
LEVEL = 1  # zlib's fastest: import pays it per article, and the higher levels shrink it little more


def create_table(db: sqlite_utils.Database) -> None:
    """Schema version 5 (store.db's migration)."""
    db.conn.execute(TABLE_DDL)


def key(tokenizer: str, text: str) -> str:
    """What the kept tokens are a function of: the tokenizer (its identity,
    ``annotators.tokenization.tokenizer_identity``), the text, and the version of
    the token list's JSON."""
    from .formats.prodigy import TOKENS_JSON_VERSION

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{TOKENS_JSON_VERSION}:{tokenizer}:".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _pack(values: Sequence[int]) -> bytes:
    packed = array("i", values)
    if sys.byteorder == "big":  # stored little-endian, whatever machine wrote it
        packed.byteswap()
    return packed.tobytes()


def _unpack(blob: bytes) -> list[int]:
    values = array("i")
    values.frombytes(blob)
    if sys.byteorder == "big":
        values.byteswap()
    return values.tolist()


def save(db: sqlite_utils.Database, article_id: int, text: str, tokens) -> None:
    """Keep ``tokens`` (an ``annotators.tokenization.Tokenization`` of ``text``) for
    the article, replacing what was kept; None forgets what was kept."""
    from .formats.prodigy import Tokens, task_input_hash

    if tokens is None:
        db.conn.execute("delete from article_tokens where article_id = ?", [article_id])
        return
    as_json = Tokens.from_arrays(text, tokens.starts, tokens.ends, tokens.spaces).json()
    db.conn.execute(
        "insert or replace into article_tokens (article_id, key, input_hash, starts, ends, tokens) "
        "values (?, ?, ?, ?, ?, ?)",
        [article_id, key(tokens.tokenizer, text), task_input_hash({"text": text}), _pack(tokens.starts),
         _pack(tokens.ends), zlib.compress(as_json.encode("utf-8"), LEVEL)])


def kept(db: sqlite_utils.Database, texts: dict[int, str]):
    """article id -> its kept ``prodigy.Tokens``, for the articles of
    ``texts`` (id -> text now) whose row is still their text's and the
    exports' tokenizer's; the others are left out."""
    from .formats.prodigy import Tokens, tokenizer_identity

    if not texts:
        return {}
    tokenizer = tokenizer_identity()
    ids = list(texts)
    out = {}
    for article_id, row_key, input_hash, starts, ends, packed in db.conn.execute(
            "select article_id, key, input_hash, starts, ends, tokens from article_tokens "
            f"where article_id in ({', '.join('?' for _ in ids)})", ids):
        text = texts[article_id]
        if row_key == key(tokenizer, text):
            out[article_id] = Tokens.kept(text, _unpack(starts), _unpack(ends), packed, input_hash)
    return out
