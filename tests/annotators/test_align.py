"""Alignment core of the side-by-side comparison, on the five sample reports."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotators.align import (
    ArticleView,
    align_passages,
    align_quotes,
    cluster_stories,
    compare,
    compare_figures,
    fold_name,
    group_entities,
    parse_figure,
    split_paragraphs,
    word_diff,
)
from annotators.types import Span

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "sample_data").glob("*.txt"))
FIXTURES = ROOT / "tests" / "fixtures"


# --------------------------------------------------------------------------- local quote finder

_PAIRS = (("“", "”"), ('"', '"'))
_SPEAKER_AFTER = re.compile(r"^[,.]?\s*(?:the [\w ]+? said|([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*) (?:said|told|added))")
_SPEAKER_SAY = re.compile(r"([A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*) (?:said|told \w+|added)[^“\"]*$")


def _guess_speaker(text: str, start: int, end: int) -> str | None:
    if m := _SPEAKER_AFTER.match(text[end : end + 80]):
        return m.group(1)
    if m := _SPEAKER_SAY.search(text[max(0, start - 120) : start]):
        return m.group(1)
    return None


def simple_quote_spans(text: str) -> list[Span]:
    """Pair “...” and "..." within a paragraph into quote Spans (inside the marks)."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        for open_, close in _PAIRS:
            pos = para.start()
            while (i := text.find(open_, pos, para.end())) != -1:
                j = text.find(close, i + 1, para.end())
                if j == -1:
                    break
                speaker = _guess_speaker(text, i, j + 1)
                spans.append(Span(i + 1, j, "QUOTE", "quote", {"speaker": speaker}))
                pos = j + 1
    return spans


def _quote_spans(nlp, doc) -> list[Span]:
    try:  # the real quote finder, once it exists
        from annotators.quotes import find_quotes

        return list(find_quotes(doc))
    except Exception:
        return simple_quote_spans(doc.text)


def _view(nlp, art_id: int, text: str, source: str | None = None) -> ArticleView:
    doc = nlp(text)
    ents = [Span(e.start_char, e.end_char, e.label_, "entity") for e in doc.ents]
    spans = tuple(sorted(ents + _quote_spans(nlp, doc), key=lambda s: (s.start, s.end)))
    return ArticleView(art_id, text.split("\n", 1)[0][:80], source, text, spans)


@pytest.fixture(scope="session")
def samples(nlp) -> list[ArticleView]:
    return [_view(nlp, i, p.read_text(encoding="utf-8"), p.stem) for i, p in enumerate(SAMPLES)]


@pytest.fixture(scope="session")
def entity_groups(samples):
    return group_entities(samples)


def _group_with(groups, variant: str):
    found = [g for g in groups if variant in g.variants]
    assert found, f"{variant!r} not in any group"
    return found[0]


# --------------------------------------------------------------------------- entities


def test_transliterated_names_are_one_person(entity_groups):
    sybiha = _group_with(entity_groups, "Andrii Sybiha")
    assert "Andriy Sybiga" in sybiha.variants
    assert sybiha.label == "PERSON"
    assert set(sybiha.articles) >= {1, 3}


def test_fold_name_folds_common_romanisations():
    assert fold_name("Andrii Sybiha") == fold_name("Andriy Sybiga")
    assert fold_name("Volodymyr Zelenskyy") == fold_name("Volodymyr Zelensky")
    assert fold_name("Blinken’s") == fold_name("BLINKEN")
    assert fold_name("U.S.") == fold_name("US")
    assert fold_name("Joe Biden") != fold_name("Hunter Biden")


def test_surname_and_full_name_are_one_person(entity_groups):
    blinken = _group_with(entity_groups, "Antony Blinken")
    assert "Blinken" in blinken.variants
    assert blinken.name == "Antony Blinken"
    assert blinken.label == "PERSON"
    assert blinken.articles == (0, 1, 2, 3, 4)
    assert sum(g.name == "Antony Blinken" for g in entity_groups) == 1


def test_role_prefix_and_spacing_variants_join(nlp):
    text = ("NATO chief  Mark Rutte met ministers. Mark Rutte said little.\n\n"
            "Rutte’s aides declined to comment. Later Mark  Rutte left.")
    view = ArticleView(1, None, None, text, tuple(
        Span(m.start(), m.end(), "PERSON", "entity")
        for m in re.finditer(r"NATO chief  Mark Rutte|Mark Rutte|Rutte’s|Mark  Rutte", text)))
    groups = group_entities([view])
    assert len(groups) == 1
    assert groups[0].name == "Mark Rutte"
    assert groups[0].mentions == {1: 4}


def _person_view(art_id: int, text: str) -> ArticleView:
    names = r"(?:Joe |Hunter )?Biden(?:’s)?"
    return ArticleView(art_id, None, None, text, tuple(
        Span(m.start(), m.end(), "PERSON", "entity") for m in re.finditer(names, text)))


def test_same_surname_different_people_stay_apart():
    # Hand-made spans: the small model misses a bare "Biden" in short texts.
    views = [
        _person_view(0, "President Joe Biden spoke in Delaware. Joe Biden said the economy was strong. "
                        "Hunter Biden did not attend. Biden later left for Washington."),
        _person_view(1, "Joe Biden met reporters. Biden’s staff cheered. Hunter Biden was in court on Tuesday."),
    ]
    groups = group_entities(views)
    joe = _group_with(groups, "Joe Biden")
    hunter = _group_with(groups, "Hunter Biden")
    assert joe is not hunter
    assert "Biden" in joe.variants and "Biden" not in hunter.variants  # a bare surname joins the most mentioned
    assert joe.mentions == {0: 3, 1: 2} and hunter.mentions == {0: 1, 1: 1}


def test_acronym_joins_full_name():
    text = "The European Union and the EU's envoy met."
    view = ArticleView(7, None, None, text, (
        Span(4, 18, "ORG", "entity"), Span(27, 31, "ORG", "entity")))
    (group,) = group_entities([view])
    assert group.name == "European Union" and set(group.variants) == {"European Union", "EU"}


# --------------------------------------------------------------------------- quotes


def test_firm_response_quote_pairs_with_word_diff(samples):
    groups = align_quotes(samples[:3])
    firm = [g for g in groups if any("firm response" in m.text for m in g.members)]
    assert len(firm) == 1
    (group,) = firm
    assert {m.article for m in group.members} == {1, 2}
    assert ("replace", "get", "receive") in group.diff
    assert [op for op, _, _ in group.diff].count("equal") == 2
    for m in group.members:
        assert samples[m.article].text[m.start : m.end] == m.text


def test_unshared_quotes_are_singletons_and_scare_quotes_do_not_pair(samples):
    groups = align_quotes(samples)
    members = [m for g in groups for m in g.members]
    assert len(members) == sum(len(a.spans_of("quote")) for a in samples)
    strength = [g for g in groups if any(m.text == "strength" for m in g.members)]
    assert strength and all(len(g.members) == 1 for g in strength)
    shared = [g for g in groups if len(g.articles) > 1]
    assert all(len(g.members) >= 2 for g in shared)
    assert groups[0] in shared  # shared quotes first


def test_longer_passage_contains_shorter_quote():
    long_ = ("“We will continue to shore up everything we’re doing for Ukraine to ensure it "
             "can effectively defend itself,” Blinken said.")
    short = "Blinken said the administration would “continue to shore up everything we're doing for Ukraine”."
    views = [ArticleView(i, None, None, t, tuple(simple_quote_spans(t))) for i, t in enumerate([long_, short])]
    (group,) = [g for g in align_quotes(views) if len(g.members) > 1]
    assert {m.article for m in group.members} == {0, 1}
    assert any(op == "delete" for op, _, _ in group.diff)  # the longer one's extra words


def test_quote_spans_with_marks_give_member_offsets_without_them():
    text = 'He said “demands and will get a firm response” today.'
    other = 'She said "demands and will receive a firm response" later.'
    views = [ArticleView(0, None, None, text, (Span(8, 46, "QUOTE", "quote", {"speaker": "Antony Blinken"}),)),
             ArticleView(1, None, None, other, tuple(simple_quote_spans(other)))]
    (group,) = align_quotes(views)
    assert group.speaker == "Antony Blinken"
    for m in group.members:
        assert views[m.article].text[m.start : m.end] == m.text and m.text.startswith("demands")


def test_word_diff_ignores_case_punctuation_and_apostrophes():
    assert word_diff("we’re doing it.", "We're doing it") == [("equal", "we’re doing it.", "We're doing it")]


# --------------------------------------------------------------------------- figures


def test_six_vs_eight_billion_for_ukraine_is_a_conflict(samples):
    groups = compare_figures(samples)
    money = [g for g in groups if g.kind == "money" and g.conflict]
    texts = [{m.text for m in g.members} for g in money]
    assert {"$8 billion", "over $6 billion"} in texts
    (group,) = [g for g in money if "$8 billion" in {m.text for m in g.members}]
    assert {m.article for m in group.members} == {0, 2}
    assert "$175 billion" not in {m.text for m in group.members}  # total since 2022, other context
    assert {m.value for m in group.members} == {8e9, 6e9}


def test_inauguration_dates_agree(samples):
    groups = compare_figures(samples)
    jan20 = [g for g in groups if g.kind == "date" and {"Jan. 20", "January 20"} <= {m.text for m in g.members}]
    assert jan20 and not jan20[0].conflict


def test_unrelated_small_figures_do_not_group(samples):
    # "two" (two-way street) and "four" (scenarios) have nothing in common.
    groups = compare_figures(samples)
    assert not [g for g in groups if g.kind == "count"]


@pytest.mark.parametrize("text,label,kind,value,unit", [
    ("$8 billion", "MONEY", "money", 8e9, "USD"),
    ("half a billion dollars", "CARDINAL", "money", 5e8, "USD"),
    ("175 billion", "CARDINAL", "count", 175e9, None),
    ("four years", "DATE", "duration", 4, "year"),
    ("January 20", "DATE", "date", (None, 1, 20), None),
    ("Jan. 20", "DATE", "date", (None, 1, 20), None),
    ("January 20th", "DATE", "date", (None, 1, 20), None),
    ("12.5 percent", "PERCENT", "percent", 12.5, "%"),
    ("€3bn", None, "money", 3e9, "EUR"),
])
def test_parse_figure(text, label, kind, value, unit):
    parsed = parse_figure(text, label)
    assert (parsed.kind, parsed.value, parsed.unit) == (kind, value, unit)


def test_relative_dates_have_no_value():
    assert parse_figure("Wednesday", "DATE") is None
    assert parse_figure("next year", "DATE") is None


# --------------------------------------------------------------------------- passages


def _monotone(path):
    a = [i for i, _, _ in path if i is not None]
    b = [j for _, j, _ in path if j is not None]
    return a == sorted(a) and b == sorted(b)


def test_passage_alignment_is_monotone_and_complete(samples):
    for x, y in [(1, 2), (0, 3), (2, 4), (0, 1)]:
        path = align_passages(samples[x], samples[y])
        assert _monotone(path)
        assert [i for i, _, _ in path if i is not None] == list(range(len(split_paragraphs(samples[x].text))))
        assert [j for _, j, _ in path if j is not None] == list(range(len(split_paragraphs(samples[y].text))))


def test_passage_alignment_matches_same_paragraphs_in_order(samples):
    a = samples[1]
    paras = [a.text[s:e] for s, e in split_paragraphs(a.text)]
    edited = ArticleView(9, None, None, "\n\n".join(["Breaking news"] + paras[2:7] + ["An extra line about nothing."] + paras[7:]))
    path = align_passages(a, edited)
    matched = [(i, j) for i, j, _ in path if i is not None and j is not None]
    expected = [(k, k - 1) for k in range(2, 7)] + [(k, k) for k in range(7, len(paras))]
    assert set(expected) <= set(matched)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["alpha beta gamma", "delta epsilon", "zeta eta theta iota", "kappa",
                                 "lambda mu nu", "alpha delta kappa"]), min_size=0, max_size=8),
       st.lists(st.sampled_from(["alpha beta gamma", "delta epsilon", "zeta eta theta iota", "kappa",
                                 "lambda mu nu", "omicron pi"]), min_size=0, max_size=8))
def test_passage_alignment_is_always_monotone(pa, pb):
    a = ArticleView(1, None, None, "\n\n".join(pa))
    b = ArticleView(2, None, None, "\n\n".join(pb))
    path = align_passages(a, b)
    assert _monotone(path)
    assert sorted(i for i, _, _ in path if i is not None) == list(range(len(split_paragraphs(a.text))))
    assert sorted(j for _, j, _ in path if j is not None) == list(range(len(split_paragraphs(b.text))))


def test_paragraphs_fall_back_to_single_newlines(samples):
    assert len(split_paragraphs(samples[0].text)) == 11  # pasted with single newlines
    assert len(split_paragraphs("a\n\nb\nc")) == 2


# --------------------------------------------------------------------------- stories


def test_samples_form_one_story_and_unrelated_articles_their_own():
    docs = [(i, p.read_text(encoding="utf-8")) for i, p in enumerate(SAMPLES)]
    docs += [(100, (FIXTURES / "unrelated_sports.txt").read_text(encoding="utf-8")),
             (101, (FIXTURES / "unrelated_weather.txt").read_text(encoding="utf-8"))]
    stories = cluster_stories(docs)
    assert stories[0] == [0, 1, 2, 3, 4]
    assert [100] in stories and [101] in stories
    assert len(stories) == 3


def test_cluster_stories_edge_cases():
    assert cluster_stories([]) == []
    assert cluster_stories([(5, "")]) == [[5]]


# --------------------------------------------------------------------------- bundle


def test_compare_to_dict_is_json_with_the_agreed_keys(samples):
    result = compare(samples).to_dict()
    json.dumps(result)
    assert list(result) == ["articles", "entities", "quotes", "figures", "links"]
    assert set(result["articles"][0]) == {"id", "title", "source"}
    assert set(result["entities"][0]) == {"name", "label", "variants", "in"}
    assert set(result["quotes"][0]) == {"speaker", "members", "diff"}
    assert set(result["quotes"][0]["members"][0]) == {"article", "start", "end", "text", "speaker"}
    assert result["links"] == []
    assert result["figures"] and all("conflict" in f for f in result["figures"])


def test_comparison_passages_on_demand(samples):
    comparison = compare(samples[:2])
    assert _monotone(comparison.passages(0, 1))
