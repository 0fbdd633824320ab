"""Loading the spaCy pipeline and turning Docs into suggestions."""
from __future__ import annotations

import pytest

from annotators import pipeline
from annotators.pipeline import LoadedPipeline, ModelNotFound, Preannotator, load_pipeline
from annotators.tokenization import tokenizer_identity

TEXT = "\u201cWe will rebuild the port,\u201d Mayor Ana Lopes said in Porto on Monday, promising $40 million."


def test_default_pipeline_is_the_packaged_english_model():
    loaded = load_pipeline()
    assert loaded.name in pipeline.DEFAULT_MODELS
    assert loaded.has_ner and loaded.has_parser and loaded.message is None


def test_named_model_that_is_not_installed_raises_a_clear_error():
    with pytest.raises(ModelNotFound, match="no_such_pipeline"):
        load_pipeline("no_such_pipeline")


def test_without_any_pipeline_quotes_and_claims_still_come_by_rule(monkeypatch):
    monkeypatch.setattr(pipeline, "DEFAULT_MODELS", ("not_installed_a", "not_installed_b"))
    loaded = load_pipeline()
    assert loaded.name == "blank:en" and "no trained spaCy pipeline" in loaded.message
    suggestion = Preannotator(pipeline=loaded).suggest_one(TEXT)
    assert suggestion.of_kind("entity") == []
    quotes = suggestion.of_kind("quote")
    # the trailing comma inside the marks is punctuation of the sentence, not the quote
    assert [TEXT[q.start:q.end] for q in quotes] == ["We will rebuild the port"]
    assert quotes[0].attrs["speaker"] == "Ana Lopes"  # surface pattern "..., Name said"
    assert suggestion.of_kind("claim"), "the $40 million sentence is a claim candidate by rule"


def test_suggestions_are_in_text_order_and_inside_the_text(preannotator):
    suggestion = preannotator.suggest_one(TEXT)
    starts = [s.start for s in suggestion.spans]
    assert starts == sorted(starts)
    assert all(0 <= s.start < s.end <= len(TEXT) for s in suggestion.spans)
    people = [TEXT[s.start:s.end] for s in suggestion.of_kind("entity") if s.label == "PERSON"]
    assert "Ana Lopes" in people
    (quote,) = suggestion.of_kind("quote")
    assert quote.attrs["speaker"] == "Ana Lopes" and quote.attrs["cue"] == "said"


def test_batch_suggestions_equal_those_made_from_each_doc_alone(preannotator):
    """``suggest`` hands each text to the rules beside its Doc (so spaCy need
    not rebuild doc.text); the result must be what the Doc alone gives."""
    texts = [TEXT, "Officials said 12 people were hurt. \u201cIt was chaos,\u201d said Li Wei, a witness.", ""]
    batched = list(preannotator.suggest(texts, batch_size=2))
    nlp = preannotator.pipeline.nlp
    tokenizer = tokenizer_identity(nlp.tokenizer)
    assert batched == [pipeline.suggest_for_doc(nlp(t), tokenizer=tokenizer) for t in texts]
    assert batched[1].of_kind("quote")[0].attrs["speaker"] == "Li Wei"


def test_suggestions_carry_the_tokens_the_pipeline_cut_with_its_tokenizer_identity(preannotator):
    """What import keeps for the exports (store.token_cache): the pipeline's
    tokens, under an identity equal to the exports' blank English tokenizer's
    (the same rules), so the export can use them."""
    import spacy

    (suggestion,) = preannotator.suggest([TEXT])
    doc = spacy.blank("en")(TEXT)
    assert suggestion.tokens.tokenizer == tokenizer_identity(spacy.blank("en").tokenizer)
    assert suggestion.tokens.starts == tuple(t.idx for t in doc)
    assert suggestion.tokens.ends == tuple(t.idx + len(t) for t in doc)
    assert suggestion.tokens.spaces == tuple(bool(t.whitespace_) for t in doc)


def test_a_pipeline_that_merges_tokens_hands_on_none():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("merge_noun_chunks")
    (suggestion,) = Preannotator(pipeline=LoadedPipeline(nlp, "blank")).suggest([TEXT])
    assert suggestion.tokens is None
