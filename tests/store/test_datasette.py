"""The database as Datasette shows it: the views read naturally (span text,
quotes with speakers, claims with reviews, progress) and actions point at articles."""
from __future__ import annotations

from datasette.app import Datasette

from store import Store
from tests.store.test_actions import add_article


async def test_datasette_serves_the_views_with_span_text(tmp_path):
    path = tmp_path / "copydesk.db"
    store = Store.open(path, annotator="ana")
    article_id = add_article(store)
    quote = store.spans(article_id, kinds=["quote"])[0]
    store.set_speaker(quote.id, "Antony Blinken")
    text = store.get_article(article_id).text
    store.close()

    ds = Datasette([str(path)])
    response = await ds.client.get("/copydesk/quote_speakers.json?_shape=array")
    assert response.status_code == 200
    (row,) = response.json()
    assert (row["annotator"], row["quote"], row["speaker"]) == ("ana", text[quote.start:quote.end], "Antony Blinken")

    spans = (await ds.client.get("/copydesk/span_text.json?_shape=array&kind=entity")).json()
    assert all(r["text"] == text[r["start"]:r["end"]] for r in spans) and spans

    progress = (await ds.client.get("/copydesk/annotator_progress.json?_shape=array")).json()
    assert [(r["annotator"], r["judgments"], r["kept"]) for r in progress] == [("ana", 1, 1)]

    actions = (await ds.client.get("/copydesk/actions.json?_shape=array&_labels=on")).json()
    # the foreign key makes each action's article a labelled link to its row
    assert actions and all(a["article_id"]["value"] == article_id for a in actions)
    database = ds.get_database("copydesk")
    keys = await database.foreign_keys_for_table("actions")
    assert {(k["column"], k["other_table"]) for k in keys} == {("article_id", "articles")}
