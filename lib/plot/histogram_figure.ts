import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, palette } from "./_layout.ts";
import { assertNumeric } from "./_series.ts";
import type { Figure } from "./types.ts";

/**
 * Options for {@link tradeReturnsFigure}.
 *
 * @example
 * ```ts
 * import type { TradeReturnsFigureOptions } from "@quantbook/sdk/plot";
 * const opts: TradeReturnsFigureOptions = { bins: 20, title: "Trade returns" };
 * ```
 */
export interface TradeReturnsFigureOptions {
  /** Number of equal-width bins between the smallest and largest return (default 30). */
  bins?: number;
  /** Figure title (default `"Trade returns (N trades)"`). */
  title?: string;
  /** Figure height in pixels (default 360). */
  height?: number;
}

/**
 * A histogram of trade returns in percent: losing bins red, winning bins green, with a line
 * at the mean. Takes the returns, or a trade ledger with a `returnPct` column
 * (`backtest(...).trades`).
 *
 * @example
 * ```ts
 * import { tradeReturnsFigure } from "@quantbook/sdk/plot";
 * const fig = tradeReturnsFigure(new Float64Array([-2, 1.5, 3, 0.5]), { bins: 4 });
 * fig.data[0].type; // "bar"
 * ```
 */
export function tradeReturnsFigure(
  returns: ArrayLike<number> | { returnPct: ArrayLike<number> },
  options: TradeReturnsFigureOptions = {},
): Figure {
  const values = toReturns(returns);
  const bins = options.bins ?? 30;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`tradeReturnsFigure: options.bins must be an integer >= 1, got ${bins}.`);
  }
  const finite = values.filter(Number.isFinite);
  const centers: number[] = [];
  const counts: number[] = [];
  let width = 1;
  if (finite.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of finite) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    width = hi > lo ? (hi - lo) / bins : 1;
    const used = hi > lo ? bins : 1;
    for (let b = 0; b < used; b++) {
      centers.push(lo + (b + 0.5) * width);
      counts.push(0);
    }
    for (const v of finite) counts[Math.min(used - 1, Math.floor((v - lo) / width))]++;
    if (hi === lo) centers[0] = lo;
  }
  const mean = finite.reduce((a, b) => a + b, 0) / (finite.length || 1);
  return makeFigure([{
    type: "bar",
    name: "trades",
    x: centers,
    y: counts,
    width: centers.map(() => width * 0.95),
    marker: { color: centers.map((c) => (c < 0 ? palette.down : palette.up)) },
    hovertemplate: "return ≈ %{x:.2f}%<br>%{y} trade(s)<extra></extra>",
  }], {
    ...baseLayout(
      options.title ?? `Trade returns (${finite.length} trades)`,
      options.height ?? 360,
    ),
    hovermode: "closest",
    bargap: 0,
    xaxis: axis({ title: { text: "return per trade, %" } }),
    yaxis: axis({ title: { text: "trades" } }),
    shapes: finite.length
      ? [{
        type: "line",
        yref: "paper",
        y0: 0,
        y1: 1,
        x0: mean,
        x1: mean,
        line: { color: "#333", dash: "dash", width: 1 },
      }]
      : [],
  });
}

function toReturns(returns: ArrayLike<number> | { returnPct: ArrayLike<number> }): number[] {
  const values = returns !== null && typeof returns === "object" && "returnPct" in returns
    ? returns.returnPct
    : returns;
  assertNumeric("returns", values);
  return Array.from(values as ArrayLike<number>);
}
