"""pandas peer for tests/bench/rolling_bench.ts: same data (raw float64 from the bench's
seeded generator, path in argv[1]), same windows; prints {bench name: median seconds}."""
import json
import sys
import time

import numpy as np
import pandas as pd

x = pd.Series(np.fromfile(sys.argv[1], dtype="<f8"))
out = {}


def timed(name, fn, n):
    fn()  # warm-up
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    out[name] = float(np.median(times))


def zscore(w):
    r = x.rolling(w)
    return (x - r.mean()) / r.std()


for w in (20, 5000):
    timed(f"rollingMean w={w}", lambda: x.rolling(w).mean(), 3)
    timed(f"rollingStd w={w}", lambda: x.rolling(w).std(), 3)
    timed(f"rollingZscore w={w}", lambda: zscore(w), 3)
    timed(f"rollingRank w={w}", lambda: x.rolling(w).rank(pct=True), 1)

print(json.dumps(out))
