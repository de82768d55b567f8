"""Timing shared by the Python peers of tests/bench/*_bench.ts: one warm-up run, then n
timed runs; `emit()` prints one JSON object {bench name: {"min": s, "median": s}} that
tests/bench/compare.ts reads."""
import json
import time

_results = {}


def timed(name, fn, n=3):
    fn()  # warm-up
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    _results[name] = {"min": times[0], "median": times[len(times) // 2]}


def emit():
    print(json.dumps(_results))
