"""numpy/pandas peer for tests/bench/backtest_bench.ts, on the same data (the bench's seeded
series as raw float64, path in argv[1]; the first 1,000,000 and 2,000 values are used).

1. "backtest 1M bars commission+stop": the same job as quantbook's backtest(): SMA(20, 100)
   crossover targets (+1/-1, NaN = keep), fills at the next open, fractional units sized from
   all equity with the commission budgeted, 0.02 % commission per fill, a 0.5 % stop-loss from
   the entry fill checked on each bar's low/high (fill at the stop or at a gapping open, then
   flat until the next signal), the last position closed at the last close, then equity,
   returns, drawdown and the same statistics. Vectorized with numpy where the job allows it:
   signals, per-segment stop search (np.argmax on each segment's lows/highs), per-bar equity;
   a Python loop runs only over trades, which compound.
2. "smaCrossSweep 10k combos x 2k bars": SMA(fast 2..101, slow 110..209) crossovers with the
   same conventions, batched as 2-D numpy arrays (one batch per fast window), with total
   return, annualized return and volatility, Sharpe, Sortino, max drawdown, trade count and
   exposure per combination.

Prints one JSON object {bench name: {"min", "median"} seconds}."""
import sys

import numpy as np
import pandas as pd

from _peer_timing import emit, timed

def bars(n, raw=None):
    if raw is None:
        raw = np.fromfile(sys.argv[1], dtype="<f8")
    close = raw[:n].copy()
    open_ = np.concatenate(([close[0]], close[:-1]))
    high = np.maximum(open_, close) * 1.001
    low = np.minimum(open_, close) * 0.999
    return open_, high, low, close


def cross_targets(close, fast, slow):
    f = pd.Series(close).rolling(fast).mean().to_numpy()
    s = pd.Series(close).rolling(slow).mean().to_numpy()
    up = np.zeros(len(close), bool)
    down = np.zeros(len(close), bool)
    up[1:] = (f[:-1] < s[:-1]) & (f[1:] > s[1:])
    down[1:] = (f[:-1] > s[:-1]) & (f[1:] < s[1:])
    t = np.full(len(close), np.nan)
    t[up] = 1.0
    t[down] = -1.0
    return t


def stats(equity, close, bars_per_year):
    r = equity[1:] / equity[:-1] - 1
    sd = r.std(ddof=1)
    peak = np.maximum.accumulate(equity)
    dd = equity / peak - 1
    downside = np.sqrt(np.mean(np.minimum(r, 0) ** 2))
    rc = close[1:] / close[:-1] - 1
    beta = np.cov(r, rc)[0, 1] / rc.var(ddof=1)
    return {
        "totalReturnPct": (equity[-1] / equity[0] - 1) * 100,
        "annReturnPct": ((equity[-1] / equity[0]) ** (bars_per_year / len(r)) - 1) * 100,
        "annVolatilityPct": sd * np.sqrt(bars_per_year) * 100,
        "sharpe": r.mean() / sd * np.sqrt(bars_per_year),
        "sortino": r.mean() / downside * np.sqrt(bars_per_year),
        "maxDrawdownPct": dd.min() * 100,
        "beta": beta,
    }


def backtest_1m(open_, high, low, close, targets, rate=0.0002, stop=0.005, cash0=10_000.0):
    n = len(close)
    # Fills: the bar after each target change (NaN = keep), at its open.
    idx = np.flatnonzero(~np.isnan(targets))
    vals = targets[idx]
    keep = np.concatenate(([True], vals[1:] != vals[:-1]))
    fill_bars, sides = idx[keep] + 1, vals[keep]
    ok = fill_bars < n
    fill_bars, sides = fill_bars[ok], sides[ok]
    nexts = np.concatenate((fill_bars[1:], [n]))
    # Trades compound, so the loop runs over trades; each stop search is vectorized.
    k = len(fill_bars)
    units, cash_in, cash_out = np.zeros(k), np.zeros(k), np.zeros(k)
    start, end, pnl = np.zeros(k, np.int64), np.zeros(k, np.int64), np.zeros(k)
    cash_now = cash0
    for j in range(k):
        b, side, nxt = fill_bars[j], sides[j], nexts[j]
        price = open_[b]
        u = side * cash_now / (price * (1 + rate))
        fee_in = rate * abs(u) * price
        cash_now -= u * price + fee_in
        level = price * (1 - side * stop)
        seg = low[b:nxt] <= level if side > 0 else high[b:nxt] >= level
        if seg.any():
            e = b + int(np.argmax(seg))
            exit_price = min(open_[e], level) if side > 0 else max(open_[e], level)
        elif nxt < n:
            e, exit_price = nxt, open_[nxt]
        else:
            e, exit_price = n - 1, close[n - 1]
        units[j], cash_in[j], start[j], end[j] = u, cash_now, b, e
        fee_out = rate * abs(u) * exit_price
        cash_now += u * exit_price - fee_out
        cash_out[j] = cash_now
        pnl[j] = u * (exit_price - price) - fee_in - fee_out
    # Per-bar equity: units held at the close of bars [start, end), cash piecewise constant.
    marks = np.zeros(n + 1)
    np.add.at(marks, start, units)
    np.add.at(marks, end, -units)
    held = np.cumsum(marks[:n])
    at = np.concatenate((end, start))
    kind = np.concatenate((np.zeros(k), np.ones(k)))  # exits before entries on a bar
    order = np.lexsort((kind, at))
    ev_bar, ev_cash = at[order], np.concatenate((cash_out, cash_in))[order]
    pos = np.searchsorted(ev_bar, np.arange(n), side="right") - 1
    cash = np.where(pos >= 0, ev_cash[np.maximum(pos, 0)], cash0)
    equity = cash + held * close
    out = stats(equity, close, 365)
    out["numTrades"] = k
    out["winRatePct"] = (pnl > 0).mean() * 100
    out["profitFactor"] = pnl[pnl > 0].sum() / -pnl[pnl < 0].sum()
    out["endValue"] = equity[-1]
    return equity, out


def sweep(open_, close, fasts, slows, rate=0.001, cash0=10_000.0, bars_per_year=365):
    n = len(close)
    smas = {w: pd.Series(close).rolling(w).mean().to_numpy() for w in set(fasts) | set(slows)}
    S = np.stack([smas[w] for w in slows])  # (slows, n)
    ret_oc = close / open_ - 1  # entry bar: open -> close
    ret_cc = np.empty(n)
    ret_cc[0] = 0
    ret_cc[1:] = close[1:] / close[:-1] - 1
    rows = []
    for fw in fasts:
        F = smas[fw][None, :]
        up = np.zeros(S.shape, bool)
        dn = np.zeros(S.shape, bool)
        up[:, 1:] = (F[:, :-1] < S[:, :-1]) & (F[:, 1:] > S[:, 1:])
        dn[:, 1:] = (F[:, :-1] > S[:, :-1]) & (F[:, 1:] < S[:, 1:])
        sig = np.where(up, 1.0, np.where(dn, -1.0, np.nan))
        pos = pd.DataFrame(sig.T).ffill().fillna(0).to_numpy().T  # target after each close
        held = np.zeros_like(pos)
        held[:, 1:] = pos[:, :-1]  # position held during bar i (filled at its open)
        prev = np.zeros_like(held)
        prev[:, 1:] = held[:, :-1]
        changed = held != prev
        # Bar return: open->close on entry bars, close->close otherwise, minus commission.
        bar_ret = np.where(changed, held * ret_oc, held * ret_cc)
        gap = np.where(changed, prev * (open_ / np.concatenate(([close[0]], close[:-1])) - 1), 0)
        costs = rate * (np.abs(held - prev))
        r = (1 + gap) * (1 + bar_ret) - 1 - costs
        r[:, -1] -= rate * np.abs(held[:, -1])  # close at the end
        equity = cash0 * np.cumprod(1 + r, axis=1)
        rr = r[:, 1:]
        sd = rr.std(axis=1, ddof=1)
        mean = rr.mean(axis=1)
        down = np.sqrt(np.mean(np.minimum(rr, 0) ** 2, axis=1))
        peak = np.maximum.accumulate(equity, axis=1)
        maxdd = (equity / peak - 1).min(axis=1)
        trades = (changed & (held != 0)).sum(axis=1)
        rows.append(np.column_stack([
            np.full(len(slows), fw), slows, equity[:, -1],
            (equity[:, -1] / cash0 - 1) * 100,
            ((equity[:, -1] / cash0) ** (bars_per_year / (n - 1)) - 1) * 100,
            sd * np.sqrt(bars_per_year) * 100,
            mean / sd * np.sqrt(bars_per_year),
            mean / down * np.sqrt(bars_per_year),
            maxdd * 100, trades, (held != 0).mean(axis=1) * 100,
        ]))
    return np.vstack(rows)



def main():
    o1, h1, l1, c1 = bars(1_000_000)
    t1 = cross_targets(c1, 20, 100)
    timed("backtest 1M bars commission+stop", lambda: backtest_1m(o1, h1, l1, c1, t1), 3)
    if len(sys.argv) > 2:  # debug: the statistics, to compare with quantbook's
        print(backtest_1m(o1, h1, l1, c1, t1)[1], file=sys.stderr)
    o2, _, _, c2 = bars(2_000)
    timed("smaCrossSweep 10k combos x 2k bars",
          lambda: sweep(o2, c2, list(range(2, 102)), np.arange(110, 210)), 3)
    emit()


if __name__ == "__main__":
    main()
