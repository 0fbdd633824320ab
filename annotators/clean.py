"""Turn text pasted from a news page (with its chrome) into the article.

Pure functions: no SQL, no UI. The rules work on the *shape* of lines
(length, punctuation, repetition, position relative to the body) plus a
small vocabulary of universal web prompts, never on one outlet's strings.

The guiding trade-off: a reader would rather see a stray menu line than
lose a sentence of the article, so a line inside the body is only removed
when it is positively recognised as chrome.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from annotators.types import CleanedText

# --------------------------------------------------------------------------
# normalisation
# --------------------------------------------------------------------------

# Every character str.splitlines() treats as a boundary, except "\n" itself.
# Textual's Document splits with splitlines(), so any of these left in the
# text would shift line/column offsets against our string offsets.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
# C0 controls except \t and \n, DEL, and C1 controls (mojibake debris).
# \x1c-\x1e are splitlines() boundaries too, so they must go.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)


def normalise_text(s: str) -> str:
    """Line breaks -> "\\n", no control chars or BOM, NFC, no trailing spaces."""
    s = s.replace("\ufeff", "")
    s = _LINE_BREAKS.sub("\n", s)
    s = _CONTROL_CHARS.sub("", s)
    s = unicodedata.normalize("NFC", s)
    return _TRAILING_SPACE.sub("", s)


# --------------------------------------------------------------------------
# line shape
# --------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d,.:]*", re.UNICODE)
# Sentence end, possibly followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
# "homes. Endit", "continue.” (Reporting", "he said.—Reported by": a word, an
# end mark, a space or a dash (a credit glued on with an em dash), a new start.
# The lowercase pair before the mark skips initials like "S. Sudan", "U.S.".
_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"'”’)]*(?:\s+|\s*[—–]\s*)[\"“(A-Z]")
_TRUNCATED = re.compile(r"(…|\.\.\.)\s*$")

# Universal web prompts. Matched only against short (non-prose) lines, or at
# the start of a line (imperatives rarely open a news sentence).
_PROMPT_WORDS = re.compile(
    r"\b(subscribe[ds]?|subscription|sign[ -]?(up|in|ed up)|log[ -]?in|log out|"
    r"newsletters?|follow us|share( this| on)?|cookies?|comments?|"
    r"advertisement|advertising|sponsored|skip to|read more|read next|"
    r"related|e-?mail( address)?|indicates required|leave a (review|comment|reply)|"
    r"click here|download (the|our) app|print this|copy link|"
    r"all rights reserved|privacy policy|terms of (use|service)|"
    r"facebook|twitter|whatsapp|linkedin|instagram|telegram|"
    r"listen to (this|the) article|min(ute)? read|on now|watch live|"
    r"back to top|scroll to top|load more|show more|see more|"
    r"successfully subscribed|successfuly subscribed)\b",
    re.IGNORECASE,
)
_IMPERATIVE_PROMPT = re.compile(
    r"^(sign up|subscribe|follow us|share this|click here|read more|"
    r"download (the|our)|join (the conversation|our)|register (now|for)|"
    r"log in|sign in|enter your e-?mail|please,? enter|thank you for "
    r"(signing up|subscribing|reading)|you must be logged in|"
    r"we use cookies|this site uses cookies|by continuing to use|"
    r"your (web )?browser (is|does|version)|(please )?(enable|turn on) javascript|"
    r"javascript is (disabled|required|not enabled))\b",
    re.IGNORECASE,
)
# "Vodacom could not immediately comment.", "did not respond to a request for
# comment": the most common short sentence in news, not a comments widget.
_NEWS_COMMENT = re.compile(
    r"\b(?:declined|refused|not|unavailable|reached|requests?|asked)\b[^.!?]*\bcomment(?:s|ed)?\b|\bfor comment\b",
    re.IGNORECASE)
# A promo written as sentences, often without "you" ("Stay informed and ahead
# of the curve! Follow The Punch Newspaper on WhatsApp ...", "Get instant
# alerts ... Download now"): a sentence that opens with an imperative and
# points at an app, a channel or a feed.
_PROMO_SENTENCE = re.compile(
    r"(?:^|[.!?•]\s*)(?:follow|join|download|subscribe|get|stay (?:informed|updated|in the know|connected))\b"
    r"[^.!?]{0,90}?\b(?:whatsapp|telegram|channel|app|newsletter|alerts?|updates|notifications|podcast)\b",
    re.IGNORECASE)
# "Watch more of our videos on ShotsTV.com": the site pointing at itself.
_SELF_PROMO = re.compile(r"^(?:watch|listen to|read|see|find) (?:more|all) (?:of )?our\b", re.IGNORECASE)
# A sentence built around a link the paste has lost ("Try Premium for FREE
# by clicking here for no ads ...", "Tap here to read more."): a promo, even
# in the middle of the article, since without its link it says nothing.
_LINK_PROMPT = re.compile(r"\b(?:click(?:ing)?|tap(?:ping)?) here\b", re.IGNORECASE)
# Headings that open the tail of a page: whatever follows is other stories
# or reader interaction, not this article.
_TAIL_MARKER = re.compile(
    r"^(more (news|stories|from|on this)|related( (stories|articles|news|coverage|content|topics))?|"
    r"read (more|next|also)|also read|see also|editors?'?’?s? picks?|recommended( for you)?|"
    r"most (read|popular|viewed)|popular( now| stories)?|trending( now)?|top stories|"
    r"latest( news| stories)?|you (may|might) (also )?like|what to read next|"
    r"comments?|join the conversation|leave a (comment|reply)|more in\b.*|"
    r"news feed|in other news|don'?’?t miss)\s*:?$",
    re.IGNORECASE,
)
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|"
    r"Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DATE_PATTERNS = (
    re.compile(rf"\b{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b"),
    re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\.?,?\s+\d{{4}}\b"),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
)
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}(\s*[AaPp]\.?[Mm]\.?)?\b")
_READ_TIME = re.compile(r"\b\d+\s*(min(ute)?s?|hrs?|hours?)\.?\s+(read|ago)\b", re.IGNORECASE)
# Photo credits: "(Name/AFP via Getty Images)", "Photo: Reuters", "REUTERS/Name".
_AGENCIES = r"(Getty|AFP|Reuters|REUTERS|AP|Associated Press|EPA|Shutterstock|Xinhua|Anadolu|Bloomberg|PA|Alamy|Sipa|TASS|UPI)"
_PHOTO_CREDIT = re.compile(
    rf"(\((?:[^()]*/)?[^()]*\b{_AGENCIES}\b[^()]*\)\s*$)|"
    rf"(\b(photo|image|picture|credit|photograph)\s*(by|:|credit:?)\s*[^.]{{0,60}}$)|"
    rf"(\b{_AGENCIES}/[A-Z][\w .'-]+\s*$)|"
    # "[Kipsang Joseph, Standard]": photographer and outlet in brackets
    rf"(\[[A-Z][\w .'’-]{{1,40}},\s*[A-Z][\w .'’-]{{1,40}}\]\s*$)",
    re.IGNORECASE,
)
_BYLINE_PREFIX = re.compile(r"^[\s\-–—•*]*(?:(?:written|reported|edited|compiled)\s+)?by\s+", re.IGNORECASE)
_ORG_SUFFIX = re.compile(
    r"\s+(news\s*desk|desk|staff(\s+writers?)?|newsroom|editorial (team|board)|wire( services)?|reporters?)\b.*$",
    re.IGNORECASE,
)
# "Copyright © 2014 Anadolu Agency", "© AAP 2024" (the year after the name).
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}\s*)?([A-Z][\w&.' -]{2,60}?)(?:,?\s+\d{4})?\.?\s*$",
    re.IGNORECASE)
# A short line that opens with a copyright notice is the page footer.
_COPYRIGHT_LINE = re.compile(r"^\s*(?:©|\(c\)\s|copyright\b)", re.IGNORECASE)
_NAME_PARTICLES = {"de", "da", "del", "van", "von", "der", "al", "bin", "la", "le", "di", "du", "ibn", "el"}
# Section/navigation words: a two-word "Title Case" line made of these is a
# menu entry ("News Line", "World News"), not a person.
_NAV_WORDS = {
    "news", "politics", "world", "business", "sport", "sports", "home", "menu",
    "search", "live", "latest", "opinion", "video", "videos", "picks", "feed",
    "line", "more", "top", "section", "sections", "featured", "contact", "support",
    "login", "logo", "podcast", "podcasts", "culture", "tech", "technology",
    "health", "science", "weather", "economy", "markets", "editors", "editor's",
    "editors'", "now", "on", "today", "local", "national", "international",
    "update", "updates", "updated", "article", "articles", "premium", "story", "stories",
}


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
             "mon", "tue", "tues", "wed", "thu", "thurs", "fri", "sat", "sun"}


@dataclass(frozen=True)
class _Line:
    """One non-empty line of the page with its shape-based class."""

    index: int
    text: str
    kind: str  # prose | short | chrome | caption | snippet | tail | footer


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _is_prose(text: str) -> bool:
    """A body paragraph: a long line that reads as sentences."""
    n = len(_words(text))
    if n >= 6 and _SENTENCE_END.search(text):
        return True
    # A sentence that introduces a quote or a list ("Police released a
    # statement on Wednesday saying that ...:"). Prompts ending in a colon
    # ("Share this story:", "Sign up for our newsletter:") are short or carry
    # a prompt word.
    if n >= _COLON_SENTENCE_WORDS and text.rstrip().endswith(":") and not _PROMPT_WORDS.search(text):
        return True
    # A paragraph whose last sentence lost its full stop or ends in a credit
    # ("... homes. Endit", "... continue.” (Reporting by X)"): it still holds
    # a full sentence. Very long lines are prose whatever their punctuation.
    return (n >= 12 and _INNER_SENTENCE_END.search(text) is not None) or n >= 40


_COLON_SENTENCE_WORDS = 8


def _looks_like_menu(text: str) -> bool:
    """Navigation glued together or separated by bullets/pipes."""
    glued = len(re.findall(r"[a-z][A-Z]", text))
    separators = len(re.findall(r"\s[|•·/]\s|^\s*[•·]", text))
    return glued >= 2 or separators >= 2 or text.lstrip().startswith("•")


# "Published on Monday, November 23, 2024 at 12:45 pm, last updated on Tuesday,
# November 24, 2024 at 9:10 am EST" is about as long as a date line gets.
_LONGEST_DATELINE = 160


def _is_dateline(text: str) -> bool:
    """Timestamps, read-times and date-only lines ("5:04 PM", "2 min read")."""
    if len(text) > _LONGEST_DATELINE:
        return False  # a paragraph: no need to strip every date from it
    stripped = _CLOCK_TIME.sub("", text)
    stripped = _READ_TIME.sub("", stripped)
    for pattern in _DATE_PATTERNS:
        stripped = pattern.sub("", stripped)
    had_marker = stripped != text
    rest = re.sub(r"[\W\d_]+", " ", stripped).split()
    filler = {"updated", "published", "posted", "ago", "am", "pm", "gmt", "utc",
              "est", "edt", "ist", "cet", "on", "at", "last", "years", "year",
              "days", "day", "hours", "minutes", "created", "modified",
              "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday"}
    return had_marker and all(w.lower() in filler for w in rest)


# An agency sign-off in brackets closing a paragraph of two or more
# sentences: "... in the 90th minute. (AFP)". A photo caption credits the
# agency after one sentence ("Rescuers search the rubble. (AFP)") or names
# the photographer ("(Name/AFP via Getty Images)").
_BRACKETED_SIGN_OFF = re.compile(rf"[.!?][\"'”’]*\s*\({_AGENCIES}\)\s*$")


def _is_caption(text: str) -> bool:
    if _PHOTO_CREDIT.search(text) is None:
        return False
    sign_off = _BRACKETED_SIGN_OFF.search(text)
    return not (sign_off and _INNER_SENTENCE_END.search(text[: sign_off.start() + 1]))


def _classify(text: str, repeated: bool) -> str:
    if _TRUNCATED.search(text) and len(_words(text)) >= 6:
        return "snippet"  # teaser of another story, cut mid-sentence
    if _is_caption(text):
        return "caption"
    # "© AAP 2024", "Copyright © 2014 Anadolu Agency": the page footer starts
    # here (checked before the prose test: "© 2024 X. All rights reserved."
    # has the shape of a sentence).
    if _COPYRIGHT_LINE.match(text) and len(_words(text)) <= 12:
        return "footer"
    # Before the prose test: "June 18, 2013 at 8:23 p.m." has six "words" and
    # a full stop, but a line of nothing but dates, times and filler is never
    # an article sentence.
    if _is_dateline(text):
        return "chrome"
    if _is_prose(text):
        promo = _IMPERATIVE_PROMPT.search(text) or _LINK_PROMPT.search(text) or _PROMO_SENTENCE.search(text)
        return "chrome" if promo else "prose"
    if _TAIL_MARKER.search(text.strip(" -–—:*#")):
        return "tail"
    if _SENTENCE_END.search(text) and _NEWS_COMMENT.search(text) and not _IMPERATIVE_PROMPT.search(text):
        return "short"  # "X could not immediately comment."
    if (repeated or _looks_like_menu(text) or _is_dateline(text) or _is_meta_label(text)
            or _PROMPT_WORDS.search(text) or _IMPERATIVE_PROMPT.search(text)
            or _PROMO_SENTENCE.search(text) or _SELF_PROMO.search(text)):
        return "chrome"
    return "short"


# A date line's label printed without its date ("Published", "Last updated").
_META_LABEL = re.compile(r"^(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?:?$", re.IGNORECASE)


def _is_meta_label(text: str) -> bool:
    return _META_LABEL.match(text.strip()) is not None


def _split_lines(text: str) -> list[_Line]:
    raw = [(i, line.strip()) for i, line in enumerate(text.split("\n"))]
    raw = [(i, t) for i, t in raw if t]
    counts: dict[str, int] = {}
    for _, t in raw:
        counts[t.casefold()] = counts.get(t.casefold(), 0) + 1
    lines = [_Line(i, t, _classify(t, counts[t.casefold()] > 1)) for i, t in raw]
    lines = _mark_caption_pairs(lines)
    lines = _mark_in_article_headings(lines)
    lines = _mark_continuations(lines)
    lines = _mark_credit_blocks(lines)
    lines = _mark_author_box(lines)
    return _mark_teaser_list(lines)


def _is_bare_close(text: str) -> bool:
    return text.strip() in (")", "]", ").")


def _mark_credit_blocks(lines: list[_Line]) -> list[_Line]:
    """A photo credit broken over lines: "<caption>.(" / "ABC Illawarra: Kelly
    Fuller" / ")". The lone closing bracket shows the line above it is a
    credit (a few words), and the line above that its caption."""
    out = list(lines)
    for pos in range(1, len(lines)):
        if not _is_bare_close(lines[pos].text):
            continue
        credit = lines[pos - 1]
        if len(_words(credit.text)) > 6 or _SENTENCE_END.search(credit.text):
            continue
        out[pos] = _Line(lines[pos].index, lines[pos].text, "caption")
        out[pos - 1] = _Line(credit.index, credit.text, "caption")
        if pos >= 2 and lines[pos - 2].kind in ("prose", "short") and len(_words(lines[pos - 2].text)) <= _CAPTION_PAIR_WORDS:
            above = lines[pos - 2]
            out[pos - 2] = _Line(above.index, above.text, "caption")
    return out


# "Shelly Bradbury | Breaking News Reporter": the author box under an article.
_AUTHOR_BOX = re.compile(
    r"^((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w.'’-]+)\s*[|–—]\s*(?:[\w&-]+ ){0,5}"
    r"(?:reporter|writer|journalist|correspondent|editor|columnist|producer|photographer|contributor)s?$",
    re.IGNORECASE)


def _mark_author_box(lines: list[_Line]) -> list[_Line]:
    """The author box: "Name | Role" and the bio under it that opens with the
    same name ("Shelly Bradbury is a breaking news reporter who joined ...")."""
    out = list(lines)
    for pos, line in enumerate(lines):
        match = _AUTHOR_BOX.match(line.text.strip())
        if not match:
            continue
        out[pos] = _Line(line.index, line.text, "chrome")
        nxt = lines[pos + 1] if pos + 1 < len(lines) else None
        if nxt is not None and nxt.text.startswith(match.group(1) + " "):
            out[pos + 1] = _Line(nxt.index, nxt.text, "chrome")
    return out


# Other stories listed under the article: a headline, then its one-sentence
# summary, again and again ("Twin port shutdowns risk more damage ..." /
# "Business groups are raising concerns ..."). Three such pairs with no
# paragraph after them end the article.
_TEASER_PAIRS = 3


def _is_teaser_pair(head: _Line, summary: _Line) -> bool:
    return (head.kind == "short" and len(_words(head.text)) >= 4 and not _SENTENCE_END.search(head.text)
            and summary.kind == "prose" and not _SECOND_SENTENCE.search(summary.text))


# A sentence end inside a line, not after an abbreviation ("Gov. Kristi Noem").
_SECOND_SENTENCE = re.compile(r"[a-z]{4,}[.!?][\"'”’)]*\s+[\"“(A-Z]")


def _mark_teaser_list(lines: list[_Line]) -> list[_Line]:
    out = list(lines)
    prose_at = [pos for pos, line in enumerate(lines) if line.kind == "prose"]
    if not prose_at:
        return out
    # walk back from the last paragraph over headline + summary pairs
    end = prose_at[-1]
    start = end + 1
    pairs = 0
    while start - 2 >= 0 and _is_teaser_pair(lines[start - 2], lines[start - 1]):
        start -= 2
        pairs += 1
    if pairs >= _TEASER_PAIRS:
        for pos in range(start, end + 1):
            out[pos] = _Line(lines[pos].index, lines[pos].text, "snippet")
    return out


def _mark_continuations(lines: list[_Line]) -> list[_Line]:
    """A short line opening in lowercase right under a chrome line is the rest
    of it, wrapped ("Watch more of our videos on ShotsTV.com" / "and on
    Freeview 262 or Freely 565")."""
    out = list(lines)
    for pos in range(1, len(lines)):
        line = lines[pos]
        if line.kind == "short" and out[pos - 1].kind == "chrome" and _LOWERCASE_START.match(line.text):
            out[pos] = _Line(line.index, line.text, "chrome")
    return out


# How many paragraphs in a row, right under a "Top Stories" / "Related" line,
# show that the line heads a section of the article, not a list of teasers.
_SECTION_PARAGRAPHS = 3


def _mark_in_article_headings(lines: list[_Line]) -> list[_Line]:
    """Lines that look like tail markers or teasers but sit inside the article.

    - A tail marker ("Top Stories") followed, within a few lines (a heading, a
      photo and its credit), by three paragraphs in a row heads a section of
      the article: teaser lists alternate headlines and standfirsts, comment
      threads alternate names and comments, neither gives three paragraphs
      back to back.
    - A line cut with an ellipsis between two paragraphs ("We asked people
      in the town centre about their views on the matter…") is the article's
      own lead-in (an ad slot or promo between them does not count): a
      teaser of another story sits under its headline."""
    out = list(lines)
    for pos, line in enumerate(lines):
        if line.kind == "tail":
            for start in range(pos + 1, min(pos + 6, len(lines))):
                block = lines[start : start + _SECTION_PARAGRAPHS]
                if len(block) == _SECTION_PARAGRAPHS and all(l.kind == "prose" for l in block):
                    out[pos] = _Line(line.index, line.text, "short")
                    break
                if lines[start].kind in ("prose", "tail", "snippet", "footer"):
                    break
        elif line.kind == "snippet":
            # neighbours past an ad slot or a promo ("Advertisement")
            above = [l.kind for l in lines[:pos] if l.kind not in ("chrome", "caption")][-1:]
            below = [l.kind for l in lines[pos + 1 :] if l.kind not in ("chrome", "caption")][:1]
            if above == ["prose"] and below == ["prose"]:
                out[pos] = _Line(line.index, line.text, "prose")
    return out


# Longest sentence-shaped line taken for a photo caption when it is printed
# twice in a row.
_CAPTION_PAIR_WORDS = 40
# ... and when the two prints are identical (no credit to show it is a photo's):
# the captions seen printed twice ran to 9 and 13 words; a sentence pasted
# twice is usually longer, and losing both of its copies would lose a sentence.
_BARE_CAPTION_PAIR_WORDS = 16
# Quoted words of three or more words: captions describe a picture, they do
# not quote anyone, so a doubled line holding a quotation is a paragraph.
_QUOTE_IN_LINE = re.compile(r"[“\"‘][^”\"’]*\s[^”\"’]*\s[^”\"’]*[”\"’]")


def _mark_caption_pairs(lines: list[_Line]) -> list[_Line]:
    """A photo's alt text and its caption: a sentence-shaped line followed at
    once by itself, or by itself plus a credit ("... in New Delhi. (PTI File
    Photo )"). Pages print captions twice in a row, not paragraphs (a
    paragraph pasted twice in a row would be lost with this rule: the cap on
    its length keeps long paragraphs out of it)."""
    out = list(lines)
    for pos in range(len(lines) - 1):
        line, nxt = lines[pos], lines[pos + 1]
        if line.kind != "prose" or len(_words(line.text)) > _CAPTION_PAIR_WORDS:
            continue
        if _QUOTE_IN_LINE.search(line.text):
            continue  # someone's words in quotation marks: a paragraph pasted twice, kept once
        a, b = line.text.casefold(), nxt.text.casefold()
        rest = nxt.text[len(line.text):].strip()
        if a == b and len(_words(line.text)) > _BARE_CAPTION_PAIR_WORDS:
            continue  # long, doubled, no credit: a paragraph pasted twice (kept once)
        if a == b or (b.startswith(a) and rest and (
                _is_caption(nxt.text) or re.fullmatch(r"\([^()]{1,60}\)", rest))):
            out[pos] = _Line(line.index, line.text, "caption")
            out[pos + 1] = _Line(nxt.index, nxt.text, "caption")
    return out


# --------------------------------------------------------------------------
# body region
# --------------------------------------------------------------------------

# A gap of this many recognised-chrome lines between two paragraphs ends a
# run: in-article ad slots are one or two lines ("Advertisement", "Story
# continues below"), a sidebar or feed is more.
_CHROME_GAP = 3


def _runs(lines: list[_Line]) -> list[tuple[int, int, bool]]:
    """(first, last, after_tail) positions of runs of paragraphs."""
    runs: list[tuple[int, int, bool]] = []
    start = last = None
    chrome_gap = 0
    seen_tail = False
    run_after_tail = False

    def close() -> None:
        if start is not None:
            runs.append((start, last, run_after_tail))

    for pos, line in enumerate(lines):
        if line.kind in ("tail", "snippet"):
            close()
            start = last = None
            seen_tail = True
            continue
        if line.kind == "footer":
            # Below a copyright notice comes the site's footer and its
            # teasers; a notice above any paragraph is the masthead's.
            seen_tail = seen_tail or start is not None or bool(runs)
            close()
            start = last = None
            continue
        if line.kind == "prose":
            if start is None:
                start, run_after_tail = pos, seen_tail
            last, chrome_gap = pos, 0
        elif line.kind in ("chrome", "caption"):
            # a photo's caption lines (alt text, caption, credit) are one
            # element; a bare "Published" label or a credit's lone closing
            # bracket is furniture, not a break in the page
            one_photo = line.kind == "caption" and pos and lines[pos - 1].kind == "caption"
            if not (one_photo or _is_meta_label(line.text) or _is_bare_close(line.text)):
                chrome_gap += 1
            if chrome_gap >= _CHROME_GAP and start is not None:
                close()
                start = last = None
    close()
    return runs


def _body_span(lines: list[_Line]) -> tuple[int, int] | None:
    """Positions of the first and last line of the article body."""
    runs = _runs(lines)
    if not runs:
        return None

    def weight(run: tuple[int, int, bool]) -> float:
        first, last, after_tail = run
        chars = sum(len(l.text) for l in lines[first : last + 1] if l.kind == "prose")
        return chars * (0.5 if after_tail else 1.0)

    first, last, _ = max(runs, key=weight)
    first, last = _trim_prompt_edges(lines, first, last)
    return first, _extend_with_closing_sentences(lines, last)


# Second person outside quotation marks: the page talking to its reader
# ("Get all your news in one place.", "delivered straight to your inbox").
_READER_ADDRESS = re.compile(r"\b(?:you|your|yours|you['’](?:re|ll|ve|d))\b", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"][^”\"]*(?:[”\"]|$)")
# A line opening with a lowercase word is the tail of a wrapped or split
# sentence ("influence in matters of ...", "a daily newsletter curated ...");
# "iPhone", "eBay" are names.
_LOWERCASE_START = re.compile(r"^[a-z][a-z'’-]*\b")
# Below this many words a sentence is too short to tell from a widget label
# ("This audio is generated by an AI tool.") by its shape.
_WEAK_SENTENCE_WORDS = 10


def _is_reader_prompt(text: str) -> bool:
    return (_READER_ADDRESS.search(_QUOTED.sub("", text)) is not None
            or _LOWERCASE_START.match(text) is not None)


def _trim_prompt_edges(lines: list[_Line], first: int, last: int) -> tuple[int, int]:
    """Take prompt sentences off the edges of the body run.

    Sign-up, paywall and audio widgets write sentences ("You need one to
    watch live TV ... It's the law.", "a daily newsletter curated by our
    editors and delivered straight to your inbox every weekday.") that have
    the shape of paragraphs, so a run can start or end with them. From each
    edge inwards, a sentence that addresses the reader (outside quotes) or
    is a wrapped fragment goes, and once one has gone, so do short sentences
    between it and the article; each only when a non-paragraph line (a
    button, a label) separates it from the article's paragraphs. Nothing
    past the first paragraph that is neither is touched, so a
    reader-addressed line inside the article ("If you have information,
    call ...") stays, and so does a sentence right against the first or
    last paragraph."""
    start = _inner_edge(lines, list(range(first, last + 1)))
    if start is not None:
        first = start
    end = _inner_edge(lines, list(range(last, first - 1, -1)))
    if end is not None:
        last = end
    return first, last


def _is_strong_paragraph(line: _Line) -> bool:
    return (line.kind == "prose" and not _is_reader_prompt(line.text)
            and len(_words(line.text)) >= _WEAK_SENTENCE_WORDS)


def _inner_edge(lines: list[_Line], order: list[int]) -> int | None:
    """Walking ``order`` from an edge inwards: the position of the first
    paragraph that is neither a prompt nor short, if every line before it can
    go (separators, prompts, short sentences after a prompt), else None."""
    prompt_seen = False
    for n, pos in enumerate(order):
        line = lines[pos]
        if _is_strong_paragraph(line):
            return pos if n else None
        if line.kind != "prose":
            continue
        # a prompt or a short sentence right against the article's
        # paragraphs belongs to it ("... Only a half hour ago, your foreign
        # pooler was just notified ..." opening a pool report)
        nxt = order[n + 1] if n + 1 < len(order) else None
        if nxt is None or _is_strong_paragraph(lines[nxt]):
            return None
        if _is_reader_prompt(line.text):
            prompt_seen = True
        elif not prompt_seen:
            return None  # a short sentence counts as chrome only after a prompt
    return None


def _header_inside_body(span: list[_Line], title: str | None) -> set[int]:
    """Ids of header lines the body run took in under a dek.

    A dek (one prose line under the headline) starts the body run, so the
    headline printed again under it, the photo, the audio/summary widget and
    its sentences ("New: You can now listen to articles.") all sit inside
    the run. When the title is reprinted inside the run, the lines between
    its last print and the first article paragraph are header, if they hold
    a prompt and are all what _inner_edge lets go (labels, prompts, short
    sentences after a prompt)."""
    if not title:
        return set()
    reprints = [i for i, l in enumerate(span) if l.text.casefold() == title.casefold()]
    if not reprints:
        return set()
    start = _inner_edge(span, list(range(reprints[-1] + 1, len(span))))
    if start is None:
        return set()
    cut = span[reprints[-1] + 1 : start]
    if not any(l.kind == "prose" and _is_reader_prompt(l.text) for l in cut):
        return set()  # no widget sentence: the lines may be the article's
    return {id(l) for l in cut}


# A sentence signed off with a wire slug: "Further details are awaited. PTI
# SSJ NB" (agency, then the desk's initials), "... on Friday. AFP".
_SLUG_AFTER_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"'”’)]*\s+(?:[A-Z]{2,}\s*){1,5}$")


def _extend_with_closing_sentences(lines: list[_Line], last: int) -> int:
    """Keep short final paragraphs ("He declined to comment.", "Further
    details are awaited. PTI SSJ NB") after the run."""
    pos = last + 1
    while pos < len(lines):
        line = lines[pos]
        if (line.kind != "short" or len(_words(line.text)) < 3
                or not (_SENTENCE_END.search(line.text) or _SLUG_AFTER_SENTENCE.search(line.text))):
            break
        last = pos
        pos += 1
    return last


# --------------------------------------------------------------------------
# metadata: title, byline, source, date
# --------------------------------------------------------------------------

# Social networks are prompt words on a button ("Share on Facebook") but news
# in a headline ("Instagram redesigned, TikTok gets ghosted").
_NETWORK_NAMES = {"facebook", "twitter", "whatsapp", "linkedin", "instagram", "telegram"}
# A line that stops on an article or a conjunction is the first line of a
# wrapped sentence ("The Standard Group Plc is a"), not a headline.
_DANGLING_END = re.compile(r"\b(?:a|an|the|and|or|of|is|are|was|were)\s*$", re.IGNORECASE)


def _after_date_and_time(text: str) -> str | None:
    """What follows a date and a clock time that open the line ("29 May 2018
    - 12:17 Loni Prinsloo" -> "Loni Prinsloo"), else None."""
    date = next((m for m in (p.match(text) for p in _DATE_PATTERNS) if m), None)
    if date is None:
        return None
    time = _CLOCK_TIME.match(text[date.end():].lstrip(" ,|-–—/"))
    if time is None:
        return None
    rest = text[date.end():].lstrip(" ,|-–—/")[time.end():]
    return rest.strip(" ,|-–—/") or None


def _is_headline(text: str) -> bool:
    """Headline shape: several words, no full stop at the end."""
    if _after_date_and_time(text) is not None:
        return False  # a date line with the author's name
    n = len(_words(text))
    prompts = [m.group(0).casefold() for m in _PROMPT_WORDS.finditer(text)]
    return (4 <= n <= 30 and 15 <= len(text) <= 250
            and not re.search(r"[.:;,]$", text) and not _DANGLING_END.search(text)
            and not _LOWERCASE_START.match(text)
            and not _looks_like_menu(text) and not _is_dateline(text)
            and not any(w not in _NETWORK_NAMES for w in prompts) and not _is_caption(text)
            and not _BYLINE_PREFIX.match(text))


# Photo-caption grammar: a name, then a present participle ("Mkaka assuming
# the chairmanship of ...", "President Obama greeting supporters ..."). A
# headline puts the verb in the present tense ("Mkaka assumes ..."). The
# -ing nouns a headline often has after a name are not participles here.
_CAPTION_PARTICIPLE = re.compile(r"^(?:[A-Z][\w'’.-]*\s+){1,4}([a-z]+ing)\b")
_ING_NOUNS = {
    "morning", "evening", "building", "meeting", "wedding", "bombing", "shooting",
    "funding", "housing", "training", "spending", "hearing", "ruling", "warning",
    "briefing", "landing", "opening", "spring", "king", "thing", "string", "wing",
    "during", "according", "ceiling", "rating", "ring", "sibling", "listing",
}


def _is_caption_phrase(text: str) -> bool:
    match = _CAPTION_PARTICIPLE.match(text)
    return match is not None and match.group(1) not in _ING_NOUNS


def _find_title(before_body: list[_Line], page: list[_Line]) -> _Line | None:
    """The headline above the body.

    Pages print their headline more than once (the tab title, a breadcrumb
    "Home / India News / <headline>", the heading), while a weather widget
    or a site motto above it is printed once: the first headline-shaped line
    echoed elsewhere on the page wins, else the first headline-shaped line.
    A line with photo-caption grammar is never the title.
    """
    # A line whose sentence runs on into the line below (several words
    # opening in lowercase, not a "by ..." credit) is part of a hard-wrapped
    # paragraph, not a headline.
    runs_on = {id(l) for l, nxt in zip(page, page[1:])
               if _LOWERCASE_START.match(nxt.text) and len(_words(nxt.text)) >= 4
               and not _BYLINE_PREFIX.match(nxt.text)}
    candidates = [l for l in before_body if _is_headline(l.text) and not _is_caption_phrase(l.text)
                  and id(l) not in runs_on]
    for line in candidates:
        key = line.text.casefold()
        if any(o is not line and (o.text.casefold() == key
                                  or (o.text.casefold().endswith(key)
                                      and re.search(r"[/|>»:]\s*$", o.text[: -len(key)])))
               for o in page):
            return line
    return candidates[0] if candidates else None


def _is_person_name(text: str) -> bool:
    """2-4 capitalised words, optionally after "By": a byline on its own."""
    words = _BYLINE_PREFIX.sub("", text).strip().split()
    if not 2 <= len(words) <= 4:
        return False
    # "Gauteng Premier Panyaza Lesufi.": a caption sentence ends in a full
    # stop, a name only after an initial or "Jr."
    if re.search(r"[^\W\d_]{3,}\.$", words[-1]) and words[-1].casefold() not in {"jr.", "sr."}:
        return False
    if any(w.casefold().strip("'’") in _NAV_WORDS for w in words):
        return False
    for w in words:
        if w.lower() in _NAME_PARTICLES:
            continue
        # Glued capitals ("PicturesReuters") are menu items run together.
        if (not re.fullmatch(r"[A-ZÀ-Þ][\w'’.-]*", w) or any(c.isdigit() for c in w)
                or re.search(r"[a-z][A-Z]", w)):
            return False
    return True


def _find_date(texts: list[str]) -> str | None:
    for text in texts:
        for pattern in _DATE_PATTERNS:
            match = pattern.search(text)
            if match:
                parsed = _parse_date(match.group(0))
                if parsed:
                    return parsed.isoformat()
    return None


def _parse_date(s: str) -> date | None:
    from dateutil import parser as dateparser_util

    try:
        return dateparser_util.parse(s.replace(".", " "), fuzzy=True).date()
    except (ValueError, OverflowError):
        return None


def _strip_dates_and_times(text: str) -> str:
    for pattern in _DATE_PATTERNS:
        text = pattern.split(text)[0]
    text = _CLOCK_TIME.split(text)[0]
    return text.strip(" ,|-–—/")


@dataclass(frozen=True)
class _Byline:
    line: _Line
    byline: str
    source: str | None


def _parse_byline(line: _Line) -> _Byline | None:
    """ "by The X news desk Nov 13, 2024", "- By Jane Doe The Associated Press",
    "Jane Doe", "Reuters Staff"."""
    text = line.text.strip(" -–—•*")
    after_date = _after_date_and_time(text)
    if after_date and _is_person_name(after_date):
        text = after_date  # "29 May 2018 - 12:17 Loni Prinsloo"
    explicit = _BYLINE_PREFIX.match(text) is not None
    if not explicit and not _is_person_name(text) and not _is_desk_name(text):
        return None
    name = _strip_partial_dates(_strip_dates_and_times(_BYLINE_PREFIX.sub("", text)))
    if not name or len(_words(name)) > 10:
        return None
    source = None
    org = _ORG_SUFFIX.search(name)
    if org:
        source = name[: org.start()].strip() or None
    elif " The " in name:  # "Jane Doe The Associated Press"
        name, org_name = name.split(" The ", 1)
        source = "The " + org_name
    return _Byline(line, name.strip(), source)


def _is_desk_name(text: str) -> bool:
    """An outlet's desk as the byline: "NewsDrum Desk", "HT Newsroom" (2-4
    capitalised words, the last a desk word; the outlet's name may be
    written in camel case, which _is_person_name takes for glued menus)."""
    words = text.split()
    return (2 <= len(words) <= 4 and all(re.fullmatch(r"[A-Z][\w'’&.-]*", w) for w in words)
            and _ORG_SUFFIX.search(text) is not None
            and not any(w.casefold() in _NAV_WORDS for w in words))


# Dates without a year, and the icon labels pasted next to them, cut off a
# byline: "SFC Media time Fri 25 Apr Men's First team" -> "SFC Media".
_PARTIAL_DATE = re.compile(
    rf"\b(?:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|sday|nesday|rsday|urday)?\.?,?\s+"
    rf"(?=\d|{_MONTHS}\b)|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}\b|{_MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b)")
_ICON_LABELS = re.compile(r"(?:\s+(?:time|clock|calendar|icon|date|posted|published|updated|on|at))+\s*$",
                          re.IGNORECASE)


def _strip_partial_dates(name: str) -> str:
    match = _PARTIAL_DATE.search(name)
    if match and match.start() > 0:
        name = name[: match.start()]
        name = _ICON_LABELS.sub("", name.rstrip(" ,|-–—/")) or name
    return name.strip(" ,|-–—/")


def _find_byline(candidates: list[_Line]) -> _Byline | None:
    for line in candidates:
        if line.kind in ("short", "chrome"):
            found = _parse_byline(line)
            if found:
                return found
    return None


# An age at the end of a line: "5 days ago", "3h ago", "an hour ago".
_RELATIVE_TIME = re.compile(
    r"(?:(?:\ban?\s+|\d+\s*)(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|weeks?|months?|years?)"
    r"\s+ago)\s*$", re.IGNORECASE)


def _find_dateline_source(lines: list[_Line]) -> str | None:
    """Outlet named ahead of a dateline: "Xinhua, June 7, 2015",
    "Reuters | Ankara | Updated: ...", "RNZ News5 days ago"."""
    for line in lines:
        if line.kind == "prose":
            continue
        text = line.text
        if " | " in text and (_CLOCK_TIME.search(text) or any(p.search(text) for p in _DATE_PATTERNS)
                              or re.search(r"\b\d{1,2}-\d{1,2}-\d{4}\b", text)):
            prefix = text.split(" | ", 1)[0]
        elif any(p.search(text) for p in _DATE_PATTERNS):
            prefix = _strip_dates_and_times(text)
            # "Published: March 27, 2012", "Date: September 19, 2016": a
            # label ending in a colon names the field, not the outlet.
            if prefix == text.strip(" ,|-–—/") or prefix.endswith(":"):
                continue
        elif _RELATIVE_TIME.search(text):
            # "RNZ News5 days ago": the outlet's name may end in a section
            # word ("News"), so only a name made of nothing else is refused,
            # and so is a person's name (a byline with its age).
            prefix = text[: _RELATIVE_TIME.search(text).start()].strip(" ,|-–—·•")
            words = prefix.split()
            if (1 <= len(words) <= 4 and not _BYLINE_PREFIX.match(prefix) and not _is_person_name(prefix)
                    and all(re.fullmatch(r"[A-Z][\w&'’.-]*", w) for w in words)
                    and not all(w.casefold().strip(".") in _NAV_WORDS | _WEEKDAYS for w in words)):
                return prefix
            continue
        else:
            continue
        prefix = prefix.strip(" ,|-–—:")
        words = prefix.split()
        if (1 <= len(words) <= 4 and not _BYLINE_PREFIX.match(prefix)
                and all(re.fullmatch(r"[A-Z][\w&'’.-]*", w) for w in words)
                and not any(w.casefold().strip(".") in _NAV_WORDS | _WEEKDAYS for w in words)):
            return prefix
    return None


# Wire dateline opening the first paragraph: "New Delhi, Jan 17 (PTI) A fire
# ...", "DENGKIL, May 27 (Bernama) —", "LONDON (Reuters) -". Without a date
# the place must be in capitals ("The United Nations (UN) Secretary ..." is
# not a dateline).
_WIRE_DATELINE = re.compile(
    rf"^(?:[A-Z][\w.'’ -]{{1,40}},\s+(?:{_MONTHS}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTHS}\.?(?:\s+\d{{4}})?)"
    rf"|[A-Z][A-Z.'’ -]{{1,40}})\s*\(([A-Z][\w&.'’ -]{{1,30}})\)")
# Agency sign-off closing the last paragraph: "... in China. (NAN)",
# "... he said. — MANA", "... their rights.” -- BERNAMA".
_TRAILING_CREDIT = re.compile(
    r"[.!?”\"’)]\s*(?:\(([A-Z]{2,10})\)|(?:--|[—–])\s*([A-Z][A-Za-z]{1,15}))\s*$")
# The sign-off on a line of its own: "-- BERNAMA", "— MANA".
_SIGN_OFF_LINE = re.compile(r"^(?:--|[—–-])\s*([A-Z][\w&.'’]*(?:\s+[A-Z][\w&.'’]*){0,3})\s*$")
# "Source: National News Agency", "Via: Adomonline".
_SOURCE_LABEL = re.compile(r"^(?:source|via)\s*:\s*(\S.{0,60}?)\.?$", re.IGNORECASE)
# The outlet and the place it files from, on the line under the byline:
# "Hindustan Times, New Delhi", "Press Trust of India, Mumbai".
_OUTLET_AND_PLACE = re.compile(
    r"([A-Z][\w&'’.-]*(?:\s+(?:of|the|and|[A-Z][\w&'’.-]*)){0,4}),\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})")
# Section labels printed in capitals above a story, never an agency.
_LABEL_WORDS = {"exclusive", "breaking", "watch", "opinion", "analysis", "editorial",
                "feature", "features", "review", "photos", "photo", "ad", "ads", "statement"}


def _find_source(lines: list[_Line], kept: list[_Line], header: list[_Line],
                 after: list[_Line], byline: _Byline | None) -> str | None:
    """Outlet or agency credited on the page, most explicit credit first:
    the wire dateline, the byline's outlet, a "Source:" line, an agency
    sign-off, an agency alone above the body, an outlet ahead of a dateline,
    a copyright notice, an outlet name alone on the page's last line."""
    def wire() -> str | None:
        match = _WIRE_DATELINE.match(kept[0].text) if kept else None
        return match.group(1).strip() if match else None

    def labelled() -> str | None:
        kept_ids = {id(l) for l in kept}
        for line in lines:
            match = _SOURCE_LABEL.match(line.text) if id(line) not in kept_ids else None
            if match and len(match.group(1).split()) <= 6 and not _PROMPT_WORDS.search(match.group(1)):
                return match.group(1).strip()
        return None

    def sign_off() -> str | None:
        match = _TRAILING_CREDIT.search(kept[-1].text) if kept else None
        if match:
            return match.group(1) or match.group(2)
        match = _SIGN_OFF_LINE.match(after[0].text) if after else None
        if match and not _is_label(match.group(1)):
            return match.group(1)
        return None

    def published_in() -> str | None:
        # "Published in Dawn, September 27th, 2024", "First published in The Age"
        for line in after[:4]:
            match = _PUBLISHED_IN.match(line.text.strip())
            if match and not _is_label(match.group(1)):
                return match.group(1).strip()
        return None

    def agency_above() -> str | None:
        # "MANA" alone between a photo caption and the first paragraph.
        for line in list(reversed(header))[:2]:
            if (re.fullmatch(r"[A-Z]{2,8}", line.text) and line.kind in ("short", "chrome")
                    and not _is_label(line.text)):
                return line.text
        return None

    def last_line_outlet() -> str | None:
        # "Vanguard" alone on the page's last line, right after the body.
        if len(after) != 1 or after[0].kind != "short" or (byline and byline.line is after[0]):
            return None
        words = after[0].text.split()
        if (1 <= len(words) <= 3 and all(re.fullmatch(r"[A-Z][\w&'’.-]*", w) for w in words)
                and not any(_is_label(w) for w in words)):
            return after[0].text
        return None

    def outlet_under_byline() -> str | None:
        if byline is None:
            return None
        position = next((i for i, line in enumerate(lines) if line is byline.line), None)
        for line in lines[position + 1: position + 3] if position is not None else ():
            if line.text.strip() == byline.line.text.strip():
                continue  # the byline printed twice
            match = _OUTLET_AND_PLACE.fullmatch(line.text.strip())
            outlet = match.group(1) if match else ""
            if outlet.isupper() and " " not in outlet and len(outlet) > 5:
                return None  # "WASHINGTON, D.C.": a dateline on its own line, not an outlet
            if (match and line.kind != "prose" and match.group(1) != byline.byline
                    and not _is_label(match.group(1)) and not any(p.search(line.text) for p in _DATE_PATTERNS)):
                return match.group(1)
            return None
        return None

    for finder in (wire, lambda: byline.source if byline else None, labelled, sign_off, published_in,
                   agency_above, lambda: _find_dateline_source(lines), outlet_under_byline,
                   lambda: _find_copyright_source(after), last_line_outlet):
        found = finder()
        if found:
            return found
    return None


# The paper's own credit under an article: "Published in Dawn, September 27th, 2024".
_PUBLISHED_IN = re.compile(
    r"^(?i:(?:first |originally )?(?:published|printed|appeared) (?:in|by) (?:the print edition of )?)"
    r"((?:The )?[A-Z][\w&'’.-]*(?: [A-Z&][\w&'’.-]*){0,4})(?:,|\s+on\b|\.?$)")


def _is_label(text: str) -> bool:
    key = text.casefold().strip(" .:")
    return (key in _NAV_WORDS or key in _LABEL_WORDS or _PROMPT_WORDS.search(text) is not None
            or _TAIL_MARKER.search(text) is not None)


def _find_copyright_source(lines: list[_Line]) -> str | None:
    for line in reversed(lines):
        match = _COPYRIGHT.search(line.text)
        if match and len(_words(line.text)) <= 10:
            return match.group(1).strip()
    return None


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------

def clean_pasted(raw: str, filename: str | None = None, *, title: str | None = None) -> CleanedText:
    """Article body and metadata from text pasted from a news page.

    ``filename`` is accepted for callers' symmetry but never used to infer
    metadata (hashed names carry none). ``title`` lets clean_markdown pass a
    heading it already identified.
    """
    text = normalise_text(raw)
    lines = _split_lines(text)
    span = _body_span(lines)
    if span is None:
        return CleanedText(text="", title=title, dropped=tuple(l.text for l in lines))
    first, last = span
    before, after = lines[:first], lines[last + 1 :]

    title_line = None if title else _find_title(before, lines)
    title = title or (title_line.text if title_line else None)
    header = _header_lines(before, title)
    # A byline sits between the title and the body (nearest the body first),
    # or alone on the line right after the body.
    byline = (_find_byline(list(reversed(header))[:_BYLINE_REACH]) or _find_byline(after[:1])
              or _find_byline(_above_title(before, title)))
    # Dates in photo captions are the photo's.
    meta_texts = ([byline.line.text] if byline else []) + [
        l.text for l in header + before + after[:3] if l.kind not in ("prose", "caption")]

    header_inside = _header_inside_body(lines[first : last + 1], title)
    kept = [l for l in _body_lines(lines[first : last + 1], title) if id(l) not in header_inside]
    kept_ids = {id(l) for l in kept}
    dropped = tuple(l.text for l in lines if id(l) not in kept_ids)
    # Dek/standfirst: a one-sentence prose line right under the title is kept
    # in the body (it is the outlet's own summary, and dropping a real first
    # paragraph by mistake would cost more than keeping a dek).
    return CleanedText(
        text="\n\n".join(l.text for l in kept),
        title=title,
        byline=byline.byline if byline else None,
        source=_find_source(lines, kept, header, after, byline),
        published=_find_date(meta_texts),
        dropped=dropped,
    )


# How many lines above the body a byline may sit (title, dek, byline, date,
# caption, "listen" prompt...).
_BYLINE_REACH = 8


# How many lines above the headline a byline may sit ("Outlet / Section /
# Jane Doe / <headline>" on aggregator pages).
_BYLINE_ABOVE_TITLE = 2


def _above_title(before: list[_Line], title: str | None) -> list[_Line]:
    """The lines right above the first print of the title, nearest first."""
    if not title:
        return []
    first = next((i for i, l in enumerate(before) if l.text.casefold() == title.casefold()), None)
    if first is None:
        return []
    return list(reversed(before[max(0, first - _BYLINE_ABOVE_TITLE) : first]))


def _header_lines(before: list[_Line], title: str | None) -> list[_Line]:
    """Lines between the last print of the title and the body."""
    if not title:
        return before
    last_title = max((i for i, l in enumerate(before) if l.text.casefold() == title.casefold()), default=-1)
    return before[last_title + 1 :]


def _body_lines(span: list[_Line], title: str | None) -> list[_Line]:
    """Lines of the body span minus recognised chrome and repeats."""
    seen: set[str] = set()
    if title:
        seen.add(title.casefold())
    kept = []
    for line in span:
        key = line.text.casefold()
        if line.kind in ("chrome", "caption", "snippet", "tail", "footer") or key in seen:
            continue
        seen.add(key)
        kept.append(line)
    return kept


def clean_html(html: str, url: str | None = None) -> CleanedText:
    """Article body and metadata from an HTML page, via trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False,
        include_tables=False, favor_precision=True,
    )
    if doc is None:
        return CleanedText(text="", url=url)
    get = doc.get if isinstance(doc, dict) else lambda k: getattr(doc, k, None)
    body_lines = [l.strip() for l in normalise_text(get("text") or "").split("\n") if l.strip()]
    title = _clean_field(get("title"))
    if body_lines and title and body_lines[0].casefold() == title.casefold():
        body_lines = body_lines[1:]
    return CleanedText(
        text="\n\n".join(body_lines),
        title=title,
        byline=_clean_field(get("author")),
        source=_clean_field(get("sitename")),
        published=_clean_field(get("date")),
        url=url or _clean_field(get("url")),
        dropped=_html_dropped_lines(html, set(body_lines)),
    )


def _clean_field(value: object) -> str | None:
    if not value:
        return None
    return normalise_text(str(value)).strip() or None


_BLOCK_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption",
               "blockquote", "td", "dt", "dd", "div", "section", "span", "a")


def _html_dropped_lines(html: str, kept: set[str]) -> tuple[str, ...]:
    """Visible innermost text blocks trafilatura left out, for the raw view."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return ()
    for junk in root.xpath("//script|//style|//head|//noscript|//template"):
        junk.drop_tree()
    dropped = []
    for el in root.iter(*_BLOCK_TAGS):
        if any(child.tag in _BLOCK_TAGS for child in el.iterdescendants()):
            continue  # only innermost blocks, so no text is listed twice
        text = " ".join(normalise_text(el.text_content()).split())
        if text and text not in kept:
            dropped.append(text)
    return tuple(dropped)


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
