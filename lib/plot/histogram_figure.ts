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
  /**
   * Number of equal-width bins between the smallest and largest return (default 30); the
   * edges are shifted so that 0 is an edge, which can add one bin.
   */
  bins?: number;
  /** Figure title (default `"Trade returns (N trades)"`). */
  title?: string;
  /** Figure height in pixels (default 360). */
  height?: number;
}

/**
 * A histogram of trade returns in percent: losing bins red, winning bins green (0 is always
 * a bin edge), with a labelled line at the mean. Takes the returns, or a trade ledger with a `returnPct` column
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
  const { centers, counts, width } = zeroAlignedHistogram(finite, bins);
  const mean = finite.reduce((a, b) => a + b, 0) / (finite.length || 1);
  return makeFigure([{
    type: "bar",
    name: "trades",
    x: centers,
    y: counts,
    width: centers.map(() => width * 0.95),
    marker: { color: centers.map((c) => (c < 0 ? palette.down : palette.up)) },
    customdata: centers.map((c) => [c - width / 2, c + width / 2]),
    hovertemplate: "%{customdata[0]:.2f}% to %{customdata[1]:.2f}%<br>%{y} trade(s)<extra></extra>",
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
    annotations: finite.length
      ? [{
        text: `mean ${mean.toFixed(2)}%`,
        x: mean,
        xanchor: "left",
        yref: "paper",
        y: 1,
        yanchor: "top",
        showarrow: false,
        font: { size: 11, color: "#333" },
      }]
      : [],
  });
}

/**
 * Equal-width bins about `bins` wide over the values' range, with edges on multiples of the
 * width so that 0 is always an edge: no bin mixes losses and wins, so its colour is honest.
 */
function zeroAlignedHistogram(
  values: number[],
  bins: number,
): { centers: number[]; counts: number[]; width: number } {
  if (values.length === 0) return { centers: [], counts: [], width: 1 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi === lo) return { centers: [lo], counts: [values.length], width: 1 };
  const width = (hi - lo) / bins;
  const start = Math.floor(lo / width) * width;
  const used = Math.max(1, Math.ceil((hi - start) / width - 1e-9));
  const counts = new Array<number>(used).fill(0);
  for (const v of values) {
    counts[Math.min(used - 1, Math.floor((v - start) / width + 1e-9))]++;
  }
  const centers = counts.map((_, b) => start + (b + 0.5) * width);
  return { centers, counts, width };
}

function toReturns(returns: ArrayLike<number> | { returnPct: ArrayLike<number> }): number[] {
  const values = returns !== null && typeof returns === "object" && "returnPct" in returns
    ? returns.returnPct
    : returns;
  assertNumeric("returns", values);
  return Array.from(values as ArrayLike<number>);
}
