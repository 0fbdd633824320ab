"""Turning files into text, or into a named problem.

Everything the importer reads passes through here: which files a folder holds
(symbolic-link loops, unreadable folders and files of other types are named,
not skipped in silence), the bytes of one file as text (UTF-8, UTF-16 with or
without a byte-order mark; binary refused), and JSON Lines read one line at a
time with limits on what one line may hold.  Each refusal is an
:class:`UnreadableFile` (reason, and line when it can be told) that the
caller turns into a :class:`Problem`; nothing here stops a run.
"""
from __future__ import annotations

import codecs
import json
import math
import os
import re
import stat
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"PK\x03\x04", b"\x1f\x8b", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")
MAX_CONTROL_RATIO = 0.05
# An article file bigger than this is refused before it is read: a page,
# even with its scripts, is a few MB; anything bigger is not one article.
MAX_FILE_BYTES = 10_000_000
# One JSON line holds one article (at most 1,000,000 characters, which JSON
# escapes may write as 6 bytes each) and its meta; a longer line is refused
# without being held in memory.
MAX_JSONL_LINE_BYTES = 16_000_000
# Python refuses integers over 4,300 digits with a ValueError; no field of an
# article needs more than a few dozen.
MAX_INT_DIGITS = 100
# Deeper than any real meta object; far below Python's recursion limit.
MAX_JSON_DEPTH = 64
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.reason}"


class UnreadableFile(Exception):
    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line


# --- which files ----------------------------------------------------------------


# A file read with its partner (brat's .ann with its .txt): one without is named.
PAIRED = {".ann": ".txt"}


def walk_files(paths: Iterable[str | Path], wanted: set[str], given_ok: set[str],
               problems: list[Problem], notes: list[str]) -> Iterator[Path]:
    """The files to read under ``paths``: in folders, those whose suffix is in
    ``wanted`` (hidden files aside); a file given by name may also be in
    ``given_ok``.  Folders are followed through symbolic links, each once."""
    readable = ", ".join(sorted(wanted | given_ok))
    for given in paths:
        path = Path(given)
        if path.is_dir():
            skipped: Counter[str] = Counter()
            found = 0
            for child in _walk_folder(path, set(), problems):
                if child.suffix.lower() in wanted:
                    found += 1
                    yield child
                elif child.suffix.lower() in PAIRED and not child.with_suffix(PAIRED[child.suffix.lower()]).is_file():
                    partner = child.with_suffix(PAIRED[child.suffix.lower()]).name
                    problems.append(Problem(str(child), None, f"no {partner} beside it (the text it annotates); skipped"))
                elif child.suffix.lower() not in given_ok:  # brat's .ann: read with its .txt
                    skipped[child.suffix.lower() or "(no suffix)"] += 1
            if skipped:
                kinds = ", ".join(f"{n} {suffix}" for suffix, n in sorted(skipped.items()))
                message = f"skipped {sum(skipped.values())} files of other types ({kinds}); copydesk reads {readable}"
                if found:
                    notes.append(f"{path}: {message}")
                else:
                    problems.append(Problem(str(path), None, f"no file copydesk can read: {message}"))
        elif path.is_file():
            if path.suffix.lower() in wanted | given_ok:
                yield path
            else:
                problems.append(Problem(str(path), None, f"unsupported file type {path.suffix or '(none)'}; copydesk reads {readable}"))
        elif path.is_symlink() and not path.exists():
            problems.append(Problem(str(path), None, _broken_link(path)))
        elif path.exists():
            problems.append(Problem(str(path), None, _not_regular(path)))
        else:
            problems.append(Problem(str(path), None, "no such file or folder"))


def _walk_folder(folder: Path, seen: set[tuple[int, int]], problems: list[Problem]) -> Iterator[Path]:
    try:
        info = folder.stat()
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(str(folder), None, f"cannot read this folder: {exc.strerror or exc}"))
        return
    seen = seen | {(info.st_dev, info.st_ino)}  # the folders above this one
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
        except OSError as exc:
            problems.append(Problem(str(child), None, f"cannot read: {exc.strerror or exc}"))
            continue
        if is_dir:
            target = child.stat()
            if (target.st_dev, target.st_ino) in seen:
                problems.append(Problem(str(child), None,
                                        f"symbolic link loop (leads back to {os.path.realpath(child)}); not followed"))
                continue
            yield from _walk_folder(child, seen, problems)
        elif is_file:
            yield child
        elif entry.is_symlink() and not child.exists():
            problems.append(Problem(str(child), None, _broken_link(child)))
        else:
            problems.append(Problem(str(child), None, _not_regular(child)))


def _not_regular(path: Path) -> str:
    """Why a path that is neither a file nor a folder is not read."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a regular file")
    return f"{kind}, not a file; skipped (copydesk reads files, without waiting on a pipe)"


def _broken_link(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return "symbolic link loop; not followed"
    return f"broken symbolic link (to {os.readlink(path)})"


# --- bytes to text --------------------------------------------------------------


def read_text(path: Path) -> str:
    """One article file as text. Raises UnreadableFile."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableFile(
                f"file is {size / 1e6:.1f} MB, too big for one article (the limit is "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB); split it, or put one article per line in a .jsonl"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    return decode_bytes(data)


def decode_bytes(data: bytes) -> str:
    """Bytes to text, refusing what is not text. Raises UnreadableFile."""
    if not data.strip():
        raise UnreadableFile("empty file")
    wide = utf16_codec(data)
    if wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            raise UnreadableFile(f"broken UTF-16 ({exc.reason} at byte {exc.start})") from exc
        return text.lstrip("\ufeff")
    if data.startswith(BINARY_MAGIC) or _looks_binary(data[:8192]):
        raise UnreadableFile("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFile(
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at line {line}); save it as UTF-8", line
        ) from exc


def utf16_codec(data: bytes) -> str | None:
    """"utf-16" (byte-order mark), "utf-16-le" / "utf-16-be" (none, told by
    where the zero bytes fall: text in Latin script has a zero high byte in
    most characters), else None."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:8192]
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_zeros = head[0 : 2 * pairs : 2].count(0)
    odd_zeros = head[1 : 2 * pairs : 2].count(0)
    if odd_zeros > 0.3 * pairs and even_zeros < 0.05 * pairs:
        return "utf-16-le"
    if even_zeros > 0.3 * pairs and odd_zeros < 0.05 * pairs:
        return "utf-16-be"
    # Other scripts (Cyrillic, Greek, Arabic, CJK...): zero bytes only in the
    # spaces, line ends and digits, mostly on one side (a CJK character may
    # hold one: U+4E00), and the text decodes to characters (a file in
    # Latin-1 has no zero byte; binary data decodes to unassigned and control
    # characters).
    for codec, zeros, others in (("utf-16-le", odd_zeros, even_zeros), ("utf-16-be", even_zeros, odd_zeros)):
        if zeros >= max(2, 0.01 * pairs) and others <= zeros // 2 and _is_text(head[:2 * pairs].decode(codec, "replace")):
            return codec
    return None


def _is_text(text: str) -> bool:
    """No unassigned, private-use, surrogate or control character (line ends
    and tabs aside); one replacement character allowed: a pair cut at the end."""
    bad = sum(1 for c in text if c == "\ufffd" or (unicodedata.category(c) in ("Cn", "Co", "Cs", "Cc")
                                                    and c not in "\n\r\t"))
    return bad <= 1


_CONTROL_BYTES = bytes(range(0, 9)) + bytes(range(14, 32))


def _looks_binary(head: bytes) -> bool:
    # Counted by deleting them (C speed): a Python loop over each byte of the
    # first 8 kB of every imported file was ~1 ms a file.
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / max(len(head), 1) > MAX_CONTROL_RATIO


# --- JSON Lines -----------------------------------------------------------------


def jsonl_lines(path: Path) -> Iterator[tuple[int, str | UnreadableFile]]:
    """(line number, text of the line) for each non-blank line, or (line
    number, UnreadableFile) for a line that cannot be read; one line at a
    time, never more than MAX_JSONL_LINE_BYTES of it in memory. A file that
    cannot be opened raises UnreadableFile."""
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise UnreadableFile(f"cannot read: {exc.strerror or exc}") from exc
    with fh:
        head = fh.read(8192)
        wide = utf16_codec(head)
        if wide:
            yield from _wide_jsonl_lines(path, head + fh.read(), wide)
            return
        if head.startswith(BINARY_MAGIC) or _looks_binary(head):
            raise UnreadableFile("binary file, not text")
        fh.seek(3 if head.startswith(codecs.BOM_UTF8) else 0)
        number = 0
        while True:
            raw = fh.readline(MAX_JSONL_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_JSONL_LINE_BYTES and not raw.endswith(b"\n"):
                size = len(raw) + _skip_rest_of_line(fh)
                yield number, UnreadableFile(
                    f"line is {size / 1e6:.1f} MB; copydesk reads lines up to "
                    f"{MAX_JSONL_LINE_BYTES / 1e6:.0f} MB (one article each)", number)
                continue
            if not raw.strip():
                continue
            try:
                yield number, raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield number, UnreadableFile(
                    f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at column {exc.start + 1}); save it as UTF-8", number)


def _skip_rest_of_line(fh) -> int:
    skipped = 0
    while True:
        chunk = fh.readline(1_000_000)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _wide_jsonl_lines(path: Path, data: bytes, codec: str) -> Iterator[tuple[int, str | UnreadableFile]]:
    if len(data) > 2 * MAX_FILE_BYTES:
        raise UnreadableFile(f"UTF-16 JSON Lines file of {len(data) / 1e6:.1f} MB; save big files as UTF-8")
    text = decode_bytes(data) if codec == "utf-16" else _decode_wide(data, codec)
    # Only "\n" ends a JSON line: str.splitlines() would also cut at U+2028,
    # U+0085, \x1c... which JSON writers leave unescaped inside strings.
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def _decode_wide(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise UnreadableFile(f"broken UTF-16 ({exc.reason} at byte {exc.start})") from exc


def parse_json(line: str) -> Any:
    """One JSON value, refusing what SQLite's JSON or Python cannot hold:
    integers over MAX_INT_DIGITS digits, NaN and Infinity (and numbers too big
    for a float), nesting deeper than MAX_JSON_DEPTH, and lone surrogates
    (``"\\ud800"``: not text, UTF-8 cannot encode them). Raises ValueError
    with the reason."""
    try:
        value = json.loads(line, parse_int=_bounded_int, parse_float=_finite_float, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ValueError(f"JSON nested too deep (copydesk reads up to {MAX_JSON_DEPTH} levels)") from None
    _check_value(value, 1)
    return value


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise ValueError(f"an integer of {len(digits.lstrip('-')):,} digits (copydesk reads up to {MAX_INT_DIGITS})")
    return int(digits)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"the number {text[:30]} is too large for a float (JSON has no Infinity)")
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON (write null, or the number as a string)")


def _check_value(value: Any, depth: int) -> None:
    if depth > MAX_JSON_DEPTH:
        raise ValueError(f"JSON nested more than {MAX_JSON_DEPTH} levels deep")
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key)
            _check_value(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_value(item, depth + 1)


def _check_text(text: str) -> None:
    bad = LONE_SURROGATE.search(text)
    if bad:
        raise ValueError(f"a lone surrogate \\u{ord(bad.group()):04x} (half of a UTF-16 pair, not a character) "
                         f"in {text[max(0, bad.start() - 20):bad.start()]!r}…")


# --- why a page gave no text ----------------------------------------------------

HTML_TAG = re.compile(r"<\s*(html|head|body|div|p|article|main|section|span|a|br|h[1-6]|meta|title|table|!doctype)\b", re.I)


def why_no_html_text(html: str) -> str:
    """The reason an HTML page gave no article text."""
    if not HTML_TAG.search(html):
        return "no HTML markup in this .html file (plain text?); rename it .txt to import it as pasted text"
    import lxml.etree

    parser = lxml.etree.HTMLParser(recover=True)
    try:
        lxml.etree.fromstring(html.encode("utf-8", "surrogatepass"), parser)
    except (lxml.etree.LxmlError, ValueError):
        pass
    for error in parser.error_log:
        if "Excessive depth" in error.message:
            return (f"HTML nested too deep at line {error.line} (the HTML parser stops at 256 levels); "
                    f"no article text could be found")
    return "no article text found in the page (only navigation, scripts or links?)"
