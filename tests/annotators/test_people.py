"""The people list the speaker picker offers."""
from __future__ import annotations

from annotators.people import fold_short_names


def test_a_surname_alone_is_folded_into_the_full_name_with_its_count():
    names = fold_short_names([("Antony Blinken", 2), ("Josep Borrell", 3), ("Blinken", 4), ("Borrell", 1)])
    assert names == ["Antony Blinken", "Josep Borrell"]  # 6 mentions, then 4


def test_a_middle_initial_does_not_make_two_people():
    assert fold_short_names([("Antony Blinken", 1), ("Antony J. Blinken", 1), ("Blinken", 1)]) == ["Antony J. Blinken"]


def test_a_surname_two_people_share_stays_as_written():
    names = fold_short_names([("Anna Smith", 1), ("John Smith", 1), ("Smith", 3)])
    assert names == ["Smith", "Anna Smith", "John Smith"]


def test_accents_and_possessives_do_not_split_a_person():
    assert fold_short_names([("Volodymyr Zelensky", 1), ("Zelensky’s", 1)]) == ["Volodymyr Zelensky"]


def test_ties_keep_the_order_of_first_mention_and_nothing_is_invented():
    assert fold_short_names([("Mark Rutte", 1), ("Kaja Kallas", 1), ("", 2)]) == ["Mark Rutte", "Kaja Kallas"]


def test_speaker_choices_drop_possessives_headings_and_fold_short_names():
    from annotators.people import speaker_choices

    text = ("Blinken's Strategic Discussions at NATO\n"
            "Antony Blinken met Donald Trump's envoy. Blinken said so.\n"
            "Ukraine Support at the Forefront\n"
            "Donald Trump spoke.")
    mentions = [(text[i:i + len(n)], i, True) for n in ("Blinken's Strategic Discussions", "Antony Blinken",
                                                         "Donald Trump's", "Ukraine Support", "Donald Trump")
                for i in [text.index(n)]]
    mentions.append(("Blinken", text.index("Blinken said"), True))
    assert speaker_choices(text, sorted(mentions, key=lambda m: m[1])) == ["Antony Blinken", "Donald Trump"]
