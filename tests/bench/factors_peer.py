"""pandas peer for tests/bench/factors_bench.ts: the first 2,000,000 values of the shared
bench series (raw float64, path in argv[1]), the usual pandas idioms for each indicator;
prints {bench name: {"min", "median"} seconds}. wma n=5000 has no peer: pandas has no weighted
rolling mean and rolling(...).apply is per-window Python."""
import sys

import numpy as np
import pandas as pd

from _peer_timing import emit, timed

N = 2_000_000
close = pd.Series(np.fromfile(sys.argv[1], dtype="<f8", count=N))
high = close * 1.001
low = close * 0.999



def rsi(n):
    d = close.diff()
    gain = d.clip(lower=0).ewm(alpha=1 / n, adjust=False).mean()
    loss = (-d).clip(lower=0).ewm(alpha=1 / n, adjust=False).mean()
    return 100 - 100 / (1 + gain / loss)


def atr(n):
    pc = close.shift(1)
    tr = pd.concat([high - low, (high - pc).abs(), (low - pc).abs()], axis=1).max(axis=1)
    return tr.ewm(alpha=1 / n, adjust=False).mean()


def wma(n):
    w = np.arange(1, n + 1, dtype=float)
    return np.convolve(close.to_numpy(), w[::-1], mode="valid") / w.sum()


def bollinger(n, k):
    r = close.rolling(n)
    m, s = r.mean(), r.std(ddof=0)
    return m, m + k * s, m - k * s


def macd(f, s, g):
    line = close.ewm(span=f, adjust=False).mean() - close.ewm(span=s, adjust=False).mean()
    sig = line.ewm(span=g, adjust=False).mean()
    return line, sig, line - sig


def stochastic(k, ks, ds):
    ll = low.rolling(k).min()
    hh = high.rolling(k).max()
    kk = (100 * (close - ll) / (hh - ll)).rolling(ks).mean()
    return kk, kk.rolling(ds).mean()


timed("ema n=14", lambda: close.ewm(span=14, adjust=False).mean())
timed("rsi n=14", lambda: rsi(14))
timed("atr n=14", lambda: atr(14))
timed("wma n=20", lambda: wma(20))
timed("bollinger n=20 k=2", lambda: bollinger(20, 2))
timed("macd 12/26/9", lambda: macd(12, 26, 9))
timed("stochastic 14/3/3", lambda: stochastic(14, 3, 3))

emit()
