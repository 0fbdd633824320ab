"""Line features: the vocabulary and shape tests a single line is judged by
(sentence ends, prompts, menus, dates, credits). Pure functions of one string.
"""
from __future__ import annotations

import re


# A word; Chinese and Japanese are written without spaces, so each run of
# two of their characters counts as one word (about a word's worth of text).
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]{1,2}|[^\W\d_][^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]*"
                   r"(?:['’.-][^\W\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]*)*|\d[\d,.:]*", re.UNICODE)


# Sentence end, possibly followed by closing quotes/brackets.
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*\s*$")


# "homes. Endit", "continue.” (Reporting", "he said.—Reported by": a word, an
# end mark, a space or a dash (a credit glued on with an em dash), a new start.
# The lowercase pair before the mark skips initials like "S. Sudan", "U.S.".
_INNER_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"'”’)]*(?:\s+|\s*[—–]\s*)[\"“(A-Z]|[。！？][」』）]*\S")


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
    r"succ?ess?full?y subscribed)\b",
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
    r"(?:^|[.!?•]\s*)(?:follow|join|download|subscribe|sign[ -]?up|get|stay (?:informed|updated|in the know|connected))\b"
    r"[^.!?]{0,90}?\b(?:whatsapp|telegram|channel|app|newsletter|alerts?|updates|notifications|podcast)\b"
    # "Follow Newsbeat on Instagram, Facebook and YouTube.": a sentence that
    # opens with the imperative and names networks
    r"|(?:^|[.!?]\s+)follow (?:us|[\w.'’@()-]+(?: [\w.'’@()-]+){0,6}) on (?:facebook|twitter|instagram|youtube|linkedin|tiktok)\b",
    re.IGNORECASE)


# "Watch more of our videos on ShotsTV.com": the site pointing at itself.
_SELF_PROMO = re.compile(r"^(?:watch|listen to|read|see|find) (?:more|all) (?:of )?our\b", re.IGNORECASE)


# A sentence built around a link the paste has lost ("Try Premium for FREE
# by clicking here for no ads ...", "Tap here to read more."): a promo, even
# in the middle of the article, since without its link it says nothing.
_LINK_PROMPT = re.compile(r"\b(?:click(?:ing)?|tap(?:ping)?) here\b", re.IGNORECASE)


# The heading of the readers' part of a page (a comment thread or form), in
# the languages whose pages come most often; "12 Comments" has its count.
COMMENT_HEADING = (
    r"(?:\d+\s+)?(?:comments?|comentários?|comentarios?|commentaires?|commenti|kommentare?|"
    r"комментари(?:и|ев|й)|reacties|komentarze?)|"
    r"leave a (?:comment|reply)|post a comment|add a comment|deixe (?:um|uma|o seu) (?:comentário|resposta)|"
    r"deja (?:un|una|tu) (?:comentario|respuesta)|laissez? un commentaire|lascia un commento|"
    r"kommentar schreiben|(?:добавить|оставить|написать) комментарий")


# Headings that open the tail of a page: whatever follows is other stories
# or reader interaction, not this article.
_TAIL_MARKER = re.compile(
    r"^(more (news|stories|from|on this)|related( (stories|articles|news|coverage|content|topics))?|"
    r"read (more|next|also)|also read|see also|editors?'?’?s? picks?|recommended( for you)?|"
    r"most (read|popular|viewed)|popular( now| stories)?|trending( now)?|top stories|"
    r"latest( news| stories)?|you (may|might) (also )?like|what to read next|"
    rf"{COMMENT_HEADING}|join the conversation|more in\b.*|"
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
    rf"(\[[A-Z][\w .'’-]{{1,40}},\s*[A-Z][\w .'’-]{{1,40}}\]\s*$)|"
    # "Credit... Doug Mills/The New York Times", "Photo by Jo Ames."
    rf"(\bcredits?\s*(?:\.\.\.|…)\s*[^.]{{1,80}}$)|"
    rf"(\b(?:photo|photograph|image|picture)(?: illustration)? by [A-Z][\w .'’-]{{1,60}}\.?\s*$)|"
    # "(NASA's Goddard Space Flight Center/David Ladd)", "J. Scott Applewhite / AP file"
    rf"((?-i:\([A-Z][^()/]{{1,60}}/[A-Z][^()/]{{1,60}}\))\s*$)|"
    rf"(\s/\s*{_AGENCIES}(?: (?:file|photo|images?))?\s*$)",
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
    # A long one may name sharing or a network in passing ("She proceeded to
    # share the hashtag ... the following statement:"); a prompt opens with
    # its imperative ("Sign up for our newsletter to get ...:").
    if n >= _LONG_COLON_SENTENCE_WORDS and text.rstrip().endswith(":") and not _IMPERATIVE_PROMPT.match(text.strip()):
        return True
    # A paragraph whose last sentence lost its full stop or ends in a credit
    # ("... homes. Endit", "... continue.” (Reporting by X)"): it still holds
    # a full sentence. Very long lines are prose whatever their punctuation.
    return (n >= 12 and _INNER_SENTENCE_END.search(text) is not None) or n >= 40


# A sentence whose full stop the page left off ("Chelsea have this morning
# paid the fee to secure the signing of ..."): many words, written in
# sentence case. A headline or a link capitalises most of its words, a menu
# is glued or separated by bullets. A teaser's summary has the same shape,
# so it is only taken next to the article's paragraphs (body.py).
_UNSTOPPED_SENTENCE_WORDS = 12


def _is_unstopped_sentence(text: str) -> bool:
    words = [w for w in _words(text) if w[0].isalpha()]
    if len(words) < _UNSTOPPED_SENTENCE_WORDS or _looks_like_menu(text):
        return False
    capitalised = sum(1 for w in words[1:] if w[0].isupper())
    return capitalised * 3 <= len(words) - 1


_COLON_SENTENCE_WORDS = 8
_LONG_COLON_SENTENCE_WORDS = 15


_WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


def _looks_like_menu(text: str) -> bool:
    """Navigation glued together or separated by bullets/pipes. A web
    address is no glued menu, whatever its letters ("amzn.to/2hZfWFJ")."""
    glued = len(re.findall(r"[a-z][A-Z]", _WEB_ADDRESS.sub(" ", text)))
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
              "est", "edt", "ist", "cet", "et", "pt", "ct", "bst", "cest", "aest", "on", "at", "last", "years", "year",
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


# A date line's label printed without its date ("Published", "Last updated").
_META_LABEL = re.compile(r"^(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?:?$", re.IGNORECASE)


def _is_meta_label(text: str) -> bool:
    return _META_LABEL.match(text.strip()) is not None


def _is_bare_close(text: str) -> bool:
    return text.strip() in (")", "]", ").")


# A sentence end inside a line, not after an abbreviation ("Gov. Kristi Noem").
_SECOND_SENTENCE = re.compile(r"[a-z]{4,}[.!?][\"'”’)]*\s+[\"“(A-Z]")


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
    """A widget's sentence: addressed to the reader (outside quotes) or a
    wrapped fragment. A long paragraph talking to its reader ("If you want
    a book that makes you feel great about being a biker, this is it. ...")
    is the article's own voice unless it carries a prompt word."""
    if _LOWERCASE_START.match(text) is not None:
        return True
    if _READER_ADDRESS.search(_QUOTED.sub("", text)) is None:
        return False
    return len(_words(text)) < _READER_PARAGRAPH_WORDS or _PROMPT_WORDS.search(text) is not None


# Longer than any sign-up or paywall sentence seen; an article's paragraph may be.
_READER_PARAGRAPH_WORDS = 30


# A list item as a paste lays it out: "* Home", "+ Diet Plans", "o Wahabi (185)".
_LIST_ITEM = re.compile(r"^(?:[*+•·◦▪o-])\s+(?=\S)")


def _without_list_marker(text: str) -> str:
    """The line's words without a list item's bullet ("• Drugs hidden ..." and
    "Drugs hidden ..." are the same words printed twice)."""
    match = _LIST_ITEM.match(text)
    return text[match.end():] if match else text
