import assert from "node:assert/strict";
import {
  equityFigure,
  figureMimeBundle,
  indicatorFigure,
  jupyterDisplaySymbol,
  lineFigure,
  priceFigure,
  sentimentFigure,
  sweepHeatmapFigure,
  tradeReturnsFigure,
} from "../lib/plot/mod.ts";

const DAY = 86_400e6;
const t0 = Date.UTC(2024, 0, 1) * 1000;
const timestamp = Float64Array.from({ length: 5 }, (_, i) => t0 + i * DAY);
const close = new Float64Array([100, 102, 101, 105, 104]);
const bars = {
  timestamp,
  open: new Float64Array([99, 100, 102, 101, 105]),
  high: new Float64Array([101, 103, 103, 106, 106]),
  low: new Float64Array([98, 99, 100, 100, 103]),
  close,
  volume: new Float64Array([10, 11, 12, 13, 14]),
};

Deno.test("priceFigure draws candles with trade markers and a volume panel", () => {
  const fig = priceFigure(bars, {
    title: "BTC",
    volume: true,
    overlays: { sma2: new Float64Array([NaN, 101, 101.5, 103, 104.5]) },
    trades: {
      entryTime: new Float64Array([timestamp[1], timestamp[3]]),
      entryPrice: new Float64Array([100, 101]),
      exitTime: new Float64Array([timestamp[3], NaN]),
      exitPrice: new Float64Array([101, NaN]),
      size: new Float64Array([2, -1]),
      returnPct: new Float64Array([1, NaN]),
    },
  });
  assert.deepEqual(fig.data.map((t) => [t.type, t.name]), [
    ["candlestick", "price"],
    ["scatter", "sma2"],
    ["scatter", "long entries"],
    ["scatter", "short entries"],
    ["scatter", "exits"],
    ["bar", "volume"],
  ]);
  const candles = fig.data[0];
  // Zone-less UTC strings: plotly.js would shift epoch numbers to the viewer's time zone.
  assert.deepEqual(candles.x, [
    "2024-01-01 00:00:00",
    "2024-01-02 00:00:00",
    "2024-01-03 00:00:00",
    "2024-01-04 00:00:00",
    "2024-01-05 00:00:00",
  ]);
  assert.deepEqual(candles.close, [100, 102, 101, 105, 104]);
  assert.deepEqual(fig.data[1].y, [null, 101, 101.5, 103, 104.5]);
  const [longs, shorts, exits] = fig.data.slice(2, 5) as {
    x: string[];
    y: number[];
    text: string[];
    marker: { symbol: string };
  }[];
  assert.deepEqual(longs.x, ["2024-01-02 00:00:00"]);
  assert.deepEqual(longs.text, ["long entry #1 (1.00%)"]);
  assert.equal(longs.marker.symbol, "triangle-up");
  assert.deepEqual(shorts.x, ["2024-01-04 00:00:00"]);
  assert.deepEqual(shorts.y, [101]);
  assert.equal(shorts.marker.symbol, "triangle-down");
  assert.deepEqual(exits.x, ["2024-01-04 00:00:00"]);
  assert.equal(fig.data[5].yaxis, "y2");
  const xaxis = fig.layout.xaxis as { type: string; title: { text: string } };
  assert.equal(xaxis.type, "date");
  assert.equal(xaxis.title.text, "time (UTC)");
  // The bars' span plus half a bar each side (plotly would pad marker charts by 5%).
  assert.deepEqual((xaxis as unknown as { range: string[] }).range, [
    "2023-12-31 12:00:00",
    "2024-01-05 12:00:00",
  ]);
  // The title is pinned to the top of the figure, the legend to the top of the plot area.
  assert.deepEqual(fig.layout.title, {
    text: "BTC",
    x: 0.01,
    xanchor: "left",
    yref: "container",
    y: 1,
    yanchor: "top",
    pad: { t: 14 },
  });
  assert.deepEqual(fig.layout.legend, { orientation: "h", x: 0, y: 1, yanchor: "bottom" });
});

Deno.test("figure times keep milliseconds and microseconds, and NaN times are gaps", () => {
  const t = new Float64Array([t0 + 1_500, t0 + 123_456, NaN]);
  const fig = lineFigure(t, { x: new Float64Array([1, 2, 3]) });
  assert.deepEqual(fig.data[0].x, [
    "2024-01-01 00:00:00.001500",
    "2024-01-01 00:00:00.123456",
    null,
  ]);
});

Deno.test("priceFigure falls back to a close line and validates its input", () => {
  const line = priceFigure({ timestamp, close });
  assert.equal(line.data[0].type, "scatter");
  assert.equal(priceFigure(bars, { style: "line" }).data[0].type, "scatter");
  assert.throws(() => priceFigure({ timestamp, close }, { style: "candles" }), /needs price.open/);
  assert.throws(
    () => priceFigure({ timestamp, close: new Float64Array(3) }),
    /price.close has length 3 but the time axis has 5/,
  );
  const bad = { entryTime: new Float64Array([NaN]), entryPrice: new Float64Array([1]) };
  assert.throws(
    () => priceFigure({ timestamp, close }, { trades: bad }),
    /trades\[0\] needs a finite entryTime/,
  );
  assert.throws(
    () => priceFigure({ timestamp, close }, { trades: { ...bad, size: new Float64Array(2) } }),
    /trades.size has length 2 but trades.entryTime has 1/,
  );
  assert.throws(() => priceFigure({ timestamp, close }, { volume: true }), /needs price.volume/);
});

Deno.test("figures are plain plotly JSON with a Jupyter plotly mime bundle", () => {
  const fig = equityFigure(timestamp, new Float64Array([100, 110, 99, 120, 108]), {
    prices: close,
    title: "Equity",
  });
  const json = JSON.parse(JSON.stringify(fig));
  assert.deepEqual(Object.keys(json), ["data", "layout"]);
  const bundle = fig[jupyterDisplaySymbol]();
  assert.deepEqual(bundle["application/vnd.plotly.v1+json"], json);
  assert.match(bundle["text/html"] as string, /newPlot\("quantbook-fig-/);
  assert.doesNotMatch(bundle["text/html"] as string, /<\/script>[^]*<\/script>[^]*<\/script>/);
  assert.match(bundle["text/plain"] as string, /Figure "Equity" with 3 trace\(s\)/);
  assert.deepEqual(figureMimeBundle(fig)["application/vnd.plotly.v1+json"], json);
});

Deno.test("equityFigure: buy & hold from prices and drawdown in percent", () => {
  const equity = new Float64Array([NaN, 100, 120, 90, 126]);
  const fig = equityFigure(timestamp, equity, { prices: close });
  assert.deepEqual(fig.data.map((t) => t.name), ["strategy", "buy & hold", "drawdown"]);
  const bh = fig.data[1].y as (number | null)[];
  assert.equal(bh[0], null);
  assert.equal(bh[1], 100);
  assert.ok(Math.abs(bh[3]! - (100 / 102) * 105) < 1e-9);
  assert.deepEqual(fig.data[2].y, [null, 0, 0, -25, 0]);
});

Deno.test("lineFigure stacks panels with reference levels; indicatorFigure adds panels", () => {
  const fig = lineFigure(timestamp, {
    momentum: new Float64Array([NaN, 0.1, -0.2, 0.3, 0]),
    volatility: new Float64Array([NaN, NaN, 0.5, 0.6, 0.7]),
  }, { stacked: true, levels: [0] });
  assert.deepEqual(fig.data.map((t) => t.yaxis), ["y", "y2"]);
  assert.ok(fig.layout.yaxis2);
  assert.equal((fig.layout.shapes as unknown[]).length, 2);
  // Stacked panels are named inside their top-left corner, not by a rotated axis title.
  assert.equal(fig.layout.showlegend, false);
  const labels = fig.layout.annotations as { text: string; yref: string; y: number }[];
  assert.deepEqual(labels.map((a) => a.text), ["momentum", "volatility"]);
  assert.deepEqual(labels.map((a) => a.y), [
    1,
    (fig.layout.yaxis2 as { domain: number[] }).domain[1],
  ]);
  assert.equal((fig.layout.yaxis as { title?: unknown }).title, undefined);
  const single = lineFigure(timestamp, { a: close, b: close }, { yTitle: "price" });
  assert.equal(single.layout.showlegend, undefined);
  assert.deepEqual((single.layout.yaxis as { title: unknown }).title, { text: "price" });
  assert.throws(() => lineFigure(timestamp, {}), /series is empty/);
  // Levels by series name go on that series' panel only.
  const perPanel = lineFigure(timestamp, { momentum: close, volatility: close }, {
    stacked: true,
    levels: { volatility: [0.5, 1] },
  });
  assert.deepEqual(
    (perPanel.layout.shapes as { yref: string; y0: number }[]).map((l) => [l.yref, l.y0]),
    [["y2", 0.5], ["y2", 1]],
  );

  const ind = indicatorFigure(bars, {
    overlays: { upper: close, lower: close },
    panels: { RSI: { rsi: close }, MACD: { macd: close, signal: close } },
    levels: { RSI: [30, 70] },
  });
  assert.deepEqual(ind.data.map((t) => t.name), [
    "price",
    "upper",
    "lower",
    "rsi",
    "macd",
    "signal",
  ]);
  assert.deepEqual(ind.data.slice(3).map((t) => t.yaxis), ["y2", "y3", "y3"]);
  assert.equal((ind.layout.shapes as { yref: string }[])[0].yref, "y2");
});

Deno.test("sweepHeatmapFigure pivots a sweep table and reduces duplicate cells", () => {
  const table = {
    fast: new Float64Array([10, 5, 5, 10, 10]),
    slow: new Float64Array([20, 20, 40, 20, 40]),
    stop: new Float64Array([1, 1, 1, 2, 1]),
    sharpe: new Float64Array([0.5, 1, NaN, 0.9, -0.2]),
  };
  const fig = sweepHeatmapFigure(table, { x: "fast", y: "slow", z: "sharpe" });
  assert.deepEqual(fig.data[0].x, [5, 10]);
  assert.deepEqual(fig.data[0].y, [20, 40]);
  assert.deepEqual(fig.data[0].z, [[1, 0.9], [null, -0.2]]);
  const mean = sweepHeatmapFigure(table, { x: "fast", y: "slow", z: "sharpe", reduce: "mean" });
  assert.ok(Math.abs((mean.data[0].z as number[][])[0][1] - 0.7) < 1e-12);
  // Colours are centred on 0 by default (red = below 0), or stretched with midpoint: null.
  assert.equal(fig.data[0].zmid, 0);
  const stretched = sweepHeatmapFigure(table, {
    x: "fast",
    y: "slow",
    z: "sharpe",
    midpoint: null,
  });
  assert.equal("zmid" in stretched.data[0], false);
  assert.throws(
    () => sweepHeatmapFigure(table, { x: "fast", y: "slow", z: "sortino" }),
    /column "sortino".*columns are: fast, slow, stop, sharpe/,
  );
});

Deno.test("tradeReturnsFigure bins returns and colours losses red", () => {
  const fig = tradeReturnsFigure({ returnPct: new Float64Array([-2, 2, 1]) }, {
    bins: 2,
  });
  assert.deepEqual(fig.data[0].x, [-1, 1]);
  assert.deepEqual(fig.data[0].y, [1, 2]);
  const colors = (fig.data[0].marker as { color: string[] }).color;
  assert.notEqual(colors[0], colors[1]);
  assert.equal(tradeReturnsFigure(new Float64Array([]))!.data[0].type, "bar");
  assert.deepEqual(tradeReturnsFigure(new Float64Array([3, 3])).data[0].y, [2]);
  assert.throws(() => tradeReturnsFigure(new Float64Array([1]), { bins: 0 }), /bins must be/);
  // 0 is always a bin edge: no bin mixes a loss with a win.
  const shifted = tradeReturnsFigure(new Float64Array([-1, -0.2, 0.3, 2]), { bins: 3 });
  const centers = shifted.data[0].x as number[];
  const width = 1; // (2 - -1) / 3
  assert.deepEqual(centers.map((c) => Math.round(c * 1e9) / 1e9), [-0.5, 0.5, 1.5]);
  assert.deepEqual(shifted.data[0].y, [2, 1, 1]);
  assert.deepEqual(shifted.data[0].customdata, centers.map((c) => [c - width / 2, c + width / 2]));
  const mean = (shifted.layout.annotations as { text: string; x: number }[])[0];
  assert.equal(mean.text, "mean 0.28%");
  assert.equal(mean.x, 0.275);
});

Deno.test("sentimentFigure plots events on a score panel and checks lengths", () => {
  const events = {
    timestamp: new Float64Array([timestamp[1] + 5e6, timestamp[3]]),
    score: new Float64Array([0.8, -0.4]),
    text: ["ETF inflows", "exchange hack"],
  };
  const fig = sentimentFigure({ timestamp, close }, events, {
    barScore: new Float64Array([NaN, NaN, 0.8, 0.8, -0.4]),
  });
  // Bullish and bearish events are separate legend entries (no neutral one here).
  assert.deepEqual(fig.data.map((t) => [t.name, t.yaxis]), [
    ["close", undefined],
    ["bullish events", "y2"],
    ["bearish events", "y2"],
    ["score seen by bars", "y2"],
  ]);
  assert.deepEqual(fig.data[1].text, ["ETF inflows"]);
  assert.deepEqual(fig.data[1].x, ["2024-01-02 00:00:05"]);
  assert.deepEqual(fig.data[2].text, ["exchange hack"]);
  assert.deepEqual(fig.data[2].y, [-0.4]);
  assert.throws(
    () => sentimentFigure({ timestamp, close }, { ...events, score: new Float64Array(1) }),
    /events.score has length 1/,
  );
});
