"""The extraction benchmark's timing: rounds of all steps take turns, and the fastest counts."""

from __future__ import annotations

from bench import extract
from bench.extract import ROUNDS, Step, interleaved_timings


def test_rounds_of_all_steps_take_turns() -> None:
    calls: list[str] = []
    steps = {
        "extract": Step(lambda item: calls.append(f"extract:{item}"), [1, 2], 0.0),
        "bare": Step(lambda item: calls.append(f"bare:{item}"), [1], 0.0),
    }
    timings = interleaved_timings(steps)
    # one warm-up pass of each, then with seconds=0 every round is one pass over the items
    one_turn = ["extract:1", "extract:2", "bare:1"]
    assert calls == one_turn * (1 + ROUNDS)
    assert set(timings) == {"extract", "bare"}
    assert all(0 < seconds < 1 for seconds in timings.values())


def test_each_step_keeps_its_fastest_round(monkeypatch) -> None:
    # a fake clock that each pass of a step moves on by that pass's duration (the first: warm-up)
    durations = {"slow": [99, 10, 10, 1, 10, 10], "fast": [99, 2, 3, 2, 2, 2]}
    clock = [0.0]

    def step(name: str) -> Step:
        def run(_item: object) -> None:
            clock[0] += durations[name].pop(0)

        return Step(run, ["x"], 0.0)

    monkeypatch.setattr(extract.time, "process_time", lambda: clock[0])
    best = interleaved_timings({"slow": step("slow"), "fast": step("fast")})
    assert best == {"slow": 1.0, "fast": 2.0}
    assert durations == {"slow": [], "fast": []}
