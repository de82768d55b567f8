import { makeFigure } from "./_figure.ts";
import { axis, baseLayout, palette, panelDomains, timeAxis } from "./_layout.ts";
import { lineTrace } from "./_line_trace.ts";
import { assertNumeric, assertSeries, microsToDates } from "./_series.ts";
import type { Figure, PlotlyTrace } from "./types.ts";

/**
 * Scored events for {@link sentimentFigure}: one entry per article/event.
 *
 * @example
 * ```ts
 * import type { SentimentEvents } from "@quantbook/sdk/plot";
 * const events: SentimentEvents = {
 *   timestamp: new Float64Array([30e6]),
 *   score: new Float64Array([0.6]),
 *   text: ["ETF inflows hit a record"],
 * };
 * ```
 */
export interface SentimentEvents {
  /** Event (publication) time, epoch microseconds UTC. */
  timestamp: Float64Array;
  /** Score in [-1, 1] (negative = bearish). */
  score: Float64Array;
  /** Hover text per event (headline, label, ...). */
  text?: readonly string[];
}

/**
 * Options for {@link sentimentFigure}.
 *
 * @example
 * ```ts
 * import type { SentimentFigureOptions } from "@quantbook/sdk/plot";
 * const opts: SentimentFigureOptions = { title: "News sentiment vs BTC" };
 * ```
 */
export interface SentimentFigureOptions {
  /** Figure title (default none). */
  title?: string;
  /**
   * The score as the strategy saw it on each bar (e.g. `asOfValues` with a latency), drawn
   * as a step line in the lower panel, to show that it changes only after each event.
   */
  barScore?: Float64Array;
  /** Figure height in pixels (default 520). */
  height?: number;
}

/**
 * Sentiment scores against price: the close line on top, each scored event as a marker
 * coloured from red (-1) to green (+1) in the lower panel (bullish, neutral and bearish
 * events as three legend entries; events with a NaN score are left out), plus the score
 * as seen by the bars when `barScore` is given.
 *
 * @example
 * ```ts
 * import { sentimentFigure } from "@quantbook/sdk/plot";
 * const price = { timestamp: new Float64Array([0, 60e6]), close: new Float64Array([100, 101]) };
 * const fig = sentimentFigure(price, {
 *   timestamp: new Float64Array([30e6]),
 *   score: new Float64Array([0.6]),
 * });
 * fig.data.map((t) => t.name); // ["close", "bullish events"]
 * ```
 */
export function sentimentFigure(
  price: { timestamp: Float64Array; close: Float64Array },
  events: SentimentEvents,
  options: SentimentFigureOptions = {},
): Figure {
  assertNumeric("price.timestamp", price?.timestamp);
  assertSeries("price.close", price.timestamp.length, price.close);
  assertNumeric("events.timestamp", events?.timestamp);
  assertNumeric("events.score", events.score);
  if (events.score.length !== events.timestamp.length) {
    throw new RangeError(
      `events.score has length ${events.score.length} but events.timestamp has ` +
        `${events.timestamp.length}: pass one score per event.`,
    );
  }
  if (events.text && events.text.length !== events.timestamp.length) {
    throw new RangeError(
      `events.text has length ${events.text.length} but events.timestamp has ` +
        `${events.timestamp.length}: pass one text per event or omit it.`,
    );
  }
  const x = microsToDates(price.timestamp);
  const eventTimes = microsToDates(events.timestamp);
  // Smaller markers when there are many events, so that neighbours stay apart.
  const markerSize = events.score.length > 150 ? 6 : 9;
  // One trace per sign, so that each legend entry shows its own colour; within a trace the
  // colour still grades with the score (red -1 ... green +1).
  const groups = [
    { name: "bullish events", keep: (v: number) => v > 0 },
    { name: "neutral events", keep: (v: number) => v === 0 },
    { name: "bearish events", keep: (v: number) => v < 0 },
  ];
  const data: PlotlyTrace[] = [
    lineTrace("close", x, price.close, { color: palette.strategy, width: 1.5 }),
    ...groups.map(({ name, keep }) => {
      const at = [...events.score.keys()].filter((i) => keep(events.score[i]));
      const score = at.map((i) => events.score[i]);
      return {
        type: "scatter",
        mode: "markers",
        name,
        x: at.map((i) => eventTimes[i]),
        y: score,
        text: events.text ? at.map((i) => events.text![i]) : undefined,
        yaxis: "y2",
        marker: {
          size: markerSize,
          color: score,
          colorscale: palette.diverging,
          cmin: -1,
          cmax: 1,
          line: { width: 0.5, color: "#333" },
        },
      };
    }).filter((trace) => trace.x.length > 0),
  ];
  if (options.barScore) {
    assertSeries("options.barScore", price.timestamp.length, options.barScore);
    data.push(
      lineTrace("score seen by bars", x, options.barScore, {
        shape: "hv",
        color: palette.benchmark,
        width: 1,
      }, { yaxis: "y2" }),
    );
  }
  const [top, bottom] = panelDomains(2, 0.62);
  return makeFigure(data, {
    ...baseLayout(options.title, options.height ?? 520),
    xaxis: timeAxis(price.timestamp, { anchor: "y2" }),
    yaxis: axis({ title: { text: "price" }, domain: top }),
    yaxis2: axis({ title: { text: "sentiment" }, domain: bottom, range: [-1.1, 1.1] }),
  });
}
