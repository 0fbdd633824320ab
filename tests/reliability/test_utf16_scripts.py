"""UTF-16 without a byte-order mark in a non-Latin script (issue 20): refused
as binary before (the zero bytes fall only in spaces and line ends); read now.
A file in Latin-1 (no zero byte) is still "not UTF-8", never UTF-16 garbage."""
from __future__ import annotations

import pytest

from store.reading import UnreadableFile, decode_bytes

TEXTS = {
    "russian": "Министр Яна Окафор открыла мост в Лагосе в понедельник.\n\n«Он выдержит 40 000 машин в день», — сказала она.\n",
    "greek": "Η υπουργός άνοιξε τη γέφυρα στο Λάγος τη Δευτέρα.\n\n«Θα περνούν 40.000 αυτοκίνητα τη μέρα», είπε.\n",
    "arabic": "افتتحت الوزيرة الجسر في لاغوس يوم الاثنين.\n\nوقالت: «سيعبره 40 ألف سيارة يوميا».\n",
    "chinese": "部长周一在拉各斯为大桥剪彩。\n\n她说：“每天将有四万辆汽车通过。”\n",
}


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("script", sorted(TEXTS))
def test_utf16_without_a_mark_in_any_script_is_read_exactly(script, codec):
    text = TEXTS[script] * 3
    assert decode_bytes(text.encode(codec)) == text


def test_latin1_is_still_not_utf8_and_not_read_as_utf16():
    with pytest.raises(UnreadableFile, match="not UTF-8"):
        decode_bytes(("Caf\u00e9 owners in Li\u00e8ge said the r\u00e9gion's plan works.\n" * 20).encode("latin-1"))
