"""pandas peer for tests/bench/tardis_bench.ts: the same seeded 1,000,000-row trades
.csv.gz (written by the bench under $TMPDIR/quantbook-tardis-bench, generated here through
deno if missing), parsed by pandas read_csv (C engine); gzip alone as the floor; 1-minute
bars with resample (OHLC, volume, buy/sell volume, count, vwap like tradeBars). Prints {bench name: {"min", "median"} seconds} as one JSON object."""
import gzip
import os
import subprocess
import sys

import numpy as np
import pandas as pd

from _peer_timing import emit, timed

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




def gunzip():
    with gzip.open(PATH, "rb") as f:
        while f.read(1 << 20):
            pass


timed("parse 1M trades csv.gz", lambda: pd.read_csv(PATH), 5)
timed("gunzip 1M trades csv.gz (floor)", gunzip, 5)

df = pd.read_csv(PATH)
ts = pd.to_datetime(df["timestamp"], unit="us")
amount = df["amount"].values
frame = pd.DataFrame(
    {
        "price": df["price"].values,
        "amount": amount,
        "buy": np.where(df["side"].values == "buy", amount, 0.0),
        "sell": np.where(df["side"].values == "sell", amount, 0.0),
        "notional": df["price"].values * amount,
    },
    index=ts,
)


def bars():
    # the same columns as tradeBars: OHLC, volume, buy/sell volume, trade count, vwap
    r = frame.resample("1min", label="right", closed="left")
    out = r["price"].ohlc()
    sums = r[["amount", "buy", "sell", "notional"]].sum()
    out["volume"] = sums["amount"]
    out["buyVolume"] = sums["buy"]
    out["sellVolume"] = sums["sell"]
    out["trades"] = r["price"].count()
    out["vwap"] = sums["notional"] / sums["amount"]
    return out


timed("tradeBars 1m on 1M trades", bars, 10)
emit()
