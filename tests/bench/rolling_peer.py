"""pandas peer for tests/bench/rolling_bench.ts: same data (raw float64 from the bench's
seeded generator, path in argv[1]), same windows; prints {bench name: {"min", "median"} seconds}."""
import sys

import numpy as np
import pandas as pd

from _peer_timing import emit, timed

x = pd.Series(np.fromfile(sys.argv[1], dtype="<f8"))



def zscore(w):
    r = x.rolling(w)
    return (x - r.mean()) / r.std()


for w in (20, 5000):
    timed(f"rollingMean w={w}", lambda: x.rolling(w).mean(), 3)
    timed(f"rollingStd w={w}", lambda: x.rolling(w).std(), 3)
    timed(f"rollingZscore w={w}", lambda: zscore(w), 3)
    timed(f"rollingRank w={w}", lambda: x.rolling(w).rank(pct=True), 1)

emit()
