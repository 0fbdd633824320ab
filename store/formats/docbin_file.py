"""A ``.spacy`` file written Doc by Doc: the bytes ``DocBin.to_disk`` writes,
in memory that does not grow with the number of Docs.

A ``DocBin`` keeps every Doc's arrays, user data and span groups until
``to_bytes``, which then stacks the arrays, packs the lot with msgpack and
compresses it: three copies of the corpus at once (about 350 MB for 1,000
news articles).  The file is ``zlib(msgpack({...}))`` (spaCy's
``DocBin.to_bytes``); msgpack is a stream format (an array is its header and
then its items), so each Doc's parts go to temporary files as they come and
are poured through one zlib stream at the end.  Only the set of strings (the
vocabulary) stays in memory.  The test holds the output to ``to_bytes``'s.
"""
from __future__ import annotations

import struct
import tempfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Iterator

import srsly

CHUNK = 1 << 20


def _bin_header(n: int) -> bytes:
    if n < 1 << 8:
        return b"\xc4" + struct.pack(">B", n)
    if n < 1 << 16:
        return b"\xc5" + struct.pack(">H", n)
    return b"\xc6" + struct.pack(">I", n)


def _array_header(n: int) -> bytes:
    if n < 16:
        return struct.pack(">B", 0x90 | n)
    if n < 1 << 16:
        return b"\xdc" + struct.pack(">H", n)
    return b"\xdd" + struct.pack(">I", n)


class _Part:
    """One value of the msgpack map, spooled to a temporary file: raw bytes
    (a ``bin``) or packed items (an array)."""

    def __init__(self, folder: Path, name: str):
        self.file: BinaryIO = (folder / name).open("w+b")
        self.size = 0
        self.items = 0

    def add_raw(self, data: bytes) -> None:
        self.file.write(data)
        self.size += len(data)

    def add_item(self, value) -> None:
        self.add_raw(srsly.msgpack_dumps(value))
        self.items += 1

    def pour(self, header: bytes, write) -> None:
        write(header)
        self.file.seek(0)
        while chunk := self.file.read(CHUNK):
            write(chunk)
        self.file.close()


@contextmanager
def _entry_points_read_once() -> Iterator[None]:
    """srsly makes a new msgpack Packer for every ``msgpack_dumps``, and each
    one asks catalogue for every registered msgpack encoder (``get_all``: a
    scan of every installed distribution's entry points and of catalogue's
    whole registry, spaCy's hundreds of functions, about 1 ms); eight of them
    a Doc (its user data, its span groups, our four parts) were a third of
    the spacy export's time.  Nothing registers an encoder during an export:
    the answer is read once and handed out until the end (the same encoders,
    so the same bytes)."""
    from srsly import msgpack

    registries = (msgpack.msgpack_encoders, msgpack.msgpack_decoders)
    for registry in registries:
        found = registry.get_all()
        registry.get_all = lambda found=found: dict(found)
    try:
        yield
    finally:
        for registry in registries:
            del registry.get_all  # the class's method again


# The token attributes whose strings DocBin.add keeps (text, tag_, lemma_,
# norm_, dep_, ent_type_, ent_kb_id_, ent_id_; str(morph) is the one more).
_STRING_ATTRS = ("ORTH", "TAG", "LEMMA", "NORM", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")
_MORPH = "MORPH"


def _token_strings(doc) -> set[str]:
    """``DocBin.add``'s strings of the tokens of a Doc without morphology
    (``str(token.morph)`` is then "", the string of hash 0)."""
    import numpy

    strings = doc.vocab.strings
    found = {strings[int(h)] for h in numpy.unique(doc.to_array(list(_STRING_ATTRS)))} if len(doc) else set()
    if len(doc):
        found.add("")
    return found


def _span_strings(doc) -> set[str]:
    """``DocBin.add``'s strings of the span groups: labels, and the kb and
    span ids that are in the vocabulary."""
    known = doc.vocab.strings
    found: set[str] = set()
    for group in doc.spans.values():
        for span in group:
            found.add(span.label_)
            if span.kb_id in known:
                found.add(span.kb_id_)
            if span.id in known:
                found.add(span.id_)
    return found


class DocBinFile:
    """``with DocBinFile(path) as out: out.add(doc)``: what
    ``DocBin(store_user_data=True)`` + ``add`` + ``to_disk(path)`` write."""

    def __init__(self, path: Path):
        from spacy.tokens import DocBin

        self.path = Path(path)
        self._bin = DocBin(store_user_data=True)  # its attrs, and its add() for one Doc at a time
        self._folder = tempfile.TemporaryDirectory(prefix="docbin-")
        folder = Path(self._folder.name)
        self._parts = {name: _Part(folder, name) for name in
                       ("tokens", "spaces", "lengths", "cats", "flags", "span_groups", "user_data")}
        self._strings: set[str] = set()
        self._entry_points = _entry_points_read_once()

    def __enter__(self) -> "DocBinFile":
        self._entry_points.__enter__()
        return self

    def __exit__(self, kind, *_exc) -> None:
        try:
            if kind is None:
                self._write()
        finally:
            for part in self._parts.values():
                part.file.close()
            self._folder.cleanup()
            self._entry_points.__exit__(None, None, None)

    def add(self, doc) -> None:
        """What ``DocBin.add`` keeps of ``doc``, spooled.  Its strings are
        found from the token arrays (each distinct hash looked up once), not
        through a Token per token and nine attribute strings each (``DocBin.add``'s
        loop: half the spacy export's time); a Doc with morphology goes
        through ``DocBin.add`` itself."""
        import numpy
        from spacy.attrs import SPACY

        bin_, parts = self._bin, self._parts
        if len(doc) and doc.to_array(_MORPH).any():
            bin_.add(doc)
            tokens, spaces = bin_.tokens.pop(), bin_.spaces.pop()
            cats, flags, span_groups, user_data = (bin_.cats.pop(), bin_.flags.pop(), bin_.span_groups.pop(),
                                                   bin_.user_data.pop())
            self._strings |= bin_.strings
            bin_.strings.clear()
        else:
            tokens = doc.to_array(bin_.attrs)
            if len(tokens.shape) == 1:
                tokens = tokens.reshape((tokens.shape[0], 1))
            spaces = numpy.asarray(doc.to_array(SPACY).reshape((len(doc), 1)), dtype=bool)
            cats, flags = doc.cats, {"has_unknown_spaces": doc.has_unknown_spaces}
            user_data, span_groups = srsly.msgpack_dumps(doc.user_data), doc.spans.to_bytes()
            self._strings |= _token_strings(doc)
            self._strings |= _span_strings(doc)
        parts["tokens"].add_raw(tokens.tobytes("C"))
        parts["spaces"].add_raw(spaces.tobytes("C"))
        parts["lengths"].add_raw(struct.pack("=i", len(tokens)))  # int32 in native order, as to_bytes
        parts["cats"].add_item(cats)
        parts["flags"].add_item(flags)
        parts["span_groups"].add_item(span_groups)
        parts["user_data"].add_item(user_data)

    def _write(self) -> None:
        parts, pack = self._parts, srsly.msgpack_dumps
        compressor = zlib.compressobj()
        with self.path.open("wb") as fh:
            def write(data: bytes) -> None:
                fh.write(compressor.compress(data))

            write(b"\x8a")  # a map of ten keys, in to_bytes's order
            write(pack("version") + pack(self._bin.version) + pack("attrs") + pack(self._bin.attrs))
            for name in ("tokens", "spaces", "lengths"):
                write(pack(name))
                parts[name].pour(_bin_header(parts[name].size), write)
            write(pack("strings") + pack(sorted(self._strings)))
            for name in ("cats", "flags", "span_groups", "user_data"):
                write(pack(name))
                parts[name].pour(_array_header(parts[name].items), write)
            fh.write(compressor.flush())
