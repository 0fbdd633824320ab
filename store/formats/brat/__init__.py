"""brat standoff: a folder with ``<name>.txt`` and ``<name>.ann`` per article,
plus ``annotation.conf`` and ``visual.conf`` (read by brat and INCEpTION).

In each ``.ann`` (see :mod:`.write` for the details)::

    T1\tPERSON 0 14\tAntony Blinken          an entity
    T3\tQUOTE 44 56\tWe will act,            a quote
    T4\tSPEAKER 59 66\tBlinken               who said it: a mention of its own type
    R1\tSpeaker Arg1:T3 Arg2:T4              ... and the relation to it
    #1\tAnnotatorNotes T3\tAntony Blinken    the speaker's name
    T5\tCLAIM 0 42;43 60\t...                a claim (fragments: across a line break, or discontinuous)
    A1\tTag T5 statistic                     its tags (Tag, Tag2, ... one value each), Verdict, Status
    E1\tAttribution:T8 Source:T1 Content:T3  an event: its trigger T and role arguments
    R2\tsame_quote Arg1:T3 Arg2:T9           any other relation between spans

``copydesk-meta.jsonl`` keeps what standoff has no place for (each document's
title, source, byline, date, url and file), read back on import; brat
lists only the pairs.
``annotation.conf`` declares every type, relation (with the argument types
used), event role and attribute written, and ``<OVERLAP>`` for the overlaps
copydesk allows (any: spans of any labels may nest, cross or share bounds).
Reading (:mod:`.read`) takes any brat folder: T with fragments, R, E, A/M, N,
``*`` equivalences, ``#`` notes, trailing tabs; a line that cannot be kept is
reported by file and line and the rest of the article comes in.
"""
from __future__ import annotations

from .conf import META_FILE
from .read import meta_problems, parse_ann, read, read_pair
from .write import ann_text, annotation_conf, export, write

__all__ = ["META_FILE", "ann_text", "annotation_conf", "export", "meta_problems", "parse_ann", "read", "read_pair",
           "write"]
