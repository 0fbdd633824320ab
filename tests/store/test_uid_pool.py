"""Identical spans get uid, uid-2, uid-3 ... in linear steps (issue 20: an
.ann of thousands of identical T lines took minutes: each new copy tried every
suffix from 2 again, k² set lookups)."""
from __future__ import annotations

from store.schema_v4 import UsedUids, unique_uid


class CountingUids(UsedUids):
    lookups = 0

    def __contains__(self, item) -> bool:
        CountingUids.lookups += 1
        return super().__contains__(item)


def test_identical_spans_cost_linear_lookups_and_keep_the_suffix_sequence():
    used = CountingUids()
    given = [unique_uid("abc", used) for _ in range(3000)]
    assert given[:3] == ["abc", "abc-2", "abc-3"] and given[-1] == "abc-3000"
    assert len(set(given)) == 3000
    assert CountingUids.lookups < 2 * 3000  # k² would be 4.5 million


def test_a_base_that_looks_like_a_suffixed_uid_does_not_collide():
    used = UsedUids()
    assert [unique_uid(u, used) for u in ("a", "a-2", "a", "a", "a-2")] == ["a", "a-2", "a-3", "a-4", "a-2-2"]
