"""clean_markdown: light markdown stripped, then cleaned like pasted text.
"""
from __future__ import annotations

import re

from annotators.types import CleanedText

from .normalise import normalise_text
from .pasted import clean_pasted


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")


_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


_MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")


_MD_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")


_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|(?<!\w)_|_(?!\w)|`)")


_MD_LIST_OR_QUOTE = re.compile(r"^\s*(?:>\s?)+|^\s*(?:[-*+]|\d+[.)])\s+")


_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")


def clean_markdown(md: str, filename: str | None = None) -> CleanedText:
    """Strip light markdown syntax, then clean like pasted text.

    A heading on the first non-empty line is the title; later headings are
    the article's subheadings and stay as plain lines.
    """
    title = None
    out: list[str] = []
    for line in normalise_text(md).split("\n"):
        heading = _MD_HEADING.match(line)
        if heading:
            line = heading.group(1)
            if title is None and not any(o.strip() for o in out):
                title = _strip_inline_markdown(line)
                continue
        if _MD_LINK_DEF.match(line) or _MD_RULE.match(line):
            out.append("")
            continue
        out.append(_strip_inline_markdown(_MD_LIST_OR_QUOTE.sub("", line)))
    return clean_pasted("\n".join(out), filename, title=title)


def _strip_inline_markdown(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_REF_LINK.sub(r"\1", line)
    return _MD_EMPHASIS.sub("", line).strip()
