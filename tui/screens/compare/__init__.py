"""Two reports side by side (CompareScreen) and many in a table (StoryTableScreen).

CompareScreen(store, a_id, b_id): each article in its own column with its
highlights, laid out passage by passage as ``align_passages`` pairs them, so
one scroll moves both. Paired quotes have their differing words marked; a
summary bar lists people and organisations, quotes and figures in both and in
one only; the pair list (n / p) walks the pairs and L links the current pair's
two spans (same quote, same claim, contradicts) through ``Store.link``.

StoryTableScreen(store, article_ids): rows are quotes, people and
organisations, and figures; columns are the articles; each cell says whether
and how that article has it. Enter on a row compares two of its articles.

The comparison is computed in a worker thread on a connection of its own (the
first one imports spaCy's stop-word list: ~1 s); widgets are built when it is
back. Text is data: every article text, name and quote is a rich Text.
"""
# A package since it outgrew one module: data.py (CompareData, PassageRow),
# screen.py (CompareScreen), story_table.py (StoryTableScreen), standalone.py (CompareApp).
from .data import READER_ONLY_KEYS, CompareData, PassageRow
from .screen import CompareScreen
from .standalone import CompareApp
from .speaker_grid import SpeakerGridScreen
from .story_table import StoryTableScreen

__all__ = ["CompareScreen", "SpeakerGridScreen", "StoryTableScreen", "CompareApp", "CompareData"]
