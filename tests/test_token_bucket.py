"""The web edge's rationing, as arithmetic: a bucket per client, and one pace for everyone."""

from __future__ import annotations

from bot.core.token_bucket import Buckets, Pace, Rate, retry_after


def test_a_client_past_its_burst_waits_for_the_refill_and_others_do_not() -> None:
    buckets = Buckets(Rate(burst=3, per_second=0.5))
    assert [buckets.take("a", 0.0) for _ in range(3)] == [0, 0, 0]
    assert buckets.take("a", 0.0) == 2.0
    assert buckets.take("b", 0.0) == 0
    assert buckets.take("a", 2.0) == 0  # one token back after 2 s
    assert retry_after(0.2) == "1" and retry_after(2.01) == "3"


def test_the_least_recently_seen_clients_are_forgotten() -> None:
    buckets = Buckets(Rate(burst=1, per_second=1), most=2)
    for key in "abc":
        buckets.take(key, 0.0)
    assert buckets.take("a", 0.0) == 0  # forgotten, so a full bucket again
    assert buckets.take("c", 0.0) == 1.0


def test_a_flood_queues_at_the_pace_and_past_the_longest_wait_is_refused() -> None:
    pace = Pace(Rate(burst=2, per_second=10), longest=0.25)
    waits = [pace.reserve(0.0) for _ in range(6)]
    assert waits == [0, 0, 0.1, 0.2, None, None]  # a refused request takes no token
    assert pace.reserve(10.0) == 0  # refilled


def test_a_bucket_refills_at_its_rate_from_its_last_request() -> None:
    buckets = Buckets(Rate(burst=2, per_second=0.5))
    t = 1000.0
    assert [buckets.take("a", t), buckets.take("a", t)] == [0, 0]
    assert buckets.take("a", t + 1.0) == 1.0  # half a token back; the other half takes 1 s
    assert buckets.take("a", t + 2.0) == 0  # a whole token by now


def test_ten_thousand_clients_are_remembered_by_default() -> None:
    buckets = Buckets(Rate(burst=1, per_second=0.001))
    for k in range(10_001):
        buckets.take(str(k), 0.0)
    assert buckets.take("1", 0.0) > 0  # still remembered as spent
    assert buckets.take("0", 0.0) == 0  # the oldest was forgotten


def test_the_pace_refills_from_the_last_request_and_takes_a_wait_of_exactly_the_longest() -> None:
    pace = Pace(Rate(burst=1, per_second=1), longest=5.0)
    assert pace.reserve(1000.0) == 0
    assert pace.reserve(1000.5) == 0.5
    edge = Pace(Rate(burst=1, per_second=4), longest=0.25)
    assert [edge.reserve(0.0), edge.reserve(0.0)] == [0, 0.25]
