"""pandas peer for tests/bench/tardis_bench.ts: the same seeded 1,000,000-row trades
.csv.gz (written by the bench under $TMPDIR/quantbook-tardis-bench, generated here through
deno if missing), parsed by pandas read_csv (C engine); gzip alone as the floor; 1-minute
OHLCV bars with resample. Prints {bench name: median seconds} as one JSON object."""
import gzip
import json
import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DIR = os.path.join(os.environ.get("TMPDIR", "/tmp"), "quantbook-tardis-bench")
PATH = os.path.join(DIR, "binance-futures_trades_2024-03-01_BTCUSDT.csv.gz")

if not os.path.exists(PATH):
    mod = "file://" + os.path.join(HERE, "..", "..", "lib", "tardis", "mod.ts")
    code = (
        f'import {{ writeSampleDatasets }} from "{mod}";'
        f'await writeSampleDatasets({{ dir: "{DIR}", tradesPerDay: 1_000_000, '
        'dataTypes: ["trades"], seed: 42 });'
    )
    subprocess.run(["deno", "eval", code], check=True)

out = {}


def timed(name, fn, n):
    fn()  # warm-up
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    out[name] = float(np.median(times))


def gunzip():
    with gzip.open(PATH, "rb") as f:
        while f.read(1 << 20):
            pass


timed("parse 1M trades csv.gz", lambda: pd.read_csv(PATH), 5)
timed("gunzip 1M trades csv.gz (floor)", gunzip, 5)

df = pd.read_csv(PATH)
ts = pd.to_datetime(df["timestamp"], unit="us")
frame = pd.DataFrame({"price": df["price"].values, "amount": df["amount"].values}, index=ts)


def bars():
    r = frame.resample("1min")
    ohlc = r["price"].ohlc()
    ohlc["volume"] = r["amount"].sum()
    return ohlc


timed("tradeBars 1m on 1M trades", bars, 10)
print(json.dumps(out))
