"""Retraining the learned speaker attributor from a team's reviewed speakers.

    lines = retrain_speaker_model(store, folder, echo)

reads the gold layer's reviewed quotes that name a speaker (accepted or
corrected; the reviewer's decision, else the annotators' shared answer),
parses their articles with the pipeline, builds each quote's candidates as
``find_quotes`` does, holds back a fifth of the team's articles as a dev split
(seeded), trains on the shipped examples plus the team's train split (the
shipped model's C and margin), prints the accuracy of the rules, of the model
in use before and of the retrained one on that dev split, and writes
``<folder>/copydesk/speaker_model.json``, which a pipeline loaded from
``folder`` uses from then on (``annotators.models.model_file``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .export import Selection, selected, split_ids

DEV_FRACTION = 0.2
SEED = 0


def reviewed_speakers(store) -> dict[int, tuple[str, list[tuple[int, int, str]]]]:
    """Article id -> (its text, its reviewed quotes with a speaker as (start, end, speaker))."""
    out: dict[int, tuple[str, list[tuple[int, int, str]]]] = {}
    for article, spans, _links in selected(store, Selection.from_flags()):
        quotes = [(s.start, s.end, s.speaker) for s in spans
                  if s.kind == "quote" and s.speaker and s.status in ("accepted", "corrected")]
        if quotes:
            out[article.id] = (article.text, quotes)
    return out


def _share(r: dict) -> str:
    return (f"{r['right_of_found']:.3f} right, {r['wrong_of_found']:.3f} wrong of {r['found']} quotes found "
            f"({r['gold']} reviewed)")


def _parser(folder: Path):
    """The pipeline in ``folder`` when there is one (the team model will score
    its parses), else the one copydesk loads when none is named."""
    import spacy

    from annotators.pipeline import load_pipeline

    if (Path(folder) / "config.cfg").is_file():
        return spacy.load(folder)
    return load_pipeline(None).nlp


def retrain_speaker_model(store, folder: str | Path, echo: Callable[[str], object] = print, nlp=None) -> list[str]:
    """Retrain the speaker model on the shipped examples plus the team's
    reviewed speakers and write it beside the pipeline ``folder``; ``echo``
    gets progress, the returned lines say what happened (the scores before
    and after). ``nlp`` parses the articles (default: the pipeline in
    ``folder``, else the one copydesk loads when none is named). A
    ``copydesk train`` trainer (``store.train_extras``)."""
    from annotators.models import SHIPPED, model_file, team_file
    from annotators.quotes.fit import evaluate, examples_from_doc, fit, load_examples
    from annotators.quotes.learned import MODEL_NAME, SpeakerModel

    lines: list[str] = []
    say = lines.append

    team = reviewed_speakers(store)
    if not team:
        say("speaker model: no reviewed quotes with a speaker; the model is unchanged")
        return lines
    echo(f"speaker model: parsing the {len(team)} articles with reviewed speakers")
    if nlp is None:
        nlp = _parser(folder)
    ids = sorted(team)
    examples: dict[int, list[dict]] = {}
    for article_id, doc in zip(ids, nlp.pipe((team[i][0] for i in ids), batch_size=16)):
        text, quotes = team[article_id]
        examples[article_id] = examples_from_doc(doc, text, quotes, f"article {article_id}")
    parts = split_ids(ids, (1 - DEV_FRACTION, DEV_FRACTION), seed=SEED) if len(ids) > 1 else {"train": ids, "dev": []}
    train = [ex for i in parts["train"] for ex in examples[i]]
    dev = [ex for i in parts["dev"] for ex in examples[i]]
    shipped = load_examples(SHIPPED / "speaker_examples.json.gz")
    current = SpeakerModel.load(model_file(MODEL_NAME, folder))
    base = SpeakerModel.load(SHIPPED / MODEL_NAME)
    c = float(base.meta.get("C", 1.0))
    say(f"speaker model: {sum(len(q) for _, q in team.values())} reviewed quotes with a speaker in {len(ids)} "
        f"articles; train {len(parts['train'])} articles, dev {len(parts['dev'])} (seed {SEED})")
    echo("speaker model: training")
    meta = {"trained_on": list(base.meta.get("trained_on", [])) + [f"team: {len(train)} quotes"],
            "team_dev_articles": parts["dev"], "base_cv": base.meta.get("cv")}
    model = fit(shipped + train, c, base.margin, meta)
    if dev:
        say(f"  dev split, rules alone:   {_share(evaluate(None, dev))}")
        say(f"  dev split, model before:  {_share(evaluate(current, dev))}")
        after = evaluate(model, dev)
        say(f"  dev split, model after:   {_share(after)}")
        model.meta["team_dev"] = after
    else:
        say("  one article only: no dev split to measure on")
    path = model.save(team_file(folder, MODEL_NAME))
    say(f"  wrote {path}")
    return lines
