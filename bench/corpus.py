"""Repeatable synthetic news corpora built from ``sample_data/``.

Each article is a recombination of the sample articles' body paragraphs (the
ones with quotes are favoured, so every article has some), with the people,
cities, weekdays and figures varied, under a title and a byline, and wrapped in
a little page chrome ("Follow us on:", "Share") like a pasted web page.
Article ``i`` of seed ``s`` is the same text whatever ``n`` is, so a corpus of
1,000 is the first 1,000 of the corpus of 100,000.

    python -m bench.corpus 1000 --out bench/corpora/c1000        # .txt files
    python -m bench.corpus 10000 --jsonl bench/corpora/c10000.jsonl

Generated corpora belong under bench/corpora/ or bench/out/ (gitignored).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DATA = ROOT / "sample_data"
GENERATOR_VERSION = 1  # bump when the output changes (cached databases are keyed on it)

FIRST = (
    "Amina Bruno Chloe Dmitri Elena Farid Grace Hiroshi Ines Jonas Kemi Lars Maya Nikos Olga Pedro "
    "Quentin Rosa Samir Tanya Umar Vera Wen Ximena Yusuf Zara Ana Ben Carla Diego Femi Hana Ivan "
    "Julia Kofi Lena Marco Nadia Omar Priya"
).split()
LAST = (
    "Adeyemi Novak Lindqvist Okafor Moreau Petrov Haddad Tanaka Fischer Costa Mensah Kowalski Silva "
    "Dubois Nakamura Rossi Jensen Ivanova Mbeki Horvat Sato Alvarez Osei Byrne Keller Varga Yilmaz "
    "Nilsen Duarte Eriksen Obi Castillo Weber Popescu Larsen Marsh Quinn Ferreira Abara Kuznetsov"
).split()
CITIES = (
    "Brussels Lisbon Nairobi Warsaw Ottawa Lagos Oslo Vienna Manila Santiago Accra Prague Dublin "
    "Hanoi Tunis Riga Quito Lima Geneva Madrid"
).split()
OUTLETS = ("Daily Ledger", "The Courier", "Metro Wire", "Evening Post", "Global Desk", "The Herald Online")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
CHROME_BEFORE = ("Skip to content", "Menu", "Subscribe", "ON NOW", "Politics", "World")
CHROME_AFTER = ("Follow us on:", "Share this article", "Leave a review", "Related stories", "Sign up for our newsletter")

# People in the sample articles, full name first: each article maps them to
# invented people (the surname alone is replaced consistently).
PEOPLE = (
    "Antony Blinken", "Donald Trump", "Joe Biden", "Josep Borrell", "Mark Rutte", "Vladimir Putin",
    "Volodymyr Zelensky", "Andrii Sybiha", "Andriy Sybiga", "Kaja Kallas", "Mike Waltz", "Marco Rubio",
    "Pete Hegseth", "Lloyd Austin", "Jake Sullivan", "Christopher Cavoli", "Francis Farrell",
    "Faridah Abdulkadiri",
)
CITIES_IN_SAMPLE = ("Brussels", "Washington", "Moscow", "Pyongyang", "Kyiv")
NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w])")
QUOTE_MARK = re.compile(r"[\"\u201c\u201d]")
MIN_BODY_WORDS = 14


@dataclass(frozen=True)
class GenArticle:
    index: int
    title: str
    source: str
    byline: str
    published: str
    body: str  # paragraphs separated by blank lines: the article text proper

    @property
    def page(self) -> str:
        """The article as pasted from a web page (what a .txt file holds)."""
        rng = random.Random(f"chrome-{self.index}")
        before = rng.sample(CHROME_BEFORE, 2)
        after = rng.sample(CHROME_AFTER, 2)
        return "\n\n".join([*before, self.title, self.byline, self.published, self.body, *after]) + "\n"

    @property
    def words(self) -> int:
        return len(self.body.split())


@lru_cache(maxsize=1)
def paragraphs() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(paragraphs with a quote, the other body paragraphs) of the samples."""
    quoted, plain = [], []
    for path in sorted(SAMPLE_DATA.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            para = para.strip()
            if len(para.split()) < MIN_BODY_WORDS:
                continue
            (quoted if QUOTE_MARK.search(para) else plain).append(para)
    if not quoted or not plain:
        raise RuntimeError(f"no usable paragraphs in {SAMPLE_DATA}")
    return tuple(dict.fromkeys(quoted)), tuple(dict.fromkeys(plain))


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    """One pass over a paragraph finds every name, city, weekday and figure."""
    names = sorted(PEOPLE, key=len, reverse=True) + sorted({p.split()[-1] for p in PEOPLE})
    words = "|".join(re.escape(w) for w in (*names, *CITIES_IN_SAMPLE, *WEEKDAYS))
    return re.compile(rf"\b(?P<word>{words})\b|{NUMBER.pattern}")


def _vary(text: str, people: dict[str, str], cities: dict[str, str], rng: random.Random) -> str:
    surnames = {full.split()[-1]: new.split()[-1] for full, new in people.items()}

    def swap(m: re.Match) -> str:
        word = m.group("word")
        if word is not None:
            if word in people:
                return people[word]
            if word in surnames:
                return surnames[word]
            if word in cities:
                return cities[word]
            return rng.choice(WEEKDAYS)
        digits = m.group(2).replace(",", "")
        if "." in digits:
            return f"{rng.uniform(0.5, 2.0) * float(digits):.1f}"
        value = int(digits)
        if 1900 <= value <= 2100:  # a year: keep it plausible
            return str(rng.randint(2015, 2026))
        varied = max(1, round(value * rng.uniform(0.5, 2.0)))
        return f"{varied:,}" if "," in m.group(2) else str(varied)

    return _pattern().sub(swap, text)


def article(index: int, seed: int = 0, words: int | None = None) -> GenArticle:
    """Article ``index`` of the corpus ``seed``; ``words`` forces a body length."""
    rng = random.Random(f"{seed}-{index}")
    quoted, plain = paragraphs()
    people = {p: f"{rng.choice(FIRST)} {rng.choice(LAST)}" for p in PEOPLE}
    cities = {c: rng.choice(CITIES) for c in CITIES_IN_SAMPLE}
    # News lengths are skewed: most 300-900 words, a few long reads.
    target = words or int(min(2500, max(180, rng.lognormvariate(6.25, 0.45))))
    body: list[str] = []
    n = 0
    while n < target:
        pool = quoted if (not body or rng.random() < 0.45) else plain
        para = _vary(rng.choice(pool), people, cities, rng)
        body.append(para)
        n += len(para.split())
    lead = re.split(r"(?<=[a-z\u201d\"][.!?])\s", body[0], maxsplit=1)[0]
    title = " ".join(lead.split()[:11]).rstrip(",.;:")
    title = title[:1].upper() + title[1:]
    month = rng.randrange(12)
    return GenArticle(
        index=index,
        title=title,
        source=rng.choice(OUTLETS),
        byline=f"By {rng.choice(FIRST)} {rng.choice(LAST)}",
        published=f"{MONTHS[month]} {rng.randint(1, 28)}, {rng.randint(2019, 2025)}",
        body="\n\n".join(body),
    )


def generate(n: int, seed: int = 0) -> Iterator[GenArticle]:
    """``n`` distinct articles (a rare repeat of a body is re-drawn)."""
    seen: set[bytes] = set()
    for i in range(n):
        attempt = 0
        while True:
            a = article(i if attempt == 0 else i + 1_000_000 * attempt, seed)
            digest = hashlib.blake2b(a.page.encode(), digest_size=12).digest()
            if digest not in seen:
                seen.add(digest)
                break
            attempt += 1
        yield GenArticle(i, a.title, a.source, a.byline, a.published, a.body) if attempt else a


def long_article(words: int = 20_000, seed: int = 0) -> GenArticle:
    return article(10_000_000, seed, words=words)


def write_txt(n: int, folder: Path, seed: int = 0) -> list[Path]:
    """One pasted-page .txt per article (100 per subfolder)."""
    folder = Path(folder)
    paths = []
    for a in generate(n, seed):
        sub = folder / f"{a.index // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"{a.index:06d}.txt"
        path.write_text(a.page, encoding="utf-8")
        paths.append(path)
    return paths


def write_jsonl(n: int, path: Path, seed: int = 0) -> Path:
    """One article per line: ``{"text", "meta": {title, source, byline, published}}``."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for a in generate(n, seed):
            meta = {"title": a.title, "source": a.source, "byline": a.byline, "published": a.published}
            fh.write(json.dumps({"text": a.body, "meta": meta}, ensure_ascii=False) + "\n")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of articles")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, help="folder for .txt files")
    parser.add_argument("--jsonl", type=Path, help="a .jsonl file instead")
    args = parser.parse_args(argv)
    if args.jsonl:
        write_jsonl(args.n, args.jsonl, args.seed)
        print(f"wrote {args.n} articles to {args.jsonl}")
    else:
        out = args.out or ROOT / "bench" / "corpora" / f"c{args.n}-s{args.seed}"
        write_txt(args.n, out, args.seed)
        print(f"wrote {args.n} articles under {out}")


if __name__ == "__main__":
    main()
